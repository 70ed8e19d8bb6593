"""The protocol's rules for planned work (maintenance and releases): P02-P06.

Notice period, the agreed windows, and what an overrun owes: its announcement, regular updates and
the reported end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from ..domain.check_messages import say
from ..domain.findings import Finding, warning
from ..domain.model import Event, EventType, Status, Update, Window, WindowKind
from ..domain.workdays import WorkCalendar
from .context import (
    RuleContext,
    announcement,
    kind_of,
    label,
    minutes_limit,
    span,
    when,
    work_end,
)


def check_notice_period(event: Event, context: RuleContext) -> Iterable[Finding]:
    """P02 (Communicatie bij geplande onbeschikbaarheid: "Minimaal 10 werkdagen voorafgaande").

    A maintenance or release is announced with at least 10 working days strictly between the
    announcement date and the ``start`` date (local dates). The announcement is the later of
    ``announced`` and the first update: a message is communicated when it is published.
    """
    moment = announcement(event)
    if event.type not in (EventType.MAINTENANCE, EventType.RELEASE) or moment is None:
        return
    needed = context.settings.notice_working_days
    announced = context.calendar.local_date(moment)
    start = context.calendar.local_date(event.start)
    days = context.calendar.working_days_between(announced, start, limit=needed)
    if days >= needed:
        return
    latest = context.calendar.latest_notice_date(start, needed)
    line, source = event.line_of("announced"), ""
    if event.announced is not None and moment > event.announced:
        first = event.updates[0]
        line = first.line
        source = (
            f" (by its first message, {label(first)} at {when(first.at, context)}; 'announced' "
            f"says {context.calendar.local_date(event.announced)})"
        )
    yield warning(
        event.path,
        line,
        "P02",
        f"the {kind_of(event)} on {start} was announced on {announced}{source}, with {days} "
        f"working day{'s' if days != 1 else ''} in between; the protocol asks for at least "
        f"{needed} working days' notice, so announce by {latest} at the latest. If 'announced' "
        "or the first update's 'at' is wrong, correct it; if not, the late notice is recorded "
        "and the message is still published",
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
            f"it runs {when(event.start, context)} to {when(event.end, context)}, outside the "
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

    A planned event that runs past its planned ``end`` (completed, or cancelled after its start,
    after it; or still open after it at now) has an ``overrun`` update published no later than 30
    minutes before that end. A late ``overrun`` notice is judged when it is published, also while
    the planned end is still ahead: the operator can still act on it.
    """
    if not event.type.is_planned or event.end is None:
        return
    notice = minutes_limit(context.settings.overrun_notice_minutes)
    planned_end = when(event.end, context)
    overruns = [u for u in event.updates if u.status is Status.OVERRUN]
    if overruns:
        if any(event.end - u.at >= notice for u in overruns):
            return
        first = overruns[0]
        before = event.end - first.at
        side = "span_before" if before >= dt.timedelta(0) else "span_after"
        yield warning(
            event.path,
            first.line,
            "P04",
            say(
                "overrun_late",
                label=label(first),
                at=when(first.at, context),
                relation=say(side, span=span(before)),
                end=planned_end,
                notice=span(notice),
                due=when(event.end - notice, context),
            ),
        )
        return
    final = event.final_update
    kind = say(f"kind_{event.type}")
    if final is not None:
        ended = work_end(event)
        if ended is None or ended.at <= event.end:
            return
        verb = "ran_past_completes" if ended.status is Status.COMPLETED else "ran_past_cancels"
        ran_past = say(verb, label=label(final), kind=kind, at=when(final.at, context))
        line = final.line
    else:
        if context.now <= event.end:
            return
        ran_past = say("ran_past_open", kind=kind, now=when(context.now, context))
        line = event.line_of("end")
    yield warning(
        event.path,
        line,
        "P04",
        say(
            "overrun_missing",
            ran_past=ran_past,
            end=planned_end,
            notice=span(notice),
            due=when(event.end - notice, context),
        ),
    )


def overrun_update_due(gap_start: dt.datetime, calendar: WorkCalendar) -> dt.datetime:
    """P05: when the next update is due in an overrun, for a gap that starts at ``gap_start``
    (the later of the planned end and the previous update): the earlier of 120 minutes later
    and 60 minutes after office hours begin (or ``gap_start`` itself, inside them)."""
    settings = calendar.settings
    office = calendar.office_hours_from(gap_start)
    return min(
        gap_start + minutes_limit(settings.overrun_update_outside_minutes),
        office + minutes_limit(settings.overrun_update_office_minutes),
    )


