"""The event model: what an outage file means once it has been read and checked.

Plain frozen dataclasses with no I/O. Every instant is an aware datetime in UTC; conversion to
Europe/Amsterdam happens where a person reads it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Literal

Lang = Literal["nl", "en"]
LANGUAGES: tuple[Lang, ...] = ("nl", "en")


class EventType(StrEnum):
    MAINTENANCE = "maintenance"
    RELEASE = "release"
    DISRUPTION = "disruption"
    UNPLANNED_MAINTENANCE = "unplanned-maintenance"

    @property
    def is_planned(self) -> bool:
        return self is not EventType.DISRUPTION


class Status(StrEnum):
    SCHEDULED = "scheduled"
    IN_PROGRESS = "in-progress"
    OVERRUN = "overrun"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    INVESTIGATING = "investigating"
    DISRUPTION = "disruption"
    RESOLVED = "resolved"
    WORKAROUND = "workaround"
    NO_FAULT = "no-fault"

    @property
    def is_final(self) -> bool:
        return self in FINAL_STATUSES


PLANNED_STATUSES = (
    Status.SCHEDULED,
    Status.IN_PROGRESS,
    Status.OVERRUN,
    Status.COMPLETED,
    Status.CANCELLED,
)
DISRUPTION_STATUSES = (
    Status.INVESTIGATING,
    Status.DISRUPTION,
    Status.RESOLVED,
    Status.WORKAROUND,
    Status.NO_FAULT,
)
FINAL_STATUSES = frozenset(
    {Status.COMPLETED, Status.CANCELLED, Status.RESOLVED, Status.WORKAROUND, Status.NO_FAULT}
)


def statuses_for(event_type: EventType) -> tuple[Status, ...]:
    return PLANNED_STATUSES if event_type.is_planned else DISRUPTION_STATUSES


class Fallback(StrEnum):
    ALLOWED = "allowed"
    NOT_NEEDED = "not-needed"
    ENDED = "ended"


@dataclass(frozen=True)
class Text:
    """One text in both languages (Markdown for messages and bodies, plain for titles)."""

    nl: str
    en: str

    def __getitem__(self, lang: Lang) -> str:
        return self.nl if lang == "nl" else self.en


@dataclass(frozen=True)
class Update:
    number: int  # 1-based position in the timeline
    line: int
    at: dt.datetime
    status: Status
    text: Text
    next_update: dt.datetime | None = None
    expected_end: dt.datetime | None = None
    fallback: Fallback | None = None


@dataclass(frozen=True)
class Event:
    id: str
    path: str  # as shown in findings, relative to the project
    type: EventType
    title: Text
    systems: tuple[str, ...]
    start: dt.datetime
    updates: tuple[Update, ...]
    body: Text
    end: dt.datetime | None = None
    announced: dt.datetime | None = None
    fallback_possible: bool | None = None
    follows: str | None = None
    cause: Text | None = None
    process_changes: Text | None = None
    buffered_messages: Text | None = None
    lines: Mapping[str, int] = field(default_factory=dict, compare=False)

    def line_of(self, name: str) -> int:
        return self.lines.get(name, 1)

    @cached_property
    def update_keys(self) -> tuple[str, ...]:
        """Each update's permanent key, in timeline order: its time in UTC, and ``-2``, ``-3``
        for a second and third update at the same instant (``domain/update_keys.py`` says
        why). Worked out once: the pages, feeds, calendar and API all name updates by it."""
        keys: list[str] = []
        seen: dict[str, int] = {}
        for update in self.updates:
            stamp = update.at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
            seen[stamp] = seen.get(stamp, 0) + 1
            keys.append(stamp if seen[stamp] == 1 else f"{stamp}-{seen[stamp]}")
        return tuple(keys)

    @property
    def latest(self) -> Update:
        return self.updates[-1]

    @property
    def final_update(self) -> Update | None:
        return self.updates[-1] if self.updates and self.updates[-1].status.is_final else None

    @property
    def is_closed(self) -> bool:
        return self.final_update is not None

    @property
    def first_published(self) -> dt.datetime:
        return self.updates[0].at

    def published_at(self, now: dt.datetime) -> Event | None:
        """The event as the public knew it at ``now``: later updates not yet published."""
        visible = tuple(u for u in self.updates if u.at <= now)
        if not visible:
            return None
        if len(visible) == len(self.updates):
            return self
        return _replace_updates(self, visible)


def _replace_updates(event: Event, updates: tuple[Update, ...]) -> Event:
    from dataclasses import replace

    return replace(event, updates=updates)


@dataclass(frozen=True)
class Process:
    id: str
    name: Text


@dataclass(frozen=True)
class ProcedureLink:
    """A system's own fallback procedure on the web: its Dutch page, and its English page where
    there is one."""

    nl: str
    en: str | None = None

    def for_reader(self, lang: Lang) -> tuple[str, Lang]:
        """The page for a reader of ``lang``, and the language that page is in."""
        if lang == "en" and self.en:
            return self.en, "en"
        return self.nl, "nl"


@dataclass(frozen=True)
class System:
    id: str
    short: str
    name: Text
    processes: tuple[str, ...]
    fallback_procedure: ProcedureLink | None = None  # None: the overview of all procedures
    description: Text | None = None


class WindowKind(StrEnum):
    MAINTENANCE = "maintenance"  # reserved Sundays
    RELEASE = "release"  # reserved Saturdays


@dataclass(frozen=True)
class Window:
    """An agreed maintenance or release window of the year."""

    kind: WindowKind
    date: dt.date
    start: dt.datetime
    end: dt.datetime
    cancelled: bool = False
    path: str = ""
    line: int = 0
    moved_from: dt.date | None = None  # the date it was agreed on, when it has been moved

    @property
    def uid(self) -> str:
        """Stable across a move: a moved window keeps the identity of its original date."""
        return f"window-{self.kind}-{(self.moved_from or self.date).isoformat()}"

    @property
    def changes(self) -> int:
        """How often the agreed window was changed (moved, cancelled): its calendar SEQUENCE."""
        return int(self.moved_from is not None) + int(self.cancelled)


@dataclass(frozen=True)
class Catalog:
    """The reference data: processes, systems and the agreed windows."""

    processes: tuple[Process, ...]
    systems: tuple[System, ...]
    windows: tuple[Window, ...] = ()

    @property
    def system_ids(self) -> frozenset[str]:
        return frozenset(s.id for s in self.systems)

    def system(self, system_id: str) -> System:
        for system in self.systems:
            if system.id == system_id:
                return system
        raise KeyError(system_id)

    def process(self, process_id: str) -> Process:
        for process in self.processes:
            if process.id == process_id:
                return process
        raise KeyError(process_id)

    def windows_in_year(self, year: int) -> tuple[Window, ...]:
        return tuple(w for w in self.windows if w.date.year == year)
