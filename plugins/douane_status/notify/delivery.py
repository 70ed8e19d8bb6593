"""The thin adapters that send: SMTP with STARTTLS, HTTP POSTs retried with backoff, WebSub pings.

Each raises ``DeliveryError`` with a reason a person can act on; the clock is injected so tests
of the retries do not wait.
"""

from __future__ import annotations

import contextlib
import smtplib
import ssl
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from email.message import EmailMessage
from typing import Self

from .config import SmtpServer

TIMEOUT_SECONDS = 20
BACKOFF_SECONDS = (1.0, 4.0, 16.0)  # waits between attempts: four attempts in all
USER_AGENT = "douane-status-notify"
Sleep = Callable[[float], None]


class DeliveryError(Exception):
    """One message could not be delivered on one channel."""


class Mailer:
    """One SMTP session for the run: STARTTLS (certificates checked), then the login."""

    def __init__(self, server: SmtpServer) -> None:
        self.server = server
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Self:
        server = self.server
        context = ssl.create_default_context(cafile=server.ca_file)
        try:
            smtp = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT_SECONDS)
            smtp.starttls(context=context)
            smtp.login(server.user, server.password)
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(f"SMTP {server.host}:{server.port}: {_reason(exc)}") from None
        self._smtp = smtp
        return self

    def send(self, email: EmailMessage) -> None:
        if self._smtp is None:
            raise DeliveryError("no SMTP session")
        try:
            refused = self._smtp.send_message(email)
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(f"SMTP: {_reason(exc)}") from None
        if refused:
            raise DeliveryError(f"SMTP refused {', '.join(refused)}")

    def __exit__(self, *exc: object) -> None:
        if self._smtp is not None:
            # the mails are sent or reported already; a lost goodbye changes nothing
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self._smtp.quit()


def post(
    url: str,
    body: bytes,
    headers: Mapping[str, str],
    sleep: Sleep,
    backoff: Sequence[float] = BACKOFF_SECONDS,
) -> None:
    """POST ``body``; a 2xx is delivered, a 4xx (but 408 and 429) is final, others are retried."""
    attempts = len(backoff) + 1
    for attempt in range(attempts):
        request = urllib.request.Request(
            url, data=body, method="POST", headers={"User-Agent": USER_AGENT, **headers}
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                response.read()
                return
        except urllib.error.HTTPError as exc:
            reason = f"HTTP {exc.code} {exc.reason}"
            if 400 <= exc.code < 500 and exc.code not in (408, 429):
                raise DeliveryError(f"{_shown(url)}: {reason}") from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            reason = _reason(exc)
        if attempt < len(backoff):
            sleep(backoff[attempt])
    raise DeliveryError(f"{_shown(url)}: {reason} ({attempts} attempts)")


def websub_ping(hub: str, feed_url: str, sleep: Sleep) -> None:
    """Tell the hub that the feed at ``feed_url`` has new entries (WebSub's publish ping)."""
    body = urllib.parse.urlencode({"hub.mode": "publish", "hub.url": feed_url}).encode()
    post(hub, body, {"Content-Type": "application/x-www-form-urlencoded"}, sleep)


def _shown(url: str) -> str:
    """An address without its path and query: a webhook's path is often its secret."""
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/…" if parts.path.strip("/") else url


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None) or exc
    return f"{type(exc).__name__}: {reason}"
