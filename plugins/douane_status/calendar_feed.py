"""The iCalendar feed (icalendar): planned events and the agreed windows, one per language.

A subscribed calendar sees a moved, overrunning or cancelled event change in place: each VEVENT
keeps its UID, and its SEQUENCE rises with every change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from icalendar import Calendar, Timezone, vDuration
from icalendar import Event as VEvent

from . import channels, i18n
from .config import StatusSettings
from .facts import event_facts
from .model import LANGUAGES, Catalog, Event, Lang, Status, Window
from .plaintext import plain_text
from .state import actual_end, expected_end
from .urls import page_path

REFRESH = dt.timedelta(minutes=15)  # the site is rebuilt every quarter of an hour


def calendar_files(
    catalog: Catalog, events: Sequence[Event], settings: StatusSettings, now: dt.datetime
) -> dict[str, bytes]:
    """``/calendar/<lang>.ics`` for each language."""
    planned = [e for e in events if e.type.is_planned]
    year = now.astimezone(settings.tz).year
    windows = [w for w in catalog.windows if w.date.year in (year, year + 1)]
    return {
        channels.calendar_path(lang): _calendar(lang, catalog, planned, windows, settings, now)
        for lang in LANGUAGES
    }


def sequence(event: Event) -> int:
    """How often the event changed since it was announced: the number of later updates.

    Derived from the timeline rather than from the updates that changed the schedule, because a
    move is made by editing ``start``/``end`` in the front matter, which leaves no trace to
    detect; the protocol has every change communicated as an update, so counting every update
    never misses one. Updates are only ever appended, so the number only rises. A message that
    changes no time also raises it, which costs a client no more than a refresh of the event.
    """
    return len(event.updates) - 1


def event_window(event: Event) -> tuple[dt.datetime, dt.datetime]:
    """Start and end in the calendar: the actual end once over, else the latest announced end."""
    end = expected_end(event) or event.start
    ended = actual_end(event)
    if ended is not None and event.latest.status is not Status.CANCELLED and ended > event.start:
        end = ended
    return event.start, end


def _calendar(
    lang: Lang,
    catalog: Catalog,
    events: Sequence[Event],
    windows: Sequence[Window],
    settings: StatusSettings,
    now: dt.datetime,
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//Douane status//{i18n.word('site_name', lang)}//{lang.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.calendar_name = i18n.word("calendar_name", lang)
    calendar.add("x-wr-caldesc", i18n.word("calendar_description", lang))
    calendar.add("x-wr-timezone", settings.timezone)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))

    items = [_event(e, lang, catalog, settings, now) for e in events]
    items.extend(_window(w, lang, settings, now) for w in windows)
    items.sort(key=lambda item: (item.decoded("dtstart"), str(item["uid"])))
    calendar.add_component(_timezone(settings, now, items))
    for item in items:
        calendar.add_component(item)
    return calendar.to_ical()


def _timezone(settings: StatusSettings, now: dt.datetime, items: Sequence[VEvent]) -> Timezone:
    """The VTIMEZONE for every year the calendar touches (and this one, so it is never empty)."""
    years = {now.astimezone(settings.tz).year}
    for item in items:
        years.update((item.decoded("dtstart").year, item.decoded("dtend").year))
    return Timezone.from_tzid(
        settings.timezone,
        first_date=dt.date(min(years), 1, 1),
        last_date=dt.date(max(years) + 1, 1, 1),
    )


def _event(
    event: Event, lang: Lang, catalog: Catalog, settings: StatusSettings, now: dt.datetime
) -> VEvent:
    tz = settings.tz
    cancelled = event.latest.status is Status.CANCELLED
    start, end = event_window(event)
    title = event.title[lang]
    status_label = i18n.label(i18n.STATUS_LABELS, event.latest.status, lang)
    url = channels.origin(settings) + page_path("event", lang, event.id)
    lines = [f"{i18n.word('state', lang)}: {status_label}"]
    lines.extend(f"{label}: {value}" for label, value in event_facts(event, catalog, lang, tz))
    lines.extend(["", plain_text(event.latest.text[lang]), "", url])

    item = VEvent()
    item.add("uid", f"{event.id}@{channels.host(settings)}")
    item.add("dtstamp", now.astimezone(dt.UTC))
    item.add("dtstart", start.astimezone(tz))
    item.add("dtend", end.astimezone(tz))
    item.add("summary", f"{status_label}: {title}" if cancelled else title)
    item.add("description", "\n".join(lines))
    item.add("url", url)
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    item.add("sequence", sequence(event))
    item.add("created", event.first_published.astimezone(dt.UTC))
    item.add("last-modified", event.latest.at.astimezone(dt.UTC))
    item.add("categories", [i18n.label(i18n.TYPE_LABELS, event.type, lang)])
    item.add("transp", "TRANSPARENT")  # it informs the subscriber; it does not make them busy
    return item


def _window(window: Window, lang: Lang, settings: StatusSettings, now: dt.datetime) -> VEvent:
    tz = settings.tz
    title = i18n.word(f"calendar_window_{window.kind}", lang)
    lines = [i18n.word("calendar_window_text", lang)]
    if window.moved_from is not None:
        day = i18n.format_day(window.moved_from, lang)
        lines.append(i18n.word("calendar_window_moved", lang, day=day))
    url = channels.origin(settings) + page_path("maintenance", lang)
    lines.extend(["", url])
    cancelled_label = i18n.word("window_cancelled", lang)

    item = VEvent()
    item.add("uid", f"{window.uid}@{channels.host(settings)}")
    item.add("dtstamp", now.astimezone(dt.UTC))
    item.add("dtstart", window.start.astimezone(tz))
    item.add("dtend", window.end.astimezone(tz))
    item.add("summary", f"{cancelled_label}: {title}" if window.cancelled else title)
    item.add("description", "\n".join(lines))
    item.add("url", url)
    item.add("status", "CANCELLED" if window.cancelled else "CONFIRMED")
    item.add("sequence", window.changes)
    item.add("categories", [i18n.word(f"window_{window.kind}", lang)])
    item.add("transp", "TRANSPARENT")
    return item
