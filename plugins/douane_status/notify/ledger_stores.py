"""Where a ledger is kept: a folder, or a branch of a git repository.

Both hold one JSON file per channel, named after it. A folder is written under an exclusive
lock (``flock``), each file replaced whole (written beside it, synced, renamed), so two runs at
once and a run killed at any instant leave every file whole. A branch is written as commits made
with git's plumbing (no checkout, no index) and pushed without force: a rejected push means
another run was first, and the ledger reads the branch again.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO
from urllib.parse import quote

from .ledger import LedgerError, State

SUFFIX = ".json"
LOCK = ".lock"
RUNS = ".runs"
GIT_TIMEOUT_SECONDS = 60
FETCH_ATTEMPTS = 3  # a branch another run makes between a fetch and a look is fetched again
IDENTITY = {
    "GIT_AUTHOR_NAME": "douane-status notify",
    "GIT_AUTHOR_EMAIL": "notify@douane-status.invalid",
    "GIT_COMMITTER_NAME": "douane-status notify",
    "GIT_COMMITTER_EMAIL": "notify@douane-status.invalid",
}


def file_name(channel: str) -> str:
    """The channel's file: its name with every character a file name cannot hold escaped."""
    return quote(channel, safe="@.-_+") + SUFFIX


def channel_file(channel: str, entries: dict[str, dict[str, str]]) -> bytes:
    data = {"channel": channel, "messages": entries}
    return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()


def read_channel(name: str, data: bytes) -> tuple[str, dict[str, dict[str, str]]]:
    try:
        value = json.loads(data)
        channel, messages = value["channel"], value["messages"]
        if not isinstance(channel, str) or not isinstance(messages, dict):
            raise TypeError("channel and messages")
        return channel, {
            str(m): {str(k): str(v) for k, v in e.items()} for m, e in messages.items()
        }
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise LedgerError(f"{name} is no ledger file ({exc}); nothing was sent") from None


