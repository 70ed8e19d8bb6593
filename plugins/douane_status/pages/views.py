"""Rendering data: for each page in each language, exactly what its template shows.

Built from the checked content and "now"; templates only lay it out. Nothing here knows about
Pelican or files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from markupsafe import Markup, escape

from ..domain.config import StatusSettings
from ..domain.model import LANGUAGES, Catalog, Event, Lang, System, Text
from ..presentation import i18n
from ..presentation.channels import feed_links, subscribe_page_data
from ..presentation.markup import render_markdown
from ..presentation.urls import COMPLIANCE_JSON, file_path, page_path
from ..reports.availability import (
    Day,
    Month,
    last_days,
    report_months,
    report_start,
    system_intervals,
)
from ..reports.compliance import ComplianceReport, compliance_report
from ..rules.content import Content
from ..state.phases import (
    Phase,
    SystemState,
    SystemStatus,
    actual_end,
    current_fallback,
    event_state,
    expected_end,
    next_communication,
    overall_state,
    phase,
    published,
    system_statuses,
)
from .availability_views import (
    HISTORY_DAYS,
    EventLink,
    SystemHistory,
    SystemReport,
    month_row,
    system_history,
)
from .compliance_views import event_compliance, rule_totals


@dataclass(frozen=True)
class Moment:
    iso: str  # for <time datetime>
    text: str  # "zondag 6 december 2026 08:00 CET"
    element: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # made once: a moment is printed on several pages
        element = f'<time datetime="{self.iso}">{escape(self.text)}</time>'
        object.__setattr__(self, "element", element)

    def __html__(self) -> str:
        """Templates print a moment as its <time> element (faster than a macro per moment)."""
        return self.element

    __str__ = __html__  # so a moment placed in a translated sentence is its <time> element too


@dataclass(frozen=True)
class SystemRef:
    id: str
    short: str
    name: str
    url: str
    fallback_url: str
    processes: tuple[str, ...]

    @property
    def link(self) -> Markup:
        """The short name as a link to the system's page."""
        return Markup(f'<a href="{escape(self.url)}">{escape(self.short)}</a>')


@dataclass(frozen=True)
class UpdateView:
    number: int
    anchor: str
    at: Moment
    status_key: str
    status_label: str
    html: Markup
    next_update: Moment | None
    expected_end: Moment | None
    fallback_key: str | None
    fallback_label: str | None


@dataclass(frozen=True)
class EventView:
    id: str
    url: str
    title: str
    type_key: str
    type_label: str
    phase_key: str
    phase_label: str
    state_key: str
    state_label: str
    status_key: str
    status_label: str
    systems: tuple[SystemRef, ...]
    processes: tuple[str, ...]
    start: Moment
    end: Moment | None
    end_label: str
    duration: str | None
    fallback_key: str | None
    fallback_label: str
    fallback_possible: bool | None
    next_update: Moment | None
    cause: Markup | None
    process_changes: Markup | None
    buffered_messages: Markup | None
    body: Markup
    updates: tuple[UpdateView, ...]  # newest first
    systems_html: Markup  # the systems' short names, each a link to its page
    latest: UpdateView
    sort_key: tuple[Any, ...] = field(compare=False, default=())


@dataclass(frozen=True)
class SystemRow:
    system: SystemRef
    state_key: str
    state_label: str
    events: tuple[EventView, ...]


@dataclass(frozen=True)
class Page:
    """One HTML page: its template, where it lives, and what it shows."""

    kind: str
    template: str
    lang: Lang
    path: str
    alternate_path: str
    title: str
    data: dict[str, Any]
    noindex: bool = False


