"""The iCalendar feeds, read back with icalendar: planned events and windows, changed in place."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from conftest import FIXTURE_CONTENT, FIXTURE_NOW_UTC, build_into
from hypothesis import given, settings
from hypothesis import strategies as st

AMS = ZoneInfo("Europe/Amsterdam")
TAG = "tag:douane.nl,2026:beschikbaarheid-douanesystemen"  # pelicanconf's tag_base
SITE_STARTED = dt.datetime(2025, 9, 30, 22, 0, tzinfo=dt.UTC)  # pelicanconf: 2025-10-01

PLANNED = {
    "2026-11-15-ncts-uitloop",
    "2026-11-29-emcs-onderhoud",
    "2026-12-13-dms-onderhoud",
    "2026-12-13-emcs-geannuleerd",
}
WINDOWS = {
    "window-maintenance-2026-10-25",
    "window-maintenance-2026-11-15",
    "window-maintenance-2026-11-29",
    "window-maintenance-2026-12-13",
    "window-release-2026-12-12",  # moved to 19 December, keeps its identity
}


def uid(lang: str, item: str) -> str:
    """The UID of a planned event (its id) or an agreed window (``window-…``) in ``lang``."""
    kind = "windows" if item.startswith("window-") else "events"
    return f"{TAG}/{lang}/calendar/{kind}/{item}"


def read(path: Path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes())


def events(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def local(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=AMS)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_calendar_holds_planned_events_in_retention_and_the_windows(
    fixture_site: Path, lang: str
) -> None:
    calendar = read(fixture_site / "calendar" / f"{lang}.ics")
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["method"]) == "PUBLISH"
    assert set(events(calendar)) == {uid(lang, item) for item in PLANNED | WINDOWS}
    # Disruptions are not in the calendar; the recovery that left retention is gone.
    assert not any("verstoring" in uid or "herstel" in uid for uid in events(calendar))
    for item in calendar.walk("VEVENT"):
        for name in ("dtstamp", "dtstart", "dtend", "summary", "description", "status"):
            assert name in item, (item["uid"], name)
        assert "url" not in item  # no SITEURL: no address a calendar could follow
        assert item["status"] in ("CONFIRMED", "CANCELLED")
        assert item["transp"] == "TRANSPARENT"
        # DTSTAMP: an event's last update, a window the site's start; never the build's time.
        if "last-modified" in item:
            assert item.decoded("dtstamp") == item.decoded("last-modified")
        else:
            assert item.decoded("dtstamp") == SITE_STARTED


def test_dutch_and_english_calendars_have_distinct_uids(fixture_site: Path) -> None:
    """A subscriber to both calendars gets each event twice, in two words, without clashes."""
    dutch = set(events(read(fixture_site / "calendar" / "nl.ics")))
    english = set(events(read(fixture_site / "calendar" / "en.ics")))
    assert len(dutch) == len(english) == len(PLANNED | WINDOWS)
    assert dutch.isdisjoint(english)
    assert {u.replace("/nl/", "/en/", 1) for u in dutch} == english


def test_times_are_in_amsterdam_with_its_vtimezone(fixture_site: Path) -> None:
    calendar = read(fixture_site / "calendar" / "nl.ics")
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/Amsterdam"
    assert {str(s["tzname"]) for s in zone.subcomponents} == {"CET", "CEST"}
    for item in calendar.walk("VEVENT"):
        assert item["dtstart"].params["TZID"] == "Europe/Amsterdam"
        assert item["dtend"].params["TZID"] == "Europe/Amsterdam"
    text = (fixture_site / "calendar" / "nl.ics").read_text(encoding="utf-8")
    assert "DTSTART;TZID=Europe/Amsterdam:20261115T080000" in text


def test_overrun_event_ends_when_it_was_completed(fixture_site: Path) -> None:
    item = events(read(fixture_site / "calendar" / "en.ics"))[uid("en", "2026-11-15-ncts-uitloop")]
    assert item.decoded("dtstart") == local(2026, 11, 15, 8, 0)
    assert item.decoded("dtend") == local(2026, 11, 15, 13, 20)
    assert str(item["summary"]) == "Maintenance of NCTS"
    assert item["status"] == "CONFIRMED"
    assert item["sequence"] == 4  # announced, then four more updates
    assert item.decoded("last-modified") == local(2026, 11, 15, 13, 20)
    assert item.decoded("dtstamp") == local(2026, 11, 15, 13, 20)
    assert item.decoded("created") == local(2026, 10, 30, 10, 0)
    description = str(item["description"])
    assert "Status: Completed" in description
    assert "Systems: NCTS" in description
    assert "End: Sunday 15 November 2026 13:20 CET" in description
    assert "The maintenance has been completed." in description


def test_cancelled_event_keeps_its_window_and_says_so(fixture_site: Path) -> None:
    dutch = events(read(fixture_site / "calendar" / "nl.ics"))[
        uid("nl", "2026-12-13-emcs-geannuleerd")
    ]
    assert dutch["status"] == "CANCELLED"
    assert dutch["sequence"] == 1
    assert dutch.decoded("dtstart") == local(2026, 12, 13, 8, 0)
    assert dutch.decoded("dtend") == local(2026, 12, 13, 12, 0)
    assert str(dutch["summary"]) == 'Geannuleerd: Onderhoud aan de "EMCS-koppeling" & <e-AD>'
    assert 'Berichten met "]]>" of <![CDATA[ worden gewoon verwerkt.' in str(dutch["description"])
    english = events(read(fixture_site / "calendar" / "en.ics"))[
        uid("en", "2026-12-13-emcs-geannuleerd")
    ]
    assert str(english["summary"]) == 'Cancelled: Maintenance of the "EMCS link" & <e-AD>'


def test_with_the_site_address_events_link_their_page(tmp_path: Path) -> None:
    site = build_into(tmp_path / "site", site_url="https://status.example.org")
    found = events(read(site / "calendar" / "en.ics"))
    assert set(found) == {uid("en", item) for item in PLANNED | WINDOWS}  # the same UIDs
    item = found[uid("en", "2026-11-15-ncts-uitloop")]
    url = "https://status.example.org/en/status-messages/2026-11-15-ncts-uitloop/"
    assert str(item["url"]) == url
    assert str(item["description"]).endswith("\n\n" + url + "#update-20261115T122000Z")
    window = found[uid("en", "window-maintenance-2026-11-29")]
    assert str(window["url"]) == "https://status.example.org/en/maintenance/"


def test_windows_moved_and_cancelled(fixture_site: Path) -> None:
    found = events(read(fixture_site / "calendar" / "en.ics"))
    moved = found[uid("en", "window-release-2026-12-12")]
    assert moved.decoded("dtstart") == local(2026, 12, 19, 8, 0)
    assert moved.decoded("dtend") == local(2026, 12, 19, 10, 0)
    assert moved["sequence"] == 1
    assert str(moved["summary"]) == "Agreed release window"
    assert "Moved from Saturday 12 December 2026." in str(moved["description"])
    cancelled = found[uid("en", "window-maintenance-2026-10-25")]
    assert cancelled["status"] == "CANCELLED"
    assert cancelled["sequence"] == 1
    assert str(cancelled["summary"]) == "Cancelled: Agreed maintenance window"
    plain = found[uid("en", "window-maintenance-2026-11-29")]
    assert (plain["status"], plain["sequence"]) == ("CONFIRMED", 0)


MOVED_AND_CANCELLED = """
  - at: 2026-11-30 09:00
    status: scheduled
    nl: Het onderhoud is verplaatst naar 13 december 09:00-15:30.
    en: The maintenance has been moved to 13 December 09:00-15:30.
  - at: 2026-12-01 09:00
    status: cancelled
    nl: Het onderhoud gaat niet door.
    en: The maintenance is cancelled.