class FolderStore:
    """A ledger in a folder of this machine (or one all runs share with working locks)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.description = f"the ledger {root}"
        self._runs: dict[str, IO[bytes]] = {}
        self._threads = threading.Lock()  # flock is per open file: threads of one run queue here
        try:
            (root / RUNS).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LedgerError(f"{self.description} cannot be made: {exc.strerror}") from None

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        with self._threads, open(self.root / LOCK, "a+b") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def load(self) -> tuple[State, object]:
        state: State = {}
        try:
            for path in sorted(self.root.glob("*" + SUFFIX)):
                channel, entries = read_channel(str(path), path.read_bytes())
                state[channel] = entries
        except OSError as exc:
            raise LedgerError(f"{self.description} cannot be read: {exc.strerror}") from None
        return state, None

    def save(self, before: State, after: State, token: object, note: str) -> bool:
        for channel, entries in sorted(after.items()):
            if before.get(channel) != entries:
                self._replace(self.root / file_name(channel), channel_file(channel, entries))
        return True

    def _replace(self, target: Path, data: bytes) -> None:
        """Write the whole file beside its place, make it durable, then rename it there."""
        try:
            handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self.root)
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(data)
                    file.flush()
                    os.fsync(file.fileno())
                os.replace(temporary, target)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
            directory = os.open(self.root, os.O_RDONLY)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)
        except OSError as exc:
            raise LedgerError(f"{target} cannot be written: {exc.strerror}") from None

    def alive(self, run: str) -> bool | None:
        """A run holds a lock on its own file while it lives; the kernel lets go when it dies."""
        if run in self._runs:
            return True
        path = self.root / RUNS / (quote(run, safe="") + LOCK)
        try:
            with open(path, "rb") as file:
                try:
                    fcntl.flock(file, fcntl.LOCK_SH | fcntl.LOCK_NB)
                except OSError as exc:
                    if exc.errno in (errno.EAGAIN, errno.EACCES):
                        return True
                    raise
                return False
        except FileNotFoundError:
            return False

    def start(self, run: str) -> None:
        path = self.root / RUNS / (quote(run, safe="") + LOCK)
        try:
            file = open(path, "wb")  # noqa: SIM115 - held open for the whole run
            fcntl.flock(file, fcntl.LOCK_EX)
        except OSError as exc:
            raise LedgerError(f"{self.description} cannot be written: {exc.strerror}") from None
        self._runs[run] = file

    def finish(self, run: str) -> None:
        file = self._runs.pop(run, None)
        if file is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.root / RUNS / (quote(run, safe="") + LOCK))
            file.close()


class GitStore:
    """A ledger on a branch of a git repository's remote, read and pushed by every run."""

    def __init__(self, repo: Path, branch: str, remote: str = "origin") -> None:
        self.repo = repo
        self.branch = branch
        self.remote = remote
        self.description = f"the ledger branch {branch} of {remote}"
        self._lock = threading.Lock()
        self._ref = ""

    def locked(self) -> contextlib.AbstractContextManager[None]:
        return self._lock_context()

    @contextlib.contextmanager
    def _lock_context(self) -> Iterator[None]:
        with self._lock:
            yield

    def _git(self, *args: str, data: bytes | None = None, check: bool = True) -> str:
        try:
            done = subprocess.run(
                ["git", "-C", str(self.repo), *args],
                input=data,
                capture_output=True,
                timeout=GIT_TIMEOUT_SECONDS,
                env={**os.environ, **IDENTITY, "GIT_TERMINAL_PROMPT": "0"},
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise LedgerError(f"{self.description}: git {args[0]}: {exc}") from None
        if check and done.returncode != 0:
            error = done.stderr.decode(errors="replace").strip().splitlines()
            raise LedgerError(f"{self.description}: git {args[0]}: {' '.join(error[-2:])}")
        return done.stdout.decode(errors="replace")

    def load(self) -> tuple[State, object]:
        refspec = f"+refs/heads/{self.branch}:{self._ref}"
        for attempt in range(FETCH_ATTEMPTS):
            try:
                self._git("fetch", "--quiet", "--no-tags", self.remote, refspec)
                break
            except LedgerError as exc:
                if "couldn't find remote ref" not in str(exc) or attempt == FETCH_ATTEMPTS - 1:
                    raise
                if not self._head():
                    return {}, None  # no ledger yet: the first push makes the branch
                # another run made the branch between the fetch and the look: fetch it
        commit = self._git("rev-parse", self._ref).strip()
        state: State = {}
        for line in self._git("ls-tree", commit).splitlines():
            mode_type_blob, _, name = line.partition("\t")
            if not name.endswith(SUFFIX):
                continue
            blob = mode_type_blob.split()[2]
            channel, entries = read_channel(name, self._git("cat-file", "blob", blob).encode())
            state[channel] = entries
        return state, commit

    def save(self, before: State, after: State, token: object, note: str) -> bool:
        lines = []
        for channel, entries in sorted(after.items()):
            blob = self._git("hash-object", "-w", "--stdin", data=channel_file(channel, entries))
            lines.append(f"100644 blob {blob.strip()}\t{file_name(channel)}\n")
        tree = self._git("mktree", data="".join(lines).encode()).strip()
        parents = ["-p", str(token)] if token else []
        commit = self._git("commit-tree", tree, *parents, "-m", f"notify: {note}").strip()
        done = subprocess.run(
            ["git", "-C", str(self.repo), "push", "--quiet", "--porcelain", self.remote,
             f"{commit}:refs/heads/{self.branch}"],
            capture_output=True, timeout=GIT_TIMEOUT_SECONDS, check=False,
            env={**os.environ, **IDENTITY, "GIT_TERMINAL_PROMPT": "0"},
        )  # fmt: skip
        if done.returncode == 0:
            return True
        said = (done.stdout + done.stderr).decode(errors="replace")
        racing = any(w in said for w in ("cannot lock ref", "failed to update ref", "fetch first"))
        if "rejected" in said and (racing or self._head() != (token or "")):
            return False  # another run pushed first (or is pushing): read again
        raise LedgerError(f"{self.description}: git push: {' '.join(said.split()[-12:])}")

    def _head(self) -> str:
        heads = self._git("ls-remote", "--heads", self.remote, f"refs/heads/{self.branch}")
        return heads.split()[0] if heads.strip() else ""

    def alive(self, run: str) -> bool | None:
        return None  # runs on other machines: their claims' leases decide

    def start(self, run: str) -> None:
        self._ref = f"refs/notify-ledger/{run}"

    def finish(self, run: str) -> None:
        self._git("update-ref", "-d", self._ref, check=False)


def open_store(place: str, repo: Path) -> FolderStore | GitStore:
    """``git:BRANCH`` (of ``repo``'s remote origin) or a folder (relative to ``repo``, the
    project, as ``--site`` is)."""
    if place.startswith("git:"):
        branch = place.removeprefix("git:")
        if not branch or branch.startswith("-") or " " in branch:
            raise LedgerError(f"--ledger {place}: name a branch, e.g. git:notify-ledger")
        return GitStore(repo, branch)
    folder = Path(place)
    return FolderStore(folder if folder.is_absolute() else repo / folder)
