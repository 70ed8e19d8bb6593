"""The rules the web editor checks before saving, as data, from the checker's own definitions.

``theme/admin/outage-check.js`` judges one file as ``invoke check`` does for the rules that need
nothing but that file and the moment of saving (OUT001-OUT006, P01, and the warnings P04, P05, P07,
P11 and P13; P05 with the working days exported by ``work_calendar``). It holds no list of its own:
every field name, allowed value, limit and pattern it uses is taken from here, and this module takes
them from the reader, the model, the timestamp parser and the work calendar.
``tests/test_admin_check.py`` runs the whole invalid corpus through both and compares what they say.
The messages are the checker's own catalogue (``domain/check_messages.py``), in English and Dutch.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..domain.check_messages import MESSAGES
from ..domain.config import StatusSettings
from ..domain.model import FINAL_STATUSES, Catalog, EventType, Fallback, Status, statuses_for
from ..domain.timestamps import FIRST_YEAR, LAST_YEAR
from ..domain.workdays import WorkCalendar, years_around
from ..presentation.catalogues import translations
from ..reading import yamlsource
from ..reading.characters import FORBIDDEN_RANGES, REFERENCE
from ..reading.reader import (
    EVENT_ID,
    MAX_TITLE,
    OPTIONAL_TEXTS,
    REQUIRED_FOR_ALL,
    REQUIRED_FOR_PLANNED,
    TEXT_FIELDS,
    TOP_FIELDS,
    UPDATE_FIELDS,
)
from ..reading.texts import BIDI_CONTROLS
from .schema import TIMESTAMP_PATTERN

# The update fields that hold times, and those that hold one of a list of values
UPDATE_TIMES = ("at", "next_update", "expected_end")
TOP_TIMES = ("announced", "start", "end")
REQUIRED_IN_UPDATE = ("at", "status")


def checker_rules(catalog: Catalog, settings: StatusSettings, now: dt.datetime) -> dict[str, Any]:
    """Everything outage-check.js needs, as JSON-ready data; ``now`` bounds the working days."""
    return {
        "time_zone": settings.timezone,
        "overrun_notice_minutes": settings.overrun_notice_minutes,  # P04
        **work_calendar(settings, now),  # P05
        "completed": str(Status.COMPLETED),
        "cancelled": str(Status.CANCELLED),
        "planned_statuses": {"overrun": str(Status.OVERRUN)},
        "top_fields": list(TOP_FIELDS),
        "update_fields": list(UPDATE_FIELDS),
        "text_fields": list(TEXT_FIELDS),
        "optional_texts": list(OPTIONAL_TEXTS),
        "required": list(REQUIRED_FOR_ALL),
        "required_for_planned": list(REQUIRED_FOR_PLANNED),
        "required_in_update": list(REQUIRED_IN_UPDATE),
        "top_times": list(TOP_TIMES),
        "update_times": list(UPDATE_TIMES),
        "event_types": [str(t) for t in EventType],
        "planned_types": [str(t) for t in EventType if t.is_planned],
        "follows_types": [str(EventType.UNPLANNED_MAINTENANCE)],  # OUT002 on any other type
        "statuses": [str(s) for s in Status],
        "statuses_by_type": {str(t): [str(s) for s in statuses_for(t)] for t in EventType},
        "final_statuses": sorted(str(s) for s in FINAL_STATUSES),
        "overrun": str(Status.OVERRUN),
        "disruption": str(EventType.DISRUPTION),
        "investigating": str(Status.INVESTIGATING),
        "no_fault": str(Status.NO_FAULT),
        "fallbacks": [str(f) for f in Fallback],
        # OUT006: 'ended' only after an earlier 'allowed'
        "fallback_allowed": str(Fallback.ALLOWED),
        "fallback_ended": str(Fallback.ENDED),
        # P01: a text is empty once these are removed (and whitespace), as the reader removes them
        "bidi_controls": BIDI_CONTROLS,
        "booleans": _booleans(),
        "null_words": list(yamlsource.NULL_WORDS),
        "event_id": EVENT_ID.pattern,
        "max_title": MAX_TITLE,
        "timestamp": TIMESTAMP_PATTERN,
        "years": [FIRST_YEAR, LAST_YEAR],
        "max_depth": yamlsource.MAX_DEPTH,
        "max_nodes": yamlsource.MAX_NODES,
        "system_ids": sorted(s.id for s in catalog.systems),
        "forbidden_characters": _character_class(FORBIDDEN_RANGES),
        "character_reference": REFERENCE.pattern,
        "messages": checker_messages(),
    }


def work_calendar(settings: StatusSettings, now: dt.datetime) -> dict[str, Any]:
    """What P05 needs to count in the browser as domain/workdays.py counts: office hours, the
    cadence, and the weekdays that are not working days (the Algemene termijnenwet's holidays and
    the closure days), from the ``holidays`` package through WorkCalendar, for a bounded span of
    years around ``now``; the browser adds no holidays of its own."""
    calendar = WorkCalendar(settings)
    years = years_around(now.astimezone(settings.tz).year)  # as builds keep them (.cache/)
    first, last = dt.date(years[0], 1, 1), dt.date(years[-1], 12, 31)
    days = (first + dt.timedelta(days=n) for n in range((last - first).days + 1))
    return {
        "office_hours": [
            settings.office_hours_start.strftime("%H:%M"),
            settings.office_hours_end.strftime("%H:%M"),
        ],
        "overrun_update_office_minutes": settings.overrun_update_office_minutes,
        "overrun_update_outside_minutes": settings.overrun_update_outside_minutes,
        "calendar_span": [first.isoformat(), last.isoformat()],
        "non_working_weekdays": [
            d.isoformat() for d in days if d.weekday() < 5 and not calendar.is_working_day(d)
        ],
    }


def checker_messages() -> dict[str, dict[str, str]]:
    """The checker's catalogue (domain/check_messages.py) in English and Dutch, by key."""
    dutch = translations("nl")
    return {key: {"en": text, "nl": dutch.gettext(text)} for key, text in MESSAGES.items()}


def _character_class(ranges: tuple[tuple[int, int], ...]) -> str:
    """A JavaScript regular expression class (for the ``u`` flag) of the refused characters."""
    return "[" + "".join(f"\\u{{{low:x}}}-\\u{{{high:x}}}" for low, high in ranges) + "]"


def _booleans() -> dict[str, list[str]]:
    """The plain words the reader takes as true and as false (YAML 1.1's, as PyYAML spells them)."""
    words = ("true", "false", "yes", "no", "on", "off", "y", "n")
    spelled = {form for w in words for form in (w, w.capitalize(), w.upper())}
    found: dict[str, list[str]] = {"true": [], "false": []}
    for word in sorted(spelled):
        value = yamlsource.is_bool_text(yamlsource.Scalar(word, 1, False, False))
        if value is not None:
            found[str(value).lower()].append(word)
    return found