---"""


def test_a_moved_then_cancelled_event_changes_in_place(tmp_path: Path) -> None:
    """A subscribed client matches on UID and takes the higher SEQUENCE as the newer version."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    path = content / "outages" / "2026" / "2026-12-13-dms-onderhoud.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("start: 2026-12-13 08:00", "start: 2026-12-13 09:00")
    text = text.replace("end: 2026-12-13 14:30", "end: 2026-12-13 15:30")
    head, _, body = text.partition("\n---\n")
    path.write_text(head + MOVED_AND_CANCELLED + "\n" + body, encoding="utf-8")
    key = uid("en", "2026-12-13-dms-onderhoud")

    before = events(read(build_into(tmp_path / "before") / "calendar" / "en.ics"))[key]
    moved_at = dt.datetime(2026, 11, 30, 9, 30, tzinfo=AMS)
    moved = events(read(build_into(tmp_path / "moved", content, moved_at) / "calendar/en.ics"))
    cancelled_at = dt.datetime(2026, 12, 1, 9, 30, tzinfo=AMS)
    gone = events(read(build_into(tmp_path / "gone", content, cancelled_at) / "calendar/en.ics"))

    assert before.decoded("dtstart") == local(2026, 12, 13, 8, 0)
    assert moved[key].decoded("dtstart") == local(2026, 12, 13, 9, 0)
    assert moved[key].decoded("dtend") == local(2026, 12, 13, 15, 30)
    assert gone[key]["status"] == "CANCELLED"
    assert before["sequence"] < moved[key]["sequence"] < gone[key]["sequence"]
    assert before.decoded("last-modified") < moved[key].decoded("last-modified")
    assert before.decoded("dtstamp") < moved[key].decoded("dtstamp") < gone[key].decoded("dtstamp")


