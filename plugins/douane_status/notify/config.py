"""``content/notifications.yaml``: the e-mail lists and webhooks that hear of every new message.

The file names channels, never secrets: the SMTP server's host and login, and each webhook's
signing key (and address, when it is a secret itself, as Slack's and Teams' are), come from
environment variables the file names. See the README, "Notifications", for the format.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast, get_args

import yaml

from ..domain.errors import ConfigError
from ..domain.model import LANGUAGES, Lang

FILE = "notifications.yaml"
ALL = "all"  # a list or webhook for every process
WebhookFormat = Literal["statuspage", "slack", "teams"]
FORMATS: tuple[str, ...] = get_args(WebhookFormat)

# The SMTP server, from the environment (the publish workflow maps its secrets onto these).
SMTP_HOST = "NOTIFY_SMTP_HOST"
SMTP_PORT = "NOTIFY_SMTP_PORT"
SMTP_USER = "NOTIFY_SMTP_USER"
SMTP_PASSWORD = "NOTIFY_SMTP_PASSWORD"
SMTP_CA_FILE = "NOTIFY_SMTP_CA_FILE"  # a private CA's certificates, when the server has one
DEFAULT_SMTP_PORT = 587


@dataclass(frozen=True)
class MailList:
    """A list at the mail provider: its subscribers want one process's messages in one language."""

    address: str
    process: str  # a process id or ALL
    lang: Lang

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


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    user: str
    password: str
    ca_file: str | None


def read_notifications(content_dir: Path, processes: Collection[str]) -> Notifications:
    """The channels; none when the file is absent. ConfigError says what is wrong, and where."""
    path = content_dir / FILE
    if not path.is_file():
        return Notifications("", (), ())
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"content/{FILE} cannot be read: {exc}") from None
    return notifications_from(data or {}, processes)


def notifications_from(data: object, processes: Collection[str]) -> Notifications:
    top = _mapping(data, FILE, {"email", "webhooks"})
    email = _mapping(top.get("email") or {}, "email", {"from", "lists"})
    lists = tuple(
        _mail_list(item, f"email.lists[{n}]", processes)
        for n, item in enumerate(_sequence(email.get("lists") or [], "email.lists"))
    )
    sender = _text(email.get("from"), "email.from") if lists else str(email.get("from") or "")
    webhooks = tuple(
        _webhook(item, f"webhooks[{n}]", processes)
        for n, item in enumerate(_sequence(top.get("webhooks") or [], "webhooks"))
    )
    names = [w.name for w in webhooks]
    if len(set(names)) != len(names):
        raise ConfigError(f"{FILE}: webhook names must differ, not {', '.join(sorted(names))}")
    return Notifications(sender, lists, webhooks)


def _mail_list(item: object, where: str, processes: Collection[str]) -> MailList:
    entry = _mapping(item, where, {"address", "process", "lang"})
    address = _text(entry.get("address"), f"{where}.address")
    if "@" not in address:
        raise ConfigError(f"{FILE} {where}.address {address!r} is no e-mail address")
    return MailList(
        address=address,
        process=_process(entry.get("process"), f"{where}.process", processes),
        lang=_lang(entry.get("lang"), f"{where}.lang"),
    )


def _webhook(item: object, where: str, processes: Collection[str]) -> Webhook:
    keys = {"name", "url", "url_env", "format", "lang", "secret_env", "processes"}
    entry = _mapping(item, where, keys)
    url = entry.get("url")
    url_env = entry.get("url_env")
    if (url is None) == (url_env is None):
        raise ConfigError(f"{FILE} {where}: give either url or url_env (a secret's name)")
    if url is not None and not _text(url, f"{where}.url").startswith(("https://", "http://")):
        raise ConfigError(f"{FILE} {where}.url must start with https://")
    fmt = entry.get("format", "statuspage")
    if fmt not in FORMATS:
        raise ConfigError(f"{FILE} {where}.format must be one of {', '.join(FORMATS)}")
    secret_env = entry.get("secret_env")
    chosen = entry.get("processes", [ALL])
    return Webhook(
        name=_text(entry.get("name"), f"{where}.name"),
        url=url,
        url_env=_text(url_env, f"{where}.url_env") if url_env is not None else None,
        format=cast(WebhookFormat, fmt),
        lang=_lang(entry.get("lang"), f"{where}.lang"),
        secret_env=_text(secret_env, f"{where}.secret_env") if secret_env is not None else None,
        processes=tuple(
            _process(p, f"{where}.processes", processes)
            for p in _sequence(chosen, f"{where}.processes")
        ),
    )


def smtp_server(environ: Mapping[str, str] = os.environ) -> SmtpServer:
    """The SMTP server from the environment; ConfigError names what is missing."""
    missing = [name for name in (SMTP_HOST, SMTP_USER, SMTP_PASSWORD) if not environ.get(name)]
    if missing:
        raise ConfigError(f"e-mail needs the environment variable(s) {', '.join(missing)}")
    port = environ.get(SMTP_PORT) or str(DEFAULT_SMTP_PORT)
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ConfigError(f"{SMTP_PORT}={port!r} is no port number")
    return SmtpServer(
        host=environ[SMTP_HOST],
        port=int(port),
        user=environ[SMTP_USER],
        password=environ[SMTP_PASSWORD],
        ca_file=environ.get(SMTP_CA_FILE) or None,
    )


def webhook_url(hook: Webhook, environ: Mapping[str, str] = os.environ) -> str:
    if hook.url is not None:
        return hook.url
    url = environ.get(hook.url_env or "", "")
    if not url.startswith(("https://", "http://")):
        raise ConfigError(f"webhook {hook.name}: the environment variable {hook.url_env} is unset")
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


def _mapping(value: object, where: str, keys: set[str]) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{FILE} {where}: a mapping (name: value) was expected")
    unknown = sorted(set(map(str, value)) - keys)
    if unknown:
        known = ", ".join(sorted(keys))
        raise ConfigError(f"{FILE} {where}: unknown name(s) {', '.join(unknown)}; known: {known}")
    return value


def _sequence(value: object, where: str) -> list[object]:
    if not isinstance(value, list):
        raise ConfigError(f"{FILE} {where}: a list was expected")
    return value


def _text(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{FILE} {where}: a text was expected")
    return value.strip()


def _lang(value: object, where: str) -> Lang:
    if value not in LANGUAGES:
        raise ConfigError(f"{FILE} {where} must be one of {', '.join(LANGUAGES)}")
    return value


def _process(value: object, where: str, processes: Collection[str]) -> str:
    if value != ALL and value not in processes:
        known = ", ".join([ALL, *processes])
        raise ConfigError(f"{FILE} {where}: unknown process {value!r}; known: {known}")
    return str(value)
