"""statuspage-prometheus-exporter (pinned in requirements.txt), a real Statuspage client, polls the
built site's summary.json over HTTP and turns it into Prometheus metrics: what it reports is what
a business monitoring its customs processes with it would see.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tools.browser import serve_directory

EXPORTER = Path(sys.executable).parent / "statuspage-prometheus-exporter"


@pytest.fixture(scope="module")
def served_site(fixture_site: Path) -> Iterator[str]:
    """The fixture site over HTTP on loopback, as the exporter fetches it."""
    with serve_directory(fixture_site) as origin:
        yield origin


def run_exporter(tmp_path: Path, services: dict[str, dict[str, str]]) -> dict[str, list]:
    """One pass of the exporter (RUN_MODE=once); its metrics, by name, as samples."""
    assert EXPORTER.is_file(), "pip install -r requirements.txt installs the exporter"
    assert version("statuspage-prometheus-exporter") == "2.6.0"
    (tmp_path / "services.json").write_text(json.dumps(services), encoding="utf-8")
    metrics = tmp_path / "metrics" / "statuspage.prom"
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TZ")}
    result = subprocess.run(
        [str(EXPORTER)],
        cwd=tmp_path,  # its cache folder goes here
        env={
            **keep,
            "RUN_MODE": "once",
            "SERVICES_JSON_PATH": str(tmp_path / "services.json"),
            "METRICS_TEXTFILE_PATH": str(metrics),
            "NO_PROXY": "127.0.0.1",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    families = text_string_to_metric_families(metrics.read_text(encoding="utf-8"))
    return {family.name: family.samples for family in families}


def values(samples: list, label: str, service: str) -> dict[str, float]:
    return {s.labels[label]: s.value for s in samples if s.labels.get("service_name") == service}


def test_the_exporter_reads_every_process_group_incident_and_maintenance(
    served_site: str, tmp_path: Path
) -> None:
    services = {
        "douane_nl": {"name": "Douane (nl)", "url": f"{served_site}/api/v2/summary.json"},
        "douane_en": {"name": "Douane (en)", "url": f"{served_site}/en/api/v2/summary.json"},
    }
    metrics = run_exporter(tmp_path, services)
    assert values(metrics["statuspage_probe_check"], "service_name", "Douane (en)") == {
        "Douane (en)": 1.0
    }
    # A disruption with the fallback procedure in force: not operational.
    assert values(metrics["statuspage_service_status"], "service_name", "Douane (en)") == {
        "Douane (en)": 0.0
    }
    # Every group and every system in it, apart by name: 1 operational, 0 otherwise.
    components = values(metrics["statuspage_component_status"], "component_name", "Douane (en)")
    assert components == {
        "Import": 0.0,
        "DMS (Import)": 0.0,  # under investigation
        "ICS2 (Import)": 1.0,
        "Transit": 0.0,
        "NCTS (Transit)": 0.0,
        "Transport of excise goods": 0.0,
        "EMCS (Transport of excise goods)": 0.0,  # maintenance
        "Entry of goods into the EU": 1.0,
        "ICS2 (Entry of goods into the EU)": 1.0,
    }
    dutch = values(metrics["statuspage_component_status"], "component_name", "Douane (nl)")
    assert dutch["DMS (Invoer)"] == 0.0 and dutch["Douanevervoer"] == 0.0
    # The open incidents, each with its impact and the group components it affects.
    incidents = {
        s.labels["incident_id"]: s.labels
        for s in metrics["statuspage_incident_info"]
        if s.labels["service_name"] == "Douane (en)" and s.value == 1.0
    }
    assert set(incidents) == {"2026-11-29-dms-onderzoek", "2026-11-29-ncts-verstoring"}
    ncts = incidents["2026-11-29-ncts-verstoring"]
    assert (ncts["impact"], ncts["affected_components"]) == ("critical", "NCTS (Transit)")
    assert ncts["shortlink"] == "/en/status-messages/2026-11-29-ncts-verstoring/"
    assert incidents["2026-11-29-dms-onderzoek"]["impact"] == "minor"
    # Maintenance under way and upcoming; the cancelled and the completed ones are not listed.
    maintenances = {
        s.labels["maintenance_id"]: s.labels
        for s in metrics["statuspage_maintenance_info"]
        if s.labels["service_name"] == "Douane (en)" and s.value == 1.0
    }
    assert set(maintenances) == {"2026-11-29-emcs-onderhoud", "2026-12-13-dms-onderhoud"}
    assert maintenances["2026-12-13-dms-onderhoud"]["affected_components"] == (
        "DMS (Import), ICS2 (Entry of goods into the EU), ICS2 (Import)"
    )
