"""The build's jobs run once each, on two cores when there are two, and any failure fails it."""

from __future__ import annotations

import multiprocessing
import os
from functools import partial
from pathlib import Path

import pytest

from douane_status.building import parallel
from douane_status.building.parallel import run_on_two_cores
from douane_status.domain.errors import BuildError


def _mark(folder: Path, name: str) -> None:
    with open(folder / name, "x", encoding="utf-8") as file:  # "x": a second run would fail
        file.write(str(os.getpid()))


def test_every_job_runs_exactly_once_and_the_worker_starts_with_its_own(tmp_path: Path) -> None:
    jobs = [partial(_mark, tmp_path, f"job-{n}") for n in range(200)]
    run_on_two_cores(jobs, worker_first=partial(_mark, tmp_path, "first"))

    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["first", *(f"job-{n}" for n in range(200))]
    )
    if (os.cpu_count() or 1) > 1:  # the first job ran in the forked worker
        assert (tmp_path / "first").read_text(encoding="utf-8") != str(os.getpid())


def test_one_core_runs_everything_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 1)
    jobs = [partial(_mark, tmp_path, f"job-{n}") for n in range(20)]
    run_on_two_cores(jobs, worker_first=partial(_mark, tmp_path, "first"))
    pids = {p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}
    assert pids == {str(os.getpid())} and len(list(tmp_path.iterdir())) == 21


def test_a_failure_in_the_worker_fails_the_run(tmp_path: Path) -> None:
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: there is no worker")

    def broken() -> None:
        raise OSError("disk full")

    with pytest.raises(BuildError, match="worker"):
        run_on_two_cores([partial(_mark, tmp_path, "page")], worker_first=broken)


def test_a_failure_here_stops_the_worker_and_is_raised(tmp_path: Path) -> None:
    def broken() -> None:
        raise ValueError("template error")

    with pytest.raises(ValueError, match="template error"):
        run_on_two_cores([broken] * 50, worker_first=partial(_mark, tmp_path, "first"))
    assert multiprocessing.active_children() == []  # the worker was stopped and reaped
