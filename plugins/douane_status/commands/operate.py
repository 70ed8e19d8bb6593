"""The operator's commands ``new``, ``update`` and ``close``: print the file written, the notes and
the checker's findings."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from ..domain.errors import ConfigError, ExitStatus, UsageError
from ..operators.options import CloseOptions, NewOptions, UpdateOptions
from .options import parse_now
from .settings import print_findings, project_settings

if TYPE_CHECKING:
    from ..operators.workspace import Outcome, Workspace


class _TakesNow(Protocol):
    @property
    def now(self) -> str | None: ...


Options = TypeVar("Options", bound=_TakesNow)


def new(project: Path, options: NewOptions) -> ExitStatus:
    from ..operators.new import new_event

    return _operate(project, options, new_event)


def update(project: Path, options: UpdateOptions) -> ExitStatus:
    from ..operators.update import update_event

    return _operate(project, options, update_event)


def close(project: Path, options: CloseOptions) -> ExitStatus:
    from ..operators.close import close_event

    return _operate(project, options, close_event)


def _operate(
    project: Path,
    options: Options,
    task: Callable[[Workspace, Options, dt.datetime], Outcome],
) -> ExitStatus:
    """Run one operator task: print the path, the notes and the checker's findings."""
    from ..operators.workspace import Workspace

    try:
        _, settings = project_settings(project)
        moment = parse_now(options.now, settings)
        outcome = task(Workspace.open(project, settings), options, moment)
    except (UsageError, ConfigError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitStatus.USAGE
    if outcome.written:
        print(f"Wrote {outcome.shown}")
    for note in outcome.notes:
        print(note)
    print_findings(outcome.findings, sys.stdout if outcome.written else sys.stderr)
    if not outcome.written:
        print(f"Nothing was written: {outcome.shown} would have errors.", file=sys.stderr)
        return ExitStatus.FINDINGS
    if not outcome.findings:
        print("The checker finds no problems.")
    return ExitStatus.OK
