"""The protocol's rule for structural recovery (unplanned maintenance): P12."""

from __future__ import annotations

from collections.abc import Iterable

from ..domain.findings import Finding, warning
from ..domain.model import Event, EventType, Status
from ..reading.reader import suggest
from .context import (
    RuleContext,
    kind_of,
    when,
)


def check_recovery_follows_disruption(event: Event, context: RuleContext) -> Iterable[Finding]:
    """P12 (Structureel herstel (noodchange): "vooraf afgestemd ... en gecommuniceerd").

    An ``unplanned-maintenance`` event names the ``disruption`` it ``follows`` (an existing
    event id of a disruption that did not end as ``no-fault``: structural recovery follows a
    disruption that happened), starts after that disruption reached its final status ("Na
    afronding van de verstoring": at or after its final update), and is ``announced`` strictly
    before its ``start``.
    """
    if event.type is not EventType.UNPLANNED_MAINTENANCE:
        return
    if event.follows is None:
        yield warning(
            event.path,
            event.line_of("type"),
            "P12",
            "unplanned maintenance (structural recovery) follows a disruption: add 'follows: "
            "<id>', the file name of that disruption without '.md'",
        )
    else:
        target = context.events.get(event.follows)
        if target is None:
            yield warning(
                event.path,
                event.line_of("follows"),
                "P12",
                f"follows '{event.follows}' is not the id of a readable outage file"
                f"{suggest(event.follows, context.disruption_ids)}: use the disruption's file "
                "name without '.md'",
            )
        elif target.type is not EventType.DISRUPTION:
            yield warning(
                event.path,
                event.line_of("follows"),
                "P12",
                f"follows '{event.follows}' is a {kind_of(target)}, not a disruption: name the "
                "disruption this structural recovery follows",
            )
        else:
            yield from _after_the_disruption(event, target, context)
    if event.announced is not None and event.announced >= event.start:
        yield warning(
            event.path,
            event.line_of("announced"),
            "P12",
            f"announced ({when(event.announced, context)}) is not before start "
            f"({when(event.start, context)}): structural recovery is agreed and communicated "
            "in advance; check both times, and announce it before it starts",
        )


def _after_the_disruption(event: Event, target: Event, context: RuleContext) -> Iterable[Finding]:
    """P12's "Na afronding van de verstoring": the recovery follows a disruption that happened
    (not one that ended as ``no-fault``) and starts once it is over."""
    final = target.final_update
    if final is not None and final.status is Status.NO_FAULT:
        yield warning(
            event.path,
            event.line_of("follows"),
            "P12",
            f"follows '{target.id}', but that report ended as 'no-fault' (its update "
            f"{final.number}, {when(final.at, context)}): the investigation found no "
            "disruption, and structural recovery (noodchange) follows a disruption that "
            "happened. Name the disruption this work repairs; if there is none, announce the "
            "work as planned maintenance",
        )
        return
    if final is not None and event.start >= final.at:
        return
    state = (
        f"reached its final status ('{final.status}') only at {when(final.at, context)}"
        if final is not None
        else "has not reached a final status"
    )
    yield warning(
        event.path,
        event.line_of("start"),
        "P12",
        f"the unplanned maintenance starts at {when(event.start, context)}, but the disruption "
        f"it follows ('{target.id}') {state}: structural recovery comes after the disruption "
        "is over; check 'start', or close the disruption first",
    )
