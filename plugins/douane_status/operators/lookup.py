"""The event an operator names: by its id, its file name or a path; an unknown name gets the open
events of the systems it mentions.

An operator in a hurry types the id from memory (``2026-11-29-dms-verstoring`` for what is
``2026-11-29-dms-ncts-verstoring``), or pastes a file name or a path from ``git status``. A name
that matches nothing is answered with what the operator most likely means: the events of the
systems the name mentions that are still open, not the nearest spelling (which may be another
system's event).
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping, Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

from ..domain.errors import UsageError
from ..domain.model import Catalog, Event
from ..reading.reader import read_event
from ..reading.source import display_path, read_source
from ..rules.content import OUTAGES_DIR, outage_files
from .authoring import ID_WORDS

MAX_SUGGESTIONS = 5


def event_files(content_dir: Path) -> dict[str, Path]:
    """Every outage file by its id (the file name without ``.md``)."""
    return {p.stem: p for p in outage_files([content_dir / OUTAGES_DIR])}


def find_event(project: Path, content_dir: Path, catalog: Catalog, tz: ZoneInfo, name: str) -> Path:
    """The file of the event ``name`` names: ``<id>``, ``<id>.md`` or a path to the file (as given,
    or from the project folder). ``UsageError`` with suggestions when there is none."""
    text = name.strip()
    outages = (content_dir / OUTAGES_DIR).resolve()
    for path in (Path(text), project / text):
        if text and path.is_file():
            resolved = path.resolve()
            if resolved.suffix != ".md" or not resolved.is_relative_to(outages):
                raise UsageError(
                    f"{text} is not an outage file below {display_path(outages, project)}/: give "
                    "the event's id, its file name or its path"
                )
            return resolved
    files = event_files(content_dir)
    event_id = Path(text).name.removesuffix(".md")
    if event_id in files:
        return files[event_id]
    folder = display_path(outages, project)
    raise UsageError(unknown_event(event_id, files, catalog, tz, folder, project))


def read_one(path: Path, catalog: Catalog, tz: ZoneInfo, project: Path) -> Event | None:
    """The event in ``path`` as the checker reads it; None when it has errors."""
    source = read_source(display_path(path, project), path.read_bytes())
    return read_event(source, path.stem, tz, catalog.system_ids)[0]


def unknown_event(
    event_id: str,
    files: Mapping[str, Path],
    catalog: Catalog,
    tz: ZoneInfo,
    folder: str,
    project: Path,
) -> str:
    """What to say about an id that names no file: the open events of the systems it mentions,
    or else the nearest id."""
    said = f"no event '{event_id}' in {folder}/"
    systems = mentioned_systems(event_id, catalog)
    if not systems:
        close = difflib.get_close_matches(event_id, sorted(files), n=1, cutoff=0.5)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"{said}{hint}: give the event's id (its file name without .md) or its path"
    shorts = ", ".join(catalog.system(s).short for s in systems)
    events = open_events(files, systems, catalog, tz, project)
    if not events:
        return (
            f"{said}, and no event of {shorts} is open. To start one: invoke new --type "
            f"disruption --systems {','.join(systems)}"
        )
    named_type = [t for t, word in ID_WORDS.items() if f"-{word}" in event_id]
    events.sort(key=lambda e: e.type not in named_type)  # stable: the latest first within each
    # a typo in an open event's id: that one first
    typo = difflib.get_close_matches(event_id, [e.id for e in events], n=1, cutoff=0.85)
    if typo:
        said += f" (did you mean '{typo[0]}'?)"
        events.sort(key=lambda e: e.id != typo[0])
    lines = [f"{said}. Open events of {shorts}:"]
    lines += [f"  {describe(event, tz)}" for event in events[:MAX_SUGGESTIONS]]
    if len(events) > MAX_SUGGESTIONS:
        lines.append(f"  … and {len(events) - MAX_SUGGESTIONS} more (invoke check lists them all)")
    lines.append("Give one of these ids (the file name without .md) or the file's path.")
    return "\n".join(lines)


def mentioned_systems(event_id: str, catalog: Catalog) -> tuple[str, ...]:
    """The known system ids that are words of ``event_id`` (``2026-11-29-dms-verstoring``: dms)."""
    words = f"-{event_id.lower()}-"
    return tuple(s.id for s in catalog.systems if f"-{s.id.lower()}-" in words)


def open_events(
    files: Mapping[str, Path],
    systems: Sequence[str],
    catalog: Catalog,
    tz: ZoneInfo,
    project: Path,
) -> list[Event]:
    """The events without a final update that concern any of ``systems``, the latest start first.
    Files that cannot be read are left out: this only suggests."""
    found = []
    for path in files.values():
        try:
            event = read_one(path, catalog, tz, project)
        except OSError:
            continue
        if event is not None and not event.is_closed and set(event.systems) & set(systems):
            found.append(event)
    return sorted(found, key=lambda e: (e.start, e.id), reverse=True)


def describe(event: Event, tz: ZoneInfo) -> str:
    """``<id>  (disruption since Sunday 2026-11-29 09:12, latest: investigating)``"""
    start = event.start.astimezone(tz)
    since = "since" if event.start <= event.latest.at else "from"
    return f"{event.id}  ({event.type} {since} {_when(start)}, latest: {event.latest.status})"


def _when(moment: dt.datetime) -> str:
    return moment.strftime("%a %Y-%m-%d %H:%M")
