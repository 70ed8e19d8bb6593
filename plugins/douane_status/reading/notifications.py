"""``content/notifications.yaml`` read into the channels model (``domain.notifications``).

A wrong name or value is a ``ConfigError`` that says what is wrong and where; the catalogue
reports it as a finding (the subscribe pages list the e-mail lists), ``invoke notify`` stops
with exit status 2 before it sends anything. See the README, "Notifications", for the format.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any, cast

import yaml

from ..domain.errors import ConfigError
from ..domain.model import LANGUAGES, Lang
from ..domain.notifications import (
    ALL,
    FORMATS,
    MailList,
    Notifications,
    Webhook,
    WebhookFormat,
)

FILE = "notifications.yaml"
# What a list service offers for joining and leaving: a mail to send, or a page (RFC 8058's
# one-click unsubscribe needs https).
LINK_SCHEMES = ("mailto:", "https://")


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
    addresses = [m.address for m in lists]
    if len(set(addresses)) != len(addresses):
        raise ConfigError(f"{FILE}: each e-mail list once, not {', '.join(sorted(addresses))}")
    webhooks = tuple(
        _webhook(item, f"webhooks[{n}]", processes)
        for n, item in enumerate(_sequence(top.get("webhooks") or [], "webhooks"))
    )
    names = [w.name for w in webhooks]
    if len(set(names)) != len(names):
        raise ConfigError(f"{FILE}: webhook names must differ, not {', '.join(sorted(names))}")
    return Notifications(sender, lists, webhooks)


def _mail_list(item: object, where: str, processes: Collection[str]) -> MailList:
    entry = _mapping(item, where, {"address", "process", "lang", "subscribe", "unsubscribe"})
    address = _text(entry.get("address"), f"{where}.address")
    if "@" not in address:
        raise ConfigError(f"{FILE} {where}.address {address!r} is no e-mail address")
    return MailList(
        address=address,
        process=_process(entry.get("process"), f"{where}.process", processes),
        lang=_lang(entry.get("lang"), f"{where}.lang"),
        subscribe=_links(entry.get("subscribe"), f"{where}.subscribe"),
        unsubscribe=_links(entry.get("unsubscribe"), f"{where}.unsubscribe"),
    )


def _links(value: object, where: str) -> tuple[str, ...]:
    """One address or a list of them, each ``mailto:`` or ``https://``."""
    if value is None:
        return ()
    links = [value] if isinstance(value, str) else _sequence(value, where)
    found = tuple(_text(link, where) for link in links)
    for link in found:
        if not link.startswith(LINK_SCHEMES) or any(c in link for c in " <>,"):
            raise ConfigError(
                f"{FILE} {where}: {link!r} is no mailto: or https:// address "
                "(e.g. mailto:douane-status-transit-join@lists.example.org)"
            )
    return found


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
