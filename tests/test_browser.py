"""The built site in a real browser (Debian's headless Chromium): axe-core finds no WCAG 2.0/2.1
A or AA violation on any page kind, in either language, light or dark, desktop or phone; no
request leaves the site's origin; keyboard focus is visible; an event page prints on A4.

axe-core is the pinned npm package (package.json), injected through WebDriver: a script run that
way is not subject to the page's Content-Security-Policy, which allows no inline script.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO

from douane_status.presentation.urls import PAGES, page_path
from tools.browser import (
    DESKTOP,
    PHONE,
    BrowserMissing,
    chromium,
    requested_urls,
    serve_directory,
    set_color_scheme,
    set_viewport,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MODES = {
    "light-desktop": ("light", DESKTOP),
    "dark-desktop": ("dark", DESKTOP),
    "light-phone": ("light", PHONE),
    "dark-phone": ("dark", PHONE),
}
RUN_AXE = """
const done = arguments[arguments.length - 1];
document.querySelectorAll('details').forEach((d) => { d.open = true; });
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then((r) => done(r.violations.map((v) => ({id: v.id, help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' '))}))))
  .catch((e) => done([{id: 'axe-error', help: String(e), nodes: []}]));
"""


def page_kinds(site: Path) -> list[str]:
    """One page of every kind in urls.PAGES, in both languages: for kinds with an id, the page
    with the most content (the richest event, the busiest system)."""
    found = []
    for kind in sorted(PAGES):
        for lang in ("nl", "en"):
            path = page_path(kind, lang, "{id}")
            if "{id}" not in path:
                assert (site / path.lstrip("/") / "index.html").is_file(), path
                found.append(path)
                continue
            parent = site / path.split("{id}")[0].lstrip("/")
            candidates = sorted(parent.glob("*/index.html"), key=lambda p: -p.stat().st_size)
            assert candidates, f"no {kind} page in {parent}"
            found.append("/" + candidates[0].parent.relative_to(site).as_posix() + "/")
    return found


@pytest.fixture(scope="module")
def origin(report_site: Path) -> Iterator[str]:
    with serve_directory(report_site) as url:
        yield url


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail("axe-core is missing: run `npm ci` (bootstrap.py does)")
    return AXE.read_text(encoding="utf-8")


def open_browser(size: tuple[int, int] = DESKTOP, **options: Any) -> Any:
    try:
        return chromium(size, **options)
    except BrowserMissing as exc:
        pytest.fail(str(exc))


def axe_violations(driver: Any, axe_source: str) -> list[dict[str, Any]]:
    driver.execute_script(axe_source)
    return driver.execute_async_script(RUN_AXE, AXE_TAGS)


@pytest.mark.parametrize("mode", sorted(MODES))
def test_axe_finds_no_wcag_a_or_aa_violation(
    report_site: Path, origin: str, axe_source: str, mode: str
) -> None:
    scheme, size = MODES[mode]
    problems = []
    pages = page_kinds(report_site)
    with open_browser(size) as driver:
        set_color_scheme(driver, scheme)
        for path in pages:
            driver.get(origin + path)
            dark = driver.execute_script(
                "return matchMedia('(prefers-color-scheme: dark)').matches"
            )
            assert dark == (scheme == "dark")
            for violation in axe_violations(driver, axe_source):
                problems.append(
                    f"{path}: {violation['id']} ({violation['help']}) at {violation['nodes']}"
                )
    assert len(pages) >= 16
    assert not problems, f"{mode}:\n" + "\n".join(problems)


def test_axe_really_reports_violations(report_site: Path, tmp_path: Path, axe_source: str) -> None:
    """Guard against a harness that passes everything: a page with known faults, under the
    site's own Content-Security-Policy (which the injected axe-core must get past), fails."""
    policy = re.search(
        r'<meta http-equiv="Content-Security-Policy"[^>]*>',
        (report_site / "index.html").read_text(encoding="utf-8"),
    )
    assert policy is not None
    (tmp_path / "index.html").write_text(
        f"<!DOCTYPE html><html><head>{policy.group(0)}<title>x</title>"
        '<link rel="stylesheet" href="x.css"></head><body>'
        '<img src="data:,"><a href="#"></a><p class="grey">grey</p>'
        "</body></html>",
        encoding="utf-8",
    )
    (tmp_path / "x.css").write_text(".grey { color: #bbb; background: #fff; }", encoding="utf-8")
    with serve_directory(tmp_path) as url, open_browser() as driver:
        driver.get(url + "/")
        found = {v["id"] for v in axe_violations(driver, axe_source)}
    assert {"html-has-lang", "image-alt", "link-name", "color-contrast"} <= found


def test_no_request_leaves_the_site_and_the_console_stays_clean(
    report_site: Path, origin: str
) -> None:
    pages = page_kinds(report_site)
    outside, console = [], []
    with open_browser(network_log=True) as driver:
        for path in pages:
            driver.get(origin + path)
            driver.execute_script(
                "document.querySelectorAll('details').forEach(d => d.open = true)"
            )
            for url in requested_urls(driver, origin):
                if not (url.startswith(origin + "/") or url.startswith("data:")):
                    outside.append(f"{path}: {url}")
            # CSP violations (an inline style, a script) and failed loads are SEVERE entries.
            console += [f"{path}: {e['message']}" for e in driver.get_log("browser")]
    assert not outside, "\n".join(outside)
    assert not console, "\n".join(console)


