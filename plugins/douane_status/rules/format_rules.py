"""The format rules that need a whole event or every file: OUT002 (``follows``), OUT006, OUT007.

The rules about one file's fields while it is read (OUT001-OUT005) live in ``reading``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..domain.check_messages import say
from ..domain.findings import Finding, error, warning
from ..domain.model import Event, EventType, Fallback, Update, statuses_for
from .context import (
    RuleContext,
)


def _label(update: Update) -> str:
    return say("label_update", number=update.number, line=update.line)


def check_chronology(event: Event, context: RuleContext) -> Iterable[Finding]:
    """OUT006 (format): ``end`` after ``start``; a disruption's ``start`` not after its first
    update; updates in time order; nothing after a final one; each ``next_update`` after its own
    update.

    Whether each status suits the event's type is ``check_status_allowed_for_type``.
    """
    if event.end is not None and event.end <= event.start:
        yield error(
            event.path,
            event.line_of("end"),
            "OUT006",
            say("end_before_start"),
        )
    first = event.updates[0] if event.updates else None
    if event.type is EventType.DISRUPTION and first is not None and first.at < event.start:
        # a disruption is reported after it began: a start after the first report is a wrong
        # date (a time-only start taken as the wrong day, say), and P14 would measure nothing
        yield error(
            event.path,
            event.line_of("start"),
            "OUT006",
            say("start_after_first_update", line=first.line),
        )
    for update in event.updates:
        if update.next_update is not None and update.next_update <= update.at:
            yield error(
                event.path,
                update.line,
                "OUT006",
                say("next_update_early", label=_label(update)),
            )
    for previous, update in zip(event.updates, event.updates[1:], strict=False):
        if update.at < previous.at:
            yield error(
                event.path,
                update.line,
                "OUT006",
                say("update_out_of_order", label=_label(update), previous=previous.number),
            )
        if previous.status.is_final:
            yield error(
                event.path,
                update.line,
                "OUT006",
                say(
                    "update_after_final",
                    label=_label(update),
                    previous=previous.number,
                    status=previous.status,
                ),
            )


def check_fallback_ended_after_allowed(event: Event, context: RuleContext) -> Iterable[Finding]:
    """OUT006 (format; afspraak 5: "wordt de eventuele noodprocedure beëindigd"): ``fallback:
    ended`` only on an update after one with ``fallback: allowed``.

    A procedure that was never allowed cannot end: the page would tell businesses that a fallback
    procedure they were never allowed to use "has ended".
    """
    allowed = False
    for update in event.updates:
        if update.fallback is Fallback.ENDED and not allowed:
            yield error(
                event.path,
                update.line,
                "OUT006",
                say("ended_never_allowed", label=_label(update)),
            )
        allowed = allowed or update.fallback is Fallback.ALLOWED


def check_status_allowed_for_type(event: Event, context: RuleContext) -> Iterable[Finding]:
    """OUT006 (format): each update's status is one the event's type allows.

    A known status of the other kind (``disruption`` on a maintenance) is a wrong step in the
    event's course, not an unknown value (OUT004).
    """
    allowed = statuses_for(event.type)
    for update in event.updates:
        if update.status not in allowed:
            yield error(
                event.path,
                update.line,
                "OUT006",
                say(
                    "status_not_for_type",
                    label=_label(update),
                    status=update.status,
                    type=event.type,
                    allowed=", ".join(str(s) for s in allowed),
                ),
            )


def check_follows_only_on_unplanned_maintenance(
    event: Event, context: RuleContext
) -> Iterable[Finding]:
    """OUT002 (format): ``follows`` is a field of ``unplanned-maintenance`` alone.

    Structural recovery follows a disruption (P12); on any other type the field means nothing.
    """
    if event.follows is None or event.type is EventType.UNPLANNED_MAINTENANCE:
        return
    yield error(
        event.path,
        event.line_of("follows"),
        "OUT002",
        say("follows_not_here", type=event.type),
    )


@dataclass(frozen=True)
class IdUse:
    """One outage file's use of an event id, and since when it is public (None: not yet)."""

    event_id: str
    path: str
    published: dt.datetime | None
    in_its_year: bool = True  # in the folder of the id's year (OUT009): a copy elsewhere is not


def check_unique_ids(files: Sequence[IdUse]) -> list[Finding]:
    """OUT007 (format): event ids (file names) are unique across all years.

    ``files`` holds every outage file, readable or not. Every file that shares an id is reported,
    naming the others. An id is a public address: the file published under it first keeps it (of
    two published at the same minute, a copy, the one in its year's folder), and the others are
    asked to rename; when none is published yet, all but one must be renamed. The file that keeps
    the id gets a warning, not an error: a held-back build goes on publishing it, and refuses the
    new file that took its id.
    """
    by_id: dict[str, list[IdUse]] = {}
    for use in sorted(files, key=lambda u: u.path):
        by_id.setdefault(use.event_id, []).append(use)
    findings = []
    for event_id, uses in by_id.items():
        if len(uses) < 2:
            continue
        public = [u for u in uses if u.published is not None]
        keeper = (
            min(public, key=lambda u: (u.published, not u.in_its_year, u.path)) if public else None
        )
        for use in uses:
            others = ", ".join(u.path for u in uses if u is not use)
            if keeper is None:
                advice = "every event needs its own id: rename all but one of these files"
            elif use is keeper:
                advice = (
                    "this file is published under it (its public address): keep this name and "
                    f"rename the other {'file' if len(uses) == 2 else 'files'}"
                )
            else:
                advice = (
                    f"{keeper.path} is published under it (its public address): rename this file"
                )
            report = warning if use is keeper else error
            findings.append(
                report(
                    use.path,
                    1,
                    "OUT007",
                    f"event id '{event_id}' is also used by {others}: {advice}",
                )
            )
    return findings
