"""What sending needs besides ``content/notifications.yaml``: the secrets, from the environment.

The file (read by ``reading.notifications``) names channels, never secrets: the SMTP server's
host and login, and each webhook's signing key (and address, when it is a secret itself, as
Slack's and Teams' are), come from environment variables the file names. ``missing_secrets``
checks every one of them before the first send.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from ..domain.errors import ConfigError
from ..domain.notifications import ALL, MailList, Notifications, Webhook
from ..reading.notifications import FILE, notifications_from, read_notifications

__all__ = [
    "ALL",
    "FILE",
    "MailList",
    "Notifications",
    "SmtpServer",
    "Webhook",
    "missing_secrets",
    "notifications_from",
    "read_notifications",
    "smtp_server",
    "webhook_secret",
    "webhook_url",
]

# The SMTP server, from the environment (the publish workflow maps its secrets onto these).
SMTP_HOST = "NOTIFY_SMTP_HOST"
SMTP_PORT = "NOTIFY_SMTP_PORT"
SMTP_USER = "NOTIFY_SMTP_USER"
SMTP_PASSWORD = "NOTIFY_SMTP_PASSWORD"
SMTP_CA_FILE = "NOTIFY_SMTP_CA_FILE"  # a private CA's certificates, when the server has one
DEFAULT_SMTP_PORT = 587


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    user: str
    password: str
    ca_file: str | None


def smtp_server(environ: Mapping[str, str] = os.environ) -> SmtpServer:
    """The SMTP server from the environment; ConfigError names what is missing."""
    missing = [name for name in (SMTP_HOST, SMTP_USER, SMTP_PASSWORD) if not environ.get(name)]
    if missing:
        raise ConfigError(f"e-mail needs the environment variable(s) {', '.join(missing)}")
    port = environ.get(SMTP_PORT) or str(DEFAULT_SMTP_PORT)
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ConfigError(f"{SMTP_PORT}={port!r} is no port number")
    ca_file = environ.get(SMTP_CA_FILE) or None
    if ca_file is not None and not os.path.isfile(ca_file):
        raise ConfigError(f"{SMTP_CA_FILE}={ca_file!r} is no file")
    return SmtpServer(
        host=environ[SMTP_HOST],
        port=int(port),
        user=environ[SMTP_USER],
        password=environ[SMTP_PASSWORD],
        ca_file=ca_file,
    )


def webhook_url(hook: Webhook, environ: Mapping[str, str] = os.environ) -> str:
    if hook.url is not None:
        return hook.url
    url = environ.get(hook.url_env or "", "")
    if not url:
        raise ConfigError(f"webhook {hook.name}: the environment variable {hook.url_env} is unset")
    if not url.startswith(("https://", "http://")):
        raise ConfigError(
            f"webhook {hook.name}: the environment variable {hook.url_env} is no https:// address"
        )
    return url


def webhook_secret(hook: Webhook, environ: Mapping[str, str] = os.environ) -> bytes | None:
    if hook.secret_env is None:
        return None
    secret = environ.get(hook.secret_env, "")
    if not secret:
        raise ConfigError(
            f"webhook {hook.name}: the environment variable {hook.secret_env} is unset"
        )
    return secret.encode("utf-8")


def missing_secrets(
    notifications: Notifications, channels: Collection[str], environ: Mapping[str, str]
) -> list[str]:
    """Every secret or address the chosen ``channels`` need and the environment lacks."""
    problems = []
    if any(m.name in channels for m in notifications.lists):
        try:
            smtp_server(environ)
        except ConfigError as exc:
            problems.append(str(exc))
        if "@" not in notifications.sender:
            problems.append(f"{FILE}: email.from names no sender address")
    for hook in notifications.webhooks:
        if hook.channel not in channels:
            continue
        for check in (webhook_url, webhook_secret):
            try:
                check(hook, environ)
            except ConfigError as exc:
                problems.append(str(exc))
    return problems
