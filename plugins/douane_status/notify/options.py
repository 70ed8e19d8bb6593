"""The options of the task ``notify``.

Kept apart from the task itself so that the command line can list every option without importing
what sending needs (e-mail, HTTP, XML).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.options import option


@dataclass(frozen=True)
class NotifyOptions:
    """Send every message the live site does not have yet to the lists and webhooks of
    content/notifications.yaml, and ping the WebSub hub of every changed feed."""

    site: str = option("the newly built site (default: output)", "output")
    live: str | None = option(
        "the live site as read before the deploy: its address, or a folder --save-live wrote"
    )
    save_live: str | None = option(
        "only read the live site (--live) into this folder, before the deploy, and stop"
    )
    dry_run: bool = option("only list what would be sent", False)
    resend_since: str | None = option(
        "send again each message of --site published at or after this moment (no --live)"
    )
    channel: tuple[str, ...] = option(
        "only this channel, as a report names it, e.g. webhook:NAME (repeatable)", ()
    )
