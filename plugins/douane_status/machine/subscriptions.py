"""Everything machines subscribe to, written beside the pages: feeds, calendars, API, badges.

All of it is built from the same published events as the pages (``state.published``), so every
output agrees on what is within retention and already announced.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..domain.config import StatusSettings
from ..domain.outfiles import write_file
from ..rules.content import Content
from ..state.phases import published
from .api import api_files
from .badges import badge_files
from .calendar_feed import calendar_files
from .feeds import feed_files

WRITERS = (feed_files, calendar_files, api_files, badge_files)


def write_subscriptions(
    content: Content, settings: StatusSettings, now: dt.datetime, output_dir: Path
) -> list[Path]:
    """Write every file into ``output_dir``; returns them in path order.

    Each writer hands over its files one by one (path and bytes), and each is written before
    the next is made: the API's largest are tens of megabytes at 5,000 events.
    """
    events = published(content.events, now, settings)
    written = []
    for writer in WRITERS:
        for path, data in writer(content.catalog, events, settings, now):
            written.append(write_file(output_dir / path.lstrip("/"), data))
    return sorted(written)
