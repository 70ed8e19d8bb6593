"""The compliance report: facts per published event, the build's warnings, totals per rule.

Unit tests of ``compliance`` against values worked out by hand, then two built sites read back:
the site fixture (one P08 warning) and tests/fixtures/compliance/content, built at
2026-11-29 10:00 CET, whose events give known warnings:

  2026-11-22-dms-kort-aangekondigd  maintenance announced Mon 16 Nov for Sun 22 Nov: 4 working
        days (17-20 Nov), P02; overrun notice at 11:45, 15 minutes before the planned end 12:00,
        P04; the promise of 12:45 kept by the completion at 12:40
  2026-11-24-ics2-verstoring  investigating 10:05 (next 10:35), disruption 10:50 (15 minutes
        late: P08; 45 minutes after the investigation: P09), fallback allowed 11:40 (50 minutes
        after the first disruption update: P10), resolved 12:30
  2026-11-29-ncts-verstoring  open; promised 09:40, overdue at now by 20 minutes: P08
  2025-10-01-dms-oud  P08 and P09, but past retention: not in the report
  2026-12-12-emcs-later  P02 and P03, but its first update is after now: not in the report
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

import lxml.html
import pytest
from conftest import REPO, build_into

from douane_status.domain.config import StatusSettings
from douane_status.domain.findings import error, warning
from douane_status.domain.model import Catalog, Event, EventType, Fallback, Status, Text, Update
from douane_status.domain.workdays import WorkCalendar
from douane_status.presentation.i18n import word
from douane_status.reports.compliance import (
    RULE_CODES,
    compliance_report,
    event_facts,
    fallback_decision_minutes,
    first_message_minutes,
    notice_working_days,
    overrun_notices,
    promises,
    rule_totals,
)
from douane_status.reports.compliance_file import compliance_json
from douane_status.rules.content import Content

AMS = ZoneInfo("Europe/Amsterdam")
SETTINGS = StatusSettings()
CALENDAR = WorkCalendar(SETTINGS)
COMPLIANCE_CONTENT = REPO / "tests" / "fixtures" / "compliance" / "content"
PAGES = {"nl": "rapportage/protocol/index.html", "en": "en/report/protocol/index.html"}
JSON_FILE = "report/protocol.json"


def at(text: str) -> dt.datetime:
    """'2026-11-29 10:00' in Amsterdam (or with an explicit offset), as UTC."""
    moment = dt.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=AMS)
    return moment.astimezone(dt.UTC)


def upd(
    number: int,
    when: str,
    status: str,
    *,
    next_update: str | None = None,
    expected_end: str | None = None,
    fallback: str | None = None,
) -> Update:
    return Update(
        number=number,
        line=10 * number,
        at=at(when),
        status=Status(status),
        text=Text("Tekst.", "Text."),
        next_update=at(next_update) if next_update else None,
        expected_end=at(expected_end) if expected_end else None,
        fallback=Fallback(fallback) if fallback else None,
    )


def make(
    kind: str,
    start: str,
    *updates: Update,
    end: str | None = None,
    announced: str | None = None,
    event_id: str = "2026-11-24-test",
) -> Event:
    return Event(
        id=event_id,
        path=f"content/outages/2026/{event_id}.md",
        type=EventType(kind),
        title=Text("Titel", "Title"),
        systems=("dms",),
        start=at(start),
        updates=updates,
        body=Text("Tekst.", "Text."),
        end=at(end) if end else None,
        announced=at(announced) if announced else None,
    )


# -- notice ------------------------------------------------------------------------------------


def test_notice_counts_working_days_strictly_between_skipping_holidays() -> None:
    # Thu 23 Apr 2026 -> Sun 10 May: 24 Apr, 28-30 Apr (27th is King's Day), 1 May, 4 May and
    # 6-8 May (5 May is Liberation Day): 1 + 3 + 1 + 1 + 3 = 9.
    event = make(
        "maintenance",
        "2026-05-10 08:00",
        upd(1, "2026-04-23 10:00", "scheduled"),
        end="2026-05-10 12:00",
        announced="2026-04-23 10:00",
    )
    assert notice_working_days(event, CALENDAR) == 9
    closed = WorkCalendar(replace(SETTINGS, closure_days=(dt.date(2026, 5, 4),)))
    assert notice_working_days(event, closed) == 8


def test_notice_uses_the_local_date_of_both_moments() -> None:
    # 23:30 UTC on Sunday 15 November is 00:30 on Monday 16 November in Amsterdam: the count
    # starts after Monday, so 17-20 Nov = 4 (a UTC date would have counted Monday too).
    event = make(
        "release",
        "2026-11-21 08:00",
        upd(1, "2026-11-16 00:30", "scheduled"),
        end="2026-11-21 10:00",
        announced="2026-11-15 23:30+00:00",
    )
    assert notice_working_days(event, CALENDAR) == 4


@pytest.mark.parametrize(
    ("first_at", "days"),
    [
        pytest.param("2026-11-15 23:59", 5, id="first-message-the-day-before"),
        pytest.param("2026-11-16 00:00", 4, id="first-message-on-the-announced-date"),
    ],
)
def test_notice_counts_from_the_first_message_when_it_is_later(first_at: str, days: int) -> None:
    # 'announced' claims 1 November; the message went out on 15 or 16 November (as P02 reads it)
    event = make(
        "release",
        "2026-11-21 08:00",
        upd(1, first_at, "scheduled"),
        end="2026-11-21 10:00",
        announced="2026-11-01 10:00",
    )
    assert notice_working_days(event, CALENDAR) == days


def test_notice_is_for_planned_types_only() -> None:
    disruption = make("disruption", "2026-11-24 10:00", upd(1, "2026-11-24 10:05", "disruption"))
    assert notice_working_days(disruption, CALENDAR) is None
    recovery = make(
        "unplanned-maintenance",
        "2026-11-27 20:00",
        upd(1, "2026-11-24 12:00", "scheduled"),
        end="2026-11-27 22:00",
        announced="2026-11-24 12:00",
    )
    assert notice_working_days(recovery, CALENDAR) == 2  # 25 and 26 November


# -- first message -----------------------------------------------------------------------------


@pytest.mark.parametrize(("first_at", "minutes"), [("10:29", 29), ("10:30", 30), ("10:31", 31)])
def test_first_message_minutes_from_start_to_first_update(first_at: str, minutes: int) -> None:
    event = make("disruption", "2026-11-24 10:00", upd(1, f"2026-11-24 {first_at}", "disruption"))
    assert first_message_minutes(event) == minutes


def test_first_message_is_for_disruptions_only() -> None:
    event = make(
        "maintenance",
        "2026-11-22 08:00",
        upd(1, "2026-11-01 08:00", "scheduled"),
        end="2026-11-22 12:00",
    )
    assert first_message_minutes(event) is None


# -- fallback decision -------------------------------------------------------------------------


def test_fallback_decision_from_first_disruption_update_to_first_permission() -> None:
    event = make(
        "disruption",
        "2026-11-24 10:00",
        upd(1, "2026-11-24 10:05", "investigating", next_update="2026-11-24 10:35"),
        upd(2, "2026-11-24 10:50", "disruption", next_update="2026-11-24 11:50"),
        upd(3, "2026-11-24 11:40", "disruption", fallback="allowed"),
        upd(4, "2026-11-24 12:10", "disruption", fallback="allowed"),
    )
    assert fallback_decision_minutes(event) == 50


def test_fallback_permission_before_confirmation_is_negative() -> None:
    event = make(
        "disruption",
        "2026-11-24 10:00",
        upd(1, "2026-11-24 10:05", "investigating", fallback="allowed"),
        upd(2, "2026-11-24 10:50", "disruption"),
    )
    assert fallback_decision_minutes(event) == -45


@pytest.mark.parametrize(
    "updates",
    [
        (upd(1, "2026-11-24 10:05", "disruption", fallback="not-needed"),),  # no permission
        (upd(1, "2026-11-24 10:05", "investigating"), upd(2, "2026-11-24 10:20", "no-fault")),
    ],
)
def test_fallback_decision_is_none_without_permission_or_confirmation(
    updates: tuple[Update, ...],
) -> None:
    assert fallback_decision_minutes(make("disruption", "2026-11-24 10:00", *updates)) is None


def test_fallback_decision_is_for_disruptions_only() -> None:
    event = make(
        "maintenance",
        "2026-11-22 08:00",
        upd(1, "2026-11-22 08:00", "in-progress", fallback="allowed"),
        end="2026-11-22 12:00",
    )
    assert fallback_decision_minutes(event) is None


# -- promises and overrun notices --------------------------------------------------------------


def test_promises_against_the_next_update_and_now() -> None:
    event = make(
        "disruption",
        "2026-11-29 08:00",
        upd(1, "2026-11-29 08:05", "investigating", next_update="2026-11-29 08:35"),
        upd(2, "2026-11-29 08:30", "disruption", next_update="2026-11-29 09:00"),
        upd(3, "2026-11-29 09:07:50", "disruption"),  # no promise: nothing listed
        upd(4, "2026-11-29 09:10", "disruption", next_update="2026-11-29 09:40"),
    )
    found = promises(event, at("2026-11-29 10:00"))
    assert [(p.update, p.promised, p.actual, p.late_minutes) for p in found] == [
        (1, at("2026-11-29 08:35"), at("2026-11-29 08:30"), 0),  # early counts as 0
        (2, at("2026-11-29 09:00"), at("2026-11-29 09:07:50"), 7),  # whole minutes
        (4, at("2026-11-29 09:40"), None, 20),  # overdue at now
    ]
    assert promises(event, at("2026-11-29 09:30"))[-1].late_minutes is None  # not due yet


def test_a_final_updates_promise_is_not_listed() -> None:
    event = make(
        "disruption",
        "2026-11-29 08:00",
        upd(1, "2026-11-29 08:05", "resolved", next_update="2026-11-29 08:35"),
    )
    assert promises(event, at("2026-11-29 10:00")) == ()


def test_overrun_notices_measured_against_the_planned_end() -> None:
    event = make(
        "maintenance",
        "2026-11-22 08:00",
        upd(1, "2026-11-22 08:00", "in-progress"),
        upd(2, "2026-11-22 11:45", "overrun", expected_end="2026-11-22 13:00"),
        upd(3, "2026-11-22 12:50", "overrun", expected_end="2026-11-22 14:00"),
        upd(4, "2026-11-22 13:40", "completed"),
        end="2026-11-22 12:00",
    )
    assert [
        (o.update, o.at, o.minutes_before_planned_end, o.expected_end)
        for o in overrun_notices(event)
    ] == [
        (2, at("2026-11-22 11:45"), 15, at("2026-11-22 13:00")),
        (3, at("2026-11-22 12:50"), -50, at("2026-11-22 14:00")),
    ]


def test_overrun_minutes_across_the_autumn_switch_are_real_minutes() -> None:
    # Planned end 03:00 CET on 25 Oct 2026; the notice at 02:30 CEST is 90 real minutes before.
    event = make(
        "maintenance",
        "2026-10-25 01:00+02:00",
        upd(1, "2026-10-25 02:30+02:00", "overrun", expected_end="2026-10-25 04:00+01:00"),
        end="2026-10-25 03:00+01:00",
    )
    assert overrun_notices(event)[0].minutes_before_planned_end == 90


# -- warnings and totals -----------------------------------------------------------------------


def test_event_facts_keep_only_the_warnings_of_its_own_file() -> None:
    event = make("disruption", "2026-11-24 10:00", upd(1, "2026-11-24 10:05", "disruption"))
    own = warning(event.path, 10, "P10", "late permission")
    other = warning("content/outages/2026/other.md", 10, "P10", "elsewhere")
    facts = event_facts(
        event, [own, other, error(event.path, 1, "OUT006", "x")], at("2026-11-24 11:00"), CALENDAR
    )
    assert facts.warnings == (own,)


def test_totals_list_every_catalogue_code_then_any_other() -> None:
    event = make("disruption", "2026-11-24 10:00", upd(1, "2026-11-24 10:05", "disruption"))
    found = [warning(event.path, 10, code, "m") for code in ("P10", "P08", "P10", "P99")]
    facts = event_facts(event, found, at("2026-11-24 11:00"), CALENDAR)
    totals = rule_totals([facts])
    assert list(totals) == [*RULE_CODES, "P99"]
    assert RULE_CODES[0] == "P02" and RULE_CODES[-1] == "P14"
    assert totals["P10"] == 2 and totals["P08"] == 1 and totals["P99"] == 1
    assert sum(totals.values()) == 4


def test_every_rule_code_has_words_in_both_languages() -> None:
    for code in RULE_CODES:
        dutch, english = word(f"rule_{code}", "nl"), word(f"rule_{code}", "en")
        assert dutch and english and dutch != english


def test_report_covers_what_the_public_sees_at_now() -> None:
    now = at("2026-11-29 10:00")
    old = make(
        "disruption",
        "2025-11-20 10:00",
        upd(1, "2025-11-20 10:05", "disruption"),
        upd(2, "2025-11-20 11:00", "resolved"),
        event_id="2025-11-20-old",
    )
    future = make(
        "maintenance",
        "2026-12-13 08:00",
        upd(1, "2026-12-01 10:00", "scheduled"),
        end="2026-12-13 12:00",
        event_id="2026-12-13-future",
    )
    open_one = make(
        "disruption",
        "2026-11-29 09:00",
        upd(1, "2026-11-29 09:05", "disruption", next_update="2026-11-29 09:35"),
        upd(2, "2026-11-29 10:30", "resolved"),  # after now: not published yet
        event_id="2026-11-29-open",
    )
    findings = tuple(warning(e.path, 10, "P08", "m") for e in (old, future, open_one))
    content = Content(Catalog((), ()), (old, open_one, future), findings)
    report = compliance_report(content, SETTINGS, now)
    assert [f.event.id for f in report.events] == ["2026-11-29-open"]
    (only,) = report.events
    assert [(p.actual, p.late_minutes) for p in only.promises] == [(None, 25)]
    assert report.totals["P08"] == 1
    assert report.generated_at == now


# -- the built sites ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def compliance_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_into(tmp_path_factory.mktemp("compliance") / "output", content=COMPLIANCE_CONTENT)


def read_json(site: Path) -> dict:
    return json.loads((site / JSON_FILE).read_text(encoding="utf-8"))


def by_id(data: dict) -> dict[str, dict]:
    return {e["id"]: e for e in data["events"]}


def page(site: Path, lang: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / PAGES[lang]).read_bytes())


def text_of(element: lxml.html.HtmlElement) -> str:
    return " ".join(" ".join(element.itertext()).split())


def inline_text(element: lxml.html.HtmlElement) -> str:
    """Text as read, for inline markup ("P08, line 12" rather than "P08 , line 12")."""
    return " ".join(element.text_content().split())


def test_json_totals_and_warnings_of_the_compliance_fixture(compliance_site: Path) -> None:
    data = read_json(compliance_site)
    assert data["generated_at"] == "2026-11-29T10:00:00+01:00"
    assert data["totals"] == {
        **dict.fromkeys(RULE_CODES, 0),
        "P02": 1,
        "P04": 1,
        "P08": 2,
        "P09": 1,
        "P10": 1,
    }
    events = by_id(data)
    assert list(events) == [
        "2026-11-22-dms-kort-aangekondigd",
        "2026-11-24-ics2-verstoring",
        "2026-11-29-ncts-verstoring",
    ]
    codes = {i: [(w["code"], w["line"]) for w in e["warnings"]] for i, e in events.items()}
    assert codes == {
        "2026-11-22-dms-kort-aangekondigd": [("P02", 7), ("P04", 20)],
        "2026-11-24-ics2-verstoring": [("P08", 12), ("P09", 12), ("P10", 17)],
        "2026-11-29-ncts-verstoring": [("P08", 9)],
    }
    assert (
        "4 working days in between"
        in events["2026-11-22-dms-kort-aangekondigd"]["warnings"][0]["message"]
    )


def test_json_facts_of_the_compliance_fixture(compliance_site: Path) -> None:
    events = by_id(read_json(compliance_site))
    maintenance = events["2026-11-22-dms-kort-aangekondigd"]
    assert maintenance["type"] == "maintenance" and maintenance["systems"] == ["dms"]
    assert maintenance["notice_working_days"] == 4
    assert maintenance["fallback_decision_minutes"] is None
    assert maintenance["first_message_minutes"] is None
    assert maintenance["overrun_notices"] == [
        {
            "update": 3,
            "at": "2026-11-22T11:45:00+01:00",
            "minutes_before_planned_end": 15,
            "expected_end": "2026-11-22T13:00:00+01:00",
        }
    ]
    assert maintenance["promises"] == [
        {
            "update": 3,
            "promised": "2026-11-22T12:45:00+01:00",
            "actual": "2026-11-22T12:40:00+01:00",
            "late_minutes": 0,
        }
    ]
    disruption = events["2026-11-24-ics2-verstoring"]
    assert disruption["notice_working_days"] is None
    assert disruption["fallback_decision_minutes"] == 50
    assert disruption["first_message_minutes"] == 5
    assert [(p["update"], p["late_minutes"]) for p in disruption["promises"]] == [
        (1, 15),
        (2, 0),
        (3, 0),
    ]
    assert disruption["overrun_notices"] == []
    ongoing = events["2026-11-29-ncts-verstoring"]
    assert ongoing["fallback_decision_minutes"] == 0
    assert ongoing["promises"] == [
        {"update": 1, "promised": "2026-11-29T09:40:00+01:00", "actual": None, "late_minutes": 20}
    ]


def test_json_facts_of_the_site_fixture(fixture_site: Path) -> None:
    data = read_json(fixture_site)
    assert data["totals"]["P08"] == 1 and sum(data["totals"].values()) == 1
    events = by_id(data)
    # Past retention at now: the 2025 events (their last updates are more than a calendar year ago).
    assert not [i for i in events if i.startswith("2025-")]
    assert {
        i: e["notice_working_days"] for i, e in events.items() if e["type"] != "disruption"
    } == {
        "2026-11-15-ncts-uitloop": 10,  # Fri 30 Oct -> Sun 15 Nov: 2-6 and 9-13 Nov
        "2026-11-29-emcs-onderhoud": 13,  # Tue 10 Nov -> Sun 29 Nov: 11-13, 16-20, 23-27 Nov
        "2026-12-13-dms-onderhoud": 15,  # Fri 20 Nov -> Sun 13 Dec: three full weeks
        "2026-12-13-emcs-geannuleerd": 20,  # Fri 13 Nov -> Sun 13 Dec: four full weeks
    }
    overrun = events["2026-11-15-ncts-uitloop"]["overrun_notices"]
    assert [(o["update"], o["minutes_before_planned_end"]) for o in overrun] == [(3, 35), (4, -30)]
    ics2 = events["2026-11-25-ics2-opgelost"]
    assert ics2["fallback_decision_minutes"] == 0
    assert [(p["update"], p["late_minutes"]) for p in ics2["promises"]] == [(1, 0), (2, 25)]
    assert [(w["code"], w["line"]) for w in ics2["warnings"]] == [("P08", 19)]
    # The third NCTS update (10:25) is after now: the 10:30 promise has no actual update yet.
    ncts = events["2026-11-29-ncts-verstoring"]["promises"]
    assert ncts[-1] == {
        "update": 2,
        "promised": "2026-11-29T10:30:00+01:00",
        "actual": None,
        "late_minutes": None,
    }
    assert events["2026-11-29-dms-onderzoek"]["fallback_decision_minutes"] is None


def test_json_is_deterministic(compliance_site: Path, tmp_path: Path) -> None:
    again = build_into(tmp_path / "output", content=COMPLIANCE_CONTENT)
    assert (again / JSON_FILE).read_bytes() == (compliance_site / JSON_FILE).read_bytes()
    for lang in PAGES:
        assert (again / PAGES[lang]).read_bytes() == (compliance_site / PAGES[lang]).read_bytes()


def test_json_text_is_stable_for_the_same_report() -> None:
    content = Content(Catalog((), ()), (), ())
    report = compliance_report(content, SETTINGS, at("2026-11-29 10:00"))
    text = compliance_json(report, AMS)
    assert text == compliance_json(report, AMS) and text.endswith("\n")
    assert json.loads(text)["events"] == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_page_is_noindex_and_not_in_the_navigation(compliance_site: Path, lang: str) -> None:
    doc = page(compliance_site, lang)
    assert doc.get("lang") == lang
    assert doc.cssselect('meta[name="robots"]')[0].get("content") == "noindex, nofollow"
    own = {"/" + p.removesuffix("index.html") for p in PAGES.values()}
    for path in (p for p in compliance_site.rglob("*.html") if "admin" not in p.parts):
        nav = lxml.html.fromstring(path.read_bytes()).cssselect("nav.site-nav a")
        assert nav, path
        assert not own & {a.get("href") for a in nav}, path
    status = lxml.html.fromstring((compliance_site / "index.html").read_bytes())
    assert not status.cssselect('meta[name="robots"]')  # only internal pages are noindex


def test_pages_link_to_each_other(compliance_site: Path) -> None:
    dutch, english = page(compliance_site, "nl"), page(compliance_site, "en")
    assert dutch.cssselect("a.language-switch")[0].get("href") == "/en/report/protocol/"
    assert english.cssselect("a.language-switch")[0].get("href") == "/rapportage/protocol/"
    for doc in (dutch, english):
        (link,) = doc.cssselect('main a[type="application/json"]')
        assert link.get("href") == "/" + JSON_FILE


def test_page_totals_per_rule_in_both_languages(compliance_site: Path) -> None:
    expected = {code: "0" for code in RULE_CODES} | {
        "P02": "1",
        "P04": "1",
        "P08": "2",
        "P09": "1",
        "P10": "1",
    }
    for lang, heading in (("nl", "Waarschuwingen per regel"), ("en", "Warnings per rule")):
        doc = page(compliance_site, lang)
        assert text_of(doc.get_element_by_id("totals-heading")) == heading
        rows = doc.cssselect("table.compliance-totals tbody tr")
        assert {text_of(r.cssselect("th")[0]): text_of(r.cssselect("td")[-1]) for r in rows} == (
            expected
        )
        assert text_of(doc.cssselect("table.compliance-totals tfoot td")[0]) == "6"
    english = text_of(page(compliance_site, "en").get_element_by_id("rule-P02"))
    assert "at least 10 working days ahead" in english
    dutch = text_of(page(compliance_site, "nl").get_element_by_id("rule-P02"))
    assert "minstens 10 werkdagen vooraf" in dutch


def test_page_shows_each_events_facts_and_warnings(compliance_site: Path) -> None:
    doc = page(compliance_site, "en")
    articles = doc.cssselect("article.compliance")
    assert [a.get("id") for a in articles] == [
        "c-2026-11-22-dms-kort-aangekondigd",
        "c-2026-11-24-ics2-verstoring",
        "c-2026-11-29-ncts-verstoring",
    ]
    maintenance, disruption, ongoing = (text_of(a) for a in articles)
    assert "Notice 4 working days between announcement and start" in maintenance
    assert "Sunday 22 November 2026 11:45 CET 15 Sunday 22 November 2026 13:00 CET" in maintenance
    assert (
        "Fallback procedure allowed 50 minutes after the first update reporting the disruption"
        in disruption
    )
    assert "First message 5 minutes after the start" in disruption
    assert "First message" not in maintenance
    rows = articles[1].cssselect("table.compliance-promises tbody tr")
    assert [text_of(r.cssselect("td")[-1]) for r in rows] == ["15", "0", "0"]
    assert "none (yet) 20" in ongoing
    items = [inline_text(li) for li in articles[1].cssselect(".compliance-warnings li")]
    assert items == [
        "P08: Keep the promised communication moment",
        "P09: A second message within 30 minutes of 'under investigation'",
        "P10: Allow the fallback procedure within 30 minutes of a disruption",
    ]
    link = articles[1].cssselect(".event__title a")[0]
    assert link.get("href") == "/en/status-messages/2026-11-24-ics2-verstoring/"
    assert (compliance_site / link.get("href").lstrip("/") / "index.html").is_file()


def test_dutch_page_is_dutch_without_the_checks_english_or_source_lines(
    compliance_site: Path,
) -> None:
    doc = page(compliance_site, "nl")
    assert text_of(doc.cssselect("h1")[0]) == "Naleving van het communicatieprotocol"
    article = doc.get_element_by_id("c-2026-11-22-dms-kort-aangekondigd")
    assert "Aankondiging 4 werkdagen tussen aankondiging en begin" in text_of(article)
    (first, second) = article.cssselect(".compliance-warnings li")
    assert inline_text(first) == (
        "P02: Gepland onderhoud en releases minstens 10 werkdagen vooraf aankondigen"
    )
    assert inline_text(second).startswith("P04: ")
    assert not re.search(r"regel \d", text_of(doc.cssselect("main")[0]))  # no source lines
    assert not doc.cssselect('main [lang="en"]')
    ongoing = text_of(doc.get_element_by_id("c-2026-11-29-ncts-verstoring"))
    assert "Noodprocedure toegestaan 0 minuten na het eerste bericht" in ongoing
    assert "Eerste bericht " in ongoing and " minuten na het begin" in ongoing
    assert "(nog) geen 20" in ongoing
    assert not page(compliance_site, "en").cssselect('main span[lang="en"]')


def test_events_outside_what_the_public_sees_are_left_out(compliance_site: Path) -> None:
    for relative in (*PAGES.values(), JSON_FILE):
        text = (compliance_site / relative).read_text(encoding="utf-8")
        assert "2025-10-01-dms-oud" not in text and "Old message about DMS" not in text
        assert "2026-12-12-emcs-later" not in text
