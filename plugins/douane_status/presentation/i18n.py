"""The words the code puts on pages, feeds and files, and dates as people read them.

The words are English msgids; their Dutch is in the gettext catalogue ``locale/nl`` (see the
README, "Translations"). The templates mark their own words; these are the ones the code needs,
each marked with ``N_`` (``pN_`` with a context, ``nN_`` with a plural) so that ``pybabel
extract`` finds them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar
from zoneinfo import ZoneInfo

from babel import Locale

from ..domain.model import LANGUAGES, EventType, Fallback, Lang, Status
from ..state.phases import Phase, SystemState
from .catalogues import translations

K = TypeVar("K")


@dataclass(frozen=True, slots=True)
class Message:
    """A msgid, with the plural (its number comes from the ``count`` value) or context it has."""

    text: str
    plural: str | None = None
    context: str | None = None


def N_(text: str) -> Message:
    return Message(text)


def pN_(context: str, text: str) -> Message:
    """For an English word that needs different Dutch in different places."""
    return Message(text, context=context)


def nN_(singular: str, plural: str) -> Message:
    return Message(singular, plural=plural)


LANGUAGE_NAMES: dict[Lang, str] = {"nl": "Nederlands", "en": "English"}

TYPE_LABELS: dict[EventType, Message] = {
    EventType.MAINTENANCE: N_("Planned maintenance"),
    EventType.RELEASE: N_("Release"),
    EventType.DISRUPTION: N_("Disruption"),
    EventType.UNPLANNED_MAINTENANCE: N_("Unplanned maintenance"),
}
STATUS_LABELS: dict[Status, Message] = {
    Status.SCHEDULED: N_("Scheduled"),
    Status.IN_PROGRESS: N_("In progress"),
    Status.OVERRUN: N_("Overrun"),
    Status.COMPLETED: N_("Completed"),
    Status.CANCELLED: pN_("status of an event", "Cancelled"),
    Status.INVESTIGATING: N_("Under investigation"),
    Status.DISRUPTION: N_("Disruption"),
    Status.RESOLVED: N_("Resolved"),
    Status.WORKAROUND: N_("Temporary solution"),
    Status.NO_FAULT: N_("No fault found"),
}
FALLBACK_LABELS: dict[Fallback, Message] = {
    Fallback.ALLOWED: N_("You may use the fallback procedure"),
    Fallback.NOT_NEEDED: N_("The fallback procedure is not needed"),
    Fallback.ENDED: N_("The fallback procedure has ended"),
}
STATE_LABELS: dict[SystemState, Message] = {
    SystemState.AVAILABLE: N_("Available"),
    SystemState.INVESTIGATING: N_("Under investigation"),
    SystemState.MAINTENANCE: N_("Maintenance"),
    SystemState.DISRUPTION: N_("Disruption"),
    SystemState.FALLBACK: N_("Fallback procedure"),
}
OVERALL_HEADLINES: dict[SystemState, Message] = {
    SystemState.AVAILABLE: N_("All systems are available"),
    SystemState.INVESTIGATING: N_("One or more systems are under investigation"),
    SystemState.MAINTENANCE: N_("Maintenance on one or more systems"),
    SystemState.DISRUPTION: N_("Disruption of one or more systems"),
    SystemState.FALLBACK: N_(
        "Disruption of one or more systems; for at least one you may use the fallback procedure"
    ),
}
PHASE_LABELS: dict[Phase, Message] = {
    Phase.UPCOMING: N_("Scheduled"),
    Phase.ACTIVE: N_("Ongoing"),
    Phase.ENDED: N_("Ended"),
}

_MINUTES = nN_("%(count)s minute", "%(count)s minutes")
_HISTORY_DAYS = nN_("%(count)s day not fully available", "%(count)s days not fully available")
_WORKING_DAYS = nN_(
    "%(count)s working day between announcement and start",
    "%(count)s working days between announcement and start",
)

# The words the code asks for by key (the templates hold the rest).
WORDS: dict[str, Message] = {
    "site_name": N_("Availability of Dutch Customs Systems"),
    "site_tagline": N_("Disruptions, maintenance and releases of Dutch Customs systems"),
    "status_title": N_("Current status"),
    "next_update": N_("Next update"),
    "start": N_("Start"),
    "end": N_("End"),
    "planned_end": N_("Planned end"),
    "expected_end": N_("Expected end"),
    "type": N_("Type"),
    "systems": N_("Systems"),
    "state": N_("Status"),
    "fallback": N_("Fallback procedure"),
    "fallback_possible_yes": N_("You may use the fallback procedure"),
    "fallback_possible_no": N_("There is no fallback procedure"),
    "fallback_none": N_("No decision yet on the fallback procedure"),
    "status_icon_label": N_("Status:"),
    "systems_affected": N_("%(count)s of %(total)s systems not fully available"),
    "all_available_detail": N_("There are no disruptions and no maintenance is in progress."),
    "until": N_("until %(time)s"),
    "process_available": N_("All available"),
    "fallback_for": N_("Fallback procedure for %(system)s"),
    # After a link to another site's page in the other language than the reader's.
    "in_language_nl": N_("(in Dutch)"),
    "in_language_en": N_("(in English)"),
    "fallback_overview": N_("All fallback procedures of Dutch Customs"),
    # Page titles (the templates show them as ``page.title``).
    "archive_title": N_("Archive"),
    "systems_title": N_("Systems"),
    "system_events": N_("Messages about %(system)s"),
    "process_events": N_("Messages about %(process)s (customs process)"),
    "maintenance_title": N_("Maintenance and releases"),
    "subscribe_title": N_("Subscribe"),
    "report_title": N_("Availability per month"),
    "compliance_title": N_("Compliance with the communication protocol"),
    "accessibility_title": N_("Accessibility statement"),
    "fallback_title": N_("Fallback procedure"),
    # The statuses of the Dutch model accessibility statement, with what each means.
    "accessibility_status_A": N_("Status A: fully compliant"),
    "accessibility_status_A_text": N_("This site meets all the requirements below."),
    "accessibility_status_B": N_("Status B: partially compliant"),
    "accessibility_status_B_text": N_(
        "This site meets part of the requirements below. What it does not meet yet is listed."
    ),
    "accessibility_status_C": N_("Status C: first measures taken"),
    "accessibility_status_C_text": N_(
        "We cannot show yet that this site meets all the requirements below, because it has not "
        "been evaluated in full. We have taken the measures listed here."
    ),
    "accessibility_status_D": N_("Status D: not compliant"),
    "accessibility_status_D_text": N_("This site does not meet the requirements below yet."),
    "accessibility_status_E": N_("Status E: no insight"),
    "accessibility_status_E_text": N_(
        "We do not know yet whether this site meets the requirements below."
    ),
    "ombudsman": N_("National Ombudsman"),
    "douane_site": N_("douane.nl: the site of Dutch Customs"),
    # Maintenance windows, on the maintenance page and in the calendar.
    "window_maintenance": N_("Maintenance (Sunday)"),
    "window_release": N_("Release (Saturday)"),
    "window_cancelled": pN_("maintenance window", "Cancelled"),
    "calendar_window_maintenance": N_("Agreed maintenance window"),
    "calendar_window_release": N_("Agreed release window"),
    "calendar_window_text": N_(
        "At this agreed moment Dutch Customs may carry out maintenance or a release. Which "
        "systems are then unavailable is stated in the announcements."
    ),
    "calendar_window_moved": N_("Moved from %(day)s."),
    # Feeds, calendar and badges.
    "feeds_all_systems": N_("All systems"),
    "feeds_by_process": N_("Per customs process"),
    "feeds_by_system": N_("Per system"),
    "calendar_name": N_("Maintenance and releases of Dutch Customs systems"),
    "calendar_description": N_(
        "Planned maintenance, releases and the agreed maintenance windows of Dutch Customs systems."
    ),
    "badge_overall": N_("Customs systems"),
    # The 90-day rows and the minutes they count.
    "history_days": _HISTORY_DAYS,
    "history_days_one": _HISTORY_DAYS,
    "history_none": N_("Fully available"),
    "no_unavailability": N_("fully available"),
    "minutes": _MINUTES,
    "minutes_one": _MINUTES,
    "minutes_planned": N_("%(minutes)s planned"),
    "minutes_unplanned": N_("%(minutes)s unplanned"),
    # The compliance report.
    "compliance_working_days": _WORKING_DAYS,
    "compliance_working_days_one": _WORKING_DAYS,
    "compliance_fallback_after": N_("%(minutes)s after the first update reporting the disruption"),
    "compliance_fallback_none": N_("Not given"),
    "compliance_first_message_after": N_("%(minutes)s after the start"),
    # The protocol rules that give warnings (protocol-rules.md), in a few words.
    "rule_P02": N_("Announce planned maintenance and releases at least 10 working days ahead"),
    "rule_P03": N_("Stay within an agreed maintenance or release window"),
    "rule_P04": N_("Announce an overrun no later than 30 minutes before the planned end"),
    "rule_P05": N_("During an overrun an update every hour, every 2 hours outside office hours"),
    "rule_P06": N_("Always report the end of maintenance"),
    "rule_P07": N_("State the next communication moment in every update"),
    "rule_P08": N_("Keep the promised communication moment"),
    "rule_P09": N_("A second message within 30 minutes of 'under investigation'"),
    "rule_P10": N_("Allow the fallback procedure within 30 minutes of a disruption"),
    "rule_P11": N_("At the end, end the fallback procedure and explain how messages are handled"),
    "rule_P12": N_(
        "Unplanned maintenance follows a disruption that has ended, and is announced in advance"
    ),
    "rule_P13": N_("'No fault found' only when the disruption was never confirmed"),
    "rule_P14": N_("Report a disruption within 30 minutes of its start"),
}

_DURATION_UNITS = (
    nN_("%(count)s day", "%(count)s days"),
    nN_("%(count)s hour", "%(count)s hours"),
    _MINUTES,
)
_LAST_OF_A_LIST = N_("%(first)s and %(last)s")

_DAY_PATTERN = "EEEE d MMMM y"
_MONTH_PATTERN = "LLLL y"


@lru_cache(maxsize=8192)  # a page asks for dozens of words, the same on every page
def translate(message: Message, lang: Lang, count: int = 1) -> str:
    """The words of ``message`` in ``lang``, placeholders still in them."""
    words = translations(lang)
    if message.plural is not None:
        if message.context is not None:
            return words.npgettext(message.context, message.text, message.plural, count)
        return words.ngettext(message.text, message.plural, count)
    if message.context is not None:
        return words.pgettext(message.context, message.text)
    return words.gettext(message.text)


def word(key: str, lang: Lang, **values: object) -> str:
    """The words for ``key`` in ``lang``, placeholders filled; a plural's number is ``count``."""
    message = WORDS[key]
    count = values.get("count", 1)
    text = translate(message, lang, count if isinstance(count, int) else 1)
    return text % values if values else text


