"""A Statuspage-compatible JSON API (v2 public shapes), Dutch under /api/v2/, English under /en/.

Status aggregators, exporters and dashboards already read Statuspage's public API, so we serve
its field names, value sets and nesting: systems are components, grouped by customs process;
disruptions are incidents; planned events are scheduled maintenances. The README documents how
our statuses map onto theirs and what has no equivalent.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..domain.config import StatusSettings
from ..domain.model import LANGUAGES, Catalog, Event, Lang, Status, Update
from ..presentation import channels, i18n
from ..presentation.plaintext import plain_text
from ..presentation.urls import page_path
from ..state.phases import (
    Phase,
    SystemState,
    SystemStatus,
    event_state,
    expected_end,
    overall_state,
    phase,
    system_statuses,
)
from .facts import timeline

PAGE_ID = "douane-status"

INDICATORS: dict[SystemState, str] = {
    SystemState.AVAILABLE: "none",
    SystemState.INVESTIGATING: "minor",
    SystemState.MAINTENANCE: "minor",
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


def api_files(
    catalog: Catalog, events: Sequence[Event], settings: StatusSettings, now: dt.datetime
) -> Iterator[tuple[str, bytes]]:
    """Every endpoint in both languages with its path, one at a time: the largest are tens of
    megabytes at 5,000 events, and each can be written before the next is made."""
    facts = _Facts(catalog, events, settings, now)  # what both languages share, worked out once
    for lang in LANGUAGES:
        for endpoint, text in _Api(lang, facts).documents():
            yield channels.api_path(lang, endpoint), (text + "\n").encode("utf-8")


# Compact: json's C encoder only runs without indent (5x faster on large archives).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def encode(value: Any) -> str:
    """``value`` as compact JSON, as ``json.dumps(value, ensure_ascii=False, separators=...)``."""
    return _ENCODER.encode(value)


def json_array(items: Sequence[str]) -> str:
    """The JSON array of values that are encoded already, exactly as ``encode`` writes a list."""
    return "[" + ",".join(items) + "]"


def json_object(**fields: str) -> str:
    """The JSON object of values that are encoded already, exactly as ``encode`` writes a dict."""
    return "{" + ",".join(f"{encode(name)}:{value}" for name, value in fields.items()) + "}"


def component_status(status: SystemStatus) -> str:
    """A system's state in Statuspage's words; planned work with fallback is still maintenance."""
    if status.state is SystemState.FALLBACK and all(e.type.is_planned for e in status.events):
        return COMPONENT_STATUSES[SystemState.MAINTENANCE]
    return COMPONENT_STATUSES[status.state]


@dataclass(frozen=True, slots=True)
class _State:
    """What one update did to the event's systems, judged by this event alone."""

    reached: SystemState  # the state the update put them in
    before: str  # their component status just before, and just after the update
    after: str


@dataclass(frozen=True, slots=True)
class _Message:
    """The fields of an update that read the same in every language."""

    update: Update
    status: str
    at: str
    affected_components: list[dict[str, str]]


@dataclass(frozen=True, slots=True)
class _Record:
    """The fields of an incident or maintenance that read the same in every language."""

    event: Event
    status: str
    impact: str
    created_at: str
    updated_at: str
    resolved_at: str | None
    started_at: str
    messages: tuple[_Message, ...]  # newest first, as Statuspage lists them
    scheduled: tuple[str, str | None] | None  # a maintenance's window, from and until


