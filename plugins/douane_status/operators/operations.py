"""The operator's tasks: a new event, one more update, the final update.

Each gathers the facts (settings, systems, phrasebook, the event as it is), composes the new text
with ``authoring``, checks it with the checker and writes it only when it has no errors. Operator
mistakes (an unknown system, a status that does not fit) are ``UsageError`` with what to do.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from ..domain.config import StatusSettings
from ..domain.errors import UsageError
from ..domain.findings import Finding, has_errors
from ..domain.model import Catalog, Event, EventType, Fallback, Status, Text, statuses_for
from ..domain.workdays import WorkCalendar
from ..reading.catalog import read_catalog
from ..reading.phrases import Phrasebook, load_phrasebook
from ..reading.source import display_path
from ..rules.content import OUTAGES_DIR, load_content, outage_files
from . import authoring as a
from .planning import describe, plan_advice
from .staging import check_candidate, write_atomic

# The protocol asks for "regular" updates during a disruption without a number; an hour is the
# helpdesk's habit and the operator can give --next.
DISRUPTION_NEXT_MINUTES = 60


@dataclass(frozen=True)
class Outcome:
    path: Path
    shown: str  # the path as findings show it
    written: bool
    findings: tuple[Finding, ...]
    notes: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Workspace:
    """What every task needs to know about the project, read once."""

    project: Path
    content_dir: Path
    settings: StatusSettings
    catalog: Catalog
    phrases: Phrasebook
    calendar: WorkCalendar

    @classmethod
    def open(cls, project: Path, settings: StatusSettings) -> Workspace:
        content_dir = project / "content"
        catalog, findings = read_catalog(content_dir, project, settings.tz)
        errors = [f for f in findings if f.is_error]
        if errors:
            raise UsageError(
                "the reference data has errors; fix them first:\n"
                + "\n".join(f.as_text() for f in errors)
            )
        phrases = load_phrasebook(content_dir, project)
        return cls(project, content_dir, settings, catalog, phrases, WorkCalendar(settings))

    @property
    def tz(self) -> ZoneInfo:
        return self.settings.tz

    def shown(self, path: Path) -> str:
        return display_path(path, self.project)

    def values(self, systems: Sequence[str], **moments: dt.datetime | None) -> dict[str, Text]:
        return a.placeholder_values(self.catalog, systems, self.tz, **moments)

    def commit(self, path: Path, text: str, now: dt.datetime, notes: Sequence[str]) -> Outcome:
        """Check the new text; write it only when the checker finds no errors in it."""
        findings = check_candidate(self.content_dir, self.project, path, text, self.settings, now)
        written = not has_errors(findings)
        if written:
            write_atomic(path, text)
        return Outcome(path, self.shown(path), written, findings, tuple(notes))


# -- option parsing ------------------------------------------------------------------------------


def _choice(option: str, value: str, allowed: Sequence[str]) -> str:
    if value in allowed:
        return value
    close = difflib.get_close_matches(value, allowed, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    raise UsageError(f"{option} '{value}' is not known{hint}; use one of: {', '.join(allowed)}")


def _systems(option_text: str, catalog: Catalog) -> tuple[str, ...]:
    known = tuple(sorted(catalog.system_ids))
    chosen: list[str] = []
    for item in (s.strip() for s in option_text.split(",")):
        if not item:
            continue
        system_id = _choice("--systems: system", item, known)
        if system_id not in chosen:
            chosen.append(system_id)
    if not chosen:
        raise UsageError(f"--systems names no system; known: {', '.join(known)}")
    return tuple(chosen)


def _texts(option: str, nl: str | None, en: str | None) -> Text | None:
    """Both languages or neither (then the phrasebook's sentence is used)."""
    if nl is None and en is None:
        return None
    if not (nl or "").strip() or not (en or "").strip():
        raise UsageError(
            f"give both --{option}nl and --{option}en: every message is in Dutch and English"
        )
    assert nl is not None and en is not None
    return Text(nl.strip(), en.strip())


def _time(ws: Workspace, option: str, text: str | None, now: dt.datetime) -> dt.datetime | None:
    return None if text is None else a.parse_operator_time(option, text, ws.tz, now)


def all_ids(content_dir: Path) -> set[str]:
    return {p.stem for p in outage_files([content_dir / OUTAGES_DIR])}


# -- new -----------------------------------------------------------------------------------------


def new_event(
    ws: Workspace,
    *,
    type_text: str,
    systems_text: str,
    now: dt.datetime,
    start_text: str | None = None,
    end_text: str | None = None,
    title_nl: str | None = None,
    title_en: str | None = None,
    fallback_possible: bool = False,
) -> Outcome:
    event_type = EventType(_choice("--type", type_text, tuple(EventType)))
    systems = _systems(systems_text, ws.catalog)
    at = a.minute(now)
    start = _time(ws, "--start", start_text, now)
    end = _time(ws, "--end", end_text, now)
    if event_type.is_planned and (start is None or end is None):
        raise UsageError(f"a {event_type} needs --start and --end (the planned window)")
    start = start or at
    if end is not None and end <= start:
        raise UsageError("--end must be after --start")
    title = _texts("title-", title_nl, title_en)
    fill = ws.values(systems, start=start, end=end)
    if event_type.is_planned:
        assert end is not None
        sentence = "fallback_possible" if fallback_possible else "fallback_not_possible"
        first = a.NewUpdate(
            at,
            Status.SCHEDULED,
            a.join_texts(
                [
                    ws.phrases.fill("statuses", Status.SCHEDULED, fill),
                    ws.phrases.fill("sentences", sentence, fill),
                ]
            ),
        )
    else:
        promised = at + dt.timedelta(minutes=ws.settings.investigation_followup_minutes)
        moments = ws.values(systems, start=start, end=end, at=at, next_update=promised)
        first = a.NewUpdate(
            at,
            Status.INVESTIGATING,
            a.join_texts(
                [
                    ws.phrases.fill("statuses", Status.INVESTIGATING, moments),
                    ws.phrases.fill("sentences", "next_update", moments),
                ]
            ),
            next_update=promised,
        )
    event = a.NewEvent(
        type=event_type,
        title=title or ws.phrases.fill("titles", event_type, fill),
        systems=systems,
        start=start,
        body=ws.phrases.fill("bodies", event_type, fill),
        first_update=first,
        end=end,
        announced=at if event_type.is_planned else None,
        fallback_possible=fallback_possible if event_type.is_planned else None,
    )
    year = start.astimezone(ws.tz).year
    event_id = a.new_event_id(
        event_type, systems, start.astimezone(ws.tz).date(), all_ids(ws.content_dir)
    )
    path = ws.content_dir / OUTAGES_DIR / str(year) / f"{event_id}.md"
    notes = []
    if end is not None:
        advice = plan_advice(
            event_type, at, start, end, ws.catalog, ws.calendar, ws.settings.notice_working_days
        )
        if advice is not None:
            notes = describe(advice, event_type, ws.tz)
    return ws.commit(path, a.render_event(event, ws.tz), now, notes)


# -- update and close ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Current:
    path: Path
    shown: str
    text: str
    event: Event


def find_event(ws: Workspace, reference: str) -> Path:
    """An event id (the file name without ``.md``) or a path to the file."""
    candidate = Path(reference)
    outages = (ws.content_dir / OUTAGES_DIR).resolve()
    for path in (candidate, ws.project / candidate):
        if reference.endswith(".md") and path.is_file():
            if not path.resolve().is_relative_to(outages):
                raise UsageError(f"{reference} is not an outage file below {OUTAGES_DIR}/")
            return path.resolve()
    by_id = {p.stem: p for p in outage_files([ws.content_dir / OUTAGES_DIR])}
    if reference in by_id:
        return by_id[reference]
    close = difflib.get_close_matches(reference, sorted(by_id), n=1, cutoff=0.5)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    raise UsageError(
        f"no event '{reference}' in {OUTAGES_DIR}/{hint}: give the file name without .md"
    )


def _current(ws: Workspace, reference: str, now: dt.datetime) -> _Current | Outcome:
    """The event as it is, or an Outcome with the errors that must be fixed first."""
    path = find_event(ws, reference)
    shown = ws.shown(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{shown} is not UTF-8: save it as UTF-8 first") from None
    content = load_content(ws.content_dir, ws.settings, now, root=ws.project, only=[path])
    errors = tuple(f for f in content.findings if f.is_error)
    event = next((e for e in content.events if e.path == shown), None)
    if errors or event is None:
        note = "The file has errors; nothing was changed. Fix them first (invoke check)."
        return Outcome(path, shown, False, errors, (note,))
    return _Current(path, shown, text, event)


def _at(current: _Current, now: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    at = a.minute(now)
    event = current.event
    if event.is_closed:
        final = event.latest
        raise UsageError(
            f"{current.shown} is closed (update {final.number}: '{final.status}'): a closed event "
            "gets no more updates"
        )
    if at < event.latest.at:
        raise UsageError(
            f"--now is before the latest update ({a.file_time(event.latest.at, tz)}): updates "
            "go oldest first"
        )
    return at


def _default_next(ws: Workspace, event: Event, status: Status, at: dt.datetime) -> int | None:
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


def update_event(
    ws: Workspace,
    reference: str,
    *,
    status_text: str | None,
    now: dt.datetime,
    fallback_text: str | None = None,
    next_minutes: int | None = None,
    expected_end_text: str | None = None,
    nl: str | None = None,
    en: str | None = None,
    buffered: bool = False,
) -> Outcome:
    current = _current(ws, reference, now)
    if isinstance(current, Outcome):
        return current
    event = current.event
    allowed = tuple(statuses_for(event.type))
    if status_text is None:
        raise UsageError(f"give --status; for a {event.type}: {', '.join(allowed)}")
    status = Status(_choice("--status", status_text, allowed))
    fallback = (
        Fallback(_choice("--fallback", fallback_text, tuple(Fallback))) if fallback_text else None
    )
    at = _at(current, now, ws.tz)
    expected_end = _time(ws, "--expected-end", expected_end_text, now)
    if status is Status.OVERRUN and expected_end is None:
        raise UsageError("an overrun needs --expected-end (the new expected end time)")
    if next_minutes is not None and next_minutes < 0:
        raise UsageError("--next is a number of minutes from now (0: no next update)")
    minutes = _default_next(ws, event, status, at) if next_minutes is None else next_minutes
    promised = at + dt.timedelta(minutes=minutes) if minutes else None
    text = _texts("", nl, en)
    if text is None:
        values = ws.values(
            event.systems,
            start=event.start,
            end=event.end,
            at=at,
            next_update=promised,
            expected_end=expected_end,
        )
        parts = [ws.phrases.fill("statuses", status, values)]
        if fallback is not None:
            parts.append(ws.phrases.fill("fallback", fallback, values))
        if buffered:
            parts.append(ws.phrases.fill("sentences", "messages_buffered", values))
        if promised is not None:
            parts.append(ws.phrases.fill("sentences", "next_update", values))
        text = a.join_texts(parts)
    update = a.NewUpdate(at, status, text, promised, expected_end, fallback)
    new_text = a.append_update(current.text, update, ws.tz, current.shown)
    notes = []
    if status.is_final:
        notes.append(
            "Tip: 'invoke close' also ends the fallback procedure and adds the "
            "buffered-message instructions (P11)."
        )
    return ws.commit(current.path, new_text, now, notes)


def close_event(
    ws: Workspace,
    reference: str,
    *,
    now: dt.datetime,
    status_text: str | None = None,
    nl: str | None = None,
    en: str | None = None,
    buffered_nl: str | None = None,
    buffered_en: str | None = None,
) -> Outcome:
    current = _current(ws, reference, now)
    if isinstance(current, Outcome):
        return current
    event = current.event
    finals = tuple(s for s in statuses_for(event.type) if s.is_final)
    default = Status.RESOLVED if event.type is EventType.DISRUPTION else Status.COMPLETED
    status = Status(_choice("--status", status_text, finals)) if status_text else default
    if status is Status.NO_FAULT and any(
        u.status is not Status.INVESTIGATING for u in event.updates
    ):
        raise UsageError(
            "no-fault is only for an event whose every update is 'investigating' (P13): a "
            "confirmed disruption ends as resolved or workaround"
        )
    at = _at(current, now, ws.tz)
    was_allowed = any(u.fallback is Fallback.ALLOWED for u in event.updates)
    fallback = Fallback.ENDED if was_allowed else None
    values = ws.values(event.systems, start=event.start, end=at, at=at)
    text = _texts("", nl, en)
    if text is None:
        parts = [ws.phrases.fill("statuses", status, values)]
        if fallback is not None:
            parts.append(ws.phrases.fill("fallback", fallback, values))
        text = a.join_texts(parts)
    new_text = a.append_update(
        current.text, a.NewUpdate(at, status, text, fallback=fallback), ws.tz, current.shown
    )
    notes = []
    given = _texts("buffered-", buffered_nl, buffered_en)
    needs_buffered = (
        was_allowed and event.type is EventType.DISRUPTION and event.buffered_messages is None
    )
    if needs_buffered or (given is not None and event.buffered_messages is None):
        buffered = given or ws.phrases.fill("sentences", "buffered_messages", values)
        new_text = a.append_text_field(new_text, "buffered_messages", buffered, current.shown)
        source = "as given" if given else "from the phrasebook; edit it in the file if needed"
        notes.append(f"Added buffered_messages ({source}): {buffered.nl}")
    elif given is not None:
        raise UsageError(f"{current.shown} already has buffered_messages: edit them in the file")
    if fallback is not None:
        notes.append("The fallback procedure is ended in the final update (fallback: ended).")
    return ws.commit(current.path, new_text, now, notes)
