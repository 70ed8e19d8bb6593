"""Minutes of unavailability per system, day and month: the arithmetic behind the 90-day rows
and the availability report.

Pure functions of the (published) events, "now" and the time zone. The rules:

* A planned event (maintenance, release, unplanned maintenance) counts from its ``start`` until
  its ``completed`` update, or its ``cancelled`` update when the work was called off after it
  began (cancelled at or before the start, it counts nothing). While it is open it counts until
  "now", but never past the latest announced end (an overrun's expected end, else the planned
  end): without an overrun message the window is taken to have ended as announced.
* A disruption counts from its ``start`` until its ``end`` or, without one, its final update
  (resolved, or a workaround that makes the process usable again). An open one counts until
  "now" (or its ``end``, when an operator gave one before the final update). A disruption closed
  as ``no-fault`` counts nothing: no unavailability was found.
* Nothing counts after "now" or before the event's start. Instants are cut to the whole minute,
  so every total is a whole number of minutes and days add up to months exactly.
* When events of one system overlap, each minute counts once, in the most severe category:
  disruption, then unplanned maintenance, then planned maintenance and releases.
* Days and months are those of the calendar in the site's time zone: a daylight-saving day has
  23 or 25 hours, and a month's length is its real number of minutes.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from enum import IntEnum
from zoneinfo import ZoneInfo

from ..domain.model import Event, EventType, Status
from ..domain.timestamps import years_later
from ..state.phases import actual_end, expected_end

MINUTE = dt.timedelta(minutes=1)


class Category(IntEnum):
    """The protocol's categories, ordered by severity (higher wins where events overlap)."""

    PLANNED = 1  # gepland onderhoud en applicatieve releases
    UNPLANNED_MAINTENANCE = 2  # ongepland onderhoud
    DISRUPTION = 3  # verstoringen

    @property
    def key(self) -> str:
        return self.name.lower()


def category_of(event_type: EventType) -> Category:
    if event_type is EventType.DISRUPTION:
        return Category.DISRUPTION
    if event_type is EventType.UNPLANNED_MAINTENANCE:
        return Category.UNPLANNED_MAINTENANCE
    return Category.PLANNED


@dataclass(frozen=True)
class Interval:
    """One event's unavailability of its systems: [start, end) in UTC, whole minutes."""

    event_id: str
    category: Category
    start: dt.datetime
    end: dt.datetime


def to_minute(moment: dt.datetime) -> dt.datetime:
    return moment.replace(second=0, microsecond=0)


def event_interval(event: Event, now: dt.datetime) -> Interval | None:
    """The unavailability an event stands for as known at ``now``; None when it counts nothing."""
    final = event.final_update
    # cancelled before the start counts nothing (the end falls at or before the start, below);
    # cancelled after it ends the work as completed does (protocol-rules.md, reading 6)
    if final is not None and final.status is Status.NO_FAULT:
        return None
    if event.type.is_planned:
        if final is not None:
            end = final.at
        else:
            announced = expected_end(event)
            end = min(now, announced) if announced is not None else now
    elif final is not None:
        end = actual_end(event) or final.at
    else:
        end = min(now, event.end) if event.end is not None else now
    start, end = to_minute(event.start), to_minute(min(end, now))
    if end <= start:
        return None
    return Interval(event.id, category_of(event.type), start, end)


def system_intervals(
    events: Iterable[Event], system_id: str, now: dt.datetime
) -> tuple[Interval, ...]:
    """The intervals of the events that touch ``system_id``, by start."""
    found = []
    for event in events:
        if system_id in event.systems:
            interval = event_interval(event, now)
            if interval is not None:
                found.append(interval)
    return tuple(sorted(found, key=lambda i: (i.start, i.end, i.event_id)))


@dataclass(frozen=True)
class Tally:
    """Minutes of unavailability in one period, each minute in its most severe category."""

    planned: int = 0
    unplanned_maintenance: int = 0
    disruption: int = 0
    event_ids: tuple[str, ...] = ()  # events with unavailability in the period, by first minute

    @property
    def unplanned(self) -> int:
        """Unplanned maintenance and disruptions together (the 90-day rows show two kinds)."""
        return self.unplanned_maintenance + self.disruption

    @property
    def unavailable(self) -> int:
        return self.planned + self.unplanned_maintenance + self.disruption

    def minutes(self, category: Category) -> int:
        return (self.planned, self.unplanned_maintenance, self.disruption)[category - 1]

    @property
    def worst(self) -> Category | None:
        for category in reversed(Category):
            if self.minutes(category):
                return category
        return None