def test_the_network_log_sees_a_request_to_elsewhere(tmp_path: Path) -> None:
    """Guard: a page that loads an image from another origin is caught."""
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><title>x</title><img alt="" src="http://192.0.2.1/x.png">',
        encoding="utf-8",
    )
    with serve_directory(tmp_path) as url, open_browser(network_log=True) as driver:
        driver.get(url + "/")
        urls = requested_urls(driver, url)
    assert "http://192.0.2.1/x.png" in urls


def test_keyboard_focus_is_visible_and_the_skip_link_comes_first(origin: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    with open_browser() as driver:
        for scheme in ("light", "dark"):
            set_color_scheme(driver, scheme)
            driver.get(origin + "/en/")
            ActionChains(driver).send_keys(Keys.TAB).perform()
            focused = driver.execute_script(
                """const e = document.activeElement, s = getComputedStyle(e),
                          r = e.getBoundingClientRect();
                   return {cls: e.className, outline: s.outlineStyle, width: s.outlineWidth,
                           top: r.top, height: r.height};"""
            )
            assert "nl-skip-link" in focused["cls"].split()
            assert focused["outline"] != "none" and focused["width"] != "0px"
            assert focused["top"] >= 0 and focused["height"] > 0  # it comes into view
            ActionChains(driver).send_keys(Keys.TAB).perform()
            style = driver.execute_script(
                "const s = getComputedStyle(document.activeElement);"
                "return [s.outlineStyle, s.outlineWidth];"
            )
            assert style[0] != "none" and style[1] != "0px"


def test_an_event_page_prints_cleanly_on_a4(report_site: Path, origin: str) -> None:
    event = next(p for p in page_kinds(report_site) if "/en/status-messages/" in p)
    with open_browser() as driver:
        driver.get(origin + event)
        # 210 mm less 2 x 15 mm margins at 96 dpi: the printable width of A4.
        set_viewport(driver, (680, 1000))
        set_color_scheme(driver, "light", media="print")
        layout = driver.execute_script(
            """const hidden = (s) => [...document.querySelectorAll(s)]
                   .every((e) => getComputedStyle(e).display === 'none');
               return {overflow: document.documentElement.scrollWidth
                         - document.documentElement.clientWidth,
                       chrome: hidden('.site-nav, .nl-skip-link, .language-switch'),
                       built: (() => { const e = document.querySelector('.helpline__built');
                                       return e && getComputedStyle(e).display !== 'none'
                                         ? [e.getBoundingClientRect().top, e.textContent]
                                         : null; })(),
                       background: getComputedStyle(document.body).backgroundColor,
                       timeline: document.querySelectorAll('.timeline__item').length,
                       helpline: [...document.querySelectorAll('.helpline p')]
                         .filter((p) => getComputedStyle(p).display !== 'none'
                           && p.getBoundingClientRect().height > 0)
                         .map((p) => p.textContent)};"""
        )
        pdf = driver.execute_cdp_cmd(
            "Page.printToPDF", {"preferCSSPageSize": True, "printBackground": False}
        )
    assert layout["overflow"] <= 0, layout
    assert layout["chrome"] and layout["timeline"] > 0, layout
    # the helpdesk and the page's time are printed, at the top
    assert [t.split(":")[0] for t in layout["helpline"]] == [
        "Customs Helpdesk",
        "As of 29 November 10",
    ]
    assert "+31 88 15 666 55" in layout["helpline"][0]
    # the build's time is printed at the top of the first page, not only in the footer
    assert layout["built"] is not None and 0 <= layout["built"][0] < 250, layout
    assert "10:00" in layout["built"][1], layout
    assert layout["background"] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
    data = base64.b64decode(pdf["data"])
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", data))
    assert 1 <= pages <= 3, pages
    sizes = {
        tuple(round(float(v)) for v in m)
        for m in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\]", data)
    }
    assert sizes == {(595, 842)}, sizes  # A4 in points


def test_page_kinds_include_the_new_pages(report_site: Path) -> None:
    pages = page_kinds(report_site)
    for path in ("/toegankelijkheid/", "/en/accessibility/", "/rapportage/", "/en/report/"):
        assert path in pages
    assert json.dumps(pages)  # plain strings, reported in failures


def test_axe_finds_no_violation_where_promises_are_late(tmp_path: Path, axe_source: str) -> None:
    """The demo at 10:50, when three promised times have passed: the words that say so, in
    their colour, pass in light and dark on a phone and a desktop."""
    import datetime as dt

    from conftest import build_into

    site = build_into(
        tmp_path / "output",
        content=REPO / "content",
        now=dt.datetime(2026, 11, 29, 9, 50, tzinfo=dt.UTC),
    )
    pages = ["/", "/en/", "/status-berichten/2026-11-29-dmf-verstoring/", "/en/systems/ncts/"]
    problems = []
    with serve_directory(site) as origin, open_browser(PHONE) as driver:
        for scheme in ("light", "dark"):
            set_color_scheme(driver, scheme)
            for size in (PHONE, DESKTOP):
                set_viewport(driver, size)
                for path in pages:
                    driver.get(origin + path)
                    assert driver.find_elements("css selector", "strong.late"), path
                    problems += [
                        f"{scheme} {size} {path}: {v['id']} at {v['nodes']}"
                        for v in axe_violations(driver, axe_source)
                    ]
    assert not problems, "\n".join(problems)
