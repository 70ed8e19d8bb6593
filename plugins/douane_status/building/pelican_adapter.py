"""The thin layer between Pelican and the core: one generator, run by Pelican's own run.

Pelican hands over its settings; the generator turns them into ``StatusSettings`` once, and in
``generate_context`` takes the content the build command read and checked already
(``CONTENT_SETTING``) if it was read as the generator would read it, else loads and checks it
(the outage files read on every core, while this process loads the modules that write the site;
raising ``ContentError`` so the build stops before anything is written). It writes the site
and the web editor (/admin/) in ``generate_output``, rendering with the environment Pelican made
from ``JINJA_ENVIRONMENT`` (the options the templates need, set on ``initialized``), whose
templates it compiles while the workers start.
Every file written is named in Pelican's ``content_written`` signal, sent from this process
from the paths the writers return. On ``finalized`` the generator minifies the stylesheets
Pelican copied from the theme and prints what the build read and wrote: Pelican's own closing
line counts only its articles and pages ("Processed 0 articles, ...").
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import os
import time
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jinja2
from pelican import signals
from pelican.generators import Generator
from pelican.utils import maybe_pluralize

from ..domain.config import ADMIN_SETTING, CACHE_FOLDER, AdminSettings, StatusSettings
from ..domain.errors import ConfigError, ContentError
from ..domain.kept_holidays import load_kept_holidays
from ..domain.timestamps import TimestampError, parse_timestamp
from ..domain.workdays import years_around
from ..presentation.i18n import load_languages
from ..presentation.stylesheets import composed
from ..presentation.template_options import jinja_environment
from ..rules.content import Content, ReadContent, load_content
from .cssmin import minify_file
from .parallel import run_jobs

logger = logging.getLogger(__name__)

NOW_SETTING = "DOUANE_STATUS_NOW"  # the build's fixed "now": a datetime, or ISO text from -e
PROJECT_SETTING = "DOUANE_STATUS_PROJECT"  # the project folder (default: the content's parent)
# held-back event files: the text to publish instead, by path below the content (None: left out)
VERSIONS_SETTING = "DOUANE_STATUS_VERSIONS"
# content read and checked already (a ``ReadContent``), taken if it was read as this build reads
CONTENT_SETTING = "DOUANE_STATUS_CONTENT"


def build_moment(value: object, tz: ZoneInfo) -> dt.datetime:
    """The build's "now" from ``DOUANE_STATUS_NOW``: unset is the current time."""
    if value is None:
        return dt.datetime.now(dt.UTC)
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return parse_timestamp(value, tz)
        except TimestampError as exc:
            raise ConfigError(f"{NOW_SETTING} {exc.message}") from None
    raise ConfigError(f"{NOW_SETTING} takes a time such as '2026-11-29T10:00', not {value!r}")


class StatusGenerator(Generator):  # type: ignore[misc]  # Pelican ships no type hints
    """Loads the outage content and writes every status page, feed and API file."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.status_settings = StatusSettings.from_pelican(self.settings)
        self.admin = AdminSettings.from_mapping(self.settings.get(ADMIN_SETTING, {}))
        self.content_dir = Path(self.path)
        self.project_dir = Path(self.settings.get(PROJECT_SETTING) or self.content_dir.parent)
        self.now = build_moment(self.settings.get(NOW_SETTING), self.status_settings.tz)
        self.content: Content | None = None
        self.started = time.perf_counter()  # Pelican makes its generators as its run starts
        self.written: list[Path] = []

    def generate_context(self) -> None:
        settings = self.status_settings
        versions = self.settings.get(VERSIONS_SETTING)
        load_next = partial(
            load_what_comes_next, self.now, settings, self.project_dir, self.env, self.theme
        )
        given = self.settings.get(CONTENT_SETTING)
        if (
            isinstance(given, ReadContent)
            and not versions
            and given.read_from(self.content_dir, self.project_dir, settings, self.now)
        ):
            # loaded while the build command read it; the templates are compiled as the site's
            # writing starts (``generate_output``)
            load_rules_and_writers(self.now, settings, self.project_dir)
            content = given.content
        else:
            content = load_content(
                self.content_dir,
                settings,
                self.now,
                root=self.project_dir,
                versions=versions,
                # the files are read on every core, while this process loads what comes next
                run_all=partial(run_jobs, meanwhile=load_next),
            )
        if content.has_errors:
            raise ContentError(content.findings)
        for finding in content.findings:
            logger.warning("%s", finding.as_text())
        self.content = content

    def generate_output(self, writer: object) -> None:
        assert self.content is not None, "generate_context runs first"
        catalog = self.content.catalog
        output_dir = Path(self.output_path)

        def write_web_editor() -> list[Path]:
            from ..editor.admin import write_editor  # loaded already (load_what_comes_next)

            return write_editor(
                output_dir,
                self.project_dir,
                Path(self.theme),
                self.content_dir,
                catalog,
                self.status_settings,
                self.admin,
                self.now,
            )

        editor = [write_web_editor]
        if self.settings.get("SITEURL") and not self.admin.repo:
            # published (publishconf.py's SITEURL) without a repository: an /admin/ there could
            # only reach the local backend of the machine that opens it
            logger.warning(
                "The web editor /admin/ was left out of this published site: it has no "
                "repository to save to. Set DOUANE_ADMIN = {'repo': 'owner/name', 'base_url': "
                "'https://<OAuth server>'} in pelicanconf.py (README, 'The web editor'); on "
                "this machine, 'invoke editor' works without it."
            )
            editor = []
        from .site import write_site  # loaded already (load_what_comes_next)

        self.written = write_site(
            self.content,
            self.status_settings,
            self.now,
            self.env,
            output_dir,
            beside=editor,
            meanwhile=partial(compile_templates, self.env, self.theme),
        )
        if signals.content_written.receivers:  # else nobody hears it: nothing to sort
            for path in sorted(self.written):
                announce_written(path, self.context, self.output_path)
        # Held weakly by the signal: connected for this run only, as long as it lasts.
        signals.finalized.connect(self.finish)

    def finish(self, pelican: Any) -> None:
        """On ``finalized``: minify and name the theme's files, then say what the build did."""
        if pelican.output_path != self.output_path:
            return  # another run's: this generator's run failed after writing the site
        signals.finalized.disconnect(self.finish)
        theme = finish_theme_files(pelican.settings, self.output_path, self.context)
        assert self.content is not None, "the site was written"
        seconds = time.perf_counter() - self.started
        print(summary(len(self.content.events), [*self.written, *theme], seconds), flush=True)