def tally(intervals: Sequence[Interval], start: dt.datetime, end: dt.datetime) -> Tally:
    """Count [start, end): split the period at every interval boundary and give each piece the
    most severe category of the intervals that cover it."""
    inside = [i for i in intervals if i.start < end and i.end > start]
    if not inside:
        return Tally()
    cuts = sorted({start, end} | {i.start for i in inside} | {i.end for i in inside})
    cuts = [c for c in cuts if start <= c <= end]
    minutes = {category: 0 for category in Category}
    for left, right in itertools.pairwise(cuts):
        covering = [i.category for i in inside if i.start <= left and i.end >= right]
        if covering:
            minutes[max(covering)] += (right - left) // MINUTE
    first_minute: dict[str, dt.datetime] = {}
    for interval in inside:
        first_minute.setdefault(interval.event_id, max(interval.start, start))
    ordered = sorted(first_minute, key=lambda event_id: (first_minute[event_id], event_id))
    return Tally(
        minutes[Category.PLANNED],
        minutes[Category.UNPLANNED_MAINTENANCE],
        minutes[Category.DISRUPTION],
        tuple(ordered),
    )


def day_bounds(day: dt.date, tz: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """A calendar day in ``tz`` as UTC instants: 23, 24 or 25 hours long."""
    following = day + dt.timedelta(days=1)
    return (
        dt.datetime.combine(day, dt.time(), tz).astimezone(dt.UTC),
        dt.datetime.combine(following, dt.time(), tz).astimezone(dt.UTC),
    )


def month_bounds(year: int, month: int, tz: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (
        dt.datetime.combine(dt.date(year, month, 1), dt.time(), tz).astimezone(dt.UTC),
        dt.datetime.combine(following, dt.time(), tz).astimezone(dt.UTC),
    )


@dataclass(frozen=True)
class Day:
    date: dt.date
    measured_minutes: int  # the day's length, or until "now" for today
    tally: Tally


def last_days(
    intervals: Sequence[Interval], now: dt.datetime, tz: ZoneInfo, count: int = 90
) -> tuple[Day, ...]:
    """The ``count`` calendar days ending with today, oldest first; today ends at "now"."""
    today = now.astimezone(tz).date()
    cutoff = to_minute(now)
    days = []
    for back in range(count - 1, -1, -1):
        date = today - dt.timedelta(days=back)
        start, end = day_bounds(date, tz)
        end = min(end, cutoff)
        days.append(Day(date, max(0, (end - start) // MINUTE), tally(intervals, start, end)))
    return tuple(days)


@dataclass(frozen=True)
class Month:
    """One calendar month, measured from ``start`` to ``end`` (the report period's part of it)."""

    year: int
    month: int
    start: dt.datetime
    end: dt.datetime
    complete: bool  # the whole month lies within the report period
    tally: Tally

    @property
    def measured_minutes(self) -> int:
        return (self.end - self.start) // MINUTE

    @property
    def availability(self) -> Decimal:
        return available_share(self.measured_minutes, self.tally.unavailable)


def available_share(measured: int, lost: int) -> Decimal:
    """Percentage of the ``measured`` minutes not ``lost``, rounded down to 0.01 so that any
    unavailability shows below 100."""
    if measured <= 0:
        return Decimal("100.00")
    share = Decimal(100) * (measured - lost) / Decimal(measured)
    return share.quantize(Decimal("0.01"), rounding=ROUND_FLOOR)


def report_start(now: dt.datetime, tz: ZoneInfo, retention_years: int) -> dt.datetime:
    """The start of the retention period that ends at "now": the same local date and time
    ``retention_years`` calendar years back (29 February from 28 February)."""
    return years_later(to_minute(now), -retention_years, tz)


def months(
    intervals: Sequence[Interval], start: dt.datetime, end: dt.datetime, tz: ZoneInfo
) -> tuple[Month, ...]:
    """Every calendar month that overlaps [start, end), oldest first, measured within it."""
    local = start.astimezone(tz)
    year, month = local.year, local.month
    result = []
    while True:
        month_start, month_end = month_bounds(year, month, tz)
        if month_start >= end:
            break
        left, right = max(month_start, start), min(month_end, end)
        if right > left:
            complete = left == month_start and right == month_end
            result.append(Month(year, month, left, right, complete, tally(intervals, left, right)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(result)


def report_months(
    events: Iterable[Event],
    system_ids: Sequence[str],
    now: dt.datetime,
    tz: ZoneInfo,
    retention_years: int,
) -> dict[str, tuple[Month, ...]]:
    """Per system, the months of the retention year that ends at "now" (the report's rows)."""
    events = tuple(events)
    start, end = report_start(now, tz, retention_years), to_minute(now)
    return {s: months(system_intervals(events, s, now), start, end, tz) for s in system_ids}