def label(table: Mapping[K, Message], key: K, lang: Lang) -> str:
    return translate(table[key], lang)


def both(table: Mapping[K, Message], key: K) -> tuple[str, str]:
    """(Dutch, English): for the editor, which shows operators both at once."""
    return label(table, key, "nl"), label(table, key, "en")


@lru_cache(maxsize=4)
def _calendar_names(lang: Lang) -> tuple[dict[int, str], dict[int, str]]:
    """Babel's wide day and month names, read once per language (format_datetime is slow)."""
    locale = Locale.parse(lang)
    return dict(locale.days["format"]["wide"]), dict(locale.months["format"]["wide"])


def load_languages() -> None:
    """Read every language's words and Babel's data of it now: a build does so while its
    workers read the content, before the processes that write the site fork, which would each
    read them again (a twentieth of a second each)."""
    for lang in LANGUAGES:
        translations(lang)
        _calendar_names(lang)


@lru_cache(maxsize=32768)
def format_moment(moment: dt.datetime, lang: Lang, tz: ZoneInfo) -> str:
    """'zondag 6 december 2026 08:00 CET' / 'Sunday 6 December 2026 08:00 CET'."""
    local = moment.astimezone(tz)
    days, months = _calendar_names(lang)
    return (
        f"{days[local.weekday()]} {local.day} {months[local.month]} {local.year} "
        f"{local:%H:%M} {local.tzname()}"
    )


