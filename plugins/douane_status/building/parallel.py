"""Run a build's jobs on every core: forked workers and this process take them from one queue.

The workers start with jobs of their own (the largest, that no other job waits for), dealt out
in turn, and then join in; this process, and any worker left without one, start on the queue
at once. A job that mostly waits (for the disk) runs in a thread of its worker, beside the
queue's jobs, once the worker's own jobs are done. Each worker hands back
what its jobs returned, or what one raised, through a pipe of its own, and ends with this
process (``processes.end_with_parent``). With one core, or where this process may not fork
(``processes.may_fork``), this process runs everything.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import Connection
from multiprocessing.context import ForkProcess
from typing import Generic, TypeVar, cast

from ..domain.errors import BuildError
from .processes import fork_context, may_fork, parent_gone, start_forked, usable_cores

T = TypeVar("T")


def worker_count() -> int:
    """Workers to fork beside this process: one per further core it may use, none where forking
    is unsafe."""
    return max(0, usable_cores() - 1) if may_fork() else 0


def run_jobs(
    jobs: Sequence[Callable[[], T]],
    *,
    first: Sequence[Callable[[], T]] = (),
    waiting: Sequence[Callable[[], T]] = (),
    meanwhile: Callable[[], object] | None = None,
) -> list[T]:
    """Run every job of ``first``, ``waiting`` and ``jobs`` once and return their results, in no
    set order.

    The workers start with the ``first`` jobs: worker i with ``first[i]``, ``first[i + n]``, ...
    of n workers; this process never takes one, so it starts on the pages at once.
    ``waiting`` jobs, dealt out the same way, mostly wait (for the disk): a worker starts its
    own in a thread once its ``first`` jobs are done, and takes from the queue meanwhile. With
    no workers they run last.
    ``meanwhile`` is work for this process alone (what comes after the jobs needs it here): it
    runs while the workers start on the queue, and then this process joins them.

    A failure anywhere stops the queue: every process finishes the job in hand and takes no
    other. A failure here is raised as it is; one in a worker as a ``BuildError`` caused by it.
    """
    workers = min(worker_count(), len(jobs) + len(first) + len(waiting))
    if workers == 0:
        if meanwhile is not None:
            meanwhile()
        return [job() for job in (*first, *jobs, *waiting)]
    queue = _SharedQueue(len(jobs))  # before the forks: every process must see it
    parent = os.getpid()
    started: list[_Worker[T]] = [
        _Worker.start(
            partial(
                _take_jobs,
                parent,
                queue,
                jobs,
                first[number::workers],
                waiting[number::workers],
            )
        )
        for number in range(workers)
    ]
    try:
        if meanwhile is not None:
            meanwhile()
        here = [jobs[index]() for index in queue]
    except BaseException:
        queue.close()
        for worker in started:
            worker.stop()
        raise
    results = [worker.outcome(queue) for worker in started]
    return here + [result for done in results for result in done]


def _take_jobs(
    parent: int,
    queue: _SharedQueue,
    jobs: Sequence[Callable[[], T]],
    own: Sequence[Callable[[], T]],
    waiting: Sequence[Callable[[], T]],
) -> list[bytes]:
    """A worker's part: its own jobs, then its ``waiting`` jobs in threads while it takes jobs
    from the queue until it is empty or ``parent``, the process that forked this one, is gone.
    A failure closes the queue.

    Each result is pickled as its job ends: handing them back is then one write of bytes made
    already, not pickling them all while the other processes wait (a megabyte of events when
    the content is read: 0.02 s).
    """
    try:
        done = [_pickled(job()) for job in own]
        threads = [_Thread.start(job) for job in waiting]
        for index in queue:
            if parent_gone(parent):
                os._exit(1)
            done.append(_pickled(jobs[index]()))
        done += [_pickled(thread.result()) for thread in threads]
    except BaseException:
        queue.close()
        raise
    return done


def _pickled(result: object) -> bytes:
    return pickle.dumps(result, pickle.HIGHEST_PROTOCOL)


@dataclass(frozen=True)
class _Thread(Generic[T]):
    """A job in a thread of a worker (which forks no more); ``result`` waits for it and returns
    what it returned, or raises what it raised."""

    thread: threading.Thread
    outcome: list[T | BaseException]

    @classmethod
    def start(cls, job: Callable[[], T]) -> _Thread[T]:
        outcome: list[T | BaseException] = []

        def run() -> None:
            try:
                outcome.append(job())
            except BaseException as exc:  # raised where the result is asked for
                outcome.append(exc)

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        return cls(thread, outcome)

    def result(self) -> T:
        self.thread.join()
        (outcome,) = self.outcome
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome


@dataclass(frozen=True)
class _Failure:
    """What a job raised in a worker, as it crosses the pipe."""

    error: BaseException
    trace: str


@dataclass(frozen=True)
class _Worker(Generic[T]):
    process: ForkProcess
    results: Connection

    @classmethod
    def start(cls, part: Callable[[], list[bytes]]) -> _Worker[T]:
        receive, send = fork_context().Pipe(duplex=False)

        def run() -> None:
            receive.close()
            try:
                outcome: list[bytes] | _Failure = part()
            except BaseException as exc:  # handed back, raised there
                outcome = _Failure(exc, traceback.format_exc())
            _hand_back(send, outcome)

        try:
            process = start_forked(run)
        finally:
            send.close()  # the worker holds the only sending end: its end is the pipe's end
        return cls(process, receive)

    def outcome(self, queue: _SharedQueue) -> list[T]:
        """What the worker's jobs returned; raises what one of them raised."""
        try:
            received: list[bytes] | _Failure = self.results.recv()
        except EOFError:
            self.process.join()
            queue.close()
            raise BuildError(
                f"a build worker process ended unexpectedly (exit code {self.process.exitcode})"
            ) from None
        finally:
            self.results.close()
        self.process.join()
        if isinstance(received, _Failure):
            queue.close()
            error = received.error
            if isinstance(error, KeyboardInterrupt):  # Ctrl+C reached the worker first
                raise KeyboardInterrupt
            raise BuildError(
                f"a build worker process failed: {type(error).__name__}: {error}"
            ) from error
        return [cast(T, pickle.loads(result)) for result in received]

    def stop(self) -> None:
        """Wait for the worker to finish the job in hand (the queue is closed); drop its results."""
        self.results.close()
        self.process.join()


def _hand_back(send: Connection, outcome: object) -> None:
    try:
        send.send(outcome)  # pickled first: a failure to pickle writes nothing
    except OSError:
        pass  # the pipe is closed: the build stopped listening (it failed, or was killed)
    except Exception as exc:  # an exception that cannot be pickled: its words can
        error = outcome.error if isinstance(outcome, _Failure) else exc
        trace = outcome.trace if isinstance(outcome, _Failure) else traceback.format_exc()
        with contextlib.suppress(OSError):
            send.send(_Failure(RuntimeError(f"{type(error).__name__}: {error}"), trace))


class _SharedQueue:
    """Hands out indexes 0..size-1 in small batches to whichever process asks first; the
    position lives in shared memory created before the forks."""

    BATCH = 8

    def __init__(self, size: int) -> None:
        self.size = size
        self.position = fork_context().Value("i", 0)

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
