"""The web editor's form: Decap's collection of outage files, one field per format field.

Labels are Dutch and English side by side ("Titel / Title"); the choices come from the model and
the catalogue, so the form offers exactly what the reader accepts. No field is "required" for
Decap: what is missing is said by the editor's own check before saving (OUT003, naming the field
in Dutch and English), not by Decap's pop-up in one language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..domain.model import Catalog, EventType, Fallback
from ..operators.authoring import ID_WORDS
from ..presentation import i18n

TIME_WIDGET = "douane-time"  # theme/admin/outage-format.js: Dutch time, with a "Now" button
STATUS_WIDGET = "douane-status"  # only the statuses of the event's type; a new one: the next
TYPE_WIDGET = "douane-type"  # a choice that resets the statuses of the old type when it changes
COLLECTION = "outages"


def _label(nl: str, en: str) -> str:
    return f"{nl} / {en}"


def _options(values: tuple[Any, ...], table: Mapping[Any, i18n.Message]) -> list[dict[str, str]]:
    return [{"label": _label(*i18n.both(table, v)), "value": str(v)} for v in values]


def _time_field(
    name: str, label: str, *, hint: str = "", now_if_empty: bool = False
) -> dict[str, Any]:
    """A time in Dutch time whatever the browser's zone (the widget of outage-format.js)."""
    field: dict[str, Any] = {
        "name": name,
        "label": label,
        "widget": TIME_WIDGET,
        "required": False,
    }
    if now_if_empty:
        field["now_if_empty"] = True
    if hint:
        field["hint"] = hint
    return field


def _texts(name: str, label: str, widget: str, hint: str) -> dict[str, Any]:
    return {
        "name": name,
        "label": label,
        "widget": "object",
        "required": False,
        "collapsed": False,
        "hint": hint,
        "fields": [
            {"name": "nl", "label": "Nederlands / Dutch", "widget": widget, "required": False},
            {"name": "en", "label": "Engels / English", "widget": widget, "required": False},
        ],
    }


STANDARD = _label(
    "Leeg laten: de standaardzin uit het zinnenboek wordt ingevuld bij opslaan",
    "Leave empty: the phrasebook's standard sentence is filled in on saving",
)
DUTCH_TIME = _label("Nederlandse tijd", "Dutch time")
PLANNED_ONLY = _label("Alleen bij gepland werk", "Planned work only")


def collection(catalog: Catalog) -> dict[str, Any]:
    """The Decap collection of outage files: one form field per format field, in their order."""
    fields = [
        *_what_fields(catalog),
        *_time_fields(),
        *_planned_work_fields(),
        *_explanation_fields(),
        _updates_field(),
        *_body_fields(),
    ]
    return {
        "name": COLLECTION,
        "label": _label("Berichten", "Messages"),
        "label_singular": _label("Bericht", "Message"),
        "description": _label(
            "Verstoringen, onderhoud en releases: één bestand per gebeurtenis",
            "Disruptions, maintenance and releases: one file per event",
        ),
        "folder": "content/outages",
        "extension": "md",
        "format": "douane-outage",
        "create": True,
        "delete": False,  # files stay a year (retention); `invoke prune` removes them
        "identifier_field": "title.nl",
        "summary": "{{title.nl}} · {{start}}",
        # the file name is the event id, as `invoke new` makes it: <date>-<systems>-<type word>
        # (the start's date as the file writes it, in Dutch time: outage-phrases.js sets
        # `file_date` when saving; Decap's date filter would take the browser's zone)
        "slug": "{{fields.file_date}}-{{fields.systems}}-{{fields.type}}",
        # the year folder of the start; outage-phrases.js sets `folder_year` when saving (Decap
        # lowercases path templates, so a date filter cannot be used here)
        "path": "{{folder_year}}/{{slug}}",
        "editor": {"preview": False},
        "fields": fields,
    }


def _what_fields(catalog: Catalog) -> list[dict[str, Any]]:
    """What happens and where: the type, the title and the systems."""
    type_options = [
        {"label": _label(*i18n.both(i18n.TYPE_LABELS, t)), "value": ID_WORDS[t]} for t in EventType
    ]
    system_options = [
        {"label": f"{s.short} — {s.name.nl} / {s.name.en}", "value": s.id} for s in catalog.systems
    ]
    return [
        {
            "name": "type",
            "label": _label("Soort", "Type"),
            "widget": TYPE_WIDGET,
            "required": False,  # every missing value: the editor's own check names it (OUT003)
            "options": type_options,
            "default": ID_WORDS[EventType.DISRUPTION],
        },
        _texts("title", _label("Titel", "Title"), "string", STANDARD),
        {
            "name": "systems",
            "label": _label("Systemen", "Systems"),
            "widget": "select",
            "multiple": True,
            "required": False,
            "options": system_options,
        },
    ]


