"""What notifications need from a built site, read from its API and feeds: the one place that
knows their shapes, so a change of the API or the feeds is answered here alone.

A message is one update of an event, as the API lists it under ``incident_updates``, with its
text in every language; its id is the update's id. A feed is known by its path, its own address,
the WebSub hub it names (``<link rel="hub">``) and the ids of its entries.
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

from ..domain.model import LANGUAGES, Lang

API_ROOTS: dict[Lang, str] = {"nl": "api/v2/", "en": "en/api/v2/"}
INCIDENTS = "incidents.json"
MAINTENANCES = "scheduled-maintenances.json"
STATUS = "status.json"
FEEDS = "feeds/"
ATOM = "{http://www.w3.org/2005/Atom}"

Kind = Literal["incident", "maintenance"]
_Found = tuple[Kind, dict[str, Any], dict[str, Any]]  # an update, its kind and its document
# The bytes of a file of the site by its path (``api/v2/status.json``), None when it has none.
Reader = Callable[[str], bytes | None]


class SiteShapeError(ValueError):
    """A file of the site is not what the API or a feed should be."""


@dataclass(frozen=True)
class Notice:
    """One message in one language, as the API shows it."""

    title: str  # the event's name
    status: str  # Statuspage's update status: investigating, resolved, scheduled, ...
    protocol_status: str  # ours: overrun, cancelled, workaround, ... ("" from an older site)
    body: str  # plain text
    link: str  # the message on the event's page
    incident: Mapping[str, Any]  # the event's document, as of this message (for webhooks)


@dataclass(frozen=True)
class SiteMessage:
    """One update of one event, in every language."""

    id: str
    event_id: str
    kind: Kind
    at: dt.datetime
    components: tuple[str, ...]  # the API's component ids of the event
    component_names: tuple[str, ...]
    notices: Mapping[Lang, Notice]


@dataclass(frozen=True)
class Feed:
    path: str
    url: str  # rel="self"
    hub: str | None  # rel="hub"
    entries: frozenset[str]


@dataclass(frozen=True)
class Site:
    messages: Mapping[str, SiteMessage]
    feeds: Mapping[str, Feed]
    status: Mapping[Lang, tuple[str, str]]  # the page's indicator and its description
    page_urls: Mapping[Lang, str] = field(default_factory=dict)  # the API's page.url


def api_paths() -> list[str]:
    """Every API file notifications read, in both languages."""
    return [
        API_ROOTS[lang] + name for lang in LANGUAGES for name in (INCIDENTS, MAINTENANCES, STATUS)
    ]


def read_site(read: Reader, feed_paths: Iterable[str]) -> Site:
    """The site's messages, feeds and status; SiteShapeError when its API is missing or broken."""
    by_lang: dict[Lang, dict[str, _Found]] = {}
    status: dict[Lang, tuple[str, str]] = {}
    page_urls: dict[Lang, str] = {}
    for lang in LANGUAGES:
        root = API_ROOTS[lang]
        incidents = _json(read, root + INCIDENTS).get("incidents")
        maintenances = _json(read, root + MAINTENANCES).get("scheduled_maintenances")
        by_lang[lang] = {
            **_updates("incident", incidents, root + INCIDENTS),
            **_updates("maintenance", maintenances, root + MAINTENANCES),
        }
        document = _json(read, root + STATUS)
        state, page = document.get("status"), document.get("page")
        if not isinstance(state, dict) or not isinstance(page, dict):
            raise SiteShapeError(f"{root}{STATUS} has no status or page")
        page_urls[lang] = str(page.get("url", ""))
        status[lang] = (str(state.get("indicator", "")), str(state.get("description", "")))
    messages = {
        message_id: _message(message_id, {lang: by_lang[lang][message_id] for lang in LANGUAGES})
        for message_id in by_lang[LANGUAGES[0]]
        if all(message_id in by_lang[lang] for lang in LANGUAGES)
    }
    feeds = {}
    for path in feed_paths:
        data = read(path)
        feeds[path] = _feed(path, data) if data is not None else Feed(path, "", None, frozenset())
    return Site(messages, feeds, status, page_urls)


def _updates(kind: Kind, documents: object, where: str) -> dict[str, _Found]:
    """Each update of each document by its id, with its kind and its document."""
    return {
        str(update.get("id")): (kind, document, update)
        for document in _list(documents, where)
        for update in _list(document.get("incident_updates"), where)
    }


def _json(read: Reader, path: str) -> dict[str, Any]:
    data = read(path)
    if data is None:
        raise SiteShapeError(f"{path} is missing")
    try:
        value = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SiteShapeError(f"{path} is no JSON: {exc}") from None
    if not isinstance(value, dict):
        raise SiteShapeError(f"{path} is no JSON object")
    return value


