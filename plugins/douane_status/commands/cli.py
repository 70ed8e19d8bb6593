"""The commands behind ``invoke``: parse options, call the core, print, return an exit status.

Exit status: 0 all well, 1 content errors (or warnings with --strict), 2 wrong usage.
Nothing an operator writes produces a traceback here.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from ..domain.config import StatusSettings
from ..domain.errors import BuildError, ConfigError, ContentError, UsageError
from ..domain.findings import Finding
from ..domain.timestamps import TimestampError, parse_timestamp

if TYPE_CHECKING:
    from ..operators.operations import Outcome

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def parse_now(value: str | None, settings: StatusSettings) -> dt.datetime:
    if value is None:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        return parse_timestamp(value, settings.tz)
    except TimestampError as exc:
        raise UsageError(f"--now {exc.message}") from None


def project_settings(project: Path, publish: bool = False) -> tuple[Path, StatusSettings]:
    """The settings file and the typed settings it holds (read without starting Pelican)."""
    from pelican.settings import read_settings

    settings_file = project / ("publishconf.py" if publish else "pelicanconf.py")
    values = read_settings(str(settings_file))
    return settings_file, StatusSettings.from_pelican(values)


def _print_findings(findings: tuple[Finding, ...] | list[Finding], stream=sys.stderr) -> None:
    for finding in findings:
        print(finding.as_text(), file=stream)


def build_once(
    project: Path, *, now: str | None, output: str, publish: bool, last_task: bool
) -> int:
    """``invoke build``. When it is the last task of the command (``last_task``), the process
    ends right after it, skipping Python's teardown: freeing, one by one, every object of the
    build and of the few hundred modules it loaded takes a tenth of a second at 500 events and
    half a second at 5,000 (mypy ends its runs the same way). The cyclic garbage collector is off
    meanwhile: it would only walk those objects again."""
    gc.disable()
    try:
        code = build(project, now=now, output=output, publish=publish)
        if last_task:
            end_process(code)
        return code
    finally:
        gc.enable()


def end_process(code: int) -> NoReturn:
    """End this process now, with everything written out; nothing else runs."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def build(project: Path, *, now: str | None, output: str, publish: bool = False) -> int:
    from ..building.build import build_site

    try:
        settings_file, settings = project_settings(project, publish)
        moment = parse_now(now, settings)
        target = (project / output) if not Path(output).is_absolute() else Path(output)
        build_site(project, settings_file, target, moment)
    except ContentError as exc:
        _print_findings(exc.findings)
        errors = sum(1 for f in exc.findings if f.is_error)
        print(
            f"Build failed: {errors} error(s). Nothing was published; {output}/ is unchanged.",
            file=sys.stderr,
        )
        return EXIT_FINDINGS
    except BuildError as exc:
        print(
            f"Build failed: {exc}. Nothing was published; {output}/ is unchanged.", file=sys.stderr
        )
        return EXIT_FINDINGS
    except (UsageError, ConfigError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as exc:  # publishconf.py refuses to run without SITEURL
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    shown = target.relative_to(project) if target.is_relative_to(project) else target
    print(
        f"Built the site into {shown}/ (now = {moment.astimezone(settings.tz):%Y-%m-%d %H:%M %Z})."
    )
    print("Preview it with: .venv/bin/invoke serve   (then open http://localhost:8000/)")
    return EXIT_OK


def check(
    project: Path, *, output_format: str, now: str | None, strict: bool, paths: list[str]
) -> int:
    from .check import run_check

    return run_check(project, output_format=output_format, now=now, strict=strict, paths=paths)


def prune(project: Path, *, now: str | None, dry_run: bool) -> int:
    from ..operators.prune import expired_events, remove

    try:
        _, settings = project_settings(project)
        moment = parse_now(now, settings)
    except (UsageError, ConfigError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    content_dir = project / "content"
    expired = expired_events(content_dir, settings, moment, project)
    verb = "Would remove" if dry_run else "Removed"
    for item in expired:
        until = item.kept_until.astimezone(settings.tz)
        print(f"{verb} {item.path.relative_to(project)} (kept until {until:%Y-%m-%d %H:%M %Z})")
    if not dry_run:
        remove(expired, content_dir)
    if not expired:
        print("No events past retention.")
    return EXIT_OK


def clean(project: Path) -> None:
    for name in ("output", ".cache", ".pytest_cache", ".ruff_cache", ".hypothesis"):
        shutil.rmtree(project / name, ignore_errors=True)
    for leftover in project.glob(".output.*"):
        shutil.rmtree(leftover, ignore_errors=True)
    print("Removed output/, the previous site and caches.")


def serve(project: Path, *, port: int, now: str | None) -> None:
    from .preview import serve_with_rebuild

    serve_with_rebuild(project, port=port, now=now)


def bench(project: Path, *, events: list[int], runs: int) -> int:
    from tools.benchmark import run

    if any(n < 1 for n in events) or runs < 1:
        print("error: --events and --runs take whole numbers of at least 1", file=sys.stderr)
        return EXIT_USAGE
    print(run(project, events or [500, 5000], runs))
    return EXIT_OK


# -- operator tasks: new, update, close ----------------------------------------------------------


def _operate(project: Path, now: str | None, action: Callable[..., Outcome]) -> int:
    """Run one operator task: print the path, the notes and the checker's findings."""
    from ..operators.operations import Workspace

    try:
        _, settings = project_settings(project)
        moment = parse_now(now, settings)
        outcome = action(Workspace.open(project, settings), moment)
    except (UsageError, ConfigError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if outcome.written:
        print(f"Wrote {outcome.shown}")
    for note in outcome.notes:
        print(note)
    _print_findings(outcome.findings, stream=sys.stdout if outcome.written else sys.stderr)
    if not outcome.written:
        print(f"Nothing was written: {outcome.shown} would have errors.", file=sys.stderr)
        return EXIT_FINDINGS
    if not outcome.findings:
        print("The checker finds no problems.")
    return EXIT_OK


def new(
    project: Path,
    *,
    type_: str,
    systems: str,
    now: str | None,
    start: str | None = None,
    end: str | None = None,
    title_nl: str | None = None,
    title_en: str | None = None,
    fallback_possible: bool = False,
) -> int:
    from ..operators.operations import new_event

    return _operate(
        project,
        now,
        lambda ws, moment: new_event(
            ws,
            type_text=type_,
            systems_text=systems,
            now=moment,
            start_text=start,
            end_text=end,
            title_nl=title_nl,
            title_en=title_en,
            fallback_possible=fallback_possible,
        ),
    )


def update(
    project: Path,
    event: str,
    *,
    status: str | None,
    now: str | None,
    fallback: str | None = None,
    next_minutes: int | None = None,
    expected_end: str | None = None,
    nl: str | None = None,
    en: str | None = None,
    buffered: bool = False,
) -> int:
    from ..operators.operations import update_event

    return _operate(
        project,
        now,
        lambda ws, moment: update_event(
            ws,
            event,
            status_text=status,
            now=moment,
            fallback_text=fallback,
            next_minutes=next_minutes,
            expected_end_text=expected_end,
            nl=nl,
            en=en,
            buffered=buffered,
        ),
    )


def close(
    project: Path,
    event: str,
    *,
    now: str | None,
    status: str | None = None,
    nl: str | None = None,
    en: str | None = None,
    buffered_nl: str | None = None,
    buffered_en: str | None = None,
) -> int:
    from ..operators.operations import close_event

    return _operate(
        project,
        now,
        lambda ws, moment: close_event(
            ws,
            event,
            now=moment,
            status_text=status,
            nl=nl,
            en=en,
            buffered_nl=buffered_nl,
            buffered_en=buffered_en,
        ),
    )


def schema(project: Path, *, check: bool) -> int:
    """Write schema/outage.schema.json, or with ``check`` only say whether it is up to date."""
    from ..editor.schema import SCHEMA_FILE, schema_text, write_schema

    if check:
        path = project / SCHEMA_FILE
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != schema_text():
            print(f"{SCHEMA_FILE} is out of date: run 'invoke schema'", file=sys.stderr)
            return EXIT_FINDINGS
        print(f"{SCHEMA_FILE} is up to date.")
        return EXIT_OK
    path, changed = write_schema(project)
    print(f"{'Wrote' if changed else 'Unchanged:'} {path.relative_to(project)}")
    return EXIT_OK


def editor(project: Path, *, port: int, now: str | None) -> int:
    """The web editor at http://localhost:PORT/admin/, saving into this project's content/."""
    from ..editor.editor import admin_settings, start_local_backend, stop
    from .preview import serve_with_rebuild

    try:
        admin = admin_settings(project)
        backend = start_local_backend(project, admin)
    except (UsageError, ConfigError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Web editor: http://localhost:{port}/admin/ (saves into content/ through Decap's local")
    print(f"backend on 127.0.0.1:{admin.local_backend_port}; commit the files with git yourself).")
    try:
        serve_with_rebuild(project, port=port, now=now)
    finally:
        stop(backend)
    return EXIT_OK


DEMO_NOW = "2026-11-29T10:00"  # the moment the demo content is written around (README)


def screenshots(project: Path, *, now: str | None, output: str) -> int:
    """The README's screenshots: status, event and report pages, both languages, light and dark,
    desktop and phone, rendered by headless Chromium."""
    from tools.browser import BrowserMissing
    from tools.screenshots import take_screenshots

    try:
        settings_file, settings = project_settings(project)
        moment = parse_now(now or DEMO_NOW, settings)
        target = project / output
        written = take_screenshots(project, settings_file, project / "content", moment, target)
    except ContentError as exc:
        _print_findings(exc.findings)
        return EXIT_FINDINGS
    except (UsageError, ConfigError, BrowserMissing) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    size = sum(p.stat().st_size for p in written)
    print(f"Wrote {len(written)} screenshots ({size // 1024} KB) into {output}/.")
    return EXIT_OK
