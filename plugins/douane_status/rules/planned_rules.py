"""The rule catalogue (protocol-rules.md): one small function per rule.

Every rule takes an ``Event`` and a ``RuleContext`` and yields findings. Rules that only need one
file's fields while it is read (OUT001-OUT005, P01) live in ``source`` and ``reader``; the rules
here judge a whole, well-formed event or the set of events.

The protocol rules (P02-P13) judge the file as written: every update in it counts, also one dated
after "now". The clauses about "now" (P04 still open, P06, P08 overdue, P09 still the latest) apply
when the file has nothing later. All instants are UTC; dates and office hours are judged in the
settings' time zone, and a time shown in a message is local with its zone abbreviation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from ..domain.config import StatusSettings
from ..domain.findings import Finding, error, warning
from ..domain.model import Catalog, Event, EventType, Fallback, Status, Update, Window, WindowKind
from ..domain.workdays import WorkCalendar
from ..reading.reader import suggest


@dataclass(frozen=True)
class RuleContext:
    settings: StatusSettings
    now: dt.datetime
    catalog: Catalog
    events: Mapping[str, Event]
    calendar: WorkCalendar

    # Derived from the events and the catalog once per context, not once per event judged.

    @cached_property
    def disruption_ids(self) -> tuple[str, ...]:
        """Every disruption's id, sorted: what P12 suggests for an unknown ``follows``."""
        return tuple(sorted(e.id for e in self.events.values() if e.type is EventType.DISRUPTION))

    def windows_in_year(self, year: int) -> tuple[Window, ...]:
        """The catalog's windows of one year, in catalog order."""
        return self._windows_by_year.get(year, ())

    @cached_property
    def _windows_by_year(self) -> dict[int, tuple[Window, ...]]:
        years = {w.date.year for w in self.catalog.windows}
        return {year: self.catalog.windows_in_year(year) for year in years}


EventRule = Callable[[Event, RuleContext], Iterable[Finding]]


def check_chronology(event: Event, context: RuleContext) -> Iterable[Finding]:
    """OUT006 (format): ``end`` after ``start``; updates in time order; nothing after a final one.

    Statuses that do not belong to the event's type are refused while reading (OUT004 names the
    allowed ones), so this rule sees only valid statuses.
    """
    if event.end is not None and event.end <= event.start:
        yield error(
            event.path,
            event.line_of("end"),
            "OUT006",
            "end is not after start: check both times (and the dates)",
        )
    for previous, update in zip(event.updates, event.updates[1:], strict=False):
        if update.at < previous.at:
            yield error(
                event.path,
                update.line,
                "OUT006",
                f"update {update.number} (line {update.line}) is earlier than update "
                f"{previous.number}: updates go oldest first; fix its 'at' or move it up",
            )
        if previous.status.is_final:
            yield error(
                event.path,
                update.line,
                "OUT006",
                f"update {update.number} (line {update.line}) comes after the final update "
                f"{previous.number} ('{previous.status}'): a closed event gets no more updates; "
                "remove it or change the earlier status",
            )


def check_unique_ids(files: Sequence[tuple[str, str]]) -> list[Finding]:
    """OUT007 (format): event ids (file names) are unique across all years.

    ``files`` holds (event id, path) for every outage file, readable or not.
    """
    first_path: dict[str, str] = {}
    findings = []
    for event_id, path in sorted(files, key=lambda f: f[1]):
        if event_id in first_path:
            findings.append(
                error(
                    path,
                    1,
                    "OUT007",
                    f"event id '{event_id}' is also used by {first_path[event_id]}: "
                    "rename this file",
                )
            )
        else:
            first_path[event_id] = path
    return findings


# -- helpers for messages ----------------------------------------------------------------------


def _when(moment: dt.datetime, context: RuleContext) -> str:
    return moment.astimezone(context.settings.tz).strftime("%Y-%m-%d %H:%M %Z")


def _label(update: Update) -> str:
    return f"update {update.number} (line {update.line})"


def _kind(event: Event) -> str:
    return str(event.type).replace("-", " ")


