"""Pelican settings for local builds. ``publishconf.py`` builds on these for the live site.

``invoke build --now ISO`` and ``pelican content -s pelicanconf.py -e 'DOUANE_STATUS_NOW="ISO"'``
read these same settings and build the same site.
"""

from pathlib import Path

_project = Path(__file__).resolve().parent

SITENAME = "Beschikbaarheid Douanesystemen"
SITEURL = ""
PATH = "content"
THEME = "theme"
TIMEZONE = "Europe/Amsterdam"
DEFAULT_LANG = "nl"

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["douane_status"]
DOUANE_STATUS_PROJECT = str(_project)  # for paths in messages and the web editor's bundle
# DOUANE_STATUS_NOW: the build's "now" (default: the current time), e.g. "2026-11-29T10:00".

# The douane_status plugin writes every page itself. Pelican's article machinery would read
# every Markdown file below content/ (the outage files too), and its index and archives would
# land beside the plugin's pages: no article paths, no direct templates.
ARTICLE_PATHS: list[str] = []
DIRECT_TEMPLATES: list[str] = []
# Pelican's article feeds (the plugin writes its own into feeds/): off, so that Pelican neither
# writes an empty feeds/all.atom.xml nor warns that feeds need a SITEURL.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DELETE_OUTPUT_DIRECTORY = True

# Everything the protocol leaves to the organisation, in one place (see config.StatusSettings).
DOUANE_STATUS = {
    "timezone": "Europe/Amsterdam",
    "office_hours_start": "08:00",
    "office_hours_end": "17:00",
    # Days the helpdesk is closed besides the holidays of the Algemene termijnenwet (bridge days,
    # Good Friday if it closes then), as "YYYY-MM-DD".
    "closure_days": [],
    # Afspraak 7: messages stay published for a calendar year (same local date and time).
    "retention_years": 1,
    # Afspraak 1, "zo snel mogelijk": a disruption's first message within this many minutes.
    "first_message_minutes": 30,
    # Feed entry ids and calendar UIDs start with this tag URI (RFC 4151): "tag:", a domain the
    # organisation held on the date that follows, and a name. Subscribers keep these ids for good:
    # never change it, not even when the site moves to another address (SITEURL).
    "tag_base": "tag:douane.nl,2026:beschikbaarheid-douanesystemen",
    # The day the site began: the API gives it as its components' created_at.
    "site_started": "2025-10-01",
}