def _list(value: object, where: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise SiteShapeError(f"{where}: a list of objects was expected")
    return value


def _message(
    message_id: str, found: Mapping[Lang, tuple[Kind, dict[str, Any], dict[str, Any]]]
) -> SiteMessage:
    kind, document, update = found[LANGUAGES[0]]
    try:
        at = dt.datetime.fromisoformat(str(update["created_at"]))
        components = document.get("components") or []
        return SiteMessage(
            id=message_id,
            event_id=str(document["id"]),
            kind=kind,
            at=at,
            components=tuple(str(c["id"]) for c in components),
            component_names=tuple(str(c["name"]) for c in components),
            notices={lang: _notice(*found[lang][1:]) for lang in found},
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise SiteShapeError(f"message {message_id}: {exc!r} in the API") from None


def _notice(document: dict[str, Any], update: dict[str, Any]) -> Notice:
    """The message, and its event as it stood then: the updates up to this one, its status."""
    at = dt.datetime.fromisoformat(str(update["created_at"]))
    updates = [
        u
        for u in document["incident_updates"]
        if dt.datetime.fromisoformat(str(u["created_at"])) <= at
    ]
    ended = update["status"] in ("resolved", "completed")
    incident = {
        **document,
        "status": update["status"],
        "updated_at": update["created_at"],
        "resolved_at": document.get("resolved_at") if ended else None,
        "incident_updates": updates,
    }
    return Notice(
        title=str(document["name"]),
        status=str(update["status"]),
        protocol_status=str(update.get("protocol_status", "")),
        body=str(update["body"]),
        # the update's place on the page: its anchor is its id without the event's
        link=f"{document['shortlink']}#{str(update['id']).removeprefix(str(document['id']) + '-')}",
        incident=incident,
    )


def _feed(path: str, data: bytes) -> Feed:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise SiteShapeError(f"{path} is no XML: {exc}") from None
    if root.tag == ATOM + "feed":
        links = root.findall(ATOM + "link")
        ids = [e.findtext(ATOM + "id") or "" for e in root.findall(ATOM + "entry")]
    else:
        channel = root.find("channel")
        if channel is None:
            raise SiteShapeError(f"{path} is neither Atom nor RSS")
        links = channel.findall(ATOM + "link")
        ids = [i.findtext("guid") or "" for i in channel.findall("item")]
    rels = {link.get("rel", "alternate"): link.get("href", "") for link in links}
    return Feed(path, rels.get("self", ""), rels.get("hub") or None, frozenset(ids))


def messages_since(built: Site, moment: dt.datetime) -> list[SiteMessage]:
    """The built site's messages published at or after ``moment``, oldest first."""
    return _in_order(m for m in built.messages.values() if m.at >= moment)


def in_order(messages: Iterable[SiteMessage]) -> list[SiteMessage]:
    """Oldest first: the order every channel hears them in."""
    return _in_order(messages)


def entry_message(entry_id: str) -> str | None:
    """The message a feed entry is (``…/events/<event id>/updates/<key>``), by its id."""
    head, _, key = entry_id.rpartition("/updates/")
    event_id = head.rpartition("/events/")[2]
    return f"{event_id}-update-{key}" if key and event_id and "/events/" in head else None


def local_build(site: Site) -> str | None:
    """Why the site is not one built for publishing (``--publish``), or None when it is."""
    for lang, url in sorted(site.page_urls.items()):
        host = urlsplit(url).hostname or ""
        if not url.startswith(("https://", "http://")):
            return f"its addresses are not absolute ({lang} page.url {url!r})"
        if host in ("localhost", "127.0.0.1", "::1") or host.endswith(".localhost"):
            return f"its addresses name this machine ({lang} page.url {url!r})"
    return None


def _in_order(messages: Iterable[SiteMessage]) -> list[SiteMessage]:
    return sorted(messages, key=lambda m: (m.at, m.event_id, m.id))


def feed_paths(paths: Iterable[str]) -> list[str]:
    """The feeds among a site's file paths."""
    return sorted(p for p in paths if p.startswith(FEEDS) and p.endswith(".xml"))


def message_systems(message: SiteMessage, systems: Mapping[str, str]) -> frozenset[str]:
    """The system ids a message is about; ``systems`` maps each id to its short name.

    A component is a system by its id (``ncts``), by the system part of a component per process
    and system (``transit.ncts``), or by its name: the short name, perhaps followed by the
    process in brackets (``NCTS (Douanevervoer)``).
    """
    by_name = {short: system_id for system_id, short in systems.items()}
    found = set()
    for component_id, name in zip(message.components, message.component_names, strict=True):
        system_part = component_id.rpartition(".")[2]
        short = name.split(" (", 1)[0]
        if component_id in systems or system_part in systems:
            found.add(component_id if component_id in systems else system_part)
        elif short in by_name:
            found.add(by_name[short])
    return frozenset(found)
