"""``invoke update``: one more update at the end of an event's timeline; nothing else changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from ..domain.errors import UsageError
from ..domain.model import Event, EventType, Fallback, Status, Text, statuses_for
from ..reading.phrases import TITLE_NOT_AVAILABLE
from ..rules.planned_rules import overrun_update_due
from . import authoring as a
from .options import UpdateOptions
from .retitle import replace_text_field
from .workspace import (
    CurrentEvent,
    Outcome,
    Workspace,
    both_languages,
    choice,
    current_event,
    operator_time,
    update_moment,
)

# The protocol asks for "regular" updates during a disruption without a number; an hour is the
# helpdesk's habit and the operator can give --next.
DISRUPTION_NEXT_MINUTES = 60


@dataclass(frozen=True)
class _Update:
    """What the options say about the new update, checked."""

    status: Status
    fallback: Fallback | None
    at: dt.datetime
    expected_end: dt.datetime | None
    promised: dt.datetime | None


def update_event(ws: Workspace, options: UpdateOptions, now: dt.datetime) -> Outcome:
    """Append the update when the checker finds no errors in the result."""
    current = current_event(ws, options.event, now)
    if isinstance(current, Outcome):
        return current
    update = _update(ws, current, options, now)
    text = both_languages("", options.nl, options.en) or _phrased(
        ws, current.event, update, options.buffered
    )
    new_title = _down_title(ws, current.event) if options.down else None
    if not options.force and new_title is None and _repeats(ws, current, update, options, text):
        latest = current.event.latest
        when = a.file_time(latest.at, ws.tz)
        raise UsageError(
            f"{current.shown}:{latest.line}: update {latest.number} ({when}) already says this: "
            "the same status, fallback and message. Nothing was written. "
            "If the command was repeated by mistake, there is nothing to do; to publish it again "
            "anyway (a regular update without news), add --force"
        )
    new_update = a.NewUpdate(
        update.at, update.status, text, update.promised, update.expected_end, update.fallback
    )
    new_text = a.append_update(current.text, new_update, ws.tz, current.shown)
    notes = []
    if new_title is not None:
        new_text = replace_text_field(new_text, "title", new_title, current.shown)
        notes.append(
            f"Both titles now say the systems are not available: '{new_title.nl}' / "
            f"'{new_title.en}' (were: '{current.event.title.nl}' / '{current.event.title.en}')."
        )
    elif options.down:
        notes.append("The titles already say the systems are not available; left as they are.")
    if update.status.is_final:
        notes.append(
            "Tip: 'invoke close' also ends the fallback procedure and adds the "
            "buffered-message instructions (P11)."
        )
    return ws.commit(current.path, new_text, now, notes)


def _update(
    ws: Workspace, current: CurrentEvent, options: UpdateOptions, now: dt.datetime
) -> _Update:
    event = current.event
    allowed = tuple(statuses_for(event.type))
    if options.status is None:
        raise UsageError(f"give --status; for a {event.type}: {', '.join(allowed)}")
    status = Status(choice("--status", options.status, allowed))
    fallback = (
        Fallback(choice("--fallback", options.fallback, tuple(Fallback)))
        if options.fallback
        else None
    )
    if fallback is Fallback.ENDED and not any(
        u.fallback is Fallback.ALLOWED for u in event.updates
    ):
        raise UsageError(
            f"--fallback ended: no update of {current.shown} allowed the fallback procedure "
            "('fallback: allowed'), so it cannot end (OUT006). Nothing was written. Leave out "
            "--fallback, or give --fallback not-needed"
        )
    at = update_moment(current, now, ws.tz)
    expected_end = operator_time(ws, "--expected-end", options.expected_end, at, "at-or-after")
    if status is Status.OVERRUN and expected_end is None:
        raise UsageError("an overrun needs --expected-end (the new expected end time)")
    if options.next_ is not None and options.next_ < 0:
        raise UsageError("--next is a number of minutes from now (0: no next update)")
    minutes = _default_next(ws, event, status, at) if options.next_ is None else options.next_
    promised = at + dt.timedelta(minutes=minutes) if minutes else None
    if options.next_ is None and promised is not None and status is Status.OVERRUN:
        promised = min(promised, _overrun_due(ws, event, at))
    return _Update(status, fallback, at, expected_end, promised)


def _overrun_due(ws: Workspace, event: Event, at: dt.datetime) -> dt.datetime:
    """When the next update is due after an overrun update at ``at`` (P05): counted from the
    planned end for a notice before it. The default promise is never later, so the command
    itself never makes a promise the checker reports."""
    start = at if event.end is None else max(at, event.end)
    return overrun_update_due(start, ws.calendar)


def _down_title(ws: Workspace, event: Event) -> Text | None:
    """The phrasebook's "not available" title for the event, or None when it has that already."""
    if event.type is not EventType.DISRUPTION:
        raise UsageError(
            f"--down is for a disruption; a {event.type} says when the systems cannot be used in "
            "its updates"
        )
    title = ws.phrases.fill("titles", TITLE_NOT_AVAILABLE, ws.values(event.systems))
    return None if title == event.title else title


def _repeats(
    ws: Workspace, current: CurrentEvent, update: _Update, options: UpdateOptions, text: Text
) -> bool:
    """Whether the new update says what the latest one says, apart from its own moments: the
    same status, fallback, expected end and message (the phrasebook's message compared as it
    would read at the latest update's time, so a repeat minutes later is caught too)."""
    latest = current.event.latest
    if (update.status, update.fallback, update.expected_end) != (
        latest.status,
        latest.fallback,
        latest.expected_end,
    ):
        return False
    if text == latest.text or options.nl is not None:
        return text == latest.text
    at_latest = replace(update, at=latest.at, promised=latest.next_update)
    return _phrased(ws, current.event, at_latest, options.buffered) == latest.text


def _phrased(ws: Workspace, event: Event, update: _Update, buffered: bool) -> Text:
    """The phrasebook's message for the status, the fallback, buffering and the next update."""
    values = ws.values(
        event.systems,
        start=event.start,
        end=event.end,
        at=update.at,
        next_update=update.promised,
        expected_end=update.expected_end,
    )
    parts = [ws.phrases.fill("statuses", update.status, values)]
    if update.fallback is not None:
        parts.append(ws.phrases.fill("fallback", update.fallback, values))
    if buffered:
        parts.append(ws.phrases.fill("sentences", "messages_buffered", values))
    if update.promised is not None:
        parts.append(ws.phrases.fill("sentences", "next_update", values))
    return a.join_texts(parts)


def _default_next(ws: Workspace, event: Event, status: Status, at: dt.datetime) -> int | None:
    """Minutes to the next update when --next is not given: the protocol's cadence."""
    if status.is_final:
        return None
    if status is Status.OVERRUN:
        office = ws.calendar.in_office_hours(at)
        return (
            ws.settings.overrun_update_office_minutes
            if office
            else ws.settings.overrun_update_outside_minutes
        )
    if event.type is EventType.DISRUPTION:
        if status is Status.INVESTIGATING:
            return ws.settings.investigation_followup_minutes
        return DISRUPTION_NEXT_MINUTES
    return None
