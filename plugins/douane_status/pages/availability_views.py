"""What the 90-day rows and the availability report show, in one language.

Turns the arithmetic of ``availability`` into texts and picture data for the templates: a day row
is drawn as one small SVG per system (two paths: planned and unplanned days), and every day has a
text equivalent: each day with unavailability on its own line, runs of days without any in one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal

from ..domain.model import Event, Lang
from ..presentation import i18n
from ..presentation.urls import file_path
from ..reports.availability import Day, Month, available_share, report_start
from .language_views import LanguageViews
from .view_models import Moment, Page, SystemRef

HISTORY_DAYS = 90
# Day cells in the SVG's own units: day i spans x = i .. i+1, a cell is 0.7 wide, 4 high.
_CELL_X, _CELL_W, _CELL_H = 0.15, 0.7, 4


@dataclass(frozen=True)
class EventLink:
    id: str
    title: str
    url: str


@dataclass(frozen=True)
class HistoryRow:
    """One line of the text equivalent: a day with unavailability, or a run of days without."""

    first_iso: str
    first_text: str
    first_short: str  # without the year, for the compact list on the status page
    last_iso: str | None  # set for a run of more than one day
    last_text: str | None
    planned: int
    unplanned: int
    text: str  # "45 minuten gepland, 90 minuten ongepland" / "geen onbeschikbaarheid"
    events: tuple[EventLink, ...]

    @property
    def unavailable(self) -> bool:
        return bool(self.planned or self.unplanned)


@dataclass(frozen=True)
class SystemHistory:
    system: SystemRef
    planned_path: str  # SVG path data: the days with only planned unavailability
    unplanned_path: str  # the days with unplanned unavailability
    rows: tuple[HistoryRow, ...]
    affected_days: int
    summary: str
    day_count: int  # the SVG's width in days


# The words of days and amounts are the same in every system's row (and Babel is slow to make
# them): each is made once per language.


@lru_cache(maxsize=1024)
def _day_text(day: dt.date, lang: Lang) -> str:
    return format_date(day, "d MMMM y", locale=lang)


@lru_cache(maxsize=1024)
def _day_short(day: dt.date, lang: Lang) -> str:
    return format_date(day, "d MMMM", locale=lang)


def _minutes(amount: int, lang: Lang) -> str:
    return i18n.word("minutes_one" if amount == 1 else "minutes", lang, count=amount)


@lru_cache(maxsize=4096)
def unavailability_text(planned: int, unplanned: int, lang: Lang) -> str:
    parts = []
    if planned:
        parts.append(i18n.word("minutes_planned", lang, minutes=_minutes(planned, lang)))
    if unplanned:
        parts.append(i18n.word("minutes_unplanned", lang, minutes=_minutes(unplanned, lang)))
    return ", ".join(parts) if parts else i18n.word("no_unavailability", lang)


def _number(value: float) -> str:
    """The shortest SVG number: 0.7 -> .7 (the row of a busy system stays small)."""
    text = f"{value:g}"
    return text[1:] if text.startswith("0.") else text


def _cell(index: int, top: float) -> str:
    x, width, height = _number(index + _CELL_X), _number(_CELL_W), _number(_CELL_H - top)
    return f"M{x} {_number(top)}h{width}v{height}h-{width}z"


def system_history(
    system: SystemRef,
    days: Sequence[Day],
    links: Mapping[str, EventLink],
    lang: Lang,
) -> SystemHistory:
    """The day row and its text equivalent for one system, oldest day first."""
    planned_cells, unplanned_cells, rows = [], [], []
    quiet: list[dt.date] = []  # the run of days without unavailability so far
    for index, day in enumerate(days):
        if not day.tally.unavailable:
            quiet.append(day.date)
            continue
        if quiet:
            rows.append(_quiet_row(quiet[0], quiet[-1], lang))
            quiet = []
        if day.tally.unplanned:
            unplanned_cells.append(_cell(index, 0))
        else:
            planned_cells.append(_cell(index, _CELL_H / 2))  # half height: planned
        rows.append(_day_row(day, links, lang))
    if quiet:
        rows.append(_quiet_row(quiet[0], quiet[-1], lang))
    affected = sum(1 for row in rows if row.unavailable)
    summary = (
        i18n.word("history_days_one" if affected == 1 else "history_days", lang, count=affected)
        if affected
        else i18n.word("history_none", lang)
    )
    return SystemHistory(
        system,
        "".join(planned_cells),
        "".join(unplanned_cells),
        tuple(rows),
        affected,
        summary,
        len(days),
    )


def _quiet_row(first: dt.date, last: dt.date, lang: Lang) -> HistoryRow:
    """One line for a run of days without unavailability."""
    return HistoryRow(
        first.isoformat(),
        _day_text(first, lang),
        _day_short(first, lang),
        last.isoformat() if last != first else None,
        _day_text(last, lang) if last != first else None,
        0,
        0,
        i18n.word("no_unavailability", lang),
        (),
    )


def _day_row(day: Day, links: Mapping[str, EventLink], lang: Lang) -> HistoryRow:
    """One line for a day with unavailability, linking to the events behind it."""
    counted = day.tally
    return HistoryRow(
        day.date.isoformat(),
        _day_text(day.date, lang),
        _day_short(day.date, lang),
        None,
        None,
        counted.planned,
        counted.unplanned,
        unavailability_text(counted.planned, counted.unplanned, lang),
        tuple(links[e] for e in counted.event_ids if e in links),
    )


@dataclass(frozen=True)
class MonthRow:
    id: str  # "2026-11"
    label: str  # "November 2026"
    measured: tuple[Moment, Moment] | None  # for a month the report period only partly covers
    planned: str
    unplanned_maintenance: str
    disruption: str
    availability: str  # "99,46 %"
    events: int


@dataclass(frozen=True)
class SystemReport:
    system: SystemRef
    months: tuple[MonthRow, ...]
    all_work: str  # availability over the whole period, every minute counted: "99,46 %"
    unplanned_only: str  # the same without planned maintenance and releases


@lru_cache(maxsize=4096)
def format_number(value: int, lang: Lang) -> str:
    return format_decimal(value, locale=lang)


@lru_cache(maxsize=4096)
def format_percent(value: Decimal, lang: Lang) -> str:
    """'99,81 %' (a no-break space: the number and its sign never part) / '99.81%'."""
    number = format_decimal(value, format="0.00", locale=lang)
    return f"{number}\N{NO-BREAK SPACE}%" if lang == "nl" else f"{number}%"


def month_row(month: Month, lang: Lang, moment: Callable[[dt.datetime], Moment]) -> MonthRow:
    measured = None if month.complete else (moment(month.start), moment(month.end))
    counted = month.tally
    return MonthRow(
        f"{month.year}-{month.month:02d}",
        i18n.format_month(month.year, month.month, lang),
        measured,
        format_number(counted.planned, lang),
        format_number(counted.unplanned_maintenance, lang),
        format_number(counted.disruption, lang),
        format_percent(month.availability, lang),
        len(counted.event_ids),
    )


def system_report(
    system: SystemRef, months: Sequence[Month], lang: Lang, moment: Callable[[dt.datetime], Moment]
) -> SystemReport:
    """A system's months, and its availability over all of them with and without planned work."""
    measured = sum(m.measured_minutes for m in months)
    lost = sum(m.tally.unavailable for m in months)
    planned = sum(m.tally.planned for m in months)
    return SystemReport(
        system,
        tuple(month_row(m, lang, moment) for m in months),
        format_percent(available_share(measured, lost), lang),
        format_percent(available_share(measured, lost - planned), lang),
    )


