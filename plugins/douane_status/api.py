"""A Statuspage-compatible JSON API (v2 public shapes), Dutch under /api/v2/, English under /en/.

Status aggregators, exporters and dashboards already read Statuspage's public API, so we serve
its field names, value sets and nesting: systems are components, grouped by customs process;
disruptions are incidents; planned events are scheduled maintenances. The README documents how
our statuses map onto theirs and what has no equivalent.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from . import channels, i18n
from .config import StatusSettings
from .facts import as_of
from .model import LANGUAGES, Catalog, Event, Lang, Status, Update
from .plaintext import plain_text
from .state import (
    Phase,
    SystemState,
    SystemStatus,
    event_state,
    expected_end,
    overall_state,
    phase,
    system_statuses,
)
from .urls import page_path

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
) -> dict[str, bytes]:
    """Every endpoint in both languages, by path."""
    files = {}
    for lang in LANGUAGES:
        documents = _Api(lang, catalog, events, settings, now).documents()
        for endpoint, document in documents.items():
            # Compact: json's C encoder only runs without indent (5x faster on large archives)
            text = json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
            files[channels.api_path(lang, endpoint)] = text.encode("utf-8")
    return files


def component_status(status: SystemStatus) -> str:
    """A system's state in Statuspage's words; planned work with fallback is still maintenance."""
    if status.state is SystemState.FALLBACK and all(e.type.is_planned for e in status.events):
        return COMPONENT_STATUSES[SystemState.MAINTENANCE]
    return COMPONENT_STATUSES[status.state]


class _Api:
    def __init__(
        self,
        lang: Lang,
        catalog: Catalog,
        events: Sequence[Event],
        settings: StatusSettings,
        now: dt.datetime,
    ) -> None:
        self.lang = lang
        self.catalog = catalog
        self.events = events
        self.settings = settings
        self.now = now
        self.origin = channels.origin(settings)
        self.statuses = system_statuses(catalog, events, now)
        self.components = self._components()

    def time(self, moment: dt.datetime | None) -> str | None:
        """ISO 8601 with the page's offset and milliseconds, as Statuspage writes times."""
        if moment is None:
            return None
        return moment.astimezone(self.settings.tz).isoformat(timespec="milliseconds")

    def documents(self) -> dict[str, dict[str, Any]]:
        page = self._page()
        status = self._status()
        components = list(self.components.values())
        disruptions = sorted(
            (e for e in self.events if not e.type.is_planned),
            key=lambda e: (e.start, e.id),
            reverse=True,
        )
        incidents = [self._incident(e) for e in disruptions]
        unresolved = [i for e, i in zip(disruptions, incidents, strict=True) if not e.is_closed]
        # Soonest first for what is coming or under way, newest first for the whole list.
        planned = sorted(
            (e for e in self.events if e.type.is_planned), key=lambda e: (e.start, e.id)
        )
        documents = [self._maintenance(e) for e in planned]
        phases = [phase(e, self.now) for e in planned]
        maintenances = documents[::-1]
        upcoming = [d for d, p in zip(documents, phases, strict=True) if p is Phase.UPCOMING]
        active = [d for d, p in zip(documents, phases, strict=True) if p is Phase.ACTIVE]
        current = [d for d, p in zip(documents, phases, strict=True) if p is not Phase.ENDED]
        return {
            "summary.json": {
                "page": page,
                "components": components,
                "incidents": unresolved,
                "scheduled_maintenances": current,
                "status": status,
            },
            "status.json": {"page": page, "status": status},
            "components.json": {"page": page, "components": components},
            "incidents.json": {"page": page, "incidents": incidents},
            "incidents/unresolved.json": {"page": page, "incidents": unresolved},
            "scheduled-maintenances.json": {"page": page, "scheduled_maintenances": maintenances},
            "scheduled-maintenances/upcoming.json": {
                "page": page,
                "scheduled_maintenances": upcoming,
            },
            "scheduled-maintenances/active.json": {
                "page": page,
                "scheduled_maintenances": active,
            },
        }

    def _page(self) -> dict[str, Any]:
        return {
            "id": PAGE_ID,
            "name": i18n.word("site_name", self.lang),
            "url": self.origin + page_path("status", self.lang),
            "time_zone": self.settings.timezone,
            "updated_at": self.time(self.now),
        }

    def _status(self) -> dict[str, str]:
        overall = overall_state(self.statuses.values())
        return {
            "indicator": INDICATORS[overall],
            "description": i18n.label(i18n.OVERALL_HEADLINES, overall, self.lang),
        }

    def _components(self) -> dict[str, dict[str, Any]]:
        """Each process as a group, followed by the systems whose first process it is.

        Statuspage gives a component one group; a system serving several processes is placed
        under the first one listed for it in systems.yaml.
        """
        # Components have no creation time of their own: the published history starts here.
        since = self.time(self.now - dt.timedelta(days=self.settings.retention_days))
        result: dict[str, dict[str, Any]] = {}
        for group_position, process in enumerate(self.catalog.processes, start=1):
            members = [s for s in self.catalog.systems if s.processes[0] == process.id]
            if not members:
                continue
            children = []
            for position, system in enumerate(members, start=1):
                status = self.statuses[system.id]
                children.append(
                    {
                        "id": system.id,
                        "name": system.short,
                        "status": component_status(status),
                        "created_at": since,
                        "updated_at": self.time(self._last_change(system.id)) or since,
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

    def _last_change(self, system_id: str) -> dt.datetime | None:
        """The last moment the system's state could have changed: a message, or a window opening."""
        moments: list[dt.datetime] = []
        for event in self.events:
            if system_id in event.systems:
                moments.extend(u.at for u in event.updates)
                if event.type.is_planned and event.start <= self.now:
                    moments.append(event.start)
        return max(moments, default=None)

    def _event_components(self, event: Event) -> list[dict[str, Any]]:
        return [self.components[s] for s in event.systems]

    def _affected(self, event: Event, update: Update) -> list[dict[str, str]]:
        """What this update did to its systems, judged by this event alone."""
        index = update.number - 1
        before = (
            _event_status(as_of(event, event.updates[index - 1]), update.at)
            if index
            else "operational"
        )
        after = _event_status(as_of(event, update), update.at)
        return [
            {
                "code": s,
                "name": self.catalog.system(s).short,
                "old_status": before,
                "new_status": after,
            }
            for s in event.systems
        ]

    def _updates(self, event: Event, statuses: dict[Status, str]) -> list[dict[str, Any]]:
        lang = self.lang
        result = []
        for update in reversed(event.updates):
            parts = [plain_text(update.text[lang])]
            if update.status in WITHOUT_EQUIVALENT:
                label = i18n.label(i18n.STATUS_LABELS, update.status, lang)
                parts[0] = f"{label}: {parts[0]}"
            if update.fallback is not None:
                parts.append(i18n.label(i18n.FALLBACK_LABELS, update.fallback, lang) + ".")
            if update.expected_end is not None:
                parts.append(
                    f"{i18n.word('expected_end', lang)}: {self._moment(update.expected_end)}."
                )
            if update.next_update is not None:
                parts.append(
                    f"{i18n.word('next_update', lang)}: {self._moment(update.next_update)}."
                )
            at = self.time(update.at)
            result.append(
                {
                    "id": f"{event.id}-update-{update.number}",
                    "status": statuses[update.status],
                    "body": "\n\n".join(parts),
                    "incident_id": event.id,
                    "created_at": at,
                    "updated_at": at,
                    "display_at": at,
                    "affected_components": self._affected(event, update),
                    "deliver_notifications": True,
                    "custom_tweet": None,
                    "tweet_id": None,
                }
            )
        return result

    def _moment(self, moment: dt.datetime) -> str:
        return i18n.format_moment(moment, self.lang, self.settings.tz)

    def _common(
        self, event: Event, status: str, impact: str, statuses: dict[Status, str]
    ) -> dict[str, Any]:
        final = event.final_update
        return {
            "id": event.id,
            "name": event.title[self.lang],
            "status": status,
            "created_at": self.time(event.first_published),
            "updated_at": self.time(event.latest.at),
            "monitoring_at": None,
            "resolved_at": self.time(final.at) if final else None,
            "impact": impact,
            "shortlink": self.origin + page_path("event", self.lang, event.id),
            "started_at": self.time(event.start),
            "page_id": PAGE_ID,
            "incident_updates": self._updates(event, statuses),
            "components": self._event_components(event),
        }

    def _incident(self, event: Event) -> dict[str, Any]:
        return self._common(
            event,
            INCIDENT_STATUSES[event.latest.status],
            _incident_impact(event),
            INCIDENT_STATUSES,
        )

    def _maintenance(self, event: Event) -> dict[str, Any]:
        event_phase = phase(event, self.now)
        status = {
            Phase.UPCOMING: "scheduled",
            Phase.ACTIVE: "in_progress",  # a window that has begun is under way, update or not
            Phase.ENDED: "completed",
        }[event_phase]
        cancelled = event.latest.status is Status.CANCELLED
        document = self._common(
            event, status, "none" if cancelled else "maintenance", MAINTENANCE_STATUSES
        )
        document["scheduled_for"] = self.time(event.start)
        document["scheduled_until"] = self.time(expected_end(event))
        return document


def _event_status(event: Event, at: dt.datetime) -> str:
    """The component status this event alone puts its systems in at ``at``."""
    return component_status(SystemStatus("", event_state(event, at), (event,)))


def _incident_impact(event: Event) -> str:
    """The worst the disruption got; one found to be no fault had no impact."""
    if event.latest.status is Status.NO_FAULT:
        return "none"
    worst = max(
        (event_state(as_of(event, u), u.at) for u in event.updates),
        default=SystemState.AVAILABLE,
    )
    return IMPACTS[worst]


def _instant_key(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)
