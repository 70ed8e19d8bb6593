"""P12 (structural recovery after a disruption) and the shape of the rule catalogue itself."""

from __future__ import annotations

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


def test_every_protocol_rule_cites_its_code_in_order() -> None:
    codes = []
    for rule in PROTOCOL_RULES:
        assert rule.__name__.startswith("check_")
        doc = rule.__doc__ or ""
        match = re.match(r"(P\d\d) \(", doc)
        assert match, f"{rule.__name__} docstring must start with its code and protocol clause"
        codes.append(match[1])
    assert codes == [f"P{n:02d}" for n in range(2, 14)]
