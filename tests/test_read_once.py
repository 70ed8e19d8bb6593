"""Each build reads every outage file once: the build command reads and checks the content on
every core while it loads Pelican, and the build takes what it read; content read otherwise
(at another "now", say) is read again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import FIXTURE_NOW, FIXTURE_NOW_UTC, make_project
from test_hold_back import commit, digest, git, page

from douane_status.domain.errors import ExitStatus


def _outage_files(project: Path) -> list[str]:
    return sorted(
        p.relative_to(project).as_posix() for p in (project / "content/outages").rglob("*.md")
    )


@pytest.mark.parametrize(
    "options", [[], ["--hold-back"], ["--publish", "--hold-back"]], ids=["plain", "held", "CI"]
)
def test_a_build_reads_each_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, options: list[str]
) -> None:
    """``--hold-back`` with nothing to hold back too: its check is the build's reading; and
    with ``publishconf.py``, as CI publishes."""
    from douane_status.commands import cli

    project = make_project(tmp_path / "project")
    git(project, "init", "-q")
    commit(project, "First events")
    monkeypatch.setenv("SITEURL", "https://status.example.org")
    log = tmp_path / "reads.log"
    _reads_noted(monkeypatch, log)

    code = cli.main(project, ["build", "--now", FIXTURE_NOW, *options])

    assert code == ExitStatus.OK
    assert sorted(log.read_text(encoding="utf-8").splitlines()) == _outage_files(project)
    event = page(project, "2026-11-29-dms-onderzoek").read_text(encoding="utf-8")
    site = "https://status.example.org" if "--publish" in options else ""
    assert f'<link rel="canonical" href="{site}/en/status-messages/2026-11-29-dms' in event


def _reads_noted(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    """Note the outage file each read names, in whichever process reads it."""
    from douane_status.rules import content

    read_source = content.read_source

    def noted(shown: str, data: bytes) -> object:
        with log.open("a", encoding="utf-8") as out:  # every process appends its own lines
            out.write(f"{shown}\n")
        return read_source(shown, data)

    monkeypatch.setattr(content, "read_source", noted)


def test_content_read_for_another_moment_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What was read is taken only if it was read as the build reads: here at another "now"
    (the same holds for another folder, project or settings)."""
    from douane_status.building.build import build_site
    from douane_status.commands.settings import project_settings
    from douane_status.rules.content import ReadContent, load_content

    project = make_project(tmp_path / "project")
    settings_file, settings = project_settings(project)
    earlier = FIXTURE_NOW_UTC - dt.timedelta(days=30)
    content_dir = project / "content"
    read = ReadContent(
        load_content(content_dir, settings, earlier, root=project),
        content_dir,
        project,
        settings,
        earlier,
    )
    log = tmp_path / "reads.log"
    _reads_noted(monkeypatch, log)

    build_site(project, settings_file, project / "given", FIXTURE_NOW_UTC, content=read)
    build_site(project, settings_file, project / "plain", FIXTURE_NOW_UTC)

    files = len(list((project / "content/outages").rglob("*.md")))
    assert len(log.read_text(encoding="utf-8").splitlines()) == 2 * files  # both builds read
    assert digest(project / "given") == digest(project / "plain")
    assert read.read_from(content_dir, project, settings, earlier)
