"""What a message becomes on each channel: an e-mail, a webhook's JSON body, its signature.

Pure functions of the message as the built site shows it; nothing here sends anything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import re
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from ..domain.model import Lang
from ..presentation.urls import page_path
from .config import MailList, Webhook
from .site_reader import Notice, SiteMessage
from .words import status_word, word

SIGNATURE_HEADER = "X-Douane-Status-Signature"
MESSAGE_HEADER = "X-Douane-Status-Message"
DOCUMENTATION = "https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/"
# An address in a message's text: plain text keeps a link's target after its words.
_ADDRESS = re.compile(r"https?://[^\s()<>]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def subscribe_page(notice: Notice, lang: Lang) -> str:
    """The subscribe page of the site the message is on, in ``lang``."""
    parts = urlsplit(notice.link)
    return f"{parts.scheme}://{parts.netloc}{page_path('subscribe', lang)}"


def subject(notice: Notice, lang: Lang) -> str:
    return f"{notice.title} – {status_word(notice, lang)}"


def message_id(message: SiteMessage, lang: Lang) -> str:
    """One id per message and language, whichever lists it reaches: a subscriber of two lists
    (transit and all systems, say) gets one mail, and a resent copy is known as one."""
    domain = urlsplit(message.notices[lang].link).hostname or "localhost"
    return f"<{message.id}.{lang}@{domain}>"


def unsubscribe_headers(mail_list: MailList, page: str) -> dict[str, str]:
    """``List-Unsubscribe`` with the list's own addresses (else the subscribe page), and RFC
    8058's one-click ``List-Unsubscribe-Post`` when one of them is https."""
    targets = mail_list.unsubscribe or (page,)
    headers = {"List-Unsubscribe": ", ".join(f"<{t}>" for t in targets)}
    if any(t.startswith("https://") for t in mail_list.unsubscribe):
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return headers


def mail(
    message: SiteMessage, mail_list: MailList, sender: str, sent_at: dt.datetime
) -> EmailMessage:
    """One e-mail of one message to one list, with a plain text and an HTML part; its Date is
    ``sent_at``, the moment of sending."""
    lang = mail_list.lang
    notice = message.notices[lang]
    page = subscribe_page(notice, lang)
    email = EmailMessage()
    email["From"] = sender
    email["To"] = mail_list.address
    email["Subject"] = subject(notice, lang)
    email["Date"] = format_datetime(sent_at)
    email["Message-ID"] = message_id(message, lang)
    email["List-Id"] = f"<{mail_list.address.replace('@', '.')}>"
    for name, value in unsubscribe_headers(mail_list, page).items():
        email[name] = value
    email["Auto-Submitted"] = "auto-generated"
    paragraphs = notice.body.split("\n\n")
    leave = ", ".join(a.removeprefix("mailto:") for a in mail_list.unsubscribe) or page
    footer = word("why_this_mail", lang, list=mail_list.address, page=page)
    leaving = word("how_to_leave", lang, address=leave)
    text = "\n\n".join(
        [
            status_word(notice, lang).upper(),
            *paragraphs,
            word("read_on_site", lang, link=notice.link),
            "-- ",
            leaving,
            footer,
        ]
    )
    email.set_content(text + "\n")
    html = _html(notice, lang, paragraphs, page, [leaving, footer])
    email.add_alternative(html, subtype="html")
    email["Content-Language"] = lang  # after the parts: making them moves Content-* headers
    return email


def _linked(text: str) -> Markup:
    """The text, escaped, with every address in it a link (the words keep theirs after them)."""
    parts = []
    last = 0
    for found in _ADDRESS.finditer(text):
        address = found.group(0).rstrip(".,;:")
        end = found.start() + len(address)
        target = address if "://" in address else f"mailto:{address}"
        parts.append(escape(text[last : found.start()]))
        parts.append(Markup('<a href="{}">{}</a>').format(target, address))
        last = end
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def _html(notice: Notice, lang: Lang, paragraphs: list[str], page: str, footer: list[str]) -> str:
    body = "".join(
        Markup("<p>{}</p>").format(_linked(p)).replace("\n", Markup("<br>")) for p in paragraphs
    )
    small = "".join(Markup("<p><small>{}</small></p>").format(_linked(f)) for f in footer)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{escape(subject(notice, lang))}</title></head><body>"
        f"<h1>{escape(notice.title)}</h1>"
        f"<p><strong>{escape(status_word(notice, lang))}</strong></p>{body}"
        f'<p><a href="{escape(notice.link)}">{escape(word("read_on_site_link", lang))}</a></p>'
        f"<hr>{small}"
        f'<p><small><a href="{escape(page)}">{escape(word("unsubscribe_link", lang))}</a>'
        "</small></p></body></html>\n"
    )


def webhook_body(message: SiteMessage, hook: Webhook, status: tuple[str, str]) -> bytes:
    """The JSON body for ``hook``'s format, in its language."""
    notice = message.notices[hook.lang]
    if hook.format == "slack":
        payload = slack_payload(notice, hook.lang)
    elif hook.format == "teams":
        payload = teams_payload(notice, hook.lang)
    else:
        payload = statuspage_payload(notice, hook.lang, status)
    return json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")


def statuspage_payload(notice: Notice, lang: Lang, status: tuple[str, str]) -> dict[str, Any]:
    """Statuspage's incident webhook: ``meta``, ``page`` and the incident as of this message."""
    indicator, description = status
    return {
        "meta": {"unsubscribe": subscribe_page(notice, lang), "documentation": DOCUMENTATION},
        "page": {
            "id": notice.incident.get("page_id"),
            "status_indicator": indicator,
            "status_description": description,
        },
        "incident": dict(notice.incident),
    }


def slack_payload(notice: Notice, lang: Lang) -> dict[str, Any]:
    """An incoming-webhook message: a plain text for notifications, and one block."""
    title = subject(notice, lang)
    text = f"*<{_slack(notice.link)}|{_slack(title)}>*\n{_slack(notice.body)}"
    return {
        "text": title,
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}],
    }


def _slack(text: str) -> str:
    """Slack's escaping of its three control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def teams_payload(notice: Notice, lang: Lang) -> dict[str, Any]:
    """A message with an Adaptive Card, as a Teams channel's workflow webhook takes it."""
    card = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "lang": lang,
        "body": [
            {
                "type": "TextBlock",
                "text": notice.title,
                "weight": "Bolder",
                "size": "Medium",
                "wrap": True,
            },
            {"type": "TextBlock", "text": status_word(notice, lang), "isSubtle": True},
            *({"type": "TextBlock", "text": p, "wrap": True} for p in notice.body.split("\n\n")),
        ],
        "actions": [
            {"type": "Action.OpenUrl", "title": word("open_message", lang), "url": notice.link}
        ],
    }
    return {
        "type": "message",
        "attachments": [
            {
                "contentType": "application/vnd.microsoft.card.adaptive",
                "contentUrl": None,
                "content": card,
            }
        ],
    }


def signature(body: bytes, secret: bytes) -> str:
    """``sha256=`` and the HMAC-SHA256 of the body, as the signature header carries it."""
    return "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