def histories(
    views: LanguageViews, events: Sequence[Event], days: dict[str, tuple[Day, ...]]
) -> dict[str, SystemHistory]:
    """Each system's 90-day row, with its text equivalent linking to the events."""
    named = {e for shown in days.values() for day in shown for e in day.tally.event_ids}
    # only the events these days name: the rest of the archive's views are not needed here
    links = {
        e.id: EventLink(e.id, views.event(e).title, views.event(e).url)
        for e in events
        if e.id in named
    }
    return {
        s.id: system_history(views.system_ref(s.id), days[s.id], links, views.lang)
        for s in views.catalog.systems
    }


def history_period(views: LanguageViews) -> dict[str, Any]:
    """The first and last day the 90-day rows show."""
    today = views.now.astimezone(views.tz).date()
    first = today - dt.timedelta(days=HISTORY_DAYS - 1)
    return {
        "first": {"iso": first.isoformat(), "text": i18n.format_day(first, views.lang)},
        "last": {"iso": today.isoformat(), "text": i18n.format_day(today, views.lang)},
    }


def report_page(views: LanguageViews, by_month: dict[str, tuple[Month, ...]]) -> Page:
    """Availability per system and month over the retention period, with its downloads."""
    lang = views.lang
    start = report_start(views.now, views.tz, views.settings.retention_years)

    reports = [
        system_report(views.system_ref(s.id), by_month[s.id], lang, views.moment)
        for s in views.catalog.systems
    ]
    return views.page(
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
