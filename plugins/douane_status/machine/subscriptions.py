"""Everything machines subscribe to, written beside the pages: feeds, calendars, API, badges.

All of it is built from the same published events as the pages (``state.published``), so every
output agrees on what is within retention and already announced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from ..domain.config import StatusSettings
from ..domain.outfiles import write_file
from ..rules.content import Content
from ..state.phases import published
from .api import api_files
from .badges import badge_files
from .calendar_feed import calendar_files
from .feeds import feed_files

# by name, so a build can give each to a process of its own, the largest first
WRITERS = {
    "calendars": calendar_files,
    "feeds": feed_files,
    "api": api_files,
    "badges": badge_files,
}


def write_subscriptions(
    content: Content,
    settings: StatusSettings,
    now: dt.datetime,
    output_dir: Path,
    kinds: Sequence[str] = tuple(WRITERS),
) -> list[Path]:
    """Write the files of the ``kinds`` of ``WRITERS`` (all by default) into ``output_dir``;
    returns them in path order.

    Each writer hands over its files one by one (path and bytes), and each is written before
    the next is made: the API's largest are tens of megabytes at 5,000 events.
    """
    events = published(content.events, now, settings)
    written = []
    for kind in kinds:
        for path, data in WRITERS[kind](content.catalog, events, settings, now):
            written.append(write_file(output_dir / path.lstrip("/"), data))
    return sorted(written)
