"""The built site, read back: pages, states, languages, counterpart links, timelines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import lxml.html
import pytest

PAGE_KINDS = {
    "status": ("index.html", "en/index.html"),
    "archive": ("archief/index.html", "en/archive/index.html"),
    "maintenance": ("onderhoud/index.html", "en/maintenance/index.html"),
    "systems": ("systemen/index.html", "en/systems/index.html"),
    "system": ("systemen/ncts/index.html", "en/systems/ncts/index.html"),
    "event": (
        "status-berichten/2026-11-29-ncts-verstoring/index.html",
        "en/status-messages/2026-11-29-ncts-verstoring/index.html",
    ),
}


def page(site: Path, relative: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / relative).read_bytes())


def text_of(element: lxml.html.HtmlElement) -> str:
    return " ".join(" ".join(element.itertext()).split())


def words_of(element: lxml.html.HtmlElement) -> str:
    """The text as read, element boundaries adding no space ("10:30." stays "10:30.")."""
    return " ".join("".join(element.itertext()).split())


def system_states(site: Path, relative: str) -> dict[str, str]:
    """Map system short name -> state label as listed on a page, in the page's order."""
    doc = page(site, relative)
    states = {}
    for item in doc.cssselect(".system-row"):
        short = text_of(item.cssselect(".system-row__short")[0])
        label = item.cssselect(".state")[0]
        states[short] = text_of(label).replace("Status: ", "")
    return states


@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_every_page_kind_exists_in_both_languages_with_lang(fixture_site: Path, kind: str) -> None:
    dutch, english = PAGE_KINDS[kind]
    assert page(fixture_site, dutch).get("lang") == "nl"
    assert page(fixture_site, english).get("lang") == "en"


def test_status_page_derives_each_system_state_from_events_and_now(fixture_site: Path) -> None:
    """Every system once, those not fully available first (fallback procedure, disruption,
    investigation, maintenance), then the others in the order of systems.yaml."""
    assert list(system_states(fixture_site, "index.html").items()) == [
        ("NCTS", "Noodprocedure"),
        ("DMS", "In onderzoek"),
        ("EMCS", "Onderhoud"),
        ("ICS2", "Beschikbaar"),
    ]
    assert list(system_states(fixture_site, "en/index.html").items()) == [
        ("NCTS", "Fallback procedure"),
        ("DMS", "Under investigation"),
        ("EMCS", "Maintenance"),
        ("ICS2", "Available"),
    ]


def test_the_processes_follow_the_messages_each_in_one_line(fixture_site: Path) -> None:
    """A system serves several processes: the process list names their states, it does not
    repeat the systems' rows."""
    doc = page(fixture_site, "en/index.html")
    section = doc.get_element_by_id("processes-heading").getparent()
    assert not section.cssselect(".system-row, a")
    lines = {
        text_of(li.cssselect(".processes__name")[0]): (
            li.cssselect(".state")[0].get("class").split("--")[1],
            text_of(li.cssselect(".state")[0]),
        )
        for li in section.cssselect(".processes li")
    }
    assert lines == {
        "Import": ("investigating", "DMS: under investigation"),
        "Transit": ("fallback", "NCTS: fallback procedure"),
        "Transport of excise goods": ("maintenance", "EMCS: maintenance until 16:00"),
        "Entry of goods into the EU": ("available", "All available"),
    }


def test_overall_state_is_in_words_and_icon(fixture_site: Path) -> None:
    doc = page(fixture_site, "en/index.html")
    banner = doc.cssselect(".overall")[0]
    assert banner.get("role") == "status"
    (heading,) = doc.cssselect("h1")
    assert heading.getparent().getparent() is banner  # the page's heading is the state
    assert text_of(heading) == "Current status: 3 of 4 systems not fully available"
    assert text_of(heading.cssselect(".visually-hidden")[0]) == "Current status:"
    assert banner.cssselect("svg[aria-hidden=true]")


