"""Daylight-saving nights: windows and overruns across 02:00-03:00 on the last Sundays of March
and October 2026 (29 March and 25 October), judged as instants, never as wall-clock texts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rulekit import check, found, outage, update

WINDOWS_2026 = """\
maintenance:
  - date: 2026-03-29
    start: "01:00"
    end: "05:00"
  - date: 2026-10-25
    start: "01:00"
    end: "05:00"
"""


def night(start: str, end: str, *updates: dict[str, str], announced: str = "2026-03-01 09:00"):
    return outage(
        f"{start[:10]}-dms-onderhoud",
        "maintenance",
        announced=announced,
        start=start,
        end=end,
        updates=[update(announced, "scheduled"), *updates],
    )


@pytest.mark.parametrize(
    ("start", "end", "hours"),
    [
        # spring forward: 02:00-03:00 does not exist, the night is an hour shorter
        pytest.param("2026-03-29 01:00", "2026-03-29 05:00", 3, id="march"),
        # fall back: 02:00-03:00 happens twice, the night is an hour longer
        pytest.param("2026-10-25 01:00", "2026-10-25 05:00", 5, id="october"),
        # the second 02:30 (winter time), written with its offset
        pytest.param("2026-10-25 01:00", "2026-10-25 02:30+01:00", 2.5, id="october-second-0230"),
    ],
)
def test_window_across_the_switch_fits_and_lasts_real_hours(
    tmp_path: Path, start: str, end: str, hours: float
) -> None:
    event = night(start, end, announced="2026-03-01 09:00")
    content = check(tmp_path, [event], now="2026-03-02 12:00", windows={2026: WINDOWS_2026})
    assert found(content) == []
    (read,) = content.events
    assert read.end is not None
    assert read.end - read.start == dt.timedelta(hours=hours)


def test_window_ends_are_instants(tmp_path: Path) -> None:
    # 05:00 is the window's end; 04:59+01:00 is inside, 05:01 outside, 00:59 before the begin
    inside = night("2026-10-25 01:00+02:00", "2026-10-25 04:59+01:00")
    after = outage(
        "2026-10-25-ncts-onderhoud",
        "maintenance",
        announced="2026-03-01 09:00",
        start="2026-10-25 01:00",
        end="2026-10-25 05:01",
        updates=[update("2026-03-01 09:00", "scheduled")],
    )
    content = check(tmp_path, [inside, after], now="2026-03-02 12:00", windows={2026: WINDOWS_2026})
    assert found(content) == [("P03", after.line("end:"))]


@pytest.mark.parametrize(
    ("field", "text", "code"),
    [
        pytest.param("start", "2026-03-29 02:30", "OUT005", id="spring-gap-start"),
        pytest.param("end", "2026-10-25 02:30", "OUT005", id="autumn-ambiguous-end"),
        pytest.param("end", "2026-10-25 02:00", "OUT005", id="autumn-ambiguous-0200"),
        pytest.param("start", "2026-03-29 02:00", "OUT005", id="spring-gap-0200"),
        pytest.param("end", "2026-10-25 03:00", None, id="autumn-0300-is-unique"),
        pytest.param("start", "2026-03-29 03:00", None, id="spring-0300-exists"),
    ],
)
def test_bare_times_in_the_switch_hour_need_an_offset(
    tmp_path: Path, field: str, text: str, code: str | None
) -> None:
    day = text[:10]
    times = {"start": f"{day} 01:00", "end": f"{day} 05:00", field: text}
    event = night(times["start"], times["end"])
    content = check(tmp_path, [event], now="2026-03-02 12:00", windows={2026: WINDOWS_2026})
    assert found(content) == ([] if code is None else [(code, event.line(f"{field}:"))])


def test_an_update_at_an_ambiguous_time_is_out005_at_its_line(tmp_path: Path) -> None:
    event = night("2026-10-25 01:00", "2026-10-25 05:00", update("2026-10-25 02:15", "in-progress"))
    content = check(tmp_path, [event], now="2026-03-02 12:00", windows={2026: WINDOWS_2026})
    assert found(content) == [("OUT005", event.update_line(2))]
    assert "'2026-10-25 02:15+02:00' (first time)" in content.findings[0].message


def test_a_window_starting_in_the_spring_gap_is_out005(tmp_path: Path) -> None:
    windows = 'maintenance:\n  - date: 2026-03-29\n    start: "02:30"\n    end: "05:00"\n'
    content = check(tmp_path, [], now="2026-03-02 12:00", windows={2026: windows})
    assert [(f.file, f.code, f.line) for f in content.findings] == [
        ("content/windows/2026.yaml", "OUT005", 3)
    ]


def overrun_night(day: str, end: str, overrun_at: str, completed: str, promised: str = ""):
    """An overrun that night: the notice at ``overrun_at`` promises the next update at
    ``promised`` (by default ``completed``), and the work completes at ``completed``."""
    return night(
        f"{day} 01:00",
        f"{day} {end}",
        update(
            f"{day} {overrun_at}",
            "overrun",
            next_update=f"{day} {promised or completed}",
            expected_end=f"{day} {completed}",
        ),
        update(f"{day} {completed}", "completed"),
    )


GAPS_ACROSS_THE_SWITCH = [
    # day, the next update, whether it is later than the due time (planned end 01:30, Sunday:
    # 120 minutes), and the due time itself
    # 01:30 CEST to 02:30 CET is 120 minutes, not the 60 the clock suggests
    pytest.param("2026-10-25", "02:29+01:00", False, id="autumn-119"),
    pytest.param("2026-10-25", "02:30+01:00", False, id="autumn-120"),
    pytest.param("2026-10-25", "02:31+01:00", True, id="autumn-121"),
    # 01:30 CEST to 03:29 CET is 179 minutes, not 119
    pytest.param("2026-10-25", "03:29", True, id="autumn-179"),
    # 01:30 CET to 04:30 CEST is 120 minutes, not 180
    pytest.param("2026-03-29", "04:29", False, id="spring-119"),
    pytest.param("2026-03-29", "04:30", False, id="spring-120"),
    pytest.param("2026-03-29", "04:31", True, id="spring-121"),
]
DUE = {"2026-10-25": "02:30+01:00", "2026-03-29": "04:30"}


@pytest.mark.parametrize(("day", "completed", "late"), GAPS_ACROSS_THE_SWITCH)
def test_overrun_gaps_across_the_switch_are_real_minutes(
    tmp_path: Path, day: str, completed: str, late: bool
) -> None:
    # planned end 01:30, overrun announced at 01:00 (30 minutes before); the notice promises the
    # due time, so a late update is the update's own P05 (one minute is within P08's grace)
    event = overrun_night(day, "01:30", "01:00", completed, promised=DUE[day])
    content = check(tmp_path, [event], now="2026-10-26 12:00", windows={2026: WINDOWS_2026})
    expected = [("P05", event.update_line(3))] if late else []
    if completed == "03:29":  # 59 minutes after the promise: broken, P08 at the promise
        expected.append(("P08", event.update_line(2)))
    assert found(content) == sorted(expected)


@pytest.mark.parametrize(("day", "promised", "late"), GAPS_ACROSS_THE_SWITCH)
def test_overrun_promises_across_the_switch_are_real_minutes(
    tmp_path: Path, day: str, promised: str, late: bool
) -> None:
    # the notice at 01:00 promises the next update at ``promised``: judged at once, with "now"
    # the notice's own moment, and the same once the work has completed then
    event = overrun_night(day, "01:30", "01:00", promised)
    at_once = check(tmp_path / "a", [event], now=f"{day} 01:00", windows={2026: WINDOWS_2026})
    later = check(tmp_path / "b", [event], now="2026-10-26 12:00", windows={2026: WINDOWS_2026})
    expected = [("P05", event.update_line(2))] if late else []
    assert found(at_once) == expected
    assert found(later) == expected


@pytest.mark.parametrize(
    ("day", "end", "overrun_at", "late"),
    [
        # planned end 03:00 CET on the autumn night: 30 minutes before is 02:30 CET, the second
        # 02:30; the first 02:30 (CEST) is 90 minutes before
        pytest.param("2026-10-25", "03:00", "02:29+01:00", False, id="autumn-31"),
        pytest.param("2026-10-25", "03:00", "02:30+01:00", False, id="autumn-30"),
        pytest.param("2026-10-25", "03:00", "02:31+01:00", True, id="autumn-29"),
        pytest.param("2026-10-25", "03:00", "02:45+02:00", False, id="autumn-first-0245"),
        # planned end 03:30 CEST on the spring night: 30 minutes before is 03:00 CEST, and
        # 01:59 CET is 31 minutes before
        pytest.param("2026-03-29", "03:30", "01:59", False, id="spring-31"),
        pytest.param("2026-03-29", "03:30", "03:00", False, id="spring-30"),
        pytest.param("2026-03-29", "03:30", "03:01", True, id="spring-29"),
    ],
)
def test_overrun_notice_across_the_switch_is_judged_in_real_minutes_when_published(
    tmp_path: Path, day: str, end: str, overrun_at: str, late: bool
) -> None:
    event = night(
        f"{day} 01:00",
        f"{day} {end}",
        update(
            f"{day} {overrun_at}",
            "overrun",
            next_update=f"{day} 04:30",
            expected_end=f"{day} 04:30",
        ),
    )
    content = check(tmp_path, [event], now=f"{day} {overrun_at}", windows={2026: WINDOWS_2026})
    assert found(content) == ([("P04", event.update_line(2))] if late else [])
