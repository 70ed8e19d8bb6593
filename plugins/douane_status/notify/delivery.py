"""The thin adapters that send: SMTP with STARTTLS, HTTP POSTs retried with backoff, WebSub pings.

Each raises ``DeliveryError`` with a reason a person can act on. Every wait is bounded: each
network step by ``Limits.timeout``, and everything by the run's deadline, so a receiver that
hangs costs its own channel some seconds and no other channel anything. Sleep and the clock are
injected so tests of the retries do not wait.
"""

from __future__ import annotations

import contextlib
import smtplib
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Self

from .config import SmtpServer

USER_AGENT = "douane-status-notify"
Sleep = Callable[[float], None]
Clock = Callable[[], float]  # monotonic seconds


@dataclass(frozen=True)
class Limits:
    """How long a run may wait: per network step, between a webhook's attempts, in all."""

    timeout: float = 10.0  # connecting, and each read or write, of one attempt
    backoff: tuple[float, ...] = (1.0, 4.0, 16.0)  # waits between attempts: four in all
    deadline: float = 90.0  # after this no attempt starts; a run ends within about two minutes


class DeliveryError(Exception):
    """One message could not be delivered on one channel."""


class Deadline:
    """The moment, on the monotonic clock, after which a run starts nothing more."""

    def __init__(self, limits: Limits, clock: Clock = time.monotonic) -> None:
        self.limits = limits
        self.clock = clock
        self.at = clock() + limits.deadline

    def left(self) -> float:
        return self.at - self.clock()

    def timeout(self) -> float:
        """The time one network step may take: the limit, or what is left of the run."""
        left = self.left()
        if left <= 0:
            raise DeliveryError("the run's time is up; the next run sends it")
        return max(0.5, min(self.limits.timeout, left))


class Mailer:
    """One SMTP session: STARTTLS (certificates checked), then the login."""

    def __init__(self, server: SmtpServer, deadline: Deadline) -> None:
        self.server = server
        self.deadline = deadline
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> Self:
        server = self.server
        context = ssl.create_default_context(cafile=server.ca_file)
        try:
            smtp = smtplib.SMTP(server.host, server.port, timeout=self.deadline.timeout())
            smtp.starttls(context=context)
            smtp.login(server.user, server.password)
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(f"SMTP {server.host}:{server.port}: {_reason(exc)}") from None
        self._smtp = smtp
        return self

    def send(self, email: EmailMessage) -> None:
        if self._smtp is None:
            raise DeliveryError("no SMTP session")
        if self._smtp.sock is not None:
            self._smtp.sock.settimeout(self.deadline.timeout())
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
                if self._smtp.sock is not None:
                    self._smtp.sock.settimeout(self.deadline.limits.timeout)
                self._smtp.quit()


def post(
    url: str, body: bytes, headers: Mapping[str, str], sleep: Sleep, deadline: Deadline
) -> None:
    """POST ``body``; a 2xx is delivered, a 4xx (but 408 and 429) is final, others are retried
    after the waits of ``Limits.backoff`` while the run has time for them."""
    backoff = deadline.limits.backoff
    attempts = 0
    for attempt in range(len(backoff) + 1):
        request = urllib.request.Request(
            url, data=body, method="POST", headers={"User-Agent": USER_AGENT, **headers}
        )
        attempts += 1
        try:
            with urllib.request.urlopen(request, timeout=deadline.timeout()) as response:
                response.read()
                return
        except urllib.error.HTTPError as exc:
            reason = f"HTTP {exc.code} {exc.reason}"
            if 400 <= exc.code < 500 and exc.code not in (408, 429):
                raise DeliveryError(f"{_shown(url)}: {reason}") from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            reason = _reason(exc)
        if attempt == len(backoff) or deadline.left() <= backoff[attempt]:
            break
        sleep(backoff[attempt])
    raise DeliveryError(f"{_shown(url)}: {reason} ({attempts} attempt(s))")


def websub_ping(hub: str, feed_url: str, sleep: Sleep, deadline: Deadline) -> None:
    """Tell the hub that the feed at ``feed_url`` has new entries (WebSub's publish ping)."""
    body = urllib.parse.urlencode({"hub.mode": "publish", "hub.url": feed_url}).encode()
    post(hub, body, {"Content-Type": "application/x-www-form-urlencoded"}, sleep, deadline)


def _shown(url: str) -> str:
    """An address without its path and query: a webhook's path is often its secret."""
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/…" if parts.path.strip("/") else url


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None) or exc
    return f"{type(exc).__name__}: {reason}"