class _LanguageViews:
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
        self._systems = {s.id: self._system_ref(s.id) for s in catalog.systems}

    def url(self, kind: str, item_id: str = "") -> str:
        return self.site_url + page_path(kind, self.lang, item_id)

    def moment(self, value: dt.datetime | None) -> Moment | None:
        if value is None:
            return None
        return Moment(
            value.astimezone(self.tz).isoformat(timespec="minutes"),
            i18n.format_moment(value, self.lang, self.tz),
        )

    def text(self, value: Text | None) -> Markup | None:
        return None if value is None else render_markdown(value[self.lang])

    def system_ref(self, system_id: str) -> SystemRef:
        return self._systems[system_id]

    def _system_ref(self, system_id: str) -> SystemRef:
        system = self.catalog.system(system_id)
        processes = tuple(self.catalog.process(p).name[self.lang] for p in system.processes)
        return SystemRef(
            system.id,
            system.short,
            system.name[self.lang],
            self.url("system", system.id),
            system.fallback_procedure,
            processes,
        )

    def event(self, event: Event) -> EventView:
        cached = self._events.get(event.id)
        if cached is not None:
            return cached
        lang = self.lang
        updates = tuple(
            UpdateView(
                number=u.number,
                anchor=f"update-{u.number}",
                at=self.moment(u.at),  # type: ignore[arg-type]
                status_key=str(u.status),
                status_label=i18n.label(i18n.STATUS_LABELS, u.status, lang),
                html=render_markdown(u.text[lang]),
                next_update=self.moment(u.next_update),
                expected_end=self.moment(u.expected_end),
                fallback_key=str(u.fallback) if u.fallback else None,
                fallback_label=i18n.label(i18n.FALLBACK_LABELS, u.fallback, lang)
                if u.fallback
                else None,
            )
            for u in reversed(event.updates)
        )
        event_phase = phase(event, self.now)
        state = event_state(event, self.now) if event_phase is Phase.ACTIVE else None
        ended = actual_end(event)
        if event.type.is_planned and event_phase is not Phase.ENDED:
            end, end_key = (
                expected_end(event),
                ("expected_end" if expected_end(event) != event.end else "planned_end"),
            )
        elif ended is not None:
            end, end_key = ended, "end"
        else:
            end, end_key = event.end, "end"
        duration = i18n.format_duration(end - event.start, lang) if end else None
        fallback = current_fallback(event)
        if fallback is not None:
            fallback_label = i18n.label(i18n.FALLBACK_LABELS, fallback, lang)
        elif event.fallback_possible is not None:
            fallback_label = i18n.word(
                "fallback_possible_yes" if event.fallback_possible else "fallback_possible_no", lang
            )
        else:
            fallback_label = i18n.word("fallback_none", lang)
        systems = tuple(self._systems[s] for s in event.systems)
        processes = tuple(dict.fromkeys(p for s in systems for p in s.processes))
        view = EventView(
            id=event.id,
            url=self.url("event", event.id),
            title=event.title[lang],
            type_key=str(event.type),
            type_label=i18n.label(i18n.TYPE_LABELS, event.type, lang),
            phase_key=str(event_phase),
            phase_label=i18n.label(i18n.PHASE_LABELS, event_phase, lang),
            state_key=state.key if state else "ended" if event_phase is Phase.ENDED else "upcoming",
            state_label=i18n.label(i18n.STATE_LABELS, state, lang)
            if state
            else i18n.label(i18n.PHASE_LABELS, event_phase, lang),
            status_key=str(event.latest.status),
            status_label=i18n.label(i18n.STATUS_LABELS, event.latest.status, lang),
            systems=systems,
            processes=processes,
            start=self.moment(event.start),  # type: ignore[arg-type]
            end=self.moment(end),
            end_label=i18n.word(end_key, lang),
            duration=duration,
            fallback_key=str(fallback) if fallback else None,
            fallback_label=fallback_label,
            fallback_possible=event.fallback_possible,
            next_update=self.moment(next_communication(event)),
            cause=self.text(event.cause),
            process_changes=self.text(event.process_changes),
            buffered_messages=self.text(event.buffered_messages),
            body=render_markdown(event.body[lang]),
            updates=updates,
            systems_html=Markup(", ").join(s.link for s in systems),
            latest=updates[0],
        )
        self._events[event.id] = view
        return view

    def system_row(self, status: SystemStatus) -> SystemRow:
        return SystemRow(
            self._systems[status.system_id],
            status.state.key,
            i18n.label(i18n.STATE_LABELS, status.state, self.lang),
            tuple(self.event(e) for e in status.events),
        )


