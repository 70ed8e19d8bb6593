"""Pelican settings for local builds. ``publishconf.py`` builds on these for the live site."""

SITENAME = "Beschikbaarheid Douanesystemen"
SITEURL = ""
PATH = "content"
THEME = "theme"
TIMEZONE = "Europe/Amsterdam"
DEFAULT_LANG = "nl"

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["douane_status"]

# The douane_status plugin writes every page itself; Pelican's own article and page machinery
# has nothing to read (no such folders) and nothing to write.
ARTICLE_PATHS = ["_no_articles"]
PAGE_PATHS = ["_no_pages"]
STATIC_PATHS: list[str] = []
DIRECT_TEMPLATES: list[str] = []
THEME_TEMPLATES_OVERRIDES: list[str] = []
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
ARTICLE_SAVE_AS = ""
PAGE_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
TAG_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
DELETE_OUTPUT_DIRECTORY = True
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

# Everything the protocol leaves to the organisation, in one place (see config.StatusSettings).
DOUANE_STATUS = {
    "timezone": "Europe/Amsterdam",
    "office_hours_start": "08:00",
    "office_hours_end": "17:00",
    # Days the helpdesk is closed besides public holidays (bridge days), as "YYYY-MM-DD".
    "closure_days": [],
    "retention_days": 365,
}
