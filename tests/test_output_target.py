"""``--output`` never touches the project: the project, a folder holding it, its own folders and
any folder that is not a site this project built are refused (exit 2) before anything moves."""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

import pytest
from conftest import FIXTURE_NOW, invoke, make_project

from douane_status.building.target import SITE_MARKER
from douane_status.commands.cli import main
from douane_status.domain.errors import ExitStatus


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "output" not in p.relative_to(folder).parts[:1]
    }


def build(project: Path, output: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main(project, ["build", "--now", FIXTURE_NOW, "--output", output])
    return int(status), err.getvalue()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = make_project(tmp_path / "project")
    (project / "content" / "uncommitted.txt").write_text("not in git yet", encoding="utf-8")
    return project


@pytest.mark.parametrize(
    ("output", "why"),
    [
        ("content", "holds files, and is not a site this project built"),
        ("content/outages", "lies in the project's own folder content/"),
        ("theme/new-site", "lies in the project's own folder theme/"),
        (".", "is the project itself"),
        ("..", "holds the project"),
        ("/", "holds the project"),
        ("tasks.py", "is a file, not a folder"),
    ],
)
def test_the_project_and_its_folders_are_refused_and_nothing_moves(
    project: Path, output: str, why: str
) -> None:
    before = snapshot(project.parent)
    status, said = build(project, output)
    assert status == ExitStatus.USAGE
    assert said.startswith(f"error: --output {output}: {why}")
    assert "Nothing was moved" in said
    assert snapshot(project.parent) == before
    assert not [p for p in project.parent.rglob(".*building-*")]


def test_an_existing_folder_that_is_not_a_built_site_is_refused(
    project: Path, tmp_path: Path
) -> None:
    other = tmp_path / "photos"
    other.mkdir()
    (other / "holiday.jpg").write_bytes(b"\xff\xd8")
    status, said = build(project, str(other))
    assert status == ExitStatus.USAGE and f"has no {SITE_MARKER}" in said
    assert (other / "holiday.jpg").read_bytes() == b"\xff\xd8"
    link = tmp_path / "link"
    link.symlink_to(project / "output", target_is_directory=True)
    status, said = build(project, str(link))
    assert status == ExitStatus.USAGE and "is a link" in said


def test_a_built_site_an_empty_folder_and_a_new_one_are_built_into(
    project: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    assert build(project, str(site))[0] == ExitStatus.OK
    assert (site / SITE_MARKER).is_file()  # every build leaves its marker
    assert build(project, str(site))[0] == ExitStatus.OK  # and knows the folder again
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build(project, str(empty))[0] == ExitStatus.OK
    assert (empty / "index.html").is_file()


def test_invoke_build_output_content_is_refused_as_an_operator_types_it(project: Path) -> None:
    result = invoke(project, "build", "--now", FIXTURE_NOW, "--output", "content")
    assert result.returncode == ExitStatus.USAGE == 2
    assert "error: --output content: " in result.stderr and "Traceback" not in result.stderr
    assert (project / "content" / "uncommitted.txt").is_file()
    assert not [name for name in os.listdir(project) if name.startswith(".content.")]
