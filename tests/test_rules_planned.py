"""P02-P06: planned events (notice, windows, overrun), each at its very boundary.

Unless a test says otherwise, a maintenance lies in 2027, a year without a windows file, on Sunday
14 March 2027, 08:00-16:00 Europe/Amsterdam, announced well ahead.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from rulekit import SETTINGS, Outage, check, found, messages, outage, update

START, END = "2027-03-14 08:00", "2027-03-14 16:00"
ANNOUNCED = "2027-02-01 10:00"
EARLY_NOW = "2027-03-01 12:00"


def maintenance(
    *,
    announced: str = ANNOUNCED,
    start: str = START,
    end: str = END,
    updates: list[dict[str, str]] | None = None,
    type: str = "maintenance",
    id: str | None = None,
    **fields: str,
):
    return outage(
        id or f"{start[:10]}-dms-onderhoud",
        type,
        announced=announced,
        start=start,
        end=end,
        updates=updates or [update(announced, "scheduled")],
        **fields,
    )


# -- P02 notice ------------------------------------------------------------------------------


NOTICE_CASES = [
    # start (a Sunday), last date with 10 working days in between, the day after it
    pytest.param("2027-03-14", "2027-02-28", "2027-03-01", (), id="plain-weeks"),
    # Easter Monday 29 March 2027 is not a working day; Good Friday 26 March is (Algemene
    # termijnenwet), unless the settings list it as a closure day
    pytest.param("2027-04-11", "2027-03-25", "2027-03-26", (), id="easter"),
    pytest.param(
        "2027-04-11", "2027-03-24", "2027-03-25", (dt.date(2027, 3, 26),), id="good-friday-closed"
    ),
    # Christmas 25/26 December 2026 (Fri/Sat) and New Year's Day (Fri 1 January 2027)
    pytest.param("2027-01-10", "2026-12-23", "2026-12-24", (), id="christmas-new-year"),
    # Ascension (Thu 14 May) lies before the window; Whit Monday 25 May 2026 is not a working day
    pytest.param("2026-06-07", "2026-05-21", "2026-05-22", (), id="whit-monday"),
    # King's Day on Monday 27 April 2026 and Liberation Day on Tuesday 5 May 2026
    pytest.param("2026-05-10", "2026-04-22", "2026-04-23", (), id="kings-day-monday-5-may"),
    # 27 April 2025 is a Sunday: King's Day is Saturday 26 April, so Monday 28 April is a working
    # day (it is never moved to the Monday); 5 May 2025 (Monday) is not a working day
    pytest.param("2025-05-11", "2025-04-24", "2025-04-25", (), id="kings-day-on-saturday"),
    # a closure day from the settings counts like a holiday
    pytest.param(
        "2027-03-14", "2027-02-25", "2027-02-26", (dt.date(2027, 3, 8),), id="closure-day"
    ),
]


@pytest.mark.parametrize(("start_day", "in_time", "too_late", "closure"), NOTICE_CASES)
def test_p02_ten_working_days_strictly_between_announced_and_start(
    tmp_path: Path, start_day: str, in_time: str, too_late: str, closure: tuple[dt.date, ...]
) -> None:
    settings = dataclasses.replace(SETTINGS, closure_days=closure)
    ok = maintenance(
        announced=f"{in_time} 23:59", start=f"{start_day} 08:00", end=f"{start_day} 16:00"
    )
    late = maintenance(
        id=f"{start_day}-ncts-onderhoud",
        announced=f"{too_late} 00:00",
        start=f"{start_day} 08:00",
        end=f"{start_day} 16:00",
    )
    content = check(tmp_path, [ok, late], now=f"{too_late} 12:00", settings=settings)
    assert found(content, ok) == []
    assert found(content, late) == [("P02", late.line("announced:"))]
    (message,) = messages(content, "P02")
    assert f"announce by {in_time} at the latest" in message
    assert "9 working days in between" in message


@pytest.mark.parametrize(
    ("start_day", "in_time"),
    [
        pytest.param("2027-03-14", "2027-02-28", id="plain-weeks"),
        # the last day in time is the autumn switch night, 25 October 2026 (CET from 03:00)
        pytest.param("2026-11-08", "2026-10-25", id="autumn-switch-night"),
        # the last day in time is the spring switch night, 26 March 2028 (CEST from 02:00)
        pytest.param("2028-04-09", "2028-03-26", id="spring-switch-night"),
    ],
)
def test_p02_counts_from_the_first_message_when_it_is_later_than_announced(
    tmp_path: Path, start_day: str, in_time: str
) -> None:
    start, end = f"{start_day} 08:00", f"{start_day} 16:00"
    early = "2026-09-01 10:00"  # what 'announced' claims, weeks earlier
    next_day = (dt.date.fromisoformat(in_time) + dt.timedelta(days=1)).isoformat()
    cases = {
        "before": f"{in_time} 23:58",
        "edge": f"{in_time} 23:59",
        "after": f"{next_day} 00:00",
    }
    files = {
        name: maintenance(
            id=f"{start_day}-{name}-onderhoud",
            announced=early,
            start=start,
            end=end,
            updates=[update(at, "scheduled")],
        )
        for name, at in cases.items()
    }
    content = check(tmp_path, files.values(), now=f"{next_day} 12:00")
    assert found(content, files["before"]) == []
    assert found(content, files["edge"]) == []
    late = files["after"]
    assert found(content, late) == [("P02", late.update_line(1))]
    (message,) = messages(content, "P02")
    assert f"was announced on {next_day} (by its first message, update 1" in message
    assert "'announced' says 2026-09-01" in message


def test_p02_an_announced_date_later_than_the_first_message_still_counts(tmp_path: Path) -> None:
    late = maintenance(
        announced="2027-03-01 00:00", updates=[update("2027-02-01 10:00", "scheduled")]
    )
    content = check(tmp_path, [late], now=EARLY_NOW)
    assert found(content) == [("P02", late.line("announced:"))]


def test_p02_dates_are_amsterdam_dates_not_utc_dates(tmp_path: Path) -> None:
    # 28 Feb 23:30 UTC is 1 March 00:30 in Amsterdam: one working day too late
    late = maintenance(announced="2027-02-28T23:30Z")
    # 1 March 00:30+02:00 is 28 February 23:30 in Amsterdam: in time
    ok = maintenance(id="2027-03-14-ncts-onderhoud", announced="2027-03-01 00:30+02:00")
    content = check(tmp_path, [late, ok], now=EARLY_NOW)
    assert found(content) == [("P02", late.line("announced:"))]


def test_p02_applies_to_releases_but_not_to_unplanned_maintenance(tmp_path: Path) -> None:
    release = maintenance(
        type="release",
        announced="2027-03-08 09:00",
        start="2027-03-13 08:00",
        end="2027-03-13 10:00",
    )
    content = check(tmp_path, [release], now=EARLY_NOW)
    assert found(content) == [("P02", release.line("announced:"))]


def test_p02_announced_after_start_counts_zero_days(tmp_path: Path) -> None:
    late = maintenance(announced="2027-03-15 09:00", updates=[update(EARLY_NOW, "scheduled")])
    content = check(tmp_path, [late], now=EARLY_NOW)
    assert found(content) == [("P02", late.line("announced:"))]
    assert "0 working days in between" in messages(content, "P02")[0]


# -- P03 windows -----------------------------------------------------------------------------

WINDOWS_2026 = """\
maintenance:
  - date: 2026-12-06
    start: "08:00"
    end: "16:00"
  - date: 2026-12-13
    start: "08:00"
    end: "16:00"
    cancelled: true
