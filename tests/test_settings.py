"""Settings are read by their types: a wrong value says which setting and what it should be."""

from __future__ import annotations

import datetime as dt

import pytest

from douane_status.domain.config import AdminSettings, StatusSettings
from douane_status.domain.errors import ConfigError


def test_times_and_dates_are_read_from_their_text() -> None:
    settings = StatusSettings.from_mapping(
        {
            "office_hours_start": "07:30",
            "office_hours_end": dt.time(18, 0),
            "closure_days": ["2026-12-24", dt.date(2026, 12, 31)],
            "retention_years": 2,
            "helpdesk_phone": "088-15 666 55",
        },
        site_url="https://status.example.org/",
    )
    assert (settings.office_hours_start, settings.office_hours_end) == (
        dt.time(7, 30),
        dt.time(18, 0),
    )
    assert settings.closure_days == (dt.date(2026, 12, 24), dt.date(2026, 12, 31))
    assert (settings.retention_years, settings.site_url) == (2, "https://status.example.org")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            {"office_hours_start": "8 uur"},
            "DOUANE_STATUS office_hours_start='8 uur' is not a time: give 'HH:MM'",
        ),
        ({"office_hours_end": 17}, "office_hours_end=17 is not a time"),
        (
            {"closure_days": ["2026-12-24", "24-12-2026"]},
            "closure_days=['2026-12-24', '24-12-2026'] is not a list of dates: give ['YYYY-MM-DD'",
        ),
        ({"closure_days": "2026-12-24"}, "is not a list of dates"),
        ({"closure_days": [dt.datetime(2026, 12, 24, 9)]}, "is not a list of dates"),
        ({"retention_years": -1}, "retention_years=-1 is not a whole number of at least 0"),
        # retention is a period in calendar years, not a number of days
        ({"retention_days": 365}, "unknown setting(s) retention_days; known: accessibility_"),
        ({"recent_days": True}, "recent_days=True is not a whole number"),
        ({"helpdesk_email": None}, "helpdesk_email=None is not a text"),
        ({"retention": 365}, "unknown setting(s) retention; known: accessibility_"),
        ({"site_url": "x"}, "unknown setting(s) site_url"),
        ({"timezone": "Europe/Apeldoorn"}, "timezone 'Europe/Apeldoorn' is unknown"),
        ({"office_hours_start": "18:00"}, "office_hours_start must be before office_hours_end"),
    ],
)
def test_a_wrong_setting_says_what_it_should_be(values: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        StatusSettings.from_mapping(values)
    assert message in str(raised.value)


@pytest.mark.parametrize("port", [0, 65536, "8081", 80.0])
def test_the_editor_backend_port_is_a_port_number(port: object) -> None:
    with pytest.raises(ConfigError, match="is not a port number"):
        AdminSettings.from_mapping({"local_backend_port": port})
    assert AdminSettings.from_mapping({"local_backend_port": 9000}).local_backend_port == 9000
