"""The notify command: tell subscribers of every message of the built site, once.

``invoke notify --site DIR --ledger PLACE [--baseline] [--dry-run] [--resend-since ISO]
[--channel NAME]... [--allow-many] [--now ISO]``

The ledger (a folder, or ``git:BRANCH``) is the memory: each message enters it for a channel
right after that channel accepted it, so re-runs, runs of older builds and two runs at once send
each message to each channel once. ``--baseline`` records every message as delivered without
sending (the first deploy; a channel added later). Guards: more than 20 messages due for one
channel sends nothing (``--allow-many``); a message older than 24 hours is listed, not sent
(``--resend-since``); a site built without ``--publish`` is refused; every secret is checked
before the first send.

Exit status: 0 all delivered, 1 something was not delivered (each named), a guard stopped the
run or the ledger could not be read, 2 wrong usage, a wrong ``content/notifications.yaml`` or a
missing secret.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import ExitStatus
from ..notify.options import NotifyOptions

if TYPE_CHECKING:
    from ..notify.delivery import Limits


def notify(
    project: Path,
    options: NotifyOptions,
    *,
    sleep: Callable[[float], None] = time.sleep,
    environ: Mapping[str, str] = os.environ,
    limits: Limits | None = None,
) -> ExitStatus:
    """Run the command; ``sleep`` waits between a webhook's attempts and ``limits`` replaces
    the options' time limits (tests pass both)."""
    from .notify_run import run_notify

    return run_notify(project, options, sleep, environ, limits)
