"""The demo site on a 375 x 740 phone in Chromium: no page scrolls sideways, and the status page's
first screen answers a trader's three questions under a header of at most 120 px: which systems
are not fully available, whether the fallback procedure may be used, and when the next message
comes.

The demo is the repository's own content at the demo moment (FIXTURE_NOW: Sunday 29 November
2026 10:00 CET), the state the README's pictures show. Every page is measured, in both languages;
a wide table may scroll inside its own labelled region, never the page. The status page is
measured again at 10:50, when three promised times have passed and the rows say so.
"""

from __future__ import annotations

import datetime as dt
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
const scrolling = [...document.querySelectorAll('.table-scroll')]
  .filter((r) => r.scrollWidth > r.clientWidth).map((r) => r.getAttribute('aria-labelledby'));
const tables = document.querySelectorAll('main table');
const nowrap = [...document.querySelectorAll('main table *')].some((e) => e.matches('.nowrap'));
const top = (id) => { const e = document.getElementById(id);
  return e ? e.getBoundingClientRect().top + scrollY : null; };
const bottom = (e) => e.getBoundingClientRect().bottom + scrollY;
const rows = [...document.querySelectorAll('.system-row')].map((row) => {
  const detail = row.querySelector('.system-row__detail');
  const message = row.querySelector('a.system-row__state');
  return {system: row.querySelector('.system-row__short').textContent, bottom: bottom(row),
    detail: detail ? detail.textContent : null, message: message ? message.pathname : null};
});
const helpline = [...document.querySelectorAll('.helpline p')].map((p) => ({
  text: p.textContent, lines: Math.round(p.getBoundingClientRect().height
    / parseFloat(getComputedStyle(p).lineHeight)), bottom: bottom(p)}));
return {width: document.documentElement.scrollWidth, wide: wide, regions: regions,
  header: document.querySelector('header.site-header').getBoundingClientRect().height,
  systems: top('systems-heading'), rows: rows, helpline: helpline,
  messages: top('active-heading'), processes: top('processes-heading'),
  latest: top('latest-heading'), brokenWords: brokenWords(tables), tables: tables.length,
  scrolling: scrolling, nowrap: nowrap};
"""

# The words in the page's tables that a line break cuts in two: a word is what lies between
# spaces (a no-break space joins, as in "99,81 %"); it may go on after a hyphen, a dash or a
# slash ("E-/Commerce", "/api/v2/"), as text always may, never elsewhere ("Avail/abilit/y").
BROKEN_WORDS = """
function brokenWords(tables) {
  const broken = [];
  const top = (node, start, end) => {
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    return [...range.getClientRects()].map((r) => Math.round(r.top));
  };
  for (const table of tables) {
    const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.data.matchAll(/[^ \\t\\n\\r]+/g)) {
        const end = word.index + word[0].length;
        if (new Set(top(node, word.index, end)).size < 2) continue;
        for (let i = word.index + 1; i < end; i++) {
          const before = top(node, i - 1, i)[0], here = top(node, i, i + 1)[0];
          if (here !== before && !'-/\u2010\u2013\u2014'.includes(node.data[i - 1])) {
            broken.push(word[0]);
            break;
          }
        }
      }
    }
  }
  return broken.slice(0, 5);
}
"""
MEASURE = BROKEN_WORDS + MEASURE


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


@pytest.fixture(scope="module")
def late(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, dict[str, Any]]]:
    """The status pages of the demo built again at 10:50: promised times have passed."""
    site = build_into(
        tmp_path_factory.mktemp("late") / "output",
        content=REPO / "content",
        now=dt.datetime(2026, 11, 29, 9, 50, tzinfo=dt.UTC),
    )
    try:
        with serve_directory(site) as origin, chromium(PHONE) as driver:
            figures = {}
            for path in ("/", "/en/"):
                driver.get(origin + path)
                figures[path] = driver.execute_script(MEASURE)
    except BrowserMissing as exc:
        pytest.fail(str(exc))
    yield figures


def first_screen(figures: dict[str, Any], path: str) -> None:
    """All nine systems, one row each and each once, on the first screen: those not fully
    available first, each with the fallback procedure, the next message and a link to it."""
    rows = figures["rows"]
    print(f"{path}: header {figures['header']:.0f} px, rows end at {rows[-1]['bottom']:.0f} px")
    assert figures["header"] <= HEADER_MAX
    assert len(rows) == 9 and len({r["system"] for r in rows}) == 9
    assert all(r["bottom"] <= PHONE[1] for r in rows), rows
    affected = [r["system"] for r in rows if r["detail"]]
    assert affected == ["NCTS", "DMF", "AES", "EMCS"]
    assert [r["system"] for r in rows[:4]] == affected  # on top
    english = path.startswith("/en/")
    fallback = "fallback procedure" if english else "noodprocedure"
    for row in rows[:4]:
        assert fallback in row["detail"], row
        assert row["message"].startswith(
            "/en/status-messages/" if english else "/status-berichten/"
        )
    for row in rows[:3]:  # the disruptions and the investigation promise their next message
        assert ("Next update: " if english else "Volgend bericht: ") in row["detail"], row
    # the messages follow, then the processes
    assert rows[-1]["bottom"] < figures["messages"] < figures["processes"]


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_the_status_pages_first_screen_answers_all_three_questions(
    measured: dict[str, Any], path: str
) -> None:
    first_screen(measured[path], path)


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_the_first_screen_says_which_promises_are_late(late: dict[str, Any], path: str) -> None:
    """At 10:50 NCTS's next message (10:35), DMF's (10:20) and its decision on the fallback
    procedure (10:20), and AES's next message (10:15) are late: the rows say so, with the
    helpdesk's number, and still fit on the first screen."""
    figures = late[path]
    first_screen(figures, path)
    english = path.startswith("/en/")
    words, number = (
        ("later than promised", "+31 88 15 666 55")
        if english
        else ("later dan beloofd", "088-15 666 55")
    )
    details = {r["system"]: r["detail"] for r in figures["rows"] if r["detail"]}
    assert {s: d.count(words) for s, d in details.items()} == {
        "NCTS": 1,
        "DMF": 2,
        "AES": 1,
        "EMCS": 0,
    }
    assert {s: number in d for s, d in details.items()} == {
        "NCTS": True,
        "DMF": True,
        "AES": True,
        "EMCS": False,
    }


