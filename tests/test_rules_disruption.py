"""P07-P11, P13 and P14: disruptions (and overrun updates), each at its very boundary.

Disruptions happen on Monday 30 November 2026; times are Europe/Amsterdam.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from rulekit import SETTINGS, check, found, messages, outage, update

DAY = "2026-11-30"
LATER = "2026-12-01 12:00"  # "now" after everything


def t(clock: str) -> str:
    return f"{DAY} {clock}"


def disruption(*updates: dict[str, str], **fields: str):
    return outage(
        f"{DAY}-dms-verstoring", "disruption", start=t("09:00"), updates=updates, **fields
    )


def investigating(clock: str, promised: str | None = None, **fields: str) -> dict[str, str]:
    return update(t(clock), "investigating", next_update=t(promised or clock), **fields)


def confirmed(clock: str, promised: str, **fields: str) -> dict[str, str]:
    return update(t(clock), "disruption", next_update=t(promised), **fields)


def final(clock: str, status: str = "resolved", **fields: str) -> dict[str, str]:
    return update(t(clock), status, **fields)


BUFFERED = {"nl": "Berichten worden verwerkt.", "en": "Messages are processed."}


# -- P07 next_update stated ------------------------------------------------------------------


def test_p07_every_non_final_disruption_update_states_next_update(tmp_path: Path) -> None:
    event = disruption(
        update(t("09:00"), "investigating"),
        investigating("09:20", "09:40"),
        final("09:40", "no-fault"),
    )
    content = check(tmp_path, [event], now=LATER)
    assert found(content) == [("P07", event.update_line(1))]
    (message,) = messages(content, "P07")
    assert message.startswith(f"update 1 (line {event.update_line(1)}) ('investigating')")
    assert "add 'next_update:" in message


def test_p07_every_overrun_update_states_next_update(tmp_path: Path) -> None:
    announced = "2027-02-01 10:00"
    event = outage(
        "2027-03-14-dms-onderhoud",
        "maintenance",
        announced=announced,
        start="2027-03-14 08:00",
        end="2027-03-14 16:00",
        updates=[
            update(announced, "scheduled"),  # no next_update needed
            update("2027-03-14 08:00", "in-progress"),  # nor here
            update("2027-03-14 15:30", "overrun", expected_end="2027-03-14 17:00"),
            update("2027-03-14 17:00", "completed"),
        ],
    )
    content = check(tmp_path, [event], now="2027-03-15 12:00")
    assert found(content) == [("P07", event.update_line(3))]


# -- P08 promises kept -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("promised", "broken"),
    [pytest.param("09:25", False, id="plus-5-kept"), pytest.param("09:24", True, id="plus-6")],
)
def test_p08_following_update_within_the_promise_and_5_minutes_grace(
    tmp_path: Path, promised: str, broken: bool
) -> None:
    event = disruption(investigating("09:00", promised), final("09:30", "no-fault"))
    content = check(tmp_path, [event], now=LATER)
    assert found(content) == ([("P08", event.update_line(1))] if broken else [])


def test_p08_message_names_both_updates(tmp_path: Path) -> None:
    event = disruption(investigating("09:00", "09:24"), final("09:30", "no-fault"))
    content = check(tmp_path, [event], now=LATER)
    (message,) = messages(content, "P08")
    assert message.startswith(
        f"update 1 (line {event.update_line(1)}) promised the next update at 2026-11-30 09:24 CET"
    )
    assert f"update 2 (line {event.update_line(2)}) came 6 minutes late" in message


@pytest.mark.parametrize(
    ("now", "overdue"),
    [pytest.param("10:05", False, id="plus-5"), pytest.param("10:06", True, id="plus-6")],
)
def test_p08_open_event_overdue_at_now(tmp_path: Path, now: str, overdue: bool) -> None:
    event = disruption(confirmed("09:00", "10:00", fallback="allowed"))
    content = check(tmp_path, [event], now=t(now))
    assert found(content) == ([("P08", event.update_line(1))] if overdue else [])


def test_out006_a_promise_before_its_own_update_is_refused(tmp_path: Path) -> None:
    """A next_update at or before its own update is a mistyped date or time, not a late update."""
    event = disruption(investigating("09:00", "09:20"), investigating("09:20", "08:30"))
    content = check(tmp_path, [event], now=t("09:40"))
    assert found(content) == [("OUT006", event.update_line(2))]
    assert "at or before its own time" in messages(content, "OUT006")[0]


# -- P09 investigation followed up -----------------------------------------------------------


@pytest.mark.parametrize(
    ("follow_up", "late"),
    [pytest.param("09:30", False, id="30-minutes"), pytest.param("09:31", True, id="31-minutes")],
)
def test_p09_second_message_within_30_minutes(tmp_path: Path, follow_up: str, late: bool) -> None:
    event = disruption(investigating("09:00", "09:30"), final(follow_up, "no-fault"))
    content = check(tmp_path, [event], now=LATER)
    assert found(content) == ([("P09", event.update_line(1))] if late else [])


@pytest.mark.parametrize(
    ("now", "late"),
    [pytest.param("09:30", False, id="30-minutes"), pytest.param("09:31", True, id="31-minutes")],
)
def test_p09_investigating_still_latest_at_now(tmp_path: Path, now: str, late: bool) -> None:
    event = disruption(investigating("09:00", "09:30"))
    content = check(tmp_path, [event], now=t(now))
    assert found(content) == ([("P09", event.update_line(1))] if late else [])
    if late:
        assert (
            "still the latest update at now (2026-11-30 09:31 CET)" in messages(content, "P09")[0]
        )


# -- P10 fallback decision -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("allowed_at", "late"),
    [pytest.param("09:40", False, id="30-minutes"), pytest.param("09:41", True, id="31-minutes")],
)
def test_p10_fallback_allowed_within_30_minutes_of_the_disruption(
    tmp_path: Path, allowed_at: str, late: bool
) -> None:
    event = disruption(
        investigating("09:00", "09:10"),
        confirmed("09:10", allowed_at),
        confirmed(allowed_at, "10:40", fallback="allowed"),
    )
    content = check(tmp_path, [event], now=t("09:50"))
    assert found(content) == ([("P10", event.update_line(2))] if late else [])
    if late:
        assert "permission came only in update 3" in messages(content, "P10")[0]


@pytest.mark.parametrize(
    ("ended_at", "late"),
    [pytest.param("09:40", False, id="final-at-30"), pytest.param("09:41", True, id="final-at-31")],
)
def test_p10_not_needed_when_final_within_30_minutes(
    tmp_path: Path, ended_at: str, late: bool
) -> None:
    event = disruption(confirmed("09:10", ended_at), final(ended_at))
    content = check(tmp_path, [event], now=LATER)
    assert found(content) == ([("P10", event.update_line(1))] if late else [])


def test_p10_an_earlier_permission_counts(tmp_path: Path) -> None:
    event = disruption(
        investigating("09:00", "09:10", fallback="allowed"), confirmed("09:10", "10:10")
    )
    assert found(check(tmp_path, [event], now=t("10:00"))) == []


def test_p10_not_needed_does_not_satisfy_it(tmp_path: Path) -> None:
    event = disruption(confirmed("09:10", "10:10", fallback="not-needed"))
    content = check(tmp_path, [event], now=t("10:00"))
    assert found(content) == [("P10", event.update_line(1))]
    assert "says 'fallback: not-needed'" in messages(content, "P10")[0]


@pytest.mark.parametrize(
    ("now", "late"),
    [pytest.param("09:40", False, id="at-30"), pytest.param("09:41", True, id="31")],
)
def test_p10_open_disruption_judged_once_30_minutes_passed(
    tmp_path: Path, now: str, late: bool
) -> None:
    event = disruption(confirmed("09:10", "10:10"))
    content = check(tmp_path, [event], now=t(now))
    assert found(content) == ([("P10", event.update_line(1))] if late else [])


# -- P11 fallback ended and buffered messages ------------------------------------------------


@pytest.mark.parametrize(
    ("ended", "buffered", "finding"),
    [
        pytest.param(True, True, False, id="both"),
        pytest.param(False, True, True, id="fallback-not-ended"),
        pytest.param(True, False, True, id="no-buffered-messages"),
        pytest.param(False, False, True, id="neither"),
    ],
)
def test_p11_end_message_ends_fallback_and_explains_buffered_messages(
    tmp_path: Path, ended: bool, buffered: bool, finding: bool
) -> None:
    last = final("10:00", fallback="ended") if ended else final("10:00")
    extra = {"buffered_messages": BUFFERED} if buffered else {}
    event = disruption(confirmed("09:10", "10:00", fallback="allowed"), last, **extra)
    content = check(tmp_path, [event], now=LATER)
    assert found(content) == ([("P11", event.update_line(2))] if finding else [])
    if not ended and not buffered:
        (message,) = messages(content, "P11")
        assert "add 'fallback: ended' to update 2" in message and "'buffered_messages'" in message


def test_p11_open_or_never_allowed_is_not_judged(tmp_path: Path) -> None:
    open_event = disruption(confirmed("09:10", "10:10", fallback="allowed"))
    never = outage(
        f"{DAY}-ncts-verstoring",
        "disruption",
        start=t("09:00"),
        updates=[investigating("09:00", "09:20"), final("09:20")],
    )
    content = check(tmp_path, [open_event, never], now=t("10:00"))
    assert found(content) == []


def test_p11_applies_to_no_fault_too(tmp_path: Path) -> None:
    event = disruption(
        investigating("09:00", "09:20", fallback="allowed"), final("09:20", "no-fault")
    )
    content = check(tmp_path, [event], now=LATER)
    assert found(content) == [("P11", event.update_line(2))]


@pytest.mark.parametrize(
    ("updates", "finding"),
    [
        # ended on an earlier update after the last 'allowed': the final one need not repeat it
        pytest.param(
            [
                ("09:10", "disruption", "allowed"),
                ("09:40", "disruption", "ended"),
                ("10:00", "resolved", None),
            ],
            False,
            id="ended-before-the-final-update",
        ),
        # ended, then allowed again: only an 'ended' after the last 'allowed' counts
        pytest.param(
            [
                ("09:10", "disruption", "allowed"),
                ("09:40", "disruption", "ended"),
                ("09:50", "disruption", "allowed"),
                ("10:00", "resolved", None),
            ],
            True,
            id="allowed-again-after-ended",
        ),
        pytest.param(
            [
                ("09:10", "disruption", "allowed"),
                ("09:40", "disruption", "ended"),
                ("09:50", "disruption", "allowed"),
                ("10:00", "resolved", "ended"),
            ],
            False,
            id="ended-again-on-the-final-update",
        ),
    ],
)
def test_p11_fallback_ended_on_any_update_after_the_last_allowed(
    tmp_path: Path, updates: list[tuple[str, str, str | None]], finding: bool
) -> None:
    items = []
    for number, (clock, status, fallback) in enumerate(updates):
        fields = {} if fallback is None else {"fallback": fallback}
        if status == "resolved":
            items.append(final(clock, **fields))
        else:
            items.append(confirmed(clock, updates[number + 1][0], **fields))
    event = disruption(*items, buffered_messages=BUFFERED)
    content = check(tmp_path, [event], now=LATER)
    last = len(updates)
    assert found(content) == ([("P11", event.update_line(last))] if finding else [])
    if finding:
        assert f"(or to an update after update {last - 1}" in messages(content, "P11")[0]


# -- P13 no-fault only after investigation ---------------------------------------------------


def test_p13_no_fault_after_investigating_only(tmp_path: Path) -> None:
    event = disruption(investigating("09:00", "09:20"), final("09:20", "no-fault"))
    assert found(check(tmp_path, [event], now=LATER)) == []


def test_p13_a_confirmed_disruption_cannot_end_as_no_fault(tmp_path: Path) -> None:
    event = disruption(
        investigating("09:00", "09:10"), confirmed("09:10", "09:30"), final("09:30", "no-fault")
    )
    content = check(tmp_path, [event], now=LATER)
    assert found(content) == [("P13", event.update_line(3))]
    (message,) = messages(content, "P13")
    assert f"update 2 (line {event.update_line(2)}) already reported 'disruption'" in message


# -- P14 first message soon after the start ----------------------------------------------------


def _minute_later(time: str) -> str:
    """The same wall-clock text one minute on (no case here is at :59); a promise must come
    after the update that makes it (OUT006)."""
    minute = int(time[14:16]) + 1
    return f"{time[:14]}{minute:02d}{time[16:]}"


@pytest.mark.parametrize(
    ("start", "first", "late"),
    [
        pytest.param(t("09:00"), t("09:29"), False, id="29-minutes"),
        pytest.param(t("09:00"), t("09:30"), False, id="30-minutes"),
        pytest.param(t("09:00"), t("09:31"), True, id="31-minutes"),
        # the autumn switch night: 02:10 CEST to 02:40 CET is 90 minutes, not 30
        pytest.param("2026-10-25 01:59", "2026-10-25 02:29+02:00", False, id="autumn-30"),
        pytest.param("2026-10-25 02:10+02:00", "2026-10-25 02:40+01:00", True, id="autumn-90"),
        pytest.param("2026-10-25 02:40+02:00", "2026-10-25 02:10+01:00", False, id="autumn-30b"),
        pytest.param("2026-10-25 02:40+02:00", "2026-10-25 02:11+01:00", True, id="autumn-31"),
        # the spring switch night: 01:45 CET to 03:15 CEST is 30 minutes, not 90
        pytest.param("2026-03-29 01:45", "2026-03-29 03:15", False, id="spring-30"),
        pytest.param("2026-03-29 01:45", "2026-03-29 03:16", True, id="spring-31"),
        pytest.param("2026-03-29 01:44", "2026-03-29 03:15", True, id="spring-31b"),
    ],
)
def test_p14_first_message_within_30_minutes_of_the_start(
    tmp_path: Path, start: str, first: str, late: bool
) -> None:
    event = outage(
        f"{start[:10]}-dms-verstoring",
        "disruption",
        start=start,
        updates=[update(first, "investigating", next_update=_minute_later(first)), final_at(first)],
    )
    content = check(tmp_path, [event], now=LATER)
    assert found(content) == ([("P14", event.update_line(1))] if late else [])
    if late:
        (message,) = messages(content, "P14")
        assert "it is due within 30 minutes of the start" in message


def final_at(moment: str) -> dict[str, str]:
    return update(moment, "no-fault")


def test_p14_follows_the_setting(tmp_path: Path) -> None:
    event = disruption(investigating("09:45", "10:00"), final("10:00", "no-fault"))
    relaxed = dataclasses.replace(SETTINGS, first_message_minutes=45)
    assert found(check(tmp_path / "a", [event], now=LATER, settings=relaxed)) == []
    strict = check(tmp_path / "b", [event], now=LATER)
    assert found(strict) == [("P14", event.update_line(1))]
    assert "came 45 minutes later, at 2026-11-30 09:45 CET" in messages(strict, "P14")[0]


# -- OUT006: a disruption begins before it is first reported -----------------------------------


@pytest.mark.parametrize(
    ("start", "late"),
    [
        pytest.param(t("09:29"), False, id="a-minute-before"),
        pytest.param(t("09:30"), False, id="at-the-report"),
        pytest.param(t("09:31"), True, id="a-minute-after"),
    ],
)
def test_out006_a_disruption_starts_no_later_than_its_first_update(
    tmp_path: Path, start: str, late: bool
) -> None:
    event = outage(
        f"{DAY}-dms-verstoring",
        "disruption",
        start=start,
        updates=[update(t("09:30"), "investigating", next_update=t("09:45")), final_at(t("09:40"))],
    )
    content = check(tmp_path, [event], now=LATER)
    assert found(content) == ([("OUT006", event.line("start:"))] if late else [])


# -- OUT006: a fallback procedure that was never allowed cannot end ---------------------------


@pytest.mark.parametrize(
    ("fallbacks", "error_at"),
    [
        pytest.param((None, "allowed", "ended"), None, id="allowed-then-ended"),
        pytest.param(("allowed", None, "ended"), None, id="allowed-earlier"),
        pytest.param((None, None, "ended"), 3, id="never-allowed"),
        pytest.param(("not-needed", None, "ended"), 3, id="not-needed-is-no-permission"),
        pytest.param((None, "ended", None), 2, id="ended-before-allowed"),
        # an update cannot allow and end at once: 'ended' needs an earlier update
        pytest.param(("ended", "allowed", "ended"), 1, id="ended-first-then-allowed"),
        pytest.param(("allowed", "ended", "ended"), None, id="ended-twice"),
    ],
)
def test_out006_fallback_ended_only_after_it_was_allowed(
    tmp_path: Path, fallbacks: tuple[str | None, ...], error_at: int | None
) -> None:
    clocks = ("09:10", "09:30", "10:00")
    items = []
    for number, (clock, fallback) in enumerate(zip(clocks, fallbacks, strict=True)):
        fields = {} if fallback is None else {"fallback": fallback}
        if number == len(clocks) - 1:
            items.append(final(clock, **fields))
        else:
            items.append(confirmed(clock, clocks[number + 1], **fields))
    event = disruption(*items, buffered_messages=BUFFERED)
    content = check(tmp_path, [event], now=LATER)
    errors = [(f.code, f.line) for f in content.findings if f.is_error]
    assert errors == ([] if error_at is None else [("OUT006", event.update_line(error_at))])
    if error_at is not None:
        assert content.events == ()
        (message,) = messages(content, "OUT006")
        assert message.startswith(f"update {error_at} (line {event.update_line(error_at)}) says")
        assert "a fallback procedure that was never allowed cannot end" in message


def test_out006_fallback_ended_on_planned_work_that_never_allowed_it(tmp_path: Path) -> None:
    event = outage(
        "2027-03-14-dms-onderhoud",
        "maintenance",
        announced="2027-02-01 10:00",
        start="2027-03-14 08:00",
        end="2027-03-14 16:00",
        updates=[
            update("2027-02-01 10:00", "scheduled"),
            update("2027-03-14 15:00", "completed", fallback="ended"),
        ],
    )
    content = check(tmp_path, [event], now="2027-03-15 12:00")
    assert found(content) == [("OUT006", event.update_line(2))]
