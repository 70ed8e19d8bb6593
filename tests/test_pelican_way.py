"""Pelican as Pelican users know it: Pelican's own run, ``pelican content`` builds the site
``invoke build`` builds, ``content_written`` names every file, and the plugin's closing line
counts what was written. What the build still takes from Pelican's internals is pinned here."""

from __future__ import annotations

import datetime as dt
import filecmp
import re
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pelican
import pytest
import rcssmin
import rich.console
from conftest import FIXTURE_NOW, FIXTURE_NOW_UTC, REPO, build_into
from pelican import signals

from douane_status.building.build import pelican_class, run_pelican
from douane_status.building.pelican_adapter import build_moment
from douane_status.domain.errors import ConfigError
from douane_status.presentation.stylesheets import composed

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_content_written_names_every_file_of_the_site_once(tmp_path: Path) -> None:
    named: list[Path] = []

    def note(path: str, context: dict[str, object]) -> None:
        assert (
            context["output_file"] == Path(path).relative_to(tmp_path).as_posix().split("/", 1)[1]
        )  # relative to the (staging) output folder, as Pelican's writer gives it
        named.append(Path(path))

    signals.content_written.connect(note)
    try:
        output = build_into(tmp_path / "output")
    finally:
        signals.content_written.disconnect(note)

    # the build wrote into a staging folder beside output/, then put it in output/'s place
    staging = {path.relative_to(tmp_path).parts[0] for path in named}
    assert len(staging) == 1 and staging.pop().startswith(".output.building-")
    relative = [path.relative_to(tmp_path).as_posix().split("/", 1)[1] for path in named]
    assert len(relative) == len(set(relative))  # once each
    assert set(relative) == _files(output)
    # the forked worker's files too: feeds, calendars, API, badges; and the theme's
    assert {"feeds/nl.atom.xml", "theme/css/site.css", "theme/favicon.svg"} <= set(relative)


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``.venv/bin/TOOL ARGS`` from the project folder."""
    command = [str(REPO / ".venv" / "bin" / tool), *args]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)


def _pelican_content(output: Path, now: str = FIXTURE_NOW) -> subprocess.CompletedProcess[str]:
    return _run(
        "pelican", "content", "-s", "pelicanconf.py", "-o", str(output), "-e",
        f'DOUANE_STATUS_NOW="{now}"',
    )  # fmt: skip


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """The demo site built by ``pelican content`` and by ``invoke build``, with the same now."""
    root = tmp_path_factory.mktemp("two-builds")
    by_pelican, by_invoke = root / "pelican", root / "invoke"
    pelican = _pelican_content(by_pelican)
    assert pelican.returncode == 0, pelican.stderr
    invoke = _run("invoke", "build", "--now", FIXTURE_NOW, "--output", str(by_invoke))
    assert invoke.returncode == 0, invoke.stderr
    return by_pelican, by_invoke, pelican.stdout


def _differences(comparison: filecmp.dircmp[str]) -> list[str]:
    found = [*comparison.left_only, *comparison.right_only, *comparison.funny_files]
    _, mismatch, errors = filecmp.cmpfiles(
        comparison.left, comparison.right, comparison.common_files, shallow=False
    )
    found += mismatch + errors
    for sub in comparison.subdirs.values():
        found += _differences(sub)
    return found


def test_pelican_content_builds_the_site_invoke_build_builds(
    two_builds: tuple[Path, Path, str],
) -> None:
    by_pelican, by_invoke, _ = two_builds
    assert _files(by_pelican) == _files(by_invoke)
    assert len(_files(by_pelican)) > 200
    assert _differences(filecmp.dircmp(by_pelican, by_invoke)) == []


def test_pelican_content_minifies_the_theme_css(two_builds: tuple[Path, Path, str]) -> None:
    by_pelican, _, _ = two_builds
    for name in ("site.css", "pages.css"):
        own = (REPO / "theme" / "static" / "css" / name).read_text(encoding="utf-8")
        source = composed(REPO / "theme", name, own)  # the tokens and components before it
        built = (by_pelican / "theme" / "css" / name).read_text(encoding="utf-8")
        assert built == rcssmin.cssmin(source) + "\n" and len(built) < len(source)


def test_the_summary_line_counts_what_was_written(two_builds: tuple[Path, Path, str]) -> None:
    by_pelican, _, stdout = two_builds
    text = " ".join(stdout.split())  # the console wraps long lines
    match = re.search(
        r"Processed (\d+) outage events and wrote (\d+) files \((\d+) HTML pages\) in", text
    )
    assert match, text
    events, files, pages = (int(n) for n in match.groups())
    assert events == len(list((REPO / "content" / "outages").rglob("*.md")))
    assert files == len(_files(by_pelican))
    assert pages == len(list(by_pelican.rglob("*.html")))
    # Pelican's own run closes with its own line, after the plugin's
    assert text.index(match.group(0)) < text.index("Done: Processed 0 articles")


def test_pelican_runs_the_build_with_its_own_run() -> None:
    """No copy of ``Pelican.run``: the settings name no run of the plugin's own."""
    from pelican import Pelican
    from pelican.settings import read_settings

    settings = read_settings(str(REPO / "pelicanconf.py"))
    assert pelican_class(settings) is Pelican


def test_what_the_build_takes_from_pelicans_internals_holds_for_this_pelican(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """One thing the build command relies on is not Pelican's documented interface: that
    ``Pelican.run`` prints its closing line ("Done: Processed 0 articles, ...") on
    ``pelican.log.console``, which the command quiets while Pelican runs. With the installed
    Pelican, ``pelican content`` prints the line (test above) and ``invoke build`` does not."""
    from pelican.log import console

    assert pelican.__version__ == "4.12.0", "read Pelican.run again, then update this pin"
    assert isinstance(console, rich.console.Console) and not console.quiet
    run_pelican(REPO, REPO / "pelicanconf.py", tmp_path / "out", FIXTURE_NOW_UTC)
    printed = " ".join(capfd.readouterr().out.split())
    assert re.search(r"Processed \d+ outage events and wrote \d+ files", printed)
    assert "Done: Processed 0 articles" not in printed
    assert not console.quiet  # as it was


def test_the_build_moment_is_a_datetime_or_iso_text() -> None:
    assert build_moment(FIXTURE_NOW_UTC, AMSTERDAM) == FIXTURE_NOW_UTC
    assert build_moment("2026-11-29T10:00", AMSTERDAM) == FIXTURE_NOW_UTC  # Amsterdam time
    assert build_moment("2026-11-29T10:00+00:00", AMSTERDAM) == FIXTURE_NOW_UTC.replace(hour=10)
    before = dt.datetime.now(dt.UTC)
    assert before <= build_moment(None, AMSTERDAM) <= dt.datetime.now(dt.UTC)
    with pytest.raises(ConfigError, match="DOUANE_STATUS_NOW 'tomorrow' is not a timestamp"):
        build_moment("tomorrow", AMSTERDAM)
    with pytest.raises(ConfigError, match="DOUANE_STATUS_NOW takes a time"):
        build_moment(20261129, AMSTERDAM)


def test_pelican_content_with_a_wrong_now_says_what_to_write(tmp_path: Path) -> None:
    result = _pelican_content(tmp_path / "out", now="29-11-2026")
    assert result.returncode == 1
    assert "YYYY-MM-DD HH:MM" in " ".join((result.stdout + result.stderr).split())
