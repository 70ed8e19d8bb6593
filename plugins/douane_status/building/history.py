"""A file's earlier versions from git history, newest first, read with the ``git`` command."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_VERSIONS = 200  # how far back to look for a version that checks clean


@dataclass(frozen=True)
class Version:
    commit: str
    date: str  # the commit's date, ISO 8601
    subject: str  # the commit message's first line
    text: bytes

    @property
    def short(self) -> str:
        return self.commit[:10]


class NoHistory(Exception):
    """There is no git history to look in: no git, or the folder is not in a repository."""


def _git(folder: Path, *arguments: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(folder), *arguments], capture_output=True, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise NoHistory(f"git cannot be run: {exc}") from None


def versions(path: Path) -> Iterator[Version]:
    """Each committed version of ``path``, from the newest commit that changed it back; a
    commit that deleted it is skipped, as is a version the same as a newer one."""
    found = _git(path.parent, "rev-parse", "--show-toplevel")
    if found.returncode != 0:
        raise NoHistory(found.stderr.decode(errors="replace").strip() or "not a git repository")
    folder = Path(found.stdout.decode().strip()).resolve()
    name = path.resolve().relative_to(folder).as_posix()
    log = _git(
        folder, "log", f"-n{MAX_VERSIONS}", "--no-renames", "--format=%H%x00%cI%x00%s", "--", name
    )
    if log.returncode != 0:  # e.g. a repository without any commit yet
        return
    seen: set[bytes] = set()
    for line in log.stdout.decode(errors="replace").splitlines():
        commit, date, subject = line.split("\0", 2)
        shown = _git(folder, "cat-file", "blob", f"{commit}:{name}")
        if shown.returncode != 0 or shown.stdout in seen:
            continue
        seen.add(shown.stdout)
        yield Version(commit, date, subject, shown.stdout)