def test_the_systems_come_first_then_the_messages_then_the_processes(fixture_site: Path) -> None:
    doc = page(fixture_site, "en/index.html")
    sections = [s.get("aria-labelledby") for s in doc.cssselect("main > section")]
    assert sections[:3] == ["systems-heading", "active-heading", "processes-heading"]
    first = doc.cssselect("main > section")[0]
    assert first.cssselect(".overall") and len(first.cssselect(".system-row")) == 4
    assert len(doc.cssselect(".system-row")) == 4  # no system is listed twice


@pytest.mark.parametrize(
    ("relative", "details"),
    [
        (
            "en/index.html",
            {
                "NCTS": "You may use the fallback procedure. Next update: 10:30.",
                "DMS": "No decision yet on the fallback procedure. Next update: 10:15.",
                "EMCS": "Until 16:00. You may use the fallback procedure.",
            },
        ),
        (
            "index.html",
            {
                "NCTS": "U mag de noodprocedure gebruiken. Volgend bericht: 10:30.",
                "DMS": "Nog geen besluit over de noodprocedure. Volgend bericht: 10:15.",
                "EMCS": "Tot 16:00. U mag de noodprocedure gebruiken.",
            },
        ),
    ],
)
def test_an_affected_row_says_whether_the_fallback_applies_and_when_the_next_message_comes(
    fixture_site: Path, relative: str, details: dict[str, str]
) -> None:
    doc = page(fixture_site, relative)
    rows = {
        text_of(item.cssselect(".system-row__short")[0]): item
        for item in doc.cssselect(".system-row")
    }
    assert {
        short: words_of(detail[0])
        for short, item in rows.items()
        if (detail := item.cssselect(".system-row__detail"))
    } == details
    # the state links to the message that sets it; an available system has no message
    prefix = "/en/status-messages/" if relative.startswith("en/") else "/status-berichten/"
    assert rows["NCTS"].cssselect("a.system-row__state")[0].get("href") == (
        prefix + "2026-11-29-ncts-verstoring/"
    )
    assert not rows["ICS2"].cssselect("a.system-row__state, .system-row__detail")


def test_status_page_sections_list_active_upcoming_and_recent_events(fixture_site: Path) -> None:
    doc = page(fixture_site, "en/index.html")

    def titles(section_id: str) -> list[str]:
        section = doc.get_element_by_id(section_id).getparent()
        return [text_of(a) for a in section.cssselect(".event__title a, .event-row > a")]

    assert titles("active-heading") == [
        "Transit (NCTS) is unavailable",
        "Maintenance of EMCS",
        "Import (DMS) availability is limited",
    ]
    assert titles("upcoming-heading") == ["Maintenance of DMS & ICS2 <planned>"]
    assert titles("recent-heading") == ["Entry of goods into the EU (ICS2) was unavailable"]
    active = text_of(doc.get_element_by_id("active-heading").getparent())
    assert "Next update Sunday 29 November 2026 10:30 CET" in active
    upcoming = text_of(doc.get_element_by_id("upcoming-heading").getparent())
    assert "Sunday 13 December 2026 08:00 CET" in upcoming
    assert "Scheduled" in upcoming


def test_helpdesk_and_build_time_on_every_page(fixture_site: Path) -> None:
    for relative in (p for pair in PAGE_KINDS.values() for p in pair):
        english = relative.startswith("en/")
        doc = page(fixture_site, relative)
        number = "+31 88 15 666 55" if english else "088-15 666 55"
        footer = text_of(doc.cssselect("footer")[0])
        assert number in footer
        assert "nhd.apeldoorn@douane.nl" in footer
        assert "29 november 2026 10:00 cet" in footer.lower()
        # at the top: first in the content, before the page's heading
        helpline = doc.cssselect("main > .helpline")[0]
        assert helpline.getprevious() is None
        phone, built = helpline.cssselect("p")
        assert text_of(phone) == ("Customs Helpdesk: " if english else "Helpdesk Douane: ") + number
        assert phone.cssselect("a.phone")[0].get("href") == "tel:+31881566655"
        assert text_of(built) == (
            "As of 29 November 10:00" if english else "Stand van 29 november 10:00"
        )
        assert built.cssselect("time")[0].get("datetime") == "2026-11-29T10:00+01:00"
        for link in doc.cssselect('a[href^="tel:"]'):
            assert link.get("href") == "tel:+31881566655" and text_of(link) == number


