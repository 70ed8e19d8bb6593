"""The built site on disk, as notifications read it: its files, and when it was built."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .site_reader import Reader

# Every page says when it was built: <p class="built">… <time datetime="ISO">… (the footer of
# theme/templates/chrome.html); the API and the feeds do not, so that they change only with
# the content.
_BUILT = re.compile(
    rb'class="(?:[^"]*\s)?built(?:\s[^"]*)?"[^>]*>.*?<time datetime="([^"]+)"', re.DOTALL
)


def folder_reader(root: Path) -> Reader:
    def read(path: str) -> bytes | None:
        file = root / path
        return file.read_bytes() if file.is_file() else None

    return read


def files_below(root: Path, folder: str) -> list[str]:
    """The files in ``folder`` of a built site, as paths relative to the site."""
    base = root / folder
    if not base.is_dir():
        return []
    return sorted(p.relative_to(root).as_posix() for p in base.rglob("*") if p.is_file())


def built_at(root: Path) -> dt.datetime | None:
    """The build's "now", as the site's first page says it; None when it does not say."""
    index = root / "index.html"
    if not index.is_file():
        return None
    found = _BUILT.search(index.read_bytes())
    if found is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(found.group(1).decode())
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