class _Facts:
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
        self.statuses = system_statuses(catalog, events, now)
        self.overall = overall_state(self.statuses.values())
        self.last_changes = _last_changes(events, now)
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
        """ISO 8601 with the page's offset and milliseconds, as Statuspage writes times."""
        return moment.astimezone(self.settings.tz).isoformat(timespec="milliseconds")

    def time(self, moment: dt.datetime | None) -> str | None:
        """``instant``, or None for no moment."""
        return None if moment is None else self.instant(moment)

    def _incident(self, event: Event) -> _Record:
        states = _states(event)
        return self._record(
            event,
            INCIDENT_STATUSES[event.latest.status],
            _incident_impact(event, states),
            INCIDENT_STATUSES,
            states,
            None,
        )

    def _maintenance(self, event: Event, event_phase: Phase) -> _Record:
        status = {
            Phase.UPCOMING: "scheduled",
            Phase.ACTIVE: "in_progress",  # a window that has begun is under way, update or not
            Phase.ENDED: "completed",
        }[event_phase]
        cancelled = event.latest.status is Status.CANCELLED
        scheduled = (self.instant(event.start), self.time(expected_end(event)))
        return self._record(
            event,
            status,
            "none" if cancelled else "maintenance",
            MAINTENANCE_STATUSES,
            _states(event),
            scheduled,
        )

    def _record(
        self,
        event: Event,
        status: str,
        impact: str,
        statuses: dict[Status, str],
        states: Sequence[_State],
        scheduled: tuple[str, str | None] | None,
    ) -> _Record:
        final = event.final_update
        return _Record(
            event=event,
            status=status,
            impact=impact,
            created_at=self.instant(event.first_published),
            updated_at=self.instant(event.latest.at),
            resolved_at=self.time(final.at) if final else None,
            started_at=self.instant(event.start),
            messages=tuple(
                self._message(event, update, state, statuses)
                for update, state in zip(reversed(event.updates), reversed(states), strict=True)
            ),
            scheduled=scheduled,
        )

    def _message(
        self, event: Event, update: Update, state: _State, statuses: dict[Status, str]
    ) -> _Message:
        affected = [
            {
                "code": s,
                "name": self.catalog.system(s).short,
                "old_status": state.before,
                "new_status": state.after,
            }
            for s in event.systems
        ]
        return _Message(update, statuses[update.status], self.instant(update.at), affected)


def _states(event: Event) -> list[_State]:
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
        result.append(_State(reached, before, _status_word(known[index], reached)))
    return result


def _status_word(event: Event, state: SystemState) -> str:
    """The component status ``state`` is, when this event alone puts its systems in it."""
    return component_status(SystemStatus("", state, (event,)))


def _incident_impact(event: Event, states: Sequence[_State]) -> str:
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