def _minutes(delta: dt.timedelta) -> str:
    seconds = int(delta.total_seconds())
    minutes, rest = divmod(abs(seconds), 60)
    text = f"{minutes} minute{'s' if minutes != 1 else ''}"
    return f"{text} {rest} s" if rest else text


def _limit(minutes: int) -> dt.timedelta:
    return dt.timedelta(minutes=minutes)


def _pairs(event: Event) -> Iterable[tuple[Update, Update | None]]:
    """Each update with the one that follows it (None for the latest)."""
    return zip(event.updates, (*event.updates[1:], None), strict=True)


# -- P02-P13 -----------------------------------------------------------------------------------


def check_notice_period(event: Event, context: RuleContext) -> Iterable[Finding]:
    """P02 (Communicatie bij geplande onbeschikbaarheid: "Minimaal 10 werkdagen voorafgaande").

    A maintenance or release is announced with at least 10 working days strictly between the
    ``announced`` date and the ``start`` date (local dates).
    """
    if event.type not in (EventType.MAINTENANCE, EventType.RELEASE) or event.announced is None:
        return
    needed = context.settings.notice_working_days
    announced = context.calendar.local_date(event.announced)
    start = context.calendar.local_date(event.start)
    days = context.calendar.working_days_between(announced, start, limit=needed)
    if days >= needed:
        return
    latest = context.calendar.latest_notice_date(start, needed)
    yield warning(
        event.path,
        event.line_of("announced"),
        "P02",
        f"the {_kind(event)} on {start} was announced on {announced}, with {days} working "
        f"day{'s' if days != 1 else ''} in between; the protocol asks for at least {needed} "
        f"working days' notice, so announce by {latest} at the latest. If 'announced' is wrong, "
        "correct it; if not, the late notice is recorded and the message is still published",
    )


def check_planned_window(event: Event, context: RuleContext) -> Iterable[Finding]:
    """P03 (Geplande onbeschikbaarheid: reserved Sundays for maintenance, Saturdays for releases).

    ``start`` at or after an agreed, not cancelled window's begin and the planned ``end`` at or
    before its end. In a year without windows: start and end on one Sunday (maintenance) or
    Saturday (release); an end at 00:00 the next day counts as that day.
    """
    if event.type not in (EventType.MAINTENANCE, EventType.RELEASE) or event.end is None:
        return
    kind = WindowKind(str(event.type))
    tz = context.settings.tz
    local_start, local_end = event.start.astimezone(tz), event.end.astimezone(tz)
    windows = context.windows_in_year(local_start.year)
    if windows:
        yield from _outside_windows(event, context, kind, windows)
        return
    weekday, day_name = (6, "Sunday") if kind is WindowKind.MAINTENANCE else (5, "Saturday")
    start_day, end_day = local_start.date(), local_end.date()
    if local_end.time() == dt.time(0) and end_day == start_day + dt.timedelta(days=1):
        end_day = start_day
    if start_day.weekday() == weekday and end_day == start_day:
        return
    wrong_start = start_day.weekday() != weekday
    yield warning(
        event.path,
        event.line_of("start" if wrong_start else "end"),
        "P03",
        f"there are no agreed windows for {local_start.year} (no content/windows/"
        f"{local_start.year}.yaml), so a {event.type} must start and end on one {day_name}; "
        + (
            f"it starts on a {local_start:%A} ({start_day})"
            if wrong_start
            else f"it ends on {end_day}, after that {day_name}"
        )
        + f": move it to a {day_name}, or add the year's agreed windows",
    )