def _time_fields() -> list[dict[str, Any]]:
    """When: announced, start and end."""
    return [
        _time_field(
            "announced",
            _label("Aangekondigd", "Announced") + f" ({DUTCH_TIME})",
            hint=PLANNED_ONLY,
        ),
        _time_field(
            "start",
            _label("Begin", "Start") + f" ({DUTCH_TIME})",
            hint=_label("Bij een verstoring: wanneer die begon", "Disruption: when it began"),
        ),
        _time_field("end", _label("Einde", "End") + f" ({DUTCH_TIME})"),
    ]


def _planned_work_fields() -> list[dict[str, Any]]:
    """Whether the fallback procedure is possible, and the disruption a recovery follows."""
    return [
        {
            "name": "fallback_possible",
            "label": _label("Noodprocedure mogelijk", "Fallback procedure possible"),
            "widget": "select",
            "required": False,
            "hint": PLANNED_ONLY,
            "options": [
                {"label": "Ja / Yes", "value": "true"},
                {"label": "Nee / No", "value": "false"},
            ],
        },
        {
            "name": "follows",
            "label": _label("Volgt op verstoring (id)", "Follows disruption (id)"),
            "widget": "string",
            "required": False,
            "hint": _label("Alleen bij ongepland onderhoud", "Unplanned maintenance only"),
        },
    ]


def _explanation_fields() -> list[dict[str, Any]]:
    """The cause, the changes to the process and the handling of buffered messages."""
    return [
        _texts(
            "cause", _label("Oorzaak", "Cause"), "text", _label("Als die bekend is", "If known")
        ),
        _texts(
            "process_changes",
            _label("Veranderingen in het proces", "Process changes"),
            "text",
            _label("Optioneel", "Optional"),
        ),
        _texts(
            "buffered_messages",
            _label("Ingediende en gebufferde berichten", "Submitted and buffered messages"),
            "text",
            _label(
                "Verplicht bij het einde van een verstoring met noodprocedure (P11)",
                "Required when a disruption with the fallback procedure ends (P11)",
            ),
        ),
    ]


def _updates_field() -> dict[str, Any]:
    """The list of updates, oldest first; a new update starts at now with the next status."""
    return {
        "name": "updates",
        "label": _label("Berichten (oudste eerst)", "Updates (oldest first)"),
        "label_singular": _label("bericht", "update"),
        "widget": "list",
        "required": False,
        "collapsed": False,
        "summary": "{{fields.at}} · {{fields.status}}",
        "default": [{"nl": "", "en": ""}],  # one update, its time and status filled in
        "fields": _update_fields(),
    }


def _update_fields() -> list[dict[str, Any]]:
    return [
        _time_field(
            "at",
            _label("Gepubliceerd", "Published") + f" ({DUTCH_TIME})",
            now_if_empty=True,
        ),
        {"name": "status", "label": "Status", "widget": STATUS_WIDGET, "required": False},
        {
            "name": "fallback",
            "label": _label("Noodprocedure", "Fallback procedure"),
            "widget": "select",
            "required": False,
            "options": _options(tuple(Fallback), i18n.FALLBACK_LABELS),
        },
        _time_field(
            "next_update",
            _label("Volgend bericht uiterlijk", "Next update no later than") + f" ({DUTCH_TIME})",
        ),
        _time_field(
            "expected_end",
            _label("Nieuw verwacht einde", "New expected end") + f" ({DUTCH_TIME})",
            hint=_label("Verplicht bij uitloop", "Required with overrun"),
        ),
        {"name": "nl", "label": "Nederlands / Dutch", "widget": "text", "required": False,
         "hint": STANDARD},
        {"name": "en", "label": "Engels / English", "widget": "text", "required": False,
         "hint": STANDARD},
    ]  # fmt: skip


def _body_fields() -> list[dict[str, Any]]:
    """The explanation in each language, below the updates."""
    return [
        {
            "name": "body_nl",
            "label": _label("Toelichting in het Nederlands", "Explanation in Dutch"),
            "widget": "text",
            "required": False,
            "hint": STANDARD,
        },
        {
            "name": "body_en",
            "label": _label("Toelichting in het Engels", "Explanation in English"),
            "widget": "text",
            "required": False,
            "hint": STANDARD,
        },
    ]
