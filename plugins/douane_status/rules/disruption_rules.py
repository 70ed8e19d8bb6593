"""The protocol's rules for disruptions and their communication: P07-P11, P13 and P14.

The first message soon after the start, the next communication moment stated and kept, the second
message after an investigation, the fallback procedure allowed in time and ended, and "no fault"
only after an investigation.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..domain.check_messages import say
from ..domain.findings import Finding, warning
from ..domain.model import Event, EventType, Fallback, Status
from .context import (
    RuleContext,
    label,
    minutes_limit,
    span,
    when,
    with_next,
)


def check_next_update_stated(event: Event, context: RuleContext) -> Iterable[Finding]:
    """P07 (Ongeplande onbeschikbaarheid; afspraak 4; Uitloop: the next communication moment).

    Every non-final update of a disruption, and every ``overrun`` update, states ``next_update``.
    """
    for update in event.updates:
        if update.next_update is not None:
            continue
        if (event.type is EventType.DISRUPTION and not update.status.is_final) or (
            update.status is Status.OVERRUN
        ):
            yield warning(
                event.path,
                update.line,
                "P07",
                say("next_update_missing", label=label(update), status=update.status),
            )


def check_promises_kept(event: Event, context: RuleContext) -> Iterable[Finding]:
    """P08 (Afspraak 4: "regelmatig ge-update", at the communication moment that was given).

    The update after one with ``next_update`` is published no later than that time (plus the
    grace); an open event whose last promised time (plus grace) has passed at now is overdue.
    """
    grace = minutes_limit(context.settings.promise_grace_minutes)
    for update, following in with_next(event):
        promised = update.next_update
        if promised is None or update.status.is_final:
            continue
        if following is not None:
            late = following.at - promised
            if late > grace:
                yield warning(
                    event.path,
                    update.line,
                    "P08",
                    f"{label(update)} promised the next update at {when(promised, context)}, "
                    f"but update {following.number} (line {following.line}) came "
                    f"{span(late)} late, at {when(following.at, context)} "
                    f"({span(grace)} grace): keep the promised moments, or publish a "
                    "short update with a new 'next_update' in time",
                )
        elif context.now - promised > grace:
            yield warning(
                event.path,
                update.line,
                "P08",
                f"{label(update)} promised the next update at {when(promised, context)}; at "
                f"now ({when(context.now, context)}) it is overdue: publish an update "
                "now, with a new 'next_update'",
            )


def check_investigation_followed_up(event: Event, context: RuleContext) -> Iterable[Finding]:
    """P09 (Afspraak 2: after "Beschikbaarheid in onderzoek", a second message follows soon).

    The update after an ``investigating`` one follows within 30 minutes; an ``investigating``
    update that is still the latest more than 30 minutes before now is reported too.
    """
    limit = minutes_limit(context.settings.investigation_followup_minutes)
    for update, following in with_next(event):
        if update.status is not Status.INVESTIGATING:
            continue
        if following is not None:
            gap = following.at - update.at
            if gap > limit:
                yield warning(
                    event.path,
                    update.line,
                    "P09",
                    f"{label(update)} reports an investigation at {when(update.at, context)}; "
                    f"update {following.number} (line {following.line}) follows {span(gap)} "
                    f"later: the second message with more information is due within "
                    f"{span(limit)}",
                )
        elif context.now - update.at > limit:
            yield warning(
                event.path,
                update.line,
                "P09",
                f"{label(update)} reports an investigation at {when(update.at, context)} and is "
                f"still the latest update at now ({when(context.now, context)}): publish the "
                f"second message with what is known (due within {span(limit)})",
            )


def check_fallback_decision(event: Event, context: RuleContext) -> Iterable[Finding]:
    """P10 (Afspraak 3: "uiterlijk binnen een half uur ... toestemming voor de noodprocedure").

    No later than 30 minutes after the first ``disruption`` update, some update has ``fallback:
    allowed``, unless the event reached a final status within those 30 minutes (30 included).
    Until those 30 minutes have passed at now, an open disruption is not judged.
    """
    if event.type is not EventType.DISRUPTION:
        return
    first = next((u for u in event.updates if u.status is Status.DISRUPTION), None)
    if first is None:
        return
    limit = minutes_limit(context.settings.fallback_decision_minutes)
    if any(u.fallback is Fallback.ALLOWED and u.at - first.at <= limit for u in event.updates):
        return
    final = event.final_update
    if final is not None and final.at - first.at <= limit:
        return
    if context.now - first.at <= limit and all(u.at - first.at <= limit for u in event.updates):
        return  # still within the 30 minutes
    later = next((u for u in event.updates if u.fallback is Fallback.ALLOWED), None)
    not_needed = next((u for u in event.updates if u.fallback is Fallback.NOT_NEEDED), None)
    if later is not None:
        detail = f"permission came only in {label(later)}, {span(later.at - first.at)} after it"
    elif not_needed is not None:
        detail = (
            f"{label(not_needed)} says 'fallback: not-needed', but the protocol asks for "
            "permission; this warning records the deviation"
        )
    else:
        detail = "no update gives it"
    yield warning(
        event.path,
        first.line,
        "P10",
        f"{label(first)} reports a disruption at {when(first.at, context)}; permission to use "
        f"the fallback procedure ('fallback: allowed') is due within {span(limit)}, but "
        f"{detail}. Grant it in an update within {span(limit)} of the disruption",
    )


def check_fallback_ended_and_buffered(event: Event, context: RuleContext) -> Iterable[Finding]:
    """P11 (Afspraak 5: the end message ends the fallback procedure and says how to handle
    submitted and buffered messages).

    When a disruption has ended and the fallback procedure was allowed at any point, the fallback
    has been ended (``fallback: ended`` on the final update, or on an earlier one after the last
    ``allowed``) and the event has ``buffered_messages``.
    """
    if event.type is not EventType.DISRUPTION:
        return
    final = event.final_update
    allowed = [i for i, u in enumerate(event.updates) if u.fallback is Fallback.ALLOWED]
    if final is None or not allowed:
        return
    after_last_allowed = event.updates[allowed[-1] + 1 :]
    missing = []
    if not any(u.fallback is Fallback.ENDED for u in after_last_allowed):
        last = label(event.updates[allowed[-1]])
        missing.append(say("fallback_ended_missing", label=label(final), last=last))
    if event.buffered_messages is None:
        missing.append(say("buffered_missing"))
    if missing:
        yield warning(
            event.path,
            final.line,
            "P11",
            say(
                "fallback_not_closed",
                label=label(final),
                status=final.status,
                missing=say("and").join(missing),
            ),
        )


def check_no_fault_only_after_investigation(
    event: Event, context: RuleContext
) -> Iterable[Finding]:
    """P13 (Afspraak 1: the analysis decides whether a report was justified).

    ``no-fault`` ends a disruption only when every earlier update is ``investigating``: a
    confirmed disruption cannot end as no fault.
    """
    if event.type is not EventType.DISRUPTION:
        return
    final = event.final_update
    if final is None or final.status is not Status.NO_FAULT:
        return
    confirmed = next((u for u in event.updates[:-1] if u.status is not Status.INVESTIGATING), None)
    if confirmed is not None:
        yield warning(
            event.path,
            final.line,
            "P13",
            say(
                "no_fault_after_confirmed",
                label=label(final),
                confirmed=label(confirmed),
                status=confirmed.status,
            ),
        )


def check_first_message_in_time(event: Event, context: RuleContext) -> Iterable[Finding]:
    """P14 (Afspraak 1: the NHD communicates "zo snel mogelijk").

    A disruption's first update is published no later than ``first_message_minutes`` (30) after
    its ``start``, the protocol's own yardstick for the messages that follow.
    """
    if event.type is not EventType.DISRUPTION or not event.updates:
        return
    first = event.updates[0]
    limit = minutes_limit(context.settings.first_message_minutes)
    delay = first.at - event.start
    if delay <= limit:
        return
    yield warning(
        event.path,
        first.line,
        "P14",
        f"the disruption started at {when(event.start, context)}, but the first message, "
        f"{label(first)}, came {span(delay)} later, at {when(first.at, context)}: it is due "
        f"within {span(limit)} of the start (\"zo snel mogelijk\"). If 'start' is wrong, correct "
        "it; if not, the late message is recorded",
    )
