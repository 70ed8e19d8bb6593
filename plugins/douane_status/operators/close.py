"""``invoke close``: the final update, which ends the fallback procedure and, after a disruption
with the fallback procedure, adds the instructions for submitted and buffered messages (P11)."""

from __future__ import annotations

import datetime as dt

from ..domain.errors import UsageError
from ..domain.model import Event, EventType, Fallback, Status, Text, statuses_for
from . import authoring as a
from .options import CloseOptions
from .workspace import (
    CurrentEvent,
    Outcome,
    Workspace,
    both_languages,
    choice,
    current_event,
    update_moment,
)


def close_event(ws: Workspace, options: CloseOptions, now: dt.datetime) -> Outcome:
    """Append the final update when the checker finds no errors in the result."""
    current = current_event(ws, options.event, now)
    if isinstance(current, Outcome):
        return current
    event = current.event
    status = _final_status(event, options.status)
    at = update_moment(current, now, ws.tz)
    was_allowed = any(u.fallback is Fallback.ALLOWED for u in event.updates)
    # 'ended' only after an 'allowed' (OUT006), and only while the procedure is still allowed
    fallback = Fallback.ENDED if _fallback_in_force(event) else None
    values = ws.values(event.systems, start=event.start, end=at, at=at)
    text = both_languages("", options.nl, options.en)
    if text is None:
        parts = [ws.phrases.fill("statuses", status, values)]
        if fallback is not None:
            parts.append(ws.phrases.fill("fallback", fallback, values))
        text = a.join_texts(parts)
    final = a.NewUpdate(at, status, text, fallback=fallback)
    new_text = a.append_update(current.text, final, ws.tz, current.shown)
    new_text, notes = _buffered_messages(ws, current, options, values, new_text, was_allowed)
    if fallback is not None:
        notes.append("The fallback procedure is ended in the final update (fallback: ended).")
    return ws.commit(current.path, new_text, now, notes)


def _fallback_in_force(event: Event) -> bool:
    """Whether the fallback procedure was allowed and no update after the last ``allowed`` has
    ended it (what P11 asks the end of a disruption to do)."""
    allowed = [i for i, u in enumerate(event.updates) if u.fallback is Fallback.ALLOWED]
    if not allowed:
        return False
    return not any(u.fallback is Fallback.ENDED for u in event.updates[allowed[-1] + 1 :])


def _final_status(event: Event, given: str | None) -> Status:
    finals = tuple(s for s in statuses_for(event.type) if s.is_final)
    default = Status.RESOLVED if event.type is EventType.DISRUPTION else Status.COMPLETED
    status = Status(choice("--status", given, finals)) if given else default
    if status is Status.NO_FAULT and any(
        u.status is not Status.INVESTIGATING for u in event.updates
    ):
        raise UsageError(
            "no-fault is only for an event whose every update is 'investigating' (P13): a "
            "confirmed disruption ends as resolved or workaround"
        )
    return status


def _buffered_messages(
    ws: Workspace,
    current: CurrentEvent,
    options: CloseOptions,
    values: dict[str, Text],
    new_text: str,
    was_allowed: bool,
) -> tuple[str, list[str]]:
    """Add ``buffered_messages`` when the fallback procedure was allowed during a disruption (from
    the phrasebook) or when the operator gives them; the text and the notes that say so."""
    event = current.event
    given = both_languages("buffered-", options.buffered_nl, options.buffered_en)
    needs_buffered = (
        was_allowed and event.type is EventType.DISRUPTION and event.buffered_messages is None
    )
    if needs_buffered or (given is not None and event.buffered_messages is None):
        buffered = given or ws.phrases.fill("sentences", "buffered_messages", values)
        new_text = a.append_text_field(new_text, "buffered_messages", buffered, current.shown)
        source = "as given" if given else "from the phrasebook; edit it in the file if needed"
        return new_text, [f"Added buffered_messages ({source}): {buffered.nl}"]
    if given is not None:
        raise UsageError(f"{current.shown} already has buffered_messages: edit them in the file")
    return new_text, []
