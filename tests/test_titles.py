"""Every page has a <title> of its own: browser tabs, history, bookmarks and screen readers' page
lists tell them apart. Events that share a title get the day they start (or their start to the
minute, on one day)."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from pathlib import Path

import lxml.html
import pytest
from conftest import FIXTURE_NOW_UTC, REPO, build_into

from douane_status.domain.config import StatusSettings
from douane_status.pages.language_views import shared_titles
from douane_status.rules.content import load_content


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo content of the repository, at its moment."""
    return build_into(tmp_path_factory.mktemp("demo") / "output", content=REPO / "content")


def titles(site: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site)
        if relative.parts[0] == "admin":  # the operators' editor, one page
            continue
        title = lxml.html.fromstring(path.read_bytes()).findtext(".//title")
        found[" ".join((title or "").split())].append(relative.as_posix())
    return found


@pytest.mark.parametrize("site_name", ["demo_site", "fixture_site", "report_site"])
def test_no_two_pages_share_a_title(request: pytest.FixtureRequest, site_name: str) -> None:
    site: Path = request.getfixturevalue(site_name)
    found = titles(site)
    assert sum(len(pages) for pages in found.values()) >= 30
    assert "" not in found
    assert {t: pages for t, pages in found.items() if len(pages) > 1} == {}


def test_the_demo_events_that_share_a_title_carry_their_day(demo_site: Path) -> None:
    found = titles(demo_site)
    dms = "Planned maintenance: Import, Export and Storage (DMS)"
    assert f"{dms}, Sunday 13 December 2026 | Availability of Dutch Customs Systems" in found
    assert f"{dms}, Sunday 11 October 2026 | Availability of Dutch Customs Systems" in found
    gepland = "Gepland onderhoud: Invoer, Uitvoer en Opslag (DMS)"
    assert f"{gepland}, zondag 13 december 2026 | Beschikbaarheid Douanesystemen" in found
    # a title no other event has stays as it is
    assert any(t.startswith("Release: Import (DECO) |") for t in found)


def test_two_events_on_one_day_with_one_title_carry_their_start_time() -> None:
    settings = StatusSettings()
    content = load_content(REPO / "content", settings, FIXTURE_NOW_UTC)
    first = next(e for e in content.events if e.id == "2026-12-13-dms-onderhoud")
    second = dataclasses.replace(
        first, id="2026-12-13-dms-onderhoud-b", start=first.start.replace(hour=first.start.hour + 1)
    )
    shared = shared_titles([first, second], "en", settings)
    assert shared == {
        first.id: f"{first.title['en']}, Sunday 13 December 2026 08:00 CET",
        second.id: f"{first.title['en']}, Sunday 13 December 2026 09:00 CET",
    }
