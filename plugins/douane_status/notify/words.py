"""The words of e-mails and chat messages, in the site's gettext catalogue like every other."""

from __future__ import annotations

from ..domain.model import Lang, Status
from ..presentation.i18n import N_, STATUS_LABELS, Message, label, pN_, translate
from .site_reader import Notice

PROTOCOL_STATUSES = frozenset(str(s) for s in Status)

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
    "how_to_leave": N_("To unsubscribe from this list: %(address)s"),
}


def status_word(notice: Notice, lang: Lang) -> str:
    """The update's own status in the site's words (cancelled, overrun, ...); from a site whose
    API does not say it, the API's status in words, or as the API writes it."""
    if notice.protocol_status in PROTOCOL_STATUSES:
        return label(STATUS_LABELS, Status(notice.protocol_status), lang)
    message = UPDATE_STATUSES.get(notice.status)
    return translate(message, lang) if message else notice.status


def word(key: str, lang: Lang, **values: object) -> str:
    text = translate(WORDS[key], lang)
    return text % values if values else text
