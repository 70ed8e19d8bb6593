"""Markdown to safe HTML: rendered once per distinct text, then sanitised with nh3."""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h3", "h4",
    "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody",
    "td", "th", "thead", "tr", "ul",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "th": {"scope"}}
# Letters, digits and punctuation Markdown leaves alone (no '_', '*', '`', '<', '&', '[', newline)
_PLAIN = re.compile(r"^(?:[^\W_]|[ .,;:!?'’\"()/%€@+=-])*$")
_BLOCK_START = re.compile(r"^(?: {4}|\s*(?:[-+#=>]|\d+[.)]))")

_converter = markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")


@lru_cache(maxsize=65536)
def render_markdown(text: str) -> Markup:
    """Render an operator's Markdown; raw HTML, scripts and event handlers never get through."""
    paragraphs = text.strip().split("\n\n")
    if all(_PLAIN.match(p) and not _BLOCK_START.match(p) for p in paragraphs):
        # The common case, a sentence or two: the same output as Markdown, far cheaper.
        rendered = "\n".join(f"<p>{html.escape(p.strip(), quote=False)}</p>" for p in paragraphs)
    else:
        rendered = _converter.reset().convert(text)
    return Markup(
        nh3.clean(
            rendered,
            tags=_ALLOWED_TAGS,
            attributes=_ALLOWED_ATTRIBUTES,
            url_schemes={"https", "http", "mailto", "tel"},
            link_rel="noopener noreferrer",
        )
    )
