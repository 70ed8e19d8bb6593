"""The demo site on a 375 x 740 phone in Chromium: no page scrolls sideways, and the status page
shows the systems on the first screen under a header of at most 120 px.

The demo is the repository's own content at the demo moment (FIXTURE_NOW: Sunday 29 November
2026 10:00 CET), the state the README's pictures show. Every page is measured, in both languages;
a wide table may scroll inside its own labelled region, never the page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, build_into

from tools.browser import BrowserMissing, chromium, serve_directory

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = (375, 740)
HEADER_MAX = 120

MEASURE = """
const wide = [...document.querySelectorAll('body *')]
  .filter((e) => e.getBoundingClientRect().right > innerWidth + 0.5)
  .filter((e) => !e.closest('[role=region]'))
  .slice(0, 3).map((e) => e.tagName.toLowerCase() + '.' + e.className);
const regions = [...document.querySelectorAll('.table-scroll')].map((r) => ({
  role: r.getAttribute('role'), label: r.getAttribute('aria-labelledby'),
  focusable: r.tabIndex === 0}));
const top = (id) => { const e = document.getElementById(id);
  return e ? e.getBoundingClientRect().top + scrollY : null; };
const firstProcess = document.querySelector('.process h3');
return {width: document.documentElement.scrollWidth, wide: wide, regions: regions,
  header: document.querySelector('header.site-header').getBoundingClientRect().height,
  systems: top('systems-heading'),
  firstProcess: firstProcess ? firstProcess.getBoundingClientRect().bottom + scrollY : null};
"""


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_into(tmp_path_factory.mktemp("demo") / "output", content=REPO / "content")


@pytest.fixture(scope="module")
def measured(demo_site: Path) -> Iterator[dict[str, dict[str, Any]]]:
    folders = (p.parent.relative_to(demo_site) for p in demo_site.rglob("index.html"))
    pages = sorted(
        "/" if f == Path(".") else f"/{f.as_posix()}/" for f in folders if f.parts[:1] != ("admin",)
    )
    figures = {}
    try:
        with serve_directory(demo_site) as origin, chromium(PHONE) as driver:
            for path in pages:
                driver.get(origin + path)
                figures[path] = driver.execute_script(MEASURE)
    except BrowserMissing as exc:
        pytest.fail(str(exc))
    yield figures


def test_every_page_kind_in_both_languages_is_measured(measured: dict[str, Any]) -> None:
    for prefix in (
        "/",
        "/en/",
        "/archief/",
        "/en/archive/",
        "/onderhoud/",
        "/en/maintenance/",
        "/systemen/",
        "/en/systems/",
        "/systemen/dms/",
        "/en/systems/dms/",
        "/rapportage/",
        "/en/report/",
        "/rapportage/protocol/",
        "/en/report/protocol/",
        "/abonneren/",
        "/en/subscribe/",
        "/toegankelijkheid/",
        "/en/accessibility/",
    ):
        assert prefix in measured
    assert any(p.startswith("/status-berichten/") for p in measured)
    assert any(p.startswith("/en/status-messages/") for p in measured)


def test_no_page_scrolls_sideways_on_a_phone(measured: dict[str, Any]) -> None:
    sideways = {
        path: (m["width"], m["wide"]) for path, m in measured.items() if m["width"] > PHONE[0]
    }
    assert sideways == {}
    sticking_out = {path: m["wide"] for path, m in measured.items() if m["wide"]}
    assert sticking_out == {}


def test_a_table_that_scrolls_does_so_in_a_labelled_focusable_region(
    measured: dict[str, Any],
) -> None:
    unlabelled = {
        path: region
        for path, m in measured.items()
        for region in m["regions"]
        if region != {"role": "region", "label": region["label"], "focusable": True}
        or not region["label"]
    }
    assert unlabelled == {}


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_the_status_page_shows_the_systems_on_the_first_screen(
    measured: dict[str, Any], path: str
) -> None:
    figures = measured[path]
    print(f"{path}: header {figures['header']:.0f} px, systems at {figures['systems']:.0f} px")
    assert figures["header"] <= HEADER_MAX
    assert figures["firstProcess"] <= PHONE[1]
