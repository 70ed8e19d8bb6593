"""The ``holidays`` package's Dutch days kept in a file between runs.

Looking a year up in the package loads its data of every country first: 0.09-0.1 s of CPU in a
build, where everything else is loaded already, and in the build's first half, where this
process loads while its workers read. What the package answers changes only with its version,
so a build keeps the days of the years it looks up in ``.cache/holidays-nl-<version>.json``,
and the next build reads them from there instead of loading the package. A file that is
missing, unreadable, or not what this module writes is looked up in the package again and
written anew; a folder that cannot be written only means the next build looks them up too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path

from .workdays import LISTED_CATEGORIES, is_listed, listed_holidays, remember_listed

Listing = Mapping[int, frozenset[dt.date]]


def load_kept_holidays(folder: Path, years: Iterable[int]) -> None:
    """Make the days of ``years`` known (``workdays.remember_listed``): from the file kept in
    ``folder`` when it has them all, else from the package, and keep them there for next time."""
    wanted = sorted(set(years))
    if all(is_listed(year) for year in wanted):
        return  # this process looked them up already (a second build, or a second call)
    file = kept_file(folder)
    kept = read_kept(file)
    if kept is not None and all(year in kept for year in wanted):
        remember_listed(kept)
        return
    listing = {**(kept or {}), **{year: listed_holidays(year) for year in wanted}}
    # a cache: a build that cannot keep it (read-only checkout, full disk) looks them up again
    with contextlib.suppress(OSError):
        write_kept(file, listing)


def kept_file(folder: Path) -> Path:
    """The file for the installed version of the package (another version, another file)."""
    return folder / f"holidays-nl-{metadata.version('holidays')}.json"


def read_kept(file: Path) -> dict[int, frozenset[dt.date]] | None:
    """The listing in ``file``, or None when there is none or it is not one ``write_kept``
    wrote (truncated, edited, from another layout)."""
    try:
        data = json.loads(file.read_bytes())
        if data.get("categories") != list(LISTED_CATEGORIES):
            return None
        return {
            int(year): frozenset(dt.date.fromisoformat(day) for day in days)
            for year, days in data["years"].items()
        }
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def write_kept(file: Path, listing: Listing) -> None:
    """Write ``listing`` to ``file`` whole or not at all (a temporary file renamed over it), so
    a build beside this one reads the old file or the new one."""
    data = {
        "categories": list(LISTED_CATEGORIES),
        "years": {
            str(year): sorted(day.isoformat() for day in days)
            for year, days in sorted(listing.items())
        },
    }
    file.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{file.name}.", dir=file.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            json.dump(data, stream, indent=1)
        os.replace(temporary, file)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
