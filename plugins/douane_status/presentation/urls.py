"""Where every page lives, in both languages: one table, so links and files always agree."""

from __future__ import annotations

from ..domain.model import LANGUAGES, Lang

PAGES: dict[str, dict[Lang, str]] = {
    "status": {"nl": "/", "en": "/en/"},
    "archive": {"nl": "/archief/", "en": "/en/archive/"},
    "maintenance": {"nl": "/onderhoud/", "en": "/en/maintenance/"},
    "systems": {"nl": "/systemen/", "en": "/en/systems/"},
    "system": {"nl": "/systemen/{id}/", "en": "/en/systems/{id}/"},
    "event": {"nl": "/status-berichten/{id}/", "en": "/en/status-messages/{id}/"},
    "subscribe": {"nl": "/abonneren/", "en": "/en/subscribe/"},
    "report": {"nl": "/rapportage/", "en": "/en/report/"},
    "accessibility": {"nl": "/toegankelijkheid/", "en": "/en/accessibility/"},
    "fallback": {"nl": "/noodprocedure/", "en": "/en/fallback-procedure/"},
    # Internal (not in the navigation, noindex): the protocol compliance facts.
    "compliance": {"nl": "/rapportage/protocol/", "en": "/en/report/protocol/"},
}

# Downloads beside the pages (not pages themselves: no index.html, no counterpart link).
FILES: dict[str, dict[Lang, str]] = {
    "report_csv": {"nl": "/rapportage/beschikbaarheid.csv", "en": "/en/report/availability.csv"},
    "report_json": {
        "nl": "/rapportage/beschikbaarheid.json",
        "en": "/en/report/availability.json",
    },
}


# The compliance facts for machines: one file for both languages (English field names).
COMPLIANCE_JSON = "/report/protocol.json"


def page_path(kind: str, lang: Lang, item_id: str = "") -> str:
    return PAGES[kind][lang].format(id=item_id)


def file_path(kind: str, lang: Lang) -> str:
    return FILES[kind][lang]


def output_file(path: str) -> str:
    """The file a page path is written to, relative to the output folder."""
    return path.lstrip("/") + "index.html"


def other_language(lang: Lang) -> Lang:
    return LANGUAGES[1] if lang == LANGUAGES[0] else LANGUAGES[0]
