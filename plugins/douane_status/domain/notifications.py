"""The channels of ``content/notifications.yaml``: e-mail lists and webhooks.

The site lists the e-mail lists on its subscribe pages (with their sign-up addresses); ``invoke
notify`` sends to them and to the webhooks. The file names channels, never secrets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from .model import Lang

ALL = "all"  # a list or webhook for every process
WebhookFormat = Literal["statuspage", "slack", "teams"]
FORMATS: tuple[str, ...] = get_args(WebhookFormat)


@dataclass(frozen=True)
class MailList:
    """A list at the mail provider: its subscribers want one process's messages in one language.

    ``subscribe`` and ``unsubscribe`` are the addresses the list service offers for joining and
    leaving (``mailto:`` or ``https://``), e.g. Mailman's ``-join`` and ``-leave`` addresses.
    """

    address: str
    process: str  # a process id or ALL
    lang: Lang
    subscribe: tuple[str, ...] = ()
    unsubscribe: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return f"email:{self.address}"


@dataclass(frozen=True)
class Webhook:
    name: str
    url: str | None
    url_env: str | None
    format: WebhookFormat
    lang: Lang
    secret_env: str | None
    processes: tuple[str, ...]  # process ids, or (ALL,)

    @property
    def channel(self) -> str:
        return f"webhook:{self.name}"


@dataclass(frozen=True)
class Notifications:
    sender: str
    lists: tuple[MailList, ...]
    webhooks: tuple[Webhook, ...]
