"""Minify the theme's stylesheets in a built site: the status page's CSS counts against its
30 KB budget, and about a sixth of the readable source is comments and spaces.

Deliberately small: comments go, runs of whitespace become one space, the spaces around
``{ } ; , >`` and after ``:`` go, and so does the zero of ``0.5``. Quoted strings are left exactly
as they are. Assumes no ``/*`` inside a string, which holds for this theme.
"""

from __future__ import annotations

import re
from pathlib import Path

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_STRING = re.compile(r"(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*')")
_SPACE = re.compile(r"\s+")
_AROUND = re.compile(r" ?([{};,>]) ?")
_LEADING_ZERO = re.compile(r"(?<![\w.#-])0\.(\d)")


def minify_css(text: str) -> str:
    parts = _STRING.split(_COMMENT.sub("", text))  # odd items are quoted strings
    for i in range(0, len(parts), 2):
        part = _SPACE.sub(" ", parts[i])
        part = _AROUND.sub(r"\1", part)
        part = _LEADING_ZERO.sub(r".\1", part)
        parts[i] = part.replace(": ", ":")
    return "".join(parts).replace(";}", "}").strip() + "\n"


def minify_folder(folder: Path) -> None:
    """Minify every ``*.css`` below ``folder`` in place (a built site's theme files)."""
    for path in sorted(folder.rglob("*.css")):
        path.write_text(minify_css(path.read_text(encoding="utf-8")), encoding="utf-8")
