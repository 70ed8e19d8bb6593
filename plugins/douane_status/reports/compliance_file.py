"""The compliance report as one language-neutral JSON file (``report/protocol.json``).

Field names in English; times ISO 8601 with their offset, to the second; minutes as integers.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

from ..domain.config import StatusSettings
from ..domain.outfiles import write_file
from ..presentation.urls import COMPLIANCE_JSON
from .compliance import ComplianceReport, EventFacts


def _iso(moment: dt.datetime | None, tz: ZoneInfo) -> str | None:
    return None if moment is None else moment.astimezone(tz).isoformat(timespec="seconds")


def _event(facts: EventFacts, tz: ZoneInfo) -> dict[str, object]:
    event = facts.event
    return {
        "id": event.id,
        "type": str(event.type),
        "systems": list(event.systems),
        "file": event.path,
        "notice_working_days": facts.notice_working_days,
        "first_message_minutes": facts.first_message_minutes,
        "fallback_decision_minutes": facts.fallback_decision_minutes,
        "promises": [
            {
                "update": p.update,
                "promised": _iso(p.promised, tz),
                "actual": _iso(p.actual, tz),
                "late_minutes": p.late_minutes,
            }
            for p in facts.promises
        ],
        "overrun_notices": [
            {
                "update": o.update,
                "at": _iso(o.at, tz),
                "minutes_before_planned_end": o.minutes_before_planned_end,
                "expected_end": _iso(o.expected_end, tz),
            }
            for o in facts.overrun_notices
        ],
        "warnings": [
            {"code": w.code, "line": w.line, "message": w.message} for w in facts.warnings
        ],
    }


def compliance_json(report: ComplianceReport, tz: ZoneInfo) -> str:
    data = {
        "generated_at": _iso(report.generated_at, tz),
        "time_zone": tz.key,
        "totals": dict(report.totals),
        "events": [_event(facts, tz) for facts in report.events],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def write_compliance_file(
    report: ComplianceReport, settings: StatusSettings, output_dir: Path
) -> list[Path]:
    """The compliance report (``compliance_report``, as its page shows it) as JSON."""
    target = output_dir / COMPLIANCE_JSON.lstrip("/")
    return [write_file(target, compliance_json(report, settings.tz))]
