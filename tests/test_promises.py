"""The times an open event promises the public, and when the pages call them late: the next
message, the end of planned work, the decision on the fallback procedure (P10's 30 minutes)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from douane_status.domain.config import StatusSettings
from douane_status.domain.model import Event, EventType, Fallback, Status, Text, Update
from douane_status.state.promises import (
    is_late,
    promised_end,
    promised_fallback_decision,
    promised_next_message,
)

AMS = ZoneInfo("Europe/Amsterdam")
SETTINGS = StatusSettings()


def at(clock: str) -> dt.datetime:
    hours, minutes = clock.split(":")
    return dt.datetime(2026, 11, 29, int(hours), int(minutes), tzinfo=AMS)


def update(
    number: int,
    clock: str,
    status: Status,
    next_update: str | None = None,
    fallback: Fallback | None = None,
    expected_end: str | None = None,
) -> Update:
    return Update(
        number,
        number,
        at(clock),
        status,
        Text("x", "x"),
        at(next_update) if next_update else None,
        at(expected_end) if expected_end else None,
        fallback,
    )


def event(kind: EventType, *updates: Update, start: str = "09:00", end: str | None = None) -> Event:
    return Event(
        "2026-11-29-dmf-verstoring",
        "content/outages/2026/2026-11-29-dmf-verstoring.md",
        kind,
        Text("t", "t"),
        ("dmf",),
        at(start),
        updates,
        Text("b", "b"),
        end=at(end) if end else None,
    )


@pytest.mark.parametrize(
    ("now", "late"), [("10:19", False), ("10:20", False), ("10:21", True), ("23:00", True)]
)
def test_a_promise_is_late_only_once_its_minute_has_passed(now: str, late: bool) -> None:
    assert is_late(at("10:20"), at(now)) is late


def test_the_next_message_is_promised_by_the_latest_update_while_open() -> None:
    first = update(1, "09:25", Status.INVESTIGATING, next_update="09:55")
    second = update(2, "09:50", Status.DISRUPTION, next_update="10:20")
    assert promised_next_message(event(EventType.DISRUPTION, first)) == at("09:55")
    assert promised_next_message(event(EventType.DISRUPTION, first, second)) == at("10:20")
    resolved = update(3, "10:30", Status.RESOLVED, next_update="11:00")
    assert promised_next_message(event(EventType.DISRUPTION, first, second, resolved)) is None


def test_the_fallback_decision_is_due_30_minutes_after_the_disruption_is_reported() -> None:
    investigating = update(1, "09:25", Status.INVESTIGATING, next_update="09:55")
    disruption = update(2, "09:50", Status.DISRUPTION, next_update="10:20")
    # only under investigation: nothing promised yet
    assert promised_fallback_decision(event(EventType.DISRUPTION, investigating), SETTINGS) is None
    open_disruption = event(EventType.DISRUPTION, investigating, disruption)
    assert promised_fallback_decision(open_disruption, SETTINGS) == at("10:20")
    shorter = StatusSettings(fallback_decision_minutes=15)
    assert promised_fallback_decision(open_disruption, shorter) == at("10:05")


@pytest.mark.parametrize("decision", [Fallback.ALLOWED, Fallback.NOT_NEEDED])
def test_a_published_decision_keeps_the_promise(decision: Fallback) -> None:
    disruption = update(1, "09:50", Status.DISRUPTION, next_update="10:20")
    decided = update(2, "10:30", Status.DISRUPTION, next_update="11:00", fallback=decision)
    assert (
        promised_fallback_decision(event(EventType.DISRUPTION, disruption, decided), SETTINGS)
        is None
    )


def test_a_closed_or_planned_event_promises_no_fallback_decision() -> None:
    disruption = update(1, "09:50", Status.DISRUPTION, next_update="10:20")
    resolved = update(2, "10:10", Status.RESOLVED)
    closed = event(EventType.DISRUPTION, disruption, resolved)
    assert promised_fallback_decision(closed, SETTINGS) is None
    started = update(1, "08:00", Status.IN_PROGRESS)
    work = event(EventType.MAINTENANCE, started, start="08:00", end="16:00")
    assert promised_fallback_decision(work, SETTINGS) is None


def test_planned_work_promises_its_end_while_under_way() -> None:
    scheduled = update(1, "07:00", Status.SCHEDULED)
    started = update(2, "08:00", Status.IN_PROGRESS)
    work = event(EventType.MAINTENANCE, scheduled, started, start="08:00", end="16:00")
    assert promised_end(work, at("10:00")) == at("16:00")
    overrun = update(3, "15:30", Status.OVERRUN, expected_end="17:30", next_update="16:30")
    longer = event(EventType.MAINTENANCE, scheduled, started, overrun, start="08:00", end="16:00")
    assert promised_end(longer, at("16:10")) == at("17:30")
    # not yet begun, or completed: no end is outstanding
    upcoming = event(EventType.MAINTENANCE, scheduled, start="08:00", end="16:00")
    assert promised_end(upcoming, at("07:30")) is None
    done = update(3, "15:00", Status.COMPLETED)
    completed = event(EventType.MAINTENANCE, scheduled, started, done, start="08:00", end="16:00")
    assert promised_end(completed, at("16:10")) is None
    # a disruption promises no end
    disruption = event(EventType.DISRUPTION, update(1, "09:50", Status.DISRUPTION), end="12:00")
    assert promised_end(disruption, at("10:00")) is None
