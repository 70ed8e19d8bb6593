"""The words of e-mails and chat messages, in the site's gettext catalogue like every other."""

from __future__ import annotations

from ..domain.model import Lang
from ..presentation.i18n import N_, Message, pN_, translate

# Statuspage's update statuses, as the API writes them.
UPDATE_STATUSES: dict[str, Message] = {
    "investigating": N_("Investigating"),
    "identified": N_("Cause identified"),
    "monitoring": N_("Monitoring"),
    "resolved": N_("Resolved"),
    "scheduled": N_("Scheduled"),
    "in_progress": N_("In progress"),
    "verifying": N_("Verifying"),
    "completed": N_("Completed"),
    "postmortem": N_("Postmortem"),
}
WORDS: dict[str, Message] = {
    "read_on_site": N_("Read this message on the site: %(link)s"),
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
