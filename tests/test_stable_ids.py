"""What subscribers keep never changes unless the content does.

Feed readers recognise entries by their ids, calendars events by their UIDs, and API clients
compare times: none of them may depend on the build's time or on the address the site is built
for. Two builds of the same content, twenty minutes apart (no message published in between),
one local and one for the published address, must agree on all of it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import feedparser
import icalendar
import pytest
from conftest import FIXTURE_NOW_UTC, build_into

from douane_status.domain.config import StatusSettings
from douane_status.domain.errors import ConfigError

SITE = "https://status.example.org"
LATER = FIXTURE_NOW_UTC + dt.timedelta(minutes=20)  # the next message is at 10:25 CET
SUBSCRIBED = ("feeds", "calendar", "api", "en/api", "badges", "en/badges")


@pytest.fixture(scope="module")
def local_and_published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("stable")
    local = build_into(root / "local")
    published = build_into(root / "published", now=LATER, site_url=SITE)
    return local, published


def files(site: Path, folder: str, pattern: str) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted((site / folder).rglob(pattern))}


def feed_facts(path: Path) -> tuple[Any, ...]:
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, path
    atom = path.name.endswith(".atom.xml")  # RSS has no feed id and no entry update time
    return (
        feed.feed.id if atom else None,
        feed.feed.updated,
        [(e.id, e.published, e.updated if atom else None) for e in feed.entries],
    )


def test_feed_ids_and_times_are_the_same(local_and_published: tuple[Path, Path]) -> None:
    local, published = local_and_published
    feeds = files(local, "feeds", "*.xml")
    assert feeds.keys() == files(published, "feeds", "*.xml").keys()
    assert len(feeds) == 36
    entries = 0
    for name, path in feeds.items():
        facts = feed_facts(path)
        assert facts == feed_facts(published / name), name
        if name.endswith(".atom.xml"):
            assert facts[0].startswith("tag:douane.nl,2026:"), name
        entries += len(facts[2])
        for entry_id, _, _ in facts[2]:
            assert entry_id.startswith("tag:douane.nl,2026:beschikbaarheid-douanesystemen/")
    assert entries > 100
    # Only the addresses differ: from the root locally, with SITEURL when published.
    for name, path in feeds.items():
        assert (published / name).read_bytes().replace(SITE.encode(), b"") == path.read_bytes()


def calendar_facts(path: Path) -> dict[str, tuple[Any, ...]]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {
        str(item["uid"]): tuple(
            item.get(name) and item.decoded(name)
            for name in ("dtstamp", "created", "last-modified", "sequence", "dtstart", "dtend")
        )
        for item in calendar.walk("VEVENT")
    }


def test_calendar_uids_and_times_are_the_same(local_and_published: tuple[Path, Path]) -> None:
    local, published = local_and_published
    for lang in ("nl", "en"):
        name = f"calendar/{lang}.ics"
        facts = calendar_facts(local / name)
        assert len(facts) == 9
        assert facts == calendar_facts(published / name)
        assert all(
            u.startswith(f"tag:douane.nl,2026:beschikbaarheid-douanesystemen/{lang}/")
            for u in facts
        )


def without_site(value: Any) -> Any:
    """``value`` with the published address taken off every text that starts with it."""
    if isinstance(value, dict):
        return {k: without_site(v) for k, v in value.items()}
    if isinstance(value, list):
        return [without_site(v) for v in value]
    if isinstance(value, str) and value.startswith(SITE):
        return value.removeprefix(SITE)
    return value


def test_api_documents_are_the_same_but_for_the_address(
    local_and_published: tuple[Path, Path],
) -> None:
    local, published = local_and_published
    documents = {**files(local, "api", "*.json"), **files(local, "en/api", "*.json")}
    assert len(documents) == 16
    for name, path in documents.items():
        here = json.loads(path.read_text(encoding="utf-8"))
        there = json.loads((published / name).read_text(encoding="utf-8"))
        assert there != here  # each names the page by its address
        assert without_site(there) == here, name
    summary = json.loads((published / "api/v2/summary.json").read_text(encoding="utf-8"))
    assert summary["page"]["url"] == f"{SITE}/"
    assert summary["page"]["updated_at"] == "2026-11-29T09:45:00.000+01:00"  # not 10:00, 10:20


def test_a_local_build_writes_no_address_of_a_machine_that_is_not_the_site(
    local_and_published: tuple[Path, Path],
) -> None:
    local, _ = local_and_published
    checked = 0
    for path in sorted(local.rglob("*")):
        relative = path.relative_to(local).as_posix()
        # The editor talks to a local helper by design: operators use it, subscribers do not.
        if path.is_file() and not relative.startswith("admin/"):
            assert b"localhost" not in path.read_bytes(), relative
            assert b"127.0.0.1" not in path.read_bytes(), relative
            checked += relative.startswith(SUBSCRIBED)
    assert checked == 36 + 2 + 16 + 10


@pytest.mark.parametrize(
    "base",
    [
        "tag:douane.nl,2026:beschikbaarheid-douanesystemen",
        "tag:status.douane.nl,2026-11:status",
        "tag:webmaster@douane.nl,2026-11-01:status/v1",
    ],
)
def test_a_tag_base_is_a_tag_uri_without_the_specific_part(base: str) -> None:
    assert StatusSettings.from_mapping({"tag_base": base}).tag_base == base


@pytest.mark.parametrize(
    "base",
    [
        "https://status.douane.nl",  # an address: what the ids must not depend on
        "tag:Douane.nl,2026:status",  # tags compare as text: the authority in lower case
        "tag:douane,2026:status",  # not a domain name
        "tag:douane.nl,26:status",
        "tag:douane.nl,2026-02-30:status",  # no such day
        "tag:douane.nl,2026:",
        "tag:douane.nl,2026:status/",  # ids are added after a slash
        "tag:douane.nl,2026:sta tus",
        "tag:douane.nl,2026:status#x",
        2026,
    ],
)
def test_a_wrong_tag_base_says_what_it_should_be(base: object) -> None:
    with pytest.raises(ConfigError, match=r"tag_base=.* is not a tag URI base \(RFC 4151\)"):
        StatusSettings.from_mapping({"tag_base": base})


def test_the_site_start_is_a_date_at_midnight_in_the_site_s_zone() -> None:
    settings = StatusSettings.from_mapping({"site_started": "2026-07-01"})
    assert settings.started_at == dt.datetime(2026, 6, 30, 22, 0, tzinfo=dt.UTC)
    with pytest.raises(ConfigError, match="site_started='1 juli' is not a date: give 'YYYY-MM-DD'"):
        StatusSettings.from_mapping({"site_started": "1 juli"})


# -- an update's key: its own time, not its place ----------------------------------------------


def _event(*updates: tuple[str, str]) -> Any:
    """An event whose updates are (local time, text), in file order."""
    from douane_status.domain.model import Event, EventType, Status, Text, Update

    tz = StatusSettings().tz
    return Event(
        id="2026-11-29-ncts-verstoring",
        path="x.md",
        type=EventType.DISRUPTION,
        title=Text("t", "t"),
        systems=("ncts",),
        start=dt.datetime(2026, 11, 29, 8, 40, tzinfo=tz),
        updates=tuple(
            Update(
                n,
                n,
                dt.datetime.fromisoformat(at).replace(tzinfo=tz),
                Status.DISRUPTION,
                Text(text, text),
            )
            for n, (at, text) in enumerate(updates, start=1)
        ),
        body=Text("", ""),
    )


def test_an_update_keeps_its_key_when_others_come_and_go_and_when_its_text_changes() -> None:
    from douane_status.domain.update_keys import update_id, update_keys

    first, second, third = (
        ("2026-11-29 08:50", "a"),
        ("2026-11-29 09:10", "b"),
        ("2026-11-29 09:40", "c"),
    )
    keys = update_keys(_event(first, second, third))
    assert keys == ("20261129T075000Z", "20261129T081000Z", "20261129T084000Z")  # UTC
    assert update_id("2026-11-29-ncts-verstoring", keys[1]) == (
        "2026-11-29-ncts-verstoring-update-20261129T081000Z"
    )
    # the text corrected: the same keys
    assert update_keys(_event(first, ("2026-11-29 09:10", "b, corrected"), third)) == keys
    # the second withdrawn and replaced by one at another time: a new key, the others stay
    replaced = update_keys(_event(first, ("2026-11-29 09:15", "b'"), third))
    assert replaced[0] == keys[0] and replaced[2] == keys[2] and replaced[1] not in keys
    # a backdated update inserted: it gets a key of its own, no other key moves
    inserted = update_keys(_event(first, ("2026-11-29 09:00", "late"), second, third))
    assert [k for k in inserted if k != "20261129T080000Z"] == list(keys)


def test_updates_at_the_same_instant_are_told_apart_in_file_order() -> None:
    from douane_status.domain.update_keys import update_keys

    same = ("2026-11-29 09:10", "x")
    assert update_keys(_event(same, same, same)) == (
        "20261129T081000Z",
        "20261129T081000Z-2",
        "20261129T081000Z-3",
    )


def test_an_events_keys_are_worked_out_once_and_its_earlier_self_has_its_own() -> None:
    import pickle

    from douane_status.domain.update_keys import update_keys

    event = _event(("2026-11-29 08:50", "a"), ("2026-11-29 09:10", "b"))
    assert update_keys(event) is update_keys(event)  # not again for every channel that asks
    earlier = event.published_at(dt.datetime(2026, 11, 29, 8, 0, tzinfo=dt.UTC))
    assert earlier is not None and update_keys(earlier) == ("20261129T075000Z",)
    assert update_keys(pickle.loads(pickle.dumps(event))) == update_keys(event)  # from a worker


def test_every_channel_names_an_update_by_the_same_key(fixture_site: Path) -> None:
    """The API's update id, the feed entry's id and link, and the event page's anchor agree."""
    import lxml.html

    tag = StatusSettings().tag_base
    feed = feedparser.parse((fixture_site / "feeds" / "en.atom.xml").read_bytes())
    entries = {e.id: e.link for e in feed.entries}
    checked = 0
    for name, key in (("incidents.json", "incidents"),
                      ("scheduled-maintenances.json", "scheduled_maintenances")):  # fmt: skip
        for incident in json.loads((fixture_site / "en/api/v2" / name).read_text())[key]:
            page = fixture_site / "en" / "status-messages" / incident["id"] / "index.html"
            anchors = {e.get("id") for e in lxml.html.parse(str(page)).iter() if e.get("id")}
            for update in incident["incident_updates"]:
                event_id, _, update_key = update["id"].partition("-update-")
                assert event_id == incident["id"]
                assert f"update-{update_key}" in anchors
                entry = f"{tag}/en/events/{event_id}/updates/{update_key}"
                assert entries[entry].endswith(f"/{event_id}/#update-{update_key}")
                checked += 1
    assert checked == len(feed.entries) == 16
