"""Rendering data: for each page in each language, exactly what its template shows.

Built from the checked content and "now"; templates only lay it out. Nothing here knows about
Pelican or files. The views of events and systems come from ``language_views``, the availability
and compliance pages from ``availability_views`` and ``compliance_views``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import cached_property, partial

from ..domain.config import StatusSettings
from ..domain.model import LANGUAGES, Event, Lang, System
from ..domain.notifications import MailList
from ..presentation import i18n
from ..presentation.channels import calendar_path, feed_links, mail_list_rows, subscribe_page_data
from ..reports.availability import Day, Month, last_days, report_months, system_intervals
from ..reports.compliance import ComplianceReport, compliance_report
from ..rules.content import Content
from ..state.phases import (
    Phase,
    SystemState,
    SystemStatus,
    actual_end,
    event_state,
    overall_state,
    phase,
    published,
    system_statuses,
)
from .availability_views import HISTORY_DAYS, SystemHistory, histories, history_period, report_page
from .compliance_views import compliance_page
from .language_views import LanguageViews, shared_titles
from .view_models import EventView, Page

__all__ = ["OVERVIEW_PAGES", "Page", "SitePages"]

# The banner names the affected systems, what stops a trader first: the fallback procedure,
# a disruption, an investigation, then maintenance (announced, so least surprising).
BANNER_ORDER = (
    SystemState.FALLBACK,
    SystemState.DISRUPTION,
    SystemState.INVESTIGATING,
    SystemState.MAINTENANCE,
)

OVERVIEW_PAGES = (
    "status",
    "archive",
    "systems",
    "maintenance",
    "report",
    "accessibility",
    "fallback",
    "subscribe",
    "compliance",
)


class SitePages:
    """Every HTML page of the site, each built only when it is asked for.

    What the pages of every language share is derived once per process, when the first page
    that shows it asks (system states, availability and protocol facts for the overview and
    system pages, the titles events share for the event pages), so a build's workers start on
    the feeds and calendars meanwhile. The views of one language are prepared per event, once,
    by the process that renders them, and kept for every language (a few megabytes at 500
    events). So processes can divide the pages between them without preparing everything twice.
    """

    def __init__(self, content: Content, settings: StatusSettings, now: dt.datetime) -> None:
        self.content = content
        self.catalog = content.catalog
        self.mail_lists = content.mail_lists
        self.settings = settings
        self.now = now
        self.events = published(content.events, now, settings)
        self.by_system: dict[str, list[Event]] = {s.id: [] for s in content.catalog.systems}
        for event in self.events:
            for affected in event.systems:
                self.by_system[affected].append(event)
        self._titles: dict[Lang, dict[str, str]] = {}
        self._views: dict[Lang, LanguageViews] = {}
        self._histories: dict[Lang, dict[str, SystemHistory]] = {}

    @cached_property
    def statuses(self) -> dict[str, SystemStatus]:
        return system_statuses(self.catalog, self.events, self.now)

    @cached_property
    def days(self) -> dict[str, tuple[Day, ...]]:
        """Each system's last ``HISTORY_DAYS`` days, for the histories of every language."""
        return {
            s.id: last_days(
                system_intervals(self.events, s.id, self.now),
                self.now,
                self.settings.tz,
                HISTORY_DAYS,
            )
            for s in self.catalog.systems
        }

    @cached_property
    def by_month(self) -> dict[str, tuple[Month, ...]]:
        system_ids = [s.id for s in self.catalog.systems]
        return report_months(
            self.events, system_ids, self.now, self.settings.tz, self.settings.retention_years
        )

    @cached_property
    def compliance(self) -> ComplianceReport:
        return compliance_report(self.content, self.settings, self.now)  # beside the warnings

    def views(self, lang: Lang) -> LanguageViews:
        if lang not in self._views:
            self._views[lang] = LanguageViews(lang, self.catalog, self.settings, self.now)
        return self._views[lang]

    def histories(self, lang: Lang) -> dict[str, SystemHistory]:
        if lang not in self._histories:
            self._histories[lang] = histories(self.views(lang), self.events, self.days)
        return self._histories[lang]

    def page_makers(self) -> list[Callable[[], Page]]:
        """Every page of the site as a function that builds it: the overview and system pages
        of every language first (they need what only they share, and the overview pages
        prepare the views of every event), then the event pages. A worker that joins in late,
        after the feeds and calendars, so finds event pages, which need nothing more."""
        makers: list[Callable[[], Page]] = []
        for lang in LANGUAGES:
            makers.extend(partial(self.overview_page, lang, kind) for kind in OVERVIEW_PAGES)
            makers.extend(
                partial(self.system_page, lang, system.id) for system in self.catalog.systems
            )
        for lang in LANGUAGES:
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
            return report_page(views, self.by_month)
        if kind == "accessibility":
            return _accessibility_page(views)
        if kind == "fallback":
            return _fallback_page(views)
        if kind == "subscribe":
            return _subscribe_page(views, self.mail_lists)
        if kind == "compliance":
            return compliance_page(views, self.compliance)
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
        if lang not in self._titles:
            self._titles[lang] = shared_titles(self.events, lang, self.settings)
        title = self._titles[lang].get(event.id, view.title)
        return self.views(lang).page("event", "event.html", title, event.id, event=view)


def _newest_first(views: LanguageViews, events: Sequence[Event]) -> list[EventView]:
    ordered = sorted(events, key=lambda e: (e.start, e.id), reverse=True)
    return [views.event(e) for e in ordered]


