"""Atom and RSS feeds, written with feedgen: every update of every published event is an entry.

An entry shows the facts as they stood when its message was published, so a published entry
never changes afterwards, and a subscriber is told of each new message exactly once: its id is
a tag URI (``identifiers``), the same in a local and a published build and after a move.
Feeds for all systems, per customs process and per system, in each language.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseExtension
from feedgen.feed import FeedGenerator
from markupsafe import escape

from ..domain.config import StatusSettings
from ..domain.model import LANGUAGES, Catalog, Event, Lang, Process, System, Update
from ..domain.update_keys import update_anchor, update_keys
from ..presentation import channels, i18n
from ..presentation.markup import render_markdown
from ..presentation.urls import page_path
from . import identifiers
from .facts import as_of, event_facts

FEED_TTL_MINUTES = 15  # the site is rebuilt every quarter of an hour
# A feed tells subscribers what is new: the newest messages suffice (even a bad night has far
# fewer than this between two polls), and the archive, calendar and API keep the whole year.
# Without a cap every feed grows with the archive: 36 MB of feeds for a 500-event year.
FEED_MAX_ENTRIES = 100

Message = tuple[Event, Update]
# Many readers show an RSS title as HTML once the XML is decoded: an angle bracket in a title
# (which is plain text, "<e-AD>") becomes its look-alike, so no reader takes it for a tag.
_NO_TAGS = str.maketrans({"<": "‹", ">": "›"})


def plain_title(title: str) -> str:
    """A title that is plain text in every reader: no ``<`` or ``>`` left to read as markup."""
    return title.translate(_NO_TAGS)


def feed_files(
    catalog: Catalog, events: Sequence[Event], settings: StatusSettings, now: dt.datetime
) -> Iterable[tuple[str, bytes]]:
    """Every feed, by its path: per language, for all systems, each process and each system.

    Each feed holds the newest ``FEED_MAX_ENTRIES`` messages. ``now`` only chose the events
    (those published by then): what a feed says depends on its messages alone.
    """
    scopes = feed_scopes(catalog)
    chosen = newest_messages(events, scopes)  # the same in every language
    files: dict[str, bytes] = {}
    for lang in LANGUAGES:
        writer = _FeedWriter(lang, catalog, settings)
        for scope, messages in zip(scopes, chosen, strict=True):
            files.update(writer.write(writer.newest(messages), scope))
    return files.items()


@dataclass(frozen=True, slots=True)
class FeedScope:
    """Which messages one feed holds: about every system, one process's or one system's."""

    name: str  # in the feed's id: "all", "processes/<id>" or "systems/<id>"
    systems: frozenset[str] | None  # the systems whose messages it holds; None: every system
    process: Process | None = None
    system: System | None = None

    def path(self, lang: Lang, fmt: channels.FeedFormat) -> str:
        if self.process is not None:
            return channels.process_feed_path(lang, fmt, self.process.id)
        return channels.feed_path(lang, fmt, self.system.id if self.system else None)

    def title(self, lang: Lang) -> str:
        if self.process is not None:
            return channels.process_feed_title(lang, self.process)
        return channels.feed_title(lang, self.system)

    def page(self, lang: Lang) -> str:
        """The page the feed is the messages of: a process's place on the status page."""
        if self.system is not None:
            return page_path("system", lang, self.system.id)
        anchor = f"#process-{self.process.id}" if self.process is not None else ""
        return page_path("status", lang) + anchor


def feed_scopes(catalog: Catalog) -> list[FeedScope]:
    """The feed of all systems, then one per customs process, then one per system."""
    scopes = [FeedScope("all", None)]
    scopes.extend(
        FeedScope(
            f"processes/{process.id}",
            frozenset(s.id for s in channels.process_systems(catalog, process)),
            process=process,
        )
        for process in catalog.processes
    )
    scopes.extend(
        FeedScope(f"systems/{system.id}", frozenset({system.id}), system=system)
        for system in catalog.systems
    )
    return scopes


def newest_messages(events: Sequence[Event], scopes: Sequence[FeedScope]) -> list[list[Message]]:
    """The messages of each scope's feed, newest first, at most ``FEED_MAX_ENTRIES`` each.

    One walk down the messages, newest first, fills every feed; it stops as soon as each is
    full, instead of going through the whole archive once for every feed.
    """
    messages = sorted(
        ((event, update) for event in events for update in event.updates),
        key=lambda m: (m[1].at, m[0].id, m[1].number),
        reverse=True,
    )
    chosen: list[list[Message]] = [[] for _ in scopes]
    filling = list(range(len(scopes)))  # the feeds that are not full yet
    for message in messages:
        if not filling:
            break
        touched = [i for i in filling if _holds(scopes[i], message[0])]
        for index in touched:
            chosen[index].append(message)
        if any(len(chosen[i]) == FEED_MAX_ENTRIES for i in touched):
            filling = [i for i in filling if len(chosen[i]) < FEED_MAX_ENTRIES]
    return chosen


