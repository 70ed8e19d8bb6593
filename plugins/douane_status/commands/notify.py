"""The notify command: tell subscribers of every message the live site does not have yet.

``invoke notify --site DIR --live URL|DIR [--dry-run] [--resend-since ISO] [--channel NAME]...``

The live site, read before the deploy, is the memory: what it has was announced when it went
live, so a message is sent when the new site has it and the live one has not. Run again after the
deploy, the live site has the message and nothing is sent twice. ``--save-live DIR`` reads the
live site into a folder before the deploy, for the run after it (the publish workflow does so).

Exit status: 0 all delivered, 1 something was not delivered (each named) or the live site could
not be read, 2 wrong usage or a wrong ``content/notifications.yaml``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from ..domain.errors import ExitStatus
from ..notify.options import NotifyOptions


def notify(
    project: Path,
    options: NotifyOptions,
    *,
    sleep: Callable[[float], None] = time.sleep,
    environ: Mapping[str, str] = os.environ,
) -> ExitStatus:
    """Run the command; ``sleep`` waits between a webhook's attempts (tests pass a fake)."""
    from .notify_run import run_notify

    return run_notify(project, options, sleep, environ)
