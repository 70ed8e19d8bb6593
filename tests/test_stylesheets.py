"""The look: the NL Design System's open component CSS, copied byte for byte from the pinned npm
packages, set by the project's one design-token file; dark mode and print kept; no house style
that is not ours to ship, no fonts; a link to douane.nl on every page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html
import pytest
import rcssmin
from conftest import REPO

from douane_status.presentation.stylesheets import STYLESHEETS, TOKENS, VENDORED, components

THEME = REPO / "theme"
NODE_MODULES = REPO / "node_modules"
LICENSE = THEME / VENDORED / "LICENSE.md"


def installed(package: str) -> Path:
    folder = NODE_MODULES / package
    if not folder.is_dir():
        pytest.fail(f"{package} is not installed: run `npm ci` (bootstrap.py does)")
    return folder


@pytest.mark.parametrize("component", components(), ids=lambda c: c.package)
def test_each_vendored_file_is_the_pinned_packages_file(component: object) -> None:
    from douane_status.presentation.stylesheets import Component

    assert isinstance(component, Component)
    pinned = json.loads((REPO / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    version = pinned[component.package]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{component.package} is pinned exactly"
    folder = installed(component.package)
    manifest = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    assert manifest["version"] == version, "npm ci installs what package.json pins"
    assert manifest["license"] == "EUPL-1.2"
    assert (THEME / component.path).read_bytes() == (folder / component.file).read_bytes()
    assert (folder / "LICENSE.md").read_bytes() == LICENSE.read_bytes()
    locked = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
    assert locked["packages"][f"node_modules/{component.package}"]["version"] == version


def test_only_the_components_the_site_uses_are_vendored() -> None:
    vendored = {
        p.relative_to(THEME).as_posix() for p in (THEME / VENDORED).rglob("*") if p.is_file()
    }
    assert vendored == {c.path for c in components()} | {f"{VENDORED}/LICENSE.md"}
    assert "EUROPEAN UNION PUBLIC LICENCE v. 1.2" in LICENSE.read_text(encoding="utf-8")


def test_every_component_package_in_package_json_is_used() -> None:
    pinned = json.loads((REPO / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    design = {p for p in pinned if p.startswith(("@utrecht/", "@nl-design-system-candidate/"))}
    assert design == {c.package for c in components()}


def test_the_built_stylesheets_are_tokens_components_then_our_own(report_site: Path) -> None:
    built = {name: (report_site / "theme" / "css" / name).read_text() for name in STYLESHEETS}
    tokens = rcssmin.cssmin((THEME / TOKENS).read_text(encoding="utf-8"))
    assert built["site.css"].startswith(tokens), "the tokens come first, once"
    assert tokens not in built["pages.css"]
    for name, parts in STYLESHEETS.items():
        where = 0
        for component in parts:
            text = rcssmin.cssmin((THEME / component.path).read_text(encoding="utf-8"))
            found = built[name].find(text, where)
            assert found >= where, (name, component.package)
            where = found + len(text)
        own = rcssmin.cssmin((THEME / "static" / "css" / name).read_text(encoding="utf-8"))
        assert built[name].endswith(own + "\n"), f"{name}: the theme's own rules come last"


def test_dark_mode_and_print_are_kept(report_site: Path) -> None:
    css = (report_site / "theme" / "css" / "site.css").read_text()
    dark = css.split("@media (prefers-color-scheme:dark)", 1)[1]
    assert "--bg:#121417" in dark and "--link:#9cc8ff" in dark
    assert "@media print" in css


def test_no_house_style_fonts_or_scripts_from_elsewhere() -> None:
    """The Rijkshuisstijl's tokens, logo and fonts are not openly licensed: none is shipped."""
    files = [p for p in THEME.rglob("*") if p.is_file() and "admin" not in p.parts]
    for path in files:
        if path.suffix in (".woff", ".woff2", ".ttf", ".otf"):
            pytest.fail(f"a font file: {path}")
        if path.suffix in (".css", ".html", ".svg"):
            text = path.read_text(encoding="utf-8")
            for word in ("rijkshuisstijl", "RO Sans", "rijksoverheid", "@font-face", "@import"):
                assert word.lower() not in text.lower(), (path, word)


@pytest.mark.parametrize(
    ("relative", "text"),
    [
        ("index.html", "douane.nl: de site van de Douane"),
        ("en/index.html", "douane.nl: the site of Dutch Customs (in Dutch)"),
        ("en/archive/index.html", "douane.nl: the site of Dutch Customs (in Dutch)"),
    ],
)
def test_every_page_links_douane_nl(report_site: Path, relative: str, text: str) -> None:
    doc = lxml.html.fromstring((report_site / relative).read_bytes())
    (link,) = doc.cssselect('footer a[href="https://www.douane.nl/"]')
    assert link.get("hreflang") == "nl"
    assert " ".join(link.text_content().split()) == text


def test_the_page_uses_the_components_classes(report_site: Path) -> None:
    doc = lxml.html.fromstring((report_site / "en" / "index.html").read_bytes())
    assert doc.cssselect("body > a.nl-skip-link.nl-skip-link--visible-on-focus")
    assert doc.cssselect("header.utrecht-page-header")
    assert doc.cssselect("footer.utrecht-page-footer")
