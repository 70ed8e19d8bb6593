"""Every word a person reads, in Dutch and English, and dates as people read them."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale

from .model import EventType, Fallback, Lang, Status
from .state import Phase, SystemState

LANGUAGE_NAMES: dict[Lang, str] = {"nl": "Nederlands", "en": "English"}

TYPE_LABELS: dict[EventType, tuple[str, str]] = {
    EventType.MAINTENANCE: ("Gepland onderhoud", "Planned maintenance"),
    EventType.RELEASE: ("Applicatieve release", "Application release"),
    EventType.DISRUPTION: ("Verstoring", "Disruption"),
    EventType.UNPLANNED_MAINTENANCE: ("Ongepland onderhoud", "Unplanned maintenance"),
}
STATUS_LABELS: dict[Status, tuple[str, str]] = {
    Status.SCHEDULED: ("Gepland", "Scheduled"),
    Status.IN_PROGRESS: ("Bezig", "In progress"),
    Status.OVERRUN: ("Uitloop", "Overrun"),
    Status.COMPLETED: ("Afgerond", "Completed"),
    Status.CANCELLED: ("Geannuleerd", "Cancelled"),
    Status.INVESTIGATING: ("Beschikbaarheid in onderzoek", "Availability under investigation"),
    Status.DISRUPTION: ("Verstoring", "Disruption"),
    Status.RESOLVED: ("Opgelost", "Resolved"),
    Status.WORKAROUND: ("Workaround beschikbaar", "Workaround available"),
    Status.NO_FAULT: ("Geen verstoring gevonden", "No fault found"),
}
FALLBACK_LABELS: dict[Fallback, tuple[str, str]] = {
    Fallback.ALLOWED: (
        "Toestemming voor de noodprocedure is verleend",
        "Permission to use the fallback procedure has been given",
    ),
    Fallback.NOT_NEEDED: ("De noodprocedure is niet nodig", "The fallback procedure is not needed"),
    Fallback.ENDED: ("De noodprocedure is beëindigd", "The fallback procedure has ended"),
}
STATE_LABELS: dict[SystemState, tuple[str, str]] = {
    SystemState.AVAILABLE: ("Beschikbaar", "Available"),
    SystemState.INVESTIGATING: ("Beschikbaarheid in onderzoek", "Availability under investigation"),
    SystemState.MAINTENANCE: ("Onderhoud", "Maintenance"),
    SystemState.DISRUPTION: ("Verstoring", "Disruption"),
    SystemState.FALLBACK: ("Noodprocedure van kracht", "Fallback procedure in force"),
}
OVERALL_HEADLINES: dict[SystemState, tuple[str, str]] = {
    SystemState.AVAILABLE: ("Alle systemen zijn beschikbaar", "All systems are available"),
    SystemState.INVESTIGATING: (
        "De beschikbaarheid van een of meer systemen is in onderzoek",
        "The availability of one or more systems is under investigation",
    ),
    SystemState.MAINTENANCE: ("Er wordt onderhoud uitgevoerd", "Maintenance is in progress"),
    SystemState.DISRUPTION: ("Er is een verstoring", "There is a disruption"),
    SystemState.FALLBACK: (
        "Er is een verstoring: de noodprocedure is van kracht",
        "There is a disruption: the fallback procedure is in force",
    ),
}
PHASE_LABELS: dict[Phase, tuple[str, str]] = {
    Phase.UPCOMING: ("Aangekondigd", "Upcoming"),
    Phase.ACTIVE: ("Actueel", "Ongoing"),
    Phase.ENDED: ("Beëindigd", "Ended"),
}

# Words and sentences of the pages, by key. Keep both languages side by side.
WORDS: dict[str, tuple[str, str]] = {
    "site_name": ("Beschikbaarheid Douanesystemen", "Availability of Dutch Customs Systems"),
    "site_tagline": (
        "Storingen, onderhoud en releases van de systemen van de Douane",
        "Disruptions, maintenance and releases of Dutch Customs systems",
    ),
    "skip_link": ("Naar de inhoud", "Skip to content"),
    "nav_label": ("Hoofdmenu", "Main menu"),
    "nav_status": ("Actuele status", "Current status"),
    "nav_archive": ("Archief", "Archive"),
    "nav_maintenance": ("Onderhoud", "Maintenance"),
    "nav_systems": ("Systemen", "Systems"),
    "other_language": ("English", "Nederlands"),
    "other_language_label": ("Deze pagina in het Engels", "This page in Dutch"),
    "status_title": ("Actuele status", "Current status"),
    "systems_heading": ("Systemen per douaneproces", "Systems by customs process"),
    "system_state": ("Status", "Status"),
    "active_heading": ("Actuele meldingen", "Current messages"),
    "no_active": (
        "Er zijn nu geen storingen of onderhoud.",
        "There are no disruptions or maintenance now.",
    ),
    "upcoming_heading": (
        "Aangekondigd onderhoud en releases",
        "Scheduled maintenance and releases",
    ),
    "no_upcoming": (
        "Er is geen onderhoud of release aangekondigd.",
        "No maintenance or release has been announced.",
    ),
    "recent_heading": ("Beëindigd in de afgelopen 7 dagen", "Ended in the past 7 days"),
    "no_recent": (
        "Er is de afgelopen 7 dagen niets beëindigd.",
        "Nothing ended in the past 7 days.",
    ),
    "latest_update": ("Laatste bericht", "Latest message"),
    "next_update": ("Volgende update", "Next update"),
    "published": ("Gepubliceerd", "Published"),
    "start": ("Begin", "Start"),
    "end": ("Einde", "End"),
    "planned_end": ("Gepland einde", "Planned end"),
    "expected_end": ("Verwacht einde", "Expected end"),
    "duration": ("Duur", "Duration"),
    "date": ("Datum", "Date"),
    "type": ("Soort", "Type"),
    "systems": ("Systemen", "Systems"),
    "processes": ("Douaneprocessen", "Customs processes"),
    "state": ("Status", "Status"),
    "fallback": ("Noodprocedure", "Fallback procedure"),
    "fallback_link": ("Noodprocedure voor {system}", "Fallback procedure for {system}"),
    "fallback_possible_yes": (
        "De noodprocedure mag worden gebruikt.",
        "The fallback procedure may be used.",
    ),
    "fallback_possible_no": (
        "De noodprocedure is niet van toepassing.",
        "The fallback procedure does not apply.",
    ),
    "fallback_none": (
        "Er is (nog) geen besluit over de noodprocedure.",
        "No decision on the fallback procedure (yet).",
    ),
    "cause": ("Oorzaak", "Cause"),
    "process_changes": ("Wijzigingen in het douaneproces", "Changes in the customs process"),
    "buffered_messages": ("Ingediende en gebufferde berichten", "Submitted and buffered messages"),
    "details": ("Toelichting", "Explanation"),
    "timeline": ("Alle berichten", "All messages"),
    "update_number": ("Bericht {number}", "Message {number}"),
    "read_more": ("Lees alles over: {title}", "Read everything about: {title}"),
    "built_at": ("Deze pagina is bijgewerkt op {time}.", "This page was updated on {time}."),
    "rebuild_note": (
        "De pagina wordt elk kwartier opnieuw opgebouwd.",
        "The page is rebuilt every fifteen minutes.",
    ),
    "report_heading": ("Een verstoring melden", "Reporting a disruption"),
    "report_text": (
        "Meld een verstoring altijd telefonisch bij de Nationale Helpdesk Douane: "
        "{phone} (24 uur per dag, 7 dagen per week).",
        "Always report a disruption by telephone to the Dutch Customs National Helpdesk "
        "(Nationale Helpdesk Douane): {phone} (24 hours a day, 7 days a week).",
    ),
    "report_developers": (
        "Softwareontwikkelaars die een verstoring in hun eigen systemen ontdekken, melden dat "
        "aan {email}.",
        "Software developers who find a disruption in their own systems report it to {email}.",
    ),
    "archive_title": ("Archief", "Archive"),
    "archive_intro": (
        "Alle berichten over onbeschikbaarheid van de afgelopen 12 maanden, nieuwste eerst. "
        "Berichten blijven een jaar na afloop bewaard.",
        "All messages about unavailability of the past 12 months, newest first. Messages are "
        "kept for one year after the event ended.",
    ),
    "archive_empty": ("Het archief is leeg.", "The archive is empty."),
    "systems_title": ("Systemen", "Systems"),
    "systems_intro": (
        "De systemen van de Douane waarover deze site berichten publiceert.",
        "The Dutch Customs systems this site publishes messages about.",
    ),
    "system_events": ("Berichten over {system}", "Messages about {system}"),
    "system_no_events": (
        "Er zijn geen berichten over dit systeem in de afgelopen 12 maanden.",
        "There are no messages about this system in the past 12 months.",
    ),
    "current_state": ("Huidige status", "Current status"),
    "maintenance_title": ("Onderhoud en releases", "Maintenance and releases"),
    "maintenance_intro": (
        "Aan het begin van elk jaar spreken de Douane en het bedrijfsleven vaste momenten af: "
        "zondagen voor onderhoud en zaterdagen voor applicatieve releases. Gepland onderhoud "
        "wordt minstens 10 werkdagen vooraf aangekondigd.",
        "At the start of each year Dutch Customs and businesses agree fixed moments: Sundays "
        "for maintenance and Saturdays for application releases. Planned maintenance is "
        "announced at least 10 working days in advance.",
    ),
    "windows_heading": (
        "Afgesproken onderhoudsmomenten {year}",
        "Agreed maintenance windows {year}",
    ),
    "windows_none": (
        "Voor {year} zijn (nog) geen momenten gepubliceerd.",
        "No windows have been published for {year} (yet).",
    ),
    "window_kind": ("Soort", "Kind"),
    "window_time": ("Tijd", "Time"),
    "window_maintenance": ("Onderhoud (zondag)", "Maintenance (Sunday)"),
    "window_release": ("Release (zaterdag)", "Release (Saturday)"),
    "window_cancelled": ("Vervallen", "Cancelled"),
    "window_planned": ("Gepland", "Planned"),
    "window_status": ("Status", "Status"),
    "event_facts": ("Gegevens", "Facts"),
    "status_icon_label": ("Status:", "Status:"),
    "systems_affected": (
        "{count} van de {total} systemen niet volledig beschikbaar.",
        "{count} of {total} systems not fully available.",
    ),
    "all_available_detail": (
        "Er zijn geen verstoringen en er wordt geen onderhoud uitgevoerd.",
        "There are no disruptions and no maintenance is in progress.",
    ),
    "ongoing": ("nog bezig", "ongoing"),
    "time_zone_note": (
        "Alle tijden in Nederlandse tijd ({zone}).",
        "All times are Dutch time ({zone}).",
    ),
}

_DAY_PATTERN = "EEEE d MMMM y"
_MONTH_PATTERN = "LLLL y"


def word(key: str, lang: Lang, **values: object) -> str:
    text = WORDS[key][0 if lang == "nl" else 1]
    return text.format(**values) if values else text


def label(table: dict, key: object, lang: Lang) -> str:
    return table[key][0 if lang == "nl" else 1]


@lru_cache(maxsize=4)
def _calendar_names(lang: Lang) -> tuple[dict[int, str], dict[int, str]]:
    """Babel's wide day and month names, read once per language (format_datetime is slow)."""
    locale = Locale.parse(lang)
    return dict(locale.days["format"]["wide"]), dict(locale.months["format"]["wide"])