def test_every_page_links_to_its_counterpart_and_back(fixture_site: Path) -> None:
    pages = sorted(p for p in fixture_site.rglob("*.html") if "admin" not in p.parts)
    assert len(pages) > 20
    for path in pages:
        doc = lxml.html.fromstring(path.read_bytes())
        lang = doc.get("lang")
        other = "en" if lang == "nl" else "nl"
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in doc.cssselect('link[rel="alternate"][hreflang]')
        }
        assert set(alternates) == {"nl", "en", "x-default"}, path
        switch = doc.cssselect("a.language-switch")[0]
        assert switch.get("hreflang") == other and switch.get("lang") == other
        assert switch.get("href") == alternates[other]
        counterpart = fixture_site / alternates[other].lstrip("/") / "index.html"
        back = lxml.html.fromstring(counterpart.read_bytes())
        assert back.get("lang") == other
        own = "/" + path.relative_to(fixture_site).as_posix().removesuffix("index.html")
        assert back.cssselect("a.language-switch")[0].get("href") == own


def test_event_page_shows_facts_and_full_timeline_newest_first(fixture_site: Path) -> None:
    doc = page(fixture_site, "en/status-messages/2026-11-25-ics2-opgelost/index.html")
    facts = text_of(doc.cssselect(".facts--wide")[0])
    assert "Type Disruption" in facts
    assert "ICS2 : Import Control System 2" in facts  # a name is never put in brackets
    assert "(" not in text_of(doc.cssselect(".facts--wide dd ul")[0])
    assert "Customs processes Entry of goods into the EU, Import" in facts
    assert "Start Wednesday 25 November 2026 13:05 CET" in facts
    assert "End Wednesday 25 November 2026 15:30 CET" in facts
    assert "Duration 2 hours and 25 minutes" in facts
    assert "The fallback procedure has ended" in facts
    assert doc.cssselect('a[href="https://example.org/noodprocedure/ics2"]')
    buffered = text_of(doc.get_element_by_id("buffered-heading").getparent())
    assert "processed after all" in buffered
    items = doc.cssselect(".timeline__item")
    assert [i.get("id") for i in items] == [
        "update-20261125T143000Z",
        "update-20261125T130500Z",
        "update-20261125T121000Z",
    ]
    headings = [text_of(i.cssselect(".timeline__heading")[0]) for i in items]
    assert headings == [
        "Resolved Wednesday 25 November 2026 15:30 CET",
        "Disruption Wednesday 25 November 2026 14:05 CET",
        "Disruption Wednesday 25 November 2026 13:10 CET",
    ]


def test_dutch_event_page_is_in_dutch(fixture_site: Path) -> None:
    doc = page(fixture_site, "status-berichten/2026-11-25-ics2-opgelost/index.html")
    headings = [text_of(h) for h in doc.cssselect(".timeline__heading")]
    assert headings[0] == "Opgelost woensdag 25 november 2026 15:30 CET"
    assert "De verstoring is opgelost." in text_of(doc.get_element_by_id("update-20261125T143000Z"))


def test_updates_after_now_are_not_published(fixture_site: Path) -> None:
    doc = page(fixture_site, "en/status-messages/2026-11-29-ncts-verstoring/index.html")
    assert len(doc.cssselect(".timeline__item")) == 2
    assert "not yet published" not in text_of(doc)


def test_event_past_retention_is_left_out_everywhere(fixture_site: Path) -> None:
    assert not list(fixture_site.rglob("*2025-11-01-dms-oud*"))
    for path in fixture_site.rglob("*.html"):
        assert "2025-11-01-dms-oud" not in path.read_text(encoding="utf-8")


def test_archive_lists_events_by_month_newest_first(fixture_site: Path) -> None:
    doc = page(fixture_site, "en/archive/index.html")
    months = [text_of(h) for h in doc.cssselect("main h2")]
    assert months == ["December 2026", "November 2026"]
    november = doc.get_element_by_id("month-2026-11").getparent()
    assert [text_of(a) for a in november.cssselect(".event-row > a")] == [
        "Import (DMS) availability is limited",
        "Transit (NCTS) is unavailable",
        "Maintenance of EMCS",
        "Entry of goods into the EU (ICS2) was unavailable",
        "Maintenance of NCTS",
    ]


