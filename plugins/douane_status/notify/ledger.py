"""The ledger: which message reached which channel, kept between runs.

Per channel, per message: ``delivered`` (with when and by which run), or ``claimed`` by a run
that is sending it now (with the moment the claim lapses). A run claims what it is about to
send, in one atomic step, so a second run at the same time leaves it alone; it records each
message as delivered right after the channel accepted it, and releases what failed, so the next
run tries again. A claim whose run is gone (killed, or its lease over) is taken over: the
message may then reach that channel twice, with the same ``Message-ID`` and
``X-Douane-Status-Message``, so a receiver can drop the copy.

Where the ledger lives is a ``Store`` (``ledger_stores``): a folder, or a git branch. This
module holds what both share: the entries, the steps, and the retry when another run changed
the ledger between reading and writing it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import secrets
import socket
import threading
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

# channel -> message id -> entry ({"delivered": at, "run": id} or {"claimed": at, "run": id,
# "until": at})
State = dict[str, dict[str, dict[str, str]]]
Pairs = Mapping[str, Sequence[str]]  # channel -> message ids
Clock = Callable[[], dt.datetime]
T = TypeVar("T")
ATTEMPTS = 20  # reads and writes in a row that another run may overtake


class LedgerError(Exception):
    """The ledger cannot be read or written; the message says where and why."""


class Store(Protocol):
    """Where a ledger is kept."""

    description: str

    def load(self) -> tuple[State, object]:
        """The ledger as it is now, and a token ``save`` needs to tell if it changed since."""
        ...

    def save(self, before: State, after: State, token: object, note: str) -> bool:
        """Write ``after``; False when another run changed the ledger since ``load``."""
        ...

    def locked(self) -> AbstractContextManager[None]:
        """Held around each read-and-write, against other runs where the store can."""
        ...

    def alive(self, run: str) -> bool | None:
        """Whether ``run`` is still going; None when the store cannot tell (the lease decides)."""
        ...

    def start(self, run: str) -> None: ...

    def finish(self, run: str) -> None: ...


def new_run_id() -> str:
    return f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(4)}"


def stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def delivered(state: State, channel: str) -> frozenset[str]:
    """The messages the ledger has as delivered to ``channel``."""
    return frozenset(m for m, e in state.get(channel, {}).items() if "delivered" in e)


@dataclass
class Claimed:
    """What one claim got: per channel the messages this run may send now; what another live
    run is sending; and claims of runs that are gone, taken over."""

    mine: dict[str, list[str]] = field(default_factory=dict)
    busy: dict[str, list[str]] = field(default_factory=dict)
    taken_over: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # (id, run)


class Ledger:
    """One run's view of a ledger: it claims, records and releases, always re-reading first."""

    def __init__(
        self,
        store: Store,
        lease: dt.timedelta,
        clock: Clock = lambda: dt.datetime.now(dt.UTC),
        run: str | None = None,
    ) -> None:
        self.store = store
        self.lease = lease
        self.clock = clock
        self.run = run or new_run_id()
        self._pending: list[tuple[str, str, str]] = []  # (channel, message id, delivered at)
        self._flushing = False
        self._guard = threading.Lock()
        self.unrecorded: list[tuple[str, str, str]] = []  # accepted, but not written: why
        store.start(self.run)

    def read(self) -> State:
        with self.store.locked():
            return self.store.load()[0]

    def claim(self, wanted: Pairs) -> Claimed:
        """Claim each wanted message the ledger lacks and no live run is sending."""
        now = self.clock()
        until = stamp(now + self.lease)

        def step(state: State) -> Claimed:
            got = Claimed()
            for channel, ids in wanted.items():
                entries = state.setdefault(channel, {})
                for message_id in ids:
                    entry = entries.get(message_id, {})
                    if "delivered" in entry:
                        continue
                    if "claimed" in entry and entry.get("run") != self.run:
                        if self._live(entry, now):
                            got.busy.setdefault(channel, []).append(message_id)
                            continue
                        got.taken_over.setdefault(channel, []).append(
                            (message_id, entry.get("run", "?"))
                        )
                    entries[message_id] = {"claimed": stamp(now), "run": self.run, "until": until}
                    got.mine.setdefault(channel, []).append(message_id)
            return got

        return self._update(step, "claim")

    def record(self, channel: str, message_id: str) -> None:
        """``message_id`` was accepted by ``channel``: into the ledger now.

        Runs in each channel's thread; one of them writes what all have recorded, so a store
        that is slow to write (a push) is written once for many messages, not once each.
        """
        with self._guard:
            self._pending.append((channel, message_id, stamp(self.clock())))
            if self._flushing:
                return  # the thread writing now writes this one too
            self._flushing = True
        self._flush()

    def _flush(self) -> None:
        while True:
            with self._guard:
                batch, self._pending = self._pending, []
                if not batch:
                    self._flushing = False
                    return

            def step(state: State, batch: list[tuple[str, str, str]] = batch) -> None:
                for channel, message_id, at in batch:
                    state.setdefault(channel, {})[message_id] = {"delivered": at, "run": self.run}

            try:
                self._update(step, f"delivered {len(batch)} message(s)")
            except LedgerError as exc:
                self.unrecorded.extend((c, m, str(exc)) for c, m, _ in batch)

    def release(self, channel: str, message_ids: Sequence[str]) -> None:
        """Drop this run's claims of messages it did not deliver: the next run sends them."""
        if not message_ids:
            return

        def step(state: State) -> None:
            entries = state.get(channel, {})
            for message_id in message_ids:
                entry = entries.get(message_id, {})
                if "claimed" in entry and entry.get("run") == self.run:
                    del entries[message_id]

        with contextlib.suppress(LedgerError):  # a claim left behind lapses with its lease
            self._update(step, f"released {len(message_ids)} message(s)")

    def baseline(self, pairs: Pairs) -> int:
        """Record every message of ``pairs`` as delivered without sending it; how many were new."""
        at = stamp(self.clock())

        def step(state: State) -> int:
            added = 0
            for channel, ids in pairs.items():
                entries = state.setdefault(channel, {})
                for message_id in ids:
                    if "delivered" not in entries.get(message_id, {}):
                        entries[message_id] = {"delivered": at, "run": f"baseline {self.run}"}
                        added += 1
            return added

        return self._update(step, "baseline")

    def close(self) -> None:
        """Write what is still pending and let the store forget this run."""
        self._flush()
        self.store.finish(self.run)

    def _live(self, entry: Mapping[str, str], now: dt.datetime) -> bool:
        """A claim is live while its run is going and its lease not over."""
        try:
            until = dt.datetime.fromisoformat(entry.get("until", ""))
        except ValueError:
            return False
        alive = self.store.alive(entry.get("run", ""))
        return until > now and alive is not False

    def _update(self, step: Callable[[State], T], note: str) -> T:
        """Read, change and write, again from the start when another run wrote in between."""
        with self.store.locked():
            for _ in range(ATTEMPTS):
                before, token = self.store.load()
                after = _copy(before)
                result = step(after)
                if after == before or self.store.save(before, after, token, note):
                    return result
        raise LedgerError(f"{self.store.description}: other runs kept changing it; try again")


def _copy(state: State) -> State:
    return {channel: {m: dict(e) for m, e in entries.items()} for channel, entries in state.items()}
