"""What the events mean at a given "now": phases, system states, retention.

Pure functions of (event, now, settings); the status page, API and feeds all derive from these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum, StrEnum

from ..domain.config import StatusSettings
from ..domain.model import Catalog, Event, Fallback, Status
from ..domain.timestamps import years_later


class Phase(StrEnum):
    UPCOMING = "upcoming"
    ACTIVE = "active"
    ENDED = "ended"


class SystemState(IntEnum):
    """Ordered by severity: a system shows the most severe state of its active events."""

    AVAILABLE = 0
    INVESTIGATING = 1
    MAINTENANCE = 2
    DISRUPTION = 3
    FALLBACK = 4

    @property
    def key(self) -> str:
        return self.name.lower()


def phase(event: Event, now: dt.datetime) -> Phase:
    """Upcoming, active or ended at ``now``; a planned window that has begun is active."""
    if event.is_closed:
        return Phase.ENDED
    if event.type.is_planned and event.latest.status is Status.SCHEDULED and now < event.start:
        return Phase.UPCOMING
    return Phase.ACTIVE


def current_fallback(event: Event) -> Fallback | None:
    """The latest fallback decision published for the event, if any."""
    for update in reversed(event.updates):
        if update.fallback is not None:
            return update.fallback
    return None


def next_communication(event: Event) -> dt.datetime | None:
    return None if event.is_closed else event.latest.next_update


def expected_end(event: Event) -> dt.datetime | None:
    """The latest announced expected end (an overrun's), else the planned end."""
    for update in reversed(event.updates):
        if update.expected_end is not None:
            return update.expected_end
    return event.end


def actual_end(event: Event) -> dt.datetime | None:
    """When the unavailability ended: the final update, or a disruption's ``end`` if earlier."""
    final = event.final_update
    if final is None:
        return None
    if final.status is Status.CANCELLED:
        return final.at
    if event.type.is_planned:
        return final.at
    return min(event.end, final.at) if event.end else final.at


def event_state(event: Event, now: dt.datetime) -> SystemState:
    """The state an event puts its systems in at ``now`` (AVAILABLE unless it is active)."""
    if phase(event, now) is not Phase.ACTIVE:
        return SystemState.AVAILABLE
    if current_fallback(event) is Fallback.ALLOWED:
        return SystemState.FALLBACK
    if event.type.is_planned:
        return SystemState.MAINTENANCE
    if event.latest.status is Status.INVESTIGATING:
        return SystemState.INVESTIGATING
    return SystemState.DISRUPTION


@dataclass(frozen=True)
class SystemStatus:
    system_id: str
    state: SystemState
    events: tuple[Event, ...]  # the active events that touch the system


def system_statuses(
    catalog: Catalog, events: Iterable[Event], now: dt.datetime
) -> dict[str, SystemStatus]:
    active: dict[str, list[Event]] = {s.id: [] for s in catalog.systems}
    for event in events:
        if phase(event, now) is Phase.ACTIVE:
            for system_id in event.systems:
                active.setdefault(system_id, []).append(event)
    result = {}
    for system_id, touching in active.items():
        state = max((event_state(e, now) for e in touching), default=SystemState.AVAILABLE)
        result[system_id] = SystemStatus(system_id, state, tuple(touching))
    return result


def overall_state(statuses: Iterable[SystemStatus]) -> SystemState:
    return max((s.state for s in statuses), default=SystemState.AVAILABLE)


def retention_end(event: Event, settings: StatusSettings) -> dt.datetime:
    """The last instant an event is published: ``retention_years`` calendar years after its end.

    An event ends with its final update; an open event counts from its last update (protocol
    afspraak 7: "voor de periode van 1 jaar"). Either way that is the latest update, so the last
    message is kept a full year: until the same local date and time a year later (29 February
    ends on 28 February), whatever daylight saving did in between.
    """
    return years_later(event.latest.at, settings.retention_years, settings.tz)


def in_retention(event: Event, now: dt.datetime, settings: StatusSettings) -> bool:
    return now <= retention_end(event, settings)


def published(
    events: Sequence[Event], now: dt.datetime, settings: StatusSettings
) -> tuple[Event, ...]:
    """The events as the public sees them at ``now``: already announced and within retention."""
    result = []
    for event in events:
        visible = event.published_at(now)
        if visible is not None and in_retention(visible, now, settings):
            result.append(visible)
    return tuple(result)
