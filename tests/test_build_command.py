"""``invoke build`` as an operator runs it: success, failures with file:line:code, safe output."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from conftest import FIXTURE_NOW, invoke, make_project

EVENT = "content/outages/2026/2026-11-29-dms-onderzoek.md"


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def built_project(tmp_path: Path) -> Path:
    project = make_project(tmp_path / "project")
    result = invoke(project, "build", "--now", FIXTURE_NOW)
    assert result.returncode == 0, result.stderr
    assert "Built the site into output/" in result.stdout
    return project


def test_build_writes_the_site_and_leaves_no_staging_folders(built_project: Path) -> None:
    assert (built_project / "output" / "index.html").is_file()
    assert (built_project / "output" / "en" / "index.html").is_file()
    assert sorted(p.name for p in built_project.iterdir() if p.name.startswith(".output")) == []


BREAKAGES = {
    "broken-yaml": (
        lambda text: text.replace("systems: [dms]", "systems: [dms"),
        r"2026-11-29-dms-onderzoek.md:\d+: OUT001 error: invalid YAML",
    ),
    "missing-english": (
        lambda text: text.replace("    en: The availability of DMS is under investigation.\n", ""),
        r"2026-11-29-dms-onderzoek.md:9: P01 error: update 1 \(line 9\) has no English text",
    ),
    "unknown-system": (
        lambda text: text.replace("systems: [dms]", "systems: [dms, agz]"),
        r"2026-11-29-dms-onderzoek.md:6: OUT004 error: unknown system 'agz'",
    ),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_failed_build_names_file_line_code_and_keeps_output(
    built_project: Path, breakage: str
) -> None:
    import re

    change, expected = BREAKAGES[breakage]
    before = tree_digest(built_project / "output")
    path = built_project / EVENT
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")

    result = invoke(built_project, "build", "--now", FIXTURE_NOW)

    assert result.returncode == 1
    assert re.search(expected, result.stderr), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "output/ is unchanged" in result.stderr
    assert tree_digest(built_project / "output") == before
    assert sorted(p.name for p in built_project.iterdir() if p.name.startswith(".output")) == []


def test_all_problems_are_listed_at_once(built_project: Path) -> None:
    path = built_project / EVENT
    text = path.read_text(encoding="utf-8")
    text = text.replace("systems: [dms]", "sytems: [dms]").replace(
        "type: disruption", "type: storing"
    )
    path.write_text(text, encoding="utf-8")
    result = invoke(built_project, "build", "--now", FIXTURE_NOW)
    assert result.returncode == 1
    assert "OUT002 error: unknown field 'sytems' (did you mean 'systems'?)" in result.stderr
    assert "OUT004 error: type 'storing' is not known" in result.stderr
    assert "OUT003 error: field 'systems' is missing" in result.stderr


def test_bad_now_is_a_usage_error(built_project: Path) -> None:
    result = invoke(built_project, "build", "--now", "tomorrow")
    assert result.returncode == 2
    assert "--now" in result.stderr and "Traceback" not in result.stderr


def test_build_without_output_folder_yet_and_into_other_folder(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    result = invoke(project, "build", "--now", FIXTURE_NOW, "--output", "public")
    assert result.returncode == 0, result.stderr
    assert (project / "public" / "index.html").is_file()
    assert not (project / "output").exists()


def test_a_build_followed_by_another_task_lets_that_task_run(tmp_path: Path) -> None:
    # each task of one invoke command line runs, a build as well as the check after it
    project = make_project(tmp_path / "project")
    result = invoke(project, "build", "--now", FIXTURE_NOW, "check", "--now", FIXTURE_NOW)
    assert result.returncode == 0, result.stderr
    assert "Built the site into output/" in result.stdout
    assert re.search(r"\d+ errors?, \d+ warnings? in \d+ files", result.stdout + result.stderr)
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("where", "said"),
    [
        ("run_pelican", "Build interrupted. Nothing was published; output/ is unchanged."),
        ("names_synced", "Build interrupted after the new site was put in output/."),
    ],
)
def test_an_interrupted_build_says_where_it_stopped_and_leaves_a_whole_site(
    built_project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    where: str,
    said: str,
) -> None:
    """Ctrl+C (or a cancelled CI run) while building, or just after the swap: no traceback, a
    line saying whether the new site went in, exit status 130, and no staging folder left."""
    from douane_status.building import build
    from douane_status.commands import cli
    from douane_status.domain.errors import ExitStatus

    before = tree_digest(built_project / "output")

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(build, where, interrupt)
    code = cli.main(built_project, ["build", "--now", "2026-11-29T11:00"])
    err = capsys.readouterr().err
    assert code == ExitStatus.INTERRUPTED == 130
    assert err.strip().splitlines()[-1] == said and "Traceback" not in err
    after = tree_digest(built_project / "output")
    assert (after == before) == (where == "run_pelican")  # the old site, or the whole new one
    assert (built_project / "output" / "index.html").is_file()
    assert [p.name for p in built_project.iterdir() if ".building-" in p.name] == []


def test_ctrl_c_during_a_rebuild_of_the_preview_stops_the_preview(
    built_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``invoke serve`` and ``invoke editor`` rebuild with ``build(serving=True)``: an
    interrupt there says what the build left and then reaches them, so they stop."""
    from douane_status.building import build
    from douane_status.commands import cli

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(build, "run_pelican", interrupt)
    with pytest.raises(KeyboardInterrupt):
        cli.build(built_project, cli.BuildOptions(now="2026-11-29T11:00"), serving=True)
    assert "Build interrupted. Nothing was published" in capsys.readouterr().err
