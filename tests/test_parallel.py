"""The build's jobs run once each, on every core, and any failure fails the run; a process with
another thread forks nothing."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import threading
import time
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURE_CONTENT

from douane_status.building import parallel
from douane_status.building.parallel import run_jobs
from douane_status.building.processes import usable_cores
from douane_status.domain.errors import BuildError

two_cores = pytest.mark.skipif(usable_cores() < 2, reason="one core: there is no worker")
can_fork = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="this platform cannot fork"
)


def _mark(folder: Path, name: str) -> str:
    with open(folder / name, "x", encoding="utf-8") as file:  # "x": a second run would fail
        file.write(str(os.getpid()))
    return name


def test_every_job_runs_exactly_once_and_the_worker_starts_with_its_own(tmp_path: Path) -> None:
    jobs = [partial(_mark, tmp_path, f"job-{n}") for n in range(200)]
    results = run_jobs(jobs, first=[partial(_mark, tmp_path, "first")])

    expected = sorted(["first", *(f"job-{n}" for n in range(200))])
    assert sorted(p.name for p in tmp_path.iterdir()) == expected
    assert sorted(results) == expected  # what each job returned, from both processes
    if usable_cores() > 1:  # the first job ran in the forked worker
        assert (tmp_path / "first").read_text(encoding="utf-8") != str(os.getpid())
    assert multiprocessing.active_children() == []


@can_fork
def test_every_core_takes_jobs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "usable_cores", lambda: 4)  # three workers and this process
    jobs = [partial(_slow_mark, tmp_path, f"job-{n}") for n in range(60)]
    first = [partial(_slow_mark, tmp_path, f"first-{n}") for n in range(3)]
    results = run_jobs(jobs, first=first)
    assert sorted(results) == sorted(
        [*(f"first-{n}" for n in range(3)), *(f"job-{n}" for n in range(60))]
    )
    pids = {p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}
    assert len(pids) == 4 and str(os.getpid()) in pids
    # each worker started with one of the first jobs; this process took none
    first_pids = {(tmp_path / f"first-{n}").read_text(encoding="utf-8") for n in range(3)}
    assert len(first_pids) == 3 and str(os.getpid()) not in first_pids
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("cores", [1, 2, 4])
def test_meanwhile_runs_once_here_while_the_workers_take_jobs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cores: int
) -> None:
    monkeypatch.setattr(parallel, "usable_cores", lambda: cores)
    jobs = [partial(_slow_mark, tmp_path, f"job-{n}") for n in range(40)]
    results = run_jobs(jobs, meanwhile=partial(_slow_mark, tmp_path, "meanwhile"))
    assert sorted(results) == sorted(f"job-{n}" for n in range(40))  # not what meanwhile returned
    assert (tmp_path / "meanwhile").read_text(encoding="utf-8") == str(os.getpid())
    pids = {p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}
    assert len(pids) == (min(cores, 4) if parallel.may_fork() else 1)


def _slow_mark(folder: Path, name: str) -> str:
    time.sleep(0.02)  # long enough for every process to get a batch of jobs
    return _mark(folder, name)


def test_a_process_with_another_thread_forks_nothing(tmp_path: Path) -> None:
    """Forking while another thread runs could copy a lock that thread holds, held for ever in
    the child: such a process (``invoke serve`` with its web server) runs the jobs itself."""
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        jobs = [partial(_mark, tmp_path, f"job-{n}") for n in range(20)]
        results = run_jobs(jobs, first=[partial(_mark, tmp_path, "first")])
    finally:
        stop.set()
        other.join()
    pids = {p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}
    assert pids == {str(os.getpid())} and len(results) == 21


def test_one_core_runs_everything_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "usable_cores", lambda: 1)
    jobs = [partial(_mark, tmp_path, f"job-{n}") for n in range(20)]
    results = run_jobs(jobs, first=[partial(_mark, tmp_path, "first")])
    pids = {p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}
    assert pids == {str(os.getpid())} and len(results) == 21


@can_fork
@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity here")
@pytest.mark.parametrize("allowed", [1, 2])
def test_only_the_cores_this_process_may_use_take_jobs(tmp_path: Path, allowed: int) -> None:
    """A build confined to fewer cores than the machine has (``taskset``, a container's cpuset)
    forks a worker only for each further core it may use: more would take turns on the same."""
    cores = sorted(os.sched_getaffinity(0))
    if len(cores) < allowed:
        pytest.skip(f"this process may use {len(cores)} core(s)")
    os.sched_setaffinity(0, cores[:allowed])
    try:
        jobs = [partial(_slow_mark, tmp_path, f"job-{n}") for n in range(40)]
        results = run_jobs(jobs, first=[partial(_slow_mark, tmp_path, "first")])
    finally:
        os.sched_setaffinity(0, cores)
    assert len(results) == 41
    pids = {p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}
    assert len(pids) == allowed and str(os.getpid()) in pids


def _wait_then_mark(folder: Path, name: str, until: Path) -> str:
    """Mostly waiting, as a sync waits for the disk: until ``until`` exists (at most 3 s)."""
    deadline = time.monotonic() + 3
    while not until.exists():
        if time.monotonic() > deadline:
            return _mark(folder, f"{name}, waited in vain")
        time.sleep(0.005)
    return _mark(folder, name)


@two_cores
@can_fork
def test_a_waiting_job_runs_in_its_worker_beside_the_queue(tmp_path: Path) -> None:
    """The worker starts the waiting job after its own and takes queue jobs while it waits: the
    waiting job ends only after a queue job that ran in that worker."""
    done = tmp_path / "done"
    done.mkdir()
    seen = tmp_path / "seen-in-worker"

    def page(number: int) -> str:
        time.sleep(0.01)
        if os.getpid() != parent:
            seen.touch()  # the waiting job, in a thread of this worker, waits for this
        return _mark(done, f"job-{number}")

    parent = os.getpid()
    jobs = [partial(page, n) for n in range(60)]
    results = run_jobs(
        jobs,
        first=[partial(_mark, done, "first")],
        waiting=[partial(_wait_then_mark, done, "waiting", seen)],
    )
    assert sorted(results) == sorted(["first", "waiting", *(f"job-{n}" for n in range(60))])
    worker = (done / "first").read_text(encoding="utf-8")
    assert worker != str(parent)
    assert (done / "waiting").read_text(encoding="utf-8") == worker  # in the worker, once
    assert multiprocessing.active_children() == []


def test_without_workers_the_waiting_jobs_run_here_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "usable_cores", lambda: 1)
    order: list[str] = []
    results = run_jobs(
        [partial(order.append, "job")],
        first=[partial(order.append, "first")],
        waiting=[partial(order.append, "waiting")],
    )
    assert order == ["first", "job", "waiting"] and len(results) == 3


def _broken() -> str:
    raise OSError("disk full")


@two_cores
def test_a_failure_in_the_worker_comes_back_as_a_build_error_caused_by_it(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="OSError: disk full") as raised:
        run_jobs([partial(_mark, tmp_path, "page")], first=[_broken])
    original = raised.value.__cause__
    assert isinstance(original, OSError) and original.args == ("disk full",)
    assert multiprocessing.active_children() == []  # no worker left behind


@two_cores
def test_a_waiting_job_that_fails_fails_the_run(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="OSError: disk full") as raised:
        run_jobs([partial(_mark, tmp_path, "page")], waiting=[_broken])
    assert isinstance(raised.value.__cause__, OSError)
    assert multiprocessing.active_children() == []


def _fails_in_worker(parent: int) -> str:
    if os.getpid() == parent:
        time.sleep(0.01)  # slow here, so the worker surely takes jobs from the queue
        return "here"
    raise OSError("disk full in the worker")


@two_cores
def test_a_job_failing_in_the_worker_fails_the_run() -> None:
    jobs = [partial(_fails_in_worker, os.getpid()) for _ in range(100)]
    with pytest.raises(BuildError, match="OSError: disk full in the worker"):
        run_jobs(jobs, first=[lambda: "first"])
    assert multiprocessing.active_children() == []


def _fails_here(parent: int) -> str:
    if os.getpid() == parent:
        raise ValueError("template error")
    return "worker"


def test_a_failure_here_stops_the_worker_and_is_raised(tmp_path: Path) -> None:
    jobs = [
        *(partial(_fails_here, os.getpid()) for _ in range(8)),
        *(partial(_mark, tmp_path, f"job-{n}") for n in range(200)),
    ]
    with pytest.raises(ValueError, match="template error"):
        run_jobs(jobs, first=[partial(time.sleep, 0.2)])
    assert multiprocessing.active_children() == []  # the worker ended and was reaped
    assert len(list(tmp_path.glob("job-*"))) < 200  # the queue was closed: jobs were left


def _dies_in_worker(parent: int) -> str:
    if os.getpid() == parent:
        time.sleep(0.01)
        return "here"
    os._exit(9)  # as if the kernel had killed it


@two_cores
def test_a_worker_that_dies_fails_the_run() -> None:
    jobs = [partial(_dies_in_worker, os.getpid()) for _ in range(100)]
    with pytest.raises(BuildError, match=r"ended unexpectedly \(exit code 9\)"):
        run_jobs(jobs, first=[lambda: "first"])
    assert multiprocessing.active_children() == []


class _Unpicklable(Exception):
    def __reduce__(self) -> str | tuple[object, ...]:
        raise TypeError("cannot pickle this")


def _raises_unpicklable() -> str:
    raise _Unpicklable("template broke")


@can_fork
def test_a_forked_process_that_is_interrupted_ends_quietly(
    capfd: pytest.CaptureFixture[str],
) -> None:
    """Ctrl+C reaches every process of the build: the forked ones end without a traceback,
    and the build process alone says what happened (``cli.build``)."""
    from douane_status.building.processes import start_forked

    def interrupted() -> None:
        raise KeyboardInterrupt

    process = start_forked(interrupted)
    process.join()
    assert process.exitcode == 130
    assert "Traceback" not in capfd.readouterr().err


def _interrupted_in_worker(parent: int) -> str:
    if os.getpid() == parent:
        time.sleep(0.01)
        return "here"
    raise KeyboardInterrupt


@two_cores
def test_ctrl_c_that_reaches_a_worker_first_interrupts_the_run() -> None:
    """Not "a worker failed": the build says it was interrupted (``cli.build``)."""
    jobs = [partial(_interrupted_in_worker, os.getpid()) for _ in range(100)]
    with pytest.raises(KeyboardInterrupt):
        run_jobs(jobs, first=[lambda: "first"])
    assert multiprocessing.active_children() == []


@two_cores
def test_a_result_that_cannot_be_pickled_fails_the_run_and_says_so(tmp_path: Path) -> None:
    """A worker pickles each result as its job ends: one that cannot cross the pipe fails the
    run at once, naming why, and stops the queue (not after every job has run)."""
    jobs = [partial(_slow_mark, tmp_path, f"job-{n}") for n in range(200)]
    with pytest.raises(BuildError, match=r"(?i)pickle"):
        run_jobs(jobs, first=[threading.Lock])
    assert multiprocessing.active_children() == []
    assert len(list(tmp_path.glob("job-*"))) < 100


@two_cores
def test_an_error_that_cannot_be_pickled_still_says_what_it_was() -> None:
    with pytest.raises(BuildError, match="_Unpicklable: template broke"):
        run_jobs([lambda: "page"], first=[_raises_unpicklable])
    assert multiprocessing.active_children() == []


@two_cores
@can_fork
def test_outage_files_read_on_every_core_give_what_one_process_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build reads the outage files with ``run_jobs``: the events and findings (of the
    fixture site and the hostile corpus together) are those of reading them one by one."""
    from rulekit import SETTINGS, local

    from douane_status.rules import content as content_module

    project = tmp_path / "project"
    shutil.copytree(FIXTURE_CONTENT, project / "content")
    corpus = Path(__file__).parent / "corpus"
    shutil.copytree(corpus, project / "content" / "outages" / "2026", dirs_exist_ok=True)
    for stray in (project / "content" / "outages" / "2026").glob("*.yaml"):
        stray.unlink()
    now = local("2026-12-01T12:00")
    alone = content_module.load_content(project / "content", SETTINGS, now, root=project)

    readers = tmp_path / "readers"
    readers.mkdir()
    read_event = content_module.read_event

    def noted(*args: Any) -> Any:
        with open(readers / str(os.getpid()), "a", encoding="utf-8") as file:
            file.write("x")
        return read_event(*args)

    monkeypatch.setattr(content_module, "read_event", noted)
    spread = content_module.load_content(
        project / "content", SETTINGS, now, root=project, run_all=run_jobs
    )
    assert spread == alone
    assert len(alone.events) > 20 and alone.has_errors
    assert len(list(readers.iterdir())) >= 2  # this process and at least one worker read files