# The modules that write the site, with Jinja, feedgen, icalendar and lxml behind them.
WRITING_MODULES = (".site", "..machine.subscriptions", "..editor.admin")


def load_what_comes_next(
    now: dt.datetime,
    settings: StatusSettings,
    project: Path,
    env: jinja2.Environment,
    theme: str,
) -> None:
    """What the build loads while its workers read the outage files: the holidays the rules
    look up next, the modules that write the site and the theme's templates, compiled. The
    workers that write the site then start with them instead of each loading the modules and
    compiling the templates it renders (together about half a second on one core when no
    compiled templates are kept from an earlier build, as in CI)."""
    load_rules_and_writers(now, settings, project)
    compile_templates(env, theme)


def compile_templates(env: jinja2.Environment, theme: str) -> None:
    """The theme's templates, compiled (or loaded compiled from ``.cache/``) and kept in
    ``env``. As the site's writing starts, the workers fork first: their own jobs (feeds,
    calendars, API) need no template, and the pages they render later find the templates
    compiled in the bytecode cache (a third of a second on one core when none are kept, as in
    CI)."""
    for template in sorted(Path(theme, "templates").glob("*.html")):
        env.get_template(template.name)


def load_rules_and_writers(now: dt.datetime, settings: StatusSettings, project: Path) -> None:
    """The holidays the rules and the web editor's checker look up (the years around "now" the
    checker's calendar spans, which hold the archive's year and announcements ahead; kept in
    ``.cache/``), the modules that write the site and the words of every language; the build
    command loads them while it reads, before Pelican runs."""
    load_kept_holidays(project / CACHE_FOLDER, years_around(now.astimezone(settings.tz).year))
    for name in WRITING_MODULES:
        importlib.import_module(name, __package__)
    load_languages()


def summary(events: int, written: list[Path], seconds: float) -> str:
    """The build's closing line: "Processed 12 outage events and wrote 270 files (152 HTML
    pages) in 0.78 seconds."."""
    pages = sum(1 for path in written if path.suffix == ".html")
    return (
        f"Processed {maybe_pluralize(events, 'outage event', 'outage events')} and wrote "
        f"{maybe_pluralize(len(written), 'file', 'files')} "
        f"({maybe_pluralize(pages, 'HTML page', 'HTML pages')}) in {seconds:.2f} seconds."
    )


def announce_written(path: Path, context: dict[str, Any], output_path: str) -> None:
    """What Pelican's writer does after writing a file: send ``content_written``. With no
    plugin listening, the context made for each file would be made for nobody (a hundredth of
    a second for each thousand files)."""
    if not signals.content_written.receivers:
        return
    local = {**context, "output_file": os.path.relpath(path, output_path)}
    signals.content_written.send(os.fspath(path), context=local)


def theme_files(settings: dict[str, Any], output_path: str) -> list[Path]:
    """The files Pelican's StaticGenerator copied from the theme's ``THEME_STATIC_PATHS``."""
    target = Path(output_path) / settings["THEME_STATIC_DIR"]
    copied = []
    for name in settings["THEME_STATIC_PATHS"]:
        source = Path(settings["THEME"]) / name
        if source.is_file():
            copied.append(target / source.name)
        else:
            copied += [target / p.relative_to(source) for p in source.rglob("*") if p.is_file()]
    return sorted(path for path in copied if path.is_file())  # IGNORE_FILES were not copied


def finish_theme_files(
    settings: dict[str, Any], output_path: str, context: dict[str, Any]
) -> list[Path]:
    """Minify the stylesheets Pelican copied from the theme, and name each theme file in
    ``content_written`` as the other files were; returns them."""
    copied = theme_files(settings, output_path)
    theme = Path(settings["THEME"])
    for path in copied:
        if path.suffix == ".css":
            minify_file(path, composed(theme, path.name, path.read_text(encoding="utf-8")))
        announce_written(path, context, output_path)
    return copied


def get_generators(_pelican: object) -> type[StatusGenerator]:
    return StatusGenerator


def use_template_options(pelican: Any) -> None:
    """On ``initialized``, before Pelican makes its environment: the Jinja options the theme's
    templates are written for (``template_options``)."""
    settings = pelican.settings
    project = Path(settings.get(PROJECT_SETTING) or Path(settings["PATH"]).parent)
    settings["JINJA_ENVIRONMENT"] = jinja_environment(
        project, settings.get("JINJA_ENVIRONMENT", {})
    )


def register() -> None:
    signals.initialized.connect(use_template_options)
    signals.get_generators.connect(get_generators)
