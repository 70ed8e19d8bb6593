"""Atom and RSS feeds, autodiscovery links and the subscribe page, read back from a built site."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import feedparser
import lxml.etree
import lxml.html
import pytest
from conftest import FIXTURE_CONTENT, FIXTURE_NOW_UTC, build_into

TAG = "tag:douane.nl,2026:beschikbaarheid-douanesystemen"  # pelicanconf's tag_base
FEEDS = ("nl.atom.xml", "nl.rss.xml", "en.atom.xml", "en.rss.xml")
SYSTEMS = ("dms", "ncts", "emcs", "ics2")
# The fixture's processes and the systems serving them (ICS2 serves entry and import).
PROCESSES = {
    "import": {"dms", "ics2"},
    "transit": {"ncts"},
    "excise": {"emcs"},
    "entry": {"ics2"},
}
MACHINE_FOLDERS = ("feeds", "calendar", "api", "en/api", "badges", "en/badges")

# Every published update at the fixture's now, newest first: (event id, update key: its UTC time).
ALL_MESSAGES = [
    ("2026-11-29-dms-onderzoek", "20261129T084500Z"),
    ("2026-11-29-ncts-verstoring", "20261129T081000Z"),
    ("2026-11-29-ncts-verstoring", "20261129T075000Z"),
    ("2026-11-29-emcs-onderhoud", "20261129T070000Z"),
    ("2026-11-25-ics2-opgelost", "20261125T143000Z"),
    ("2026-11-25-ics2-opgelost", "20261125T130500Z"),
    ("2026-11-25-ics2-opgelost", "20261125T121000Z"),
    ("2026-12-13-emcs-geannuleerd", "20261120T090000Z"),
    ("2026-12-13-dms-onderhoud", "20261120T080000Z"),
    ("2026-11-15-ncts-uitloop", "20261115T122000Z"),
    ("2026-11-15-ncts-uitloop", "20261115T113000Z"),
    ("2026-11-15-ncts-uitloop", "20261115T102500Z"),
    ("2026-11-15-ncts-uitloop", "20261115T070000Z"),
    ("2026-12-13-emcs-geannuleerd", "20261113T090000Z"),
    ("2026-11-29-emcs-onderhoud", "20261110T090000Z"),
    ("2026-11-15-ncts-uitloop", "20261030T090000Z"),
]
EVENT_PAGES = {"nl": "/status-berichten/{}/", "en": "/en/status-messages/{}/"}
SYSTEM_OF_EVENT = {
    "2026-11-29-dms-onderzoek": {"dms"},
    "2026-11-29-ncts-verstoring": {"ncts"},
    "2026-11-29-emcs-onderhoud": {"emcs"},
    "2026-11-25-ics2-opgelost": {"ics2"},
    "2026-12-13-emcs-geannuleerd": {"emcs"},
    "2026-12-13-dms-onderhoud": {"dms", "ics2"},
    "2026-11-15-ncts-uitloop": {"ncts"},
}


def expected_ids(lang: str, systems: set[str] | None = None) -> list[str]:
    """The ids of the messages about any of ``systems`` (None: all), newest first."""
    return [
        f"{TAG}/{lang}/events/{event_id}/updates/{key}"
        for event_id, key in ALL_MESSAGES
        if systems is None or systems & SYSTEM_OF_EVENT[event_id]
    ]


def expected_links(lang: str, origin: str = "") -> list[str]:
    return [
        f"{origin}{EVENT_PAGES[lang].format(event_id)}#update-{key}"
        for event_id, key in ALL_MESSAGES
    ]


def parse(path: Path) -> feedparser.FeedParserDict:
    data = path.read_bytes()
    lxml.etree.fromstring(data)  # strictly well-formed, not just readable by a lenient parser
    feed = feedparser.parse(data)
    assert not feed.bozo, (path, feed.get("bozo_exception"))
    return feed


def all_feed_files(site: Path) -> list[Path]:
    return sorted((site / "feeds").rglob("*.xml"))


def test_every_feed_exists_and_parses_without_errors(fixture_site: Path) -> None:
    expected = {f"feeds/{name}" for name in FEEDS} | {
        f"feeds/{kind}/{item}.{lang}.{fmt}.xml"
        for kind, items in (("systems", SYSTEMS), ("processes", PROCESSES))
        for item in items
        for lang in ("nl", "en")
        for fmt in ("atom", "rss")
    }
    found = {p.relative_to(fixture_site).as_posix() for p in all_feed_files(fixture_site)}
    assert found == expected
    for path in all_feed_files(fixture_site):
        parse(path)


@pytest.mark.parametrize("name", FEEDS)
def test_every_update_is_an_entry_newest_first_with_a_stable_id(
    fixture_site: Path, name: str
) -> None:
    lang = name[:2]
    feed = parse(fixture_site / "feeds" / name)
    assert [e.id for e in feed.entries] == expected_ids(lang)
    assert [e.link for e in feed.entries] == expected_links(lang)  # no SITEURL: from the root
    published = [dt.datetime(*e.published_parsed[:6], tzinfo=dt.UTC) for e in feed.entries]
    assert published == sorted(published, reverse=True)


@pytest.mark.parametrize("system", SYSTEMS)
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_system_feeds_hold_exactly_that_systems_messages(
    fixture_site: Path, system: str, lang: str, fmt: str
) -> None:
    feed = parse(fixture_site / "feeds" / "systems" / f"{system}.{lang}.{fmt}.xml")
    assert [e.id for e in feed.entries] == expected_ids(lang, {system})
    assert feed.feed.language == lang


@pytest.mark.parametrize("process", sorted(PROCESSES))
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_process_feeds_hold_the_messages_of_every_system_serving_it(
    fixture_site: Path, process: str, lang: str, fmt: str
) -> None:
    feed = parse(fixture_site / "feeds" / "processes" / f"{process}.{lang}.{fmt}.xml")
    assert [e.id for e in feed.entries] == expected_ids(lang, PROCESSES[process])
    assert feed.feed.language == lang
    if fmt == "atom":
        assert feed.feed.id == f"{TAG}/{lang}/feeds/processes/{process}"


def test_process_feeds_are_titled_and_linked_in_both_languages(fixture_site: Path) -> None:
    english = parse(fixture_site / "feeds" / "processes" / "import.en.atom.xml")
    assert english.feed.title == (
        "Availability of Dutch Customs Systems: Messages about Import (customs process)"
    )
    links = {link.rel: link.href for link in english.feed.links}
    assert links == {
        "self": "/feeds/processes/import.en.atom.xml",
        "alternate": "/en/#process-import",  # the process on the status page
    }
    dutch = parse(fixture_site / "feeds" / "processes" / "transit.nl.rss.xml")
    assert dutch.feed.title == (
        "Beschikbaarheid Douanesystemen: Berichten over Douanevervoer (douaneproces)"
    )
    assert dutch.feed.link == "/#process-transit"
    page = lxml.html.fromstring((fixture_site / "index.html").read_bytes())
    assert page.cssselect("#process-transit"), "the anchor the feed links to"


def test_feed_level_language_self_link_and_updated_from_the_newest_message(
    fixture_site: Path,
) -> None:
    atom = parse(fixture_site / "feeds" / "en.atom.xml")
    assert atom.feed.language == "en"
    assert atom.feed.title == "Availability of Dutch Customs Systems"
    assert atom.feed.id == f"{TAG}/en/feeds/all"
    links = {link.rel: link.href for link in atom.feed.links}
    assert links == {"self": "/feeds/en.atom.xml", "alternate": "/en/"}
    newest = dt.datetime(2026, 11, 29, 8, 45, tzinfo=dt.UTC)  # 09:45 CET, DMS investigation
    assert dt.datetime(*atom.feed.updated_parsed[:6], tzinfo=dt.UTC) == newest
    rss = parse(fixture_site / "feeds" / "nl.rss.xml")
    assert rss.feed.language == "nl"
    assert rss.feed.link == "/"
    assert dt.datetime(*rss.feed.updated_parsed[:6], tzinfo=dt.UTC) == newest
    system = parse(fixture_site / "feeds" / "systems" / "ics2.nl.atom.xml")
    assert system.feed.title == "Beschikbaarheid Douanesystemen: Berichten over ICS2"
    resolved = dt.datetime(2026, 11, 25, 14, 30, tzinfo=dt.UTC)  # ICS2's last message
    assert dt.datetime(*system.feed.updated_parsed[:6], tzinfo=dt.UTC) == resolved


def entry(feed: feedparser.FeedParserDict, event_id: str, number: int) -> dict:
    """Update ``number`` (from 1) of the event, found by its key."""
    key = [k for e, k in reversed(ALL_MESSAGES) if e == event_id][number - 1]
    wanted = f"/events/{event_id}/updates/{key}"
    (found,) = [e for e in feed.entries if e.id.endswith(wanted)]
    return found


def test_entry_title_content_and_categories(fixture_site: Path) -> None:
    feed = parse(fixture_site / "feeds" / "en.atom.xml")
    fallback = entry(feed, "2026-11-29-ncts-verstoring", 2)
    assert fallback.title == "Transit (NCTS) is unavailable – Disruption"
    html = fallback.content[0].value
    assert "You may use the <strong>fallback procedure</strong>." in html
    assert "<strong>Systems</strong>: NCTS" in html
    assert "<strong>Start</strong>: Sunday 29 November 2026 08:40 CET" in html
    assert "You may use the fallback procedure" in html
    assert "<strong>Next update</strong>: Sunday 29 November 2026 10:30 CET" in html
    assert {t.term for t in fallback.tags} == {"disruption", "ncts"}
    assert dt.datetime(*fallback.published_parsed[:6], tzinfo=dt.UTC) == dt.datetime(
        2026, 11, 29, 8, 10, tzinfo=dt.UTC
    )
    dutch = parse(fixture_site / "feeds" / "nl.rss.xml")
    item = entry(dutch, "2026-11-29-ncts-verstoring", 2)
    assert item.title == "Douanevervoer (NCTS) is niet beschikbaar – Verstoring"
    assert "<strong>Noodprocedure</strong>: U mag de noodprocedure gebruiken" in item.description
    assert {t.term for t in item.tags} == {"Verstoring", "NCTS"}


def test_each_entry_keeps_the_facts_of_its_own_moment(fixture_site: Path) -> None:
    """An entry never changes once published: it shows what was known when it was written."""
    feed = parse(fixture_site / "feeds" / "en.atom.xml")
    announced = entry(feed, "2026-11-15-ncts-uitloop", 1).content[0].value
    assert "<strong>Planned end</strong>: Sunday 15 November 2026 12:00 CET" in announced
    overrun = entry(feed, "2026-11-15-ncts-uitloop", 3)
    assert overrun.title == "Maintenance of NCTS – Overrun"
    html = overrun.content[0].value
    assert "<strong>Expected end</strong>: Sunday 15 November 2026 13:30 CET" in html
    assert "<strong>Next update</strong>: Sunday 15 November 2026 12:30 CET" in html
    completed = entry(feed, "2026-11-15-ncts-uitloop", 5).content[0].value
    assert "<strong>End</strong>: Sunday 15 November 2026 13:20 CET" in completed
    assert "Next update" not in completed


def test_special_characters_stay_well_formed_and_intact(fixture_site: Path) -> None:
    for name in ("en.atom.xml", "en.rss.xml"):
        feed = parse(fixture_site / "feeds" / name)
        cancelled = entry(feed, "2026-12-13-emcs-geannuleerd", 2)
        # a title is plain text: its angle brackets become look-alikes, never a tag to a reader
        assert cancelled.title == 'Maintenance of the "EMCS link" & ‹e-AD› – Cancelled'
        body = cancelled.content[0].value if name.endswith("atom.xml") else cancelled.description
        assert 'Messages containing "]]&gt;" or &lt;![CDATA[' in body
        planned = entry(feed, "2026-12-13-dms-onderhoud", 1)
        assert planned.title == "Maintenance of DMS & ICS2 ‹planned› – Scheduled"
    rss = lxml.etree.parse(fixture_site / "feeds" / "en.rss.xml")
    titles = [title.text or "" for title in rss.iter("title")]
    assert len(titles) > 5 and not [t for t in titles if "<" in t or ">" in t]


def test_events_outside_retention_or_not_yet_published_are_in_no_machine_file(
    fixture_site: Path,
) -> None:
    for folder in MACHINE_FOLDERS:
        for path in (fixture_site / folder).rglob("*"):
            if path.is_file():
                text = path.read_text(encoding="utf-8")
                assert "2025-11-28-dms-herstel" not in text, path  # left retention yesterday
                assert "2025-11-01-dms-oud" not in text, path
                assert "not yet published" not in text, path


def digest(site: Path, folders: tuple[str, ...]) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in folders
        for p in sorted((site / folder).rglob("*"))
        if p.is_file()
    }


def test_two_builds_with_the_same_now_give_identical_machine_files(tmp_path: Path) -> None:
    first = digest(build_into(tmp_path / "one"), MACHINE_FOLDERS)
    second = digest(build_into(tmp_path / "two"), MACHINE_FOLDERS)
    assert len(first) == 4 + 16 + 16 + 2 + 2 * 8 + 2 * 5  # feeds, calendars, API, badges
    assert first == second


def test_feeds_depend_on_the_messages_not_on_the_build_time(tmp_path: Path) -> None:
    later = FIXTURE_NOW_UTC + dt.timedelta(minutes=20)  # no message published in between
    assert digest(build_into(tmp_path / "a"), ("feeds",)) == digest(
        build_into(tmp_path / "b", now=later), ("feeds",)
    )


def test_feeds_link_the_site_address_when_it_is_set_and_keep_their_ids(tmp_path: Path) -> None:
    site = build_into(tmp_path / "site", site_url="https://status.example.org")
    for name in ("nl.atom.xml", "nl.rss.xml"):
        feed = parse(site / "feeds" / name)
        assert [e.id for e in feed.entries] == expected_ids("nl")
        assert [e.link for e in feed.entries] == expected_links("nl", "https://status.example.org")
    feed = parse(site / "feeds" / "nl.atom.xml")
    assert feed.feed.id == f"{TAG}/nl/feeds/all"
    assert {link.rel: link.href for link in feed.feed.links}["self"] == (
        "https://status.example.org/feeds/nl.atom.xml"
    )
    rss = (site / "feeds" / "nl.rss.xml").read_text(encoding="utf-8")
    assert f'<guid isPermaLink="false">{TAG}/nl/events/' in rss  # an id, not an address


def test_a_feed_without_messages_is_as_old_as_the_site() -> None:
    from douane_status.domain.config import StatusSettings
    from douane_status.machine.feeds import feed_files
    from douane_status.reading.catalog import read_catalog

    settings = StatusSettings(site_started=dt.date(2026, 3, 1))
    catalog, _ = read_catalog(FIXTURE_CONTENT, FIXTURE_CONTENT.parent, settings.tz)
    files = dict(feed_files(catalog, [], settings, FIXTURE_NOW_UTC))
    assert len(files) == 36
    feed = feedparser.parse(files["/feeds/processes/entry.en.atom.xml"])
    assert not feed.bozo and feed.entries == []
    started = dt.datetime(2026, 2, 28, 23, 0, tzinfo=dt.UTC)  # 1 March, 00:00 CET
    assert dt.datetime(*feed.feed.updated_parsed[:6], tzinfo=dt.UTC) == started
    later = dict(feed_files(catalog, [], settings, FIXTURE_NOW_UTC + dt.timedelta(days=30)))
    assert later == files  # not the build's time


def head_feeds(site: Path, relative: str) -> list[tuple[str, str]]:
    doc = lxml.html.fromstring((site / relative).read_bytes())
    return [
        (link.get("type"), link.get("href"))
        for link in doc.cssselect('head link[rel="alternate"][type]')
    ]


def test_every_page_announces_its_languages_feeds(fixture_site: Path) -> None:
    pages = sorted(p for p in fixture_site.rglob("*.html") if "admin" not in p.parts)
    assert len(pages) > 20
    for path in pages:
        lang = lxml.html.fromstring(path.read_bytes()).get("lang")
        links = head_feeds(fixture_site, path.relative_to(fixture_site).as_posix())
        assert links[:2] == [
            ("application/atom+xml", f"/feeds/{lang}.atom.xml"),
            ("application/rss+xml", f"/feeds/{lang}.rss.xml"),
        ], path
        for _media_type, href in links:
            assert (fixture_site / href.lstrip("/")).is_file(), href


def test_system_pages_also_announce_the_systems_feeds(fixture_site: Path) -> None:
    assert head_feeds(fixture_site, "en/systems/ncts/index.html")[2:] == [
        ("application/atom+xml", "/feeds/systems/ncts.en.atom.xml"),
        ("application/rss+xml", "/feeds/systems/ncts.en.rss.xml"),
    ]
    assert len(head_feeds(fixture_site, "en/archive/index.html")) == 2


@pytest.mark.parametrize(
    ("relative", "lang"), [("abonneren/index.html", "nl"), ("en/subscribe/index.html", "en")]
)
def test_subscribe_page_lists_every_feed_calendar_and_api_file(
    fixture_site: Path, relative: str, lang: str
) -> None:
    doc = lxml.html.fromstring((fixture_site / relative).read_bytes())
    assert doc.get("lang") == lang
    hrefs = {a.get("href") for a in doc.cssselect("main a")}
    machine_files = {
        "/" + p.relative_to(fixture_site).as_posix()
        for folder in ("feeds", "calendar", "api", "en/api")
        for p in (fixture_site / folder).rglob("*")
        if p.is_file()
    }
    assert machine_files <= hrefs
    for href in hrefs - {h for h in hrefs if h.startswith(("tel:", "mailto:"))}:
        assert (fixture_site / href.lstrip("/")).is_file(), href
    badges = "badges" if lang == "nl" else "en/badges"
    assert f"/{badges}/overall.svg" in hrefs and f"/{badges}/ncts.svg" in hrefs
    words = " ".join(doc.cssselect("main")[0].text_content().split())
    assert ("feedlezer" if lang == "nl" else "feed reader") in words
    assert ("agendaprogramma" if lang == "nl" else "calendar program") in words


def test_every_page_links_to_the_subscribe_page_from_its_footer(fixture_site: Path) -> None:
    for path in sorted(p for p in fixture_site.rglob("*.html") if "admin" not in p.parts):
        doc = lxml.html.fromstring(path.read_bytes())
        wanted = "/abonneren/" if doc.get("lang") == "nl" else "/en/subscribe/"
        assert doc.cssselect(f'footer a[href="{wanted}"]'), path


def test_feeds_carry_the_newest_messages_up_to_the_cap(tmp_path: Path) -> None:
    import shutil

    from conftest import REPO

    from douane_status.machine.feeds import FEED_MAX_ENTRIES
    from tools.synthetic import write_history

    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(REPO / "content" / "systems.yaml", content / "systems.yaml")
    shutil.copy(REPO / "content" / "phrases.yaml", content / "phrases.yaml")
    now = dt.datetime(2026, 11, 29, 9, 0, tzinfo=dt.UTC)
    write_history(content, 60, now)  # 3-8 updates each: well over the cap
    site = build_into(tmp_path / "output", content=content, now=now)

    from douane_status.domain.config import StatusSettings
    from douane_status.rules.content import load_content

    events = load_content(content, StatusSettings(), now).events
    from douane_status.domain.update_keys import update_key

    newest = max((u.at, e.id, update_key(e, u)) for e in events for u in e.updates)
    feed = feedparser.parse((site / "feeds/nl.atom.xml").read_bytes())
    assert not feed.bozo
    assert len(feed.entries) == FEED_MAX_ENTRIES
    published = [e.published_parsed for e in feed.entries]
    assert published == sorted(published, reverse=True)
    assert feed.entries[0].id == f"{TAG}/nl/events/{newest[1]}/updates/{newest[2]}"


def test_each_feed_gets_the_newest_messages_of_its_systems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from douane_status.domain.config import StatusSettings
    from douane_status.machine import feeds
    from douane_status.rules.content import load_content
    from tools.synthetic import write_history

    monkeypatch.setattr(feeds, "FEED_MAX_ENTRIES", 12)  # some feeds fill up, some do not
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(FIXTURE_CONTENT / "systems.yaml", content / "systems.yaml")
    shutil.copy(FIXTURE_CONTENT / "phrases.yaml", content / "phrases.yaml")
    now = dt.datetime(2026, 11, 29, 9, 0, tzinfo=dt.UTC)
    write_history(content, 30, now)
    loaded = load_content(content, StatusSettings(), now)
    every = sorted(
        ((e, u) for e in loaded.events for u in e.updates),
        key=lambda m: (m[1].at, m[0].id, m[1].number),
        reverse=True,
    )
    scopes = feeds.feed_scopes(loaded.catalog)
    assert [s.name for s in scopes] == [
        "all",
        *(f"processes/{p}" for p in PROCESSES),
        *(f"systems/{s}" for s in SYSTEMS),
    ]
    assert [s.systems for s in scopes[1:5]] == [frozenset(p) for p in PROCESSES.values()]
    chosen = feeds.newest_messages(loaded.events, scopes)
    assert chosen[0] == every[:12]
    for scope, messages in zip(scopes[1:], chosen[1:], strict=True):
        assert scope.systems is not None
        wanted = [m for m in every if scope.systems & set(m[0].systems)][:12]
        assert messages == wanted, scope.name
    assert {len(messages) for messages in chosen[1:]} > {12}


def test_an_entry_in_several_feeds_is_made_once_and_written_as_feedgen_writes_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each feed holding an entry gets a copy of the XML made once per format: the feeds are
    byte for byte the feeds feedgen writes when it makes every entry again for every feed."""
    from feedgen.entry import FeedEntry

    from douane_status.domain.config import StatusSettings
    from douane_status.machine import feeds
    from douane_status.rules.content import load_content

    settings = StatusSettings(
        site_url="https://status.example.org", websub_hub="https://hub.example"
    )
    loaded = load_content(FIXTURE_CONTENT, settings, FIXTURE_NOW_UTC)
    made: list[FeedEntry] = []
    make_atom = FeedEntry.atom_entry

    def counted(entry: FeedEntry, extensions: bool = True) -> object:
        made.append(entry)
        return make_atom(entry, extensions=extensions)

    monkeypatch.setattr(FeedEntry, "atom_entry", counted)
    shared = dict(feeds.feed_files(loaded.catalog, loaded.events, settings, FIXTURE_NOW_UTC))
    in_feeds = sum(
        xml.count(b"<entry>") for path, xml in shared.items() if path.endswith(".atom.xml")
    )
    assert len(made) == len({(e.id, u.number) for e in loaded.events for u in e.updates}) * 2
    assert in_feeds > 2 * len(made)  # on average, an entry is in more than two feeds

    monkeypatch.setattr(feeds, "_SharedEntry", FeedEntry)  # every entry made for every feed
    made.clear()
    unshared = dict(feeds.feed_files(loaded.catalog, loaded.events, settings, FIXTURE_NOW_UTC))
    assert len(made) == in_feeds
    assert shared == unshared
