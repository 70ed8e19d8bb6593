"""Atom and RSS feeds, written with feedgen: every update of every published event is an entry.

An entry shows the facts as they stood when its message was published, so a published entry
never changes afterwards, and a subscriber is told of each new message exactly once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator
from markupsafe import escape

from ..domain.config import StatusSettings
from ..domain.model import LANGUAGES, Catalog, Event, Lang, System, Update
from ..presentation import channels, i18n
from ..presentation.markup import render_markdown
from ..presentation.urls import page_path
from .facts import as_of, event_facts

FEED_TTL_MINUTES = 15  # the site is rebuilt every quarter of an hour
# A feed tells subscribers what is new: the newest messages suffice (even a bad night has far
# fewer than this between two polls), and the archive, calendar and API keep the whole year.
# Without a cap every feed grows with the archive: 36 MB of feeds for a 500-event year.
FEED_MAX_ENTRIES = 100

Message = tuple[Event, Update]


def feed_files(
    catalog: Catalog, events: Sequence[Event], settings: StatusSettings, now: dt.datetime
) -> Iterable[tuple[str, bytes]]:
    """Every feed, by its path: per language, for all systems and for each system.

    Each feed holds the newest ``FEED_MAX_ENTRIES`` messages.
    """
    chosen = newest_messages(events, catalog.systems)  # the same in every language
    files: dict[str, bytes] = {}
    for lang in LANGUAGES:
        writer = _FeedWriter(lang, catalog, settings, now)
        for system, messages in chosen:
            files.update(writer.write(writer.newest(messages), system))
    return files.items()


def newest_messages(
    events: Sequence[Event], systems: Sequence[System]
) -> list[tuple[System | None, list[Message]]]:
    """The messages of each feed, newest first: the feed of all systems, then one per system.

    One walk down the messages, newest first, fills every system's feed; it stops as soon as each
    is full, instead of going through the whole archive once for every system.
    """
    messages = sorted(
        ((event, update) for event in events for update in event.updates),
        key=lambda m: (m[1].at, m[0].id, m[1].number),
        reverse=True,
    )
    own: dict[str, list[Message]] = {s.id: [] for s in systems}
    filling = list(own)  # the systems whose feed is not full yet
    for message in messages:
        if not filling:
            break
        touched = [s for s in filling if s in message[0].systems]
        for system_id in touched:
            own[system_id].append(message)
        if any(len(own[s]) == FEED_MAX_ENTRIES for s in touched):
            filling = [s for s in filling if len(own[s]) < FEED_MAX_ENTRIES]
    return [(None, messages[:FEED_MAX_ENTRIES]), *((s, own[s.id]) for s in systems)]


def entry_id(settings: StatusSettings, lang: Lang, event_id: str, number: int) -> str:
    """The update's permanent address on its event page, which is also the entry's id."""
    return f"{channels.origin(settings)}{page_path('event', lang, event_id)}#update-{number}"


class _FeedWriter:
    def __init__(
        self, lang: Lang, catalog: Catalog, settings: StatusSettings, now: dt.datetime
    ) -> None:
        self.lang = lang
        self.catalog = catalog
        self.settings = settings
        self.now = now
        self.origin = channels.origin(settings)
        self.tz = settings.tz
        self._entries: dict[tuple[str, int], FeedEntry] = {}

    def newest(self, messages: Sequence[Message]) -> list[FeedEntry]:
        """Entries of the newest messages; each is made once and shared by the feeds."""
        chosen = []
        for event, update in messages[:FEED_MAX_ENTRIES]:
            key = (event.id, update.number)
            if key not in self._entries:
                self._entries[key] = self.entry(event, update)
            chosen.append(self._entries[key])
        return chosen

    def write(self, entries: Sequence[FeedEntry], system: System | None) -> dict[str, bytes]:
        """The Atom and the RSS feed of ``entries`` (newest first)."""
        files = {}
        for fmt in channels.FEED_FORMATS:
            path = channels.feed_path(self.lang, fmt, system.id if system else None)
            feed = self._feed(entries, system, self.origin + path)
            files[path] = feed.atom_str(pretty=True) if fmt == "atom" else feed.rss_str(pretty=True)
        return files

    def _feed(
        self, entries: Sequence[FeedEntry], system: System | None, self_url: str
    ) -> FeedGenerator:
        lang = self.lang
        page = page_path("system", lang, system.id) if system else page_path("status", lang)
        feed = FeedGenerator()
        feed.id(self_url)
        feed.title(channels.feed_title(lang, system))
        feed.description(i18n.word("site_tagline", lang))
        feed.author({"name": i18n.word("site_name", lang), "uri": self.origin + page})
        feed.link(href=self_url, rel="self")
        feed.link(href=self.origin + page, rel="alternate")  # the last link is RSS's <link>
        feed.language(lang)
        feed.ttl(FEED_TTL_MINUTES)
        # The newest message's time; an empty feed has none, so it says when it was built.
        feed.updated(entries[0].updated() if entries else self.now.astimezone(self.tz))
        for entry in entries:
            feed.add_entry(entry, order="append")  # one entry object serves every feed it is in
        return feed

    def entry(self, event: Event, update: Update) -> FeedEntry:
        lang = self.lang
        link = entry_id(self.settings, lang, event.id, update.number)
        entry = FeedEntry()
        entry.guid(link, permalink=True)
        entry.link(href=link, rel="alternate")
        status = i18n.label(i18n.STATUS_LABELS, update.status, lang)
        entry.title(f"{event.title[lang]} – {status}")
        entry.published(update.at.astimezone(self.tz))
        entry.updated(update.at.astimezone(self.tz))
        entry.content(self._content(as_of(event, update), update), type="html")
        entry.category(term=str(event.type), label=i18n.label(i18n.TYPE_LABELS, event.type, lang))
        for system_id in event.systems:
            entry.category(term=system_id, label=self.catalog.system(system_id).short)
        return entry

    def _content(self, known: Event, update: Update) -> str:
        """The message as on the site, then the facts as they stood at that moment."""
        facts = event_facts(known, self.catalog, self.lang, self.tz)
        items = "".join(
            f"<li><strong>{escape(label)}</strong>: {escape(value)}</li>" for label, value in facts
        )
        return f"{render_markdown(update.text[self.lang])}\n<ul>{items}</ul>"
