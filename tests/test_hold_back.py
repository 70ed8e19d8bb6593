"""``invoke build --hold-back`` on a real git repository: everything valid is published; an event
file with errors as in the newest commit in which it checks clean, or left out when none does;
every finding is printed and the build exits 3 listing the held-back files. Errors in the
reference data still stop it; plain ``invoke build`` stays strict."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURE_NOW, invoke, make_project

from douane_status.domain.errors import ExitStatus

BROKEN = "content/outages/2026/2026-11-29-dms-onderzoek.md"  # broken by the third commit
ADDED = "content/outages/2026/2026-11-29-ncts-nieuw.md"  # added broken by the fourth
EVENT_PAGE = "output/en/status-messages/{}/index.html"
NEW_EVENT = """---
type: disruption
title:
  nl: NCTS is niet beschikbaar
  en: NCTS is unavailable
systems: [ncts]
start: 2026-11-29 09:30
updates:
  - at: 2026-11-29 09:35
    status: investigating
    nl: NCTS is niet beschikbaar.
    en: NCTS is unavailable.
---
"""


def git(project: Path, *arguments: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Operator", "-c", "user.email=op@example.org", *arguments],
        cwd=project,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def commit(project: Path, message: str) -> str:
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", message)
    return git(project, "rev-parse", "HEAD")


def edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def page(project: Path, event_id: str) -> Path:
    return project / EVENT_PAGE.format(event_id)


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def history(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A repository with a valid history, then a commit that breaks one event, then one that
    adds a broken event; the commits by name."""
    project = make_project(tmp_path / "project")
    (project / ".gitignore").write_text("output/\n.output.*\n.cache/\n", encoding="utf-8")
    git(project, "init", "-q")
    commits = {"first": commit(project, "First events")}
    edit(project, BROKEN, "availability is limited", "availability is limited (checked)")
    commits["clean"] = commit(project, "Clarify the DMS title")
    edit(project, BROKEN, "systems: [dms]", "systems: [dms, agz]")
    commits["breaks"] = commit(project, "Add a system that does not exist")
    (project / ADDED).write_text(NEW_EVENT, encoding="utf-8")
    commits["adds"] = commit(project, "Announce an NCTS disruption without its explanation")
    return project, commits


def test_plain_build_stays_strict(history: tuple[Path, dict[str, str]]) -> None:
    project, _ = history
    result = invoke(project, "build", "--now", FIXTURE_NOW)
    assert result.returncode == ExitStatus.FINDINGS
    assert "OUT004 error: unknown system 'agz'" in result.stderr
    assert not (project / "output").exists()


def test_hold_back_publishes_the_last_clean_version_and_leaves_out_a_new_broken_file(
    history: tuple[Path, dict[str, str]],
) -> None:
    project, commits = history
    result = invoke(project, "build", "--hold-back", "--now", FIXTURE_NOW)
    assert result.returncode == ExitStatus.HELD_BACK == 3, result.stderr
    # every finding, as a plain build prints them
    assert f"{BROKEN}:6: OUT004 error: unknown system 'agz'" in result.stderr
    assert f"{ADDED}:14: P01 error: the body has no English text" in result.stderr
    assert "Published with held-back files (2)" in result.stderr
    clean = commits["clean"][:10]
    assert f"  {BROKEN}: published as in commit {clean} " in result.stderr
    assert "(Clarify the DMS title)" in result.stderr
    assert f"  {ADDED}: left out (no committed version of it checks clean)" in result.stderr
    assert "Traceback" not in result.stderr

    published = page(project, "2026-11-29-dms-onderzoek").read_text(encoding="utf-8")
    assert "availability is limited (checked)" in published  # the newest clean, not the first
    assert "agz" not in published.lower()
    assert not page(project, "2026-11-29-ncts-nieuw").exists()
    assert page(project, "2026-11-29-ncts-verstoring").is_file()  # the valid rest is published
    assert (project / BROKEN).read_text(encoding="utf-8").count("agz") == 1  # content untouched