def test_sequence_rises_with_every_update_after_the_announcement() -> None:
    import dataclasses

    from douane_status.domain.config import StatusSettings
    from douane_status.machine.calendar_feed import sequence
    from douane_status.rules.content import load_content

    content = load_content(FIXTURE_CONTENT, StatusSettings(), FIXTURE_NOW_UTC)
    (overrun,) = [e for e in content.events if e.id == "2026-11-15-ncts-uitloop"]
    known = [dataclasses.replace(overrun, updates=overrun.updates[:n]) for n in range(1, 6)]
    assert [sequence(e) for e in known] == [0, 1, 2, 3, 4]


WINDOW = """maintenance:
  - date: 2026-12-20
    moved_from: {moved_from}
    start: "08:00"
    end: "16:00"
  - date: 2026-12-13
    start: "08:00"
    end: "16:00"
"""


@pytest.mark.parametrize(
    ("moved_from", "code", "words"),
    [
        ("2026-13-01", "OUT004", "must be the original date"),
        ("2026-12-20", "OUT004", "is the window's own date"),
        ("2026-12-13", "OUT007", "has the identity of the one on"),
    ],
)
def test_a_wrong_moved_from_is_refused(
    tmp_path: Path, moved_from: str, code: str, words: str
) -> None:
    from douane_status.reading.catalog import read_catalog

    content = tmp_path / "content"
    (content / "windows").mkdir(parents=True)
    shutil.copy(FIXTURE_CONTENT / "systems.yaml", content / "systems.yaml")
    shutil.copy(FIXTURE_CONTENT / "phrases.yaml", content / "phrases.yaml")
    (content / "windows" / "2026.yaml").write_text(
        WINDOW.format(moved_from=moved_from), encoding="utf-8"
    )
    _catalog, findings = read_catalog(content, tmp_path, AMS)
    assert [(f.code, f.line) for f in findings] == [(code, 3 if code == "OUT004" else 2)]
    assert words in findings[0].message


