"""The iCalendar feed (icalendar): planned events and the agreed windows, one per language.

A subscribed calendar sees a moved, overrunning or cancelled event change in place: each VEVENT
keeps its UID, and its SEQUENCE rises with every change. UIDs are tag URIs (``identifiers``), one
per language, so that a subscriber to both calendars gets no clashes; DTSTAMP is the event's last
update, so the files change only when the content does.

Both languages list the same VEVENTs with the same times and sequences; only their UIDs and words
differ. An iCalendar file is a sequence of content lines, one per property value, so the lines
that read the same in both languages are written once and shared (see ``_Entry``): on a large
archive that is most of the work. icalendar still types, escapes, orders and folds every line;
only joining them into components is done here (tests check the result is what icalendar writes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from typing import cast

from icalendar import Calendar, Component, Timezone, vDuration
from icalendar import Event as VEvent
from icalendar.caselessdict import canonsort_keys
from icalendar.parser import Contentline

from ..domain.config import StatusSettings
from ..domain.model import LANGUAGES, Catalog, Event, Lang, Status, Window
from ..domain.update_keys import update_anchor, update_keys
from ..presentation import channels, i18n
from ..presentation.plaintext import plain_text
from ..presentation.urls import page_path
from ..state.phases import actual_end, expected_end
from . import identifiers
from .facts import event_facts

REFRESH = dt.timedelta(minutes=15)  # the site is rebuilt every quarter of an hour
CRLF = b"\r\n"


def calendar_files(
    catalog: Catalog, events: Sequence[Event], settings: StatusSettings, now: dt.datetime
) -> Iterator[tuple[str, bytes]]:
    """``/calendar/<lang>.ics`` for each language."""
    year = now.astimezone(settings.tz).year
    windows = [w for w in catalog.windows if w.date.year in (year, year + 1)]
    # TRANSP reads the same in every VEVENT: written once for the whole calendar.
    constant = VEvent()
    constant.add("transp", "TRANSPARENT")  # it informs the subscriber; it does not make them busy
    constant_lines = property_lines(constant)
    entries = [
        _event_entry(e, catalog, settings, constant_lines) for e in events if e.type.is_planned
    ]
    entries.extend(_window_entry(w, settings, constant_lines) for w in windows)
    entries.sort(key=lambda entry: entry.sort_key)
    timezone = _timezone(settings, now, entries).to_ical()
    for lang in LANGUAGES:
        yield channels.calendar_path(lang), _calendar(lang, entries, timezone, settings)


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


class _Entry:
    """One VEVENT, in every language's calendar.

    Its language-neutral properties (times, status, sequence) are written to content lines once;
    ``words`` gives, per language, a VEVENT with the UID and the properties that are read
    (summary, description, url, categories).
    """

    def __init__(
        self,
        key: str,
        neutral: VEvent,
        constant_lines: Mapping[str, bytes],
        words: Callable[[Lang], VEvent],
    ) -> None:
        self.start: dt.datetime = neutral.decoded("dtstart")
        self.end: dt.datetime = neutral.decoded("dtend")
        self.sort_key = (self.start, key)
        self.lines = {**constant_lines, **property_lines(neutral)}
        self.words = words

    def to_ical(self, lang: Lang) -> bytes:
        """The VEVENT in ``lang``, exactly as icalendar writes it."""
        lines = {**self.lines, **property_lines(self.words(lang))}
        return component_ical(VEvent, lines)


def property_lines(component: Component) -> dict[str, bytes]:
    """Each property of ``component`` as icalendar writes it: a folded content line per value."""
    return {
        name: CRLF.join(
            folded(component.content_line(name, value))
            for value in (values if isinstance(values, list) else [values])
        )
        for name, values in component.items()
    }


FOLD_WIDTH = 74  # characters of an ASCII line before icalendar folds it (under 75 octets)


def folded(line: Contentline) -> bytes:
    """``line.to_ical()``: the content line folded as icalendar folds it.

    icalendar folds character by character, which was two fifths of the calendars' time at 500
    events (their descriptions are long lines). An ASCII line, most of them, is cut here in
    slices to the same result: every piece is FOLD_WIDTH characters, one fewer where the piece
    would end in a backslash or caret (the start of an escape, which icalendar keeps with what
    follows). Other lines are left to icalendar. tests/test_calendar.py holds both to
    the same output.
    """
    if not line.isascii():
        return cast(bytes, line.to_ical())  # type: ignore[no-untyped-call]  # untyped there
    pieces = []
    start = 0
    while len(line) - start > FOLD_WIDTH:
        end = start + FOLD_WIDTH
        if line[end - 1] in "\\^":
            end -= 1
        pieces.append(line[start:end])
        start = end
    pieces.append(line[start:])
    return "\r\n ".join(pieces).encode("ascii")


def component_ical(
    kind: type[Component], lines: Mapping[str, bytes], subcomponents: Iterable[bytes] = ()
) -> bytes:
    """A component as icalendar writes it: BEGIN, its property lines in icalendar's order, its
    subcomponents (written already), END; every line ends in CRLF."""
    order = canonsort_keys(lines, kind.canonical_order)
    return b"".join(
        [
            f"BEGIN:{kind.name}".encode() + CRLF,
            *(lines[name] + CRLF for name in order),
            *subcomponents,
            f"END:{kind.name}".encode() + CRLF,
        ]
    )


def _calendar(
    lang: Lang, entries: Sequence[_Entry], timezone: bytes, settings: StatusSettings
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
    items = [entry.to_ical(lang) for entry in entries]
    return component_ical(Calendar, property_lines(calendar), [timezone, *items])


def _timezone(settings: StatusSettings, now: dt.datetime, entries: Sequence[_Entry]) -> Timezone:
    """The VTIMEZONE for every year the calendar touches (and this one, so it is never empty)."""
    years = {now.astimezone(settings.tz).year}
    for entry in entries:
        years.update((entry.start.year, entry.end.year))
    return Timezone.from_tzid(
        settings.timezone,
        first_date=dt.date(min(years), 1, 1),
        last_date=dt.date(max(years) + 1, 1, 1),
    )


def _event_entry(
    event: Event, catalog: Catalog, settings: StatusSettings, constant_lines: Mapping[str, bytes]
) -> _Entry:
    tz = settings.tz
    start, end = event_window(event)
    neutral = VEvent()
    neutral.add("dtstamp", event.latest.at.astimezone(dt.UTC))  # its last revision
    neutral.add("dtstart", start.astimezone(tz))
    neutral.add("dtend", end.astimezone(tz))
    cancelled = event.latest.status is Status.CANCELLED
    neutral.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    neutral.add("sequence", sequence(event))
    neutral.add("created", event.first_published.astimezone(dt.UTC))
    neutral.add("last-modified", event.latest.at.astimezone(dt.UTC))
    words = partial(_event_words, event, catalog, settings)
    return _Entry(event.id, neutral, constant_lines, words)


def _event_words(event: Event, catalog: Catalog, settings: StatusSettings, lang: Lang) -> VEvent:
    cancelled = event.latest.status is Status.CANCELLED
    title = event.title[lang]
    status_label = i18n.label(i18n.STATUS_LABELS, event.latest.status, lang)
    lines = [f"{i18n.word('state', lang)}: {status_label}"]
    facts = event_facts(event, catalog, lang, settings.tz)
    lines.extend(f"{label}: {value}" for label, value in facts)
    lines.extend(["", plain_text(event.latest.text[lang])])

    words = VEvent()
    words.add("uid", identifiers.event_uid(settings, lang, event.id))
    words.add("summary", f"{status_label}: {title}" if cancelled else title)
    # The description ends with the place of the message it quotes, the latest.
    anchor = update_anchor(update_keys(event)[-1])
    _add_link(words, lines, settings, page_path("event", lang, event.id), anchor)
    words.add("categories", [i18n.label(i18n.TYPE_LABELS, event.type, lang)])
    return words


def _add_link(
    words: VEvent, lines: list[str], settings: StatusSettings, path: str, anchor: str = ""
) -> None:
    """The description, ending in the page's address (at ``anchor``), and the URL property.

    Only with the site's address (SITEURL): a calendar keeps URLs as they are, and an address
    from the root (``/onderhoud/``) would lead nowhere from a calendar program.
    """
    site = channels.origin(settings)
    if site:
        lines.extend(["", site + path + (f"#{anchor}" if anchor else "")])
    words.add("description", "\n".join(lines))
    if site:
        words.add("url", site + path)


def _window_entry(
    window: Window, settings: StatusSettings, constant_lines: Mapping[str, bytes]
) -> _Entry:
    tz = settings.tz
    neutral = VEvent()
    # The windows files say nothing of when a window was agreed or changed: SEQUENCE tells a
    # change, and DTSTAMP stays the site's start.
    neutral.add("dtstamp", settings.started_at.astimezone(dt.UTC))
    neutral.add("dtstart", window.start.astimezone(tz))
    neutral.add("dtend", window.end.astimezone(tz))
    neutral.add("status", "CANCELLED" if window.cancelled else "CONFIRMED")
    neutral.add("sequence", window.changes)
    return _Entry(window.uid, neutral, constant_lines, partial(_window_words, window, settings))


def _window_words(window: Window, settings: StatusSettings, lang: Lang) -> VEvent:
    title = i18n.word(f"calendar_window_{window.kind}", lang)
    lines = [i18n.word("calendar_window_text", lang)]
    if window.moved_from is not None:
        day = i18n.format_day(window.moved_from, lang)
        lines.append(i18n.word("calendar_window_moved", lang, day=day))
    cancelled_label = i18n.word("window_cancelled", lang)

    words = VEvent()
    words.add("uid", identifiers.window_uid(settings, lang, window.uid))
    words.add("summary", f"{cancelled_label}: {title}" if window.cancelled else title)
    _add_link(words, lines, settings, page_path("maintenance", lang))
    words.add("categories", [i18n.word(f"window_{window.kind}", lang)])
    return words