release:
  - date: 2026-12-19
    start: "08:00"
    end: "10:00"
"""

WINDOW_CASES = [
    # type, start, end, finding at ("start" | "end" | None)
    pytest.param("maintenance", "2026-12-06 08:00", "2026-12-06 16:00", None, id="exact-window"),
    pytest.param("maintenance", "2026-12-06 07:59", "2026-12-06 16:00", "start", id="starts-early"),
    pytest.param("maintenance", "2026-12-06 08:00", "2026-12-06 16:01", "end", id="ends-late"),
    pytest.param("maintenance", "2026-12-13 08:00", "2026-12-13 09:00", "start", id="cancelled"),
    pytest.param("maintenance", "2026-12-20 08:00", "2026-12-20 09:00", "start", id="no-window"),
    pytest.param("maintenance", "2026-12-19 08:00", "2026-12-19 10:00", "start", id="release-day"),
    pytest.param("release", "2026-12-19 08:00", "2026-12-19 10:00", None, id="release-exact"),
    pytest.param("release", "2026-12-19 08:00", "2026-12-19 10:01", "end", id="release-late"),
    pytest.param("release", "2026-12-06 08:00", "2026-12-06 10:00", "start", id="release-sunday"),
    # a year without a windows file: one Sunday (maintenance) or Saturday (release)
    pytest.param("maintenance", "2027-03-14 08:00", "2027-03-14 16:00", None, id="no-file-sunday"),
    pytest.param(
        "maintenance", "2027-03-14 22:00", "2027-03-15 00:00", None, id="no-file-midnight"
    ),
    pytest.param("maintenance", "2027-03-14 22:00", "2027-03-15 00:01", "end", id="no-file-monday"),
    pytest.param("maintenance", "2027-03-13 08:00", "2027-03-13 16:00", "start", id="no-file-sat"),
    pytest.param("release", "2027-03-13 08:00", "2027-03-13 10:00", None, id="no-file-release"),
    pytest.param("release", "2027-03-14 08:00", "2027-03-14 10:00", "start", id="no-file-rel-sun"),
]


@pytest.mark.parametrize(("kind", "start", "end", "where"), WINDOW_CASES)
def test_p03_planned_event_lies_within_an_agreed_window(
    tmp_path: Path, kind: str, start: str, end: str, where: str | None
) -> None:
    event = maintenance(type=kind, announced="2026-10-01 09:00", start=start, end=end)
    content = check(tmp_path, [event], now="2026-10-02 12:00", windows={2026: WINDOWS_2026})
    expected = [] if where is None else [("P03", event.line(f"{where}:"))]
    assert found(content) == expected


def test_p03_message_names_the_nearest_windows(tmp_path: Path) -> None:
    event = maintenance(
        announced="2026-10-01 09:00", start="2026-12-20 08:00", end="2026-12-20 09:00"
    )
    content = check(tmp_path, [event], now="2026-10-02 12:00", windows={2026: WINDOWS_2026})
    (message,) = messages(content, "P03")
    assert "2026-12-20 is not an agreed maintenance window" in message
    assert "2026-12-06" in message and "content/windows/2026.yaml" in message
    assert "2026-12-13" not in message  # cancelled


def test_p03_does_not_judge_unplanned_maintenance(tmp_path: Path) -> None:
    disruption = outage(
        "2027-03-09-dms-verstoring",
        "disruption",
        start="2027-03-09 10:00",
        updates=[
            update("2027-03-09 10:00", "investigating", next_update="2027-03-09 10:30"),
            update("2027-03-09 10:20", "resolved"),
        ],
    )
    recovery = maintenance(
        type="unplanned-maintenance",
        announced="2027-03-09 12:00",
        start="2027-03-10 14:00",  # a Wednesday
        end="2027-03-10 15:00",
        follows="2027-03-09-dms-verstoring",
    )
    content = check(tmp_path, [disruption, recovery], now="2027-03-09 12:00")
    assert found(content) == []


# -- P04 overrun announced -------------------------------------------------------------------


def overrun_updates(overrun_at: str | None, completed_at: str | None) -> list[dict[str, str]]:
    updates = [update(ANNOUNCED, "scheduled"), update(START, "in-progress")]
    if overrun_at:
        updates.append(
            update(
                overrun_at,
                "overrun",
                next_update="2027-03-14 17:00",
                expected_end="2027-03-14 17:00",
            )
        )
    if completed_at:
        updates.append(update(completed_at, "completed"))
    return updates


@pytest.mark.parametrize(
    ("overrun_at", "completed_at", "at_update"),
    [
        pytest.param("2027-03-14 15:30", "2027-03-14 17:00", None, id="30-minutes-before"),
        pytest.param("2027-03-14 15:31", "2027-03-14 17:00", 3, id="29-minutes-before"),
        pytest.param(None, "2027-03-14 16:00", None, id="completed-on-time"),
        pytest.param(None, "2027-03-14 16:01", 3, id="completed-1-minute-late"),
    ],
)
def test_p04_overrun_announced_30_minutes_before_planned_end(
    tmp_path: Path, overrun_at: str | None, completed_at: str, at_update: int | None
) -> None:
    event = maintenance(updates=overrun_updates(overrun_at, completed_at))
    content = check(tmp_path, [event], now="2027-03-15 09:00")
    expected = [] if at_update is None else [("P04", event.update_line(at_update))]
    assert found(content) == expected


def test_p04_names_the_late_overrun_update(tmp_path: Path) -> None:
    event = maintenance(updates=overrun_updates("2027-03-14 15:31", "2027-03-14 17:00"))
    content = check(tmp_path, [event], now="2027-03-15 09:00")
    (message,) = messages(content, "P04")
    assert message.startswith(f"update 3 (line {event.update_line(3)}) announces the overrun")
    assert "29 minutes before the planned end 2027-03-14 16:00 CET" in message


@pytest.mark.parametrize(
    ("overrun_at", "late"),
    [
        pytest.param("2027-03-14 15:29", False, id="31-minutes-before"),
        pytest.param("2027-03-14 15:30", False, id="30-minutes-before"),
        pytest.param("2027-03-14 15:31", True, id="29-minutes-before"),
        pytest.param("2027-03-14 15:59", True, id="1-minute-before"),
    ],
)
def test_p04_a_late_notice_is_judged_when_it_is_published(
    tmp_path: Path, overrun_at: str, late: bool
) -> None:
    # "now" is the notice's own moment: the planned end (16:00) is still ahead, the event open
    event = maintenance(updates=overrun_updates(overrun_at, None))
    content = check(tmp_path, [event], now=overrun_at)
    assert found(content) == ([("P04", event.update_line(3))] if late else [])
    if late:
        minutes = 60 - int(overrun_at[-2:])
        (message,) = messages(content, "P04")
        assert f"{minutes} minute{'s' if minutes > 1 else ''} before the planned end" in message


def test_p04_a_late_notice_stays_when_the_work_ends_in_time(tmp_path: Path) -> None:
    # the notice was late when it was published; the work ending before its planned end does
    # not make it early
    updates = [*overrun_updates("2027-03-14 15:45", None), update("2027-03-14 15:55", "completed")]
    event = maintenance(updates=updates)
    content = check(tmp_path, [event], now="2027-03-15 09:00")
    assert found(content) == [("P04", event.update_line(3))]


def test_p04_an_earlier_notice_in_time_covers_a_later_one(tmp_path: Path) -> None:
    updates = overrun_updates("2027-03-14 15:30", None)
    updates.append(
        update(
            "2027-03-14 15:50",
            "overrun",
            next_update="2027-03-14 18:00",
            expected_end="2027-03-14 18:00",
        )
    )
    content = check(tmp_path, [maintenance(updates=updates)], now="2027-03-14 15:50")
    assert found(content) == []


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        pytest.param("2027-03-14 16:00", [], id="at-planned-end"),
        pytest.param("2027-03-14 16:01", ["P04", "P06"], id="open-after-planned-end"),
    ],
)
def test_p04_and_p06_open_event_after_planned_end(
    tmp_path: Path, now: str, expected: list[str]
) -> None:
    event = maintenance(updates=overrun_updates(None, None))
    content = check(tmp_path, [event], now=now)
    assert found(content) == [(code, event.line("end:")) for code in expected]


@pytest.mark.parametrize(
    ("cancelled_at", "expected"),
    [
        # before or at the start, 'cancelled' calls the work off: nothing ran past its end
        pytest.param("2027-03-14 07:59", [], id="before-start"),
        pytest.param(START, [], id="at-start"),
        # after the start it ends the work as 'completed' does
        pytest.param("2027-03-14 08:01", [], id="after-start"),
        pytest.param("2027-03-14 15:59", [], id="minute-before-end"),
        pytest.param(END, [], id="at-end"),
        pytest.param("2027-03-14 16:01", ["P04"], id="minute-after-end"),
        pytest.param("2027-03-14 18:01", ["P04", "P05"], id="121-minutes-after-end"),
    ],
)
def test_cancelled_after_the_start_ends_the_work_as_completed_does(
    tmp_path: Path, cancelled_at: str, expected: list[str]
) -> None:
    updates = [update(ANNOUNCED, "scheduled"), update(cancelled_at, "cancelled")]
    event = maintenance(updates=updates)
    content = check(tmp_path, [event], now="2027-03-15 09:00")
    assert found(content) == [(code, event.update_line(2)) for code in expected]
    if "P04" in expected:
        assert "cancels the maintenance at 2027-03-14 " in messages(content, "P04")[0]


@pytest.mark.parametrize(
    ("cancelled_at", "late"),
    [
        pytest.param("17:59", False, id="119"),
        pytest.param("18:00", False, id="120"),
        pytest.param("18:01", True, id="121"),
    ],
)
def test_p05_judges_an_overrun_up_to_a_cancelled_update(
    tmp_path: Path, cancelled_at: str, late: bool
) -> None:
    # the overrun is announced in time; Sunday, so the gap after the planned end may last 120
    updates = [
        update(ANNOUNCED, "scheduled"),
        update(
            "2027-03-14 15:30",
            "overrun",
            next_update="2027-03-14 18:00",
            expected_end="2027-03-14 18:00",
        ),
        update(f"2027-03-14 {cancelled_at}", "cancelled"),
    ]
    event = maintenance(updates=updates)
    content = check(tmp_path, [event], now="2027-03-15 09:00")
    assert found(content) == ([("P05", event.update_line(3))] if late else [])


# -- P05 overrun update cadence --------------------------------------------------------------
# Unplanned maintenance on Tuesday 1 December 2026 (a working day) after a disruption, so that
# gaps can start inside office hours.

DISRUPTION = outage(
    "2026-11-30-dms-verstoring",
    "disruption",
    start="2026-11-30 10:00",
    updates=[
        update("2026-11-30 10:00", "investigating", next_update="2026-11-30 10:30"),
        update("2026-11-30 10:30", "resolved"),
    ],
)


def recovery(end: str, *updates: dict[str, str]):
    return outage(
        "2026-12-01-dms-herstel",
        "unplanned-maintenance",
        announced="2026-11-30 12:00",
        start="2026-12-01 14:00",
        end=f"2026-12-01 {end}",
        follows=DISRUPTION.id,
        updates=[update("2026-11-30 12:00", "scheduled"), *updates],
    )


def at(clock: str) -> str:
    return f"2026-12-01 {clock}"


def overrun(clock: str, promised: str) -> dict[str, str]:
    return update(at(clock), "overrun", next_update=at(promised), expected_end=at(promised))


CADENCE_CASES = [
    # planned end, overrun updates (at, next), completed at, update number with P05. Each update
    # promises the next one at the moment it comes: a promise beyond the due time is P05 at the
    # update that makes it, and the gap it leaves is not reported again at the late update.
    pytest.param("16:00", [("15:30", "17:00")], "17:00", None, id="office-60"),
    pytest.param("16:00", [("15:30", "17:01")], "17:01", 2, id="office-61"),
    pytest.param("16:59", [("16:29", "18:00")], "18:00", 2, id="gap-from-end-at-16:59"),
    pytest.param("17:00", [("16:30", "18:01")], "18:01", None, id="gap-from-end-at-17:00"),
    pytest.param("17:00", [("16:30", "19:00")], "19:00", None, id="outside-120"),
    pytest.param("17:00", [("16:30", "19:01")], "19:01", 2, id="outside-121"),
    # the gap runs from the previous update once that lies after the planned end
    pytest.param(
        "16:00", [("15:30", "16:59"), ("16:59", "18:00")], "18:00", 3, id="previous-at-16:59"
    ),
    pytest.param(
        "16:00", [("15:30", "17:00"), ("17:00", "18:01")], "18:01", None, id="previous-at-17:00"
    ),
]


@pytest.mark.parametrize(("end", "overruns", "completed", "at_update"), CADENCE_CASES)
def test_p05_overrun_gaps_60_minutes_in_office_hours_120_outside(
    tmp_path: Path,
    end: str,
    overruns: list[tuple[str, str]],
    completed: str,
    at_update: int | None,
) -> None:
    event = recovery(
        end, *(overrun(a, promised) for a, promised in overruns), update(at(completed), "completed")
    )
    content = check(tmp_path, [DISRUPTION, event], now="2026-12-02 09:00")
    expected = [] if at_update is None else [("P05", event.update_line(at_update))]
    assert found(content) == expected


@pytest.mark.parametrize(("end", "overruns", "completed", "at_update"), CADENCE_CASES)
def test_p05_a_promise_beyond_the_due_time_is_judged_when_it_is_published(
    tmp_path: Path,
    end: str,
    overruns: list[tuple[str, str]],
    completed: str,
    at_update: int | None,
) -> None:
    # the same timelines as far as the promising update, with "now" its own moment: nothing
    # later is needed to see that the promise is too late
    promising = len(overruns) + 1 if at_update is None else at_update
    made = [overrun(a, promised) for a, promised in overruns][: promising - 1]
    event = recovery(end, *made)
    content = check(tmp_path, [DISRUPTION, event], now=made[-1]["at"])
    expected = [] if at_update is None else [("P05", event.update_line(at_update))]
    assert found(content) == expected


LATE_UPDATE_CASES = [
    # planned end, the overrun notice's promise (the due time itself, so the promise holds),
    # when the next update comes, whether that update is P05 (one minute late is within P08's
    # grace, so P05 is the only finding)
    pytest.param("16:00", "17:00", "16:59", False, id="office-59"),
    pytest.param("16:00", "17:00", "17:00", False, id="office-60"),
    pytest.param("16:00", "17:00", "17:01", True, id="office-61"),
    pytest.param("16:59", "17:59", "18:00", True, id="from-16:59-office-61"),
    pytest.param("17:00", "19:00", "18:59", False, id="outside-119"),
    pytest.param("17:00", "19:00", "19:00", False, id="outside-120"),
    pytest.param("17:00", "19:00", "19:01", True, id="outside-121"),
]


@pytest.mark.parametrize(("end", "promised", "completed", "late"), LATE_UPDATE_CASES)
def test_p05_a_late_update_after_a_promise_in_time_is_reported_at_the_late_update(
    tmp_path: Path, end: str, promised: str, completed: str, late: bool
) -> None:
    notice = (dt.datetime.fromisoformat(at(end)) - dt.timedelta(minutes=30)).strftime("%H:%M")
    event = recovery(end, overrun(notice, promised), update(at(completed), "completed"))
    content = check(tmp_path, [DISRUPTION, event], now="2026-12-02 09:00")
    assert found(content) == ([("P05", event.update_line(3))] if late else [])


@pytest.mark.parametrize(
    ("completed", "expected"),
    [
        # the promise (17:30, due 17:00) is the finding; the late update keeps it: one per gap
        pytest.param("17:30", [("P05", 2)], id="promise-kept"),
        # the promise is broken as well: that is P08's, at the promise
        pytest.param("17:36", [("P05", 2), ("P08", 2)], id="promise-broken"),
    ],
)
def test_p05_one_finding_per_gap(
    tmp_path: Path, completed: str, expected: list[tuple[str, int]]
) -> None:
    event = recovery("16:00", overrun("15:30", "17:30"), update(at(completed), "completed"))
    content = check(tmp_path, [DISRUPTION, event], now="2026-12-02 09:00")
    assert found(content) == [(code, event.update_line(n)) for code, n in expected]


def test_p05_every_promise_in_the_overrun_is_judged_from_its_own_time(tmp_path: Path) -> None:
    # Tuesday, planned end 16:00: 16:30 promises 17:31 (due 17:30), 17:20 promises 19:20 (17:20
    # is outside office hours: due 19:20), 19:20 promises 21:21 (due 21:20); completed in time
    event = recovery(
        "16:00",
        overrun("15:30", "16:30"),
        overrun("16:30", "17:31"),
        overrun("17:20", "19:20"),
        overrun("19:20", "21:21"),
        update(at("21:00"), "completed"),
    )
    content = check(tmp_path, [DISRUPTION, event], now="2026-12-02 09:00")
    assert found(content) == [("P05", event.update_line(3)), ("P05", event.update_line(5))]


@pytest.mark.parametrize("status", ["in-progress", "overrun"])
def test_p05_judges_the_promise_of_any_update_in_the_overrun(tmp_path: Path, status: str) -> None:
    # an update at or after the planned end is in the overrun, whatever its status; Tuesday 17:00
    # is outside office hours, so its next update is due by 19:00
    for promised, late in (("18:59", False), ("19:00", False), ("19:01", True)):
        fields = {"next_update": at(promised)}
        if status == "overrun":
            fields["expected_end"] = at(promised)
        event = recovery("17:00", overrun("16:30", "17:00"), update(at("17:00"), status, **fields))
        content = check(tmp_path / promised.replace(":", ""), [DISRUPTION, event], now=at("17:00"))
        assert found(content) == ([("P05", event.update_line(3))] if late else []), promised


def test_p05_does_not_judge_promises_before_the_overrun_is_announced(tmp_path: Path) -> None:
    # an 'in-progress' update before the planned end says nothing about an overrun
    event = recovery("16:00", update(at("15:00"), "in-progress", next_update=at("19:00")))
    content = check(tmp_path, [DISRUPTION, event], now=at("15:00"))
    assert found(content) == []


def test_p05_promise_message_names_the_due_time_and_what_to_do(tmp_path: Path) -> None:
    event = recovery("16:59", overrun("16:29", "18:00"))
    content = check(tmp_path, [DISRUPTION, event], now=at("16:29"))
    (message,) = messages(content, "P05")
    assert message.startswith(
        f"update 2 (line {event.update_line(2)}) promises the next update at 2026-12-01 18:00 CET"
    )
    assert "1 minute after it is due: counted from the planned end (2026-12-01 16:59 CET" in (
        message
    )
    assert "inside office hours), it is due by 2026-12-01 17:59 CET" in message
    assert "every 60 minutes in office hours and every 120 minutes outside" in message
    assert "promise the next update by 2026-12-01 17:59 CET at the latest" in message


def test_p05_message_says_inside_office_hours_and_the_limits(tmp_path: Path) -> None:
    event = recovery("16:59", overrun("16:29", "17:59"), update(at("18:00"), "completed"))
    content = check(tmp_path, [DISRUPTION, event], now="2026-12-02 09:00")
    (message,) = messages(content, "P05")
    assert message.startswith(f"update 3 (line {event.update_line(3)}) comes 61 minutes after")
    assert "the planned end (2026-12-01 16:59 CET, inside office hours)" in message
    assert "every 60 minutes in office hours and every 120 minutes outside" in message


def test_p05_not_judged_without_overrun(tmp_path: Path) -> None:
    event = recovery("16:00", update(at("14:00"), "in-progress"), update(at("16:00"), "completed"))
    content = check(tmp_path, [DISRUPTION, event], now="2026-12-02 09:00")
    assert found(content) == []


def morning_overrun(day: str, end: str, completed: str, promised: str | None = None):
    """A disruption the day before, and its recovery on ``day`` that ends at ``end`` but runs
    on until ``completed``, with its overrun announced 30 minutes before the planned end and
    the next update promised at ``promised`` (by default at ``completed``)."""
    before = (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()
    disruption = outage(
        f"{before}-dms-verstoring",
        "disruption",
        start=f"{before} 10:00",
        updates=[
            update(f"{before} 10:00", "investigating", next_update=f"{before} 10:30"),
            update(f"{before} 10:30", "resolved"),
        ],
    )
    planned_end = dt.datetime.fromisoformat(f"{day} {end}")
    notice = (planned_end - dt.timedelta(minutes=30)).strftime("%Y-%m-%d %H:%M")
    recovery = outage(
        f"{day}-dms-herstel",
        "unplanned-maintenance",
        announced=f"{before} 12:00",
        start=f"{day} 05:00",
        end=f"{day} {end}",
        follows=disruption.id,
        updates=[
            update(f"{before} 12:00", "scheduled"),
            update(notice, "overrun", next_update=promised or completed, expected_end=completed),
            update(completed, "completed"),
        ],
    )
    return disruption, recovery


OFFICE_START_CASES = [
    # day, planned end (the gap's start), last update in time, one minute later
    # Tuesday: from 07:30, due by 09:00 (60 minutes after 08:00), not 09:30
    pytest.param("2026-12-01", "07:30", "09:00", "09:01", id="working-day-0730"),
    # from 06:00 the 120 minutes end first: due by 08:00
    pytest.param("2026-12-01", "06:00", "08:00", "08:01", id="working-day-0600"),
    # from 06:59: 08:59 against 09:00, the earlier wins
    pytest.param("2026-12-01", "06:59", "08:59", "09:00", id="working-day-0659"),
    # the Mondays after the switch nights: 08:00 is local time, CET and CEST
    pytest.param("2026-10-26", "07:30", "09:00", "09:01", id="monday-after-autumn-switch"),
    pytest.param("2026-03-30", "07:30", "09:00", "09:01", id="monday-after-spring-switch"),
    # Good Friday is a working day (Algemene termijnenwet)
    pytest.param("2027-03-26", "07:30", "09:00", "09:01", id="good-friday"),
    # Easter Monday is not: 120 minutes
    pytest.param("2027-03-29", "07:30", "09:30", "09:31", id="easter-monday"),
    # Friday 17:00 is outside office hours, the next office hours are Monday: 120 minutes
    pytest.param("2026-12-04", "17:00", "19:00", "19:01", id="friday-evening"),
]


@pytest.mark.parametrize(("day", "end", "in_time", "too_late"), OFFICE_START_CASES)
def test_p05_outside_office_hours_due_by_the_earlier_of_120_minutes_and_60_after_they_begin(
    tmp_path: Path, day: str, end: str, in_time: str, too_late: str
) -> None:
    minute_before = (
        dt.datetime.fromisoformat(f"{day} {in_time}") - dt.timedelta(minutes=1)
    ).strftime("%H:%M")
    for clock, late in ((minute_before, False), (in_time, False), (too_late, True)):
        # the notice promises the next update at ``clock``: beyond the due time, P05 at once
        disruption, event = morning_overrun(day, end, f"{day} {clock}")
        folder = tmp_path / f"promise-{clock.replace(':', '')}"
        content = check(folder, [disruption, event], now=event_notice_time(event))
        assert found(content) == ([("P05", event.update_line(2))] if late else []), clock
        # the notice promises the due time, and the next update comes at ``clock``
        disruption, event = morning_overrun(day, end, f"{day} {clock}", f"{day} {in_time}")
        folder = tmp_path / f"update-{clock.replace(':', '')}"
        content = check(folder, [disruption, event], now=f"{day} 23:00")
        assert found(content) == ([("P05", event.update_line(3))] if late else []), clock


def event_notice_time(event: Outage) -> str:
    """The moment of the overrun notice (update 2) as written in the file."""
    line = event.text.split("\n")[event.update_line(2) - 1]
    return line.split("at: ", 1)[1]


def test_p05_message_names_when_the_update_was_due(tmp_path: Path) -> None:
    disruption, event = morning_overrun(
        "2026-12-01", "07:30", "2026-12-01 09:20", "2026-12-01 09:00"
    )
    content = check(tmp_path, [disruption, event], now="2026-12-01 23:00")
    (message,) = messages(content, "P05")
    assert "(2026-12-01 07:30 CET, outside office hours); it was due by 2026-12-01 09:00 CET" in (
        message
    )
    assert "60 minutes after office hours begin at 2026-12-01 08:00 CET" in message


# -- P06 end reported ------------------------------------------------------------------------


def test_p06_expected_end_of_the_latest_overrun_update(tmp_path: Path) -> None:
    updates = [
        update(ANNOUNCED, "scheduled"),
        update(
            "2027-03-14 15:30",
            "overrun",
            next_update="2027-03-14 17:00",
            expected_end="2027-03-14 17:00",
        ),
        update(
            "2027-03-14 17:00",
            "overrun",
            next_update="2027-03-14 19:00",
            expected_end="2027-03-14 19:00",
        ),
    ]
    event = maintenance(updates=updates)
    assert found(check(tmp_path / "a", [event], now="2027-03-14 19:00")) == []
    late = check(tmp_path / "b", [event], now="2027-03-14 19:01")
    assert found(late) == [("P06", event.update_line(3))]
    assert "the expected end in update 3" in messages(late, "P06")[0]


def test_p06_closed_events_are_not_judged(tmp_path: Path) -> None:
    updates = [update(ANNOUNCED, "scheduled"), update("2027-03-14 15:00", "cancelled")]
    content = check(tmp_path, [maintenance(updates=updates)], now="2027-03-20 12:00")
    assert found(content) == []


def test_protocol_rules_are_skipped_for_a_file_with_errors(tmp_path: Path) -> None:
    # announced much too late and outside any window, but with an unknown field: only OUT002
    event = maintenance(announced="2027-03-13 10:00", start="2027-03-16 08:00")
    broken = type(event)(event.id, event.text.replace("systems:", "sytems:"))
    content = check(tmp_path, [broken], now=EARLY_NOW)
    assert {code for code, _ in found(content)} <= {"OUT002", "OUT003"}
    assert ("OUT002", broken.line("sytems:")) in found(content)
    assert "did you mean 'systems'" in messages(content, "OUT002")[0]


@pytest.mark.parametrize(
    ("type_", "status", "code"),
    [
        pytest.param("maintenance", "disruption", "OUT006", id="disruption-on-maintenance"),
        pytest.param("release", "resolved", "OUT006", id="resolved-on-release"),
        pytest.param("maintenance", "verstoring", "OUT004", id="unknown-status"),
    ],
)
def test_a_known_status_the_type_does_not_allow_is_out006_not_out004(
    tmp_path: Path, type_: str, status: str, code: str
) -> None:
    start = START if type_ == "maintenance" else "2027-03-13 08:00"
    event = maintenance(
        type=type_,
        start=start,
        end=f"{start[:10]} 16:00",
        updates=[update(ANNOUNCED, "scheduled"), update(f"{start[:10]} 09:00", status)],
    )
    content = check(tmp_path, [event], now=EARLY_NOW)
    # OUT006 names the update, OUT004 the value
    line = event.update_line(2) if code == "OUT006" else event.line(f"status: {status}")
    assert found(content) == [(code, line)]
    message = content.findings[0].message
    if code == "OUT006":
        assert f"has status '{status}', which a {type_} does not use" in message
        assert "use one of: scheduled, in-progress, overrun, completed, cancelled" in message
    else:
        assert f"status '{status}' is not known" in message