def test_system_page_shows_state_and_its_events(fixture_site: Path) -> None:
    doc = page(fixture_site, "en/systems/dms/index.html")
    facts = doc.cssselect(".facts--wide")[0]
    assert "Current status Status: Under investigation" in text_of(facts)
    links = {a.get("href"): text_of(a) for a in facts.cssselect("a")}
    assert links["/feeds/systems/dms.en.atom.xml"] == "Atom"
    assert links["/feeds/systems/dms.en.rss.xml"] == "RSS"
    assert links["/calendar/en.ics"] == "Maintenance and releases in your calendar"
    assert links["/en/subscribe/"] == "All feeds and how to use them"
    listed = [text_of(a) for a in doc.cssselect(".event-list .event-row > a")]
    assert listed == ["Maintenance of DMS & ICS2 <planned>", "Import (DMS) availability is limited"]


def test_maintenance_page_lists_windows_and_upcoming(fixture_site: Path) -> None:
    doc = page(fixture_site, "onderhoud/index.html")
    rows = [[text_of(td) for td in tr.cssselect("td")] for tr in doc.cssselect("tbody tr")]
    assert rows[0] == ["zondag 25 oktober 2026", "01:00–05:00", "Onderhoud (zondag)", "Vervallen"]
    assert ["zaterdag 19 december 2026", "08:00–10:00", "Release (zaterdag)", "Gepland"] in rows
    assert [text_of(a) for a in doc.cssselect(".event__title a")] == [
        "Onderhoud aan EMCS",
        "Onderhoud aan DMS & ICS2 <gepland>",
    ]


def test_raw_html_in_texts_is_sanitised(fixture_site: Path) -> None:
    for relative in (
        "status-berichten/2026-12-13-dms-onderhoud/index.html",
        "en/status-messages/2026-12-13-dms-onderhoud/index.html",
    ):
        html = (fixture_site / relative).read_text(encoding="utf-8")
        assert "<script" not in html and "onerror" not in html and "<img" not in html
        assert "&lt;gepland&gt;" in html or "&lt;planned&gt;" in html


def test_pages_load_nothing_from_elsewhere(fixture_site: Path) -> None:
    for path in (p for p in fixture_site.rglob("*.html") if "admin" not in p.parts):
        doc = lxml.html.fromstring(path.read_bytes())
        for element in doc.cssselect("link[href], script[src], img[src]"):
            url = element.get("href") or element.get("src")
            if element.tag == "link" and element.get("rel") in ("canonical", "alternate"):
                continue
            assert url.startswith("/"), (path, url)


def test_cancelled_work_has_its_own_mark_and_words(fixture_site: Path) -> None:
    doc = page(fixture_site, "en/archive/index.html")
    marks = {
        text_of(row.cssselect("a")[0]): row.cssselect(".state")[0]
        for row in doc.cssselect(".event-row")
    }
    cancelled = [title for title, mark in marks.items() if "state--cancelled" in mark.get("class")]
    assert len(cancelled) == 1
    assert text_of(marks[cancelled[0]]) == "Status: Cancelled"
    fallback = marks["Transit (NCTS) is unavailable"]  # the mark and its words agree
    assert (fallback.get("class"), text_of(fallback)) == (
        "state state--fallback",
        "Status: Fallback procedure",
    )
    resolved = marks["Entry of goods into the EU (ICS2) was unavailable"]
    assert resolved.get("class") == "state state--ended"
    assert text_of(resolved) == "Status: Resolved"


def test_a_resolved_event_page_names_its_state_once(fixture_site: Path) -> None:
    """The state and the status are the same words once an event has ended: said once."""
    doc = page(fixture_site, "en/status-messages/2026-11-25-ics2-opgelost/index.html")
    assert text_of(doc.cssselect(".event-page__state")[0]) == "Status: Resolved"
    facts = text_of(doc.cssselect(".facts--wide")[0])
    assert "Resolved" not in facts  # the state above the facts says it
    assert "Type Disruption" in facts