def _status_page(
    views: LanguageViews,
    events: Sequence[Event],
    statuses: dict[str, SystemStatus],
    histories: dict[str, SystemHistory],
) -> Page:
    """The first screen answers three questions: which systems are not fully available, whether
    the fallback procedure may be used, and when the next message comes. So all systems come
    first, one row each, those not fully available on top; then the messages in progress; then
    the customs processes, each in one line (a system serves several: its row is not repeated)."""
    lang, now = views.lang, views.now
    overall = overall_state(statuses.values())
    rows = [views.system_row(statuses[s.id]) for s in views.catalog.systems]
    affected = sorted(
        (r for r in rows if r.message is not None),
        key=lambda r: BANNER_ORDER.index(statuses[r.system.id].state),
    )
    processes = []
    for process in views.catalog.processes:
        members = [r for r in rows if process.id in views.catalog.system(r.system.id).processes]
        if members:
            worst = max(statuses[r.system.id].state for r in members)
            processes.append(
                {
                    "name": process.name[lang],
                    "id": process.id,
                    "state_key": worst.key,
                    "state_label": " · ".join(r.short for r in members if r.short)
                    or i18n.word("process_available", lang),
                }
            )
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
    return views.page(
        "status",
        "status.html",
        i18n.word("status_title", lang),
        overall=_overall(lang, overall, len(affected), len(rows)),
        systems=[*affected, *(r for r in rows if r.message is None)],
        processes=processes,
        active=[views.event(e) for e in active],
        upcoming=[views.event(e) for e in upcoming],
        recent=[views.event(e) for e in recent],
        histories=list(histories.values()),
        history_period=history_period(views),
    )


def _overall(lang: Lang, overall: SystemState, affected: int, total: int) -> dict[str, object]:
    """The headline over the systems: how many are not fully available, or that all are."""
    if not affected:
        return {
            "key": overall.key,
            "headline": i18n.label(i18n.OVERALL_HEADLINES, overall, lang),
            "detail": i18n.word("all_available_detail", lang),
        }
    return {
        "key": overall.key,
        "headline": i18n.word("systems_affected", lang, count=affected, total=total),
        "detail": "",
    }


def _archive_page(views: LanguageViews, events: Sequence[Event]) -> Page:
    months: dict[tuple[int, int], list[EventView]] = {}
    for event in sorted(events, key=lambda e: (e.start, e.id), reverse=True):
        local = event.start.astimezone(views.tz)
        months.setdefault((local.year, local.month), []).append(views.event(event))
    return views.page(
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


def _systems_page(views: LanguageViews, statuses: dict[str, SystemStatus]) -> Page:
    return views.page(
        "systems",
        "systems.html",
        i18n.word("systems_title", views.lang),
        rows=[views.system_row(statuses[s.id]) for s in views.catalog.systems],
    )


def _system_page(
    views: LanguageViews,
    system: System,
    events: Sequence[Event],
    statuses: dict[str, SystemStatus],
    histories: dict[str, SystemHistory],
) -> Page:
    description = system.description[views.lang] if system.description else None
    return views.page(
        "system",
        "system.html",
        f"{system.short}: {system.name[views.lang]}",
        system.id,
        row=views.system_row(statuses[system.id]),
        description=description,
        events=_newest_first(views, events),
        system_feeds=feed_links(views.lang, views.site_url, system),
        calendar_href=views.site_url + calendar_path(views.lang),
        history=histories[system.id],
        history_period=history_period(views),
    )


def _maintenance_page(views: LanguageViews, events: Sequence[Event]) -> Page:
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
                        "past": w.end <= now,
                        "running": w.start <= now < w.end,
                    }
                    for w in windows
                ],
            }
        )
    upcoming = sorted(
        (e for e in events if e.type.is_planned and phase(e, now) is not Phase.ENDED),
        key=lambda e: (e.start, e.id),
    )
    return views.page(
        "maintenance",
        "maintenance.html",
        i18n.word("maintenance_title", lang),
        years=years,
        upcoming=[views.event(e) for e in upcoming],
        calendar_href=views.site_url + calendar_path(lang),
    )


# Where to complain when the answer to an accessibility problem does not satisfy (a Dutch page).
OMBUDSMAN_URL = "https://www.nationaleombudsman.nl/"


def _accessibility_page(views: LanguageViews) -> Page:
    """The accessibility statement after the Dutch model: status, date, how to report."""
    lang, settings = views.lang, views.settings
    status = settings.accessibility_status
    day = settings.accessibility_statement_date
    return views.page(
        "accessibility",
        "accessibility.html",
        i18n.word("accessibility_title", lang),
        accessibility={
            "status_label": i18n.word(f"accessibility_status_{status}", lang),
            "status_text": i18n.word(f"accessibility_status_{status}_text", lang),
            "date": {"iso": day.isoformat(), "text": i18n.format_day(day, lang)},
            "ombudsman": views.elsewhere(OMBUDSMAN_URL, i18n.word("ombudsman", lang), "nl"),
        },
    )


def _fallback_page(views: LanguageViews) -> Page:
    """What the fallback procedure is, when it may be used, and where each system's is."""
    lang = views.lang
    return views.page(
        "fallback",
        "fallback.html",
        i18n.word("fallback_title", lang),
        systems=[views.system_ref(s.id) for s in views.catalog.systems],
        overview=views.elsewhere(
            views.settings.fallback_procedures_url, i18n.word("fallback_overview", lang), "nl"
        ),
    )


def _subscribe_page(views: LanguageViews, mail_lists: Sequence[MailList]) -> Page:
    return views.page(
        "subscribe",
        "subscribe.html",
        i18n.word("subscribe_title", views.lang),
        **subscribe_page_data(views.lang, views.catalog, views.site_url),
        mail_lists=mail_list_rows(views.lang, views.catalog, mail_lists),
    )
