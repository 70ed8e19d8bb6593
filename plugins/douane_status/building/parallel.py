"""Run a build's jobs on two cores: a forked worker and this process take them from one queue.

The worker starts with a job of its own (the largest, that no other job waits for) and then
joins in; this process starts on the queue at once. Without a second core, or where the
platform cannot fork, this process runs everything itself.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence

from ..domain.errors import BuildError


def run_on_two_cores(
    jobs: Sequence[Callable[[], object]], *, worker_first: Callable[[], object]
) -> None:
    """Run ``worker_first`` and every job once; a failure in either process fails the build."""
    context = _fork_context()
    queue = _SharedQueue(len(jobs), context)  # before the fork: both must see it

    def take_jobs() -> None:
        for index in queue:
            jobs[index]()

    def worker_part() -> None:
        worker_first()
        take_jobs()

    worker = _Worker(context, worker_part) if context is not None else None
    try:
        take_jobs()
        if worker is None:
            worker_part()
    except BaseException:
        if worker is not None:
            worker.abandon()
        raise
    if worker is not None:
        worker.finish()


class _SharedQueue:
    """Hands out indexes 0..size-1 in small batches to whichever process asks first.

    The position lives in shared memory created before the fork; without a worker it is a plain
    counter and this process takes every index.
    """

    BATCH = 8

    def __init__(self, size: int, context: multiprocessing.context.BaseContext | None) -> None:
        self.size = size
        self.position = context.Value("i", 0) if context is not None else None
        self.local = 0

    def _take(self) -> int:
        if self.position is None:
            start, self.local = self.local, self.local + self.BATCH
            return start
        with self.position.get_lock():
            start = self.position.value
            self.position.value = start + self.BATCH
        return start

    def __iter__(self) -> Iterator[int]:
        while (start := self._take()) < self.size:
            yield from range(start, min(start + self.BATCH, self.size))


def _fork_context() -> multiprocessing.context.BaseContext | None:
    """Fork, when there is a second core to use and the platform can fork."""
    if (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


class _Worker:
    """A forked process running one part of the build; its failure fails the build."""

    def __init__(
        self, context: multiprocessing.context.BaseContext, target: Callable[[], None]
    ) -> None:
        self.process = context.Process(target=target, name="douane-status-worker", daemon=True)
        self.process.start()

    def finish(self) -> None:
        self.process.join()
        if self.process.exitcode != 0:
            raise BuildError(
                f"writing the feeds, calendars, API and pages failed in the worker (exit "
                f"{self.process.exitcode}); the message above says why"
            )

    def abandon(self) -> None:
        """Stop the worker before the caller removes the folder it writes into."""
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
