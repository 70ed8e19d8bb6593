"""A Statuspage-compatible JSON API (v2 public shapes), Dutch under /api/v2/, English under /en/.

Status aggregators, exporters and dashboards already read Statuspage's public API, so we serve
its field names, value sets and nesting: every customs process is a group with a component for
each system that serves it (``api_components``); disruptions are incidents; planned events are
scheduled maintenances. Every time in it comes from the content, never from the build. The
README documents how our statuses map onto theirs and what has no equivalent.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from typing import Any

from ..domain.config import StatusSettings
from ..domain.model import LANGUAGES, Catalog, Event, Lang, Update
from ..domain.update_keys import update_id
from ..presentation import channels, i18n
from ..presentation.plaintext import plain_text
from ..presentation.urls import page_path
from ..state.phases import Phase
from .api_components import Components
from .api_records import INDICATORS, PAGE_ID, WITHOUT_EQUIVALENT, ApiFacts, ApiRecord


def api_files(
    catalog: Catalog, events: Sequence[Event], settings: StatusSettings, now: dt.datetime
) -> Iterator[tuple[str, bytes]]:
    """Every endpoint in both languages with its path, one at a time: the largest are tens of
    megabytes at 5,000 events, and each can be written before the next is made."""
    facts = ApiFacts(catalog, events, settings, now)  # what both languages share, worked out once
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


class _Api:
    """The documents of one language."""

    def __init__(self, lang: Lang, facts: ApiFacts) -> None:
        self.lang = lang
        self.facts = facts
        self.catalog = facts.catalog
        self.settings = facts.settings
        self.origin = facts.origin
        self.components = Components(lang, facts)

    def documents(self) -> Iterator[tuple[str, str]]:
        """Each endpoint with its JSON text, one at a time.

        Each incident and maintenance is encoded as soon as it is built, and its text serves
        every endpoint that lists it: a large archive never sits in memory as a million dicts
        (which the garbage collector would walk again and again).
        """
        facts = self.facts
        page = encode(self._page())
        status = encode(self._status())
        components = encode(self.components.listed())
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
            "updated_at": self.facts.instant(self.facts.updated),
        }

    def _status(self) -> dict[str, str]:
        overall = self.facts.overall
        return {
            "indicator": INDICATORS[overall],
            "description": i18n.label(i18n.OVERALL_HEADLINES, overall, self.lang),
        }

    def _updates(self, record: ApiRecord) -> list[dict[str, Any]]:
        event_id = record.event.id
        components = [
            (c["id"], c["name"]) for c in self.components.of_systems(record.event.systems)
        ]
        return [
            {
                "id": update_id(event_id, message.key),
                "status": message.status,
                # beside Statuspage's fields: the protocol's own status (overrun, cancelled, ...)
                "protocol_status": str(message.update.status),
                "body": self._body(message.update),
                "incident_id": event_id,
                "created_at": message.at,
                "updated_at": message.at,
                "display_at": message.at,
                "affected_components": [
                    {
                        "code": code,
                        "name": name,
                        "old_status": message.old_status,
                        "new_status": message.new_status,
                    }
                    for code, name in components
                ],
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

    def _common(self, record: ApiRecord) -> dict[str, Any]:
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
            "components": list(self.components.of_systems(event.systems)),
        }

    def _document(self, record: ApiRecord) -> dict[str, Any]:
        """An incident, or a scheduled maintenance: an incident with its window."""
        document = self._common(record)
        if record.scheduled is not None:
            document["scheduled_for"], document["scheduled_until"] = record.scheduled
            document["cancelled"] = record.cancelled  # ours, beside Statuspage's fields
        return document
