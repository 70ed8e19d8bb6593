"""Markdown as plain text, for channels that show no HTML (calendar descriptions, JSON bodies,
e-mails' and chat messages' text)."""

from __future__ import annotations

import html
import re
from functools import lru_cache

import nh3

from ..reading.markdown_cost import is_plain
from .markup import plain_paragraphs, render_markdown

_BLANK_LINES = re.compile(r"\n\s*\n+")
# A link in sanitised HTML (nh3 writes every attribute in double quotes).
_LINK = re.compile(r'<a\b[^>]*?\bhref="([^"]*)"[^>]*>(.*?)</a>', re.DOTALL)
# Targets a reader can follow from anywhere; an address from the site's root (/noodprocedure/)
# means nothing in a mail or a calendar, so only its words are kept.
_ABSOLUTE = ("https://", "http://", "mailto:")


def _link_as_text(found: re.Match[str]) -> str:
    """``words (address)``: the address after the words, once, where a reader can follow it."""
    target, words = html.unescape(found.group(1)), found.group(2)
    if not target.startswith(_ABSOLUTE):
        return words
    shown = target.removeprefix("mailto:")
    if html.unescape(nh3.clean(words, tags=set())).strip() in (target, shown):
        return words
    return f"{words} ({html.escape(shown)})"


@lru_cache(maxsize=16384)
def plain_text(markdown_text: str) -> str:
    """The words of a message without markup: rendered and sanitised first, then stripped.

    Going through the sanitised HTML means raw HTML an operator typed (a script, say) is dropped
    exactly as on the pages, instead of showing up as text. A link keeps its target: the address
    follows its words in brackets. Plain text (``is_plain``), most messages, is its own words:
    its paragraphs, one a line (tests hold it to the words of its HTML).
    """
    if is_plain(markdown_text):
        return "\n".join(plain_paragraphs(markdown_text))
    return words_of_html(str(render_markdown(markdown_text)))


def words_of_html(rendered: str) -> str:
    """The words of rendered, sanitised HTML, with each link's address after its words."""
    sanitised = nh3.clean(rendered)
    stripped = nh3.clean(_LINK.sub(_link_as_text, sanitised), tags=set())
    return _BLANK_LINES.sub("\n\n", html.unescape(stripped)).strip()