def _outside_windows(
    event: Event, context: RuleContext, kind: WindowKind, windows: Sequence[Window]
) -> Iterable[Finding]:
    """P03 against the year's windows file; the message says which window and what to change."""
    assert event.end is not None
    of_kind = [w for w in windows if w.kind is kind]
    agreed = [w for w in of_kind if not w.cancelled]
    if any(w.start <= event.start and event.end <= w.end for w in agreed):
        return
    tz = context.settings.tz
    day = event.start.astimezone(tz).date()
    where = windows[0].path or f"content/windows/{day.year}.yaml"
    same_day = [w for w in of_kind if w.date == day]
    open_same_day = [w for w in same_day if not w.cancelled]
    line = event.line_of("start")
    if open_same_day:
        window = open_same_day[0]
        hours = f"{window.start.astimezone(tz):%H:%M}-{window.end.astimezone(tz):%H:%M %Z}"
        if event.start >= window.start:
            line = event.line_of("end")
        detail = (
            f"it runs {_when(event.start, context)} to {_when(event.end, context)}, outside the "
            f"{kind} window of {day} ({hours}): start at or after the window's begin and plan the "
            f"end no later than its end, or agree a longer window in {where}"
        )
    elif same_day:
        detail = (
            f"the {kind} window of {day} is cancelled ({where}): move the {event.type} to an "
            "agreed window"
        )
    elif not agreed:
        detail = f"{where} has no agreed {kind} windows: move it, or add the agreed window there"
    else:
        nearest = sorted(agreed, key=lambda w: (abs((w.date - day).days), w.date))[:2]
        dates = " and ".join(str(w.date) for w in sorted(nearest, key=lambda w: w.date))
        detail = (
            f"{day} is not an agreed {kind} window ({where}); the nearest "
            f"{'are' if len(nearest) > 1 else 'is'} {dates}: move it into a window, or add the "
            "agreed window to that file"
        )
    yield warning(
        event.path, line, "P03", f"the {event.type} lies outside the agreed windows: {detail}"
    )


def check_overrun_announced(event: Event, context: RuleContext) -> Iterable[Finding]:
    """P04 (Uitloop: "uiterlijk een half uur voor het geplande einde ... gecommuniceerd").

    A planned event that runs past its planned ``end`` (completed after it, or still open after it
    at now) has an ``overrun`` update published no later than 30 minutes before that end.
    """
    if not event.type.is_planned or event.end is None:
        return
    final = event.final_update
    if final is not None:
        if final.status is not Status.COMPLETED or final.at <= event.end:
            return
        ran_past = f"{_label(final)} completes the {_kind(event)} at {_when(final.at, context)}"
        line = final.line
    else:
        if context.now <= event.end:
            return
        ran_past = f"the {_kind(event)} is still open at now, {_when(context.now, context)}"
        line = event.line_of("end")
    notice = _limit(context.settings.overrun_notice_minutes)
    overruns = [u for u in event.updates if u.status is Status.OVERRUN]
    if any(event.end - u.at >= notice for u in overruns):
        return
    planned_end = _when(event.end, context)
    if overruns:
        first = overruns[0]
        before = event.end - first.at
        relation = f"{_minutes(before)} {'before' if before >= dt.timedelta(0) else 'after'}"
        yield warning(
            event.path,
            first.line,
            "P04",
            f"{_label(first)} announces the overrun at {_when(first.at, context)}, {relation} the "
            f"planned end {planned_end}; the protocol asks for it no later than "
            f"{_minutes(notice)} before the planned end ({_when(event.end - notice, context)}). "
            "Announce an overrun as soon as it is foreseen (the late notice is recorded)",
        )
        return
    yield warning(
        event.path,
        line,
        "P04",
        f"{ran_past}, after its planned end {planned_end}, but no update with status 'overrun' "
        f"was published; it is due no later than {_minutes(notice)} before the planned end "
        f"({_when(event.end - notice, context)}): add an 'overrun' update with 'expected_end' and "
        "'next_update' (the late notice is recorded)",
    )


