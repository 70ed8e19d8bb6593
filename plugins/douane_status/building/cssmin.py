"""Minify the theme's stylesheets in a built site with rcssmin: the status page's CSS counts
against its 30 KB budget, and about a fifth of the readable source is comments and spaces."""

from __future__ import annotations

from pathlib import Path

import rcssmin

from ..domain.outfiles import write_file


def minify_file(path: Path) -> None:
    """Minify one stylesheet in place (Pelican has copied it from the theme)."""
    text = path.read_text(encoding="utf-8")
    write_file(path, rcssmin.cssmin(text) + "\n")
