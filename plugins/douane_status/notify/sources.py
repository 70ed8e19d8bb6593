"""Where a site is read from: a folder, or its address over HTTPS; and a saved copy of it.

The live site is read before the deploy (``--save-live``) because after it the live site has the
new messages too; the saved copy is read like any built folder afterwards.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

from .site_reader import Reader

TIMEOUT_SECONDS = 30
USER_AGENT = "douane-status-notify"


class SourceError(OSError):
    """The live site could not be read (not: a file it does not have)."""


def folder_reader(root: Path) -> Reader:
    def read(path: str) -> bytes | None:
        file = root / path
        return file.read_bytes() if file.is_file() else None

    return read


def url_reader(base: str) -> Reader:
    """Files below ``base`` over HTTP(S): a 404 is a file the site lacks, anything else fails."""
    base = base.rstrip("/") + "/"

    def read(path: str) -> bytes | None:
        # Not a cached copy: an older live site than the real one would resend what it lacks.
        headers = {"User-Agent": USER_AGENT, "Cache-Control": "no-cache"}
        request = urllib.request.Request(base + path, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                data: bytes = response.read()
                return data
        except urllib.error.HTTPError as exc:
            if exc.code in (404, 410):
                return None
            raise SourceError(f"{base}{path}: HTTP {exc.code} {exc.reason}") from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            reason = getattr(exc, "reason", exc)
            raise SourceError(f"{base}{path}: {reason}") from None

    return read


def site_reader(location: str) -> Reader:
    """An address (http:// or https://) or a folder."""
    if location.startswith(("https://", "http://")):
        return url_reader(location)
    return folder_reader(Path(location))


def files_below(root: Path, folder: str) -> list[str]:
    """The files in ``folder`` of a built site, as paths relative to the site."""
    return sorted(p.relative_to(root).as_posix() for p in (root / folder).rglob("*") if p.is_file())


def save_copy(read: Reader, paths: list[str], into: Path) -> int:
    """Write each of ``paths`` the site has into ``into``; returns how many it had."""
    saved = 0
    for path in paths:
        data = read(path)
        if data is None:
            continue
        target = into / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        saved += 1
    return saved
