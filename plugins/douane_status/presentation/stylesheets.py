"""The site's stylesheets as browsers get them: the design tokens, the NL Design System
components each stylesheet needs, then the theme's own CSS; one minified file each.

Every page loads ``site.css``; every page but the status page adds ``pages.css``. The components
are the open CSS of the NL Design System (EUPL-1.2), copied byte for byte from their npm packages
into ``theme/nl-design-system/`` (package.json pins the versions; tests/test_stylesheets.py
checks that the copies equal the installed packages' files). Publishing needs no npm for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# The one file with the site's design tokens: an organisation with a house style of its own
# replaces it (README, "The look").
TOKENS = "design-tokens.css"
VENDORED = "nl-design-system"


@dataclass(frozen=True)
class Component:
    """One component's stylesheet: its npm package and the file in it."""

    package: str  # "@utrecht/table-css"
    file: str  # "dist/html/index.min.css"

    @property
    def path(self) -> str:
        """Where the copy is, relative to the theme."""
        return f"{VENDORED}/{self.package}/{self.file}"


# What each stylesheet is made of, in order: the tokens, the components (the "html" variants
# style the plain elements the templates write: h1, a, p, table, code), the theme's own file.
STYLESHEETS: dict[str, tuple[Component, ...]] = {
    "site.css": (
        Component("@nl-design-system-candidate/heading-css", "dist/html/heading.css"),
        Component("@nl-design-system-candidate/paragraph-css", "dist/html/paragraph.css"),
        Component("@nl-design-system-candidate/link-css", "dist/html/link.css"),
        Component("@nl-design-system-candidate/skip-link-css", "dist/skip-link.css"),
        Component("@utrecht/page-header-css", "dist/index.min.css"),
        Component("@utrecht/page-footer-css", "dist/index.min.css"),
    ),
    "pages.css": (
        Component("@utrecht/table-css", "dist/html/index.min.css"),
        Component("@nl-design-system-candidate/code-css", "dist/html/code.css"),
    ),
}


def components() -> list[Component]:
    return [c for parts in STYLESHEETS.values() for c in parts]


def composed(theme: Path, name: str, own: str) -> str:
    """The stylesheet ``name`` whole: the tokens (site.css, which every page loads, carries
    them), its components, then ``own``, the theme's file of that name."""
    parts = [theme / TOKENS] if name == "site.css" else []
    parts += [theme / c.path for c in STYLESHEETS.get(name, ())]
    return "\n".join([*(p.read_text(encoding="utf-8") for p in parts), own])
