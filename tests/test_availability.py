"""The unavailability arithmetic, against minutes worked out by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from douane_status.domain.model import Event, EventType, Status, Text, Update
from douane_status.reports.availability import (
    Category,
    Interval,
    day_bounds,
    event_interval,
    last_days,
    month_bounds,
    months,
    report_start,
    system_intervals,
    tally,
)

AMS = ZoneInfo("Europe/Amsterdam")


def at(text: str) -> dt.datetime:
    """'2026-11-29 10:00' in Amsterdam, or with an explicit offset, as UTC."""
    moment = dt.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=AMS)
    return moment.astimezone(dt.UTC)


def event(
    kind: str,
    start: str,
    *updates: tuple[str, str] | tuple[str, str, str],
    end: str | None = None,
    systems: tuple[str, ...] = ("dms",),
    event_id: str = "e",
) -> Event:
    """An event with updates given as (at, status) or (at, status, expected_end)."""
    return Event(
        id=event_id,
        path=f"{event_id}.md",
        type=EventType(kind),
        title=Text("t", "t"),
        systems=systems,
        start=at(start),
        end=at(end) if end else None,
        updates=tuple(
            Update(
                number=n,
                line=n,
                at=at(u[0]),
                status=Status(u[1]),
                text=Text("x", "x"),
                expected_end=at(u[2]) if len(u) > 2 else None,
            )
            for n, u in enumerate(updates, 1)
        ),
        body=Text("b", "b"),
    )


NOW = at("2026-11-29 10:00")


def minutes(interval: Interval | None) -> int:
    assert interval is not None
    return int((interval.end - interval.start).total_seconds() // 60)


# --- one event's interval ------------------------------------------------------------------


def test_resolved_disruption_counts_from_start_to_final_update() -> None:
    e = event(
        "disruption",
        "2026-11-28 09:12",
        ("2026-11-28 09:20", "investigating"),
        ("2026-11-28 12:40", "resolved"),
    )
    assert minutes(event_interval(e, NOW)) == 3 * 60 + 28  # 09:12 -> 12:40


def test_disruption_end_before_the_final_update_wins() -> None:
    e = event(
        "disruption",
        "2026-11-28 09:12",
        ("2026-11-28 09:20", "disruption"),
        ("2026-11-28 12:40", "resolved"),
        end="2026-11-28 12:00",
    )
    assert minutes(event_interval(e, NOW)) == 2 * 60 + 48  # 09:12 -> 12:00


def test_open_disruption_counts_until_now() -> None:
    e = event("disruption", "2026-11-29 08:40", ("2026-11-29 08:50", "investigating"))
    assert minutes(event_interval(e, NOW)) == 80


def test_no_fault_and_cancelled_count_nothing() -> None:
    no_fault = event(
        "disruption",
        "2026-11-28 09:00",
        ("2026-11-28 09:05", "investigating"),
        ("2026-11-28 09:30", "no-fault"),
    )
    cancelled = event(
        "maintenance",
        "2026-11-22 08:00",
        ("2026-11-01 10:00", "scheduled"),
        ("2026-11-20 10:00", "cancelled"),
        end="2026-11-22 16:00",
    )
    assert event_interval(no_fault, NOW) is None
    assert event_interval(cancelled, NOW) is None


@pytest.mark.parametrize(
    ("cancelled_at", "counted"),
    [
        pytest.param("2026-11-22 07:59", None, id="a-minute-before-the-start"),
        pytest.param("2026-11-22 08:00", None, id="at-the-start"),
        pytest.param("2026-11-22 08:01", 1, id="a-minute-after-the-start"),
        pytest.param("2026-11-22 18:01", 10 * 60 + 1, id="after-the-planned-end"),
    ],
)
def test_maintenance_cancelled_after_its_start_counts_until_the_cancellation(
    cancelled_at: str, counted: int | None
) -> None:
    e = event(
        "maintenance",
        "2026-11-22 08:00",
        ("2026-11-01 10:00", "scheduled"),
        (cancelled_at, "cancelled"),
        end="2026-11-22 16:00",
    )
    interval = event_interval(e, NOW)
    assert (None if interval is None else minutes(interval)) == counted


def test_completed_maintenance_counts_until_completion_not_the_planned_end() -> None:
    early = event(
        "maintenance",
        "2026-11-22 08:00",
        ("2026-11-01 10:00", "scheduled"),
        ("2026-11-22 13:15", "completed"),
        end="2026-11-22 16:00",
    )
    assert minutes(event_interval(early, NOW)) == 5 * 60 + 15


def test_open_maintenance_stops_at_the_announced_end_or_now() -> None:
    past_end = event(
        "maintenance",
        "2026-11-29 06:00",
        ("2026-11-10 10:00", "scheduled"),
        ("2026-11-29 06:00", "in-progress"),
        end="2026-11-29 08:00",
    )
    assert minutes(event_interval(past_end, NOW)) == 120  # not until now: no overrun announced
    overrun = event(
        "maintenance",
        "2026-11-29 06:00",
        ("2026-11-10 10:00", "scheduled"),
        ("2026-11-29 07:30", "overrun", "2026-11-29 11:00"),
        end="2026-11-29 08:00",
    )
    assert minutes(event_interval(overrun, NOW)) == 4 * 60  # 06:00 -> now, before 11:00


def test_upcoming_maintenance_counts_nothing_yet() -> None:
    e = event(
        "maintenance",
        "2026-12-13 08:00",
        ("2026-11-20 09:00", "scheduled"),
        end="2026-12-13 14:30",
    )
    assert event_interval(e, NOW) is None


def test_seconds_are_cut_to_the_minute() -> None:
    e = event(
        "disruption",
        "2026-11-28 09:12:59",
        ("2026-11-28 09:20", "disruption"),
        ("2026-11-28 09:30:45", "resolved"),
    )
    assert minutes(event_interval(e, NOW)) == 18


def test_categories_follow_the_event_type() -> None:
    kinds = {
        "maintenance": Category.PLANNED,
        "release": Category.PLANNED,
        "unplanned-maintenance": Category.UNPLANNED_MAINTENANCE,
        "disruption": Category.DISRUPTION,
    }
    for kind, expected in kinds.items():
        e = event(kind, "2026-11-28 08:00", ("2026-11-28 09:00", "in-progress"))
        if kind == "disruption":
            e = event(kind, "2026-11-28 08:00", ("2026-11-28 09:00", "disruption"))
        interval = event_interval(e, at("2026-11-28 09:00"))
        assert interval is not None and interval.category is expected


# --- overlaps -------------------------------------------------------------------------------


def test_overlapping_events_count_each_minute_once_in_the_worst_category() -> None:
    maintenance = event(
        "maintenance",
        "2026-11-22 08:00",
        ("2026-11-01 10:00", "scheduled"),
        ("2026-11-22 16:00", "completed"),
        end="2026-11-22 16:00",
        event_id="m",
    )
    noodchange = event(
        "unplanned-maintenance",
        "2026-11-22 11:00",
        ("2026-11-22 10:00", "scheduled"),
        ("2026-11-22 13:00", "completed"),
        end="2026-11-22 13:00",
        event_id="u",
    )
    disruption = event(
        "disruption",
        "2026-11-22 12:00",
        ("2026-11-22 12:05", "disruption"),
        ("2026-11-22 14:30", "resolved"),
        event_id="d",
    )
    other_system = event(
        "disruption",
        "2026-11-22 09:00",
        ("2026-11-22 09:05", "disruption"),
        ("2026-11-22 10:00", "resolved"),
        systems=("ncts",),
        event_id="x",
    )
    intervals = system_intervals([disruption, noodchange, maintenance, other_system], "dms", NOW)
    day = tally(intervals, *day_bounds(dt.date(2026, 11, 22), AMS))
    # 08:00-11:00 planned (180); 11:00-12:00 unplanned maintenance (60);
    # 12:00-14:30 disruption (150; it covers 12:00-13:00 of the noodchange);
    # 14:30-16:00 planned again (90). Together 08:00-16:00 = 480, each minute once.
    assert (day.planned, day.unplanned_maintenance, day.disruption) == (270, 60, 150)
    assert day.unavailable == 480
    assert day.unplanned == 210
    assert day.event_ids == ("m", "u", "d")
    assert day.worst is Category.DISRUPTION


def test_two_reports_of_one_disruption_count_the_union() -> None:
    first = event(
        "disruption",
        "2026-11-03 09:00",
        ("2026-11-03 09:05", "disruption"),
        ("2026-11-03 11:00", "resolved"),
        event_id="a",
    )
    second = event(
        "disruption",
        "2026-11-03 10:00",
        ("2026-11-03 10:05", "disruption"),
        ("2026-11-03 12:30", "resolved"),
        event_id="b",
    )
    day = tally(
        system_intervals([first, second], "dms", NOW), *day_bounds(dt.date(2026, 11, 3), AMS)
    )
    assert day.disruption == 210  # 09:00-12:30, not 120 + 150
    assert day.event_ids == ("a", "b")


# --- days: midnight and daylight saving -----------------------------------------------------


def test_an_event_across_midnight_is_split_over_both_days() -> None:
    e = event(
        "disruption",
        "2026-11-27 22:30",
        ("2026-11-27 22:40", "disruption"),
        ("2026-11-28 01:15", "resolved"),
    )
    days = last_days(system_intervals([e], "dms", NOW), NOW, AMS, count=3)
    assert [d.date.isoformat() for d in days] == ["2026-11-27", "2026-11-28", "2026-11-29"]
    assert [d.tally.disruption for d in days] == [90, 75, 0]
    assert [d.tally.event_ids for d in days] == [("e",), ("e",), ()]
    assert [d.measured_minutes for d in days] == [1440, 1440, 600]  # today until 10:00


def test_daylight_saving_days_have_23_and_25_hours() -> None:
    def length(day: dt.date) -> int:
        start, end = day_bounds(day, AMS)
        return int((end - start).total_seconds() // 60)

    assert length(dt.date(2026, 3, 29)) == 23 * 60
    assert length(dt.date(2026, 10, 25)) == 25 * 60
    assert length(dt.date(2026, 10, 26)) == 24 * 60


def test_a_whole_autumn_switch_day_of_maintenance_is_1500_minutes() -> None:
    # From 00:00 CEST to 06:00 CET is seven hours: the clock goes back at 03:00.
    e = event(
        "maintenance",
        "2026-10-25 00:00",
        ("2026-10-01 10:00", "scheduled"),
        ("2026-10-25 06:00", "completed"),
        end="2026-10-25 06:00",
    )
    assert minutes(event_interval(e, NOW)) == 7 * 60
    whole = event(
        "disruption",
        "2026-10-25 00:00",
        ("2026-10-25 00:05", "disruption"),
        ("2026-10-26 00:00", "resolved"),
    )
    day = tally(system_intervals([whole], "dms", NOW), *day_bounds(dt.date(2026, 10, 25), AMS))
    assert day.disruption == 1500


def test_an_event_across_the_spring_switch() -> None:
    # 28 March 23:00 CET to 29 March 04:00 CEST: four real hours, 60 + 180 minutes.
    e = event(
        "disruption",
        "2026-03-28 23:00",
        ("2026-03-28 23:05", "disruption"),
        ("2026-03-29 04:00", "resolved"),
    )
    intervals = system_intervals([e], "dms", NOW)
    assert tally(intervals, *day_bounds(dt.date(2026, 3, 28), AMS)).disruption == 60
    assert tally(intervals, *day_bounds(dt.date(2026, 3, 29), AMS)).disruption == 180


# --- months and the report period -----------------------------------------------------------


def test_month_lengths_are_real_minutes() -> None:
    def length(year: int, month: int) -> int:
        start, end = month_bounds(year, month, AMS)
        return int((end - start).total_seconds() // 60)

    assert length(2026, 3) == 31 * 1440 - 60
    assert length(2026, 10) == 31 * 1440 + 60
    assert length(2026, 11) == 30 * 1440
    assert length(2026, 12) == 31 * 1440
    assert length(2028, 2) == 29 * 1440


def test_availability_uses_the_real_month_length_and_rounds_down() -> None:
    e = event(
        "disruption",
        "2026-03-28 23:00",
        ("2026-03-28 23:05", "disruption"),
        ("2026-03-29 04:00", "resolved"),
    )
    start, end = month_bounds(2026, 3, AMS)
    (march,) = months(system_intervals([e], "dms", NOW), start, end, AMS)
    assert march.complete and march.measured_minutes == 44580
    assert march.tally.disruption == 240
    # (44580 - 240) / 44580 = 99.4616...%
    assert march.availability == Decimal("99.46")
    one_minute = event(
        "disruption",
        "2026-11-02 10:00",
        ("2026-11-02 10:00", "disruption"),
        ("2026-11-02 10:01", "resolved"),
    )
    start, end = month_bounds(2026, 11, AMS)
    (november,) = months(system_intervals([one_minute], "dms", NOW), start, end, AMS)
    assert november.availability == Decimal("99.99")  # 99.9977 rounded down, never 100.00


def test_an_event_across_a_month_boundary_counts_in_both_months() -> None:
    e = event(
        "disruption",
        "2026-09-30 22:00",
        ("2026-09-30 22:10", "disruption"),
        ("2026-10-01 03:00", "resolved"),
    )
    start = month_bounds(2026, 9, AMS)[0]
    end = month_bounds(2026, 10, AMS)[1]
    september, october = months(system_intervals([e], "dms", NOW), start, end, AMS)
    assert (september.tally.disruption, october.tally.disruption) == (120, 180)
    assert september.tally.event_ids == october.tally.event_ids == ("e",)


def test_report_period_is_the_retention_year_with_partial_first_and_last_months() -> None:
    start = report_start(NOW, AMS, 1)
    assert start == at("2025-11-29 10:00")
    found = months((), start, NOW, AMS)
    assert [(m.year, m.month) for m in found][:2] == [(2025, 11), (2025, 12)]
    assert [(m.year, m.month) for m in found][-1] == (2026, 11)
    assert len(found) == 13
    first, last = found[0], found[-1]
    assert not first.complete and first.measured_minutes == 38 * 60  # 29 Nov 10:00 -> 1 Dec
    assert not last.complete and last.measured_minutes == 28 * 1440 + 10 * 60
    assert all(m.complete for m in found[1:-1])
    assert all(m.availability == Decimal("100.00") for m in found)


def test_report_start_keeps_the_wall_clock_across_daylight_saving() -> None:
    summer_now = at("2026-07-01 12:00")
    assert report_start(summer_now, AMS, 1) == at("2025-07-01 12:00")
    assert report_start(at("2026-04-01 12:00"), AMS, 1) == at("2025-04-01 12:00")


def test_report_start_is_a_calendar_year_back() -> None:
    # 366 days back across 29 February; from 29 February, 28 February of the year before
    assert report_start(at("2028-06-01 10:00"), AMS, 1) == at("2027-06-01 10:00")
    assert report_start(at("2028-02-29 10:00"), AMS, 1) == at("2027-02-28 10:00")
    assert report_start(at("2028-02-29 10:00"), AMS, 2) == at("2026-02-28 10:00")


@pytest.mark.parametrize("count", [1, 90])
def test_last_days_end_today(count: int) -> None:
    days = last_days((), NOW, AMS, count=count)
    assert len(days) == count
    assert days[-1].date == dt.date(2026, 11, 29)
    assert days[0].date == dt.date(2026, 11, 29) - dt.timedelta(days=count - 1)
