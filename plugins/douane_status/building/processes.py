"""Processes a build forks: when it may fork, and how a forked process ends with its parent.

A build forks the remover of old sites as it starts (``leftovers``), its workers to read the
outage files, and its workers again once the content is read (``parallel``), so each starts
with what it needs in memory: only what the readers found comes back pickled. Forking is
safe only while this process runs no other thread: a child gets a copy of every lock, and
one held by another thread at that instant would stay held in the child for ever. So a process
with other threads (``invoke serve``'s web server) does the work itself, without forking.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable
from multiprocessing.context import ForkProcess
from typing import Any

PR_SET_PDEATHSIG = 1  # linux/prctl.h


def may_fork() -> bool:
    """This process can fork safely: the platform forks and no other thread runs."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def usable_cores() -> int:
    """The cores this process may run on: those its CPU affinity allows (``taskset``, a
    container's cpuset), else the machine's. ``os.cpu_count()`` counts the machine's even where
    the process may use fewer: a worker for a core it may not use would only take turns with
    this process on the same core."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # no affinity on this platform (macOS, Windows)
        return os.cpu_count() or 1


def fork_context() -> multiprocessing.context.ForkContext:
    return multiprocessing.get_context("fork")


def start_forked(target: Callable[[], Any]) -> ForkProcess:
    """Fork a process that runs ``target`` (a closure is fine: forking copies it, nothing is
    pickled) and ends with this one (``end_with_parent``)."""
    assert may_fork(), "fork only a process without other threads"
    parent = os.getpid()

    def run() -> None:
        end_with_parent(parent)
        try:
            target()
        except KeyboardInterrupt:
            # Ctrl+C reaches the whole process group; the parent says what the build left and
            # cleans up, and a traceback from each child would bury that line
            os._exit(130)

    process = fork_context().Process(target=run, daemon=True)
    process.start()
    return process


def end_with_parent(parent: int) -> None:
    """Let the kernel kill this forked process when ``parent`` ends, however it ends.

    Without this, a child of a build killed with SIGKILL would live on, holding the staging
    folder's lock (an inherited descriptor), so no later build could remove that folder. On
    Linux the kernel sends SIGKILL (PR_SET_PDEATHSIG); elsewhere ``parent_gone`` is checked
    between jobs. If the parent died before the request was made, the child ends now.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if parent_gone(parent):
        os._exit(1)


def parent_gone(parent: int) -> bool:
    """The process that forked this one has ended (this one was handed to another parent)."""
    return os.getppid() != parent
