"""What every rule is given, and the phrasing their messages share.

A ``RuleContext`` holds the settings, "now", the catalogue, all events and the working-day
calendar; what several rules derive from it is worked out once per context. All instants are UTC;
a time shown in a message is local with its zone abbreviation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from ..domain.check_messages import say
from ..domain.config import StatusSettings
from ..domain.findings import Finding
from ..domain.model import Catalog, Event, EventType, Status, Update, Window
from ..domain.workdays import WorkCalendar


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


def when(moment: dt.datetime, context: RuleContext) -> str:
    """A moment as messages show it: local, with the zone ("2026-11-29 10:00 CET")."""
    return moment.astimezone(context.settings.tz).strftime("%Y-%m-%d %H:%M %Z")


def label(update: Update) -> str:
    """An update as messages name it: "update 2 (line 14)"."""
    return say("label_update", number=update.number, line=update.line)


def kind_of(event: Event) -> str:
    """The event's type in words: "unplanned maintenance"."""
    return str(event.type).replace("-", " ")


def span(delta: dt.timedelta) -> str:
    """A length of time in minutes, with seconds only when there are some: "31 minutes 5 s"."""
    seconds = int(delta.total_seconds())
    minutes, rest = divmod(abs(seconds), 60)
    text = say("minute" if minutes == 1 else "minutes", count=minutes)
    return text + say("seconds", count=rest) if rest else text


def minutes_limit(minutes: int) -> dt.timedelta:
    return dt.timedelta(minutes=minutes)


def work_end(event: Event) -> Update | None:
    """The update that ends planned work: ``completed``, or ``cancelled`` after the start.

    A ``cancelled`` update before the start calls the work off; after it, the work has run and
    ends there, so P04 and P05 judge it as they judge a ``completed`` one.
    """
    final = event.final_update
    if final is None:
        return None
    if final.status is Status.COMPLETED or (
        final.status is Status.CANCELLED and final.at > event.start
    ):
        return final
    return None


def announcement(event: Event) -> dt.datetime | None:
    """When a planned event was announced: the later of ``announced`` and its first update.

    A message is communicated when it is published, not when the file says it was (P02).
    """
    if event.announced is None:
        return None
    return max(event.announced, event.updates[0].at) if event.updates else event.announced


def with_next(event: Event) -> Iterable[tuple[Update, Update | None]]:
    """Each update with the one that follows it (None for the latest)."""
    return zip(event.updates, (*event.updates[1:], None), strict=True)
