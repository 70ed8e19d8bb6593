"""A JSON Schema of the front matter, generated from the reader's fields and the model's enums.

Code editors use it to complete field names and values and to flag mistakes as operators type.
It is a help, not the checker: what it cannot express (a timestamp that does not exist, an unknown
system id, every protocol rule) stays with ``invoke check``. ``invoke schema`` writes it;
a test regenerates it and compares, so it never drifts from the model.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..domain.model import EventType, Fallback, Status, statuses_for
from ..presentation import i18n
from ..reading.reader import (
    EVENT_ID,
    OPTIONAL_TEXTS,
    REQUIRED_FOR_ALL,
    REQUIRED_FOR_PLANNED,
    TEXT_FIELDS,
    TOP_FIELDS,
    UPDATE_FIELDS,
)

SCHEMA_FILE = Path("schema") / "outage.schema.json"
# The timestamp forms of timestamps.parse_timestamp, as an ECMAScript pattern for editors.
TIMESTAMP_PATTERN = (
    r"^\d{4}-\d{2}-\d{2}[T ]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|z|[+-]\d{2}(:?\d{2})?)?$"
)
SYSTEM_ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"

# What each field means, in Dutch and English (docs/outage-format.md).
FIELD_HELP: dict[str, tuple[str, str]] = {
    "type": ("Soort gebeurtenis.", "Kind of event."),
    "title": ("Titel, één regel per taal.", "Title, one line per language."),
    "systems": (
        "Systemen (ids uit content/systems.yaml).",
        "Systems (ids from content/systems.yaml).",
    ),
    "announced": (
        "Eerste communicatiemoment (gepland werk).",
        "First communication moment (planned work).",
    ),
    "start": (
        "Gepland begin; bij een verstoring het moment waarop die begon.",
        "Planned begin; for a disruption the moment it began.",
    ),
    "end": (
        "Gepland einde; bij een verstoring (optioneel) het moment waarop die eindigde.",
        "Planned end; for a disruption (optional) the moment it ended.",
    ),
    "fallback_possible": (
        "Of de noodprocedure tijdens het werk gebruikt mag worden.",
        "Whether the fallback procedure may be used during the work.",
    ),
    "follows": (
        "De verstoring (id) waarop dit structureel herstel volgt.",
        "The disruption (id) this structural recovery follows.",
    ),
    "cause": ("Oorzaak, als die bekend is.", "Cause, when known."),
    "process_changes": (
        "Tijdelijke veranderingen in het douaneproces of de werkwijze.",
        "Temporary changes in the customs process or way of working.",
    ),
    "buffered_messages": (
        "Hoe ingediende en gebufferde berichten (in- en uitgaand) worden afgehandeld.",
        "How submitted and buffered messages (inbound and outbound) are handled.",
    ),
    "updates": ("De tijdlijn, oudste eerst.", "The timeline, oldest first."),
    "at": ("Moment van publicatie.", "When the update was published."),
    "status": ("De fase die deze update meldt.", "The phase this update announces."),
    "next_update": ("Het volgende communicatiemoment.", "The next communication moment."),
    "expected_end": (
        "Nieuw verwacht einde; verplicht bij uitloop (overrun).",
        "New expected end; required with overrun.",
    ),
    "fallback": ("Noodprocedure.", "Fallback procedure."),
    "nl": ("Tekst in het Nederlands (Markdown).", "Text in Dutch (Markdown)."),
    "en": ("Tekst in het Engels (Markdown).", "Text in English (Markdown)."),
}
TIME_NOTE = (
    "'YYYY-MM-DD HH:MM', Nederlandse tijd, of met offset (+01:00, Z).",
    "'YYYY-MM-DD HH:MM', Dutch time, or with an offset (+01:00, Z).",
)


def _help(name: str, extra: tuple[str, str] | None = None) -> str:
    nl, en = FIELD_HELP[name]
    if extra:
        nl, en = f"{nl} {extra[0]}", f"{en} {extra[1]}"
    return f"{nl}\n\n{en}"


def _labels(values: tuple[Any, ...], table: dict[Any, tuple[str, str]]) -> str:
    return "; ".join(f"{v}: {table[v][0]} / {table[v][1]}" for v in values)


def _timestamp(name: str) -> dict[str, Any]:
    return {"$ref": "#/definitions/timestamp", "description": _help(name, TIME_NOTE)}


def outage_schema() -> dict[str, Any]:
    """The schema as a plain dict (draft-07: what most editors' YAML support reads)."""
    texts = {"$ref": "#/definitions/text"}
    properties: dict[str, Any] = {
        "type": {
            "enum": [str(t) for t in EventType],
            "description": _help("type") + "\n\n" + _labels(tuple(EventType), i18n.TYPE_LABELS),
        },
        "title": {**texts, "description": _help("title")},
        "systems": {
            "description": _help("systems"),
            "anyOf": [
                {
                    "type": "array",
                    "minItems": 1,
                    "uniqueItems": True,
                    "items": {"type": "string", "pattern": SYSTEM_ID_PATTERN},
                },
                {"type": "string", "minLength": 1},
            ],
        },
        "announced": _timestamp("announced"),
        "start": _timestamp("start"),
        "end": _timestamp("end"),
        "fallback_possible": {"type": "boolean", "description": _help("fallback_possible")},
        "follows": {
            "type": "string",
            "pattern": EVENT_ID.pattern,
            "description": _help("follows"),
        },
        **{name: {**texts, "description": _help(name)} for name in OPTIONAL_TEXTS},
        "updates": {
            "type": "array",
            "minItems": 1,
            "items": {"$ref": "#/definitions/update"},
            "description": _help("updates"),
        },
    }
    assert tuple(properties) == TOP_FIELDS, "every field of the reader, in its order"
    update_properties: dict[str, Any] = {
        "at": _timestamp("at"),
        "status": {
            "enum": [str(s) for s in Status],
            "description": _help("status") + "\n\n" + _labels(tuple(Status), i18n.STATUS_LABELS),
        },
        "next_update": _timestamp("next_update"),
        "expected_end": _timestamp("expected_end"),
        "fallback": {
            "enum": [str(f) for f in Fallback],
            "description": _help("fallback")
            + "\n\n"
            + _labels(tuple(Fallback), i18n.FALLBACK_LABELS),
        },
        **{
            lang: {"type": "string", "minLength": 1, "description": _help(lang)}
            for lang in TEXT_FIELDS
        },
    }
    assert tuple(update_properties) == UPDATE_FIELDS, "every update field of the reader"
    by_type = []
    for event_type in EventType:
        then: dict[str, Any] = {
            "properties": {
                "updates": {
                    "items": {
                        "properties": {
                            "status": {"enum": [str(s) for s in statuses_for(event_type)]}
                        }
                    }
                }
            }
        }
        if event_type.is_planned:
            then["required"] = list(REQUIRED_FOR_PLANNED)
        by_type.append(
            {
                "if": {"properties": {"type": {"const": str(event_type)}}, "required": ["type"]},
                "then": then,
            }
        )
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Storingsbericht / Outage message",
        "description": (
            "Front matter van content/outages/<jaar>/<id>.md (docs/outage-format.md). "
            "Gegenereerd door 'invoke schema'; 'invoke check' blijft de maatstaf.\n\n"
            "Front matter of content/outages/<year>/<id>.md (docs/outage-format.md). "
            "Generated by 'invoke schema'; 'invoke check' remains the judge."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": list(REQUIRED_FOR_ALL),
        "properties": properties,
        "allOf": by_type,
        "definitions": {
            "timestamp": {"type": "string", "pattern": TIMESTAMP_PATTERN},
            "text": {
                "type": "object",
                "additionalProperties": False,
                "required": list(TEXT_FIELDS),
                "properties": {
                    lang: {"type": "string", "minLength": 1, "description": _help(lang)}
                    for lang in TEXT_FIELDS
                },
            },
            "update": {
                "type": "object",
                "additionalProperties": False,
                "required": ["at", "status", *TEXT_FIELDS],
                "properties": update_properties,
                "if": {"properties": {"status": {"const": str(Status.OVERRUN)}}},
                "then": {"required": ["expected_end"]},
            },
        },
    }


def schema_text() -> str:
    return json.dumps(outage_schema(), indent=2, ensure_ascii=False) + "\n"


def write_schema(project: Path) -> tuple[Path, bool]:
    """Write the schema file; returns its path and whether it changed."""
    path = project / SCHEMA_FILE
    text = schema_text()
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return path, False
    from ..operators.staging import write_atomic

    write_atomic(path, text)
    return path, True
