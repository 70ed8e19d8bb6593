"""Property: whatever an operator does to a valid file, loading gives findings or events, never
an exception. Hypothesis deletes, duplicates, swaps and replaces lines, flips characters, changes
values and inserts raw bytes in valid files of every type."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rulekit import SETTINGS, local, outage, update, write_content

from douane_status.domain.findings import Severity
from douane_status.rules.content import load_content

CORPUS = Path(__file__).parent / "corpus"
FIXTURES = Path(__file__).parent / "fixtures" / "site" / "content" / "outages"
DEMO = Path(__file__).parent.parent / "content" / "outages"  # whatever the demo content holds

SEEDS = [
    (CORPUS / "valid-disruption.md").read_text("utf-8"),
    (CORPUS / "html-everywhere.md").read_text("utf-8"),
    *(p.read_text("utf-8") for p in sorted(FIXTURES.rglob("*.md"))),
    *(p.read_text("utf-8", errors="replace") for p in sorted(DEMO.rglob("*.md"))),
    outage(
        "2027-03-14-dms-onderhoud",
        "maintenance",
        announced="2027-02-01 10:00",
        start="2027-03-14 08:00",
        end="2027-03-14 16:00",
        follows="2026-11-30-dms-verstoring",
        updates=[
            update("2027-02-01 10:00", "scheduled"),
            update(
                "2027-03-14 15:30",
                "overrun",
                next_update="2027-03-14 17:00",
                expected_end="2027-03-14 17:00",
                fallback="allowed",
            ),
            update("2027-03-14 17:00", "completed", fallback="ended"),
        ],
    ).text,
    outage(
        "2026-12-01-dms-herstel",
        "unplanned-maintenance",
        announced="2026-11-30 12:00",
        start="2026-12-01 14:00",
        end="2026-12-01 16:59",
        follows="2026-11-30-dms-verstoring",
        updates=[update("2026-11-30 12:00", "scheduled")],
    ).text,
]
KNOWN_CODES = {f"OUT00{n}" for n in range(1, 8)} | {f"P{n:02d}" for n in range(1, 14)}

LINES = st.sampled_from(
    [
        "",
        "---",
        "...",
        ":::",
        "::: nl",
        "::: en",
        "  - at: 2026-11-30 09:05",
        "    status: completed",
        "    status: overrun",
        "    fallback: allowed",
        "    next_update: 2026-11-30 08:00",
        "    expected_end: 2026-10-25 02:30",
        "type: unplanned-maintenance",
        "end: 2026-11-30 08:59",
        "follows: 2026-11-30-dms-verstoring",
        "buffered_messages: {nl: a, en: b}",
        "\t- x",
        "a: &a [1, 2]",
        "b: *a",
        "<<: {x: 1}",
        "? [a]",
        "key: [",
        "- ",
        "  nl:",
        "  en: ''",
        "title: {nl: x, en: y}",
        "updates: []",
        "systems: []",
    ]
) | st.text(max_size=40)

VALUES = st.sampled_from(
    [
        "no",
        "yes",
        "on",
        "09:30",
        "2026-11-30",
        "2026-02-30 10:00",
        "2026-03-29 02:30",
        "2026-10-25 02:30",
        "2026-10-25 02:30+01:00",
        "9999-12-31 23:59-05:00",
        "1900-01-01 00:00",
        "2999-12-31 23:59+00:00",
        "2026-11-30T09:05:59.999Z",
        "~",
        "null",
        "[]",
        "{}",
        "[dms, dms]",
        "0",
        "-1",
        "1e9",
        "'",
        '"',
        "!!binary aGk=",
        "!!python/object:os.system x",
        "allowed",
        "not-needed",
        "ended",
        "overrun",
        "completed",
        "no-fault",
        "disruption",
        "maintenance",
        "release",
        "dms",
        "  ",
        "{nl: a}",
        "|\n  block",
    ]
) | st.text(max_size=20)

CHARS = (
    st.sampled_from(list("\x00\r\t\n:-[]{}#'\"&*!|>%@`,?\ufeff\u2028\U0001f600é "))
    | st.characters()
)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    lines = draw(st.sampled_from(SEEDS)).split("\n")
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(
            st.sampled_from(["delete", "duplicate", "swap", "replace", "flip", "value", "indent"])
        )
        if action == "delete" and len(lines) > 1:
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "replace":
            lines[i] = draw(LINES)
        elif action == "flip" and lines[i]:
            p = draw(st.integers(0, len(lines[i]) - 1))
            lines[i] = lines[i][:p] + draw(CHARS) + lines[i][p + 1 :]
        elif action == "value" and ": " in lines[i]:
            key = lines[i].split(": ", 1)[0]
            lines[i] = f"{key}: {draw(VALUES)}"
        elif action == "indent":
            lines[i] = " " * draw(st.integers(0, 6)) + lines[i].lstrip()
    data = "\n".join(lines).encode("utf-8", errors="surrogatepass")
    if draw(st.booleans()) and draw(st.integers(0, 9)) == 0:
        p = draw(st.integers(0, len(data)))
        data = (
            data[:p]
            + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00"]))
            + data[p:]
        )
    return data


FILE = "2026-11-30-dms-verstoring.md"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One content folder for all examples; each example overwrites the one outage file."""
    root = tmp_path_factory.mktemp("property")
    (write_content(root, []) / "outages" / "2026").mkdir()
    return root


@settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    data=mutated(),
    now=st.sampled_from(["2026-11-30 09:20", "2026-12-01 12:00", "2027-03-14 16:30"]),
)
def test_loading_a_mutated_file_never_raises(project: Path, data: bytes, now: str) -> None:
    content_dir = project / "content"
    (content_dir / "outages" / "2026" / FILE).write_bytes(data)
    content = load_content(content_dir, SETTINGS, local(now), root=project)
    assert all(f.code in KNOWN_CODES for f in content.findings)
    assert all(f.line >= 1 and f.message for f in content.findings)
    errors = {f.file for f in content.findings if f.severity is Severity.ERROR}
    assert all(event.path not in errors for event in content.events)
    assert len(content.events) <= 1
    assert content.events or errors
