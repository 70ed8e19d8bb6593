"""A run: every channel served by a thread of its own, side by side, each within the deadline.

A channel hears its messages oldest first; the first that fails stops that channel for this run
(the next would come out of order, and a receiver that hangs would make each wait again): it and
the rest stay undelivered in the ledger, and the next run tries again. Each message enters the
ledger right after its channel accepted it. A channel still busy when the run's time is up is
left behind: the run ends, and reports it.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from ..domain.errors import ConfigError
from . import compose
from .config import Notifications, smtp_server, webhook_secret, webhook_url
from .delivery import Deadline, DeliveryError, Mailer, Sleep, post, websub_ping
from .ledger import Ledger
from .plan import Channel
from .site_reader import Site, SiteMessage, entry_message

Say = Callable[[str], None]
GRACE_SECONDS = 5.0  # beyond the deadline and one step's timeout, before a channel is left
# Mail providers limit the sessions one login may hold at once: the lists share this many.
SMTP_SESSIONS = 4


@dataclass(frozen=True)
class Failure:
    channel: str
    item: str  # a message id
    reason: str


@dataclass
class Outcome:
    delivered: list[tuple[str, str]] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)


@dataclass(frozen=True)
class Sending:
    """What every channel's thread needs besides its messages."""

    site: Site
    notifications: Notifications
    ledger: Ledger
    deadline: Deadline
    sleep: Sleep
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    wall_clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)
    smtp_sessions: threading.BoundedSemaphore = field(
        default_factory=lambda: threading.BoundedSemaphore(SMTP_SESSIONS)
    )


def deliver(
    work: Mapping[str, Sequence[SiteMessage]],
    channels: Mapping[str, Channel],
    sending: Sending,
    say: Say,
) -> Outcome:
    """Send ``work`` (per channel, oldest first) on every channel at once."""
    outcome = Outcome()
    lock = threading.Lock()
    finished: set[str] = set()

    def report(line: str) -> None:
        with lock:
            say(line)

    def serve(name: str, messages: Sequence[SiteMessage]) -> None:
        channel = channels[name]
        done: list[str] = []

        def accepted(message: SiteMessage) -> None:
            sending.ledger.record(name, message.id)
            done.append(message.id)
            with lock:
                outcome.delivered.append((name, message.id))
            report(f"Sent {message.id} to {name}")

        try:
            _serve(channel, messages, sending, accepted)
        except (DeliveryError, ConfigError) as exc:
            reason = str(exc)
        else:
            reason = ""
        left = [m.id for m in messages if m.id not in done]
        with lock:
            if name in finished:
                return  # reported already, when the run's time was up
            finished.add(name)
            for number, message_id in enumerate(left):
                why = reason if number == 0 else f"not tried after {left[0]} failed"
                outcome.failed.append(Failure(name, message_id, why))
                say(f"NOT delivered: {message_id} to {name}: {why}")
        sending.ledger.release(name, left)

    threads = [
        threading.Thread(target=serve, args=(name, messages), daemon=True, name=name)
        for name, messages in work.items()
        if messages
    ]
    for thread in threads:
        thread.start()
    limit = sending.deadline.left() + sending.deadline.limits.timeout + GRACE_SECONDS
    stop = sending.deadline.clock() + max(limit, 0.0)
    for thread in threads:
        thread.join(max(0.0, stop - sending.deadline.clock()))
    with lock:
        for name, messages in work.items():
            if messages and name not in finished:
                sent = {m for c, m in outcome.delivered if c == name}
                for message in messages:
                    if message.id not in sent:
                        reason = "the receiver was still busy when the run's time was up"
                        outcome.failed.append(Failure(name, message.id, reason))
                        say(f"NOT delivered: {message.id} to {name}: {reason}")
                finished.add(name)  # a late answer is recorded, but reported no more
    return outcome


def _serve(
    channel: Channel,
    messages: Sequence[SiteMessage],
    sending: Sending,
    accepted: Callable[[SiteMessage], None],
) -> None:
    """Deliver in order; raises at the first message the channel did not take."""
    if channel.mail_list is not None:
        mail_list = channel.mail_list
        if not sending.smtp_sessions.acquire(timeout=max(0.0, sending.deadline.left())):
            raise DeliveryError("no SMTP session came free before the run's time was up")
        try:
            with Mailer(smtp_server(sending.environ), sending.deadline) as mailer:
                for message in messages:
                    sender = sending.notifications.sender
                    mailer.send(compose.mail(message, mail_list, sender, sending.wall_clock()))
                    accepted(message)
        finally:
            sending.smtp_sessions.release()
    elif channel.webhook is not None:
        hook = channel.webhook
        url = webhook_url(hook, sending.environ)
        secret = webhook_secret(hook, sending.environ)
        for message in messages:
            body = compose.webhook_body(message, hook, sending.site.status[hook.lang])
            headers = {"Content-Type": "application/json", compose.MESSAGE_HEADER: message.id}
            if secret is not None:
                headers[compose.SIGNATURE_HEADER] = compose.signature(body, secret)
            post(url, body, headers, sending.sleep, sending.deadline)
            accepted(message)
    elif channel.hub is not None:
        _ping(channel.hub, messages, sending, accepted)


def _ping(
    hub: str,
    messages: Sequence[SiteMessage],
    sending: Sending,
    accepted: Callable[[SiteMessage], None],
) -> None:
    """Ping the hub for every feed that holds one of the messages; a message is delivered when
    every feed holding it was pinged (a feed holds only the newest: one in none is done)."""
    ids = {m.id for m in messages}
    feeds = {
        path: {entry_message(e) for e in feed.entries} & ids
        for path, feed in sorted(sending.site.feeds.items())
        if feed.hub == hub and feed.url
    }
    pinged: set[str] = set()
    failure: DeliveryError | None = None
    for path, held in feeds.items():
        if not held:
            continue
        try:
            websub_ping(hub, sending.site.feeds[path].url, sending.sleep, sending.deadline)
        except DeliveryError as exc:
            failure = failure or DeliveryError(f"{path}: {exc}")
            continue
        pinged.add(path)
    for message in messages:
        holding = [path for path, held in feeds.items() if message.id in held]
        if all(path in pinged for path in holding):
            accepted(message)
    if failure is not None:
        raise failure
