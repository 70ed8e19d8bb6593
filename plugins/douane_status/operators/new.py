"""``invoke new``: an outage file with its first update; planned work gets P02/P03 advice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..domain.errors import UsageError
from ..domain.model import EventType, Status, Text
from ..domain.timestamps import ClockDay, is_clock_only
from ..rules.content import OUTAGES_DIR
from . import authoring as a
from .lookup import find_event, read_one
from .options import NewOptions
from .planning import describe, plan_advice
from .workspace import Outcome, Workspace, all_ids, both_languages, choice, chosen_systems
from .workspace import operator_time as time_of


@dataclass(frozen=True)
class _Window:
    """What the options say about the event, checked."""

    type: EventType
    systems: tuple[str, ...]
    start: dt.datetime
    end: dt.datetime | None


def new_event(ws: Workspace, options: NewOptions, now: dt.datetime) -> Outcome:
    """Write the new event's file when the checker finds no errors in it."""
    window = _window(ws, options, now)
    at = a.minute(now)
    fill = ws.values(window.systems, start=window.start, end=window.end)
    planned = window.type.is_planned
    title = both_languages("title-", options.title_nl, options.title_en)
    first = _first_update(ws, window, at, options.fallback_possible)
    event = a.NewEvent(
        type=window.type,
        title=title or ws.phrases.fill("titles", window.type, fill),
        systems=window.systems,
        start=window.start,
        body=ws.phrases.fill("bodies", window.type, fill),
        first_update=first,
        end=window.end,
        announced=at if planned else None,
        fallback_possible=options.fallback_possible if planned else None,
        follows=_follows(ws, window.type, options.follows),
    )
    local_start = window.start.astimezone(ws.tz)
    event_id = a.new_event_id(
        window.type, window.systems, local_start.date(), all_ids(ws.content_dir)
    )
    path = ws.content_dir / OUTAGES_DIR / str(local_start.year) / f"{event_id}.md"
    notes = [*_dates_read(ws, options, window, now), *_advice(ws, window, at)]
    return ws.commit(path, a.render_event(event, ws.tz), now, notes)


def _dates_read(ws: Workspace, options: NewOptions, window: _Window, now: dt.datetime) -> list[str]:
    """Say on which date a time of day alone was placed when that is not the date of --now."""
    today = now.astimezone(ws.tz).date()
    notes = []
    for option, given, moment in (
        ("--start", options.start, window.start),
        ("--end", options.end, window.end),
    ):
        if given is None or moment is None or not is_clock_only(given):
            continue
        day = moment.astimezone(ws.tz).date()
        if day != today:
            relation = "the day before" if day < today else "a later day than"
            notes.append(
                f"{option} {given.strip()} is read as {a.file_time(moment, ws.tz)} ({relation} "
                "--now); give the date to mean another day."
            )
    return notes


def _window(ws: Workspace, options: NewOptions, now: dt.datetime) -> _Window:
    event_type = EventType(choice("--type", options.type_, tuple(EventType)))
    systems = chosen_systems(options.systems, ws.catalog)
    # a disruption began before it is reported; planned work starts after it is announced
    start_day: ClockDay = "at-or-after" if event_type.is_planned else "at-or-before"
    start = time_of(ws, "--start", options.start, now, start_day)
    if event_type.is_planned and (start is None or options.end is None):
        raise UsageError(f"a {event_type} needs --start and --end (the planned window)")
    start = start or a.minute(now)
    if not event_type.is_planned and start > now:
        raise UsageError(
            f"--start {a.file_time(start, ws.tz)} is after --now ({a.file_time(now, ws.tz)}): a "
            "disruption's start is when it began; give that time (HH:MM is at or before --now)"
        )
    end = time_of(ws, "--end", options.end, start, "at-or-after")
    if end is not None and end <= start:
        raise UsageError("--end must be after --start")
    return _Window(event_type, systems, start, end)


def _follows(ws: Workspace, event_type: EventType, name: str | None) -> str | None:
    """The id of the closed disruption a structural recovery follows (P12)."""
    if name is None:
        return None
    if event_type is not EventType.UNPLANNED_MAINTENANCE:
        raise UsageError(
            "--follows is for --type unplanned-maintenance (a structural recovery after a "
            "disruption); a new disruption stands on its own"
        )
    path = find_event(ws.project, ws.content_dir, ws.catalog, ws.tz, name)
    target = read_one(path, ws.catalog, ws.tz, ws.project)
    shown = ws.shown(path)
    if target is None:
        raise UsageError(f"--follows: {shown} has errors; fix them first (invoke check)")
    if target.type is not EventType.DISRUPTION:
        raise UsageError(f"--follows: {shown} is a {target.type}; give the disruption (P12)")
    if not target.is_closed:
        raise UsageError(
            f"--follows: the disruption {target.id} is still open; a structural recovery starts "
            f"after it ends (P12): first run: invoke close {target.id}"
        )
    if target.latest.status is Status.NO_FAULT:
        raise UsageError(
            f"--follows: {target.id} ended as no-fault: no disruption happened, so there is "
            "nothing to recover from (P12). Give the disruption this work repairs; work without "
            "one is planned maintenance: --type maintenance"
        )
    return target.id


def _first_update(
    ws: Workspace, window: _Window, at: dt.datetime, fallback_possible: bool
) -> a.NewUpdate:
    """Planned work: scheduled, and whether the fallback may be used. Otherwise: under
    investigation, with the next communication moment the protocol asks for."""
    if window.type.is_planned:
        fill = ws.values(window.systems, start=window.start, end=window.end)
        sentence = "fallback_possible" if fallback_possible else "fallback_not_possible"
        return a.NewUpdate(at, Status.SCHEDULED, _say(ws, Status.SCHEDULED, sentence, fill))
    promised = at + dt.timedelta(minutes=ws.settings.investigation_followup_minutes)
    moments = ws.values(
        window.systems, start=window.start, end=window.end, at=at, next_update=promised
    )
    text = _say(ws, Status.INVESTIGATING, "next_update", moments)
    return a.NewUpdate(at, Status.INVESTIGATING, text, next_update=promised)


def _say(ws: Workspace, status: Status, sentence: str, values: dict[str, Text]) -> Text:
    return a.join_texts(
        [
            ws.phrases.fill("statuses", status, values),
            ws.phrases.fill("sentences", sentence, values),
        ]
    )


def _advice(ws: Workspace, window: _Window, at: dt.datetime) -> list[str]:
    """Planned work: whether it is announced early enough (P02) and inside a window (P03)."""
    if window.end is None:
        return []
    advice = plan_advice(
        window.type,
        at,
        window.start,
        window.end,
        ws.catalog,
        ws.calendar,
        ws.settings.notice_working_days,
    )
    return [] if advice is None else describe(advice, window.type, ws.tz)
