"""The key facts of an event in words, for the channels that are read outside the site.

Feeds, the calendar and the API show an event away from its page, so each message carries what a
business needs to act on it: systems, window or start, fallback procedure, next communication.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

from ..domain.model import Catalog, Event, Lang, Status, Update
from ..presentation import i18n
from ..state.phases import actual_end, current_fallback, expected_end, next_communication


def as_of(event: Event, update: Update) -> Event:
    """The event as it stood when ``update`` was published: its timeline up to that update."""
    if update.number == len(event.updates):
        return event  # the latest update: nothing to leave out, so no copy to make
    return dataclasses.replace(event, updates=event.updates[: update.number])


def timeline(event: Event) -> list[Event]:
    """The event as it stood after each of its updates, oldest first (``as_of`` of each)."""
    return [as_of(event, update) for update in event.updates]


def end_fact(event: Event) -> tuple[str, dt.datetime | None]:
    """Which end to show and its word: announced end while open, actual end once over."""
    if event.type.is_planned and not event.is_closed:
        announced = expected_end(event)
        return ("expected_end" if announced != event.end else "planned_end"), announced
    if event.latest.status is Status.CANCELLED:
        return "planned_end", event.end  # the window that will not be used
    return "end", actual_end(event) or event.end


def fallback_text(event: Event, lang: Lang) -> str:
    fallback = current_fallback(event)
    if fallback is not None:
        return i18n.label(i18n.FALLBACK_LABELS, fallback, lang)
    if event.fallback_possible is not None:
        key = "fallback_possible_yes" if event.fallback_possible else "fallback_possible_no"
        return i18n.word(key, lang)
    return i18n.word("fallback_none", lang)


def event_facts(event: Event, catalog: Catalog, lang: Lang, tz: ZoneInfo) -> list[tuple[str, str]]:
    """(label, value) pairs describing ``event`` as it is known (see ``as_of``)."""
    systems = ", ".join(catalog.system(s).short for s in event.systems)
    facts = [
        (i18n.word("type", lang), i18n.label(i18n.TYPE_LABELS, event.type, lang)),
        (i18n.word("systems", lang), systems),
        (i18n.word("start", lang), i18n.format_moment(event.start, lang, tz)),
    ]
    end_key, end = end_fact(event)
    if end is not None:
        facts.append((i18n.word(end_key, lang), i18n.format_moment(end, lang, tz)))
    facts.append((i18n.word("fallback", lang), fallback_text(event, lang)))
    following = next_communication(event)
    if following is not None:
        facts.append((i18n.word("next_update", lang), i18n.format_moment(following, lang, tz)))
    return facts