@pytest.mark.parametrize(
    ("relative", "words"),
    [
        ("onderhoud/index.html", ("Voorbij", "Nu bezig", "Gepland", "Vervallen")),
        ("en/maintenance/index.html", ("Past", "Now", "Scheduled", "Cancelled")),
    ],
)
def test_agreed_windows_say_whether_they_are_past_running_or_to_come(
    fixture_site: Path, relative: str, words: tuple[str, str, str, str]
) -> None:
    """At 10:00 on Sunday 29 November the Sunday window (08:00-16:00) is running."""
    past, now, coming, cancelled = words
    doc = page(fixture_site, relative)
    states = {
        r.cssselect("time")[0].get("datetime"): text_of(r.cssselect("td")[-1])
        for r in doc.cssselect("table.windows tbody tr")
    }
    assert states["2026-11-29"] == now
    for day, text in states.items():
        if text != cancelled:
            assert text == (past if day < "2026-11-29" else now if day == "2026-11-29" else coming)
    assert {past, coming} <= set(states.values())


def test_maintenance_page_links_the_calendar(fixture_site: Path) -> None:
    doc = page(fixture_site, "onderhoud/index.html")
    (link,) = doc.cssselect('main a[type="text/calendar"]')
    assert link.get("href") == "/calendar/nl.ics"
    assert text_of(link) == "Zet onderhoud en releases in uw agenda"


@pytest.mark.parametrize(
    ("relative", "word"), [("index.html", "Abonneren"), ("en/index.html", "Subscribe")]
)
def test_subscribe_is_in_the_main_navigation(fixture_site: Path, relative: str, word: str) -> None:
    nav = page(fixture_site, relative).cssselect("nav.site-nav")[0]
    assert word in [text_of(a) for a in nav.cssselect("a")]


def test_the_footer_names_both_zones_the_dates_may_be_in(fixture_site: Path) -> None:
    footer = text_of(page(fixture_site, "en/index.html").cssselect("footer .built")[0])
    assert "All times are Dutch time: CET in winter, CEST in summer." in footer


@pytest.mark.parametrize(
    ("relative", "latest", "earlier"),
    [
        (
            "en/status-messages/2026-11-25-ics2-opgelost/index.html",
            "Latest message",
            "Earlier messages",
        ),
        (
            "status-berichten/2026-11-25-ics2-opgelost/index.html",
            "Laatste bericht",
            "Eerdere berichten",
        ),
    ],
)
def test_an_event_page_leads_with_the_newest_message_right_under_the_facts(
    fixture_site: Path, relative: str, latest: str, earlier: str
) -> None:
    """The news first: the facts, then the newest message, then what the event is about
    (cause, explanation), then the earlier messages, newest first."""
    doc = page(fixture_site, relative)
    facts = doc.cssselect(".facts--wide")[0]
    lead = facts.getnext()
    assert lead.tag == "section" and text_of(lead.cssselect("h2")[0]) == latest
    assert [i.get("id") for i in lead.cssselect(".timeline__item")] == ["update-20261125T143000Z"]
    order = [s.get("aria-labelledby") for s in doc.cssselect(".event-page > section")]
    assert order == ["latest-heading", "buffered-heading", "details-heading", "timeline-heading"]
    history = doc.get_element_by_id("timeline-heading").getparent()
    assert text_of(history.cssselect("h2")[0]) == earlier
    assert [i.get("id") for i in history.cssselect(".timeline__item")] == [
        "update-20261125T130500Z",
        "update-20261125T121000Z",
    ]


def test_an_event_with_one_message_has_no_earlier_messages(fixture_site: Path) -> None:
    doc = page(fixture_site, "en/status-messages/2026-11-29-dms-onderzoek/index.html")
    assert len(doc.cssselect(".timeline__item")) == 1
    assert not doc.cssselect("#timeline-heading")


