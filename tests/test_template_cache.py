"""Compiled templates are kept between builds, and a changed template is compiled again."""

from __future__ import annotations

import errno
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest
from conftest import REPO

from douane_status.presentation.template_options import EXTENSIONS, jinja_environment


def _theme(tmp_path: Path) -> Path:
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "theme" / "templates", theme / "templates")
    (tmp_path / "content").mkdir()
    return theme


def template_environment(theme: Path, compiled: Path) -> jinja2.Environment:
    """The templates with the plugin's Jinja options, which keep them compiled in
    ``compiled`` (a project's ``.cache/``)."""
    loader = jinja2.FileSystemLoader(theme / "templates")
    return jinja2.Environment(loader=loader, **jinja_environment(compiled.parent, {}))


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


@pytest.mark.parametrize("module", ["template_words.py", "template_output.py"])
def test_a_changed_template_extension_compiles_the_templates_again(
    tmp_path: Path, module: str
) -> None:
    """The extensions decide how a ``{% trans %}`` block and every value's output compile:
    templates compiled with an older version of one are not taken. Pelican loads the plugin
    from the project's ``plugins/`` (here a copy, edited between two builds' environments)."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copytree(REPO / "plugins", project / "plugins", ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy2(REPO / "pelicanconf.py", project / "pelicanconf.py")
    (project / "theme").symlink_to(REPO / "theme")
    (project / "content").mkdir()
    script = (
        "from pelican import Pelican\n"
        "from pelican.settings import read_settings\n"
        "import jinja2\n"
        "settings = Pelican(read_settings('pelicanconf.py')).settings\n"
        "loader = jinja2.FileSystemLoader('theme/templates')\n"
        "env = jinja2.Environment(loader=loader, **settings['JINJA_ENVIRONMENT'])\n"
        "env.get_template('accessibility.html')\n"
        "print(env.bytecode_cache.directory)\n"
    )

    def compiled_into() -> Path:
        ran = subprocess.run(
            [sys.executable, "-c", script], cwd=project, capture_output=True, text=True, timeout=60
        )
        assert ran.returncode == 0, ran.stderr
        return Path(ran.stdout.strip())

    first = compiled_into()
    assert first.parent == project / ".cache" and list(first.glob("*.cache"))
    assert compiled_into() == first  # kept
    extension = project / "plugins" / "douane_status" / "presentation" / module
    extension.write_text(extension.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    edited = compiled_into()
    assert edited != first and edited.parent == first.parent  # compiled again, kept apart


def test_the_settings_own_jinja_options_are_kept_beside_the_templates_needs(
    tmp_path: Path,
) -> None:
    given = {"extensions": ["jinja2.ext.do"], "autoescape": False, "line_comment_prefix": "##"}
    options = jinja_environment(tmp_path, given)
    assert options["extensions"][len(EXTENSIONS) :] == ["jinja2.ext.do"]  # after the site's own
    assert options["autoescape"] is True and options["undefined"] is jinja2.StrictUndefined
    assert options["line_comment_prefix"] == "##"
    other = jinja_environment(tmp_path, {})
    assert other["bytecode_cache"].directory != options["bytecode_cache"].directory


def test_a_build_without_kept_templates_compiles_each_once_before_its_workers_fork(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As CI builds, from a fresh clone: the build process compiles every template of the theme
    while its workers read, so the workers that write the site compile none of them again."""
    import os

    from conftest import FIXTURE_NOW_UTC, make_project

    from douane_status.building import parallel
    from douane_status.building.build import build_site

    project = make_project(tmp_path / "project")  # its own pelicanconf.py: keeps nothing yet
    assert not (project / ".cache").exists()
    log = tmp_path / "compiled.log"
    compile_template = jinja2.Environment.compile

    def noted(env: jinja2.Environment, source: str, name: str | None = None, *a: object) -> object:
        with log.open("a", encoding="utf-8") as out:  # every process appends its own lines
            out.write(f"{os.getpid()} {name}\n")
        return compile_template(env, source, name, *a)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", noted)
    monkeypatch.setattr(parallel, "usable_cores", lambda: 3)  # two workers besides this process
    build_site(project, project / "pelicanconf.py", tmp_path / "output", FIXTURE_NOW_UTC)

    compiled = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    theme = sorted(path.name for path in (REPO / "theme" / "templates").glob("*.html"))
    ours = sorted(name for _, name in compiled if name in theme)  # and Pelican's own, by name
    assert ours == theme  # each once
    assert {pid for pid, _ in compiled} == {str(os.getpid())}  # here, none in a worker
    assert (tmp_path / "output" / "en" / "index.html").is_file()


def test_a_build_without_compiled_templates_writes_the_same_site(tmp_path: Path) -> None:
    """With nothing kept, this process compiles the templates while the workers start on the
    feeds; a worker that renders pages then takes them from the bytecode cache. The site is
    the same as one built from templates compiled before."""
    import datetime as dt
    import hashlib

    from douane_status.building.build import build_site

    project = tmp_path / "project"
    project.mkdir()
    for name in ("theme", "plugins", "node_modules"):
        (project / name).symlink_to(REPO / name)
    shutil.copy2(REPO / "pelicanconf.py", project / "pelicanconf.py")
    shutil.copytree(REPO / "tests" / "fixtures" / "site" / "content", project / "content")
    now = dt.datetime(2026, 11, 29, 9, 0, tzinfo=dt.UTC)

    def built(name: str) -> dict[str, str]:
        output = tmp_path / name
        build_site(project, project / "pelicanconf.py", output, now)
        return {
            p.relative_to(output).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(output.rglob("*"))
            if p.is_file()
        }

    assert not (project / ".cache").exists()
    first = built("first")
    assert list((project / ".cache").rglob("*.cache"))  # compiled and kept
    assert built("second") == first


def test_a_cache_folder_that_cannot_be_made_leaves_the_templates_working(tmp_path: Path) -> None:
    """``.cache`` is a file here: no folder can be made below it, and nothing read from it."""
    theme, compiled = _theme(tmp_path), tmp_path / ".cache"
    compiled.write_text("not a folder", encoding="utf-8")
    page = template_environment(theme, compiled).get_template("accessibility.html")
    assert page.name == "accessibility.html"  # compiled, and not kept
    assert compiled.read_text(encoding="utf-8") == "not a folder"


def test_a_full_disk_under_the_cache_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writing a compiled template fails as on a full disk: the template is still compiled and
    used, no partial file is left, and the next environment compiles it again."""
    theme, compiled = _theme(tmp_path), tmp_path / ".cache"

    def disk_full(self: jinja2.bccache.Bucket, stream: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(jinja2.bccache.Bucket, "write_bytecode", disk_full)
    template_environment(theme, compiled).get_template("event.html")
    assert not [p for p in compiled.rglob("*") if p.is_file()]
    monkeypatch.undo()
    _no_compiling(monkeypatch)
    with pytest.raises(AssertionError, match="compiled again"):
        template_environment(theme, compiled).get_template("event.html")
