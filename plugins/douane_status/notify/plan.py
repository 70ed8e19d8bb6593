"""Which message should reach which channel, and which of those a run may send now.

The pure core of a run, before anything is sent: every channel's messages (oldest first), less
what the ledger has as delivered; then the guards: a message older than 24 hours is not sent
automatically, and more undelivered messages for one channel than ``MANY`` stop the run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from .config import ALL, MailList, Notifications, Webhook
from .site_reader import SiteMessage

Processes = Callable[[SiteMessage], frozenset[str]]  # the processes a message is about
MANY = 20  # more undelivered messages than this for one channel: something is wrong
MAX_AGE = dt.timedelta(hours=24)  # older messages are news no more: never sent automatically


@dataclass(frozen=True)
class Channel:
    """An e-mail list, a webhook, or the WebSub hub (which hears of every message's feeds)."""

    name: str
    mail_list: MailList | None = None
    webhook: Webhook | None = None
    hub: str | None = None


def channels(notifications: Notifications, hub: str) -> list[Channel]:
    found = [Channel(m.name, mail_list=m) for m in notifications.lists]
    found += [Channel(h.channel, webhook=h) for h in notifications.webhooks]
    if hub:
        found.append(Channel(f"websub:{hub}", hub=hub))
    return found


def wants(chosen: Collection[str], processes: frozenset[str]) -> bool:
    """A list or webhook for ``chosen`` processes hears of a message about ``processes``."""
    return ALL in chosen or bool(processes.intersection(chosen))


def wanted(
    messages: Sequence[SiteMessage], chosen: Sequence[Channel], processes: Processes
) -> dict[str, list[SiteMessage]]:
    """Per channel, every message of the site it hears of, oldest first."""
    about = {m.id: processes(m) for m in messages}
    result: dict[str, list[SiteMessage]] = {}
    for channel in chosen:
        if channel.mail_list is not None:
            topics: Collection[str] = (channel.mail_list.process,)
        elif channel.webhook is not None:
            topics = channel.webhook.processes
        else:
            topics = (ALL,)
        result[channel.name] = [m for m in messages if wants(topics, about[m.id])]
    return result


@dataclass(frozen=True)
class Due:
    """What a run may send: per channel, the undelivered messages it sends now (oldest first),
    those too old to send automatically, and the channels with too many to send at all."""

    now: dict[str, list[SiteMessage]]
    too_old: dict[str, list[SiteMessage]]
    too_many: dict[str, int]


def due(
    wanted_by_channel: Mapping[str, Sequence[SiteMessage]],
    delivered: Callable[[str], Collection[str]],
    reference: dt.datetime,
    since: dt.datetime | None,
) -> Due:
    """Undelivered messages by channel; ``since`` (``--resend-since``) lifts the age limit for
    messages published at or after it."""
    now: dict[str, list[SiteMessage]] = {}
    too_old: dict[str, list[SiteMessage]] = {}
    for channel, messages in wanted_by_channel.items():
        done = delivered(channel)
        for message in messages:
            if message.id in done:
                continue
            recent = message.at >= reference - MAX_AGE
            chosen = recent or (since is not None and message.at >= since)
            (now if chosen else too_old).setdefault(channel, []).append(message)
    too_many = {channel: len(ms) for channel, ms in now.items() if len(ms) > MANY}
    return Due(now, too_old, too_many)