def test_a_valid_moved_from_keeps_the_original_identity(tmp_path: Path) -> None:
    from douane_status.reading.catalog import read_catalog

    content = tmp_path / "content"
    (content / "windows").mkdir(parents=True)
    shutil.copy(FIXTURE_CONTENT / "systems.yaml", content / "systems.yaml")
    shutil.copy(FIXTURE_CONTENT / "phrases.yaml", content / "phrases.yaml")
    (content / "windows" / "2026.yaml").write_text(
        WINDOW.format(moved_from="2026-12-06"), encoding="utf-8"
    )
    catalog, findings = read_catalog(content, tmp_path, AMS)
    assert findings == []
    moved = next(w for w in catalog.windows if w.date == dt.date(2026, 12, 20))
    assert (moved.uid, moved.changes) == ("window-maintenance-2026-12-06", 1)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_calendar_is_exactly_what_icalendar_writes(fixture_site: Path, lang: str) -> None:
    """The lines both languages share are written once and joined here: icalendar must agree."""
    data = (fixture_site / "calendar" / f"{lang}.ics").read_bytes()
    assert icalendar.Calendar.from_ical(data).to_ical() == data


def test_components_are_joined_from_their_lines_as_icalendar_joins_them() -> None:
    from douane_status.machine.calendar_feed import component_ical, property_lines

    item = icalendar.Event()
    item.add("summary", "Onderhoud; één, twee")
    item.add("dtstart", local(2026, 12, 13, 8, 0))
    item.add("description", "Een lange regel met ë en € die gevouwen moet worden. " * 4)
    item.add("comment", "first")
    item.add("comment", "second")  # a property with two values: two lines
    item.add("categories", ["Gepland onderhoud"])
    assert component_ical(icalendar.Event, property_lines(item)) == item.to_ical()

    calendar = icalendar.Calendar()
    calendar.add("version", "2.0")
    calendar.add_component(item)
    joined = component_ical(icalendar.Calendar, property_lines(calendar), [item.to_ical()])
    assert joined == calendar.to_ical()


# Lines made of the characters that decide a fold: the escapes' backslash and caret, a comma and
# semicolon icalendar escapes, ASCII letters, and non-ASCII ones (left to icalendar).
_FOLD_TEXT = st.text(alphabet=st.sampled_from("ab ,;\\^:é€\U0001f600"), max_size=400)


@given(_FOLD_TEXT, st.sampled_from(["description", "summary", "x-wr-caldesc", "url"]))
@settings(max_examples=400, deadline=None)
def test_lines_are_folded_exactly_as_icalendar_folds_them(text: str, name: str) -> None:
    from douane_status.machine.calendar_feed import folded

    item = icalendar.Event()
    item.add(name, text)
    line = item.content_line(name, item[name])
    assert folded(line) == line.to_ical()


@pytest.mark.parametrize("width", [73, 74, 75, 76, 148, 149])
@pytest.mark.parametrize("escape", ["\\", "^", ","])
def test_an_escape_is_never_split_from_what_follows(width: int, escape: str) -> None:
    from icalendar.parser import Contentline

    from douane_status.machine.calendar_feed import folded

    for at in range(width - 3, width + 1):
        line = Contentline("x" * at + escape + "n" + "y" * width)
        assert folded(line) == line.to_ical()


def test_a_line_made_once_is_never_given_for_another_value() -> None:
    """Lines are made once per property and value: the same moment in another zone, or 1 where
    True was asked, is another line (equal datetimes, equal hashes)."""
    from douane_status.machine.calendar_feed import _Lines

    def written(name: str, value: object) -> bytes:
        item = icalendar.Event()
        item.add(name, value)
        return item.content_line(name.upper(), item[name]).to_ical()

    amsterdam = local(2026, 12, 13, 8, 0)
    values = [
        ("dtstart", amsterdam),
        ("dtstart", amsterdam.astimezone(dt.UTC)),
        ("x-flag", 1),
        ("x-flag", True),
        ("categories", ["Onderhoud"]),
        ("dtstart", amsterdam),  # again: made already
    ]
    lines = _Lines()
    assert [lines.line(name, value) for name, value in values] == [
        written(name, value) for name, value in values
    ]
