"""Compiled templates are kept between builds, and a changed template is compiled again."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import pytest
from conftest import REPO
from pelican.settings import read_settings


def _theme(tmp_path: Path) -> Path:
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "theme" / "templates", theme / "templates")
    shutil.copy2(REPO / "pelicanconf.py", tmp_path / "pelicanconf.py")  # caches in tmp/.cache
    (tmp_path / "content").mkdir()
    return theme


def template_environment(theme: Path, compiled: Path) -> jinja2.Environment:
    """The templates with pelicanconf.py's JINJA_ENVIRONMENT, which keeps them compiled."""
    settings = read_settings(str(compiled.parent / "pelicanconf.py"))
    loader = jinja2.FileSystemLoader(theme / "templates")
    return jinja2.Environment(loader=loader, **settings["JINJA_ENVIRONMENT"])


def _no_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(jinja2.Environment, "compile", refuse)


def test_a_second_build_loads_the_compiled_templates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    theme, compiled = _theme(tmp_path), tmp_path / ".cache"
    first = template_environment(theme, compiled).get_template("event.html")
    assert list(compiled.rglob("*.cache"))

    _no_compiling(monkeypatch)
    again = template_environment(theme, compiled).get_template("event.html")
    assert again.filename == first.filename


def test_a_changed_template_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    theme, compiled = _theme(tmp_path), tmp_path / ".cache"
    template_environment(theme, compiled).get_template("accessibility.html")
    page = theme / "templates" / "accessibility.html"
    page.write_text(page.read_text(encoding="utf-8") + "{# changed #}\n", encoding="utf-8")

    _no_compiling(monkeypatch)
    with pytest.raises(AssertionError, match="compiled again"):
        template_environment(theme, compiled).get_template("accessibility.html")
