"""Retention (protocol afspraak 7): find and remove the files of events kept for a full year.

A year is a calendar year (``retention_years``): until the same local date and time a year after
the event ended, 29 February ending on 28 February (``state.phases.retention_end``).

Git history keeps what is removed; the site, feeds and API already leave such events out
(``state.published``), so pruning only tidies the content folder.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..domain.config import StatusSettings
from ..rules.content import OUTAGES_DIR, load_content
from ..state.phases import retention_end


@dataclass(frozen=True)
class Expired:
    path: Path
    event_id: str
    kept_until: dt.datetime


def expired_events(
    content_dir: Path, settings: StatusSettings, now: dt.datetime, root: Path
) -> list[Expired]:
    """Readable events whose retention ended before ``now``, oldest first.

    A file with errors is never pruned: nobody can tell when its event ended.
    """
    content = load_content(content_dir, settings, now, root=root)
    expired = []
    for event in content.events:
        until = retention_end(event, settings)
        if now > until:
            expired.append(Expired(root / event.path, event.id, until))
    expired.sort(key=lambda e: (e.kept_until, e.event_id))
    return expired


def remove(expired: list[Expired], content_dir: Path) -> None:
    outages = (content_dir / OUTAGES_DIR).resolve()
    for item in expired:
        path = item.path.resolve()
        if outages not in path.parents:  # never delete outside content/outages/
            raise ValueError(f"refusing to delete {path}: not below {outages}")
        path.unlink()
        parent = path.parent
        if parent != outages and not any(parent.iterdir()):
            parent.rmdir()
