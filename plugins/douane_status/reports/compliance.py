"""The facts behind the protocol's reports ("rapportages"): per published event, what happened.

Measurements, not judgements: the warnings come from the same checks the build runs (the
``Content`` findings), the facts here are the numbers a reader compares them with. Pure
functions of the events, the findings, "now" and the settings.

- notice: working days strictly between the announcement date (the later of ``announced`` and
  the first update) and the ``start`` date (local dates), counted as P02 counts them; planned
  types only.
- first message: minutes from a disruption's ``start`` to its first update (P14).
- fallback decision: minutes from the first ``disruption`` update to the first update with
  ``fallback: allowed`` (negative when permission came before the disruption was confirmed).
- promises: each non-final update's ``next_update`` against the next published update; an
  unkept promise whose time has passed at now is late by the minutes since (as P08 reads it).
- overrun notices: each ``overrun`` update, with the minutes it came before the planned end.

Minutes are whole minutes, truncated towards zero.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..domain.config import StatusSettings
from ..domain.findings import Finding
from ..domain.model import Event, EventType, Fallback, Status
from ..domain.workdays import WorkCalendar
from ..rules.content import Content
from ..rules.context import announcement
from ..state.phases import published

# The warning codes of the rule catalogue (protocol-rules.md): each gets a total, also when zero.
RULE_CODES: tuple[str, ...] = tuple(f"P{number:02d}" for number in range(2, 15))


@dataclass(frozen=True)
class Promise:
    update: int  # the number of the update that stated ``next_update``
    promised: dt.datetime
    actual: dt.datetime | None  # the next published update, None while there is none
    late_minutes: int | None  # 0 when kept in time; None while not due yet


@dataclass(frozen=True)
class OverrunNotice:
    update: int
    at: dt.datetime
    minutes_before_planned_end: int  # negative when published after the planned end
    expected_end: dt.datetime | None


@dataclass(frozen=True)
class EventFacts:
    event: Event
    notice_working_days: int | None
    first_message_minutes: int | None
    fallback_decision_minutes: int | None
    promises: tuple[Promise, ...]
    overrun_notices: tuple[OverrunNotice, ...]
    warnings: tuple[Finding, ...]  # the build's warnings for the event's file


@dataclass(frozen=True)
class ComplianceReport:
    generated_at: dt.datetime
    events: tuple[EventFacts, ...]
    totals: Mapping[str, int]  # rule code -> warnings over the listed events, in code order


def whole_minutes(delta: dt.timedelta) -> int:
    return int(delta.total_seconds() / 60)


def notice_working_days(event: Event, calendar: WorkCalendar) -> int | None:
    moment = announcement(event)
    if not event.type.is_planned or moment is None:
        return None
    announced = calendar.local_date(moment)
    return calendar.working_days_between(announced, calendar.local_date(event.start))


def first_message_minutes(event: Event) -> int | None:
    if event.type is not EventType.DISRUPTION:
        return None
    return whole_minutes(event.updates[0].at - event.start)


def fallback_decision_minutes(event: Event) -> int | None:
    if event.type is not EventType.DISRUPTION:
        return None
    first = next((u for u in event.updates if u.status is Status.DISRUPTION), None)
    allowed = next((u for u in event.updates if u.fallback is Fallback.ALLOWED), None)
    if first is None or allowed is None:
        return None
    return whole_minutes(allowed.at - first.at)


def promises(event: Event, now: dt.datetime) -> tuple[Promise, ...]:
    result = []
    following = (*event.updates[1:], None)
    for update, after in zip(event.updates, following, strict=True):
        promised = update.next_update
        if promised is None or update.status.is_final:  # P08 judges no promise of a final one
            continue
        actual = after.at if after is not None else None
        if actual is not None:
            late: int | None = max(0, whole_minutes(actual - promised))
        elif now > promised:
            late = whole_minutes(now - promised)
        else:
            late = None
        result.append(Promise(update.number, promised, actual, late))
    return tuple(result)


def overrun_notices(event: Event) -> tuple[OverrunNotice, ...]:
    if event.end is None:
        return ()
    return tuple(
        OverrunNotice(u.number, u.at, whole_minutes(event.end - u.at), u.expected_end)
        for u in event.updates
        if u.status is Status.OVERRUN
    )


def event_facts(
    event: Event, warnings: Iterable[Finding], now: dt.datetime, calendar: WorkCalendar
) -> EventFacts:
    return EventFacts(
        event,
        notice_working_days(event, calendar),
        first_message_minutes(event),
        fallback_decision_minutes(event),
        promises(event, now),
        overrun_notices(event),
        tuple(f for f in warnings if f.file == event.path and not f.is_error),
    )


def rule_totals(facts: Sequence[EventFacts]) -> dict[str, int]:
    """Warnings per code: every catalogue code (zero included), then any other code seen."""
    counted = Counter(w.code for item in facts for w in item.warnings)
    codes = [*RULE_CODES, *sorted(set(counted) - set(RULE_CODES))]
    return {code: counted[code] for code in codes}


def compliance_report(
    content: Content, settings: StatusSettings, now: dt.datetime
) -> ComplianceReport:
    """The facts of every event as the public sees it at now (published, within retention)."""
    calendar = WorkCalendar(settings)
    by_file: dict[str, list[Finding]] = {}
    for finding in content.findings:
        by_file.setdefault(finding.file, []).append(finding)
    facts = tuple(
        event_facts(e, by_file.get(e.path, ()), now, calendar)
        for e in published(content.events, now, settings)
    )
    return ComplianceReport(now, facts, rule_totals(facts))
