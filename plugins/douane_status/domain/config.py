"""Typed settings, built once from the ``DOUANE_STATUS`` dict in pelicanconf.py.

Every threshold the protocol names lives here with its default, so a rule never reads a loose
settings key and a test can build a variant with ``dataclasses.replace``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import ConfigError


@dataclass(frozen=True)
class StatusSettings:
    """Protocol thresholds, calendar and site facts. Defaults follow protocol-rules.md."""

    timezone: str = "Europe/Amsterdam"
    office_hours_start: dt.time = dt.time(8, 0)
    office_hours_end: dt.time = dt.time(17, 0)
    closure_days: tuple[dt.date, ...] = ()
    notice_working_days: int = 10
    investigation_followup_minutes: int = 30
    fallback_decision_minutes: int = 30
    overrun_notice_minutes: int = 30
    overrun_update_office_minutes: int = 60
    overrun_update_outside_minutes: int = 120
    promise_grace_minutes: int = 5
    retention_days: int = 365
    recent_days: int = 7
    site_url: str = ""
    helpdesk_phone: str = "088-15 666 55"
    helpdesk_email: str = "nhd.apeldoorn@douane.nl"
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @classmethod
    def from_pelican(cls, settings: Mapping[str, Any]) -> StatusSettings:
        """From Pelican's settings: the ``DOUANE_STATUS`` dict and ``SITEURL``."""
        return cls.from_mapping(
            settings.get("DOUANE_STATUS", {}), site_url=settings.get("SITEURL", "")
        )

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any], *, site_url: str = "") -> StatusSettings:
        """Build settings from a plain mapping; unknown names and wrong types are ConfigError."""
        known = {f.name: f for f in dataclasses.fields(cls) if f.name not in ("extra", "site_url")}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ConfigError(
                f"DOUANE_STATUS has unknown setting(s) {', '.join(unknown)}; "
                f"known: {', '.join(sorted(known))}"
            )
        kwargs: dict[str, Any] = {"site_url": site_url.rstrip("/")}
        for name, value in values.items():
            kwargs[name] = _coerce(name, known[name].type, value)
        settings = cls(**kwargs)
        try:
            settings.tz  # noqa: B018  (fail early on a bad zone name)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ConfigError(f"DOUANE_STATUS timezone {settings.timezone!r} is unknown") from exc
        if settings.office_hours_start >= settings.office_hours_end:
            raise ConfigError("DOUANE_STATUS office_hours_start must be before office_hours_end")
        return settings


def _coerce(name: str, type_name: object, value: Any) -> Any:
    """Accept the natural Python value or its ISO text for times and dates."""
    try:
        if type_name == "dt.time":
            return value if isinstance(value, dt.time) else dt.time.fromisoformat(str(value))
        if type_name == "tuple[dt.date, ...]":
            return tuple(
                v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v)) for v in value
            )
        if type_name == "int":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise TypeError
            return value
        if type_name == "str":
            if not isinstance(value, str):
                raise TypeError
            return value
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"DOUANE_STATUS {name}={value!r} has the wrong type") from exc
    return value


ADMIN_SETTING = "DOUANE_ADMIN"


@dataclass(frozen=True)
class AdminSettings:
    """Where the editor saves.

    ``repo`` (``owner/name``) and ``branch`` select Decap's GitHub backend, with ``base_url`` the
    OAuth server that signs operators in to GitHub. Without ``repo`` the editor works only with the
    local backend (``invoke editor``). ``local_backend_port`` is where decap-server listens.
    """

    repo: str = ""
    branch: str = "main"
    base_url: str = ""
    local_backend_port: int = 8081

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> AdminSettings:
        known = {"repo", "branch", "base_url", "local_backend_port"}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ConfigError(
                f"{ADMIN_SETTING} has unknown setting(s) {', '.join(unknown)}; known: "
                f"{', '.join(sorted(known))}"
            )
        settings = cls(**values)
        port = settings.local_backend_port
        if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
            raise ConfigError(
                f"{ADMIN_SETTING} local_backend_port must be a port number, not {port!r}"
            )
        for name in ("repo", "branch", "base_url"):
            if not isinstance(getattr(settings, name), str):
                raise ConfigError(f"{ADMIN_SETTING} {name} must be text")
        if settings.repo and settings.repo.count("/") != 1:
            raise ConfigError(f"{ADMIN_SETTING} repo must be 'owner/name', not {settings.repo!r}")
        return settings

    @property
    def local_url(self) -> str:
        return f"http://127.0.0.1:{self.local_backend_port}/api/v1"
