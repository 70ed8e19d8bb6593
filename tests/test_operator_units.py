"""Small unit tests of the operator core: values as written, insertion only, planning, phrases."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from conftest import FIXTURE_CONTENT, REPO
from hypothesis import given
from hypothesis import strategies as st

sys.path.insert(0, str(REPO / "plugins"))

from douane_status.domain.config import StatusSettings
from douane_status.domain.errors import PhrasebookError, UsageError
from douane_status.domain.model import EventType, Status, Text
from douane_status.domain.timestamps import parse_timestamp
from douane_status.domain.workdays import WorkCalendar
from douane_status.operators import authoring as a
from douane_status.operators.planning import earliest_notice_date, plan_advice
from douane_status.reading import yamlsource
from douane_status.reading.catalog import read_catalog
from douane_status.reading.characters import FORBIDDEN
from douane_status.reading.phrases import PLACEHOLDERS, load_phrasebook, parse_phrasebook

SETTINGS = StatusSettings()
TZ = SETTINGS.tz


def at(text: str) -> dt.datetime:
    return parse_timestamp(text, TZ)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_yaml_scalar_reads_back_as_the_same_text(text: str) -> None:
    if FORBIDDEN.search(text):  # a character no text may hold: written, then refused (OUT001)
        with pytest.raises(yamlsource.YamlError, match="remove the escape"):
            yamlsource.load(f"k: {a.yaml_scalar(text)}")
        return
    node = yamlsource.load(f"k: {a.yaml_scalar(text)}")
    assert isinstance(node, yamlsource.Mapping)
    value = node.items["k"]
    assert isinstance(value, yamlsource.Scalar) and value.text == text


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("De noodprocedure is beëindigd.", True),
        ("Volgende update om 10:30.", True),
        ("Let op: gebruik de noodprocedure", False),
        ("no", False),
        ("# geen commentaar", False),
        ("'quoted'", False),
    ],
)
def test_yaml_scalar_stays_plain_when_it_can(text: str, plain: bool) -> None:
    assert (a.yaml_scalar(text) == text) is plain


def test_file_time_adds_the_offset_only_in_the_autumn_hour() -> None:
    assert a.file_time(at("2026-11-29 09:12"), TZ) == "2026-11-29 09:12"
    assert a.file_time(at("2026-10-25 02:30+02:00"), TZ) == "2026-10-25 02:30+02:00"
    assert a.file_time(at("2026-10-25 02:30+01:00"), TZ) == "2026-10-25 02:30+01:00"
    assert a.file_time(at("2026-03-29 03:30"), TZ) == "2026-03-29 03:30"


def test_new_event_ids_stay_unique() -> None:
    day = dt.date(2026, 11, 28)
    first = "2026-11-28-dms-verstoring"
    assert a.new_event_id(EventType.DISRUPTION, ["dms"], day, set()) == first
    assert a.new_event_id(EventType.DISRUPTION, ["dms"], day, {first}) == f"{first}-1"
    assert a.new_event_id(EventType.DISRUPTION, ["dms"], day, {first, f"{first}-1"}) == (
        f"{first}-2"
    )
    assert a.new_event_id(EventType.UNPLANNED_MAINTENANCE, ["dms", "htg"], day, ()) == (
        "2026-11-28-dms-htg-ongepland-onderhoud"
    )


def test_join_words_in_both_languages() -> None:
    assert a.join_words(["DMS"], "nl") == "DMS"
    assert a.join_words(["DMS", "NCTS", "AES"], "nl") == "DMS, NCTS en AES"
    assert a.join_words(["DMS", "NCTS"], "en") == "DMS and NCTS"


UPDATE = a.NewUpdate(at("2026-11-28 10:00"), Status.DISRUPTION, Text("Storing.", "Fault."))
LAYOUTS = {
    "flow items, trailing comment": (
        "---\ntype: disruption\nupdates:\n- {at: 2026-11-28 09:20, status: investigating}\n"
        "# end of timeline\n---\n",
        "- {at: 2026-11-28 09:20, status: investigating}\n",
    ),
    "byte order mark and a last block scalar kept with its blank line": (
        "\ufeff---\nupdates:\n  - at: 2026-11-28 09:20\n    nl: |+\n      Tekst.\n\n---\n",
        "      Tekst.\n\n",
    ),
    "updates before other fields": (
        "---\nupdates:\n  - at: 2026-11-28 09:20\n    en: x  # note\ncause:\n  nl: a\n---\n",
        "    en: x  # note\n",
    ),
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_append_update_only_inserts(layout: str) -> None:
    original, last_line = LAYOUTS[layout]
    changed = a.append_update(original, UPDATE, TZ, "x.md")
    cut = original.index(last_line) + len(last_line)
    added = changed[cut : cut + len(changed) - len(original)]
    assert changed == original[:cut] + added + original[cut:]
    assert "  status: disruption\n" in added and added.endswith("en: Fault.\n")
    assert a.current_updates(changed, "x.md") == 2


def test_append_update_refuses_what_it_cannot_extend_by_insertion() -> None:
    with pytest.raises(UsageError, match="brackets"):
        a.append_update("---\nupdates: [{at: x}]\n---\n", UPDATE, TZ, "x.md")
    with pytest.raises(UsageError, match="no list of updates"):
        a.append_update("---\ntype: disruption\n---\n", UPDATE, TZ, "x.md")
    with pytest.raises(UsageError, match="not closed"):
        a.append_update("---\nupdates:\n  - at: x\n", UPDATE, TZ, "x.md")


def test_earliest_notice_date_counts_dutch_working_days() -> None:
    calendar = WorkCalendar(SETTINGS)
    # Announced Friday 18 December 2026: Christmas, Boxing Day (a Saturday) and New Year's Day
    # are no working days, so the tenth is Tuesday 5 January 2027 and the start the day after.
    announced = dt.date(2026, 12, 18)
    earliest = earliest_notice_date(calendar, announced, 10)
    assert earliest == dt.date(2027, 1, 6)
    assert calendar.working_days_between(announced, earliest) == 10
    assert calendar.working_days_between(announced, earliest - dt.timedelta(days=1)) == 9


def test_plan_advice_for_a_release_outside_its_window() -> None:
    catalog, findings = read_catalog(FIXTURE_CONTENT, FIXTURE_CONTENT.parent, TZ)
    assert findings == []
    calendar = WorkCalendar(SETTINGS)
    advice = plan_advice(
        EventType.RELEASE,
        at("2026-11-20 10:00"),
        at("2026-12-19 09:00"),
        at("2026-12-19 11:00"),
        catalog,
        calendar,
        10,
    )
    assert advice is not None
    assert advice.notice_holds and not advice.in_window  # the window is 08:00-10:00
    assert advice.earliest is not None
    assert advice.earliest.start == at("2026-12-19 08:00")
    assert advice.earliest.end == at("2026-12-19 10:00")
    assert (
        plan_advice(
            EventType.UNPLANNED_MAINTENANCE,
            at("2026-11-20 10:00"),
            at("2026-12-19 09:00"),
            at("2026-12-19 11:00"),
            catalog,
            calendar,
            10,
        )
        is None
    )


def test_the_shipped_phrasebook_has_every_phrase() -> None:
    book = load_phrasebook(REPO / "content", REPO)
    values = {name: Text(f"<{name}>", f"<{name}>") for name in PLACEHOLDERS}
    for section, key in book.phrases:
        text = book.fill(section, key, values)
        assert text.nl and text.en and "{" not in text.nl + text.en


def test_phrasebook_mistakes_name_the_line() -> None:
    with pytest.raises(PhrasebookError, match=r"^p.yaml:1: unknown field 'title'"):
        parse_phrasebook("p.yaml", b"title: {}\n")
    source = (
        (REPO / "content" / "phrases.yaml")
        .read_bytes()
        .replace(b"until {end}", b"until {end!r}", 1)
    )
    with pytest.raises(PhrasebookError, match=r"'\{end!r\}' has a conversion or format"):
        parse_phrasebook("p.yaml", source)


def test_a_phrase_without_its_value_says_which_placeholder(tmp_path: Path) -> None:
    book = load_phrasebook(REPO / "content", REPO)
    with pytest.raises(PhrasebookError, match=r"statuses.overrun uses \{expected_end\}"):
        book.fill("statuses", "overrun", {"systems": Text("DMS", "DMS")})
