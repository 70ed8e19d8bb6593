"""``invoke bench``: time whole build processes on synthetic histories, against plain Pelican.

Each figure is the median of several runs after one warm-up, measured on the child process
itself (``os.wait4``): wall time, CPU time (user + system) and peak resident memory. The build
is timed as the publish workflow runs it (``python tasks.py build``), and once more as an
operator types it (``invoke build``, which loads invoke first).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from douane_status.building.processes import usable_cores
from tools.synthetic import write_history, write_windows

BENCH_NOW = "2026-11-29T10:00"
_NOW_UTC = dt.datetime(2026, 11, 29, 9, 0, tzinfo=dt.UTC)
EVENTS_PER_YEAR = 500  # a busy year; larger histories span more years with retention raised


@dataclass(frozen=True)
class Measurement:
    wall: float
    cpu: float
    peak_mib: float


def measure(command: Sequence[str], cwd: Path, cores: int | None = None) -> Measurement:
    """One run of ``command``, measured on the process itself; with ``cores``, confined to that
    many of the cores this process may use (as ``taskset`` confines it)."""
    # CI's disk holds no earlier build: without this the disk would still be writing back the
    # previous build while the timed one runs, and the figures would measure the disk's backlog
    os.sync()
    # stderr goes to a file, not a pipe: a build that warns a lot would fill a pipe and block
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            preexec_fn=None if cores is None else partial(_confine, cores),
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1) or (code == 1 and "check" not in command):
        raise RuntimeError(f"{' '.join(command)} failed ({code}):\n{stderr[-2000:]}")
    return Measurement(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def _confine(cores: int) -> None:
    """In the child, before the command starts: run on the first ``cores`` allowed cores."""
    os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[:cores])


def _medians(samples: Sequence[Measurement]) -> Measurement:
    return Measurement(
        statistics.median(s.wall for s in samples),
        statistics.median(s.cpu for s in samples),
        statistics.median(s.peak_mib for s in samples),
    )


def median(command: Sequence[str], cwd: Path, runs: int) -> tuple[Measurement, Measurement]:
    """The first run (a warm-up: file cache, bytecode, compiled templates) and the median of
    ``runs`` runs after it."""
    first = measure(command, cwd)
    return first, _medians([measure(command, cwd) for _ in range(runs)])


@dataclass(frozen=True)
class Build:
    """A build command that takes the folder to write into as its last argument."""

    command: tuple[str, ...]
    cwd: Path
    cores: int | None = None  # confined to this many cores; None: every core


def alternated(
    builds: Mapping[str, Build], runs: int, scratch: Path
) -> dict[str, tuple[Measurement, Measurement, Path]]:
    """Each build once as a warm-up, then ``runs`` times, the builds taking turns, so that a
    change in the machine's load falls on all of them alike; returns each one's warm-up, its
    medians and the folder of its warm-up.

    Every build writes into a new folder, as CI builds into an empty one on a fresh disk. No
    folder is removed while builds are measured (``run`` removes them all at the end): removing a
    site of thousands of files just before a build made the next build's creating of files up to
    five times slower on this machine's disk, which measured the disk rather than the build, and
    the build with the most files most. (Its ext4 has no journal, and then passes over every
    inode freed in the last minute, or six while its table is unwritten, before it hands one out.)
    """
    samples: dict[str, list[Measurement]] = {name: [] for name in builds}
    firsts: dict[str, Measurement] = {}
    try:
        for turn in range(runs + 1):
            for name, build in builds.items():
                output = scratch / f"{name}-{turn}"
                measured = measure([*build.command, str(output)], build.cwd, build.cores)
                if turn == 0:
                    firsts[name] = measured
                else:
                    samples[name].append(measured)
        return {
            name: (firsts[name], _medians(samples[name]), scratch / f"{name}-0") for name in builds
        }
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise


def prepare_project(repo: Path, root: Path, events: int) -> Path:
    """A project with the real code, configuration and reference data, and N synthetic events."""
    project = root / f"status-{events}"
    (project / "content").mkdir(parents=True)
    for name in ("plugins", "theme", "node_modules"):
        if (repo / name).exists():  # node_modules holds the web editor's bundle
            (project / name).symlink_to(repo / name)
    for name in ("tasks.py", "publishconf.py"):
        shutil.copy2(repo / name, project / name)
    years = max(1, -(-events // EVENTS_PER_YEAR))
    days = 360 * years
    conf = (repo / "pelicanconf.py").read_text(encoding="utf-8")
    keep = -(-(days + 10) // 365)  # whole calendar years that hold the whole history
    conf += f'\nDOUANE_STATUS = {{**DOUANE_STATUS, "retention_years": {keep}}}\n'
    (project / "pelicanconf.py").write_text(conf, encoding="utf-8")
    for name in ("systems.yaml", "phrases.yaml"):
        shutil.copy2(repo / "content" / name, project / "content" / name)
    first = (_NOW_UTC - dt.timedelta(days=days + 1)).year
    write_windows(project / "content", range(first, _NOW_UTC.year + 2))
    write_history(project / "content", events, _NOW_UTC, days=days)
    return project


def prepare_pelican(root: Path, articles: int) -> Path:
    """Plain Pelican with its default theme and N one-language Markdown articles."""
    project = root / f"pelican-{articles}"
    content = project / "content"
    content.mkdir(parents=True)
    paragraph = (
        "Declarations could not be processed, or only with a delay, during this period. See "
        "the fallback procedure for your process. Submitted messages are buffered."
    )
    for number in range(articles):
        day = _NOW_UTC - dt.timedelta(hours=17 * number)
        (content / f"article-{number:05d}.md").write_text(
            f"Title: Article {number}\nDate: {day:%Y-%m-%d %H:%M}\nCategory: status\n\n"
            + "\n\n".join([paragraph] * 4)
            + "\n",
            encoding="utf-8",
        )
    (project / "pelicanconf.py").write_text(
        'SITENAME = "bench"\nSITEURL = ""\nPATH = "content"\nTIMEZONE = "Europe/Amsterdam"\n'
        'DEFAULT_LANG = "en"\nFEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\n'
        "AUTHOR_FEED_ATOM = None\nAUTHOR_FEED_RSS = None\n",
        encoding="utf-8",
    )
    return project


def run(repo: Path, counts: Sequence[int], runs: int = 5) -> str:
    python = sys.executable
    lines = [
        f"Benchmark: median of {runs} runs after a warm-up; {usable_cores()} core(s); "
        f"now = {BENCH_NOW}. Every build into a new empty folder, as in CI, this project's "
        "(on every core and on one) and plain Pelican's taking turns; first build: the "
        f"warm-up. Load average (1 minute) at the start: {os.getloadavg()[0]:.1f}.",
        "",
        "| events | wall s | invoke build s | CPU s | peak MiB | first build s | files | s/event "
        "| pelican s | pelican s/article | ratio | one core s | ratio on one core | check tree s "
        "| check 1 file s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    walls: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="douane-bench-") as tmp:
        root = Path(tmp)
        for count in counts:
            project = prepare_project(repo, root, count)
            pelican_project = prepare_pelican(root, count)
            build_options = ("build", "--now", BENCH_NOW, "--output")
            builds = {
                # as the publish workflow builds: tasks.py run as a script, without invoke
                "status": Build((python, "tasks.py", *build_options), project),
                # as an operator builds at a terminal: invoke, then the same command line
                "invoke": Build((python, "-m", "invoke", *build_options), project),
                "pelican": Build(
                    (python, "-m", "pelican", "content", "-s", "pelicanconf.py", "-q", "-o"),
                    pelican_project,
                ),
            }
            # the same build confined to one core, as plain Pelican always runs: the work it
            # does, apart from what its workers gain
            builds["one core"] = Build(builds["status"].command, project, cores=1)
            scratch = root / f"builds-{count}"
            timed = alternated(builds, runs, scratch)
            first, build, output = timed["status"]
            _, pelican, _ = timed["pelican"]
            _, through_invoke, _ = timed["invoke"]
            _, one_core, _ = timed["one core"]
            files = sum(1 for p in output.rglob("*") if p.is_file())
            one_file = next((project / "content" / "outages").rglob("*.md"))
            check = [python, "-m", "invoke", "check", "--now", BENCH_NOW]
            _, check_all = median(check, project, runs)
            _, check_one = median([*check, "--path", str(one_file)], project, runs)
            # The sites stay until the last count is measured (the temporary folder goes then):
            # removing tens of thousands of files here slowed the next count's builds, which then
            # created their files on a disk that had just freed as many (see ``alternated``).
            per_event = build.wall / count
            per_article = pelican.wall / count
            lines.append(
                f"| {count} | {build.wall:.2f} | {through_invoke.wall:.2f} | {build.cpu:.2f} "
                f"| {build.peak_mib:.0f} "
                f"| {first.wall:.2f} | {files} "
                f"| {per_event * 1000:.2f} ms | {pelican.wall:.2f} | {per_article * 1000:.2f} ms "
                f"| {per_event / per_article:.2f} | {one_core.wall:.2f} "
                f"| {one_core.wall / pelican.wall:.2f} "
                f"| {check_all.wall:.2f} | {check_one.wall:.2f} |"
            )
            print(lines[-1], file=sys.stderr, flush=True)
            walls[count] = build.wall
    smallest = min(walls)
    lines += [
        "",
        f"Load average (1 minute) at the end: {os.getloadavg()[0]:.1f}.",
        *(
            f"Growth: {count} events take {walls[count] / walls[smallest]:.1f}x the time of "
            f"{smallest} ({count / smallest:.0f}x the events)."
            for count in sorted(walls)
            if count != smallest
        ),
    ]
    return "\n".join(lines).rstrip("\n")
