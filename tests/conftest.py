"""Shared fixtures: build real sites from fixture content into temporary folders."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURE_CONTENT = REPO / "tests" / "fixtures" / "site" / "content"
# Nine systems, a year of events with overlaps, midnight and daylight-saving crossings (same now).
REPORT_CONTENT = REPO / "tests" / "fixtures" / "report" / "content"
FIXTURE_NOW = "2026-11-29T10:00"
FIXTURE_NOW_UTC = dt.datetime(2026, 11, 29, 9, 0, tzinfo=dt.UTC)
PROJECT_LINKS = ("plugins", "theme")  # folders shared read-only with the repository
PROJECT_COPIES = ("tasks.py", "pelicanconf.py", "publishconf.py")  # they locate the project


def make_project(root: Path, content: Path = FIXTURE_CONTENT) -> Path:
    """A throwaway project: the real code and theme, a copy of ``content``."""
    root.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_LINKS:
        (root / name).symlink_to(REPO / name)
    for name in PROJECT_COPIES:
        shutil.copy2(REPO / name, root / name)
    shutil.copytree(content, root / "content")
    return root


def invoke(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``invoke ARGS`` in ``project`` as an operator would."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )


def build_into(
    output: Path,
    content: Path = FIXTURE_CONTENT,
    now: dt.datetime = FIXTURE_NOW_UTC,
    site_url: str | None = None,
) -> Path:
    sys.path.insert(0, str(REPO / "plugins"))
    from douane_status.building.build import build_site

    build_site(REPO, REPO / "pelicanconf.py", output, now, content_dir=content, site_url=site_url)
    return output


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture content built once at FIXTURE_NOW; tests only read it."""
    return build_into(tmp_path_factory.mktemp("site") / "output")


@pytest.fixture(scope="session")
def report_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The nine-system report fixture built once at FIXTURE_NOW; tests only read it."""
    return build_into(tmp_path_factory.mktemp("report-site") / "output", content=REPORT_CONTENT)
