"""The availability report as downloads: CSV (headers in the page's language) and JSON.

Plain text from the report's months; numbers are machine-readable in both languages (a point as
the decimal separator, ISO 8601 times with their offset, months as ``YYYY-MM``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Mapping
from pathlib import Path
from zoneinfo import ZoneInfo

from ..domain.config import StatusSettings
from ..domain.model import LANGUAGES, Catalog, Lang
from ..domain.outfiles import write_file
from ..presentation.urls import file_path
from .availability import Month, report_start, to_minute

CSV_COLUMNS: dict[str, tuple[str, str]] = {
    "system": ("systeem", "system"),
    "system_name": ("systeemnaam", "system_name"),
    "month": ("maand", "month"),
    "period_start": ("begin_periode", "period_start"),
    "period_end": ("einde_periode", "period_end"),
    "measured_minutes": ("gemeten_minuten", "measured_minutes"),
    "planned_minutes": ("gepland_onderhoud_en_releases_minuten", "planned_minutes"),
    "unplanned_maintenance_minutes": (
        "ongepland_onderhoud_minuten",
        "unplanned_maintenance_minutes",
    ),
    "disruption_minutes": ("verstoringen_minuten", "disruption_minutes"),
    "unavailable_minutes": ("onbeschikbaar_minuten", "unavailable_minutes"),
    "availability_percent": ("beschikbaarheid_procent", "availability_percent"),
    "events": ("aantal_meldingen", "events"),
}


def _iso(moment: dt.datetime, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).isoformat(timespec="minutes")


def _record(month: Month, tz: ZoneInfo) -> dict[str, object]:
    counted = month.tally
    return {
        "month": f"{month.year}-{month.month:02d}",
        "period_start": _iso(month.start, tz),
        "period_end": _iso(month.end, tz),
        "complete": month.complete,
        "measured_minutes": month.measured_minutes,
        "planned_minutes": counted.planned,
        "unplanned_maintenance_minutes": counted.unplanned_maintenance,
        "disruption_minutes": counted.disruption,
        "unavailable_minutes": counted.unavailable,
        "availability_percent": str(month.availability),
        "events": len(counted.event_ids),
        "event_ids": list(counted.event_ids),
    }


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def report_csv(
    catalog: Catalog, by_system: Mapping[str, tuple[Month, ...]], lang: Lang, tz: ZoneInfo
) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    index = 0 if lang == "nl" else 1
    writer.writerow(names[index] for names in CSV_COLUMNS.values())
    for system in catalog.systems:
        for month in by_system.get(system.id, ()):
            record = _record(month, tz)
            record["system"] = system.id
            record["system_name"] = f"{system.short}: {system.name[lang]}"
            writer.writerow(spreadsheet_safe(record[column]) for column in CSV_COLUMNS)
    return out.getvalue()


def spreadsheet_safe(cell: object) -> object:
    """A text cell a spreadsheet would run as a formula gets a leading ``'`` (as OWASP advises).

    Names come from systems.yaml, which anyone with write access edits: ``=HYPERLINK(…)`` there
    must stay text in the report a manager opens.
    """
    if isinstance(cell, str) and cell.startswith(_FORMULA_STARTS):
        return "'" + cell
    return cell


def report_json(
    catalog: Catalog,
    by_system: Mapping[str, tuple[Month, ...]],
    start: dt.datetime,
    end: dt.datetime,
    tz: ZoneInfo,
) -> str:
    """The same rows as the CSV, with event ids; ``end`` is the build's "now" (to the minute)."""
    data = {
        "period_start": _iso(start, tz),
        "period_end": _iso(end, tz),
        "time_zone": tz.key,
        "categories": {
            "planned_minutes": "maintenance and release (gepland onderhoud en releases)",
            "unplanned_maintenance_minutes": "unplanned-maintenance (ongepland onderhoud)",
            "disruption_minutes": "disruption (verstoringen)",
        },
        "systems": [
            {
                "id": system.id,
                "short": system.short,
                "name": {"nl": system.name.nl, "en": system.name.en},
                "months": [_record(month, tz) for month in by_system.get(system.id, ())],
            }
            for system in catalog.systems
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def write_report_files(
    catalog: Catalog,
    by_system: Mapping[str, tuple[Month, ...]],
    settings: StatusSettings,
    now: dt.datetime,
    output_dir: Path,
) -> list[Path]:
    """Write the CSV (one per language, headers in that language) and the JSON downloads of
    each system's months (``report_months``, as the report page shows them)."""
    start = report_start(now, settings.tz, settings.retention_years)
    data = report_json(catalog, by_system, start, to_minute(now), settings.tz)
    written = []
    for lang in LANGUAGES:
        for kind, text in (
            ("report_csv", report_csv(catalog, by_system, lang, settings.tz)),
            ("report_json", data),
        ):
            written.append(write_file(output_dir / file_path(kind, lang).lstrip("/"), text))
    return written
