"""Minify the theme's stylesheets in a built site with rcssmin: the status page's CSS counts
against its 40 KB budget, and about a fifth of the readable source is comments and spaces."""

from __future__ import annotations

from pathlib import Path

import rcssmin

from ..domain.outfiles import write_file


def minify_file(path: Path, text: str | None = None) -> None:
    """Minify one stylesheet in place (Pelican has copied it from the theme), or write ``text``
    there minified."""
    source = path.read_text(encoding="utf-8") if text is None else text
    write_file(path, rcssmin.cssmin(source) + "\n")
