"""Markdown to safe HTML: rendered once per distinct text, then sanitised with nh3.

The texts come from files that passed the check, whose OUT008 keeps away the shapes that make
Python-Markdown slow or recurse without end (``reading.markdown_cost``).
"""

from __future__ import annotations

import html
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

from ..reading.markdown_cost import is_plain

_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h3", "h4",
    "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody",
    "td", "th", "thead", "tr", "ul",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "th": {"scope"}}


def _new_converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")


_converter = _new_converter()


@lru_cache(maxsize=65536)
def render_markdown(text: str) -> Markup:
    """Render an operator's Markdown; raw HTML, scripts and event handlers never get through."""
    global _converter
    if is_plain(text):
        # The common case, a sentence or two: the same output as Markdown, far cheaper. Plain
        # text holds no character HTML gives a meaning to, so nh3 would return it unchanged
        # (tests hold the two to the same output).
        paragraphs = plain_paragraphs(text)
        return Markup("\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs))
    try:
        rendered = _converter.reset().convert(text)
    except BaseException:
        # an error inside Markdown leaves its parser state behind (reset() does not clear it),
        # which would change how every later text renders: start afresh
        _converter = _new_converter()
        raise
    return Markup(sanitised(rendered))


def plain_paragraphs(text: str) -> list[str]:
    """The paragraphs of a plain text (``is_plain``): what Markdown puts in each ``<p>``."""
    return [paragraph.strip() for paragraph in text.strip().split("\n\n")]


def sanitised(rendered: str) -> str:
    """HTML with only the tags, attributes and link targets a message may have."""
    return nh3.clean(
        rendered,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"https", "http", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
