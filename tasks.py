"""Project tasks: ``invoke --list`` shows them all.

Every task that depends on the time accepts ``--now`` (ISO 8601, Europe/Amsterdam unless an offset
is given) so that builds, checks and tests are reproducible.

The site's tasks (build, check, new, update, close, ...) are the command line of
``plugins/douane_status/commands/cli.py``: each invoke task below is derived from that command's
options class and hands what invoke parsed to it. ``python tasks.py COMMAND ...`` runs the same
command line without loading invoke at all (as the publish workflow builds); there an unknown
option or a missing value also exits with status 2 (through invoke those are invoke's own
errors, status 1). The development tasks (bench, screenshots, test) call ``tools/`` and the test
tools directly.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

PROJECT = Path(__file__).resolve().parent
sys.path.insert(0, str(PROJECT / "plugins"))

from douane_status.commands import cli  # noqa: E402

if __name__ == "__main__":
    # Run as a script, the command line runs before invoke is imported: invoke's own modules
    # take a tenth of a second to load, a build's whole start on one core.
    cli.run_as_script(PROJECT, sys.argv[1:])

from invoke.context import Context  # noqa: E402
from invoke.exceptions import Exit  # noqa: E402
from invoke.tasks import Task, task  # noqa: E402

from douane_status.domain.errors import ExitStatus  # noqa: E402
from douane_status.domain.options import OptionSpec, option_specs  # noqa: E402


def command_task(command: cli.Command) -> Task[Callable[..., None]]:
    """An invoke task with ``command``'s options (names, help, description) that runs it."""
    specs = option_specs(command.options)

    def run(c: Context, **values: object) -> None:
        code = cli.main(PROJECT, [command.name, *command_line(specs, values)])
        if code:
            raise Exit(code=code)

    # invoke reads a task's options from its signature; this one lists the command's options
    parameters = [inspect.Parameter("c", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    parameters += [_parameter(spec) for spec in specs]
    setattr(run, "__signature__", inspect.Signature(parameters))  # noqa: B010
    run.__name__ = run.__qualname__ = command.name
    run.__doc__ = command.options.__doc__
    return Task(
        run,
        name=command.name,
        help={spec.name: spec.help for spec in specs},
        iterable=[spec.name for spec in specs if spec.kind == "list"],
    )


def _parameter(spec: OptionSpec) -> inspect.Parameter:
    """Positional without a default, a switch off by default, anything else text for the command
    line to read (so a wrong number is its usage error too)."""
    if spec.positional:
        return inspect.Parameter(spec.name, inspect.Parameter.KEYWORD_ONLY)
    default = False if spec.kind == "switch" else None
    return inspect.Parameter(spec.name, inspect.Parameter.KEYWORD_ONLY, default=default)


def command_line(specs: Sequence[OptionSpec], values: Mapping[str, object]) -> list[str]:
    """The arguments that give ``values`` to the command line; positionals last, after ``--``."""
    flags: list[str] = []
    positionals: list[str] = []
    for spec in specs:
        value = values.get(spec.name)
        if spec.positional:
            positionals.append(str(value))
        elif spec.kind == "switch":
            flags += [spec.flag] if value else []
        elif isinstance(value, list):
            flags += [part for item in value for part in (spec.flag, str(item))]
        elif value is not None:
            flags += [spec.flag, str(value)]
    return flags + (["--", *positionals] if positionals else [])


build, serve, check, new, update, close, prune, clean, schema, editor, notify = (
    command_task(command) for command in cli.COMMANDS
)


# -- development tasks ---------------------------------------------------------------------------


@task(
    iterable=["events"],
    help={
        "events": "number of synthetic events (repeatable; default 500 and 5000)",
        "runs": "runs per figure after a warm-up (default 5)",
    },
)
def bench(c: Context, events: list[str] | None = None, runs: str = "5") -> None:
    """Time full builds and checks on synthetic histories, against plain Pelican."""
    from tools.benchmark import run

    try:
        counts = [int(n) for n in events or ["500", "5000"]]
        repeats = int(runs)
    except ValueError:
        raise Exit("error: --events and --runs take whole numbers", code=ExitStatus.USAGE) from None
    if any(n < 1 for n in counts) or repeats < 1:
        raise Exit("error: --events and --runs take whole numbers of at least 1", ExitStatus.USAGE)
    print(run(PROJECT, counts, repeats))


DEMO_NOW = "2026-11-29T10:00"  # the moment the demo content is written around (README)


@task(
    help={
        "now": "the moment to show (default 2026-11-29T10:00, the demo's moment)",
        "output": "folder for the PNG files (default docs/screenshots)",
    }
)
def screenshots(c: Context, now: str = DEMO_NOW, output: str = "docs/screenshots") -> None:
    """Screenshots of the status, event and report pages (nl/en, light/dark, desktop/phone) and of
    the web editor (docs/handleiding.md)."""
    from tools.screenshots import screenshots_command

    code = screenshots_command(PROJECT, now=now, output=output)
    if code:
        raise Exit(code=code)


JS_TESTS = "tests/js"  # the web editor's unit tests: node --test, with fast-check


@task
def test(c: Context) -> None:
    """Run the linters, the type checker, the editor's JavaScript tests and the whole suite."""
    python = sys.executable
    c.run(f"{python} -m ruff check .", pty=False)
    c.run(f"{python} -m ruff format --check .", pty=False)
    c.run(f"{python} -m mypy", pty=False)
    c.run("node_modules/.bin/eslint --max-warnings 0 .", pty=False)
    tests = " ".join(
        sorted(str(p.relative_to(PROJECT)) for p in (PROJECT / JS_TESTS).glob("*.test.mjs"))
    )
    c.run(f"node --import ./{JS_TESTS}/register.mjs --test {tests}", pty=False)
    c.run(f"{python} -m pytest -n auto -q", pty=False)
