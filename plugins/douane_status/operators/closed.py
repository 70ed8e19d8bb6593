"""What an operator can do with an event that is closed: its timeline ends with a final update
(OUT006: no update after a final one), so ``update`` and ``close`` refuse it and say instead
which command starts the follow-up event, or which lines to edit to correct the final update."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from ..domain.model import Event, EventType, Status
from . import authoring as a


def closed_event_message(event: Event, text: str, shown: str, tz: ZoneInfo) -> str:
    """The refusal with the next steps, each a command or lines to edit."""
    final = event.latest
    first, last = a.last_update_lines(text, shown)
    lines_said = f"line {first}" if first == last else f"lines {first}-{last}"
    systems = ",".join(event.systems)
    steps = []
    if event.type is EventType.DISRUPTION:
        steps.append(
            f"the disruption is back: start a new event: invoke new --type disruption "
            f"--systems {systems}"
        )
        if final.status is not Status.NO_FAULT:  # no fault found: nothing to recover from (P12)
            steps.append(
                f"a structural recovery (noodchange) follows it: invoke new --type "
                f"unplanned-maintenance --systems {systems} --follows {event.id} "
                f"--start HH:MM --end HH:MM"
            )
    else:
        steps.append(
            f"the work is planned again: invoke new --type {event.type} --systems {systems} "
            f"--start 'YYYY-MM-DD HH:MM' --end 'YYYY-MM-DD HH:MM'"
        )
    steps.append(
        f"the final update itself is wrong: edit {lines_said} of {shown} (it stays the last "
        "update), then run: invoke check"
    )
    return "\n".join(
        [
            f"{shown}:{first}: OUT006: the event is closed: update {final.number} "
            f"('{final.status}', {a.file_time(final.at, tz)}) is final and no update may follow "
            "it. Instead:",
            *(f"  - {step}" for step in steps),
        ]
    )
