"""The times an open event promises the public, and whether "now" has passed them unkept.

Three promises can be outstanding while an event is open: the next message (``next_update`` of
the latest update), the end of planned work (its latest expected end), and, during a
disruption, the decision on the fallback procedure, which the protocol promises within
``fallback_decision_minutes`` of the first update that reports the disruption (P10). A page
shows each beside its time, and says so in words once the time has passed: a promise kept is
gone from the page (the next update replaces it), so one still shown after its time is late.

Late means strictly after the promised minute, as a reader would count it. The protocol's
grace (P08's ``promise_grace_minutes``) judges the operators, not what the page tells.
"""

from __future__ import annotations

import datetime as dt

from ..domain.config import StatusSettings
from ..domain.model import Event, EventType, Status
from .phases import Phase, current_fallback, expected_end, next_communication, phase


def is_late(promised: dt.datetime, now: dt.datetime) -> bool:
    """Whether a promise still outstanding at ``now`` has passed its time."""
    return now > promised


def promised_end(event: Event, now: dt.datetime) -> dt.datetime | None:
    """The end planned work still promises: while it is under way, its latest expected end."""
    if not event.type.is_planned or phase(event, now) is not Phase.ACTIVE:
        return None
    return expected_end(event)


def promised_next_message(event: Event) -> dt.datetime | None:
    """When the next message is promised: the latest update's ``next_update`` while open."""
    return next_communication(event)


def promised_fallback_decision(event: Event, settings: StatusSettings) -> dt.datetime | None:
    """When an open disruption without a decision on the fallback procedure must have one:
    ``fallback_decision_minutes`` after its first update that reports the disruption (P10).
    None once a decision is published, while it is only under investigation, or once closed."""
    if event.type is not EventType.DISRUPTION or event.is_closed:
        return None
    if current_fallback(event) is not None:
        return None
    first = next((u for u in event.updates if u.status is Status.DISRUPTION), None)
    if first is None:
        return None
    return first.at + dt.timedelta(minutes=settings.fallback_decision_minutes)
