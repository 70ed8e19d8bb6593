"""Where every file for machines lives: feeds, calendars, the status API and badges.

One table, as ``urls.PAGES`` is for pages, so the files written, the autodiscovery links in page
heads and the subscribe page always agree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Literal

from ..domain.config import StatusSettings
from ..domain.model import LANGUAGES, Catalog, Lang, Process, System
from ..domain.notifications import MailList
from . import i18n

FeedFormat = Literal["atom", "rss"]
FEED_FORMATS: tuple[FeedFormat, ...] = ("atom", "rss")
FEED_FORMAT_NAMES: dict[FeedFormat, str] = {"atom": "Atom", "rss": "RSS"}
MEDIA_TYPES: dict[FeedFormat, str] = {
    "atom": "application/atom+xml",
    "rss": "application/rss+xml",
}

API_ROOTS: dict[Lang, str] = {"nl": "/api/v2/", "en": "/en/api/v2/"}
API_ENDPOINTS = (
    "summary.json",
    "status.json",
    "components.json",
    "incidents.json",
    "incidents/unresolved.json",
    "scheduled-maintenances.json",
    "scheduled-maintenances/upcoming.json",
    "scheduled-maintenances/active.json",
)
BADGE_ROOTS: dict[Lang, str] = {"nl": "/badges/", "en": "/en/badges/"}
OVERALL_BADGE = "overall"


def origin(settings: StatusSettings) -> str:
    """What every address in a feed, calendar or API file starts with: SITEURL.

    A local build has none and writes addresses from the site's root (``/en/``): they lead to
    the right page wherever the files are served, the preview included, and a subscriber never
    keeps an address of a machine that is not the site.
    """
    return settings.site_url


def feed_path(lang: Lang, fmt: FeedFormat, system_id: str | None = None) -> str:
    if system_id is None:
        return f"/feeds/{lang}.{fmt}.xml"
    return f"/feeds/systems/{system_id}.{lang}.{fmt}.xml"


def process_feed_path(lang: Lang, fmt: FeedFormat, process_id: str) -> str:
    """The feed of the messages about every system that serves one customs process."""
    return f"/feeds/processes/{process_id}.{lang}.{fmt}.xml"


def calendar_path(lang: Lang) -> str:
    return f"/calendar/{lang}.ics"


def api_path(lang: Lang, endpoint: str) -> str:
    return API_ROOTS[lang] + endpoint


def badge_path(lang: Lang, name: str) -> str:
    """``name`` is a system id or OVERALL_BADGE."""
    return f"{BADGE_ROOTS[lang]}{name}.svg"


def feed_title(lang: Lang, system: System | None = None) -> str:
    site = i18n.word("site_name", lang)
    if system is None:
        return site
    return f"{site}: {i18n.word('system_events', lang, system=system.short)}"


def process_feed_title(lang: Lang, process: Process) -> str:
    site = i18n.word("site_name", lang)
    return f"{site}: {i18n.word('process_events', lang, process=process.name[lang])}"


def process_systems(catalog: Catalog, process: Process) -> tuple[System, ...]:
    """The systems that serve ``process``, in the catalog's order."""
    return tuple(s for s in catalog.systems if process.id in s.processes)


@dataclass(frozen=True)
class FeedLink:
    """A feed as a page head announces it (``<link rel="alternate">``)."""

    href: str
    media_type: str
    title: str
    format: str  # "Atom", "RSS": what a link to it says


def feed_links(lang: Lang, site_url: str, system: System | None = None) -> tuple[FeedLink, ...]:
    """The feeds of a language, or of one system in it, for autodiscovery."""
    system_id = system.id if system else None
    return tuple(
        FeedLink(
            site_url + feed_path(lang, fmt, system_id),
            MEDIA_TYPES[fmt],
            f"{feed_title(lang, system)} ({FEED_FORMAT_NAMES[fmt]})",
            FEED_FORMAT_NAMES[fmt],
        )
        for fmt in FEED_FORMATS
    )


def subscribe_page_data(lang: Lang, catalog: Catalog, site_url: str) -> dict[str, Any]:
    """What the subscribe page lists: every feed, calendar, API endpoint and badge."""
    all_systems = [_feed_row(i18n.word("feeds_all_systems", lang), site_url, feed_path)]
    processes = [
        _feed_row(
            f"{process.name[lang]} ({', '.join(s.short for s in served_by)})",
            site_url,
            partial(_process_path, process_id=process.id),
        )
        for process in catalog.processes
        for served_by in [process_systems(catalog, process)]
    ]
    systems = [
        _feed_row(f"{s.short}: {s.name[lang]}", site_url, partial(_system_path, system_id=s.id))
        for s in catalog.systems
    ]
    feed_groups = [
        {"heading": None, "rows": all_systems},
        {"heading": i18n.word("feeds_by_process", lang), "rows": processes},
        {"heading": i18n.word("feeds_by_system", lang), "rows": systems},
    ]
    badges = [(i18n.word("badge_overall", lang), OVERALL_BADGE)]
    badges.extend((s.short, s.id) for s in catalog.systems)
    return {
        "languages": [{"lang": x, "name": i18n.LANGUAGE_NAMES[x]} for x in LANGUAGES],
        "feed_groups": feed_groups,
        "calendars": [
            {"lang": x, "name": i18n.LANGUAGE_NAMES[x], "href": site_url + calendar_path(x)}
            for x in LANGUAGES
        ],
        "api_rows": [
            {
                "name": endpoint,
                "links": [{"lang": x, "href": site_url + api_path(x, endpoint)} for x in LANGUAGES],
            }
            for endpoint in API_ENDPOINTS
        ],
        "badges": [
            {"label": label, "href": site_url + badge_path(lang, name)} for label, name in badges
        ],
    }


def mail_list_rows(
    lang: Lang, catalog: Catalog, mail_lists: Sequence[MailList]
) -> list[dict[str, Any]]:
    """The e-mail lists for the subscribe page: what each is about, its language, and the
    addresses to join and leave it (a ``mailto:`` shows its address, a page its link)."""
    names = {p.id: p.name[lang] for p in catalog.processes}
    return [
        {
            "label": names.get(m.process, i18n.word("feeds_all_systems", lang)),
            "lang": m.lang,
            "language": i18n.LANGUAGE_NAMES[m.lang],
            "address": m.address,
            "subscribe": [_mail_link(a) for a in m.subscribe],
            "unsubscribe": [_mail_link(a) for a in m.unsubscribe],
        }
        for m in mail_lists
    ]


def _mail_link(address: str) -> dict[str, str]:
    return {"href": address, "text": address.removeprefix("mailto:")}


def _process_path(lang: Lang, fmt: FeedFormat, process_id: str) -> str:
    return process_feed_path(lang, fmt, process_id)


def _system_path(lang: Lang, fmt: FeedFormat, system_id: str) -> str:
    return feed_path(lang, fmt, system_id)


def _feed_row(label: str, site_url: str, path: Callable[[Lang, FeedFormat], str]) -> dict[str, Any]:
    """One row of the subscribe page's feed table: the Atom and RSS feed in each language."""
    return {
        "label": label,
        "cells": [
            {
                "lang": feed_lang,
                "name": i18n.LANGUAGE_NAMES[feed_lang],
                "links": [
                    {
                        "format": FEED_FORMAT_NAMES[fmt],
                        "media_type": MEDIA_TYPES[fmt],
                        "href": site_url + path(feed_lang, fmt),
                    }
                    for fmt in FEED_FORMATS
                ],
            }
            for feed_lang in LANGUAGES
        ],
    }
