"""Build time grows linearly with the archive: a small benchmark that asserts growth ratios only.

Absolute seconds depend on the machine and on what else runs (the suite runs in parallel);
the ratio between a history four times as large and the small one does not. Linear work gives
a ratio of at most 4 (less, with fixed costs); quadratic work, like a template that walks every
event on every event page, gives about 16.
"""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import time
from pathlib import Path

from conftest import REPO, build_into

NOW = dt.datetime(2026, 11, 29, 9, 0, tzinfo=dt.UTC)


def build_seconds(root: Path, events: int) -> float:
    from tools.synthetic import write_history

    content = root / f"content-{events}"
    content.mkdir()
    shutil.copy(REPO / "content" / "systems.yaml", content / "systems.yaml")
    shutil.copy(REPO / "content" / "phrases.yaml", content / "phrases.yaml")
    write_history(content, events, NOW)
    samples = []
    for run in range(3):
        started = time.perf_counter()
        build_into(root / f"output-{events}-{run}", content=content, now=NOW)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def test_build_time_grows_linearly_with_the_number_of_events(tmp_path: Path) -> None:
    small = build_seconds(tmp_path, 50)
    large = build_seconds(tmp_path, 200)
    ratio = large / small
    assert ratio < 8, f"50 events: {small:.2f} s, 200 events: {large:.2f} s, ratio {ratio:.1f}"


def test_the_synthetic_history_is_valid_and_complete(tmp_path: Path) -> None:
    """The benchmark measures real builds: every synthetic file must pass the checker."""
    from douane_status.domain.config import StatusSettings
    from douane_status.domain.model import EventType, Status
    from douane_status.rules.content import load_content
    from tools.synthetic import write_history, write_windows

    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(REPO / "content" / "systems.yaml", content / "systems.yaml")
    shutil.copy(REPO / "content" / "phrases.yaml", content / "phrases.yaml")
    write_windows(content, range(2025, 2028))
    write_history(content, 200, NOW)
    loaded = load_content(content, StatusSettings(), NOW)
    # no error and no warning: planned work inside the windows (P03), each recovery after the
    # fault it follows was over (P12), as in a well-run year
    assert [f.as_text() for f in loaded.findings] == []
    assert len(loaded.events) == 200
    assert {e.type for e in loaded.events} == set(EventType)
    statuses = {u.status for e in loaded.events for u in e.updates}
    assert statuses >= {
        Status.INVESTIGATING,
        Status.DISRUPTION,
        Status.RESOLVED,
        Status.SCHEDULED,
        Status.IN_PROGRESS,
        Status.COMPLETED,
        Status.CANCELLED,
    }
    assert all(3 <= len(e.updates) <= 8 for e in loaded.events if e.type is EventType.DISRUPTION)


def test_invoke_bench_prints_every_figure_for_each_size() -> None:
    from tools.benchmark import run

    table = run(REPO, [10, 20], runs=1)
    rows = [
        line for line in table.splitlines() if line.startswith("| 10 ") or line.startswith("| 20 ")
    ]
    assert len(rows) == 2
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert len(cells) == 15  # events, wall, through invoke, CPU, peak, first build, files, ...
        assert all(cell for cell in cells)
        assert int(cells[6]) > 40  # files written: pages in two languages, feeds, API, ...
    assert "Growth: 20 events take" in table
