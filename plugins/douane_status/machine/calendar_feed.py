"""The iCalendar feed (icalendar): planned events and the agreed windows, one per language.

A subscribed calendar sees a moved, overrunning or cancelled event change in place: each VEVENT
keeps its UID, and its SEQUENCE rises with every change. UIDs are tag URIs (``identifiers``), one
per language, so that a subscriber to both calendars gets no clashes; DTSTAMP is the event's last
update, so the files change only when the content does.

Both languages list the same VEVENTs with the same times and sequences; only their UIDs and words
differ. An iCalendar file is a sequence of content lines, one per property value, so the lines
that read the same in both languages are written once and shared (see ``_Entry``): on a large
archive that is most of the work. Many lines also recur between entries (every window's DTSTAMP,
the STATUS and SEQUENCE of most entries, the words of the windows of one kind): each distinct
line is made once (``_Lines``). icalendar still types, escapes, orders and folds every line;
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
    lines = _Lines()
    entries = [_event_entry(e, catalog, settings, lines) for e in events if e.type.is_planned]
    entries.extend(_window_entry(w, settings, lines) for w in windows)
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


Property = tuple[str, object]  # a property's name and its value, as ``Component.add`` takes them


class _Lines:
    """Content lines as icalendar writes them, each distinct one made once.

    A line depends only on the property's name and its value (and a time's zone): one made for
    an earlier entry is that entry's line again.
    """

    def __init__(self) -> None:
        self._made: dict[tuple[object, ...], bytes] = {}

    def of(self, properties: Iterable[Property]) -> dict[str, bytes]:
        """The lines of ``properties`` by name (as ``property_lines`` gives a component's)."""
        return {name.upper(): self.line(name, value) for name, value in properties}

    def line(self, name: str, value: object) -> bytes:
        # equal times in other zones are equal datetimes, and True == 1: both kept apart
        shown = tuple(value) if isinstance(value, list) else value
        key = (name, type(value), shown, getattr(value, "tzinfo", None))
        made = self._made.get(key)
        if made is None:
            component = VEvent()
            component.add(name, value)
            made = self._made[key] = property_lines(component)[name.upper()]
        return made


# TRANSP reads the same in every VEVENT: it informs the subscriber, it does not make them busy.
_CONSTANT: tuple[Property, ...] = (("transp", "TRANSPARENT"),)


class _Entry:
    """One VEVENT, in every language's calendar.

    Its language-neutral properties (times, status, sequence) are written to content lines once;
    ``words`` gives, per language, the lines of the UID and of the properties that are read
    (summary, description, url, categories).
    """

    def __init__(
        self,
        key: str,
        window: tuple[dt.datetime, dt.datetime],
        lines: dict[str, bytes],
        words: Callable[[Lang], dict[str, bytes]],
    ) -> None:
        self.start, self.end = window
        self.sort_key = (self.start, key)
        self.lines = lines
        self.words = words

    def to_ical(self, lang: Lang) -> bytes:
        """The VEVENT in ``lang``, exactly as icalendar writes it."""
        return component_ical(VEvent, {**self.lines, **self.words(lang)})


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


def _event_entry(event: Event, catalog: Catalog, settings: StatusSettings, lines: _Lines) -> _Entry:
    tz = settings.tz
    start, end = event_window(event)
    window = (start.astimezone(tz), end.astimezone(tz))
    cancelled = event.latest.status is Status.CANCELLED
    neutral = lines.of(
        [
            *_CONSTANT,
            ("dtstamp", event.latest.at.astimezone(dt.UTC)),  # its last revision
            ("dtstart", window[0]),
            ("dtend", window[1]),
            ("status", "CANCELLED" if cancelled else "CONFIRMED"),
            ("sequence", sequence(event)),
            ("created", event.first_published.astimezone(dt.UTC)),
            ("last-modified", event.latest.at.astimezone(dt.UTC)),
        ]
    )
    words = partial(_event_words, lines, event, catalog, settings)
    return _Entry(event.id, window, neutral, words)


def _event_words(
    lines: _Lines, event: Event, catalog: Catalog, settings: StatusSettings, lang: Lang
) -> dict[str, bytes]:
    cancelled = event.latest.status is Status.CANCELLED
    title = event.title[lang]
    status_label = i18n.label(i18n.STATUS_LABELS, event.latest.status, lang)
    text = [f"{i18n.word('state', lang)}: {status_label}"]
    facts = event_facts(event, catalog, lang, settings.tz)
    text.extend(f"{label}: {value}" for label, value in facts)
    text.extend(["", plain_text(event.latest.text[lang])])
    # The description ends with the place of the message it quotes, the latest.
    anchor = update_anchor(update_keys(event)[-1])
    return lines.of(
        [
            ("uid", identifiers.event_uid(settings, lang, event.id)),
            ("summary", f"{status_label}: {title}" if cancelled else title),
            *_linked(text, settings, page_path("event", lang, event.id), anchor),
            ("categories", [i18n.label(i18n.TYPE_LABELS, event.type, lang)]),
        ]
    )


def _linked(
    text: list[str], settings: StatusSettings, path: str, anchor: str = ""
) -> list[Property]:
    """The description, ending in the page's address (at ``anchor``), and the URL property.

    Only with the site's address (SITEURL): a calendar keeps URLs as they are, and an address
    from the root (``/onderhoud/``) would lead nowhere from a calendar program.
    """
    site = channels.origin(settings)
    if not site:
        return [("description", "\n".join(text))]
    address = site + path + (f"#{anchor}" if anchor else "")
    return [("description", "\n".join([*text, "", address])), ("url", site + path)]


def _window_entry(window: Window, settings: StatusSettings, lines: _Lines) -> _Entry:
    tz = settings.tz
    times = (window.start.astimezone(tz), window.end.astimezone(tz))
    neutral = lines.of(
        [
            *_CONSTANT,
            # The windows files say nothing of when a window was agreed or changed: SEQUENCE
            # tells a change, and DTSTAMP stays the site's start.
            ("dtstamp", settings.started_at.astimezone(dt.UTC)),
            ("dtstart", times[0]),
            ("dtend", times[1]),
            ("status", "CANCELLED" if window.cancelled else "CONFIRMED"),
            ("sequence", window.changes),
        ]
    )
    return _Entry(window.uid, times, neutral, partial(_window_words, lines, window, settings))


def _window_words(
    lines: _Lines, window: Window, settings: StatusSettings, lang: Lang
) -> dict[str, bytes]:
    title = i18n.word(f"calendar_window_{window.kind}", lang)
    text = [i18n.word("calendar_window_text", lang)]
    if window.moved_from is not None:
        day = i18n.format_day(window.moved_from, lang)
        text.append(i18n.word("calendar_window_moved", lang, day=day))
    cancelled_label = i18n.word("window_cancelled", lang)
    return lines.of(
        [
            ("uid", identifiers.window_uid(settings, lang, window.uid)),
            ("summary", f"{cancelled_label}: {title}" if window.cancelled else title),
            *_linked(text, settings, page_path("maintenance", lang)),
            ("categories", [i18n.word(f"window_{window.kind}", lang)]),
        ]
    )
