"""Fast and private: the status page's bytes, no scripts, nothing from elsewhere, a strict CSP.

The budget is measured on the nine-system fixture (two events in progress, one announced, two
ended, ten days with unavailability in the 90-day rows) and on the small fixture.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

HTML_BUDGET = 30_000  # bytes of the status page's HTML, uncompressed (its whitespace compacted)
CSS_BUDGET = 40_000  # bytes of its CSS, minified and uncompressed
STATUS_PAGES = ("index.html", "en/index.html")


def public_pages(site: Path) -> list[Path]:
    """Every page the public reads; the web editor at /admin/ is an operators' tool that needs
    JavaScript and has a policy of its own."""
    return [p for p in sorted(site.rglob("*.html")) if p.relative_to(site).parts[0] != "admin"]


def stylesheets(site: Path, html: Path) -> list[Path]:
    doc = lxml.html.fromstring(html.read_bytes())
    hrefs = [link.get("href") for link in doc.cssselect('link[rel="stylesheet"]')]
    assert all(h.startswith("/") and not h.startswith("//") for h in hrefs), hrefs
    return [site / h.lstrip("/") for h in hrefs]


@pytest.mark.parametrize("relative", STATUS_PAGES)
@pytest.mark.parametrize("site_name", ["report_site", "fixture_site"])
def test_status_page_html_fits_in_30_kb_and_its_css_in_40_kb(
    request: pytest.FixtureRequest, site_name: str, relative: str
) -> None:
    site: Path = request.getfixturevalue(site_name)
    html = site / relative
    css = stylesheets(site, html)
    assert css, "the status page has a stylesheet"
    html_bytes = html.stat().st_size
    css_bytes = sum(p.stat().st_size for p in css)
    print(f"{site_name} {relative}: HTML {html_bytes} bytes, CSS {css_bytes} bytes")
    assert html_bytes <= HTML_BUDGET, f"{relative}: {html_bytes} bytes of HTML"
    assert css_bytes <= CSS_BUDGET, f"{relative}: {css_bytes} bytes of CSS"


def test_the_css_is_minified(report_site: Path) -> None:
    """No comments, no indentation, no source map left from the components' files."""
    for css in (report_site / "theme" / "css").glob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert "/*" not in text and "\n " not in text and "sourceMappingURL" not in text, css
        assert text.count("\n") == 1, css


def test_the_budget_counts_every_stylesheet(report_site: Path) -> None:
    """The status page loads only site.css; the other pages add pages.css."""
    assert [p.name for p in stylesheets(report_site, report_site / "index.html")] == ["site.css"]
    event = next((report_site / "en" / "status-messages").iterdir()) / "index.html"
    assert [p.name for p in stylesheets(report_site, event)] == ["site.css", "pages.css"]


def test_no_javascript_fonts_or_images_from_elsewhere(report_site: Path) -> None:
    for path in public_pages(report_site):
        html = path.read_text(encoding="utf-8")
        assert "<script" not in html.lower(), path
        doc = lxml.html.fromstring(html)
        assert not doc.cssselect("img[src^=http], iframe, object, embed"), path
    for css in (report_site / "theme").rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert "@import" not in text and "@font-face" not in text, css
        for url in re.findall(r"url\(\s*['\"]?([^'\")]*)", text):
            assert url.startswith(("data:", "/", "#")) or "://" not in url, (css, url)


def test_every_page_has_a_strict_content_security_policy(report_site: Path) -> None:
    pages = public_pages(report_site)
    assert len(pages) > 40
    for path in pages:
        doc = lxml.html.fromstring(path.read_bytes())
        (meta,) = doc.cssselect('meta[http-equiv="Content-Security-Policy"]')
        policy = meta.get("content")
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, path
        assert "default-src 'self'" in policy, path