OVERVIEW_PAGES = (
    "status",
    "archive",
    "systems",
    "maintenance",
    "report",
    "accessibility",
    "subscribe",
    "compliance",
)


class SitePages:
    """Every HTML page of the site, each built only when it is asked for.

    What all languages share (system states, availability, protocol facts) is derived once, up
    front; the views of one language are prepared per event, once, by the process that renders
    them. So two processes can divide the pages between them without preparing everything twice.
    """

    def __init__(self, content: Content, settings: StatusSettings, now: dt.datetime) -> None:
        self.catalog = content.catalog
        self.settings = settings
        self.now = now
        self.events = published(content.events, now, settings)
        self.statuses = system_statuses(content.catalog, self.events, now)
        self.by_system: dict[str, list[Event]] = {s.id: [] for s in content.catalog.systems}
        for event in self.events:
            for affected in event.systems:
                self.by_system[affected].append(event)
        system_ids = [s.id for s in content.catalog.systems]
        self.days = {
            s: last_days(system_intervals(self.events, s, now), now, settings.tz, HISTORY_DAYS)
            for s in system_ids
        }
        self.by_month = report_months(
            self.events, system_ids, now, settings.tz, settings.retention_days
        )
        self.compliance = compliance_report(content, settings, now)  # beside the build's warnings
        self._views: dict[Lang, _LanguageViews] = {}
        self._histories: dict[Lang, dict[str, SystemHistory]] = {}

    def views(self, lang: Lang) -> _LanguageViews:
        if lang not in self._views:
            # The pages come language by language (page_makers): once a process turns to the
            # next language it never returns to the last, so it keeps one language's views.
            self._views = {lang: _LanguageViews(lang, self.catalog, self.settings, self.now)}
            self._histories = {}
        return self._views[lang]

    def histories(self, lang: Lang) -> dict[str, SystemHistory]:
        views = self.views(lang)
        if lang not in self._histories:
            self._histories[lang] = _histories(views, self.events, self.days)
        return self._histories[lang]

    def page_makers(self) -> list[Callable[[], Page]]:
        """Every page of the site as a function that builds it, language by language: the
        overview pages first (they prepare the views of every event), then the event pages."""
        makers: list[Callable[[], Page]] = []
        for lang in LANGUAGES:
            makers.extend(partial(self.overview_page, lang, kind) for kind in OVERVIEW_PAGES)
            makers.extend(
                partial(self.system_page, lang, system.id) for system in self.catalog.systems
            )
            makers.extend(partial(self.event_page, lang, event) for event in self.events)
        return makers

    def overview_page(self, lang: Lang, kind: str) -> Page:
        views, events = self.views(lang), self.events
        if kind == "status":
            return _status_page(views, events, self.statuses, self.histories(lang))
        if kind == "archive":
            return _archive_page(views, events)
        if kind == "systems":
            return _systems_page(views, self.statuses)
        if kind == "maintenance":
            return _maintenance_page(views, events)
        if kind == "report":
            return _report_page(views, self.by_month)
        if kind == "accessibility":
            return _accessibility_page(views)
        if kind == "subscribe":
            return _subscribe_page(views)
        if kind == "compliance":
            return _compliance_page(views, self.compliance)
        raise ValueError(f"no overview page {kind!r}")

    def system_page(self, lang: Lang, system_id: str) -> Page:
        return _system_page(
            self.views(lang),
            self.catalog.system(system_id),
            self.by_system[system_id],
            self.statuses,
            self.histories(lang),
        )

    def event_page(self, lang: Lang, event: Event) -> Page:
        view = self.views(lang).event(event)
        return _page(self.views(lang), "event", "event.html", view.title, event.id, event=view)


