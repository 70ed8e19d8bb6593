"""Which message goes to which channel: the pure core of a run, before anything is sent."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from .config import ALL, MailList, Notifications, Webhook
from .site_reader import Feed, SiteMessage

Processes = Callable[[SiteMessage], frozenset[str]]  # the processes a message is about


@dataclass(frozen=True)
class Plan:
    mails: tuple[tuple[MailList, SiteMessage], ...]
    webhooks: tuple[tuple[Webhook, SiteMessage], ...]
    pings: tuple[Feed, ...]  # feeds with new entries that name a hub

    @property
    def channels(self) -> list[str]:
        return sorted(
            {m.name for m, _ in self.mails}
            | {h.channel for h, _ in self.webhooks}
            | {ping_channel(f) for f in self.pings}
        )


def ping_channel(feed: Feed) -> str:
    return f"websub:{feed.hub}"


def wants(chosen: Collection[str], processes: frozenset[str]) -> bool:
    """A list or webhook for ``chosen`` processes hears of a message about ``processes``."""
    return ALL in chosen or bool(processes.intersection(chosen))


def plan(
    messages: Sequence[SiteMessage],
    feeds: Sequence[Feed],
    notifications: Notifications,
    processes: Processes,
    only: Collection[str] = (),
) -> Plan:
    """Every delivery, messages oldest first; ``only`` keeps the channels it names (or all)."""
    about = {m.id: processes(m) for m in messages}

    def kept(channel: str) -> bool:
        return not only or channel in only

    return Plan(
        mails=tuple(
            (mail_list, message)
            for message in messages
            for mail_list in notifications.lists
            if kept(mail_list.name) and wants((mail_list.process,), about[message.id])
        ),
        webhooks=tuple(
            (hook, message)
            for message in messages
            for hook in notifications.webhooks
            if kept(hook.channel) and wants(hook.processes, about[message.id])
        ),
        pings=tuple(f for f in feeds if f.hub and f.url and kept(ping_channel(f))),
    )
