"""Run a build's jobs on two cores: a forked worker and this process take them from one queue.

The worker starts with a job of its own (the largest, that no other job waits for) and then
joins in; this process starts on the queue at once. The worker runs in a
``concurrent.futures`` process pool of one, so what it returns and what it raises come back
here. Without a second core, or where the platform cannot fork, this process runs everything.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from ..domain.errors import BuildError

T = TypeVar("T")

# The worker's part is a closure, which cannot be pickled; the forked worker inherits it here.
_INHERITED: dict[int, Callable[[], Any]] = {}


def run_on_two_cores(jobs: Sequence[Callable[[], T]], *, worker_first: Callable[[], T]) -> list[T]:
    """Run ``worker_first`` and every job once and return their results, in no set order.

    A failure here lets the worker finish the job in hand and take no other, then is raised;
    a failure in the worker is raised here as a ``BuildError`` caused by the original.
    """
    context = _fork_context()
    if context is None:
        return [worker_first(), *(job() for job in jobs)]
    queue = _SharedQueue(len(jobs), context)  # before the fork: both must see it

    def take_jobs() -> list[T]:
        return [jobs[index]() for index in queue]

    def worker_part() -> list[T]:
        return [worker_first(), *take_jobs()]

    key = id(worker_part)
    _INHERITED[key] = worker_part
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            worker: Future[list[T]] = pool.submit(_run_inherited, key)  # forks here
            try:
                here = take_jobs()
            except BaseException:
                queue.close()  # leaving the pool waits for the worker: it writes no more
                raise
            return here + _outcome(worker)
    finally:
        del _INHERITED[key]


def _run_inherited(key: int) -> Any:
    return _INHERITED[key]()


def _outcome(worker: Future[list[T]]) -> list[T]:
    try:
        return worker.result()
    except BrokenProcessPool as exc:
        raise BuildError("the second build process ended unexpectedly") from exc
    except Exception as exc:
        raise BuildError(
            f"writing the feeds, calendars, API and pages failed in the second build process: "
            f"{type(exc).__name__}: {exc}"
        ) from exc


class _SharedQueue:
    """Hands out indexes 0..size-1 in small batches to whichever process asks first; the
    position lives in shared memory created before the fork."""

    BATCH = 8

    def __init__(self, size: int, context: multiprocessing.context.BaseContext) -> None:
        self.size = size
        self.position = context.Value("i", 0)

    def _take(self) -> int:
        with self.position.get_lock():
            start: int = self.position.value
            self.position.value = start + self.BATCH
        return start

    def close(self) -> None:
        """Hand out nothing more."""
        with self.position.get_lock():
            self.position.value = self.size

    def __iter__(self) -> Iterator[int]:
        while (start := self._take()) < self.size:
            yield from range(start, min(start + self.BATCH, self.size))


def _fork_context() -> multiprocessing.context.BaseContext | None:
    """Fork, when there is a second core to use and the platform can fork."""
    if (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")
