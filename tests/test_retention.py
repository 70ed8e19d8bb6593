"""Retention (afspraak 7): kept for one calendar year after the final update (the same local date
and time a year later; 29 February ends on 28 February), exact at the boundary."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import FIXTURE_CONTENT, build_into, invoke, make_project

from douane_status.domain.config import StatusSettings
from douane_status.domain.model import Event
from douane_status.operators.prune import expired_events
from douane_status.rules.content import load_content
from douane_status.state.phases import in_retention, published, retention_end

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
    shutil.copy(FIXTURE_CONTENT / "phrases.yaml", content / "phrases.yaml")
    start = final - dt.timedelta(minutes=20)
    (content / "outages" / "2026").mkdir(parents=True)  # an id's folder is its year
    (content / "outages" / "2026" / "2026-01-01-oud.md").write_text(
        EVENT.format(start=f"{start:%Y-%m-%d %H:%M%z}", final=f"{final:%Y-%m-%d %H:%M%z}"),
        encoding="utf-8",
    )
    return content


MACHINE_FOLDERS = ("feeds", "calendar", "api", "en/api", "badges", "en/badges")


def local(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=AMS)


# Each boundary with a minute on either side, judged on the event as read from its file.
EDGES = [
    # final update, last instant it is published (the same local date and time a year later)
    pytest.param(local(2026, 5, 4, 12, 0), local(2027, 5, 4, 12, 0), id="plain"),
    # winter time at the end, summer time a year later: 12:00 wall clock, not 365 x 24 hours
    pytest.param(local(2026, 3, 28, 12, 0), local(2027, 3, 28, 12, 0), id="cet-to-cest"),
    pytest.param(local(2026, 10, 24, 12, 0), local(2027, 10, 24, 12, 0), id="cest-to-cet"),
    # a calendar year, not 365 days: 1 June 2027 to 1 June 2028 is 366 days (29 February)
    pytest.param(local(2027, 6, 1, 10, 0), local(2028, 6, 1, 10, 0), id="across-29-february"),
    # 29 February ends on 28 February
    pytest.param(local(2028, 2, 29, 10, 0), local(2029, 2, 28, 10, 0), id="29-february"),
    # a year later 02:30 happens twice (25 October 2026): the later one, in winter time
    pytest.param(
        local(2025, 10, 25, 2, 30),
        dt.datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=AMS),
        id="autumn-switch-night",
    ),
    # a year later 02:30 does not exist (28 March 2027): kept until 03:30 summer time
    pytest.param(local(2026, 3, 28, 2, 30), local(2027, 3, 28, 3, 30), id="spring-switch-night"),
]


def read_event(root: Path, final: dt.datetime) -> Event:
    content = content_with_event(root, final)
    (event,) = load_content(content, StatusSettings(), final, root=root).events
    return event


@pytest.mark.parametrize(("final", "last"), EDGES)
def test_kept_until_the_same_local_date_and_time_a_year_later(
    tmp_path: Path, final: dt.datetime, last: dt.datetime
) -> None:
    event = read_event(tmp_path, final)
    settings = StatusSettings()
    last = last.astimezone(dt.UTC)  # minutes added to an instant, not to a wall-clock time
    assert retention_end(event, settings) == last
    minute = dt.timedelta(minutes=1)
    assert in_retention(event, last - minute, settings)
    assert in_retention(event, last, settings)
    assert not in_retention(event, last + minute, settings)
    assert published([event], last, settings) == (event,)
    assert published([event], last + minute, settings) == ()


@pytest.mark.parametrize(("final", "last"), EDGES)
def test_prune_removes_an_event_a_minute_after_its_calendar_year(
    tmp_path: Path, final: dt.datetime, last: dt.datetime
) -> None:
    content = content_with_event(tmp_path, final)
    settings, last = StatusSettings(), last.astimezone(dt.UTC)
    assert expired_events(content, settings, last, tmp_path) == []
    (gone,) = expired_events(content, settings, last + dt.timedelta(minutes=1), tmp_path)
    assert (gone.event_id, gone.kept_until) == ("2026-01-01-oud", last)


def test_retention_years_is_the_setting(tmp_path: Path) -> None:
    event = read_event(tmp_path, local(2028, 2, 29, 10, 0))
    two = StatusSettings(retention_years=2)
    assert retention_end(event, two) == local(2030, 2, 28, 10, 0).astimezone(dt.UTC)


BUILDS = [
    # final update, "now", still published?
    pytest.param(local(2026, 3, 28, 12, 0), local(2027, 3, 28, 12, 0), True, id="dst-exact"),
    pytest.param(local(2026, 3, 28, 12, 0), local(2027, 3, 28, 12, 1), False, id="dst-after"),
    pytest.param(local(2027, 6, 1, 10, 0), local(2028, 6, 1, 10, 0), True, id="leap-366-days"),
    pytest.param(local(2028, 2, 29, 10, 0), local(2029, 2, 28, 10, 1), False, id="29-feb-after"),
]


@pytest.mark.parametrize(("final", "now", "kept"), BUILDS)
def test_every_page_keeps_the_event_for_one_calendar_year(
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
    api = site / "api" / "v2" / "incidents.json"
    if api.exists():
        assert ("2026-01-01-oud" in api.read_text(encoding="utf-8")) is kept


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