@lru_cache(maxsize=32768)
def format_moment(moment: dt.datetime, lang: Lang, tz: ZoneInfo) -> str:
    """'zondag 6 december 2026 08:00 CET' / 'Sunday 6 December 2026 08:00 CET'."""
    local = moment.astimezone(tz)
    days, months = _calendar_names(lang)
    return (
        f"{days[local.weekday()]} {local.day} {months[local.month]} {local.year} "
        f"{local:%H:%M} {local.tzname()}"
    )


@lru_cache(maxsize=4096)
def format_day(day: dt.date, lang: Lang) -> str:
    from babel.dates import format_date

    return format_date(day, _DAY_PATTERN, locale=lang)


@lru_cache(maxsize=512)
def format_month(year: int, month: int, lang: Lang) -> str:
    from babel.dates import format_date

    text = format_date(dt.date(year, month, 1), _MONTH_PATTERN, locale=lang)
    return text[:1].upper() + text[1:]


def format_clock(moment: dt.datetime, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).strftime("%H:%M")


def format_duration(delta: dt.timedelta, lang: Lang) -> str:
    """Exact durations ('1 uur 30 minuten'), not babel's rounded ones."""
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    units = (
        (days, ("dag", "dagen"), ("day", "days")),
        (hours, ("uur", "uur"), ("hour", "hours")),
        (minutes, ("minuut", "minuten"), ("minute", "minutes")),
    )
    parts = []
    for amount, nl, en in units:
        if amount:
            names = nl if lang == "nl" else en
            parts.append(f"{amount} {names[0] if amount == 1 else names[1]}")
    if not parts:
        return "0 minuten" if lang == "nl" else "0 minutes"
    joiner = " en " if lang == "nl" else " and "
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + joiner + parts[-1]