def check_overrun_update_cadence(event: Event, context: RuleContext) -> Iterable[Finding]:
    """P05 (Uitloop: "tijdens kantoortijden elk uur en buiten kantoortijden elke 2 uur ge-update").

    The overrun runs from the planned ``end`` until the ``completed`` update (or ``cancelled``
    after the start). After the later of the planned end and the previous update, at instant t,
    the next update is due by the earlier of t + 120 minutes and o + 60 minutes, where o is the
    first instant at or after t inside office hours (inside them, o is t itself).

    A promise is judged when it is made: an update in the overrun, or an ``overrun`` update
    before the planned end, whose ``next_update`` lies beyond the due time that counts from it
    (from the planned end for an update before it) is P05 at once. One finding per gap: a gap
    reported for its promise is not reported again when the update that closes it comes late.
    """
    if not event.type.is_planned or event.end is None:
        return
    if event.final_update is not None and work_end(event) is None:
        return
    previous: Update | None = None
    promise_reported = False  # whether the gap after ``previous`` was reported for its promise
    for update in event.updates:
        if update.at > event.end and not promise_reported:
            yield from _late_update(event, previous, update, context)
        promise_reported = False
        if _promise_judged(event, update):
            finding = _promise_beyond_due(event, update, context)
            if finding is not None:
                promise_reported = True
                yield finding
        previous = update


def _promise_judged(event: Event, update: Update) -> bool:
    """Whether P05 judges this update's ``next_update``: it lies in the overrun (at or after the
    planned end), or it announces the overrun before the planned end."""
    assert event.end is not None
    if update.next_update is None or update.status.is_final:
        return False
    return update.at >= event.end or update.status is Status.OVERRUN


def _gap_start(event: Event, previous: Update | None) -> tuple[dt.datetime, str]:
    """Where a gap in the overrun starts: the later of the planned end and the previous update."""
    assert event.end is not None
    if previous is not None and previous.at > event.end:
        return previous.at, say("since_update", number=previous.number)
    return event.end, say("since_planned_end")


def _due_words(gap_start: dt.datetime, due: dt.datetime, context: RuleContext) -> tuple[str, str]:
    """Whether the gap starts inside or outside office hours, and, when their begin decides the
    due time, the words that say so."""
    settings = context.settings
    office = context.calendar.office_hours_from(gap_start)
    if office == gap_start:
        return say("inside_office_hours"), ""
    if due == gap_start + minutes_limit(settings.overrun_update_outside_minutes):
        return say("outside_office_hours"), ""
    limit = minutes_limit(settings.overrun_update_office_minutes)
    reason = say("office_hours_decide", span=span(limit), office=when(office, context))
    return say("outside_office_hours"), reason


def _cadence(context: RuleContext) -> str:
    settings = context.settings
    return say(
        "overrun_cadence",
        office=settings.overrun_update_office_minutes,
        outside=settings.overrun_update_outside_minutes,
    )


def _late_update(
    event: Event, previous: Update | None, update: Update, context: RuleContext
) -> Iterable[Finding]:
    """P05 for the update that closes a gap in the overrun, when it comes after the due time."""
    gap_start, since = _gap_start(event, previous)
    due = overrun_update_due(gap_start, context.calendar)
    if update.at <= due:
        return
    office, reason = _due_words(gap_start, due, context)
    yield warning(
        event.path,
        update.line,
        "P05",
        say(
            "overrun_update_late",
            label=label(update),
            span=span(update.at - gap_start),
            since=since,
            start=when(gap_start, context),
            office=office,
            due=when(due, context),
            reason=reason,
            cadence=_cadence(context),
        ),
    )


def _promise_beyond_due(event: Event, update: Update, context: RuleContext) -> Finding | None:
    """P05 for an update whose promised next update lies beyond the due time counted from it."""
    assert event.end is not None and update.next_update is not None
    in_overrun = update.at > event.end
    gap_start = update.at if in_overrun else event.end
    due = overrun_update_due(gap_start, context.calendar)
    if update.next_update <= due:
        return None
    office, reason = _due_words(gap_start, due, context)
    return warning(
        event.path,
        update.line,
        "P05",
        say(
            "overrun_promise_late",
            label=label(update),
            next=when(update.next_update, context),
            span=span(update.next_update - due),
            since=say("since_own_time" if in_overrun else "since_planned_end"),
            start=when(gap_start, context),
            office=office,
            due=when(due, context),
            reason=reason,
            cadence=_cadence(context),
        ),
    )


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
            source = f"the expected end in {label(update)}"
            break
    if expected is None or context.now <= expected:
        return
    yield warning(
        event.path,
        line,
        "P06",
        f"the {kind_of(event)} should have ended at {when(expected, context)} ({source}), and at "
        f"now ({when(context.now, context)}) no update reports its end: the end is always "
        "reported. Add an update with status 'completed' (or 'cancelled'), or an 'overrun' "
        "update with a new 'expected_end'",
    )
