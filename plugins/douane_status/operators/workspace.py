"""What the operator's tasks share: the project read once, the options they have in common, the
event as it is, and the outcome.

Each task (``new``, ``update``, ``close``) gathers the facts (settings, systems, phrasebook, the
event as it is), composes the new text with ``authoring``, checks it with the checker and writes it
only when it has no errors. Operator mistakes (an unknown system, a status that does not fit) are
``UsageError`` with what to do.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from ..domain.config import StatusSettings
from ..domain.errors import UsageError
from ..domain.findings import Finding, has_errors
from ..domain.model import Catalog, Event, Text
from ..domain.timestamps import ClockDay, parse_time_option
from ..domain.workdays import WorkCalendar
from ..reading.catalog import read_catalog
from ..reading.phrases import Phrasebook, load_phrasebook
from ..reading.source import display_path
from ..rules.content import load_content
from . import authoring as a
from .closed import closed_event_message
from .lookup import event_files, find_event
from .staging import check_candidate, write_atomic


@dataclass(frozen=True)
class Outcome:
    path: Path
    shown: str  # the path as findings show it
    written: bool
    findings: tuple[Finding, ...]
    notes: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Workspace:
    """What every task needs to know about the project, read once."""

    project: Path
    content_dir: Path
    settings: StatusSettings
    catalog: Catalog
    phrases: Phrasebook
    calendar: WorkCalendar

    @classmethod
    def open(cls, project: Path, settings: StatusSettings) -> Workspace:
        content_dir = project / "content"
        catalog, findings = read_catalog(content_dir, project, settings.tz)
        errors = [f for f in findings if f.is_error]
        if errors:
            raise UsageError(
                "the reference data has errors; fix them first:\n"
                + "\n".join(f.as_text() for f in errors)
            )
        phrases = load_phrasebook(content_dir, project)
        return cls(project, content_dir, settings, catalog, phrases, WorkCalendar(settings))

    @property
    def tz(self) -> ZoneInfo:
        return self.settings.tz

    def shown(self, path: Path) -> str:
        return display_path(path, self.project)

    def values(self, systems: Sequence[str], **moments: dt.datetime | None) -> dict[str, Text]:
        return a.placeholder_values(self.catalog, systems, self.tz, **moments)

    def commit(self, path: Path, text: str, now: dt.datetime, notes: Sequence[str]) -> Outcome:
        """Check the new text; write it only when the checker finds no errors in it."""
        findings = check_candidate(self.content_dir, self.project, path, text, self.settings, now)
        written = not has_errors(findings)
        if written:
            write_atomic(path, text)
        return Outcome(path, self.shown(path), written, findings, tuple(notes))


# -- option parsing ------------------------------------------------------------------------------


def choice(option: str, value: str, allowed: Sequence[str]) -> str:
    if value in allowed:
        return value
    close = difflib.get_close_matches(value, allowed, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    raise UsageError(f"{option} '{value}' is not known{hint}; use one of: {', '.join(allowed)}")


def chosen_systems(option_text: str, catalog: Catalog) -> tuple[str, ...]:
    known = tuple(sorted(catalog.system_ids))
    chosen: list[str] = []
    for item in (s.strip() for s in option_text.split(",")):
        if not item:
            continue
        system_id = choice("--systems: system", item, known)
        if system_id not in chosen:
            chosen.append(system_id)
    if not chosen:
        raise UsageError(f"--systems names no system; known: {', '.join(known)}")
    return tuple(chosen)


def both_languages(option: str, nl: str | None, en: str | None) -> Text | None:
    """Both languages or neither (then the phrasebook's sentence is used)."""
    if nl is None and en is None:
        return None
    if not (nl or "").strip() or not (en or "").strip():
        raise UsageError(
            f"give both --{option}nl and --{option}en: every message is in Dutch and English"
        )
    assert nl is not None and en is not None
    return Text(nl.strip(), en.strip())


def operator_time(
    ws: Workspace, option: str, text: str | None, reference: dt.datetime, day: ClockDay
) -> dt.datetime | None:
    """A time option's value (None when not given); ``HH:MM`` alone is placed by ``day``."""
    return None if text is None else parse_time_option(option, text, ws.tz, reference, day)


def all_ids(content_dir: Path) -> set[str]:
    return set(event_files(content_dir))


# -- the event as it is ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CurrentEvent:
    path: Path
    shown: str
    text: str
    event: Event


def current_event(ws: Workspace, reference: str, now: dt.datetime) -> CurrentEvent | Outcome:
    """The event as it is, or an Outcome with the errors that must be fixed first."""
    path = find_event(ws.project, ws.content_dir, ws.catalog, ws.tz, reference)
    shown = ws.shown(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{shown} is not UTF-8: save it as UTF-8 first") from None
    content = load_content(ws.content_dir, ws.settings, now, root=ws.project, only=[path])
    errors = tuple(f for f in content.findings if f.is_error)
    event = next((e for e in content.events if e.path == shown), None)
    if errors or event is None:
        note = "The file has errors; nothing was changed. Fix them first (invoke check)."
        return Outcome(path, shown, False, errors, (note,))
    return CurrentEvent(path, shown, text, event)


def update_moment(current: CurrentEvent, now: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    at = a.minute(now)
    event = current.event
    if event.is_closed:
        raise UsageError(closed_event_message(event, current.text, current.shown, tz))
    if at < event.latest.at:
        latest = event.latest
        raise UsageError(
            f"{current.shown}:{latest.line}: --now is before the latest update (update "
            f"{latest.number}, {a.file_time(latest.at, tz)}): updates go oldest first; give a "
            "later --now, or leave it out for the current time"
        )
    return at