def _holds(scope: FeedScope, event: Event) -> bool:
    return scope.systems is None or not scope.systems.isdisjoint(event.systems)


class _FeedWriter:
    def __init__(self, lang: Lang, catalog: Catalog, settings: StatusSettings) -> None:
        self.lang = lang
        self.catalog = catalog
        self.settings = settings
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

    def write(self, entries: Sequence[FeedEntry], scope: FeedScope) -> dict[str, bytes]:
        """The Atom and the RSS feed of ``entries`` (newest first)."""
        files = {}
        for fmt in channels.FEED_FORMATS:
            path = scope.path(self.lang, fmt)
            feed = self._feed(entries, scope, self.origin + path)
            files[path] = feed.atom_str(pretty=True) if fmt == "atom" else feed.rss_str(pretty=True)
        return files

    def _feed(self, entries: Sequence[FeedEntry], scope: FeedScope, self_url: str) -> FeedGenerator:
        lang = self.lang
        page = self.origin + scope.page(lang)
        feed = FeedGenerator()
        feed.id(identifiers.feed_id(self.settings, lang, scope.name))
        feed.title(scope.title(lang))
        feed.description(i18n.word("site_tagline", lang))
        feed.author({"name": i18n.word("site_name", lang), "uri": page})
        feed.link(href=self_url, rel="self")
        if self.settings.websub_hub:  # WebSub discovery: Atom's own link, RSS's through _RssHub
            feed.link(href=self.settings.websub_hub, rel="hub")
            feed.register_extension("websub", _RssHub, atom=False, rss=True)
            feed.websub.hub = self.settings.websub_hub
        feed.link(href=page, rel="alternate")  # the last link is RSS's <link>
        feed.language(lang)
        feed.ttl(FEED_TTL_MINUTES)
        # The newest message's time; a feed without messages has not changed since the site began.
        feed.updated(entries[0].updated() if entries else self.settings.started_at)
        for entry in entries:
            feed.add_entry(entry, order="append")  # one entry object serves every feed it is in
        return feed

    def entry(self, event: Event, update: Update) -> FeedEntry:
        lang = self.lang
        key = update_keys(event)[update.number - 1]
        link = f"{self.origin}{page_path('event', lang, event.id)}#{update_anchor(key)}"
        entry = _SharedEntry()
        entry.guid(identifiers.entry_id(self.settings, lang, event.id, key))
        entry.link(href=link, rel="alternate")
        status = i18n.label(i18n.STATUS_LABELS, update.status, lang)
        entry.title(plain_title(f"{event.title[lang]} – {status}"))
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


class _SharedEntry(FeedEntry):  # type: ignore[misc]
    """An entry that several feeds hold: its XML is made once per format, and each feed that
    holds it gets a copy (lxml copies in C what feedgen builds in Python, element by element)."""

    def __init__(self) -> None:
        super().__init__()
        self._made: dict[str, Any] = {}

    def atom_entry(self, extensions: bool = True) -> Any:
        return self._once("atom", extensions, super().atom_entry)

    def rss_entry(self, extensions: bool = True) -> Any:
        return self._once("rss", extensions, super().rss_entry)

    def _once(self, fmt: str, extensions: bool, make: Callable[..., Any]) -> Any:
        key = f"{fmt}-{extensions}"
        if key not in self._made:
            self._made[key] = make(extensions=extensions)
        # an lxml element's copy holds copies of all it holds (its deepcopy is this copy, behind
        # Python's deepcopy bookkeeping, which took a third of the copying's time)
        return copy.copy(self._made[key])


class _RssHub(BaseExtension):  # type: ignore[misc]
    """feedgen writes only RSS's self link: this adds ``<atom:link rel="hub">`` beside it."""

    hub = ""

    def extend_rss(self, rss_feed: Any) -> Any:  # lxml's element: lxml has no type hints here
        link = rss_feed.makeelement("{http://www.w3.org/2005/Atom}link", href=self.hub, rel="hub")
        rss_feed[0].append(link)
        return rss_feed
