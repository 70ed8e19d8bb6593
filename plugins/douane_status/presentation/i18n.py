"""Every word a person reads, in Dutch and English, and dates as people read them."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale

from ..domain.model import EventType, Fallback, Lang, Status
from ..state.phases import Phase, SystemState

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
    # Subscriptions: the subscribe page, feeds, calendar and badges.
    "subscribe_link": (
        "Abonneren: feeds, agenda, statusgegevens en statuslabels",
        "Subscribe: feeds, calendar, status data and badges",
    ),
    "subscribe_title": ("Abonneren", "Subscribe"),
    "subscribe_intro": (
        "Volg de berichten over de beschikbaarheid van de Douanesystemen automatisch: in een "
        "feedlezer, in uw agenda of in uw eigen software. Alles wordt met deze site bijgewerkt "
        "en bevat de berichten van de afgelopen 12 maanden.",
        "Follow the messages about the availability of Dutch Customs systems automatically: in "
        "a feed reader, in your calendar or in your own software. Everything is updated with "
        "this site and holds the messages of the past 12 months.",
    ),
    "feeds_heading": ("Feeds (Atom en RSS)", "Feeds (Atom and RSS)"),
    "feeds_how": (
        "Voeg het adres van een feed toe aan uw feedlezer, e-mailprogramma of eigen software. "
        "Elk nieuw bericht over een verstoring, onderhoud of release verschijnt als een nieuw "
        "item, met de betrokken systemen, de tijden, de noodprocedure en het moment van de "
        "volgende update. Atom en RSS bevatten dezelfde berichten: kies wat uw programma kent.",
        "Add the address of a feed to your feed reader, e-mail program or own software. Every "
        "new message about a disruption, maintenance or release appears as a new item, with the "
        "systems concerned, the times, the fallback procedure and the moment of the next update. "
        "Atom and RSS hold the same messages: choose the one your program supports.",
    ),
    "feeds_scope": ("Berichten over", "Messages about"),
    "feeds_all_systems": ("Alle systemen", "All systems"),
    "calendar_heading": ("Agenda (iCalendar)", "Calendar (iCalendar)"),
    "calendar_how": (
        "Abonneer u in uw agendaprogramma op het adres van de agenda (in Outlook: agenda "
        "toevoegen vanaf internet; in Google Agenda: via URL). U ziet dan al het geplande "
        "onderhoud, alle releases en de afgesproken onderhoudsmomenten. Wordt iets verplaatst, "
        "verlengd of geannuleerd, dan verandert het in uw agenda mee.",
        "Subscribe to the calendar's address in your calendar program (in Outlook: add "
        "calendar from internet; in Google Calendar: from URL). You then see all planned "
        "maintenance, all releases and the agreed maintenance windows. When something is moved, "
        "extended or cancelled, it changes in your calendar too.",
    ),
    "calendar_name": (
        "Onderhoud en releases Douanesystemen",
        "Maintenance and releases of Dutch Customs systems",
    ),
    "calendar_description": (
        "Gepland onderhoud, releases en de afgesproken onderhoudsmomenten van de systemen van "
        "de Douane.",
        "Planned maintenance, releases and the agreed maintenance windows of Dutch Customs "
        "systems.",
    ),
    "calendar_window_maintenance": ("Afgesproken onderhoudsmoment", "Agreed maintenance window"),
    "calendar_window_release": ("Afgesproken releasemoment", "Agreed release window"),
    "calendar_window_text": (
        "Op dit afgesproken moment kan de Douane onderhoud of een release uitvoeren. Welke "
        "systemen dan niet beschikbaar zijn, staat in de aankondigingen.",
        "At this agreed moment Dutch Customs may carry out maintenance or a release. Which "
        "systems are then unavailable is stated in the announcements.",
    ),
    "calendar_window_moved": ("Verplaatst van {day}.", "Moved from {day}."),
    "api_heading": ("Statusgegevens voor software (JSON)", "Status data for software (JSON)"),
    "api_how": (
        "Dezelfde gegevens staan in de vorm van de openbare Statuspage-API (versie 2), die veel "
        "statusdashboards, monitoringprogramma's en Prometheus-exporters al kunnen lezen. "
        "Systemen zijn daarin componenten, verstoringen incidenten en gepland onderhoud "
        "scheduled maintenances. Begin bij summary.json.",
        "The same data is available in the shape of the public Statuspage API (version 2), which "
        "many status dashboards, monitoring programs and Prometheus exporters can already read. "
        "Systems are components, disruptions are incidents and planned work is scheduled "
        "maintenances. Start with summary.json.",
    ),
    "api_file": ("Bestand", "File"),
    "badges_heading": ("Statuslabels", "Status badges"),
    "badges_how": (
        "Neem een statuslabel als afbeelding op in uw eigen dashboard of intranet. Het label "
        "noemt de actuele status in woorden en wordt met deze site bijgewerkt.",
        "Embed a status badge as an image in your own dashboard or intranet. The badge states "
        "the current status in words and is updated with this site.",
    ),
    "badge_overall": ("Douanesystemen", "Customs systems"),
    "badge_example": ("Voorbeeld:", "Example:"),
    # The 90-day rows (status and system pages).
    "nav_report": ("Rapportage", "Report"),
    "history_heading": ("De afgelopen 90 dagen", "The past 90 days"),
    "history_intro": (
        "Per dag van {first} tot en met {last}, de oudste dag links.",
        "Per day from {first} to {last}, the oldest day on the left.",
    ),
    "history_key_none": ("Geen onbeschikbaarheid", "No unavailability"),
    "history_key_planned": (
        "Gepland onderhoud of release (halve balk)",
        "Planned maintenance or release (half bar)",
    ),
    "history_key_unplanned": (
        "Ongepland onderhoud of verstoring (hele balk)",
        "Unplanned maintenance or disruption (full bar)",
    ),
    "history_days": ("{count} dagen met onbeschikbaarheid", "{count} days with unavailability"),
    "history_days_one": ("1 dag met onbeschikbaarheid", "1 day with unavailability"),
    "history_none": ("Geen onbeschikbaarheid", "No unavailability"),
    "history_other_days": (
        "Andere dagen: geen onbeschikbaarheid",
        "Other days: no unavailability",
    ),
    "history_system": ("{system}, per dag", "{system}, per day"),
    "history_range": ("{first} tot en met {last}", "{first} to {last}"),
    "history_planned": ("Gepland (minuten)", "Planned (minutes)"),
    "history_unplanned": ("Ongepland (minuten)", "Unplanned (minutes)"),
    "history_messages": ("Berichten", "Messages"),
    "no_unavailability": ("geen onbeschikbaarheid", "no unavailability"),
    "minutes": ("{count} minuten", "{count} minutes"),
    "minutes_one": ("1 minuut", "1 minute"),
    "minutes_planned": ("{minutes} gepland", "{minutes} planned"),
    "minutes_unplanned": ("{minutes} ongepland", "{minutes} unplanned"),
    # The availability report.
    "report_title": ("Beschikbaarheid per maand", "Availability per month"),
    "report_intro": (
        "Per systeem en per maand: hoeveel minuten het systeem niet beschikbaar was, in de "
        "categorieën van het communicatieprotocol, de beschikbaarheid als percentage van de "
        "gemeten tijd en het aantal meldingen. Gemeten over het bewaarjaar, van {start} tot "
        "{end}.",
        "Per system and per month: how many minutes the system was unavailable, in the "
        "categories of the communication protocol, the availability as a percentage of the "
        "measured time, and the number of events. Measured over the retention year, from "
        "{start} to {end}.",
    ),
    "report_downloads": ("Deze cijfers downloaden", "Download these figures"),
    "report_download_csv": ("Als CSV-bestand", "As a CSV file"),
    "report_download_json": ("Als JSON-bestand", "As a JSON file"),
    "report_rules_heading": ("Zo wordt geteld", "How it is counted"),
    "report_rule_planned": (
        "Gepland onderhoud en releases tellen vanaf het geplande begin tot het bericht dat het "
        "werk is afgerond. Geannuleerd onderhoud telt niet. Zonder afrondingsbericht telt het "
        "tot nu, maar niet verder dan het laatst aangekondigde einde.",
        "Planned maintenance and releases count from the planned start until the message that "
        "the work is completed. Cancelled maintenance does not count. Without a completion "
        "message they count until now, but not beyond the latest announced end.",
    ),
    "report_rule_unplanned": (
        "Ongepland onderhoud (structureel herstel na een verstoring) telt op dezelfde manier en "
        "staat in een eigen kolom, zoals het protocol vraagt.",
        "Unplanned maintenance (structural recovery after a disruption) counts the same way "
        "and has a column of its own, as the protocol asks.",
    ),
    "report_rule_disruption": (
        "Een verstoring telt vanaf het begin tot het einde, of tot het bericht dat ze is "
        "opgelost of dat er een workaround is. Een verstoring die nog loopt, telt tot nu. Als "
        "er geen verstoring is gevonden, telt er niets.",
        "A disruption counts from its start until its end, or until the message that it has "
        "been resolved or that a workaround is available. An ongoing disruption counts until "
        "now. When no fault was found, nothing counts.",
    ),
    "report_rule_overlap": (
        "Vallen meldingen voor één systeem samen, dan telt elke minuut één keer, in de zwaarste "
        "categorie: eerst verstoring, dan ongepland onderhoud, dan gepland onderhoud en "
        "releases. Een melding telt mee in elke maand waarin ze onbeschikbaarheid gaf.",
        "When events for one system overlap, each minute counts once, in the most severe "
        "category: disruption first, then unplanned maintenance, then planned maintenance and "
        "releases. An event counts in every month in which it caused unavailability.",
    ),
    "report_rule_calendar": (
        "Dagen en maanden volgen de Nederlandse kalender: een maand met de overgang naar zomer- "
        "of wintertijd is een uur korter of langer. De beschikbaarheid is naar beneden afgerond "
        "op twee decimalen, zodat elke onbeschikbaarheid onder de 100 % blijft. De eerste en de "
        "laatste maand zijn maar voor een deel gemeten.",
        "Days and months follow the Dutch calendar: a month with the switch to or from summer "
        "time is an hour shorter or longer. Availability is rounded down to two decimals, so "
        "that any unavailability stays below 100%. The first and the last month are measured "
        "only in part.",
    ),
    "report_caption": ("{system}: beschikbaarheid per maand", "{system}: availability per month"),
    "report_month": ("Maand", "Month"),
    "report_planned": (
        "Gepland onderhoud en releases (minuten)",
        "Planned maintenance and releases (minutes)",
    ),
    "report_unplanned": ("Ongepland onderhoud (minuten)", "Unplanned maintenance (minutes)"),
    "report_disruption": ("Verstoringen (minuten)", "Disruptions (minutes)"),
    "report_availability": ("Beschikbaarheid", "Availability"),
    "report_events": ("Meldingen", "Events"),
    "report_partial": ("gemeten van {start} tot {end}", "measured from {start} to {end}"),
    # The compliance report (internal: the facts for the protocol's reports).
    "compliance_title": (
        "Naleving van het communicatieprotocol",
        "Compliance with the communication protocol",
    ),
    "compliance_intro": (
        "De feiten voor de rapportages over het communicatieprotocol, voor elke melding die op "
        "{now} gepubliceerd is: de aankondigingstermijn, de tijd tot de toestemming voor de "
        "noodprocedure, elk beloofd volgend bericht naast het werkelijke, de meldingen van "
        "uitloop en de waarschuwingen van de controle die bij het bouwen van deze site is "
        "uitgevoerd.",
        "The facts for the reports on the communication protocol, for every event published as "
        "of {now}: the notice given, the time to permission for the fallback procedure, every "
        "promised next update beside the actual one, the overrun notices, and the warnings of "
        "the check run when this site was built.",
    ),
    "compliance_internal": (
        "Deze pagina is bedoeld voor de rapportages; zij staat niet in het menu en wordt niet "
        "door zoekmachines opgenomen.",
        "This page is meant for the reports; it is not in the menu and search engines do not "
        "index it.",
    ),
    "compliance_download_json": ("Deze feiten als JSON-bestand", "These facts as a JSON file"),
    "compliance_totals_heading": ("Waarschuwingen per regel", "Warnings per rule"),
    "compliance_rule": ("Regel", "Rule"),
    "compliance_rule_text": ("Wat de regel vraagt", "What the rule asks"),
    "compliance_warnings": ("Waarschuwingen", "Warnings"),
    "compliance_total": ("Totaal", "Total"),
    "compliance_events_heading": ("Per melding", "Per event"),
    "compliance_no_events": (
        "Er zijn geen gepubliceerde meldingen.",
        "There are no published events.",
    ),
    "compliance_notice": ("Aankondiging", "Notice"),
    "compliance_working_days": (
        "{count} werkdagen tussen aankondiging en begin",
        "{count} working days between announcement and start",
    ),
    "compliance_working_days_one": (
        "1 werkdag tussen aankondiging en begin",
        "1 working day between announcement and start",
    ),
    "compliance_fallback_decision": ("Toestemming noodprocedure", "Fallback permission"),
    "compliance_fallback_after": (
        "{minutes} na het eerste bericht over de verstoring",
        "{minutes} after the first update reporting the disruption",
    ),
    "compliance_fallback_none": ("Niet gegeven", "Not given"),
    "compliance_promises": ("Beloofde volgende berichten", "Promised next updates"),
    "compliance_update": ("Bericht", "Message"),
    "compliance_promised": ("Beloofd voor", "Promised for"),
    "compliance_actual": ("Volgend bericht", "Next message"),
    "compliance_late": ("Te laat (minuten)", "Late (minutes)"),
    "compliance_no_next": ("(nog) geen", "none (yet)"),
    "compliance_not_due": ("nog niet verstreken", "not passed yet"),
    "compliance_overruns": ("Meldingen van uitloop", "Overrun notices"),
    "compliance_before_end": (
        "Minuten voor het geplande einde",
        "Minutes before the planned end",
    ),
    "compliance_no_warnings": ("Geen waarschuwingen.", "No warnings."),
    "compliance_line": ("regel {line}", "line {line}"),
    "compliance_messages_language": (
        "De meldingen van de controle zijn in het Engels, zoals de controle ze geeft.",
        "The check's messages are in English, as the check gives them.",
    ),
    # The protocol rules that give warnings (protocol-rules.md), in a few words.
    "rule_P02": (
        "Gepland onderhoud en releases minstens 10 werkdagen vooraf aankondigen",
        "Announce planned maintenance and releases at least 10 working days ahead",
    ),
    "rule_P03": (
        "Binnen een afgesproken onderhouds- of releasemoment blijven",
        "Stay within an agreed maintenance or release window",
    ),
    "rule_P04": (
        "Uitloop uiterlijk 30 minuten voor het geplande einde melden",
        "Announce an overrun no later than 30 minutes before the planned end",
    ),
    "rule_P05": (
        "Tijdens uitloop elk uur een bericht, buiten kantoortijden elke 2 uur",
        "During an overrun an update every hour, every 2 hours outside office hours",
    ),
    "rule_P06": ("Het einde van onderhoud altijd melden", "Always report the end of maintenance"),
    "rule_P07": (
        "In elk bericht het volgende communicatiemoment noemen",
        "State the next communication moment in every update",
    ),
    "rule_P08": ("Het beloofde communicatiemoment halen", "Keep the promised communication moment"),
    "rule_P09": (
        "Binnen 30 minuten na 'beschikbaarheid in onderzoek' een tweede bericht",
        "A second message within 30 minutes of 'availability under investigation'",
    ),
    "rule_P10": (
        "Binnen 30 minuten na een verstoring toestemming voor de noodprocedure geven",
        "Give permission for the fallback procedure within 30 minutes of a disruption",
    ),
    "rule_P11": (
        "Bij het einde de noodprocedure beëindigen en uitleggen wat er met berichten gebeurt",
        "At the end, end the fallback procedure and explain how messages are handled",
    ),
    "rule_P12": (
        "Ongepland onderhoud volgt op een verstoring en wordt vooraf aangekondigd",
        "Unplanned maintenance follows a disruption and is announced in advance",
    ),
    "rule_P13": (
        "'Geen verstoring gevonden' alleen als de verstoring nooit is bevestigd",
        "'No fault found' only when the disruption was never confirmed",
    ),
    # The accessibility statement.
    "accessibility_title": ("Toegankelijkheid", "Accessibility"),
    "accessibility_intro": (
        "Iedereen moet deze site kunnen gebruiken, ook tijdens een storing, op een telefoon en "
        "op een slechte verbinding. Wij willen voldoen aan de Web Content Accessibility "
        "Guidelines (WCAG) 2.1 op niveau AA, zoals de Europese norm EN 301 549 vraagt.",
        "Everyone must be able to use this site, also during a disruption, on a phone and on a "
        "poor connection. We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.1 "
        "at level AA, as the European standard EN 301 549 requires.",
    ),
    "accessibility_measures_heading": ("Wat wij doen", "What we do"),
    "accessibility_measure_tests": (
        "Bij elke wijziging testen wij elke soort pagina automatisch met axe-core in een echte "
        "browser, in het Nederlands en het Engels, in een licht en een donker kleurschema en op "
        "de breedte van een telefoon, op de regels van WCAG 2.0 en 2.1, niveau A en AA.",
        "With every change we test every kind of page automatically with axe-core in a real "
        "browser, in Dutch and English, in a light and a dark colour scheme and at the width "
        "of a phone, against the rules of WCAG 2.0 and 2.1, levels A and AA.",
    ),
    "accessibility_measure_words": (
        "Een status staat altijd in woorden, nooit alleen in een kleur of een vorm. De "
        "afbeelding van de afgelopen 90 dagen heeft voor elke dag een tekst.",
        "A status is always given in words, never by a colour or a shape alone. The picture of "
        "the past 90 days has a text for every day.",
    ),
    "accessibility_measure_light": (
        "De pagina's werken zonder JavaScript, laden niets van andere sites en zijn klein, zodat "
        "ze ook op een slechte verbinding snel laden. Ze zijn goed af te drukken.",
        "The pages work without JavaScript, load nothing from other sites and are small, so "
        "that they load quickly on a poor connection too. They print well.",
    ),
    "accessibility_measure_keyboard": (
        "Alles werkt met het toetsenbord; de focus is altijd zichtbaar. Een link bovenaan "
        "springt naar de inhoud.",
        "Everything works with the keyboard; the focus is always visible. A link at the top "
        "skips to the content.",
    ),
    "accessibility_measure_language": (
        "Elke pagina bestaat in het Nederlands en het Engels. Alle tijden zijn Nederlandse tijd, "
        "met de tijdzone erbij.",
        "Every page exists in Dutch and English. All times are Dutch time, with the time zone "
        "named.",
    ),
    "accessibility_limits_heading": ("Wat wij nog niet weten", "What we do not know yet"),
    "accessibility_limits": (
        "Automatische tests vinden maar een deel van de mogelijke problemen. Een onderzoek door "
        "een onafhankelijke deskundige is nog niet gedaan.",
        "Automatic tests find only part of the possible problems. An evaluation by an "
        "independent expert has not been done yet.",
    ),
    "accessibility_contact_heading": ("Een probleem melden", "Reporting a problem"),
    "accessibility_contact": (
        "Kunt u iets op deze site niet lezen of gebruiken? Laat het ons weten via de Nationale "
        "Helpdesk Douane: {phone}. Noem de pagina en wat er misgaat.",
        "Is there something on this site you cannot read or use? Let us know through the "
        "Dutch Customs National Helpdesk: {phone}. Name the page and what goes wrong.",
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