@pytest.mark.parametrize(
    "path", ["/", "/en/", "/systemen/dms/", "/en/status-messages/2026-11-29-dmf-verstoring/"]
)
def test_the_helpdesk_and_the_time_of_the_page_are_at_the_top_each_on_one_line(
    measured: dict[str, Any], path: str
) -> None:
    phone, built = measured[path]["helpline"]
    number = "+31 88 15 666 55" if path.startswith("/en/") else "088-15 666 55"
    assert phone["text"].endswith(number) and phone["lines"] == 1, phone
    assert built["lines"] == 1 and built["bottom"] <= measured[path]["header"] + 60, built


def test_an_event_page_shows_its_newest_message_on_the_second_screen_at_the_latest(
    measured: dict[str, Any],
) -> None:
    """Under the facts, not after the cause and the explanation."""
    for path in (
        "/status-berichten/2026-11-29-dmf-verstoring/",
        "/en/status-messages/2026-11-29-dmf-verstoring/",
    ):
        print(f"{path}: newest message at {measured[path]['latest']:.0f} px")
        assert measured[path]["latest"] <= 2 * PHONE[1]


def test_tables_keep_their_words_whole_on_a_phone(measured: dict[str, Any]) -> None:
    """No "08:0/0–16:0/0" or "Avail/abilit/y": a table too wide for the phone scrolls in its
    region instead of breaking its words; "99,81 %" stays together."""
    assert sum(m["tables"] for m in measured.values()) > 20
    broken = {path: m["brokenWords"] for path, m in measured.items() if m["brokenWords"]}
    assert broken == {}


@pytest.mark.parametrize("path", ["/rapportage/", "/en/report/", "/systemen/dms/", "/abonneren/"])
def test_a_wide_table_scrolls_inside_its_labelled_region(
    measured: dict[str, Any], path: str
) -> None:
    scrolling = measured[path]["scrolling"]
    print(f"{path}: {len(scrolling)} table regions scroll sideways")
    assert scrolling and all(scrolling), scrolling  # each one labelled by its heading


def test_a_time_range_in_a_table_stays_on_one_line(measured: dict[str, Any]) -> None:
    assert measured["/onderhoud/"]["nowrap"] and measured["/en/maintenance/"]["nowrap"]


@pytest.mark.parametrize("size", [(1024, 768), (1280, 900)])
def test_tables_keep_their_words_whole_on_a_desktop(demo_site: Path, size: tuple[int, int]) -> None:
    pages = [
        "/rapportage/",
        "/en/report/",
        "/onderhoud/",
        "/en/maintenance/",
        "/systemen/dms/",
        "/abonneren/",
        "/en/subscribe/",
        "/rapportage/protocol/",
    ]
    broken = {}
    try:
        with serve_directory(demo_site) as origin, chromium(size) as driver:
            for path in pages:
                driver.get(origin + path)
                figures = driver.execute_script(MEASURE)
                assert figures["tables"], path
                if figures["brokenWords"]:
                    broken[path] = figures["brokenWords"]
    except BrowserMissing as exc:
        pytest.fail(str(exc))
    assert broken == {}
