"""The views of one language: each event, system and moment as its templates show it.

Built from the checked content and "now"; each event is prepared once and cached, since it is shown
on several pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, overload

from markupsafe import Markup

from ..domain.config import StatusSettings
from ..domain.model import Catalog, Event, Fallback, Lang, Status, Text, Update
from ..domain.update_keys import update_anchor, update_keys
from ..presentation import i18n
from ..presentation.markup import render_markdown
from ..presentation.urls import page_path
from ..state.phases import (
    Phase,
    SystemState,
    SystemStatus,
    actual_end,
    current_fallback,
    event_state,
    expected_end,
    phase,
)
from ..state.promises import (
    is_late,
    promised_end,
    promised_fallback_decision,
    promised_next_message,
)
from .view_models import EventView, Link, Moment, Page, Promised, SystemRef, SystemRow, UpdateView


class LanguageViews:
    """Builds the views of one language; caches per event so each is prepared once."""

    def __init__(
        self, lang: Lang, catalog: Catalog, settings: StatusSettings, now: dt.datetime
    ) -> None:
        self.lang = lang
        self.catalog = catalog
        self.settings = settings
        self.now = now
        self.tz = settings.tz
        self.site_url = settings.site_url
        self._events: dict[str, EventView] = {}
        self._moments: dict[dt.datetime, Moment] = {}
        self._systems = {s.id: self._system_ref(s.id) for s in catalog.systems}

    def url(self, kind: str, item_id: str = "") -> str:
        return self.site_url + page_path(kind, self.lang, item_id)

    def page(self, kind: str, template: str, title: str, item_id: str = "", **data: Any) -> Page:
        other: Lang = "en" if self.lang == "nl" else "nl"
        return Page(
            kind,
            template,
            self.lang,
            page_path(kind, self.lang, item_id),
            page_path(kind, other, item_id),
            title,
            data,
        )

    @overload
    def moment(self, value: dt.datetime) -> Moment: ...

    @overload
    def moment(self, value: dt.datetime | None) -> Moment | None: ...

    def moment(self, value: dt.datetime | None) -> Moment | None:
        if value is None:
            return None
        made = self._moments.get(value)  # an update's times recur: in its event, the next one
        if made is None:
            made = self._moments[value] = Moment(
                value.astimezone(self.tz).isoformat(timespec="minutes"),
                i18n.format_moment(value, self.lang, self.tz),
            )
        return made

    def text(self, value: Text | None) -> Markup | None:
        return None if value is None else render_markdown(value[self.lang])

    def system_ref(self, system_id: str) -> SystemRef:
        return self._systems[system_id]

    def elsewhere(self, href: str, text: str, page_lang: Lang) -> Link:
        """A link to another site's page in ``page_lang``; named as such when the reader reads
        another language."""
        note = "" if page_lang == self.lang else i18n.word(f"in_language_{page_lang}", self.lang)
        return Link(href, text, page_lang, note)

    def _system_ref(self, system_id: str) -> SystemRef:
        system = self.catalog.system(system_id)
        processes = tuple(self.catalog.process(p).name[self.lang] for p in system.processes)
        text = i18n.word("fallback_for", self.lang, system=system.short)
        own = system.fallback_procedure
        if own is None:
            fallback = Link(f"{self.url('fallback')}#system-{system.id}", text)
        else:
            href, page_lang = own.for_reader(self.lang)
            fallback = self.elsewhere(href, text, page_lang)
        return SystemRef(
            system.id,
            system.short,
            system.name[self.lang],
            self.url("system", system.id),
            fallback,
            processes,
            own is not None,
        )

    def system_row(self, status: SystemStatus) -> SystemRow:
        system = self._systems[status.system_id]
        label = i18n.label(i18n.STATE_LABELS, status.state, self.lang)
        events = tuple(self.event(e) for e in status.events)
        if status.state is SystemState.AVAILABLE or not status.events:
            return SystemRow(system, status.state.key, label, events)
        # What a trader needs next (the fallback procedure, the next message) comes from the
        # event that sets the system's state.
        worst = max(status.events, key=lambda e: (event_state(e, self.now), e.start, e.id))
        message = self.event(worst)
        short = f"{system.short}: {label[:1].lower()}{label[1:]}"  # "EMCS: onderhoud tot 16:00"
        if message.end_promised is not None:
            short += " " + i18n.word("until", self.lang, time=message.end_promised.short)
        return SystemRow(system, status.state.key, label, events, short, message)

    def promised(self, value: dt.datetime | None) -> Promised | None:
        """A promised time as the pages show it, late or not at "now"."""
        if value is None:
            return None
        short = i18n.format_clock_or_day(value, self.now, self.lang, self.tz)
        return Promised(self.moment(value), short, is_late(value, self.now))

    def event(self, event: Event) -> EventView:
        cached = self._events.get(event.id)
        if cached is None:
            cached = self._events[event.id] = self._event_view(event)
        return cached

    def _event_view(self, event: Event) -> EventView:
        lang = self.lang
        keys = update_keys(event)
        updates = tuple(
            self._update_view(u, k)
            for u, k in zip(reversed(event.updates), reversed(keys), strict=True)
        )
        event_phase = phase(event, self.now)
        state = event_state(event, self.now) if event_phase is Phase.ACTIVE else None
        end, end_key = self._shown_end(event, event_phase)
        fallback = current_fallback(event)
        systems = tuple(self._systems[s] for s in event.systems)
        return EventView(
            id=event.id,
            url=self.url("event", event.id),
            title=event.title[lang],
            type_key=str(event.type),
            type_label=i18n.label(i18n.TYPE_LABELS, event.type, lang),
            phase_key=str(event_phase),
            phase_label=i18n.label(i18n.PHASE_LABELS, event_phase, lang),
            state_key=state.key if state else _rest_key(event, event_phase),
            state_label=i18n.label(i18n.STATE_LABELS, state, lang)
            if state
            else i18n.label(i18n.PHASE_LABELS, event_phase, lang)
            if event_phase is Phase.UPCOMING
            else i18n.label(i18n.STATUS_LABELS, event.latest.status, lang),
            status_key=str(event.latest.status),
            status_label=i18n.label(i18n.STATUS_LABELS, event.latest.status, lang),
            systems=systems,
            processes=tuple(dict.fromkeys(p for s in systems for p in s.processes)),
            start=self.moment(event.start),
            end=self.moment(end),
            end_label=i18n.word(end_key, lang),
            duration=i18n.format_duration(end - event.start, lang) if end else None,
            fallback_key=str(fallback) if fallback else None,
            fallback_label=self._fallback_label(event, fallback),
            fallback_possible=event.fallback_possible,
            fallback_due=self.promised(promised_fallback_decision(event, self.settings)),
            next_update=self.promised(promised_next_message(event)),
            end_promised=self.promised(promised_end(event, self.now)),
            cause=self.text(event.cause),
            process_changes=self.text(event.process_changes),
            buffered_messages=self.text(event.buffered_messages),
            body=render_markdown(event.body[lang]),
            updates=updates,
            systems_html=Markup(", ").join(s.link for s in systems),
            latest=updates[0],
        )

    def _update_view(self, update: Update, key: str) -> UpdateView:
        lang = self.lang
        return UpdateView(
            number=update.number,
            anchor=update_anchor(key),
            at=self.moment(update.at),
            status_key=str(update.status),
            status_label=i18n.label(i18n.STATUS_LABELS, update.status, lang),
            html=render_markdown(update.text[lang]),
            next_update=self.moment(update.next_update),
            expected_end=self.moment(update.expected_end),
            fallback_key=str(update.fallback) if update.fallback else None,
            fallback_label=i18n.label(i18n.FALLBACK_LABELS, update.fallback, lang)
            if update.fallback
            else None,
        )

    @staticmethod
    def _shown_end(event: Event, event_phase: Phase) -> tuple[dt.datetime | None, str]:
        """The end an event's page shows, and the word for it: expected, planned or actual."""
        ended = actual_end(event)
        if event.type.is_planned and event_phase is not Phase.ENDED:
            expected = expected_end(event)
            return expected, "expected_end" if expected != event.end else "planned_end"
        if ended is not None:
            return ended, "end"
        return event.end, "end"

    def _fallback_label(self, event: Event, fallback: Fallback | None) -> str:
        if fallback is not None:
            return i18n.label(i18n.FALLBACK_LABELS, fallback, self.lang)
        if event.fallback_possible is not None:
            key = "fallback_possible_yes" if event.fallback_possible else "fallback_possible_no"
            return i18n.word(key, self.lang)
        return i18n.word("fallback_none", self.lang)


def _rest_key(event: Event, event_phase: Phase) -> str:
    """The mark of an event that is not active: cancelled work has its own, apart from work
    that ended and from work still to come."""
    if event_phase is Phase.UPCOMING:
        return "upcoming"
    return "cancelled" if event.latest.status is Status.CANCELLED else "ended"


def shared_titles(events: Sequence[Event], lang: Lang, settings: StatusSettings) -> dict[str, str]:
    """The page titles of events whose title another event has too: with the day they start,
    or their start to the minute when that is shared as well; so that every page's <title>,
    what a browser's tabs, history and bookmarks show, tells them apart."""
    by_title: dict[str, list[Event]] = {}
    for event in events:
        by_title.setdefault(event.title[lang], []).append(event)
    titles = {}
    for title, sharing in by_title.items():
        if len(sharing) < 2:
            continue
        days = [e.start.astimezone(settings.tz).date() for e in sharing]
        for event, day in zip(sharing, days, strict=True):
            when = (
                i18n.format_day(day, lang)
                if days.count(day) == 1
                else i18n.format_moment(event.start, lang, settings.tz)
            )
            titles[event.id] = f"{title}, {when}"
    return titles
