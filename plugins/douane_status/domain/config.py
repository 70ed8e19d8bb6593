"""Typed settings, built once from the ``DOUANE_STATUS`` dict in pelicanconf.py.

Every threshold the protocol names lives here with its default, so a rule never reads a loose
settings key and a test can build a variant with ``dataclasses.replace``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import ConfigError

SETTING = "DOUANE_STATUS"
# A project's folder of what one run keeps for the next: compiled templates, the holidays.
CACHE_FOLDER = ".cache"
Port = typing.NewType("Port", int)  # a TCP port number, 1 to 65535
# The start of every permanent id the site mints: "tag:" authority "," date ":" name (RFC 4151).
TagBase = typing.NewType("TagBase", str)
# The statuses of the Dutch model accessibility statement (digitoegankelijk.nl).
ACCESSIBILITY_STATUSES = ("A", "B", "C", "D", "E")


@dataclass(frozen=True)
class StatusSettings:
    """Protocol thresholds, calendar and site facts. Defaults follow protocol-rules.md."""

    timezone: str = "Europe/Amsterdam"
    office_hours_start: dt.time = dt.time(8, 0)
    office_hours_end: dt.time = dt.time(17, 0)
    closure_days: tuple[dt.date, ...] = ()
    notice_working_days: int = 10
    first_message_minutes: int = 30
    investigation_followup_minutes: int = 30
    fallback_decision_minutes: int = 30
    overrun_notice_minutes: int = 30
    overrun_update_office_minutes: int = 60
    overrun_update_outside_minutes: int = 120
    promise_grace_minutes: int = 5
    retention_years: int = 1  # calendar years: the same local date and time, 29 Feb -> 28 Feb
    recent_days: int = 7
    site_url: str = ""
    helpdesk_phone: str = "088-15 666 55"  # as written on Dutch pages
    helpdesk_phone_international: str = "+31 88 15 666 55"  # on English pages, and the tel: link
    helpdesk_email: str = "nhd.apeldoorn@douane.nl"
    # The accessibility statement, after the Dutch model: its status (A fully compliant, B
    # partially, C first measures taken, D not compliant, E no insight) and the day it was drawn up.
    accessibility_status: str = "C"
    accessibility_statement_date: dt.date = dt.date(2026, 12, 5)
    # Where Dutch Customs lists every fallback procedure (a Dutch page); a system's own procedure
    # is its `fallback_procedure` in systems.yaml.
    fallback_procedures_url: str = (
        "https://www.belastingdienst.nl/wps/wcm/connect/bldcontentnl/belastingdienst/"
        "douane_voor_bedrijven/naslagwerken_en_overige_informatie/noodprocedures_douane/"
        "noodprocedures_douane_cluster"
    )
    # Feed entry ids and calendar UIDs start with this: a tag URI (RFC 4151) of a domain the
    # organisation held on that date. Never change it: every subscriber keeps these ids.
    tag_base: TagBase = TagBase("tag:douane.nl,2026:beschikbaarheid-douanesystemen")
    # The day the site began: the API's components were created then, and a feed without
    # messages was last updated then. Fixed, so that these times change only with the content.
    site_started: dt.date = dt.date(2025, 10, 1)
    websub_hub: str = ""  # a WebSub hub the feeds name (rel="hub") and `invoke notify` pings
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def helpdesk_tel(self) -> str:
        """The helpdesk's number as a link a phone dials: ``tel:+31881566655``."""
        return "tel:" + re.sub(r"[^0-9+]", "", self.helpdesk_phone_international)

    def helpdesk_phone_in(self, lang: str) -> str:
        """The helpdesk's number as readers of ``lang`` dial it: Dutch pages the national form,
        other languages the international one."""
        return self.helpdesk_phone if lang == "nl" else self.helpdesk_phone_international

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @cached_property
    def started_at(self) -> dt.datetime:
        """The first moment of ``site_started``, in the site's time zone."""
        return dt.datetime.combine(self.site_started, dt.time(), tzinfo=self.tz)

    @classmethod
    def from_pelican(cls, settings: Mapping[str, Any]) -> StatusSettings:
        """From Pelican's settings: the ``DOUANE_STATUS`` dict and ``SITEURL``."""
        return cls.from_mapping(
            settings.get("DOUANE_STATUS", {}), site_url=settings.get("SITEURL", "")
        )

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any], *, site_url: str = "") -> StatusSettings:
        """Build settings from a plain mapping; unknown names and wrong values are ConfigError."""
        kwargs = _typed_values(cls, SETTING, values, fixed=("extra", "site_url"))
        settings = cls(site_url=site_url.rstrip("/"), **kwargs)
        try:
            settings.tz  # noqa: B018  (fail early on a bad zone name)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ConfigError(f"{SETTING} timezone {settings.timezone!r} is unknown") from exc
        if settings.accessibility_status not in ACCESSIBILITY_STATUSES:
            raise ConfigError(
                f"{SETTING} accessibility_status must be one of "
                f"{', '.join(ACCESSIBILITY_STATUSES)}, not {settings.accessibility_status!r}"
            )
        if settings.office_hours_start >= settings.office_hours_end:
            raise ConfigError(f"{SETTING} office_hours_start must be before office_hours_end")
        return settings


