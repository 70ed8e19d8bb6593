"""A run: the plan carried out channel by channel; a failing channel stops none of the others.

What was not delivered is returned, by message and channel, for the command to report and for
``--resend-since`` to send again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..domain.errors import ConfigError
from . import compose
from .config import Notifications, smtp_server, webhook_secret, webhook_url
from .delivery import DeliveryError, Mailer, Sleep, post, websub_ping
from .plan import Plan, ping_channel
from .site_reader import Site

Say = Callable[[str], None]


@dataclass(frozen=True)
class Failure:
    channel: str
    item: str  # a message id, or a feed's path
    reason: str


@dataclass
class Outcome:
    delivered: list[tuple[str, str]] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)


def carry_out(
    the_plan: Plan,
    built: Site,
    notifications: Notifications,
    sleep: Sleep,
    say: Say,
    environ: Mapping[str, str] = os.environ,
) -> Outcome:
    outcome = Outcome()
    _mails(the_plan, notifications, environ, outcome, say)
    _webhooks(the_plan, built, environ, sleep, outcome, say)
    for feed in the_plan.pings:
        channel = ping_channel(feed)
        try:
            websub_ping(str(feed.hub), feed.url, sleep)
        except DeliveryError as exc:
            _failed(outcome, say, Failure(channel, feed.path, str(exc)))
        else:
            _delivered(outcome, say, channel, feed.path)
    return outcome


def _mails(
    the_plan: Plan,
    notifications: Notifications,
    environ: Mapping[str, str],
    outcome: Outcome,
    say: Say,
) -> None:
    if not the_plan.mails:
        return
    try:
        with Mailer(smtp_server(environ)) as mailer:
            for mail_list, message in the_plan.mails:
                try:
                    mailer.send(compose.mail(message, mail_list, notifications.sender))
                except DeliveryError as exc:
                    _failed(outcome, say, Failure(mail_list.name, message.id, str(exc)))
                else:
                    _delivered(outcome, say, mail_list.name, message.id)
    except (ConfigError, DeliveryError) as exc:  # no session: every mail not sent yet fails
        done = {(f.channel, f.item) for f in outcome.failed} | set(outcome.delivered)
        for mail_list, message in the_plan.mails:
            if (mail_list.name, message.id) not in done:
                _failed(outcome, say, Failure(mail_list.name, message.id, str(exc)))


def _webhooks(
    the_plan: Plan,
    built: Site,
    environ: Mapping[str, str],
    sleep: Sleep,
    outcome: Outcome,
    say: Say,
) -> None:
    for hook, message in the_plan.webhooks:
        try:
            url = webhook_url(hook, environ)
            secret = webhook_secret(hook, environ)
            body = compose.webhook_body(message, hook, built.status[hook.lang])
            headers = {"Content-Type": "application/json", compose.MESSAGE_HEADER: message.id}
            if secret is not None:
                headers[compose.SIGNATURE_HEADER] = compose.signature(body, secret)
            post(url, body, headers, sleep)
        except (ConfigError, DeliveryError) as exc:
            _failed(outcome, say, Failure(hook.channel, message.id, str(exc)))
        else:
            _delivered(outcome, say, hook.channel, message.id)


def _delivered(outcome: Outcome, say: Say, channel: str, item: str) -> None:
    outcome.delivered.append((channel, item))
    say(f"Sent {item} to {channel}")


def _failed(outcome: Outcome, say: Say, failure: Failure) -> None:
    outcome.failed.append(failure)
    say(f"NOT delivered: {failure.item} to {failure.channel}: {failure.reason}")
