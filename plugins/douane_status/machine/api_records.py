"""What the Statuspage-compatible API says that reads the same in every language.

Statuspage's words for our states and statuses, and each incident and maintenance as a record of
times and statuses: the archive holds thousands of events, so this is worked out once and both
languages' documents (``api``) are built from it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..domain.config import StatusSettings
from ..domain.model import Catalog, Event, Status, Update
from ..domain.update_keys import update_keys
from ..presentation import channels
from ..state.phases import (
    Phase,
    SystemState,
    SystemStatus,
    event_state,
    expected_end,
    phase,
    system_statuses,
)
from .facts import timeline

PAGE_ID = "douane-status"

# Statuspage's documentation names none, minor, major and critical; its pages also answer
# "maintenance" when maintenance is all that is going on, and so do we.
INDICATORS: dict[SystemState, str] = {
    SystemState.AVAILABLE: "none",
    SystemState.INVESTIGATING: "minor",
    SystemState.MAINTENANCE: "maintenance",
    SystemState.DISRUPTION: "major",
    SystemState.FALLBACK: "critical",
}
COMPONENT_STATUSES: dict[SystemState, str] = {
    SystemState.AVAILABLE: "operational",
    SystemState.INVESTIGATING: "degraded_performance",
    SystemState.MAINTENANCE: "under_maintenance",
    SystemState.DISRUPTION: "partial_outage",
    SystemState.FALLBACK: "major_outage",
}
# Worst first: a process group shows its worst system.
COMPONENT_SEVERITY = (
    "major_outage",
    "partial_outage",
    "degraded_performance",
    "under_maintenance",
    "operational",
)
INCIDENT_STATUSES: dict[Status, str] = {
    Status.INVESTIGATING: "investigating",
    Status.DISRUPTION: "identified",
    Status.RESOLVED: "resolved",
    Status.WORKAROUND: "resolved",
    Status.NO_FAULT: "resolved",
}
MAINTENANCE_STATUSES: dict[Status, str] = {
    Status.SCHEDULED: "scheduled",
    Status.IN_PROGRESS: "in_progress",
    Status.OVERRUN: "in_progress",
    Status.COMPLETED: "completed",
    Status.CANCELLED: "completed",
}
# Statuses Statuspage has no word for: their bodies start with our label, so nothing is lost.
WITHOUT_EQUIVALENT = frozenset(
    {Status.OVERRUN, Status.CANCELLED, Status.WORKAROUND, Status.NO_FAULT}
)
IMPACTS: dict[SystemState, str] = {
    SystemState.AVAILABLE: "none",
    SystemState.INVESTIGATING: "minor",
    SystemState.MAINTENANCE: "maintenance",
    SystemState.DISRUPTION: "major",
    SystemState.FALLBACK: "critical",
}


def component_status(status: SystemStatus) -> str:
    """A system's state in Statuspage's words; planned work with fallback is still maintenance."""
    return COMPONENT_STATUSES[reported_state(status)]


def reported_state(status: SystemStatus) -> SystemState:
    """The state the API reports for a system: planned work with fallback is maintenance."""
    if status.state is SystemState.FALLBACK and all(e.type.is_planned for e in status.events):
        return SystemState.MAINTENANCE
    return status.state


def page_state(statuses: Iterable[SystemStatus]) -> SystemState:
    """The page's state for ``status.indicator``: maintenance only when nothing else is going on.

    A system under investigation beside maintenance elsewhere is ``minor``, not ``maintenance``:
    the worst state apart from maintenance counts first.
    """
    states = {reported_state(s) for s in statuses} - {SystemState.AVAILABLE}
    trouble = states - {SystemState.MAINTENANCE}
    if trouble:
        return max(trouble)
    return SystemState.MAINTENANCE if states else SystemState.AVAILABLE


@dataclass(frozen=True, slots=True)
class UpdateState:
    """What one update did to the event's systems, judged by this event alone."""

    reached: SystemState  # the state the update put them in
    before: str  # their component status just before, and just after the update
    after: str


@dataclass(frozen=True, slots=True)
class ApiMessage:
    """The fields of an update that read the same in every language."""

    update: Update
    key: str  # ``update_keys``: the update's permanent key
    status: str
    at: str
    old_status: str  # of every component of the event's systems, just before and after it
    new_status: str


@dataclass(frozen=True, slots=True)
class ApiRecord:
    """The fields of an incident or maintenance that read the same in every language."""

    event: Event
    status: str
    impact: str
    created_at: str
    updated_at: str
    resolved_at: str | None
    started_at: str
    messages: tuple[ApiMessage, ...]  # newest first, as Statuspage lists them
    scheduled: tuple[str, str | None] | None  # a maintenance's window, from and until
    cancelled: bool = False  # a maintenance called off: it never took place


