"""Retention (afspraak 7): kept until 365 days after the final update, exact at the boundary."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import FIXTURE_CONTENT, build_into, invoke, make_project

AMS = ZoneInfo("Europe/Amsterdam")

EVENT = """---
type: disruption
title: {{nl: Verstoring, en: Disruption}}
systems: [dms]
start: {start}
updates:
  - at: {start}
    status: investigating
    next_update: {final}
    nl: In onderzoek.
    en: Under investigation.
  - at: {final}
    status: no-fault
    nl: Geen verstoring gevonden.
    en: No fault found.
---
::: nl
Tekst.
:::
::: en
Text.
:::
"""


def content_with_event(root: Path, final: dt.datetime) -> Path:
    content = root / "content"
    content.mkdir(parents=True)
    shutil.copy(FIXTURE_CONTENT / "systems.yaml", content / "systems.yaml")
    start = final - dt.timedelta(minutes=20)
    (content / "outages").mkdir()
    (content / "outages" / "2026-01-01-oud.md").write_text(
        EVENT.format(start=f"{start:%Y-%m-%d %H:%M%z}", final=f"{final:%Y-%m-%d %H:%M%z}"),
        encoding="utf-8",
    )
    return content


def local(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=AMS)


CASES = [
    # final update, "now", still published?
    pytest.param(local(2026, 5, 4, 12, 0), local(2027, 5, 3, 12, 0), True, id="364-days"),
    pytest.param(local(2026, 5, 4, 12, 0), local(2027, 5, 4, 12, 0), True, id="365-days-exact"),
    pytest.param(
        local(2026, 5, 4, 12, 0), local(2027, 5, 4, 12, 1), False, id="365-days-plus-1min"
    ),
    pytest.param(local(2026, 5, 4, 12, 0), local(2027, 5, 5, 12, 0), False, id="366-days"),
    # Winter time at the final update, summer time at the boundary: counted in calendar days, so
    # the boundary is 12:00 wall clock (one hour less than 365 x 24 hours).
    pytest.param(local(2026, 3, 28, 12, 0), local(2027, 3, 28, 12, 0), True, id="dst-365-exact"),
    pytest.param(local(2026, 3, 28, 12, 0), local(2027, 3, 28, 12, 1), False, id="dst-after"),
    pytest.param(local(2026, 3, 28, 12, 0), local(2027, 3, 27, 12, 0), True, id="dst-364"),
    # Across 29 February 2028: 365 days after 1 June 2027 is 31 May 2028.
    pytest.param(local(2027, 6, 1, 10, 0), local(2028, 5, 30, 10, 0), True, id="leap-364"),
    pytest.param(local(2027, 6, 1, 10, 0), local(2028, 5, 31, 10, 0), True, id="leap-365"),
    pytest.param(local(2027, 6, 1, 10, 0), local(2028, 6, 1, 10, 0), False, id="leap-366"),
]


@pytest.mark.parametrize(("final", "now", "kept"), CASES)
def test_event_is_published_until_exactly_365_days_after_its_end(
    tmp_path: Path, final: dt.datetime, now: dt.datetime, kept: bool
) -> None:
    content = content_with_event(tmp_path, final)
    site = build_into(tmp_path / "output", content=content, now=now.astimezone(dt.UTC))
    pages = [
        site / "status-berichten" / "2026-01-01-oud" / "index.html",
        site / "en" / "status-messages" / "2026-01-01-oud" / "index.html",
    ]
    assert [p.exists() for p in pages] == [kept, kept]
    for listing in ("archief/index.html", "en/archive/index.html", "systemen/dms/index.html"):
        assert ("2026-01-01-oud" in (site / listing).read_text(encoding="utf-8")) is kept


def test_prune_lists_and_removes_exactly_the_events_past_retention(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    dry = invoke(project, "prune", "--dry-run", "--now", "2026-11-29T10:00")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines() == [
        "Would remove content/outages/2025/2025-11-01-dms-oud.md (kept until 2026-11-01 10:30 CET)",
        "Would remove content/outages/2025/2025-11-28-dms-herstel.md "
        "(kept until 2026-11-28 10:00 CET)",
    ]
    assert (project / "content/outages/2025/2025-11-01-dms-oud.md").exists()

    # One minute before the boundary the event is still kept.
    early = invoke(project, "prune", "--dry-run", "--now", "2026-11-01T10:30")
    assert early.stdout.strip() == "No events past retention."

    real = invoke(project, "prune", "--now", "2026-11-29T10:00")
    assert real.returncode == 0
    assert real.stdout.startswith("Removed content/outages/2025/2025-11-01-dms-oud.md")
    assert not (project / "content/outages/2025").exists()
    remaining = sorted(p.name for p in (project / "content/outages").rglob("*.md"))
    assert "2026-11-25-ics2-opgelost.md" in remaining and len(remaining) >= 5
