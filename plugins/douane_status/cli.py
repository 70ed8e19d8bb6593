"""The commands behind ``invoke``: parse options, call the core, print, return an exit status.

Exit status: 0 all well, 1 content errors (or warnings with --strict), 2 wrong usage.
Nothing an operator writes produces a traceback here.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

from .config import StatusSettings
from .errors import ConfigError, ContentError, UsageError
from .findings import Finding
from .timestamps import TimestampError, parse_timestamp

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
    return settings_file, StatusSettings.from_mapping(
        values.get("DOUANE_STATUS", {}), site_url=values.get("SITEURL", "")
    )


def _print_findings(findings: tuple[Finding, ...] | list[Finding], stream=sys.stderr) -> None:
    for finding in findings:
        print(finding.as_text(), file=stream)


def build(project: Path, *, now: str | None, output: str, publish: bool = False) -> int:
    from .build import build_site

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
    from .prune import expired_events, remove

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
    for name in ("output", ".pytest_cache", ".ruff_cache", ".hypothesis"):
        shutil.rmtree(project / name, ignore_errors=True)
    for leftover in project.glob(".output.*"):
        shutil.rmtree(leftover, ignore_errors=True)
    print("Removed output/ and caches.")


def serve(project: Path, *, port: int, now: str | None) -> None:
    from .preview import serve_with_rebuild

    serve_with_rebuild(project, port=port, now=now)


def bench(project: Path, *, events: list[int], runs: int) -> int:
    from .benchmark import run

    if any(n < 1 for n in events) or runs < 1:
        print("error: --events and --runs take whole numbers of at least 1", file=sys.stderr)
        return EXIT_USAGE
    print(run(project, events or [500, 5000], runs))
    return EXIT_OK