def _page(
    views: _LanguageViews, kind: str, template: str, title: str, item_id: str = "", **data: Any
) -> Page:
    other: Lang = "en" if views.lang == "nl" else "nl"
    return Page(
        kind,
        template,
        views.lang,
        page_path(kind, views.lang, item_id),
        page_path(kind, other, item_id),
        title,
        data,
    )


def _newest_first(views: _LanguageViews, events: Sequence[Event]) -> list[EventView]:
    ordered = sorted(events, key=lambda e: (e.start, e.id), reverse=True)
    return [views.event(e) for e in ordered]


def _status_page(
    views: _LanguageViews,
    events: Sequence[Event],
    statuses: dict[str, SystemStatus],
    histories: dict[str, SystemHistory],
) -> Page:
    lang, now = views.lang, views.now
    overall = overall_state(statuses.values())
    affected = sum(1 for s in statuses.values() if s.state is not SystemState.AVAILABLE)
    groups = []
    for process in views.catalog.processes:
        rows = [
            views.system_row(statuses[s.id])
            for s in views.catalog.systems
            if process.id in s.processes
        ]
        if rows:
            groups.append({"name": process.name[lang], "id": process.id, "rows": rows})
    active = [e for e in events if phase(e, now) is Phase.ACTIVE]
    active.sort(key=lambda e: (-event_state(e, now), e.start, e.id))
    upcoming = sorted(
        (e for e in events if phase(e, now) is Phase.UPCOMING), key=lambda e: (e.start, e.id)
    )
    recent_from = now - dt.timedelta(days=views.settings.recent_days)
    recent = [
        e
        for e in events
        if phase(e, now) is Phase.ENDED and (actual_end(e) or e.latest.at) >= recent_from
    ]
    recent.sort(key=lambda e: (actual_end(e) or e.latest.at, e.id), reverse=True)
    return _page(
        views,
        "status",
        "status.html",
        i18n.word("status_title", lang),
        overall={
            "key": overall.key,
            "headline": i18n.label(i18n.OVERALL_HEADLINES, overall, lang),
            "detail": i18n.word("systems_affected", lang, count=affected, total=len(statuses))
            if affected
            else i18n.word("all_available_detail", lang),
        },
        groups=groups,
        active=[views.event(e) for e in active],
        upcoming=[views.event(e) for e in upcoming],
        recent=[views.event(e) for e in recent],
        histories=list(histories.values()),
        history_period=_history_period(views),
    )


def _archive_page(views: _LanguageViews, events: Sequence[Event]) -> Page:
    months: dict[tuple[int, int], list[EventView]] = {}
    for event in sorted(events, key=lambda e: (e.start, e.id), reverse=True):
        local = event.start.astimezone(views.tz)
        months.setdefault((local.year, local.month), []).append(views.event(event))
    return _page(
        views,
        "archive",
        "archive.html",
        i18n.word("archive_title", views.lang),
        months=[
            {
                "id": f"{year}-{month:02d}",
                "label": i18n.format_month(year, month, views.lang),
                "events": items,
            }
            for (year, month), items in months.items()
        ],
    )


def _systems_page(views: _LanguageViews, statuses: dict[str, SystemStatus]) -> Page:
    return _page(
        views,
        "systems",
        "systems.html",
        i18n.word("systems_title", views.lang),
        rows=[views.system_row(statuses[s.id]) for s in views.catalog.systems],
    )


def _system_page(
    views: _LanguageViews,
    system: System,
    events: Sequence[Event],
    statuses: dict[str, SystemStatus],
    histories: dict[str, SystemHistory],
) -> Page:
    description = system.description[views.lang] if system.description else None
    return _page(
        views,
        "system",
        "system.html",
        f"{system.short}: {system.name[views.lang]}",
        system.id,
        row=views.system_row(statuses[system.id]),
        description=description,
        events=_newest_first(views, events),
        system_feeds=feed_links(views.lang, views.site_url, system),
        history=histories[system.id],
        history_period=_history_period(views),
    )


