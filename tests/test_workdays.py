"""Working days and office hours: the Dutch calendar's hard cases."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time

import pytest
from rulekit import local

from douane_status.domain.config import StatusSettings
from douane_status.domain.workdays import WorkCalendar

CALENDAR = WorkCalendar(StatusSettings())


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        # King's Day: 27 April; when that is a Sunday, Saturday 26 April, never a Monday
        pytest.param("2026-04-27", False, id="kings-day-monday-2026"),
        pytest.param("2025-04-26", False, id="kings-day-saturday-2025"),
        pytest.param("2025-04-28", True, id="monday-after-sunday-27-april-2025"),
        pytest.param("2031-04-28", True, id="monday-after-sunday-27-april-2031"),
        pytest.param("2030-04-26", True, id="friday-before-kings-day-on-saturday-2030"),
        pytest.param("2028-04-27", False, id="kings-day-thursday-2028"),
        # Easter: Easter Monday is not a working day; Good Friday is (Algemene termijnenwet art. 3)
        pytest.param("2026-04-02", True, id="maundy-thursday"),
        pytest.param("2026-04-03", True, id="good-friday-2026"),
        pytest.param("2026-04-06", False, id="easter-monday-2026"),
        pytest.param("2026-04-07", True, id="tuesday-after-easter"),
        pytest.param("2027-03-26", True, id="good-friday-2027"),
        pytest.param("2025-04-18", True, id="good-friday-2025"),
        pytest.param("2027-03-29", False, id="easter-monday-2027"),
        # Ascension and Pentecost
        pytest.param("2026-05-14", False, id="ascension-2026"),
        pytest.param("2026-05-15", True, id="friday-after-ascension"),
        pytest.param("2026-05-25", False, id="whit-monday-2026"),
        pytest.param("2027-05-17", False, id="whit-monday-2027"),
        # Liberation Day counts every year, not only every fifth
        pytest.param("2026-05-05", False, id="5-may-2026"),
        pytest.param("2027-05-05", False, id="5-may-2027"),
        pytest.param("2025-05-05", False, id="5-may-2025-lustrum"),
        pytest.param("2028-05-05", False, id="5-may-2028-friday"),
        pytest.param("2029-05-04", True, id="4-may-2029-friday"),
        # Christmas into New Year
        pytest.param("2026-12-24", True, id="christmas-eve"),
        pytest.param("2026-12-25", False, id="christmas"),
        pytest.param("2026-12-28", True, id="monday-after-christmas"),
        pytest.param("2026-12-31", True, id="new-years-eve"),
        pytest.param("2027-01-01", False, id="new-years-day"),
        pytest.param("2027-12-27", True, id="no-substitute-for-christmas-on-weekend"),
        # weekends
        pytest.param("2026-11-28", False, id="saturday"),
        pytest.param("2026-11-29", False, id="sunday"),
        pytest.param("2026-11-30", True, id="monday"),
    ],
)
def test_working_days(day: str, working: bool) -> None:
    assert CALENDAR.is_working_day(d(day)) is working


def test_good_friday_is_a_working_day_unless_listed_as_a_closure_day() -> None:
    good_friday = d("2026-04-03")
    assert CALENDAR.is_working_day(good_friday)
    closed = WorkCalendar(StatusSettings(closure_days=(good_friday,)))
    assert not closed.is_working_day(good_friday)
    # Maundy Thursday to Easter Monday: only the Friday lies strictly between, and only it counts
    assert CALENDAR.working_days_between(d("2026-04-02"), d("2026-04-06")) == 1
    assert closed.working_days_between(d("2026-04-02"), d("2026-04-06")) == 0


def test_closure_days_from_the_settings() -> None:
    calendar = WorkCalendar(StatusSettings(closure_days=(d("2026-05-15"), d("2026-12-24"))))
    assert not calendar.is_working_day(d("2026-05-15"))
    assert not calendar.is_working_day(d("2026-12-24"))
    assert calendar.is_working_day(d("2026-12-23"))
    # 21-23 and 28-31 December; the 24th closed, Christmas and New Year's Day holidays
    assert calendar.working_days_between(d("2026-12-20"), d("2027-01-04")) == 7


@pytest.mark.parametrize(
    ("first", "last", "count"),
    [
        pytest.param("2026-11-30", "2026-11-30", 0, id="same-day"),
        pytest.param("2026-11-30", "2026-12-01", 0, id="next-day-nothing-between"),
        pytest.param("2026-11-30", "2026-12-02", 1, id="one-between"),
        pytest.param("2026-12-02", "2026-11-30", 0, id="reversed"),
        pytest.param("2026-11-29", "2026-12-13", 10, id="two-full-weeks"),
        # 24, 28-31 December 2026 and 4-8 January 2027
        pytest.param("2026-12-23", "2027-01-10", 10, id="christmas-new-year"),
        # Thursday 2 and Good Friday 3 April and Tuesday 7 April; Easter Monday is a holiday
        pytest.param("2026-04-01", "2026-04-08", 3, id="easter-2026"),
    ],
)
def test_working_days_strictly_between(first: str, last: str, count: int) -> None:
    assert CALENDAR.working_days_between(d(first), d(last)) == count


def test_latest_notice_date_is_the_exact_boundary() -> None:
    for start in ("2026-12-13", "2027-01-10", "2027-04-11", "2026-06-07", "2025-05-11"):
        latest = CALENDAR.latest_notice_date(d(start), 10)
        assert CALENDAR.working_days_between(latest, d(start)) == 10
        assert CALENDAR.working_days_between(latest + dt.timedelta(days=1), d(start)) == 9


def test_counting_far_apart_dates_stops_at_the_limit() -> None:
    began = time.perf_counter()
    assert CALENDAR.working_days_between(d("1900-01-01"), d("2999-12-31"), limit=10) == 10
    assert time.perf_counter() - began < 0.5


@pytest.mark.parametrize(
    ("moment", "inside"),
    [
        pytest.param("2026-11-30 07:59", False, id="monday-0759"),
        pytest.param("2026-11-30 08:00", True, id="monday-0800"),
        pytest.param("2026-11-30 16:59", True, id="monday-1659"),
        pytest.param("2026-11-30 16:59:59", True, id="monday-165959"),
        pytest.param("2026-11-30 17:00", False, id="monday-1700"),
        pytest.param("2026-11-29 10:00", False, id="sunday"),
        pytest.param("2026-12-25 10:00", False, id="christmas"),
        pytest.param("2026-05-05 10:00", False, id="liberation-day"),
        # summer time: 08:00 CEST is 06:00 UTC
        pytest.param("2026-06-01 08:00", True, id="summer-0800"),
        pytest.param("2026-06-01T06:00Z", True, id="summer-0600-utc"),
        pytest.param("2026-06-01T05:59Z", False, id="summer-0559-utc"),
        pytest.param("2026-06-01T15:00Z", False, id="summer-1500-utc-is-1700"),
    ],
)
def test_office_hours_are_half_open_and_local(moment: str, inside: bool) -> None:
    assert CALENDAR.in_office_hours(local(moment)) is inside


def test_office_hours_from_the_settings() -> None:
    settings = dataclasses.replace(
        StatusSettings(), office_hours_start=dt.time(7, 30), office_hours_end=dt.time(18, 0)
    )
    calendar = WorkCalendar(settings)
    assert calendar.in_office_hours(local("2026-11-30 07:30"))
    assert not calendar.in_office_hours(local("2026-11-30 18:00"))
