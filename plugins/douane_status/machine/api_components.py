"""The API's components: every customs process a group, with a component for each system in it.

Statuspage gives a component one group, and a client that watches a group sees only that
group's components. A business watches its processes, and a system such as DMS serves several
(import, export, storage): so each process has its own component for each system that serves
it, with an id that names both (``import.dms``) and a name that does too ("DMS (Import)"), as
clients that key on names (the Prometheus exporter) need it unique. All components of a system
have its state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from ..domain.model import Lang, Process, System
from ..presentation import channels
from .api_records import COMPONENT_SEVERITY, PAGE_ID, ApiFacts, component_status


def component_id(process_id: str, system_id: str) -> str:
    """The id of the component of ``system_id`` in the group of ``process_id``."""
    return f"{process_id}.{system_id}"


def group_id(process_id: str) -> str:
    return f"process-{process_id}"


class Components:
    """The components of one language, in Statuspage's order: each group before its members."""

    def __init__(self, lang: Lang, facts: ApiFacts) -> None:
        self.lang = lang
        self.facts = facts
        self.created = facts.instant(facts.settings.started_at)
        self.by_id: dict[str, dict[str, Any]] = {}
        for position, process in enumerate(facts.catalog.processes, start=1):
            members = channels.process_systems(facts.catalog, process)
            children = [self._member(process, s, n) for n, s in enumerate(members, start=1)]
            self.by_id[group_id(process.id)] = self._group(process, position, children)
            self.by_id.update((c["id"], c) for c in children)

    def listed(self) -> list[dict[str, Any]]:
        return list(self.by_id.values())

    def of_systems(self, system_ids: Sequence[str]) -> Iterator[dict[str, Any]]:
        """The components of these systems, in every group each system is in."""
        for system_id in system_ids:
            for process_id in self.facts.catalog.system(system_id).processes:
                yield self.by_id[component_id(process_id, system_id)]

    def _group(
        self, process: Process, position: int, children: Sequence[dict[str, Any]]
    ) -> dict[str, Any]:
        statuses = [c["status"] for c in children] or ["operational"]
        members = channels.process_systems(self.facts.catalog, process)
        site = channels.origin(self.facts.settings)
        return {
            "id": group_id(process.id),
            "name": process.name[self.lang],
            "status": min(statuses, key=COMPONENT_SEVERITY.index),
            "created_at": self.created,
            "updated_at": self.facts.instant(max(self._changed(s) for s in members))
            if members
            else self.created,
            "position": position,
            "description": None,
            "showcase": False,
            "start_date": None,
            "group_id": None,
            "page_id": PAGE_ID,
            "group": True,
            "only_show_if_degraded": False,
            "components": [c["id"] for c in children],
            # Ours, beside Statuspage's fields: the process's feeds in the document's language.
            "feeds": {
                fmt: site + channels.process_feed_path(self.lang, fmt, process.id)
                for fmt in channels.FEED_FORMATS
            },
        }

    def _member(self, process: Process, system: System, position: int) -> dict[str, Any]:
        facts = self.facts
        return {
            "id": component_id(process.id, system.id),
            "name": f"{system.short} ({process.name[self.lang]})",
            "status": component_status(facts.statuses[system.id]),
            "created_at": self.created,
            "updated_at": facts.instant(self._changed(system)),
            "position": position,
            "description": system.name[self.lang],
            "showcase": True,
            "start_date": None,
            "group_id": group_id(process.id),
            "page_id": PAGE_ID,
            "group": False,
            "only_show_if_degraded": False,
        }

    def _changed(self, system: System) -> dt.datetime:
        """The last moment the system's state could have changed, or the site's start."""
        started = self.facts.settings.started_at
        return max(started, self.facts.last_changes.get(system.id, started))