def format_clock_or_day(moment: dt.datetime, now: dt.datetime, lang: Lang, tz: ZoneInfo) -> str:
    """'10:35' on the day of ``now``, else '30 november 10:35': short, for the status rows."""
    local = moment.astimezone(tz)
    if local.date() == now.astimezone(tz).date():
        return f"{local:%H:%M}"
    return format_day_and_clock(moment, lang, tz)


def format_day_and_clock(moment: dt.datetime, lang: Lang, tz: ZoneInfo) -> str:
    """'29 november 10:50' / '29 November 10:50': the build's time at the top of every page."""
    local = moment.astimezone(tz)
    _, months = _calendar_names(lang)
    return f"{local.day} {months[local.month]} {local:%H:%M}"


@lru_cache(maxsize=4096)
def format_day(day: dt.date, lang: Lang) -> str:
    """'zondag 6 december 2026' / 'Sunday 6 December 2026': Babel's ``EEEE d MMMM y``
    (``_DAY_PATTERN``), from its names as ``format_moment`` writes them (a test holds the two
    to each other); ``format_date`` parses the pattern again for every day (22 µs a day, for
    hundreds of days a build)."""
    days, months = _calendar_names(lang)
    return f"{days[day.weekday()]} {day.day} {months[day.month]} {day.year}"


@lru_cache(maxsize=512)
def format_month(year: int, month: int, lang: Lang) -> str:
    from babel.dates import format_date

    text = format_date(dt.date(year, month, 1), _MONTH_PATTERN, locale=lang)
    return text[:1].upper() + text[1:]


def format_clock(moment: dt.datetime, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).strftime("%H:%M")


def format_duration(delta: dt.timedelta, lang: Lang) -> str:
    """Exact durations ('1 uur en 30 minuten'), not babel's rounded ones."""
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    amounts = (days, hours, minutes)
    parts = [
        translate(unit, lang, amount) % {"count": amount}
        for unit, amount in zip(_DURATION_UNITS, amounts, strict=True)
        if amount
    ]
    if not parts:
        return translate(_MINUTES, lang, 0) % {"count": 0}
    if len(parts) == 1:
        return parts[0]
    first, last = ", ".join(parts[:-1]), parts[-1]
    return translate(_LAST_OF_A_LIST, lang) % {"first": first, "last": last}