def test_hold_back_without_errors_builds_as_plain_build_does(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    git(project, "init", "-q")
    commit(project, "First events")
    held = invoke(project, "build", "--hold-back", "--now", FIXTURE_NOW, "--output", "held")
    plain = invoke(project, "build", "--now", FIXTURE_NOW, "--output", "plain")
    assert held.returncode == plain.returncode == ExitStatus.OK, held.stderr
    assert "held-back" not in held.stderr
    assert digest(project / "held") == digest(project / "plain")


def test_a_broken_event_outside_git_is_left_out_and_says_why(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    edit(project, BROKEN, "systems: [dms]", "systems: [dms, agz]")
    result = invoke(project, "build", "--hold-back", "--now", FIXTURE_NOW)
    assert result.returncode == ExitStatus.HELD_BACK, result.stderr
    assert f"  {BROKEN}: left out (no git history to take a version from (" in result.stderr
    assert not page(project, "2026-11-29-dms-onderzoek").exists()
    assert page(project, "2026-11-29-ncts-verstoring").is_file()


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        ("content/systems.yaml", "- id: ncts", "- id: [ncts", "content/systems.yaml:"),
        ("content/windows/2026.yaml", "date:", "date: [", "content/windows/2026.yaml:"),
    ],
)
def test_errors_in_the_reference_data_still_stop_the_build(
    history: tuple[Path, dict[str, str]], name: str, old: str, new: str, expected: str
) -> None:
    project, _ = history
    invoke(project, "build", "--hold-back", "--now", FIXTURE_NOW)
    before = digest(project / "output")
    edit(project, name, old, new)
    commit(project, "Break the reference data")
    result = invoke(project, "build", "--hold-back", "--now", FIXTURE_NOW)
    assert result.returncode == ExitStatus.FINDINGS, result.stderr
    assert expected in result.stderr and "error" in result.stderr
    assert "Nothing was published; output/ is unchanged" in result.stderr
    assert digest(project / "output") == before


def test_a_copy_that_reuses_a_published_id_is_held_back_and_the_published_event_stays(
    tmp_path: Path,
) -> None:
    project = make_project(tmp_path / "project")
    git(project, "init", "-q")
    commit(project, "First events")
    original = project / "content/outages/2026/2026-11-29-ncts-verstoring.md"
    copy = project / "content/outages/2027/2026-11-29-ncts-verstoring.md"
    copy.parent.mkdir()
    copy.write_bytes(original.read_bytes().replace(b"NCTS", b"NCTS (kopie)"))
    commit(project, "A copy under next year")
    result = invoke(project, "build", "--hold-back", "--now", FIXTURE_NOW)
    assert result.returncode == ExitStatus.HELD_BACK, result.stderr
    shown = "content/outages/2027/2026-11-29-ncts-verstoring.md"
    assert f"{shown}:1: OUT007 error: event id '2026-11-29-ncts-verstoring'" in result.stderr
    assert "Published with held-back files (1)" in result.stderr
    assert f"  {shown}: left out (no committed version of it checks clean)" in result.stderr
    published = page(project, "2026-11-29-ncts-verstoring").read_text(encoding="utf-8")
    assert "kopie" not in published and "NCTS" in published  # the published event stays


def test_a_system_removed_from_systems_yaml_that_events_name_stops_the_build(
    history: tuple[Path, dict[str, str]],
) -> None:
    project, _ = history
    edit(project, BROKEN, "systems: [dms, agz]", "systems: [dms]")
    commit(project, "Fix the system")
    invoke(project, "build", "--hold-back", "--now", FIXTURE_NOW)
    before = digest(project / "output")
    edit(project, "content/systems.yaml", "- id: dms\n", "- id: dms2\n")
    commit(project, "Rename DMS")
    result = invoke(project, "build", "--hold-back", "--now", FIXTURE_NOW)
    assert result.returncode == ExitStatus.FINDINGS, result.stderr
    (line,) = [x for x in result.stderr.splitlines() if x.startswith("content/systems.yaml:1:")]
    assert "OUT004 error: system 'dms' is no longer in this file (it was in commit " in line
    for event_id in ("2025-11-01-dms-oud", "2026-11-29-dms-onderzoek", "2026-12-13-dms-onderhoud"):
        assert event_id in line
    assert "Nothing was published; output/ is unchanged" in result.stderr
    assert digest(project / "output") == before
    assert "Traceback" not in result.stderr