@pytest.fixture(scope="module")
def late_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture content built again at 16:30: NCTS promised its next message at 11:30, DMS
    at 10:15, and the EMCS maintenance its end at 16:00; none of them came."""
    from conftest import build_into

    moment = dt.datetime(2026, 11, 29, 15, 30, tzinfo=dt.UTC)
    return build_into(tmp_path_factory.mktemp("late") / "output", now=moment)


def test_nothing_is_late_while_every_promised_time_is_ahead(fixture_site: Path) -> None:
    for path in fixture_site.rglob("*.html"):
        doc = lxml.html.fromstring(path.read_bytes())
        assert not doc.cssselect(".late, .facts__late"), path


@pytest.mark.parametrize(
    ("relative", "details", "built"),
    [
        (
            "en/index.html",
            {
                "NCTS": "You may use the fallback procedure. Next update: 11:30 later than "
                "promised. Call +31 88 15 666 55.",
                "DMS": "No decision yet on the fallback procedure. Next update: 10:15 later than "
                "promised. Call +31 88 15 666 55.",
                "EMCS": "Until 16:00 later than promised. You may use the fallback procedure. "
                "Call +31 88 15 666 55.",
            },
            "As of 29 November 16:30",
        ),
        (
            "index.html",
            {
                "NCTS": "U mag de noodprocedure gebruiken. Volgend bericht: 11:30 later dan "
                "beloofd. Bel 088-15 666 55.",
                "DMS": "Nog geen besluit over de noodprocedure. Volgend bericht: 10:15 later dan "
                "beloofd. Bel 088-15 666 55.",
                "EMCS": "Tot 16:00 later dan beloofd. U mag de noodprocedure gebruiken. "
                "Bel 088-15 666 55.",
            },
            "Stand van 29 november 16:30",
        ),
    ],
)
def test_a_passed_promise_is_called_late_beside_its_time_with_the_helpdesk(
    late_site: Path, relative: str, details: dict[str, str], built: str
) -> None:
    doc = page(late_site, relative)
    assert text_of(doc.cssselect(".helpline__built")[0]) == built
    rows = {text_of(r.cssselect(".system-row__short")[0]): r for r in doc.cssselect(".system-row")}
    assert {
        short: words_of(detail[0])
        for short, row in rows.items()
        if (detail := row.cssselect(".system-row__detail"))
    } == details
    marks = rows["NCTS"].cssselect("strong.late")
    assert len(marks) == 1 and marks[0].getprevious().tag == "time"
    assert marks[0].getprevious().get("datetime") == "2026-11-29T11:30+01:00"
    assert rows["NCTS"].cssselect('a[href="tel:+31881566655"]')


@pytest.mark.parametrize(
    ("relative", "facts"),
    [
        (
            "en/status-messages/2026-11-29-ncts-verstoring/index.html",
            {
                "Next update": "Sunday 29 November 2026 11:30 CET later than promised",
                "Later than promised": "Call the helpdesk for news: +31 88 15 666 55.",
            },
        ),
        (
            "status-berichten/2026-11-29-ncts-verstoring/index.html",
            {
                "Volgend bericht": "zondag 29 november 2026 11:30 CET later dan beloofd",
                "Later dan beloofd": "Bel de helpdesk voor nieuws: 088-15 666 55.",
            },
        ),
        (
            "en/status-messages/2026-11-29-emcs-onderhoud/index.html",
            {
                "Planned end": "Sunday 29 November 2026 16:00 CET later than promised",
                "Later than promised": "Call the helpdesk for news: +31 88 15 666 55.",
            },
        ),
    ],
)
def test_an_event_page_calls_a_passed_promise_late_among_its_facts(
    late_site: Path, relative: str, facts: dict[str, str]
) -> None:
    dl = page(late_site, relative).cssselect(".facts--wide")[0]
    shown = {
        text_of(div.cssselect("dt")[0]): words_of(div.cssselect("dd")[0])
        for div in dl.cssselect("dl > div")
    }
    assert {name: shown.get(name) for name in facts} == facts


def test_an_update_still_under_investigation_promises_no_fallback_decision(late_site: Path) -> None:
    """P10's half hour counts from the first update that reports a disruption."""
    doc = page(late_site, "en/status-messages/2026-11-29-dms-onderzoek/index.html")
    assert "Decision on the fallback procedure" not in text_of(doc.cssselect(".facts--wide")[0])
