"""Project tasks: ``invoke --list`` shows them all.

Every task that depends on the time accepts ``--now`` (ISO 8601, Europe/Amsterdam unless an offset
is given) so that builds, checks and tests are reproducible.
"""

from __future__ import annotations

import sys
from pathlib import Path

from invoke import Context, Exit, task

PROJECT = Path(__file__).resolve().parent
sys.path.insert(0, str(PROJECT / "plugins"))

from douane_status import cli  # noqa: E402


@task(
    help={
        "now": "the build's 'now', e.g. 2026-11-29T10:00 (default: the current time)",
        "output": "folder to write the site into (default: output)",
        "publish": "use publishconf.py (absolute URLs from the SITEURL environment variable)",
    }
)
def build(
    c: Context, now: str | None = None, output: str = "output", publish: bool = False
) -> None:
    """Check the content and build the site; a failed build leaves the old output untouched."""
    code = cli.build(PROJECT, now=now, output=output, publish=publish)
    if code:
        raise Exit(code=code)


@task(help={"port": "port to serve on (default 8000)", "now": "fixed 'now' for each rebuild"})
def serve(c: Context, port: int = 8000, now: str | None = None) -> None:
    """Preview the site at http://localhost:PORT/, rebuilding when content or theme changes."""
    cli.serve(PROJECT, port=port, now=now)


@task(
    help={
        "now": "judge retention at this moment (default: now)",
        "dry_run": "only list what would be removed",
    }
)
def prune(c: Context, now: str | None = None, dry_run: bool = False) -> None:
    """Delete the files of events past the one-year retention (git history keeps them)."""
    code = cli.prune(PROJECT, now=now, dry_run=dry_run)
    if code:
        raise Exit(code=code)


@task
def clean(c: Context) -> None:
    """Remove the built site and caches."""
    cli.clean(PROJECT)


@task(
    iterable=["path"],
    help={
        "format": "text (default), json or github",
        "now": "judge time-dependent rules at this moment (default: now)",
        "strict": "exit 1 on warnings too",
        "path": "file or folder to check (repeatable; default content/outages/)",
    },
)
def check(
    c: Context,
    format_: str = "text",
    now: str | None = None,
    strict: bool = False,
    path: list[str] | None = None,
) -> None:
    """Check outage files against the format and the protocol rules."""
    code = cli.check(PROJECT, output_format=format_, now=now, strict=strict, paths=path or [])
    if code:
        raise Exit(code=code)


@task(
    iterable=["events"],
    help={
        "events": "number of synthetic events (repeatable; default 500 and 5000)",
        "runs": "runs per figure after a warm-up (default 5)",
    },
)
def bench(c: Context, events: list[str] | None = None, runs: int = 5) -> None:
    """Time full builds and checks on synthetic histories, against plain Pelican."""
    try:
        counts = [int(n) for n in events or []]
    except ValueError:
        raise Exit("error: --events takes whole numbers", code=2) from None
    code = cli.bench(PROJECT, events=counts, runs=runs)
    if code:
        raise Exit(code=code)


@task
def test(c: Context) -> None:
    """Run the linter and the whole test suite."""
    python = sys.executable
    c.run(f"{python} -m ruff check .", pty=False)
    c.run(f"{python} -m ruff format --check .", pty=False)
    c.run(f"{python} -m pytest -n auto -q", pty=False)
