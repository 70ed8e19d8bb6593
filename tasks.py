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

from douane_status.commands import cli  # noqa: E402

COMMAND_LINE_TASKS: list[str] = []  # the tasks named on this command line, in order


def _watch_task_parsing() -> None:
    """Unknown options and missing values are usage errors: exit status 2, as our own are.

    invoke exits 1 on its parse errors, which a script could not tell from "the content has
    errors". tasks.py is loaded before the task options are parsed, so this still applies.
    The parsed task names are kept: a build that is the last task may end the process.
    """
    from invoke.exceptions import Exit as InvokeExit
    from invoke.exceptions import ParseError
    from invoke.program import Program

    parse_tasks = Program.parse_tasks

    def parse_tasks_with_usage_status(self: Program) -> None:
        try:
            parse_tasks(self)
        except ParseError as exc:
            raise InvokeExit(f"error: {exc} (see: invoke --help TASK)", code=2) from None
        COMMAND_LINE_TASKS[:] = [task.name for task in self.tasks]

    Program.parse_tasks = parse_tasks_with_usage_status  # type: ignore[method-assign]


_watch_task_parsing()


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
    last_task = COMMAND_LINE_TASKS[-1:] == ["build"]
    code = cli.build_once(PROJECT, now=now, output=output, publish=publish, last_task=last_task)
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


# -- operator tasks: an event from start to end ------------------------------------------------


@task(
    help={
        "type": "disruption, maintenance, release or unplanned-maintenance",
        "systems": "system ids from content/systems.yaml, comma-separated: dms,ncts",
        "start": "begin, 'YYYY-MM-DD HH:MM' or 'HH:MM' today (disruption default: now)",
        "end": "(planned) end, same forms as --start; required for planned work",
        "title_nl": "Dutch title (default: the phrasebook's, with --title-en)",
        "title_en": "English title (default: the phrasebook's, with --title-nl)",
        "fallback_possible": "planned work: the fallback procedure may be used during it",
        "now": "the moment of the first update, e.g. 2026-11-29T10:00 (default: now)",
    }
)
def new(
    c: Context,
    type_: str = "",
    systems: str = "",
    start: str | None = None,
    end: str | None = None,
    title_nl: str | None = None,
    title_en: str | None = None,
    fallback_possible: bool = False,
    now: str | None = None,
) -> None:
    """Create an outage file with its first update, checked; planned work gets P02/P03 advice."""
    if not type_ or not systems:
        raise Exit("error: give --type and --systems, e.g. --type disruption --systems dms", 2)
    code = cli.new(
        PROJECT,
        type_=type_,
        systems=systems,
        start=start,
        end=end,
        title_nl=title_nl,
        title_en=title_en,
        fallback_possible=fallback_possible,
        now=now,
    )
    if code:
        raise Exit(code=code)


@task(
    help={
        "event": "the event id (its file name without .md)",
        "status": "the new status, e.g. disruption, in-progress, overrun",
        "fallback": "allowed, not-needed or ended (noodprocedure)",
        "next": "minutes until the next update (default by status; 0: none)",
        "expected_end": "new expected end (required with overrun)",
        "nl": "Dutch message (default: the phrasebook's, with --en)",
        "en": "English message (default: the phrasebook's, with --nl)",
        "buffered": "add the sentence that submitted messages are held and processed",
        "now": "the moment of the update (default: now)",
    }
)
def update(
    c: Context,
    event: str,
    status: str | None = None,
    fallback: str | None = None,
    next_: str | None = None,
    expected_end: str | None = None,
    nl: str | None = None,
    en: str | None = None,
    buffered: bool = False,
    now: str | None = None,
) -> None:
    """Append one update to an event; nothing else in the file changes."""
    try:
        minutes = None if next_ is None else int(next_)
    except ValueError:
        raise Exit("error: --next takes a whole number of minutes", code=2) from None
    code = cli.update(
        PROJECT,
        event,
        status=status,
        fallback=fallback,
        next_minutes=minutes,
        expected_end=expected_end,
        nl=nl,
        en=en,
        buffered=buffered,
        now=now,
    )
    if code:
        raise Exit(code=code)


@task(
    help={
        "event": "the event id (its file name without .md)",
        "status": "resolved, workaround or no-fault (disruption); completed or cancelled",
        "nl": "Dutch message (default: the phrasebook's, with --en)",
        "en": "English message (default: the phrasebook's, with --nl)",
        "buffered_nl": "Dutch instructions for submitted and buffered messages",
        "buffered_en": "English instructions for submitted and buffered messages",
        "now": "the moment of the final update (default: now)",
    }
)
def close(
    c: Context,
    event: str,
    status: str | None = None,
    nl: str | None = None,
    en: str | None = None,
    buffered_nl: str | None = None,
    buffered_en: str | None = None,
    now: str | None = None,
) -> None:
    """Publish the final update: ends the fallback procedure and adds buffered-message text."""
    code = cli.close(
        PROJECT,
        event,
        status=status,
        nl=nl,
        en=en,
        buffered_nl=buffered_nl,
        buffered_en=buffered_en,
        now=now,
    )
    if code:
        raise Exit(code=code)


@task(help={"check": "only check that the committed schema is up to date (exit 1 if not)"})
def schema(c: Context, check: bool = False) -> None:
    """Write schema/outage.schema.json, the front matter's JSON Schema for code editors."""
    code = cli.schema(PROJECT, check=check)
    if code:
        raise Exit(code=code)


@task(help={"port": "port of the site and editor (default 8000)", "now": "fixed 'now' for builds"})
def editor(c: Context, port: int = 8000, now: str | None = None) -> None:
    """The web editor at http://localhost:PORT/admin/, saving into this repository."""
    code = cli.editor(PROJECT, port=port, now=now)
    if code:
        raise Exit(code=code)


@task(
    help={
        "now": "the moment to show (default 2026-11-29T10:00, the demo's moment)",
        "output": "folder for the PNG files (default docs/screenshots)",
    }
)
def screenshots(c: Context, now: str | None = None, output: str = "docs/screenshots") -> None:
    """Screenshots of the status, event and report pages (nl/en, light/dark, desktop/phone)."""
    code = cli.screenshots(PROJECT, now=now, output=output)
    if code:
        raise Exit(code=code)
