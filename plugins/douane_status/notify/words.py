"""The words of e-mails and chat messages, in the site's gettext catalogue like every other."""

from __future__ import annotations

from ..domain.model import Lang
from ..presentation.i18n import N_, Message, pN_, translate

# Statuspage's update statuses, as the API writes them (a context of their own: "Monitoring"
# is no "current" here, as it is on the pages).
UPDATE_STATUSES: dict[str, Message] = {
    "investigating": pN_("status of a message", "Investigating"),
    "identified": pN_("status of a message", "Cause identified"),
    "monitoring": pN_("status of a message", "Monitoring"),
    "resolved": pN_("status of a message", "Resolved"),
    "scheduled": pN_("status of a message", "Scheduled"),
    "in_progress": pN_("status of a message", "In progress"),
    "verifying": pN_("status of a message", "Verifying"),
    "completed": pN_("status of a message", "Completed"),
    "postmortem": pN_("status of a message", "Postmortem"),
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