def _typed_values(
    settings_type: type[Any],
    setting: str,
    values: Mapping[str, Any],
    fixed: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Each value converted to its field's type (from the dataclass's own annotations); a name
    that is no field, or is in ``fixed`` (set from elsewhere), is refused."""
    hints = typing.get_type_hints(settings_type)
    known = sorted(f.name for f in dataclasses.fields(settings_type) if f.name not in fixed)
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ConfigError(
            f"{setting} has unknown setting(s) {', '.join(unknown)}; known: {', '.join(known)}"
        )
    converted = {}
    for name, value in values.items():
        reading = _READINGS[hints[name]]
        try:
            converted[name] = reading.convert(value)
        except (TypeError, ValueError):
            raise ConfigError(f"{setting} {name}={value!r} is not {reading.expected}") from None
    return converted


@dataclass(frozen=True)
class _Reading:
    """How a setting of one type is read, and what to say when it cannot be."""

    convert: Callable[[Any], Any]
    expected: str


def _time(value: Any) -> dt.time:
    """A ``datetime.time``, or its text as in pelicanconf.py: ``"08:00"``."""
    if isinstance(value, dt.time):
        return value
    if not isinstance(value, str):
        raise TypeError
    return dt.time.fromisoformat(value)


def _date(value: Any) -> dt.date:
    """A ``datetime.date`` (not a datetime), or its text: ``"2026-12-24"``."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str):
        raise TypeError
    return dt.date.fromisoformat(value)


def _dates(value: Any) -> tuple[dt.date, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise TypeError
    return tuple(_date(item) for item in value)


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise TypeError
    return value


def _port(value: Any) -> Port:
    if not 0 < _count(value) < 65536:
        raise ValueError
    return Port(value)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError
    return value


# RFC 4151's grammar: a domain name (or e-mail address) in lower case, a date, and path characters.
_DNS_NAME = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+"
_MAILBOX = r"[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@"
_PCHAR = r"[A-Za-z0-9._~!$&'()*+,;=:@%-]"  # a URI path character other than "/"
_TAG_BASE = re.compile(
    rf"tag:(?P<authority>(?:{_MAILBOX})?{_DNS_NAME}),"
    r"(?P<date>\d{4}(?:-\d{2}(?:-\d{2})?)?)"
    rf":(?P<name>{_PCHAR}(?:(?:{_PCHAR}|/)*{_PCHAR})?)"
)


def _tag_base(value: Any) -> TagBase:
    """``tag:AUTHORITY,DATE:NAME`` as RFC 4151 spells it: a lower-case domain name or e-mail
    address, a date written YYYY, YYYY-MM or YYYY-MM-DD (each form is another tag), and a name
    of URI path characters that neither starts nor ends with a slash (ids are added after one)."""
    match = _TAG_BASE.fullmatch(_text(value))
    if match is None:
        raise ValueError
    year, month, day = ([*match["date"].split("-"), "01", "01"])[:3]
    dt.date(int(year), int(month), int(day))  # a real day: ValueError otherwise
    return TagBase(value)


_READINGS: dict[object, _Reading] = {
    dt.time: _Reading(_time, "a time: give 'HH:MM', e.g. '08:00'"),
    tuple[dt.date, ...]: _Reading(_dates, "a list of dates: give ['YYYY-MM-DD', ...]"),
    dt.date: _Reading(_date, "a date: give 'YYYY-MM-DD'"),
    int: _Reading(_count, "a whole number of at least 0"),
    Port: _Reading(_port, "a port number (1 to 65535)"),
    str: _Reading(_text, "a text"),
    TagBase: _Reading(
        _tag_base,
        "a tag URI base (RFC 4151): 'tag:' domain ',' date ':' name, "
        "e.g. 'tag:douane.nl,2026:beschikbaarheid-douanesystemen'",
    ),
}


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
    local_backend_port: Port = Port(8081)

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> AdminSettings:
        settings = cls(**_typed_values(cls, ADMIN_SETTING, values))
        if settings.repo and settings.repo.count("/") != 1:
            raise ConfigError(f"{ADMIN_SETTING} repo must be 'owner/name', not {settings.repo!r}")
        return settings

    @property
    def local_url(self) -> str:
        return f"http://127.0.0.1:{self.local_backend_port}/api/v1"