class _Api:
    """The documents of one language."""

    def __init__(self, lang: Lang, facts: _Facts) -> None:
        self.lang = lang
        self.facts = facts
        self.catalog = facts.catalog
        self.settings = facts.settings
        self.origin = facts.origin
        self.components = self._components()

    def documents(self) -> Iterator[tuple[str, str]]:
        """Each endpoint with its JSON text, one at a time.

        Each incident and maintenance is encoded as soon as it is built, and its text serves
        every endpoint that lists it: a large archive never sits in memory as a million dicts
        (which the garbage collector would walk again and again).
        """
        facts = self.facts
        page = encode(self._page())
        status = encode(self._status())
        components = encode(list(self.components.values()))
        incidents = [encode(self._document(r)) for r in facts.incidents]
        unresolved = [
            i for r, i in zip(facts.incidents, incidents, strict=True) if not r.event.is_closed
        ]
        documents = [encode(self._document(r)) for r in facts.maintenances]
        phases = facts.phases
        maintenances = documents[::-1]
        upcoming = [d for d, p in zip(documents, phases, strict=True) if p is Phase.UPCOMING]
        active = [d for d, p in zip(documents, phases, strict=True) if p is Phase.ACTIVE]
        current = [d for d, p in zip(documents, phases, strict=True) if p is not Phase.ENDED]
        yield (
            "summary.json",
            json_object(
                page=page,
                components=components,
                incidents=json_array(unresolved),
                scheduled_maintenances=json_array(current),
                status=status,
            ),
        )
        yield "status.json", json_object(page=page, status=status)
        yield "components.json", json_object(page=page, components=components)
        yield "incidents.json", json_object(page=page, incidents=json_array(incidents))
        yield "incidents/unresolved.json", json_object(page=page, incidents=json_array(unresolved))
        yield (
            "scheduled-maintenances.json",
            json_object(page=page, scheduled_maintenances=json_array(maintenances)),
        )
        yield (
            "scheduled-maintenances/upcoming.json",
            json_object(page=page, scheduled_maintenances=json_array(upcoming)),
        )
        yield (
            "scheduled-maintenances/active.json",
            json_object(page=page, scheduled_maintenances=json_array(active)),
        )

    def _page(self) -> dict[str, Any]:
        return {
            "id": PAGE_ID,
            "name": i18n.word("site_name", self.lang),
            "url": self.origin + page_path("status", self.lang),
            "time_zone": self.settings.timezone,
            "updated_at": self.facts.time(self.facts.now),
        }

    def _status(self) -> dict[str, str]:
        overall = self.facts.overall
        return {
            "indicator": INDICATORS[overall],
            "description": i18n.label(i18n.OVERALL_HEADLINES, overall, self.lang),
        }

    def _components(self) -> dict[str, dict[str, Any]]:
        """Each process as a group, followed by the systems whose first process it is.

        Statuspage gives a component one group; a system serving several processes is placed
        under the first one listed for it in systems.yaml.
        """
        facts = self.facts
        # Components have no creation time of their own: the published history starts here.
        since = facts.time(facts.now - dt.timedelta(days=self.settings.retention_days))
        result: dict[str, dict[str, Any]] = {}
        for group_position, process in enumerate(self.catalog.processes, start=1):
            members = [s for s in self.catalog.systems if s.processes[0] == process.id]
            if not members:
                continue
            children = []
            for position, system in enumerate(members, start=1):
                status = facts.statuses[system.id]
                children.append(
                    {
                        "id": system.id,
                        "name": system.short,
                        "status": component_status(status),
                        "created_at": since,
                        "updated_at": facts.time(facts.last_changes.get(system.id)) or since,
                        "position": position,
                        "description": system.name[self.lang],
                        "showcase": True,
                        "start_date": None,
                        "group_id": f"process-{process.id}",
                        "page_id": PAGE_ID,
                        "group": False,
                        "only_show_if_degraded": False,
                    }
                )
            result[f"process-{process.id}"] = {
                "id": f"process-{process.id}",
                "name": process.name[self.lang],
                "status": min((c["status"] for c in children), key=COMPONENT_SEVERITY.index),
                "created_at": since,
                "updated_at": max((c["updated_at"] for c in children), key=_instant_key),
                "position": group_position,
                "description": None,
                "showcase": False,
                "start_date": None,
                "group_id": None,
                "page_id": PAGE_ID,
                "group": True,
                "only_show_if_degraded": False,
                "components": [c["id"] for c in children],
            }
            result.update((c["id"], c) for c in children)
        return result

    def _updates(self, record: _Record) -> list[dict[str, Any]]:
        event_id = record.event.id
        return [
            {
                "id": f"{event_id}-update-{message.update.number}",
                "status": message.status,
                "body": self._body(message.update),
                "incident_id": event_id,
                "created_at": message.at,
                "updated_at": message.at,
                "display_at": message.at,
                "affected_components": message.affected_components,
                "deliver_notifications": True,
                "custom_tweet": None,
                "tweet_id": None,
            }
            for message in record.messages
        ]

    def _body(self, update: Update) -> str:
        lang = self.lang
        parts = [plain_text(update.text[lang])]
        if update.status in WITHOUT_EQUIVALENT:
            label = i18n.label(i18n.STATUS_LABELS, update.status, lang)
            parts[0] = f"{label}: {parts[0]}"
        if update.fallback is not None:
            parts.append(i18n.label(i18n.FALLBACK_LABELS, update.fallback, lang) + ".")
        if update.expected_end is not None:
            parts.append(f"{i18n.word('expected_end', lang)}: {self._moment(update.expected_end)}.")
        if update.next_update is not None:
            parts.append(f"{i18n.word('next_update', lang)}: {self._moment(update.next_update)}.")
        return "\n\n".join(parts)

    def _moment(self, moment: dt.datetime) -> str:
        return i18n.format_moment(moment, self.lang, self.settings.tz)

    def _common(self, record: _Record) -> dict[str, Any]:
        event = record.event
        return {
            "id": event.id,
            "name": event.title[self.lang],
            "status": record.status,
            "created_at": record.created_at,
            "updated_at": record.updated_at,
            "monitoring_at": None,
            "resolved_at": record.resolved_at,
            "impact": record.impact,
            "shortlink": self.origin + page_path("event", self.lang, event.id),
            "started_at": record.started_at,
            "page_id": PAGE_ID,
            "incident_updates": self._updates(record),
            "components": [self.components[s] for s in event.systems],
        }

    def _document(self, record: _Record) -> dict[str, Any]:
        """An incident, or a scheduled maintenance: an incident with its window."""
        document = self._common(record)
        if record.scheduled is not None:
            document["scheduled_for"], document["scheduled_until"] = record.scheduled
        return document


def _instant_key(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)
