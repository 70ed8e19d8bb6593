"""The words of e-mails and chat messages, in the site's gettext catalogue like every other."""

from __future__ import annotations

from ..domain.model import Lang
from ..presentation.i18n import N_, Message, pN_, translate

# The update statuses the API writes, in the glossary's words (docs/glossary.md); the API's
# ``identified`` is our disruption.
UPDATE_STATUSES: dict[str, Message] = {
    "investigating": pN_("status of a message", "Under investigation"),
    "identified": pN_("status of a message", "Disruption"),
    "resolved": pN_("status of a message", "Resolved"),
    "scheduled": pN_("status of a message", "Scheduled"),
    "in_progress": pN_("status of a message", "In progress"),
    "completed": pN_("status of a message", "Completed"),
}
WORDS: dict[str, Message] = {
    "read_on_site": N_("Read this message on the site: %(link)s"),
    "read_on_site_link": N_("Read this message on the site"),
    "open_message": pN_("button in a chat message", "Open the message"),
    "why_this_mail": N_(
        "You receive this e-mail because you subscribed to the list %(list)s. To unsubscribe, "
        "or to subscribe to other processes: %(page)s"
    ),
    "unsubscribe_link": N_("Unsubscribe or change your subscription"),
}


def status_word(status: str, lang: Lang) -> str:
    """An update status in words; one this table lacks is shown as the API writes it."""
    message = UPDATE_STATUSES.get(status)
    return translate(message, lang) if message else status


def word(key: str, lang: Lang, **values: object) -> str:
    text = translate(WORDS[key], lang)
    return text % values if values else text
