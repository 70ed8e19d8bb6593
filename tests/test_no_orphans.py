"""No build process outlives its build: killed with SIGKILL while pages are written, the main
process takes its workers with it, and the next build removes the staging folder it left. A
process with another thread running forks nothing."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURE_CONTENT, FIXTURE_NOW_UTC, REPO, build_into

from douane_status.building.processes import usable_cores

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or usable_cores() < 2,
    reason="reads /proc; a build forks workers only with a second core",
)

# A build whose pages are written slowly (50 ms each), so it can be killed while they are.
SLOW_BUILD = """
import datetime as dt, sys, time
from pathlib import Path
repo, output, content = sys.argv[1:4]
sys.path.insert(0, repo + "/plugins")
from douane_status.building import site
from douane_status.building.build import build_site
compact = site.compact_html
def slowly(html):
    time.sleep(0.05)
    return compact(html)
site.compact_html = slowly
build_site(Path(repo), Path(repo) / "pelicanconf.py", Path(output),
           dt.datetime(2026, 11, 29, 9, 1, tzinfo=dt.UTC), content_dir=Path(content))
"""


def _state(pid: int) -> str | None:
    """The process's state letter (R, S, Z, ...), or None once it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return stat.rsplit(")", 1)[1].split()[0]


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                after_name = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(after_name[1]) == pid:
                    found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    return _state(pid) not in (None, "Z", "X")  # a zombie has ended; only its entry is left


def _wait_for(condition: object, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {seconds} s for {what}")
        time.sleep(0.02)


@contextlib.contextmanager
def _slow_build(output: Path) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_BUILD, str(REPO), str(output), str(FIXTURE_CONTENT)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        yield process
    finally:  # should the test fail, leave nothing running
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


def test_killing_the_build_while_pages_are_written_ends_its_workers(tmp_path: Path) -> None:
    output = build_into(tmp_path / "output", now=FIXTURE_NOW_UTC)
    build_into(output, now=FIXTURE_NOW_UTC)  # a previous site too: this build removes it
    with _slow_build(output) as build:

        def pages_written() -> list[Path]:
            return list(tmp_path.glob(".output.building-*/**/*.html"))

        _wait_for(lambda: len(pages_written()) >= 10, 120, "the build to write pages")
        workers = [pid for pid in _children(build.pid) if _alive(pid)]
        assert workers, "the build forked no worker"

        os.kill(build.pid, signal.SIGKILL)  # the main process only, as the kernel's OOM killer
        build.wait(timeout=30)
        _wait_for(lambda: not any(_alive(pid) for pid in workers), 10, "the workers to end")

    staging = [p for p in tmp_path.iterdir() if p.name.startswith(".output.building-")]
    assert len(staging) == 1  # what the killed build left, unlocked now
    left = len(pages_written())
    time.sleep(0.3)
    assert len(pages_written()) == left  # nothing writes there any more

    build_into(output, now=FIXTURE_NOW_UTC)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".output.previous", "output"]


def test_a_build_beside_another_thread_forks_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As in ``invoke serve``, whose web server is a thread: the build removes the previous site
    and writes every page in this process, and the site is the same."""
    output = build_into(tmp_path / "output", now=FIXTURE_NOW_UTC)
    forked = sorted(p.relative_to(output) for p in output.rglob("*"))
    build_into(output, now=FIXTURE_NOW_UTC)  # a previous site beside it, for the build to remove

    def no_fork() -> int:
        raise AssertionError("forked while another thread ran")

    monkeypatch.setattr(os, "fork", no_fork)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        build_into(output, now=FIXTURE_NOW_UTC)
    finally:
        stop.set()
        other.join()
    assert sorted(p.relative_to(output) for p in output.rglob("*")) == forked
    assert sorted(p.name for p in tmp_path.iterdir()) == [".output.previous", "output"]
