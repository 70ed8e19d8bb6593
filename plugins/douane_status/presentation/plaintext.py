"""Markdown as plain text, for channels that show no HTML (calendar descriptions, JSON bodies)."""

from __future__ import annotations

import html
import re
from functools import lru_cache

import nh3

from .markup import render_markdown

_BLANK_LINES = re.compile(r"\n\s*\n+")


@lru_cache(maxsize=16384)
def plain_text(markdown_text: str) -> str:
    """The words of a message without markup: rendered and sanitised first, then stripped.

    Going through the sanitised HTML means raw HTML an operator typed (a script, say) is dropped
    exactly as on the pages, instead of showing up as text.
    """
    stripped = nh3.clean(str(render_markdown(markdown_text)), tags=set())
    return _BLANK_LINES.sub("\n\n", html.unescape(stripped)).strip()
