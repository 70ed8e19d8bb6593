"""Advice while planning work: does the notice (P02) and the window (P03) hold, and if not, when?

The checker reports whether a file breaks a rule; an operator planning maintenance also needs the
earliest date that would comply, before anything is announced. Same definitions as the rule
catalogue: working days strictly between the announcing date and the start date; a maintenance
in an agreed maintenance window (a reserved Sunday), a release in a release window (Saturday),
and, for a year without a windows file, the same Sunday or Saturday.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from ..domain.model import Catalog, EventType, Window, WindowKind
from ..domain.timestamps import TimestampError, localize
from ..domain.workdays import WorkCalendar

WINDOW_KINDS = {
    EventType.MAINTENANCE: WindowKind.MAINTENANCE,
    EventType.RELEASE: WindowKind.RELEASE,
}
WEEKDAYS = {WindowKind.MAINTENANCE: 6, WindowKind.RELEASE: 5}  # Sunday, Saturday
DAY_NAMES = {WindowKind.MAINTENANCE: "Sunday", WindowKind.RELEASE: "Saturday"}
SEARCH_DAYS = 400  # look this far ahead for a compliant slot


@dataclass(frozen=True)
class Slot:
    start: dt.datetime
    end: dt.datetime
    window: Window | None  # None: a Sunday/Saturday of a year without a windows file


@dataclass(frozen=True)
class PlanAdvice:
    notice_days: int
    notice_needed: int
    earliest_notice_date: dt.date
    window: Window | None
    in_window: bool
    earliest: Slot | None  # the earliest slot where both hold; None when both hold already

    @property
    def notice_holds(self) -> bool:
        return self.notice_days >= self.notice_needed

    @property
    def holds(self) -> bool:
        return self.notice_holds and self.in_window


def earliest_notice_date(calendar: WorkCalendar, announced: dt.date, needed: int) -> dt.date:
    """The first start date with ``needed`` working days strictly after ``announced``."""
    day, found = announced, 0
    while found < needed:
        day += dt.timedelta(days=1)
        found += calendar.is_working_day(day)
    return day + dt.timedelta(days=1)


def containing_window(
    catalog: Catalog, kind: WindowKind, start: dt.datetime, end: dt.datetime
) -> Window | None:
    for window in catalog.windows:
        if (
            window.kind is kind
            and not window.cancelled
            and window.start <= start <= end <= window.end
        ):
            return window
    return None


def _same_reserved_day(
    calendar: WorkCalendar, kind: WindowKind, start: dt.datetime, end: dt.datetime
) -> bool:
    day = calendar.local_date(start)
    end_local = end.astimezone(calendar.tz)
    end_day = end_local.date()
    if end_local.time() == dt.time(0, 0) and end_day == day + dt.timedelta(days=1):
        end_day = day  # an end at 00:00 the next day counts as that day
    return day.weekday() == WEEKDAYS[kind] and end_day == day


def fits(
    catalog: Catalog, calendar: WorkCalendar, kind: WindowKind, start: dt.datetime, end: dt.datetime
) -> tuple[bool, Window | None]:
    window = containing_window(catalog, kind, start, end)
    if window is not None:
        return True, window
    year = calendar.local_date(start).year
    if not catalog.windows_in_year(year):
        return _same_reserved_day(calendar, kind, start, end), None
    return False, None


def earliest_slot(
    catalog: Catalog,
    calendar: WorkCalendar,
    kind: WindowKind,
    not_before: dt.date,
    start: dt.datetime,
    duration: dt.timedelta,
) -> Slot | None:
    """The earliest slot of ``duration`` from ``not_before`` on that lies in a window.

    Agreed windows are used as they are (the work starts at the window's start); in a year without
    a windows file the reserved weekday is tried at the requested time of day.
    """
    clock = start.astimezone(calendar.tz).time()
    for offset in range(SEARCH_DAYS):
        day = not_before + dt.timedelta(days=offset)
        windows = catalog.windows_in_year(day.year)
        if windows:
            for window in windows:
                if (
                    window.kind is kind
                    and window.date == day
                    and not window.cancelled
                    and window.end - window.start >= duration
                ):
                    return Slot(window.start, window.start + duration, window)
            continue
        if day.weekday() != WEEKDAYS[kind]:
            continue
        try:
            begin = localize(dt.datetime.combine(day, clock), calendar.tz).astimezone(dt.UTC)
        except TimestampError:
            continue
        if _same_reserved_day(calendar, kind, begin, begin + duration):
            return Slot(begin, begin + duration, None)
    return None


def plan_advice(
    event_type: EventType,
    announced: dt.datetime,
    start: dt.datetime,
    end: dt.datetime,
    catalog: Catalog,
    calendar: WorkCalendar,
    needed: int,
) -> PlanAdvice | None:
    """P02 and P03 for a maintenance or release; None for types they do not apply to."""
    kind = WINDOW_KINDS.get(event_type)
    if kind is None:
        return None
    announced_day = calendar.local_date(announced)
    days = calendar.working_days_between(announced_day, calendar.local_date(start))
    notice_date = earliest_notice_date(calendar, announced_day, needed)
    in_window, window = fits(catalog, calendar, kind, start, end)
    earliest = None
    if days < needed or not in_window:
        earliest = earliest_slot(catalog, calendar, kind, notice_date, start, end - start)
    return PlanAdvice(days, needed, notice_date, window, in_window, earliest)


def describe(advice: PlanAdvice, event_type: EventType, tz: ZoneInfo) -> list[str]:
    """The advice as lines for the operator."""
    kind = WINDOW_KINDS[event_type]
    lines = []

    def when(moment: dt.datetime) -> str:
        return moment.astimezone(tz).strftime("%A %Y-%m-%d %H:%M")

    if advice.notice_holds:
        lines.append(
            f"P02 holds: {advice.notice_days} working days between announcing and the start "
            f"(at least {advice.notice_needed})."
        )
    else:
        lines.append(
            f"P02 does not hold: {advice.notice_days} working days between announcing and the "
            f"start; at least {advice.notice_needed} are needed. Earliest start date with enough "
            f"notice: {advice.earliest_notice_date:%A %Y-%m-%d}."
        )
    if advice.in_window and advice.window is not None:
        lines.append(
            f"P03 holds: within the agreed {kind} window of {when(advice.window.start)}"
            f"-{advice.window.end.astimezone(tz):%H:%M}."
        )
    elif advice.in_window:
        lines.append(f"P03 holds: on one {DAY_NAMES[kind]} (no windows are agreed for that year).")
    else:
        lines.append(
            f"P03 does not hold: not within an agreed {kind} window (a reserved "
            f"{DAY_NAMES[kind]}); see content/windows/."
        )
    if advice.earliest is not None:
        slot = advice.earliest
        where = (
            f"the agreed {kind} window"
            if slot.window is not None
            else f"a {DAY_NAMES[kind]} (no windows agreed for that year)"
        )
        lines.append(
            f"Earliest compliant slot: {when(slot.start)}-{slot.end.astimezone(tz):%H:%M} "
            f"in {where}: change --start/--end to it, or keep the date and accept the warning."
        )
    elif not advice.holds:
        lines.append(
            f"No agreed {kind} window in the next {SEARCH_DAYS} days is long enough: agree one "
            "in content/windows/<year>.yaml."
        )
    return lines
