"""``output/`` is always one whole site: builds killed with SIGKILL at any instant, between the
steps of the swap too, leave the old site or the new one, complete; the next build removes what
they left beside it. A folder the build cannot write beside is a clear error."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURE_CONTENT, FIXTURE_NOW_UTC, REPO, build_into, invoke, make_project

OLD_NOW = FIXTURE_NOW_UTC
NEW_NOW = FIXTURE_NOW_UTC + dt.timedelta(minutes=1)  # every page says when it was built

# A build in a process of its own that reports each step of build_site on stdout and, at the
# step named by its last argument, waits to be killed. With "fallback" the system is made
# unable to exchange names, so the swap takes its two-rename route.
KILLABLE_BUILD = """
import datetime as dt, sys, time
from pathlib import Path
repo, output, now, content, route, stop_at = sys.argv[1:7]
sys.path.insert(0, repo + "/plugins")
from douane_status.building import swap
from douane_status.building.build import build_site
if route == "fallback":
    def unsupported(first, second):
        raise swap.ExchangeUnsupported(38, "no exchange here")
    swap.exchange = unsupported
def step(name):
    print(name, flush=True)
    if name == stop_at:
        time.sleep(600)
build_site(Path(repo), Path(repo) / "pelicanconf.py", Path(output),
           dt.datetime.fromisoformat(now), content_dir=Path(content), step=step)
print("done", flush=True)
"""


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def start_build(output: Path, route: str = "exchange", stop_at: str = "") -> subprocess.Popen[str]:
    """A build of the fixture content at NEW_NOW, in a process group of its own (the build
    forks a worker: a killed job takes all its processes, as a cancelled CI run does)."""
    arguments = [str(REPO), str(output), NEW_NOW.isoformat(), str(FIXTURE_CONTENT), route]
    return subprocess.Popen(
        [sys.executable, "-c", KILLABLE_BUILD, *arguments, stop_at],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def kill(process: subprocess.Popen[str]) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.stdout is not None
    process.stdout.close()


def run_until(process: subprocess.Popen[str], stop_at: str) -> list[str]:
    """The steps the build reported up to and including ``stop_at``."""
    assert process.stdout is not None
    seen = []
    for line in process.stdout:
        seen.append(line.strip())
        if seen[-1] == stop_at:
            return seen
    raise AssertionError(f"the build ended without reaching {stop_at!r}: {seen}")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, str]]:
    """The old and the new site's files, as a whole build writes them."""
    root = tmp_path_factory.mktemp("reference")
    old = digest(build_into(root / "old" / "output", now=OLD_NOW))
    new = digest(build_into(root / "new" / "output", now=NEW_NOW))
    assert old != new and set(old) == set(new) and len(old) > 50
    return old, new


def published(tmp_path: Path) -> Path:
    """A folder with the old site published in it."""
    output = build_into(tmp_path / "output", now=OLD_NOW)
    build_into(output, now=OLD_NOW)  # a second build, so a previous site lies beside it too
    assert (tmp_path / ".output.previous").is_dir()
    return output


@pytest.mark.parametrize(
    ("stop_at", "expected"),
    [("staging", "old"), ("built", "old"), ("exchanged", "new"), ("retired", "new")],
)
def test_a_build_killed_at_each_step_leaves_a_whole_site(
    tmp_path: Path, sites: tuple[dict[str, str], dict[str, str]], stop_at: str, expected: str
) -> None:
    old, new = sites
    output = published(tmp_path)
    process = start_build(output, stop_at=stop_at)
    assert run_until(process, stop_at)[-1] == stop_at
    kill(process)
    assert digest(output) == (old if expected == "old" else new)
    assert any(p.name.startswith(".output.") for p in tmp_path.iterdir())  # it left things


def test_builds_killed_at_many_instants_leave_the_old_or_the_new_site_and_no_litter(
    tmp_path: Path, sites: tuple[dict[str, str], dict[str, str]]
) -> None:
    old, new = sites
    output = published(tmp_path)
    started = time.monotonic()
    whole = start_build(output)
    assert whole.wait(timeout=120) == 0
    duration = time.monotonic() - started
    assert digest(output) == new
    build_into(output, now=OLD_NOW)

    outcomes = []
    instants = random.Random(12).sample(range(1, 100), 10)  # fixed seed: the same every run
    for percent in sorted(instants):
        process = start_build(output)
        time.sleep(duration * percent / 100)
        kill(process)
        found = digest(output)
        assert found in (old, new), f"killed at {percent}% of a build: a site neither old nor new"
        outcomes.append("new" if found == new else "old")
        if found == new:
            build_into(output, now=OLD_NOW)
    assert "old" in outcomes  # the kills fell inside the builds, not only after them

    build_into(output, now=NEW_NOW)
    assert digest(output) == new
    assert sorted(p.name for p in tmp_path.iterdir()) == [".output.previous", "output"]


def test_without_an_atomic_exchange_a_build_killed_between_the_renames_is_repaired(
    tmp_path: Path, sites: tuple[dict[str, str], dict[str, str]]
) -> None:
    """Where the file system cannot exchange names, two renames swap; killed between them,
    there is no output/ for that instant, and the next build puts the old site back first."""
    old, new = sites
    output = published(tmp_path)
    process = start_build(output, route="fallback", stop_at="retired")
    run_until(process, "retired")
    kill(process)
    assert not output.exists()
    process = start_build(output, route="fallback", stop_at="staging")
    run_until(process, "staging")
    kill(process)
    assert digest(output) == old
    finished = start_build(output, route="fallback")
    assert finished.wait(timeout=120) == 0
    assert digest(output) == new
    assert sorted(p.name for p in tmp_path.iterdir()) == [".output.previous", "output"]


def test_a_running_build_keeps_its_staging_folder_from_another_build(
    tmp_path: Path, sites: tuple[dict[str, str], dict[str, str]]
) -> None:
    """Only what dead builds left is removed: a build beside a running one does not take the
    running one's staging folder."""
    _, new = sites
    output = published(tmp_path)
    running = start_build(output, stop_at="built")
    run_until(running, "built")
    staging = [p for p in tmp_path.iterdir() if p.name.startswith(".output.building-")]
    build_into(output, now=OLD_NOW)
    assert len(staging) == 1
    assert digest(staging[0]) == new  # whole, ready for its swap
    kill(running)


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[str]:
    """``folder`` made read-only for this process; yields the error the system then gives.
    Root writes anywhere a mode forbids, so for root the folder is made immutable instead."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield "Permission denied"
        finally:
            folder.chmod(0o755)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(folder)]).returncode != 0:
        pytest.skip("root needs chattr +i on this file system to make a folder read-only")
    try:
        yield "Operation not permitted"
    finally:
        subprocess.run([chattr, "-i", str(folder)], check=True)


def test_a_read_only_folder_is_a_clear_error_and_no_traceback(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    locked = tmp_path / "locked"
    locked.mkdir()
    with read_only(locked) as refusal:
        for output in (locked / "output", locked / "deeper" / "output"):
            result = invoke(project, "build", "--output", str(output))
            assert result.returncode == 1
            assert "Traceback" not in result.stderr + result.stdout
            assert f"cannot write beside output/ in {output.parent} ({refusal})" in result.stderr
            assert "Nothing was published" in result.stderr