def check_overrun_update_cadence(event: Event, context: RuleContext) -> Iterable[Finding]:
    """P05 (Uitloop: "tijdens kantoortijden elk uur en buiten kantoortijden elke 2 uur ge-update").

    The overrun runs from the planned ``end`` until the ``completed`` update; each gap in it (from
    the later of the planned end and the previous update, to the next update) is at most 60
    minutes when it starts inside office hours and 120 minutes when it starts outside.
    """
    if not event.type.is_planned or event.end is None:
        return
    final = event.final_update
    if final is not None and (final.status is not Status.COMPLETED or final.at <= event.end):
        return
    settings = context.settings
    previous: Update | None = None
    for update in event.updates:
        if update.at > event.end:
            if previous is not None and previous.at > event.end:
                gap_start, since = previous.at, f"update {previous.number}"
            else:
                gap_start, since = event.end, "the planned end"
            office = context.calendar.in_office_hours(gap_start)
            limit = _limit(
                settings.overrun_update_office_minutes
                if office
                else settings.overrun_update_outside_minutes
            )
            gap = update.at - gap_start
            if gap > limit:
                yield warning(
                    event.path,
                    update.line,
                    "P05",
                    f"{_label(update)} comes {_minutes(gap)} after {since} "
                    f"({_when(gap_start, context)}, {'inside' if office else 'outside'} office "
                    f"hours); during an overrun an update follows at least every "
                    f"{settings.overrun_update_office_minutes} minutes in office hours and every "
                    f"{settings.overrun_update_outside_minutes} minutes outside: publish updates "
                    "more often (state 'next_update' to plan them)",
                )
        previous = update


def check_end_reported(event: Event, context: RuleContext) -> Iterable[Finding]:
    """P06 (Uitloop: "Het einde van het onderhoud wordt altijd gemeld").

    A planned event whose planned end (or the ``expected_end`` of the latest update carrying one)
    has passed at now has a ``completed`` or ``cancelled`` update.
    """
    if not event.type.is_planned or event.is_closed:
        return
    expected, line, source = event.end, event.line_of("end"), "its planned end"
    for update in reversed(event.updates):
        if update.expected_end is not None:
            expected, line = update.expected_end, update.line
            source = f"the expected end in {_label(update)}"
            break
    if expected is None or context.now <= expected:
        return
    yield warning(
        event.path,
        line,
        "P06",
        f"the {_kind(event)} should have ended at {_when(expected, context)} ({source}), and at "
        f"now ({_when(context.now, context)}) no update reports its end: the end is always "
        "reported. Add an update with status 'completed' (or 'cancelled'), or an 'overrun' "
        "update with a new 'expected_end'",
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
                f"{_label(update)} ('{update.status}') does not say when the next update "
                "follows: add 'next_update: YYYY-MM-DD HH:MM' (the next communication moment)",
            )


def check_promises_kept(event: Event, context: RuleContext) -> Iterable[Finding]:
    """P08 (Afspraak 4: "regelmatig ge-update", at the communication moment that was given).

    The update after one with ``next_update`` is published no later than that time (plus the
    grace); an open event whose last promised time (plus grace) has passed at now is overdue.
    """
    grace = _limit(context.settings.promise_grace_minutes)
    for update, following in _pairs(event):
        promised = update.next_update
        if promised is None or update.status.is_final:
            continue
        hint = (
            f" (note: the promised time is before {_label(update)} itself; check its date)"
            if promised < update.at
            else ""
        )
        if following is not None:
            late = following.at - promised
            if late > grace:
                yield warning(
                    event.path,
                    update.line,
                    "P08",
                    f"{_label(update)} promised the next update at {_when(promised, context)}, "
                    f"but update {following.number} (line {following.line}) came "
                    f"{_minutes(late)} late, at {_when(following.at, context)} "
                    f"({_minutes(grace)} grace){hint}: keep the promised moments, or publish a "
                    "short update with a new 'next_update' in time",
                )
        elif context.now - promised > grace:
            yield warning(
                event.path,
                update.line,
                "P08",
                f"{_label(update)} promised the next update at {_when(promised, context)}; at "
                f"now ({_when(context.now, context)}) it is overdue{hint}: publish an update "
                "now, with a new 'next_update'",
            )


