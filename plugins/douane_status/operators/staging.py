"""Check a file's new text before it replaces the old one, then replace it atomically.

A task never leaves a half-written file: the candidate is checked in a copy of the content folder
(the checker sees every other event too, for ids and ``follows`` links), and only a text without
errors is written, through a temporary file in the same folder that is synced and renamed over
the target in one step.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

from ..domain.config import StatusSettings
from ..domain.findings import Finding
from ..rules.content import load_content


def check_candidate(
    content_dir: Path,
    root: Path,
    target: Path,
    text: str,
    settings: StatusSettings,
    now: dt.datetime,
) -> tuple[Finding, ...]:
    """The checker's findings for ``target`` if it held ``text``; nothing real is touched."""
    content_dir = content_dir.resolve()
    root = root.resolve()
    inside = content_dir.relative_to(root) if content_dir.is_relative_to(root) else Path("content")
    relative = target.resolve().relative_to(content_dir)
    with tempfile.TemporaryDirectory(prefix="douane-check-") as scratch:
        staged_root = Path(scratch)
        staged_content = staged_root / inside
        shutil.copytree(content_dir, staged_content, ignore=shutil.ignore_patterns(".*"))
        staged = staged_content / relative
        staged.parent.mkdir(parents=True, exist_ok=True)
        staged.write_bytes(text.encode("utf-8"))
        checked = load_content(staged_content, settings, now, root=staged_root, only=[staged])
    return checked.findings


def write_atomic(path: Path, text: str) -> None:
    """Replace (or create) ``path`` with ``text`` so that readers see the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: not every file system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
