"""The options of the task ``notify``.

Kept apart from the task itself so that the command line can list every option without importing
what sending needs (e-mail, HTTP, XML).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.options import option


@dataclass(frozen=True)
class NotifyOptions:
    """Send every message of the built site that the ledger does not have as delivered to the
    lists and webhooks of content/notifications.yaml, and ping the WebSub hub for its feeds."""

    site: str = option("the built site (default: output), built with --publish", "output")
    ledger: str | None = option(
        "where deliveries are recorded: a folder, or git:BRANCH of the remote origin",
        metavar="PLACE",
    )
    baseline: bool = option(
        "record every message of the site as delivered, sending nothing (first deploy, a new "
        "channel)",
        False,
    )
    dry_run: bool = option("only list what would be sent", False)
    resend_since: str | None = option(
        "also send undelivered messages published at or after this moment that are older "
        "than 24 hours"
    )
    channel: tuple[str, ...] = option(
        "only this channel, as a report names it, e.g. webhook:NAME (repeatable)", ()
    )
    allow_many: bool = option("send even when a channel has more than 20 messages due", False)
    now: str | None = option(
        "the moment the 24-hour limit counts back from (default: when the site was built)"
    )
    timeout: int = option("seconds one network step may take (default: 10)", 10)
    deadline: int = option("seconds after which no attempt starts (default: 90)", 90)
