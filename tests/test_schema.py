"""The editor schema: generated from the model, committed in sync, and right about real files."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import FIXTURE_CONTENT, REPO, invoke, make_project

sys.path.insert(0, str(REPO / "plugins"))

from douane_status.domain.model import EventType, Status, statuses_for
from douane_status.domain.timestamps import TimestampError, parse_timestamp
from douane_status.editor.schema import SCHEMA_FILE, TIMESTAMP_PATTERN, outage_schema, schema_text
from douane_status.reading.reader import TOP_FIELDS, UPDATE_FIELDS

REMARK = REPO / "node_modules" / ".bin" / "remark"


def test_the_committed_schema_is_the_generated_one() -> None:
    committed = (REPO / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == schema_text(), "the schema is out of date: run 'invoke schema'"


def test_the_schema_follows_the_model() -> None:
    schema = outage_schema()
    assert tuple(schema["properties"]) == TOP_FIELDS
    assert tuple(schema["definitions"]["update"]["properties"]) == UPDATE_FIELDS
    assert schema["properties"]["type"]["enum"] == [str(t) for t in EventType]
    for rule in schema["allOf"]:
        event_type = EventType(rule["if"]["properties"]["type"]["const"])
        allowed = rule["then"]["properties"]["updates"]["items"]["properties"]["status"]["enum"]
        assert allowed == [str(s) for s in statuses_for(event_type)]
    status_help = schema["definitions"]["update"]["properties"]["status"]["description"]
    assert "investigating: In onderzoek / Under investigation" in (status_help)


def test_invoke_schema_writes_and_checks_it(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    stale = invoke(project, "schema", "--check")
    assert stale.returncode == 1 and "run 'invoke schema'" in stale.stderr
    written = invoke(project, "schema")
    assert written.returncode == 0, written.stderr
    assert (project / SCHEMA_FILE).read_text(encoding="utf-8") == schema_text()
    assert invoke(project, "schema", "--check").returncode == 0
    json.loads((project / SCHEMA_FILE).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-28 09:12",
        "2026-11-28T09:12",
        "2026-11-28 9:05:30",
        "2026-11-28 09:12+01:00",
        "2026-11-28T09:12Z",
        "2026-11-28 09:12 +0100",
        "2026-11-28",
        "28-11-2026 09:12",
        "2026-11-28 09.12",
        "morgen",
    ],
)
def test_the_timestamp_pattern_accepts_what_the_reader_reads(text: str) -> None:
    try:
        parse_timestamp(text, ZoneInfo("Europe/Amsterdam"))
        readable = True
    except TimestampError:
        readable = False
    assert bool(re.match(TIMESTAMP_PATTERN, text)) is readable


def remark(folder: Path) -> subprocess.CompletedProcess[str]:
    """The editor check exactly as the README sets it up (.remarkrc.mjs), from the terminal."""
    if not REMARK.exists():
        pytest.fail("node_modules is missing: run 'npm ci' (bootstrap.py does)")
    return subprocess.run(
        [str(REMARK), "--frail", "--quiet", "--no-stdout", "--no-color", "content/outages"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_editors_accept_real_files_and_flag_typos(tmp_path: Path) -> None:
    folder = tmp_path / "project"
    shutil.copytree(FIXTURE_CONTENT, folder / "content")
    shutil.copy2(REPO / ".remarkrc.mjs", folder / ".remarkrc.mjs")
    (folder / "schema").mkdir()
    shutil.copy2(REPO / SCHEMA_FILE, folder / SCHEMA_FILE)
    (folder / "node_modules").symlink_to(REPO / "node_modules")
    good = remark(folder)
    assert good.returncode == 0, good.stdout + good.stderr

    event = folder / "content/outages/2026/2026-11-29-dms-onderzoek.md"
    text = event.read_text(encoding="utf-8")
    event.write_text(
        text.replace("systems: [dms]", "sytems: [dms]").replace(
            "status: investigating", "status: overrun"
        ),
        encoding="utf-8",
    )
    bad = remark(folder)
    report = bad.stdout + bad.stderr
    assert bad.returncode == 1, report
    assert "2026-11-29-dms-onderzoek.md" in report
    assert "Must have required property 'systems'" in report
    assert "Must be equal to one of the allowed values" in report  # overrun in a disruption
    assert str(Status.OVERRUN) not in [str(s) for s in statuses_for(EventType.DISRUPTION)]