def check_investigation_followed_up(event: Event, context: RuleContext) -> Iterable[Finding]:
    """P09 (Afspraak 2: after "Beschikbaarheid in onderzoek", a second message follows soon).

    The update after an ``investigating`` one follows within 30 minutes; an ``investigating``
    update that is still the latest more than 30 minutes before now is reported too.
    """
    limit = _limit(context.settings.investigation_followup_minutes)
    for update, following in _pairs(event):
        if update.status is not Status.INVESTIGATING:
            continue
        if following is not None:
            gap = following.at - update.at
            if gap > limit:
                yield warning(
                    event.path,
                    update.line,
                    "P09",
                    f"{_label(update)} reports an investigation at {_when(update.at, context)}; "
                    f"update {following.number} (line {following.line}) follows {_minutes(gap)} "
                    f"later: the second message with more information is due within "
                    f"{_minutes(limit)}",
                )
        elif context.now - update.at > limit:
            yield warning(
                event.path,
                update.line,
                "P09",
                f"{_label(update)} reports an investigation at {_when(update.at, context)} and is "
                f"still the latest update at now ({_when(context.now, context)}): publish the "
                f"second message with what is known (due within {_minutes(limit)})",
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
    limit = _limit(context.settings.fallback_decision_minutes)
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
        detail = (
            f"permission came only in {_label(later)}, {_minutes(later.at - first.at)} after it"
        )
    elif not_needed is not None:
        detail = (
            f"{_label(not_needed)} says 'fallback: not-needed', but the protocol asks for "
            "permission; this warning records the deviation"
        )
    else:
        detail = "no update gives it"
    yield warning(
        event.path,
        first.line,
        "P10",
        f"{_label(first)} reports a disruption at {_when(first.at, context)}; permission to use "
        f"the fallback procedure ('fallback: allowed') is due within {_minutes(limit)}, but "
        f"{detail}. Grant it in an update within {_minutes(limit)} of the disruption",
    )


def check_fallback_ended_and_buffered(event: Event, context: RuleContext) -> Iterable[Finding]:
    """P11 (Afspraak 5: the end message ends the fallback procedure and says how to handle
    submitted and buffered messages).

    When a disruption has ended and the fallback procedure was allowed at any point, its final
    update has ``fallback: ended`` and the event has ``buffered_messages``.
    """
    if event.type is not EventType.DISRUPTION:
        return
    final = event.final_update
    if final is None or not any(u.fallback is Fallback.ALLOWED for u in event.updates):
        return
    missing = []
    if final.fallback is not Fallback.ENDED:
        missing.append(f"'fallback: ended' to {_label(final)}")
    if event.buffered_messages is None:
        missing.append(
            "'buffered_messages' (nl and en) to the event: how submitted and buffered "
            "messages, inbound and outbound, are handled"
        )
    if missing:
        yield warning(
            event.path,
            final.line,
            "P11",
            f"{_label(final)} ends the disruption ('{final.status}') after the fallback "
            f"procedure was allowed; add {' and '.join(missing)}",
        )


def check_recovery_follows_disruption(event: Event, context: RuleContext) -> Iterable[Finding]:
    """P12 (Structureel herstel (noodchange): "vooraf afgestemd ... en gecommuniceerd").

    An ``unplanned-maintenance`` event names the ``disruption`` it ``follows`` (an existing
    event id) and is ``announced`` strictly before its ``start``.
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
                f"follows '{event.follows}' is a {_kind(target)}, not a disruption: name the "
                "disruption this structural recovery follows",
            )
    if event.announced is not None and event.announced >= event.start:
        yield warning(
            event.path,
            event.line_of("announced"),
            "P12",
            f"announced ({_when(event.announced, context)}) is not before start "
            f"({_when(event.start, context)}): structural recovery is agreed and communicated "
            "in advance; check both times, and announce it before it starts",
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
            f"{_label(final)} ends with 'no-fault', but {_label(confirmed)} already reported "
            f"'{confirmed.status}': a confirmed disruption cannot end as no fault; end it with "
            "'resolved' or 'workaround'",
        )


FORMAT_RULES: tuple[EventRule, ...] = (check_chronology,)
PROTOCOL_RULES: tuple[EventRule, ...] = (
    check_notice_period,
    check_planned_window,
    check_overrun_announced,
    check_overrun_update_cadence,
    check_end_reported,
    check_next_update_stated,
    check_promises_kept,
    check_investigation_followed_up,
    check_fallback_decision,
    check_fallback_ended_and_buffered,
    check_recovery_follows_disruption,
    check_no_fault_only_after_investigation,
)
