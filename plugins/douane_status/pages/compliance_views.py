"""What the compliance page shows, in one language: the facts of ``compliance`` as words.

The checker's messages stay as the build printed them (English); the page marks their language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.model import EventType, Lang
from ..presentation import i18n
from ..reports.compliance import EventFacts

if TYPE_CHECKING:
    from .views import EventView, Moment


@dataclass(frozen=True)
class RuleTotal:
    code: str
    text: str  # what the rule asks, in the page's language ("" for a code without words)
    count: int


@dataclass(frozen=True)
class PromiseRow:
    update: int
    url: str  # the update on the event page
    promised: Moment
    actual: Moment | None
    late_minutes: int | None


@dataclass(frozen=True)
class OverrunRow:
    update: int
    url: str
    at: Moment
    minutes_before_planned_end: int
    expected_end: Moment | None


@dataclass(frozen=True)
class WarningRow:
    code: str
    line: int
    message: str


@dataclass(frozen=True)
class EventCompliance:
    event: EventView
    notice: str | None  # planned types only
    fallback_decision: str | None  # disruptions only
    promises: tuple[PromiseRow, ...]
    overruns: tuple[OverrunRow, ...]
    warnings: tuple[WarningRow, ...]


def rule_totals(totals: Mapping[str, int], lang: Lang) -> tuple[RuleTotal, ...]:
    def text(code: str) -> str:
        key = f"rule_{code}"
        return i18n.word(key, lang) if key in i18n.WORDS else ""

    return tuple(RuleTotal(code, text(code), count) for code, count in totals.items())


def _minutes(amount: int, lang: Lang) -> str:
    return i18n.word("minutes_one" if amount == 1 else "minutes", lang, count=amount)


def event_compliance(
    facts: EventFacts,
    view: EventView,
    lang: Lang,
    moment: Callable[[dt.datetime | None], Moment | None],
) -> EventCompliance:
    days = facts.notice_working_days
    notice = None
    if days is not None:
        key = "compliance_working_days_one" if days == 1 else "compliance_working_days"
        notice = i18n.word(key, lang, count=days)
    decision = None
    if facts.event.type is EventType.DISRUPTION:
        minutes = facts.fallback_decision_minutes
        decision = (
            i18n.word("compliance_fallback_none", lang)
            if minutes is None
            else i18n.word("compliance_fallback_after", lang, minutes=_minutes(minutes, lang))
        )
    return EventCompliance(
        view,
        notice,
        decision,
        tuple(
            PromiseRow(
                p.update,
                f"{view.url}#update-{p.update}",
                moment(p.promised),  # type: ignore[arg-type]  (never None here)
                moment(p.actual),
                p.late_minutes,
            )
            for p in facts.promises
        ),
        tuple(
            OverrunRow(
                o.update,
                f"{view.url}#update-{o.update}",
                moment(o.at),  # type: ignore[arg-type]  (never None here)
                o.minutes_before_planned_end,
                moment(o.expected_end),
            )
            for o in facts.overrun_notices
        ),
        tuple(WarningRow(w.code, w.line, w.message) for w in facts.warnings),
    )
