"""``invoke new``, ``update`` and ``close`` as an operator runs them, in a throwaway project.

Every step uses a fixed ``--now``; its result is read back with the checker (load_content) and the
site must still build.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import REPO, invoke, make_project

sys.path.insert(0, str(REPO / "plugins"))

from douane_status.domain.config import StatusSettings
from douane_status.domain.model import Event, Fallback, Status
from douane_status.domain.timestamps import parse_timestamp
from douane_status.rules.content import load_content

SETTINGS = StatusSettings()
DISRUPTION = "content/outages/2026/2026-11-29-dms-ncts-verstoring.md"


def operator_project(root: Path) -> Path:
    project = make_project(root)
    shutil.copy2(REPO / "content" / "phrases.yaml", project / "content" / "phrases.yaml")
    return project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return operator_project(tmp_path / "project")


def at(text: str):
    return parse_timestamp(text, SETTINGS.tz)


def checked(project: Path, relative: str, now: str) -> tuple[Event, list[str]]:
    """The event read back by the checker, and its findings as text; fails on any error."""
    path = project / relative
    content = load_content(project / "content", SETTINGS, at(now), root=project, only=[path])
    findings = [f.as_text() for f in content.findings if f.file == relative]
    assert not [f for f in content.findings if f.is_error], findings
    event = next(e for e in content.events if e.path == relative)
    return event, findings


def ok(result) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout


def test_a_whole_disruption_new_updates_close(project: Path) -> None:
    out = ok(
        invoke(
            project,
            "new",
            "--type",
            "disruption",
            "--systems",
            "dms,ncts",
            "--start",
            "09:12",
            "--now",
            "2026-11-29T09:20",
        )
    )
    assert f"Wrote {DISRUPTION}" in out
    assert "The checker finds no problems." in out
    event, findings = checked(project, DISRUPTION, "2026-11-29T09:20")
    assert findings == []
    assert event.systems == ("dms", "ncts")
    assert event.start == at("2026-11-29 09:12")
    assert event.title.nl == "Invoer (DMS) en Douanevervoer (NCTS): beperkt beschikbaar"
    assert event.title.en == "Import (DMS) and Transit (NCTS): limited availability"
    first = event.updates[0]
    assert (first.at, first.status) == (at("2026-11-29 09:20"), Status.INVESTIGATING)
    assert first.next_update == at("2026-11-29 09:50")  # 30 minutes ahead
    assert first.text.nl.startswith("De beschikbaarheid van DMS en NCTS is in onderzoek.")
    assert "09:50" in first.text.nl and "09:50" in first.text.en
    assert "Invoer (DMS)" in event.body.nl and "Import (DMS)" in event.body.en

    event_id = Path(DISRUPTION).stem
    ok(
        invoke(
            project,
            "update",
            event_id,
            "--status",
            "disruption",
            "--fallback",
            "allowed",
            "--now",
            "2026-11-29T09:45",
        )
    )
    ok(
        invoke(
            project,
            "update",
            event_id,
            "--status",
            "disruption",
            "--buffered",
            "--next",
            "45",
            "--now",
            "2026-11-29T10:40",
        )
    )
    event, findings = checked(project, DISRUPTION, "2026-11-29T10:41")
    assert findings == []
    second, third = event.updates[1:]
    assert (second.status, second.fallback) == (Status.DISRUPTION, Fallback.ALLOWED)
    assert second.next_update == at("2026-11-29 10:45")  # the disruption default: an hour
    assert "U mag de noodprocedure gebruiken." in second.text.nl
    assert "You may use the fallback procedure." in second.text.en
    assert third.next_update == at("2026-11-29 11:25")
    assert "Wij bewaren ze en verwerken ze" in third.text.nl
    assert "we hold them and process them" in third.text.en

    out = ok(invoke(project, "close", event_id, "--now", "2026-11-29T11:20"))
    assert "Added buffered_messages" in out
    event, findings = checked(project, DISRUPTION, "2026-11-29T12:00")
    assert findings == []  # P08, P10 and P11 hold
    final = event.final_update
    assert final is not None
    assert (final.status, final.fallback) == (Status.RESOLVED, Fallback.ENDED)
    assert (
        final.text.nl == "De verstoring van DMS en NCTS is opgelost. De noodprocedure is beëindigd."
    )
    assert event.buffered_messages is not None
    assert "09:12" in event.buffered_messages.nl and "11:20" in event.buffered_messages.en

    build = invoke(project, "build", "--now", "2026-11-29T12:00")
    assert build.returncode == 0, build.stderr
    page = project / "output" / "status-berichten" / event_id / "index.html"
    assert "De noodprocedure is beëindigd." in page.read_text(encoding="utf-8")
    leftovers = [p.name for p in (project / DISRUPTION).parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_planned_maintenance_reports_notice_and_window_with_the_earliest_slot(
    project: Path,
) -> None:
    out = ok(
        invoke(
            project,
            "new",
            "--type",
            "maintenance",
            "--systems",
            "emcs",
            "--start",
            "2026-12-02 08:00",
            "--end",
            "2026-12-02 12:00",
            "--now",
            "2026-11-29T10:00",
        )
    )
    relative = "content/outages/2026/2026-12-02-emcs-onderhoud.md"
    assert f"Wrote {relative}" in out
    assert "P02 does not hold: 2 working days" in out
    assert "Earliest start date with enough notice: Saturday 2026-12-12" in out
    assert "P03 does not hold" in out
    assert "Earliest compliant slot: Sunday 2026-12-13 08:00-12:00" in out
    event, _findings = checked(project, relative, "2026-11-29T10:00")
    assert event.announced == at("2026-11-29 10:00")
    assert event.end == at("2026-12-02 12:00")
    assert event.fallback_possible is False
    assert event.updates[0].status is Status.SCHEDULED
    assert "Tijdens het werk is er geen noodprocedure." in event.updates[0].text.nl


def test_planned_maintenance_inside_a_window_holds(project: Path) -> None:
    out = ok(
        invoke(
            project,
            "new",
            "--type",
            "maintenance",
            "--systems",
            "dms,ics2",
            "--start",
            "2026-12-13 08:00",
            "--end",
            "2026-12-13 12:00",
            "--fallback-possible",
            "--title-nl",
            "Onderhoud: DMS #2",
            "--title-en",
            "Maintenance: DMS #2",
            "--now",
            "2026-11-20T10:00",
        )
    )
    assert "P02 holds: 15 working days" in out
    assert "P03 holds: within the agreed maintenance window of Sunday 2026-12-13 08:00-16:00" in out
    # the fixture already has 2026-12-13-dms-onderhoud: ids stay unique
    relative = "content/outages/2026/2026-12-13-dms-ics2-onderhoud.md"
    event, findings = checked(project, relative, "2026-11-20T10:00")
    assert findings == []
    assert event.title.nl == "Onderhoud: DMS #2"  # ': ' and '#' survive quoting
    assert event.fallback_possible is True


def test_overrun_and_completion_of_planned_work(project: Path) -> None:
    event_id = "2026-11-29-emcs-onderhoud"
    relative = f"content/outages/2026/{event_id}.md"
    missing = invoke(
        project, "update", event_id, "--status", "overrun", "--now", "2026-11-29T15:20"
    )
    assert missing.returncode == 2 and "--expected-end" in missing.stderr
    ok(
        invoke(
            project,
            "update",
            event_id,
            "--status",
            "overrun",
            "--expected-end",
            "18:00",
            "--now",
            "2026-11-29T15:20",
        )
    )
    ok(invoke(project, "close", event_id, "--now", "2026-11-29T17:30"))
    event, _findings = checked(project, relative, "2026-11-29T18:00")
    overrun = event.updates[-2]
    assert overrun.expected_end == at("2026-11-29 18:00")
    assert overrun.next_update == at("2026-11-29 17:20")  # Sunday: outside office hours, 2 h
    assert "zondag 29 november 2026 18:00 CET" in overrun.text.nl
    assert event.final_update is not None and event.final_update.status is Status.COMPLETED
    assert event.buffered_messages is None


def test_update_keeps_every_earlier_byte_of_a_file_with_comments(project: Path) -> None:
    relative = "content/outages/2026/2026-11-28-dms-verstoring.md"
    original = (
        "---\n"
        "# Written by hand at the helpdesk.\n"
        "type: disruption   # verstoring\n"
        "title: {nl: 'Invoer (DMS): beperkt', en: 'Import (DMS): limited'}\n"
        "systems: dms\n"
        "start: 2026-11-28T09:12\n"
        "updates:\n"
        "    -   at: 2026-11-28 09:20   # first message\n"
        "        status: investigating\n"
        "        next_update: 2026-11-28 09:50\n"
        "        nl: |\n"
        "          In onderzoek.\n"
        "          Meer volgt.\n"
        "        en: >\n"
        "          Under investigation.\n"
        "\n"
        "# the cause is not known yet\n"
        "cause:\n"
        "  nl: Onbekend.\n"
        "  en: Unknown.\n"
        "---\n"
        "::: en\n"
        "English first.\n"
        ":::\n"
        "::: nl\n"
        "Nederlands.\n"
        ":::\n"
    )
    path = project / relative
    path.write_bytes(original.encode("utf-8"))
    ok(
        invoke(
            project,
            "update",
            path.stem,
            "--status",
            "disruption",
            "--fallback",
            "allowed",
            "--nl",
            "Verstoring: gebruik de noodprocedure.",
            "--en",
            "Use the fallback procedure.",
            "--now",
            "2026-11-28T09:45",
        )
    )
    changed = path.read_bytes().decode("utf-8")
    inserted = (
        "    -   at: 2026-11-28 09:45\n"
        "        status: disruption\n"
        "        fallback: allowed\n"
        "        next_update: 2026-11-28 10:45\n"
        '        nl: "Verstoring: gebruik de noodprocedure."\n'
        "        en: Use the fallback procedure.\n"
    )
    cut = original.index("\n# the cause")
    assert changed == original[:cut] + inserted + original[cut:]
    event, _ = checked(project, relative, "2026-11-28T09:50")
    assert [u.status for u in event.updates] == [Status.INVESTIGATING, Status.DISRUPTION]
    assert event.updates[0].text.nl == "In onderzoek.\nMeer volgt."


def test_update_keeps_windows_line_ends(project: Path) -> None:
    path = project / "content/outages/2026/2026-11-29-dms-onderzoek.md"
    original = path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(original)
    ok(invoke(project, "update", path.stem, "--status", "disruption", "--now", "2026-11-29T10:10"))
    changed = path.read_bytes()
    assert b"\n" not in changed.replace(b"\r\n", b"")
    added = len(changed) - len(original)
    cut = original.index(b"---\r\n::: nl")
    assert changed[:cut] == original[:cut] and changed[cut + added :] == original[cut:]


def test_close_asks_no_buffered_text_when_the_fallback_was_never_allowed(project: Path) -> None:
    relative = "content/outages/2026/2026-11-29-dms-onderzoek.md"
    ok(
        invoke(
            project,
            "close",
            "2026-11-29-dms-onderzoek",
            "--status",
            "no-fault",
            "--now",
            "2026-11-29T10:10",
        )
    )
    event, findings = checked(project, relative, "2026-11-29T10:30")
    assert findings == []
    assert event.final_update is not None and event.final_update.fallback is None
    assert event.buffered_messages is None


def test_close_with_own_buffered_text(project: Path) -> None:
    relative = "content/outages/2026/2026-11-29-ncts-verstoring.md"
    out = ok(
        invoke(
            project,
            "close",
            "2026-11-29-ncts-verstoring",
            "--status",
            "workaround",
            "--buffered-nl",
            "Dien NCTS-berichten opnieuw in.",
            "--buffered-en",
            "Resubmit NCTS messages.",
            "--now",
            "2026-11-29T11:00",
        )
    )
    assert "Added buffered_messages (as given)" in out
    event, _ = checked(project, relative, "2026-11-29T11:30")
    assert event.buffered_messages is not None
    assert event.buffered_messages.en == "Resubmit NCTS messages."
    assert event.final_update is not None
    assert (event.final_update.status, event.final_update.fallback) == (
        Status.WORKAROUND,
        Fallback.ENDED,
    )


USAGE_ERRORS = {
    "no type": (["new", "--systems", "dms"], "--type"),
    "minutes not a number": (
        ["update", "2026-11-29-dms-onderzoek", "--status", "disruption", "--next", "soon"],
        "--next",
    ),
    "unknown system": (
        ["new", "--type", "disruption", "--systems", "dsm", "--now", "2026-11-29T10:00"],
        "--systems: system 'dsm' is not known (did you mean 'dms'?)",
    ),
    "unknown type": (
        ["new", "--type", "storing", "--systems", "dms", "--now", "2026-11-29T10:00"],
        "--type 'storing' is not known",
    ),
    "planned without end": (
        ["new", "--type", "release", "--systems", "dms", "--start", "2026-12-19 08:00"],
        "a release needs --start and --end",
    ),
    "one language": (
        ["new", "--type", "disruption", "--systems", "dms", "--title-nl", "Alleen Nederlands"],
        "give both --title-nl and --title-en",
    ),
    "bad time": (
        ["new", "--type", "disruption", "--systems", "dms", "--start", "25:99"],
        "--start '",
    ),
    "bad now": (
        ["update", "2026-11-29-dms-onderzoek", "--status", "disruption", "--now", "x"],
        "--now",
    ),
    "unknown event": (
        ["update", "2026-11-29-dms-onderzoekk", "--status", "disruption"],
        "(did you mean '2026-11-29-dms-onderzoek'?)",
    ),
    "status of the other kind": (
        [
            "update",
            "2026-11-29-dms-onderzoek",
            "--status",
            "overrun",
            "--expected-end",
            "12:00",
            "--now",
            "2026-11-29T10:10",
        ],
        "--status 'overrun' is not known",
    ),
    "closed event": (
        [
            "update",
            "2026-11-25-ics2-opgelost",
            "--status",
            "disruption",
            "--now",
            "2026-11-29T10:10",
        ],
        "is closed",
    ),
    "earlier than the last update": (
        [
            "update",
            "2026-11-29-dms-onderzoek",
            "--status",
            "disruption",
            "--now",
            "2026-11-29T09:30",
        ],
        "before the latest update",
    ),
    "no-fault after a confirmed disruption": (
        [
            "close",
            "2026-11-29-ncts-verstoring",
            "--status",
            "no-fault",
            "--now",
            "2026-11-29T11:00",
        ],
        "no-fault is only for",
    ),
}


@pytest.mark.parametrize("case", sorted(USAGE_ERRORS))
def test_usage_errors_exit_2_and_write_nothing(tmp_path: Path, case: str) -> None:
    project = operator_project(tmp_path / "project")
    before = {p: p.read_bytes() for p in (project / "content").rglob("*") if p.is_file()}
    args, expected = USAGE_ERRORS[case]
    result = invoke(project, *args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    after = {p: p.read_bytes() for p in (project / "content").rglob("*") if p.is_file()}
    assert after == before


def test_a_file_with_errors_is_left_as_it_was(project: Path) -> None:
    path = project / "content/outages/2026/2026-11-29-dms-onderzoek.md"
    broken = path.read_text(encoding="utf-8").replace("systems: [dms]", "sytems: [dms]")
    path.write_text(broken, encoding="utf-8")
    result = invoke(
        project, "update", path.stem, "--status", "disruption", "--now", "2026-11-29T10:10"
    )
    assert result.returncode == 1
    assert "OUT002 error: unknown field 'sytems'" in result.stderr
    assert "Fix them first" in result.stdout + result.stderr
    assert path.read_text(encoding="utf-8") == broken


def test_a_result_with_errors_is_not_written(project: Path) -> None:
    # An edited phrasebook whose body sentence closes the language block early: the new file
    # would have text outside a block (OUT004), so nothing is written.
    phrases = project / "content" / "phrases.yaml"
    text = phrases.read_text(encoding="utf-8").replace(
        "    nl: >-\n      Dit bericht gaat over de beschikbaarheid van {systems}.",
        "    nl: |-\n      Tekst.\n      :::\n      Dit bericht gaat over {systems}.",
    )
    phrases.write_text(text, encoding="utf-8")
    before = sorted((project / "content" / "outages").rglob("*"))
    result = invoke(
        project, "new", "--type", "disruption", "--systems", "dms", "--now", "2026-11-29T10:00"
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "OUT004 error: text outside a language block" in result.stderr
    assert "Nothing was written" in result.stderr
    assert sorted((project / "content" / "outages").rglob("*")) == before


def test_a_phrase_without_english_is_refused(project: Path) -> None:
    phrases = project / "content" / "phrases.yaml"
    text = phrases.read_text(encoding="utf-8")
    text = text.replace(
        "    en: There is a disruption of {systems}. We are working on a solution.",
        '    en: "  "',
    )
    phrases.write_text(text, encoding="utf-8")
    result = invoke(
        project,
        "update",
        "2026-11-29-dms-onderzoek",
        "--status",
        "disruption",
        "--now",
        "2026-11-29T10:10",
    )
    assert result.returncode == 2
    assert re.search(
        r"content/phrases.yaml:\d+: P01 error: statuses.disruption has no English text",
        result.stderr,
    )


def test_a_phrase_with_an_unknown_placeholder_names_its_line(project: Path) -> None:
    phrases = project / "content" / "phrases.yaml"
    text = phrases.read_text(encoding="utf-8").replace(
        "De beschikbaarheid van {systems} is in onderzoek.",
        "De beschikbaarheid van {sytems} is in onderzoek.",
    )
    phrases.write_text(text, encoding="utf-8")
    result = invoke(project, "new", "--type", "disruption", "--systems", "dms")
    assert result.returncode == 2
    line = text.splitlines().index("    nl: De beschikbaarheid van {sytems} is in onderzoek.") + 1
    assert f"content/phrases.yaml:{line}: OUT004 error: statuses.investigating nl: unknown" in (
        result.stderr
    )


def test_only_outage_files_are_changed(project: Path) -> None:
    notes = project / "notes.md"
    notes.write_text(
        (project / "content/outages/2026/2026-11-29-dms-onderzoek.md").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    before = notes.read_bytes()
    result = invoke(project, "update", "notes.md", "--status", "disruption")
    assert result.returncode == 2
    assert "notes.md is not an outage file below content/outages/" in result.stderr
    assert notes.read_bytes() == before
    by_path = invoke(
        project,
        "update",
        "content/outages/2026/2026-11-29-dms-onderzoek.md",
        "--status",
        "disruption",
        "--now",
        "2026-11-29T10:10",
    )
    assert by_path.returncode == 0, by_path.stderr
