"""P12 (structural recovery after a disruption) and the shape of the rule catalogue itself."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from rulekit import check, found, messages, outage, update

from douane_status.rules.registry import PROTOCOL_RULES

DISRUPTION = outage(
    "2026-11-30-dms-verstoring",
    "disruption",
    start="2026-11-30 10:00",
    updates=[
        update("2026-11-30 10:00", "investigating", next_update="2026-11-30 10:30"),
        update("2026-11-30 10:30", "resolved"),
    ],
)
MAINTENANCE = outage(
    "2026-11-29-dms-onderhoud",
    "maintenance",
    announced="2026-11-01 10:00",
    start="2026-11-29 08:00",
    end="2026-11-29 12:00",
    updates=[update("2026-11-01 10:00", "scheduled"), update("2026-11-29 12:00", "completed")],
)
NOW = "2026-11-30 12:00"


def recovery(announced: str = "2026-11-30 12:00", **fields: str):
    return outage(
        "2026-12-01-dms-herstel",
        "unplanned-maintenance",
        announced=announced,
        start="2026-12-01 14:00",
        end="2026-12-01 15:00",
        updates=[update(announced, "scheduled")],
        **fields,
    )


@pytest.mark.parametrize(
    ("announced", "late"),
    [
        pytest.param("2026-12-01 13:59", False, id="1-minute-before"),
        pytest.param("2026-12-01 14:00", True, id="at-start"),
    ],
)
def test_p12_announced_strictly_before_start(tmp_path: Path, announced: str, late: bool) -> None:
    event = recovery(announced, follows=DISRUPTION.id)
    content = check(tmp_path, [DISRUPTION, event], now=NOW)
    assert found(content, event) == ([("P12", event.line("announced:"))] if late else [])


def test_p12_names_the_disruption_it_follows(tmp_path: Path) -> None:
    event = recovery()
    content = check(tmp_path, [DISRUPTION, event], now=NOW)
    assert found(content) == [("P12", event.line("type:"))]
    assert "add 'follows: <id>'" in messages(content, "P12")[0]


def test_p12_unknown_id_suggests_the_closest_disruption(tmp_path: Path) -> None:
    event = recovery(follows="2026-11-30-dms-verstorign")
    content = check(tmp_path, [DISRUPTION, event], now=NOW)
    assert found(content) == [("P12", event.line("follows:"))]
    assert "did you mean '2026-11-30-dms-verstoring'" in messages(content, "P12")[0]


def test_p12_follows_must_be_a_disruption(tmp_path: Path) -> None:
    event = recovery(follows=MAINTENANCE.id)
    content = check(tmp_path, [DISRUPTION, MAINTENANCE, event], now=NOW)
    assert found(content) == [("P12", event.line("follows:"))]
    assert "is a maintenance, not a disruption" in messages(content, "P12")[0]


def test_p12_disruption_in_another_year_folder_is_found(tmp_path: Path) -> None:
    old = outage(
        "2025-12-30-dms-verstoring",
        "disruption",
        start="2025-12-30 10:00",
        updates=[
            update("2025-12-30 10:00", "investigating", next_update="2025-12-30 10:30"),
            update("2025-12-30 10:30", "resolved"),
        ],
    )
    event = recovery(follows=old.id)
    assert found(check(tmp_path, [old, event], now=NOW)) == []


def day_before(moment: str) -> str:
    return (dt.date.fromisoformat(moment[:10]) - dt.timedelta(days=1)).isoformat()


def disruption_ending(final_at: str):
    """A disruption that starts the day before ``final_at`` and reaches its final status then."""
    start = f"{day_before(final_at)} 10:00"
    return outage(
        "2026-11-30-dms-storing",
        "disruption",
        start=start,
        updates=[
            update(start, "investigating", next_update=final_at),
            update(final_at, "resolved"),
        ],
    )


def recovery_at(start: str, follows: str, announced: str):
    return outage(
        "2026-12-01-dms-herstel",
        "unplanned-maintenance",
        announced=announced,
        start=start,
        end=f"{start[:10]} 23:00",
        follows=follows,
        updates=[update(announced, "scheduled")],
    )


@pytest.mark.parametrize(
    ("final_at", "start", "early"),
    [
        pytest.param("2026-12-01 14:01", "2026-12-01 14:00", True, id="minute-before-the-end"),
        pytest.param("2026-12-01 14:00", "2026-12-01 14:00", False, id="at-the-end"),
        pytest.param("2026-12-01 13:59", "2026-12-01 14:00", False, id="minute-after-the-end"),
        # the autumn switch night: 02:30 happens twice; the disruption ends at the second
        pytest.param("2026-10-25 02:30+01:00", "2026-10-25 02:30+02:00", True, id="autumn-first"),
        pytest.param("2026-10-25 02:30+01:00", "2026-10-25 02:29+01:00", True, id="autumn-2:29"),
        pytest.param("2026-10-25 02:30+01:00", "2026-10-25 02:30+01:00", False, id="autumn-edge"),
        pytest.param("2026-10-25 02:30+01:00", "2026-10-25 02:31+01:00", False, id="autumn-2:31"),
        # the spring switch night: 01:59 CET is one minute before 03:00 CEST
        pytest.param("2026-03-29 03:00", "2026-03-29 01:59", True, id="spring-minute-before"),
        pytest.param("2026-03-29 01:59", "2026-03-29 03:00", False, id="spring-minute-after"),
    ],
)
def test_p12_recovery_starts_after_the_disruption_reached_its_final_status(
    tmp_path: Path, final_at: str, start: str, early: bool
) -> None:
    target = disruption_ending(final_at)
    event = recovery_at(start, target.id, announced=f"{day_before(final_at)} 10:30")
    content = check(tmp_path, [target, event], now=f"{day_before(final_at)} 10:45")
    assert found(content, event) == ([("P12", event.line("start:"))] if early else [])
    if early:
        (message,) = messages(content, "P12")
        assert f"the disruption it follows ('{target.id}') reached its final status" in message


def test_p12_recovery_after_an_open_disruption(tmp_path: Path) -> None:
    target = outage(
        "2026-11-30-dms-storing",
        "disruption",
        start="2026-11-30 10:00",
        updates=[update("2026-11-30 10:00", "investigating", next_update="2026-11-30 10:20")],
    )
    event = recovery_at("2026-12-01 14:00", target.id, announced="2026-11-30 10:05")
    content = check(tmp_path, [target, event], now="2026-11-30 10:10")
    assert found(content, event) == [("P12", event.line("start:"))]
    assert "has not reached a final status" in messages(content, "P12")[0]


@pytest.mark.parametrize(
    ("final_status", "real"),
    [
        pytest.param("resolved", True, id="resolved"),
        pytest.param("workaround", True, id="workaround"),
        pytest.param("no-fault", False, id="no-fault"),
    ],
)
def test_p12_recovery_follows_a_disruption_that_happened(
    tmp_path: Path, final_status: str, real: bool
) -> None:
    target = outage(
        "2026-11-30-dms-storing",
        "disruption",
        start="2026-11-30 10:00",
        updates=[
            update("2026-11-30 10:00", "investigating", next_update="2026-11-30 10:20"),
            update("2026-11-30 10:20", final_status),
        ],
    )
    event = recovery_at("2026-12-01 14:00", target.id, announced="2026-11-30 12:00")
    content = check(tmp_path, [target, event], now=NOW)
    assert found(content, target) == []
    assert found(content, event) == ([] if real else [("P12", event.line("follows:"))])
    if not real:
        (message,) = messages(content, "P12")
        assert f"follows '{target.id}', but that report ended as 'no-fault'" in message
        assert "(its update 2, 2026-11-30 10:20 CET)" in message
        assert "announce the work as planned maintenance" in message


def test_p12_a_no_fault_report_is_one_finding_also_when_the_start_is_early(
    tmp_path: Path,
) -> None:
    # the recovery starts before the report was closed, but there was nothing to recover from:
    # that is the finding, not the timing
    target = disruption_ending("2026-12-01 14:30")
    no_fault = type(target)(target.id, target.text.replace("status: resolved", "status: no-fault"))
    event = recovery_at("2026-12-01 14:00", target.id, announced="2026-11-30 10:30")
    content = check(tmp_path, [no_fault, event], now="2026-11-30 10:45")
    assert found(content, event) == [("P12", event.line("follows:"))]


@pytest.mark.parametrize("type_", ["disruption", "maintenance", "release"])
def test_follows_on_any_other_type_is_out002(tmp_path: Path, type_: str) -> None:
    fields = (
        {}
        if type_ == "disruption"
        else {"announced": "2026-11-01 10:00", "end": "2026-12-06 12:00"}
    )
    first = (
        update("2026-12-06 08:00", "investigating", next_update="2026-12-06 08:20")
        if type_ == "disruption"
        else update("2026-11-01 10:00", "scheduled")
    )
    event = outage(
        "2026-12-06-dms-iets",
        type_,
        start="2026-12-06 08:00" if type_ != "release" else "2026-12-05 08:00",
        follows=DISRUPTION.id,
        updates=[first],
        **fields,
    )
    content = check(tmp_path, [DISRUPTION, event], now=NOW)
    assert found(content, event) == [("OUT002", event.line("follows:"))]
    assert f"'follows' is not a field of a {type_}" in content.findings[0].message


def test_every_protocol_rule_cites_its_code_in_order() -> None:
    codes = []
    for rule in PROTOCOL_RULES:
        assert rule.__name__.startswith("check_")
        doc = rule.__doc__ or ""
        match = re.match(r"(P\d\d) \(", doc)
        assert match, f"{rule.__name__} docstring must start with its code and protocol clause"
        codes.append(match[1])
    assert codes == [f"P{n:02d}" for n in range(2, 15)]