class ApiFacts:
    """Everything the API says that does not depend on the language.

    The archive holds thousands of events with several updates each: their times and statuses
    are worked out here once, not once per language.
    """

    def __init__(
        self, catalog: Catalog, events: Sequence[Event], settings: StatusSettings, now: dt.datetime
    ) -> None:
        self.catalog = catalog
        self.settings = settings
        self.now = now
        self.origin = channels.origin(settings)
        self._instants: dict[dt.datetime, str] = {}
        self.statuses = system_statuses(catalog, events, now)
        self.overall = page_state(self.statuses.values())
        self.last_changes = _last_changes(events, now)
        # What the page last showed anew: a message, or a window opening; with no events, the
        # site's start. Never the build's time: clients that compare see no change then.
        self.updated = max([settings.started_at, *self.last_changes.values()])
        disruptions = sorted(
            (e for e in events if not e.type.is_planned),
            key=lambda e: (e.start, e.id),
            reverse=True,
        )
        self.incidents = [self._incident(e) for e in disruptions]
        # Soonest first; the whole list shows them newest first.
        planned = sorted((e for e in events if e.type.is_planned), key=lambda e: (e.start, e.id))
        self.phases = [phase(e, now) for e in planned]
        self.maintenances = [
            self._maintenance(e, p) for e, p in zip(planned, self.phases, strict=True)
        ]

    def instant(self, moment: dt.datetime) -> str:
        """ISO 8601 with the page's offset and milliseconds, as Statuspage writes times.

        Each moment is written once: an update's time recurs in its message, its record and
        its event's, and the two languages share them (half of some 5,000 asked for at 500
        events). Equal moments are the same instant, whatever their zone, and so one text."""
        text = self._instants.get(moment)
        if text is None:
            text = moment.astimezone(self.settings.tz).isoformat(timespec="milliseconds")
            self._instants[moment] = text
        return text

    def time(self, moment: dt.datetime | None) -> str | None:
        """``instant``, or None for no moment."""
        return None if moment is None else self.instant(moment)

    def _incident(self, event: Event) -> ApiRecord:
        states = _states(event)
        return self._record(
            event,
            INCIDENT_STATUSES[event.latest.status],
            _incident_impact(event, states),
            INCIDENT_STATUSES,
            states,
            None,
        )

    def _maintenance(self, event: Event, event_phase: Phase) -> ApiRecord:
        status = {
            Phase.UPCOMING: "scheduled",
            Phase.ACTIVE: "in_progress",  # a window that has begun is under way, update or not
            Phase.ENDED: "completed",
        }[event_phase]
        scheduled = (self.instant(event.start), self.time(expected_end(event)))
        record = self._record(
            event, status, "maintenance", MAINTENANCE_STATUSES, _states(event), scheduled
        )
        if event.latest.status is not Status.CANCELLED:
            return record
        # Called off: Statuspage has no word for it, and "completed" with a resolved_at would be
        # counted as work carried out. Closed (completed, the only end it knows), with no impact,
        # never resolved, and said in our own field; the cancellation is its last update.
        return dataclasses.replace(record, impact="none", resolved_at=None, cancelled=True)

    def _record(
        self,
        event: Event,
        status: str,
        impact: str,
        statuses: dict[Status, str],
        states: Sequence[UpdateState],
        scheduled: tuple[str, str | None] | None,
    ) -> ApiRecord:
        final = event.final_update
        return ApiRecord(
            event=event,
            status=status,
            impact=impact,
            created_at=self.instant(event.first_published),
            updated_at=self.instant(event.latest.at),
            resolved_at=self.time(final.at) if final else None,
            started_at=self.instant(event.start),
            messages=tuple(
                self._message(update, key, state, statuses)
                for update, key, state in zip(
                    reversed(event.updates),
                    reversed(update_keys(event)),
                    reversed(states),
                    strict=True,
                )
            ),
            scheduled=scheduled,
        )

    def _message(
        self, update: Update, key: str, state: UpdateState, statuses: dict[Status, str]
    ) -> ApiMessage:
        return ApiMessage(
            update,
            key,
            statuses[update.status],
            self.instant(update.at),
            state.before,
            state.after,
        )


def _states(event: Event) -> list[UpdateState]:
    """For each update, oldest first, the states it left its systems in."""
    known = timeline(event)
    result = []
    for index, update in enumerate(event.updates):
        reached = event_state(known[index], update.at)
        before = (
            _status_word(known[index - 1], event_state(known[index - 1], update.at))
            if index
            else "operational"
        )
        result.append(UpdateState(reached, before, _status_word(known[index], reached)))
    return result


def _status_word(event: Event, state: SystemState) -> str:
    """The component status ``state`` is, when this event alone puts its systems in it."""
    return component_status(SystemStatus("", state, (event,)))


def _incident_impact(event: Event, states: Sequence[UpdateState]) -> str:
    """The worst the disruption got; one found to be no fault had no impact."""
    if event.latest.status is Status.NO_FAULT:
        return "none"
    return IMPACTS[max((s.reached for s in states), default=SystemState.AVAILABLE)]


def _last_changes(events: Sequence[Event], now: dt.datetime) -> dict[str, dt.datetime]:
    """Per system, the last moment its state could have changed: a message, or a window opening."""
    result: dict[str, dt.datetime] = {}
    for event in events:
        latest = max(u.at for u in event.updates)
        if event.type.is_planned and event.start <= now:
            latest = max(latest, event.start)
        for system_id in event.systems:
            if system_id not in result or latest > result[system_id]:
                result[system_id] = latest
    return result
