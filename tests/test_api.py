"""The Statuspage-compatible JSON API, read back and checked against Statuspage's v2 shapes.

The shapes are those of Statuspage's public v2 documentation (page, status, components,
incidents, scheduled maintenances, incident updates), with two values its pages answer beyond
it: the indicator ``maintenance`` and the impact ``maintenance``. Ours beside them, documented in
the README: ``feeds`` on a process group and ``cancelled`` on a scheduled maintenance.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURE_NOW_UTC

ROOTS = {"nl": "api/v2", "en": "en/api/v2"}
ENDPOINTS = {
    "summary.json": {"page", "components", "incidents", "scheduled_maintenances", "status"},
    "status.json": {"page", "status"},
    "components.json": {"page", "components"},
    "incidents.json": {"page", "incidents"},
    "incidents/unresolved.json": {"page", "incidents"},
    "scheduled-maintenances.json": {"page", "scheduled_maintenances"},
    "scheduled-maintenances/upcoming.json": {"page", "scheduled_maintenances"},
    "scheduled-maintenances/active.json": {"page", "scheduled_maintenances"},
}

# Statuspage v2 public shapes: field names and value sets.
PAGE_KEYS = {"id", "name", "url", "time_zone", "updated_at"}
COMPONENT_KEYS = {
    "id",
    "name",
    "status",
    "created_at",
    "updated_at",
    "position",
    "description",
    "showcase",
    "start_date",
    "group_id",
    "page_id",
    "group",
    "only_show_if_degraded",
}
GROUP_KEYS = COMPONENT_KEYS | {"components", "feeds"}
COMPONENT_STATUSES = {
    "operational",
    "degraded_performance",
    "partial_outage",
    "major_outage",
    "under_maintenance",
}
INCIDENT_KEYS = {
    "id",
    "name",
    "status",
    "created_at",
    "updated_at",
    "monitoring_at",
    "resolved_at",
    "impact",
    "shortlink",
    "started_at",
    "page_id",
    "incident_updates",
    "components",
}
MAINTENANCE_KEYS = INCIDENT_KEYS | {"scheduled_for", "scheduled_until", "cancelled"}
UPDATE_KEYS = {
    "id",
    "status",
    "body",
    "incident_id",
    "created_at",
    "updated_at",
    "display_at",
    "affected_components",
    "deliver_notifications",
    "custom_tweet",
    "tweet_id",
    "protocol_status",  # ours, beside Statuspage's: overrun, cancelled, ...
}
INCIDENT_STATUSES = {"investigating", "identified", "monitoring", "resolved", "postmortem"}
MAINTENANCE_STATUSES = {"scheduled", "in_progress", "verifying", "completed"}
IMPACTS = {"none", "minor", "major", "critical", "maintenance"}
INDICATORS = {"none", "minor", "major", "critical", "maintenance"}
# The fixture's catalog: ICS2 serves entry and import, every other system one process.
PROCESS_COMPONENTS = {
    "process-import": ["import.dms", "import.ics2"],
    "process-transit": ["transit.ncts"],
    "process-excise": ["excise.emcs"],
    "process-entry": ["entry.ics2"],
}
NEWEST_MESSAGE = dt.datetime(2026, 11, 29, 8, 45, tzinfo=dt.UTC)  # 09:45 CET, DMS investigation
SITE_STARTED = dt.datetime(2025, 9, 30, 22, 0, tzinfo=dt.UTC)  # pelicanconf: 2025-10-01


def load(site: Path, lang: str, endpoint: str) -> dict[str, Any]:
    return json.loads((site / ROOTS[lang] / endpoint).read_text(encoding="utf-8"))


def instant(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text)
    assert value.tzinfo is not None, text  # ISO 8601 with an offset
    return value


def check_component(component: dict[str, Any]) -> None:
    expected = GROUP_KEYS if component["group"] else COMPONENT_KEYS
    assert set(component) == expected, component["id"]
    assert component["status"] in COMPONENT_STATUSES
    assert component["page_id"] == "douane-status"
    assert instant(component["created_at"]) == SITE_STARTED
    assert instant(component["updated_at"]) >= SITE_STARTED


def check_incident(incident: dict[str, Any], maintenance: bool) -> None:
    assert set(incident) == (MAINTENANCE_KEYS if maintenance else INCIDENT_KEYS), incident["id"]
    statuses = MAINTENANCE_STATUSES if maintenance else INCIDENT_STATUSES
    assert incident["status"] in statuses
    assert incident["impact"] in IMPACTS
    for name in ("created_at", "updated_at", "started_at"):
        instant(incident[name])
    if maintenance:
        assert instant(incident["scheduled_for"]) < instant(incident["scheduled_until"])
        assert isinstance(incident["cancelled"], bool)
    assert incident["incident_updates"], incident["id"]
    times = []
    for update in incident["incident_updates"]:
        assert set(update) == UPDATE_KEYS
        assert update["status"] in statuses
        assert update["incident_id"] == incident["id"]
        assert update["body"].strip()
        times.append(instant(update["created_at"]))
        for affected in update["affected_components"]:
            assert set(affected) == {"code", "name", "old_status", "new_status"}
            assert {affected["old_status"], affected["new_status"]} <= COMPONENT_STATUSES
    assert times == sorted(times, reverse=True)  # newest first, as Statuspage
    for component in incident["components"]:
        check_component(component)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS))
def test_every_endpoint_has_statuspage_shapes(fixture_site: Path, lang: str, endpoint: str) -> None:
    document = load(fixture_site, lang, endpoint)
    assert set(document) == ENDPOINTS[endpoint]
    page = document["page"]
    assert set(page) == PAGE_KEYS
    assert page["time_zone"] == "Europe/Amsterdam"
    assert instant(page["updated_at"]) == NEWEST_MESSAGE  # not the build's time
    assert page["url"] == ("/" if lang == "nl" else "/en/")  # no SITEURL: from the root
    if "status" in document:
        assert set(document["status"]) == {"indicator", "description"}
        assert document["status"]["indicator"] in INDICATORS
    for component in document.get("components", []):
        check_component(component)
    for incident in document.get("incidents", []):
        check_incident(incident, maintenance=False)
    for maintenance in document.get("scheduled_maintenances", []):
        check_incident(maintenance, maintenance=True)


def test_overall_status_and_component_states(fixture_site: Path) -> None:
    status = load(fixture_site, "en", "status.json")["status"]
    assert status == {
        "indicator": "critical",
        "description": (
            "Disruption of one or more systems; for at least one you may use the fallback procedure"
        ),
    }
    assert load(fixture_site, "nl", "status.json")["status"]["description"] == (
        "Verstoring bij een of meer systemen; voor minstens één mag u de noodprocedure gebruiken"
    )
    components = load(fixture_site, "en", "components.json")["components"]
    systems = {c["id"]: c["status"] for c in components if not c["group"]}
    assert systems == {
        "import.dms": "degraded_performance",  # under investigation
        "import.ics2": "operational",
        "transit.ncts": "major_outage",  # fallback procedure in force
        "excise.emcs": "under_maintenance",
        "entry.ics2": "operational",
    }


def test_every_process_is_a_group_with_a_component_for_each_of_its_systems(
    fixture_site: Path,
) -> None:
    """A client watching one group sees every system that serves that process."""
    components = load(fixture_site, "en", "components.json")["components"]
    by_id = {c["id"]: c for c in components}
    groups = [c for c in components if c["group"]]
    assert [(g["id"], g["name"]) for g in groups] == [
        ("process-import", "Import"),
        ("process-transit", "Transit"),
        ("process-excise", "Transport of excise goods"),
        ("process-entry", "Entry of goods into the EU"),
    ]
    assert {g["id"]: g["components"] for g in groups} == PROCESS_COMPONENTS
    # Statuspage's order: each group, then its members, positions counted within the group.
    assert [c["id"] for c in components] == [
        i for group, members in PROCESS_COMPONENTS.items() for i in [group, *members]
    ]
    for group in groups:
        assert group["group_id"] is None
        for position, child in enumerate(group["components"], start=1):
            assert by_id[child]["group_id"] == group["id"]
            assert by_id[child]["position"] == position
    assert [g["position"] for g in groups] == [1, 2, 3, 4]
    statuses = {g["id"]: g["status"] for g in groups}
    assert statuses == {
        "process-import": "degraded_performance",  # its worst member: DMS
        "process-transit": "major_outage",
        "process-excise": "under_maintenance",
        "process-entry": "operational",
    }
    assert by_id["import.ics2"]["name"] == "ICS2 (Import)"
    assert by_id["entry.ics2"]["name"] == "ICS2 (Entry of goods into the EU)"
    assert by_id["import.dms"]["description"] == "Customs Declarations Management System"
    dutch = {c["id"]: c["name"] for c in load(fixture_site, "nl", "components.json")["components"]}
    assert (dutch["process-import"], dutch["import.dms"]) == ("Invoer", "DMS (Invoer)")
    names = [c["name"] for c in components]
    assert len(names) == len(set(names))  # clients that key on names keep them apart


def test_component_times_come_from_the_content(fixture_site: Path) -> None:
    by_id = {c["id"]: c for c in load(fixture_site, "en", "components.json")["components"]}
    # The last message about the system, or the opening of its window.
    assert instant(by_id["import.dms"]["updated_at"]) == NEWEST_MESSAGE
    assert instant(by_id["transit.ncts"]["updated_at"]) == dt.datetime(
        2026, 11, 29, 8, 10, tzinfo=dt.UTC
    )
    assert instant(by_id["excise.emcs"]["updated_at"]) == dt.datetime(
        2026, 11, 29, 7, 0, tzinfo=dt.UTC
    )
    # A group changed when its last member did.
    assert by_id["process-import"]["updated_at"] == by_id["import.dms"]["updated_at"]
    assert {c["created_at"] for c in by_id.values()} == {"2025-10-01T00:00:00.000+02:00"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_process_groups_link_their_feeds(fixture_site: Path, lang: str) -> None:
    for group in load(fixture_site, lang, "components.json")["components"]:
        if group["group"]:
            process = group["id"].removeprefix("process-")
            assert group["feeds"] == {
                "atom": f"/feeds/processes/{process}.{lang}.atom.xml",
                "rss": f"/feeds/processes/{process}.{lang}.rss.xml",
            }
            for href in group["feeds"].values():
                assert (fixture_site / href.lstrip("/")).is_file()


def test_disruptions_are_incidents_newest_first(fixture_site: Path) -> None:
    incidents = load(fixture_site, "en", "incidents.json")["incidents"]
    assert [i["id"] for i in incidents] == [
        "2026-11-29-dms-onderzoek",
        "2026-11-29-ncts-verstoring",
        "2026-11-25-ics2-opgelost",
    ]
    unresolved = load(fixture_site, "en", "incidents/unresolved.json")["incidents"]
    assert [i["id"] for i in unresolved] == [
        "2026-11-29-dms-onderzoek",
        "2026-11-29-ncts-verstoring",
    ]
    summary = load(fixture_site, "en", "summary.json")
    assert summary["incidents"] == unresolved

    ongoing = incidents[1]
    assert ongoing["status"] == "identified"
    assert ongoing["impact"] == "critical"
    assert ongoing["resolved_at"] is None
    assert instant(ongoing["started_at"]) == dt.datetime(2026, 11, 29, 7, 40, tzinfo=dt.UTC)
    assert ongoing["shortlink"] == "/en/status-messages/2026-11-29-ncts-verstoring/"
    assert [u["status"] for u in ongoing["incident_updates"]] == ["identified", "investigating"]
    latest = ongoing["incident_updates"][0]
    assert latest["body"] == (
        "There is a disruption. You may use the fallback procedure.\n\n"
        "You may use the fallback procedure.\n\n"
        "Next update: Sunday 29 November 2026 10:30 CET."
    )
    assert latest["affected_components"] == [
        {
            "code": "transit.ncts",
            "name": "NCTS (Transit)",
            "old_status": "degraded_performance",
            "new_status": "major_outage",
        }
    ]
    assert [c["id"] for c in ongoing["components"]] == ["transit.ncts"]

    resolved = incidents[2]
    assert (resolved["status"], resolved["impact"]) == ("resolved", "critical")
    assert instant(resolved["resolved_at"]) == dt.datetime(2026, 11, 25, 14, 30, tzinfo=dt.UTC)
    # ICS2 serves two processes: the incident is in both groups.
    assert [c["id"] for c in resolved["components"]] == ["entry.ics2", "import.ics2"]
    affected = resolved["incident_updates"][0]["affected_components"]
    assert [(a["code"], a["name"], a["new_status"]) for a in affected] == [
        ("entry.ics2", "ICS2 (Entry of goods into the EU)", "operational"),
        ("import.ics2", "ICS2 (Import)", "operational"),
    ]
    assert incidents[0]["impact"] == "minor"  # still under investigation


def test_planned_events_are_scheduled_maintenances(fixture_site: Path) -> None:
    def ids(endpoint: str) -> list[str]:
        return [m["id"] for m in load(fixture_site, "en", endpoint)["scheduled_maintenances"]]

    assert ids("scheduled-maintenances.json") == [
        "2026-12-13-emcs-geannuleerd",
        "2026-12-13-dms-onderhoud",
        "2026-11-29-emcs-onderhoud",
        "2026-11-15-ncts-uitloop",
    ]
    assert ids("scheduled-maintenances/upcoming.json") == ["2026-12-13-dms-onderhoud"]
    assert ids("scheduled-maintenances/active.json") == ["2026-11-29-emcs-onderhoud"]
    assert ids("summary.json") == ["2026-11-29-emcs-onderhoud", "2026-12-13-dms-onderhoud"]

    maintenances = {
        m["id"]: m
        for m in load(fixture_site, "en", "scheduled-maintenances.json")["scheduled_maintenances"]
    }
    upcoming = maintenances["2026-12-13-dms-onderhoud"]
    assert (upcoming["status"], upcoming["impact"]) == ("scheduled", "maintenance")
    assert instant(upcoming["scheduled_for"]) == dt.datetime(2026, 12, 13, 7, 0, tzinfo=dt.UTC)
    assert instant(upcoming["scheduled_until"]) == dt.datetime(2026, 12, 13, 13, 30, tzinfo=dt.UTC)
    assert [c["id"] for c in upcoming["components"]] == ["import.dms", "entry.ics2", "import.ics2"]
    assert upcoming["cancelled"] is False
    assert maintenances["2026-11-29-emcs-onderhoud"]["status"] == "in_progress"


def test_overrun_and_cancellation_keep_what_statuspage_has_no_word_for(fixture_site: Path) -> None:
    maintenances = {
        m["id"]: m
        for m in load(fixture_site, "en", "scheduled-maintenances.json")["scheduled_maintenances"]
    }
    overrun = maintenances["2026-11-15-ncts-uitloop"]
    assert overrun["status"] == "completed"
    assert instant(overrun["scheduled_until"]) == dt.datetime(2026, 11, 15, 12, 30, tzinfo=dt.UTC)
    assert instant(overrun["resolved_at"]) == dt.datetime(2026, 11, 15, 12, 20, tzinfo=dt.UTC)
    updates = overrun["incident_updates"]
    assert [u["status"] for u in updates] == [
        "completed",
        "in_progress",
        "in_progress",
        "in_progress",
        "scheduled",
    ]
    assert updates[2]["body"].startswith("Overrun: The maintenance overruns until 13:30")
    assert "Expected end: Sunday 15 November 2026 13:30 CET." in updates[2]["body"]
    assert updates[2]["id"] == "2026-11-15-ncts-uitloop-update-20261115T102500Z"  # its UTC time
    assert [u["protocol_status"] for u in updates] == [
        "completed",
        "overrun",
        "overrun",
        "in-progress",
        "scheduled",
    ]

    assert overrun["cancelled"] is False

    # Called off: closed, but neither resolved nor of any impact, and saying so.
    cancelled = maintenances["2026-12-13-emcs-geannuleerd"]
    assert (cancelled["status"], cancelled["impact"]) == ("completed", "none")
    assert cancelled["resolved_at"] is None
    assert cancelled["cancelled"] is True
    assert cancelled["name"] == 'Maintenance of the "EMCS link" & <e-AD>'
    last = cancelled["incident_updates"][0]  # newest first: the cancellation
    assert instant(last["created_at"]) == dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
    assert instant(cancelled["updated_at"]) == instant(last["created_at"])
    assert last["body"].startswith(
        'Cancelled: The maintenance is cancelled. Messages containing "]]>" or <![CDATA['
    )
    # It never put EMCS in maintenance: the cancellation leaves it as the announcement did.
    assert [(a["old_status"], a["new_status"]) for a in last["affected_components"]] == [
        ("operational", "operational")
    ]
    dutch = load(fixture_site, "nl", "scheduled-maintenances.json")["scheduled_maintenances"]
    assert dutch[0]["incident_updates"][0]["body"].startswith("Geannuleerd: Het onderhoud gaat")


def test_component_status_of_planned_work_with_fallback_is_maintenance() -> None:
    from douane_status.domain.model import Event, EventType, Text
    from douane_status.machine.api_records import component_status
    from douane_status.state.phases import SystemState, SystemStatus

    def event(event_type: EventType) -> Event:
        return Event(
            "e", "e.md", event_type, Text("", ""), ("dms",), FIXTURE_NOW_UTC, (), Text("", "")
        )

    planned = SystemStatus("dms", SystemState.FALLBACK, (event(EventType.MAINTENANCE),))
    assert component_status(planned) == "under_maintenance"
    mixed = SystemStatus(
        "dms",
        SystemState.FALLBACK,
        (event(EventType.MAINTENANCE), event(EventType.DISRUPTION)),
    )
    assert component_status(mixed) == "major_outage"


def test_documents_joined_from_encoded_parts_are_what_json_writes() -> None:
    from douane_status.machine.api import encode, json_array, json_object

    items: list[Any] = [{"naam": 'Één "twee" <drie>', "n": [1, None, True, 2.5]}, [], "x"]
    whole = {"page": {"id": "p"}, "incidents": items}
    assert encode(whole) == json.dumps(whole, ensure_ascii=False, separators=(",", ":"))
    assert json_array([encode(i) for i in items]) == encode(items)
    assert json_array([]) == encode([])
    joined = json_object(
        page=encode(whole["page"]), incidents=json_array([encode(i) for i in items])
    )
    assert joined == encode(whole)


def test_the_timeline_is_the_event_as_it_stood_after_each_update() -> None:
    from conftest import FIXTURE_CONTENT

    from douane_status.domain.config import StatusSettings
    from douane_status.machine.facts import as_of, timeline
    from douane_status.rules.content import load_content

    content = load_content(FIXTURE_CONTENT, StatusSettings(), FIXTURE_NOW_UTC)
    (overrun,) = [e for e in content.events if e.id == "2026-11-15-ncts-uitloop"]
    known = timeline(overrun)
    assert [k.updates for k in known] == [overrun.updates[:n] for n in range(1, 6)]
    assert known == [as_of(overrun, u) for u in overrun.updates]
    assert known[-1] is overrun  # the latest update leaves nothing out: no copy


def test_the_indicator_is_maintenance_when_nothing_else_is_going_on() -> None:
    from douane_status.domain.model import Event, EventType, Text
    from douane_status.machine.api_records import INDICATORS, page_state
    from douane_status.state.phases import SystemState, SystemStatus

    def status(state: SystemState, event_type: EventType = EventType.DISRUPTION) -> SystemStatus:
        event = Event(
            "e", "e.md", event_type, Text("", ""), ("dms",), FIXTURE_NOW_UTC, (), Text("", "")
        )
        return SystemStatus("dms", state, (event,))

    available = status(SystemState.AVAILABLE)
    maintenance = status(SystemState.MAINTENANCE, EventType.MAINTENANCE)
    planned_fallback = status(SystemState.FALLBACK, EventType.MAINTENANCE)
    investigating = status(SystemState.INVESTIGATING)

    def indicator(*statuses: SystemStatus) -> str:
        return INDICATORS[page_state(statuses)]

    assert indicator() == indicator(available) == "none"
    assert indicator(available, maintenance) == "maintenance"
    assert indicator(planned_fallback) == "maintenance"  # planned work, fallback allowed
    # Maintenance beside a system under investigation: the investigation counts.
    assert indicator(maintenance, investigating) == "minor"
    assert indicator(planned_fallback, investigating) == "minor"
    assert indicator(maintenance, status(SystemState.FALLBACK)) == "critical"


def test_a_site_with_only_maintenance_says_maintenance(tmp_path: Path) -> None:
    from conftest import build_into

    # 08:30 CET: the EMCS window opened at 08:00, the NCTS disruption is reported at 08:50.
    site = build_into(tmp_path / "site", now=dt.datetime(2026, 11, 29, 7, 30, tzinfo=dt.UTC))
    assert load(site, "en", "status.json")["status"] == {
        "indicator": "maintenance",
        "description": "Maintenance on one or more systems",
    }
    summary = load(site, "nl", "summary.json")
    assert summary["status"]["indicator"] == "maintenance"
    assert summary["incidents"] == []
    assert [m["id"] for m in summary["scheduled_maintenances"]] == [
        "2026-11-29-emcs-onderhoud",
        "2026-12-13-dms-onderhoud",
    ]
    # The window's opening is the page's last change.
    opened = dt.datetime(2026, 11, 29, 7, 0, tzinfo=dt.UTC)
    assert instant(summary["page"]["updated_at"]) == opened


def test_a_moment_is_written_the_same_from_any_zone_and_each_once() -> None:
    """``ApiFacts.instant`` keeps what it wrote: the same instant asked for in another zone is
    the same text, with the page's offset, and another instant is not given an earlier text."""
    from zoneinfo import ZoneInfo

    from conftest import FIXTURE_CONTENT

    from douane_status.domain.config import StatusSettings
    from douane_status.machine.api_records import ApiFacts
    from douane_status.rules.content import load_content

    settings = StatusSettings()
    content = load_content(FIXTURE_CONTENT, settings, FIXTURE_NOW_UTC)
    facts = ApiFacts(content.catalog, content.events, settings, FIXTURE_NOW_UTC)
    utc = dt.datetime(2026, 7, 1, 8, 30, 15, 250000, tzinfo=dt.UTC)
    assert facts.instant(utc) == "2026-07-01T10:30:15.250+02:00"
    assert facts.instant(utc) is facts.instant(utc)  # written once, then the same text
    assert facts.instant(utc.astimezone(ZoneInfo("America/New_York"))) is facts.instant(utc)
    winter = dt.datetime(2026, 12, 1, 8, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))
    assert facts.instant(winter) == "2026-12-01T08:30:00.000+01:00"
    assert facts.instant(winter + dt.timedelta(minutes=1)) == "2026-12-01T08:31:00.000+01:00"
