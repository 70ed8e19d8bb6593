"""Where every file for machines lives: feeds, calendars, the status API and badges.

One table, as ``urls.PAGES`` is for pages, so the files written, the autodiscovery links in page
heads and the subscribe page always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

from ..domain.config import StatusSettings
from ..domain.model import LANGUAGES, Catalog, Lang, System
from . import i18n

# Feeds, calendars and the API need absolute addresses. A local build has no SITEURL; it then
# uses the address of the preview (`invoke serve`). The published build always sets SITEURL.
PREVIEW_ORIGIN = "http://localhost:8000"

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
    """Scheme and host every absolute address starts with."""
    return settings.site_url or PREVIEW_ORIGIN


def host(settings: StatusSettings) -> str:
    """The site's host name, the domain part of calendar UIDs."""
    return urlsplit(origin(settings)).hostname or "localhost"


def feed_path(lang: Lang, fmt: FeedFormat, system_id: str | None = None) -> str:
    if system_id is None:
        return f"/feeds/{lang}.{fmt}.xml"
    return f"/feeds/systems/{system_id}.{lang}.{fmt}.xml"


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


@dataclass(frozen=True)
class FeedLink:
    """A feed as a page head announces it (``<link rel="alternate">``)."""

    href: str
    media_type: str
    title: str


def feed_links(lang: Lang, site_url: str, system: System | None = None) -> tuple[FeedLink, ...]:
    """The feeds of a language, or of one system in it, for autodiscovery."""
    system_id = system.id if system else None
    return tuple(
        FeedLink(
            site_url + feed_path(lang, fmt, system_id),
            MEDIA_TYPES[fmt],
            f"{feed_title(lang, system)} ({FEED_FORMAT_NAMES[fmt]})",
        )
        for fmt in FEED_FORMATS
    )


def subscribe_page_data(lang: Lang, catalog: Catalog, site_url: str) -> dict[str, Any]:
    """What the subscribe page lists: every feed, calendar, API endpoint and badge."""
    scopes: list[tuple[str, System | None]] = [(i18n.word("feeds_all_systems", lang), None)]
    scopes.extend((f"{s.short}: {s.name[lang]}", s) for s in catalog.systems)
    feed_rows = [
        {
            "label": label,
            "cells": [
                {
                    "lang": feed_lang,
                    "name": i18n.LANGUAGE_NAMES[feed_lang],
                    "links": [
                        {
                            "format": FEED_FORMAT_NAMES[fmt],
                            "media_type": MEDIA_TYPES[fmt],
                            "href": site_url
                            + feed_path(feed_lang, fmt, system.id if system else None),
                        }
                        for fmt in FEED_FORMATS
                    ],
                }
                for feed_lang in LANGUAGES
            ],
        }
        for label, system in scopes
    ]
    badges = [(i18n.word("badge_overall", lang), OVERALL_BADGE)]
    badges.extend((s.short, s.id) for s in catalog.systems)
    return {
        "languages": [{"lang": x, "name": i18n.LANGUAGE_NAMES[x]} for x in LANGUAGES],
        "feed_rows": feed_rows,
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
