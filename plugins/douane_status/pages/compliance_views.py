"""What the compliance page shows, in one language: the facts of ``compliance`` as words.

A warning shows as its rule in the page's language; the check's own message (English, with the
source line) stays where operators read it: in ``invoke check``, the build's output and the JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from ..domain.model import EventType, Lang
from ..domain.update_keys import update_anchor, update_keys
from ..presentation import i18n
from ..presentation.urls import COMPLIANCE_JSON
from ..reports.compliance import ComplianceReport, EventFacts
from .language_views import LanguageViews
from .view_models import EventView, Moment, Page


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
    rule: str  # what the rule asks, in the page's language


@dataclass(frozen=True)
class EventCompliance:
    event: EventView
    notice: str | None  # planned types only
    first_message: str | None  # disruptions only
    fallback_decision: str | None  # disruptions only
    promises: tuple[PromiseRow, ...]
    overruns: tuple[OverrunRow, ...]
    warnings: tuple[WarningRow, ...]


def _rule_text(code: str, lang: Lang) -> str:
    key = f"rule_{code}"
    return i18n.word(key, lang) if key in i18n.WORDS else ""


def rule_totals(totals: Mapping[str, int], lang: Lang) -> tuple[RuleTotal, ...]:
    return tuple(RuleTotal(code, _rule_text(code, lang), count) for code, count in totals.items())


def _minutes(amount: int, lang: Lang) -> str:
    return i18n.word("minutes_one" if amount == 1 else "minutes", lang, count=amount)


def event_compliance(facts: EventFacts, views: LanguageViews) -> EventCompliance:
    """One event's protocol facts in the page's language."""
    view, lang, moment = views.event(facts.event), views.lang, views.moment
    keys = update_keys(facts.event)
    days = facts.notice_working_days
    notice = None
    if days is not None:
        key = "compliance_working_days_one" if days == 1 else "compliance_working_days"
        notice = i18n.word(key, lang, count=days)
    decision = first = None
    if facts.first_message_minutes is not None:
        first = i18n.word(
            "compliance_first_message_after",
            lang,
            minutes=_minutes(facts.first_message_minutes, lang),
        )
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
        first,
        decision,
        tuple(
            PromiseRow(
                p.update,
                f"{view.url}#{update_anchor(keys[p.update - 1])}",
                moment(p.promised),
                moment(p.actual),
                p.late_minutes,
            )
            for p in facts.promises
        ),
        tuple(
            OverrunRow(
                o.update,
                f"{view.url}#{update_anchor(keys[o.update - 1])}",
                moment(o.at),
                o.minutes_before_planned_end,
                moment(o.expected_end),
            )
            for o in facts.overrun_notices
        ),
        tuple(WarningRow(w.code, _rule_text(w.code, lang)) for w in facts.warnings),
    )


def compliance_page(views: LanguageViews, report: ComplianceReport) -> Page:
    """The protocol facts per published event; internal, so noindex and not in the navigation."""
    lang = views.lang
    totals = rule_totals(report.totals, lang)
    page = views.page(
        "compliance",
        "compliance.html",
        i18n.word("compliance_title", lang),
        generated=views.moment(report.generated_at),
        totals=totals,
        total=sum(t.count for t in totals),
        events=[event_compliance(f, views) for f in report.events],
        json_url=views.site_url + COMPLIANCE_JSON,
    )
    return replace(page, noindex=True)