def _maintenance_page(views: _LanguageViews, events: Sequence[Event]) -> Page:
    lang, now = views.lang, views.now
    year = now.astimezone(views.tz).year
    years = []
    for shown in (year, year + 1):
        windows = views.catalog.windows_in_year(shown)
        if not windows and shown != year:
            continue
        years.append(
            {
                "year": shown,
                "windows": [
                    {
                        "kind": i18n.word(f"window_{w.kind}", lang),
                        "kind_key": str(w.kind),
                        "day": i18n.format_day(w.date, lang),
                        "date": w.date.isoformat(),
                        "start": views.moment(w.start),
                        "hours": f"{i18n.format_clock(w.start, views.tz)}–"
                        f"{i18n.format_clock(w.end, views.tz)}",
                        "cancelled": w.cancelled,
                        "past": w.end < now,
                    }
                    for w in windows
                ],
            }
        )
    upcoming = sorted(
        (e for e in events if e.type.is_planned and phase(e, now) is not Phase.ENDED),
        key=lambda e: (e.start, e.id),
    )
    return _page(
        views,
        "maintenance",
        "maintenance.html",
        i18n.word("maintenance_title", lang),
        years=years,
        upcoming=[views.event(e) for e in upcoming],
    )


def _histories(
    views: _LanguageViews, events: Sequence[Event], days: dict[str, tuple[Day, ...]]
) -> dict[str, SystemHistory]:
    """Each system's 90-day row, with its text equivalent linking to the events."""
    links = {e.id: EventLink(e.id, views.event(e).title, views.event(e).url) for e in events}
    return {
        s.id: system_history(views.system_ref(s.id), days[s.id], links, views.lang)
        for s in views.catalog.systems
    }


def _history_period(views: _LanguageViews) -> dict[str, Any]:
    today = views.now.astimezone(views.tz).date()
    first = today - dt.timedelta(days=HISTORY_DAYS - 1)
    return {
        "first": {"iso": first.isoformat(), "text": i18n.format_day(first, views.lang)},
        "last": {"iso": today.isoformat(), "text": i18n.format_day(today, views.lang)},
    }


def _report_page(views: _LanguageViews, by_month: dict[str, tuple[Month, ...]]) -> Page:
    lang = views.lang
    start = report_start(views.now, views.tz, views.settings.retention_days)

    def moment(value: dt.datetime) -> Moment:
        return views.moment(value)  # type: ignore[return-value]  (never None here)

    reports = [
        SystemReport(
            views.system_ref(s.id),
            tuple(month_row(m, lang, moment) for m in by_month[s.id]),
        )
        for s in views.catalog.systems
    ]
    return _page(
        views,
        "report",
        "report.html",
        i18n.word("report_title", lang),
        reports=reports,
        period={"start": views.moment(start), "end": views.moment(views.now)},
        downloads={
            "csv": views.site_url + file_path("report_csv", lang),
            "json": views.site_url + file_path("report_json", lang),
        },
    )


def _accessibility_page(views: _LanguageViews) -> Page:
    return _page(
        views,
        "accessibility",
        "accessibility.html",
        i18n.word("accessibility_title", views.lang),
    )


def _subscribe_page(views: _LanguageViews) -> Page:
    return _page(
        views,
        "subscribe",
        "subscribe.html",
        i18n.word("subscribe_title", views.lang),
        **subscribe_page_data(views.lang, views.catalog, views.site_url),
    )


def _compliance_page(views: _LanguageViews, report: ComplianceReport) -> Page:
    """The protocol facts per published event; internal, so noindex and not in the navigation."""
    lang = views.lang
    totals = rule_totals(report.totals, lang)
    page = _page(
        views,
        "compliance",
        "compliance.html",
        i18n.word("compliance_title", lang),
        generated=views.moment(report.generated_at),
        totals=totals,
        total=sum(t.count for t in totals),
        events=[
            event_compliance(f, views.event(f.event), lang, views.moment) for f in report.events
        ],
        json_url=views.site_url + COMPLIANCE_JSON,
    )
    return replace(page, noindex=True)
