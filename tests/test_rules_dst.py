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


def overrun_night(day: str, end: str, overrun_at: str, completed: str):
    return night(
        f"{day} 01:00",
        f"{day} {end}",
        update(
            f"{day} {overrun_at}",
            "overrun",
            next_update=f"{day} {completed}",
            expected_end=f"{day} {completed}",
        ),
        update(f"{day} {completed}", "completed"),
    )


@pytest.mark.parametrize(
    ("day", "completed", "late"),
    [
        # 01:30 CEST to 02:30 CET is 120 minutes, not the 60 the clock suggests
        pytest.param("2026-10-25", "02:30+01:00", False, id="autumn-120"),
        # 01:30 CEST to 03:29 CET is 179 minutes, not 119
        pytest.param("2026-10-25", "03:29", True, id="autumn-179"),
        # 01:30 CET to 04:30 CEST is 120 minutes, not 180
        pytest.param("2026-03-29", "04:30", False, id="spring-120"),
        pytest.param("2026-03-29", "04:31", True, id="spring-121"),
    ],
)
def test_overrun_gaps_across_the_switch_are_real_minutes(
    tmp_path: Path, day: str, completed: str, late: bool
) -> None:
    # planned end 01:30, overrun announced at 01:00 (30 minutes before), Sunday: 120-minute limit
    event = overrun_night(day, "01:30", "01:00", completed)
    content = check(tmp_path, [event], now="2026-10-26 12:00", windows={2026: WINDOWS_2026})
    assert found(content) == ([("P05", event.update_line(3))] if late else [])
