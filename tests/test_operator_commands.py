"""The operator's commands in a live incident (issue 13): times of day, event names, repeated and
closed events, same-day ids, the body, ``--down``. Each runs the command line's public entry
(``cli.main``) in a throwaway project and reads back the files and what was printed."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import REPO, make_project

sys.path.insert(0, str(REPO / "plugins"))

from douane_status.commands import cli
from douane_status.commands.options import parse_now
from douane_status.domain.config import StatusSettings
from douane_status.domain.errors import UsageError
from douane_status.domain.model import Event
from douane_status.domain.timestamps import parse_time_option, parse_timestamp
from douane_status.rules.content import load_content

SETTINGS = StatusSettings()
TZ = SETTINGS.tz
OUTAGES = "content/outages/2026"
DMS_NCTS = "2026-11-29-dms-ncts-verstoring"
CLOSED = "2026-11-25-ics2-opgelost"  # a resolved ICS2 disruption in the fixture content


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "project")
    shutil.copy2(REPO / "content" / "phrases.yaml", root / "content" / "phrases.yaml")
    return root


def at(text: str) -> dt.datetime:
    return parse_timestamp(text, TZ)


def run(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(project, list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return int(code), out, err


def snapshot(project: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in (project / "content").rglob("*") if p.is_file()}


def event_in(project: Path, event_id: str, now: str = "2026-11-29T12:00") -> Event:
    path = next((project / "content" / "outages").rglob(f"{event_id}.md"))
    content = load_content(project / "content", SETTINGS, at(now), root=project, only=[path])
    assert not [f for f in content.findings if f.is_error], content.findings
    return next(e for e in content.events if e.id == event_id)


def new_dms_ncts(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        project, capsys, "new", "--type", "disruption", "--systems", "dms,ncts",
        "--start", "09:12", "--now", "2026-11-29T09:20",
    )  # fmt: skip
    assert code == 0, out + err


# -- one parser for every time option ------------------------------------------------------------


def test_a_time_of_day_start_after_midnight_is_the_evening_before(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        project, capsys, "new", "--type", "disruption", "--systems", "dms",
        "--start", "23:50", "--now", "2026-11-30T00:10",
    )  # fmt: skip
    assert code == 0, out + err
    assert "--start 23:50 is read as 2026-11-29 23:50 (the day before --now)" in out
    event = event_in(project, "2026-11-29-dms-verstoring", "2026-11-30T00:10")
    assert event.start == at("2026-11-29 23:50")
    assert event.start < event.updates[0].at == at("2026-11-30 00:10")


def test_planned_work_given_by_time_of_day_lies_ahead(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # at 10:00 a maintenance "from 08:00 to 02:00" is tomorrow 08:00 until the night after
    code, out, err = run(
        project, capsys, "new", "--type", "maintenance", "--systems", "emcs",
        "--start", "08:00", "--end", "02:00", "--now", "2026-12-01T10:00",
    )  # fmt: skip
    assert code == 0, out + err
    event = event_in(project, "2026-12-02-emcs-onderhoud", "2026-12-01T10:00")
    assert (event.start, event.end) == (at("2026-12-02 08:00"), at("2026-12-03 02:00"))


def test_every_time_option_takes_the_same_forms(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    today = dt.datetime.now(TZ).date()
    now = parse_now("10:31", SETTINGS)
    assert now.astimezone(TZ).replace(tzinfo=None) in {
        dt.datetime.combine(day, dt.time(10, 31)) for day in (today, dt.date.today())
    }
    assert parse_now("2026-11-29 10:31", SETTINGS) == parse_now("2026-11-29T10:31", SETTINGS)
    code, out, err = run(
        project, capsys, "new", "--type", "disruption", "--systems", "dms",
        "--start", "2026-11-29T09:05", "--now", "2026-11-29 09:20",
    )  # fmt: skip
    assert code == 0, out + err
    assert event_in(project, "2026-11-29-dms-verstoring").start == at("2026-11-29 09:05")


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--now", "25:00", "--now '25:00' is not a time of day"),
        ("--now", "half tien", "--now 'half tien' is not a time: write 'HH:MM' or"),
        ("--start", "2026-11-29", "--start '2026-11-29' is a date without a time"),
        ("--start", "2026-03-29 02:30", "does not exist in Europe/Amsterdam"),
        ("--start", "2026-11-29 23:50", "--start 2026-11-29 23:50 is after --now (2026-11-29"),
    ],
)
def test_a_wrong_time_is_a_usage_error_naming_the_option(
    project: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, said: str
) -> None:
    args = ["new", "--type", "disruption", "--systems", "dms", "--now", "2026-11-29T10:00"]
    args += [option, value]
    before = snapshot(project)
    code, _, err = run(project, capsys, *args)
    assert code == 2
    assert said in err
    assert snapshot(project) == before


def test_a_time_of_day_in_the_hour_that_happens_twice_asks_for_the_offset() -> None:
    with pytest.raises(UsageError, match=r"--start '2026-10-25 02:30' happens twice.*\+02:00"):
        parse_time_option("--start", "02:30", TZ, at("2026-10-25 04:00"), "at-or-before")
    late = parse_time_option("--start", "01:30", TZ, at("2026-10-25 00:10"), "at-or-before")
    assert late == at("2026-10-24 01:30")


# -- naming an event -----------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["id", "file name", "path", "absolute path"])
def test_an_event_is_named_by_id_file_name_or_path(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, form: str
) -> None:
    monkeypatch.chdir(project)
    new_dms_ncts(project, capsys)
    relative = f"{OUTAGES}/{DMS_NCTS}.md"
    name = {
        "id": DMS_NCTS,
        "file name": f"{DMS_NCTS}.md",
        "path": relative,
        "absolute path": str(project / relative),
    }[form]
    code, out, err = run(
        project, capsys, "update", name, "--status", "disruption", "--now", "2026-11-29T09:45"
    )
    assert code == 0, out + err
    assert f"Wrote {relative}" in out
    assert len(event_in(project, DMS_NCTS).updates) == 2


def test_an_unknown_id_suggests_the_open_events_of_the_systems_it_names(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new_dms_ncts(project, capsys)
    before = snapshot(project)
    code, _, err = run(
        project, capsys, "update", "2026-11-29-dms-verstoring", "--status", "disruption",
        "--now", "2026-11-29T09:45",
    )  # fmt: skip
    assert code == 2
    assert "no event '2026-11-29-dms-verstoring' in content/outages/" in err
    assert f"(did you mean '{DMS_NCTS}'?). Open events of DMS:" in err
    listed = re.findall(r"^  (\S+)  \(", err, re.MULTILINE)
    # the open disruption first; the open planned DMS work after it; nothing closed, nothing
    # of another system
    assert listed[0] == DMS_NCTS
    assert "2026-12-13-dms-onderhoud" in listed
    assert "2025-11-28-dms-herstel" not in listed and "2026-11-29-ncts-verstoring" not in listed
    assert snapshot(project) == before


def test_an_unknown_id_of_a_system_without_open_events_says_how_to_start_one(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / OUTAGES / "2026-12-13-dms-onderhoud.md").unlink()  # it concerns ICS2 too
    code, _, err = run(project, capsys, "close", "2026-11-29-ics2-verstoring")
    assert code == 2
    assert "no event of ICS2 is open" in err
    assert "invoke new --type disruption --systems ics2" in err


def test_a_file_outside_the_outages_folder_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(project, capsys, "update", str(project / "tasks.py"), "--status", "x")
    assert code == 2
    assert "is not an outage file below content/outages/" in err


# -- repeated and closed events ------------------------------------------------------------------


def test_repeating_an_update_is_refused_until_forced(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new_dms_ncts(project, capsys)
    command = ["update", DMS_NCTS, "--status", "disruption", "--fallback", "allowed"]
    assert run(project, capsys, *command, "--now", "2026-11-29T09:45")[0] == 0
    before = snapshot(project)
    # the same command two minutes later: its next update would differ, its message does not
    code, _, err = run(project, capsys, *command, "--now", "2026-11-29T09:47")
    assert code == 2
    assert f"{OUTAGES}/{DMS_NCTS}.md:14: update 2 (2026-11-29 09:45) already says this" in err
    assert "add --force" in err
    assert snapshot(project) == before
    code, out, err = run(project, capsys, *command, "--now", "2026-11-29T09:47", "--force")
    assert code == 0, out + err
    assert len(event_in(project, DMS_NCTS).updates) == 3
    # news is not a repeat: the same status without the fallback sentence, or other words
    assert run(project, capsys, "update", DMS_NCTS, "--status", "disruption",
               "--now", "2026-11-29T10:40")[0] == 0  # fmt: skip
    assert run(project, capsys, "update", DMS_NCTS, "--status", "disruption", "--nl", "Nieuw.",
               "--en", "New.", "--now", "2026-11-29T10:50")[0] == 0  # fmt: skip


def test_a_closed_event_gets_its_next_steps(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(project)
    code, _, err = run(
        project, capsys, "update", CLOSED, "--status", "disruption", "--now", "2026-11-29T10:00"
    )
    assert code == 2
    shown = f"{OUTAGES}/{CLOSED}.md"
    found = re.search(rf"{shown}:(\d+): OUT006: the event is closed: update 3 \('resolved'", err)
    assert found, err
    assert "invoke new --type disruption --systems ics2" in err
    follow_up = f"invoke new --type unplanned-maintenance --systems ics2 --follows {CLOSED}"
    assert follow_up in err
    lines = re.search(rf"edit lines (\d+)-(\d+) of {shown}", err)
    assert lines and lines[1] == found[1]
    text = (project / shown).read_text(encoding="utf-8").splitlines()
    final = text[int(lines[1]) - 1 : int(lines[2])]
    assert final[0].strip() == "- at: 2026-11-25 15:30"
    assert final[-1].strip().startswith("en: The disruption has been resolved.")
    assert snapshot(project) == before
    # close says the same
    assert "OUT006: the event is closed" in run(project, capsys, "close", CLOSED)[2]

    # the suggested follow-up, with the times filled in
    code, out, err = run(
        project, capsys, *follow_up.split()[1:], "--start", "2026-12-01 20:00",
        "--end", "2026-12-01 22:00", "--now", "2026-11-29T10:00",
    )  # fmt: skip
    assert code == 0, out + err
    recovery = event_in(project, "2026-12-01-ics2-ongepland-onderhoud", "2026-11-29T10:00")
    assert recovery.follows == CLOSED


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--type", "disruption", "--follows", CLOSED], "--follows is for --type unplanned"),
        (
            [
                "--type",
                "unplanned-maintenance",
                "--start",
                "2026-12-01 20:00",
                "--follows",
                "2026-11-29-ncts-verstoring",
            ],
            "the disruption 2026-11-29-ncts-verstoring is still open; a structural recovery "
            "starts after it ends (P12): first run: invoke close 2026-11-29-ncts-verstoring",
        ),
        (
            [
                "--type",
                "unplanned-maintenance",
                "--start",
                "2026-12-01 20:00",
                "--follows",
                "2026-12-13-dms-onderhoud.md",
            ],
            "is a maintenance; give the disruption (P12)",
        ),
    ],
)
def test_follows_names_a_closed_disruption(
    project: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    before = snapshot(project)
    code, _, err = run(
        project, capsys, "new", "--systems", "ncts", "--end", "2026-12-01 22:00",
        "--now", "2026-11-29T10:00", *args,
    )  # fmt: skip
    assert code == 2
    assert said in err
    assert snapshot(project) == before


# -- ids of the same day -------------------------------------------------------------------------


def test_a_second_event_of_the_day_is_numbered_as_the_editor_numbers_it(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for now in ("2026-11-30T09:00", "2026-11-30T14:00", "2026-11-30T18:00"):
        args = ["new", "--type", "disruption", "--systems", "emcs", "--now", now]
        assert run(project, capsys, *args)[0] == 0
    names = sorted(p.name for p in (project / OUTAGES).glob("2026-11-30-emcs-*"))
    assert names == [
        "2026-11-30-emcs-verstoring-1.md",
        "2026-11-30-emcs-verstoring-2.md",
        "2026-11-30-emcs-verstoring.md",
    ]


def test_the_editor_numbers_a_taken_file_name_from_1() -> None:
    """Decap CMS (the editor) makes a taken name unique with -1, -2 …: the rule the commands
    follow. This fails when an upgrade of Decap changes it."""
    backend = REPO / "node_modules" / "decap-cms-core" / "dist" / "esm" / "backend.js"
    if not backend.is_file():
        pytest.skip("node_modules is not installed (bootstrap.py)")
    source = backend.read_text(encoding="utf-8")
    unique = source[source.index("async generateUniqueSlug(") :][:900]
    assert "let i = 1;" in unique
    assert "uniqueSlug = `${slug}${sanitizeChar(' ', slugConfig)}${i++}`" in unique


# -- what new writes, and --down -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "event_id"),
    [
        (["--type", "disruption"], "2026-11-29-emcs-verstoring"),
        (
            ["--type", "maintenance", "--start", "2026-12-13 08:00", "--end", "2026-12-13 14:00"],
            "2026-12-13-emcs-onderhoud",
        ),
    ],
)
def test_the_body_says_nothing_that_a_later_update_makes_false(
    project: Path, capsys: pytest.CaptureFixture[str], args: list[str], event_id: str
) -> None:
    new = ["new", "--systems", "emcs", "--now", "2026-11-29T10:00", *args]
    assert run(project, capsys, *new)[0] == 0
    assert run(project, capsys, "close", event_id, "--now", "2026-12-13T15:00")[0] == 0
    event = event_in(project, event_id, "2026-12-13T15:00")
    for text in (event.body.nl, event.body.en):
        assert not re.search(r"\d:\d\d|\d{4}", text), text  # no moment, no date
        assert not re.search(r"bijgewerkt|volgt|updated|follows|will", text), text
    assert "EMCS" in event.body.nl and "EMCS" in event.body.en
    # the promise of more news is in the dated first update instead
    if event.type == "disruption":
        assert "Het volgende bericht komt uiterlijk 10:30." in event.updates[0].text.nl


def test_down_switches_both_titles_and_nothing_else(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new_dms_ncts(project, capsys)
    path = project / OUTAGES / f"{DMS_NCTS}.md"
    before = path.read_text(encoding="utf-8").splitlines()
    code, out, err = run(
        project, capsys, "update", DMS_NCTS, "--status", "disruption", "--down",
        "--now", "2026-11-29T09:45",
    )  # fmt: skip
    assert code == 0, out + err
    assert "Both titles now say the systems are not available" in out
    after = path.read_text(encoding="utf-8").splitlines()
    end = before.index("---", 1)  # the closing fence: the new update goes right before it
    added = len(after) - len(before)
    assert after[end : end + added][0] == "  - at: 2026-11-29 09:45"
    kept = after[:end] + after[end + added :]
    assert [i for i, (old, new) in enumerate(zip(before, kept, strict=True)) if old != new] == [
        3,
        4,
    ]  # only the lines of the nl and en titles changed
    assert before[3] == '  nl: "Invoer (DMS) en Douanevervoer (NCTS): beperkt beschikbaar"'
    event = event_in(project, DMS_NCTS)
    assert event.title.nl == "Invoer (DMS) en Douanevervoer (NCTS): niet beschikbaar"
    assert event.title.en == "Import (DMS) and Transit (NCTS): not available"
    # again: the titles stay, and the update is judged on its own (a repeat here)
    code, _, err = run(
        project, capsys, "update", DMS_NCTS, "--status", "disruption", "--down",
        "--now", "2026-11-29T09:47",
    )  # fmt: skip
    assert code == 2 and "already says this" in err
    code, out, err = run(
        project, capsys, "update", DMS_NCTS, "--status", "disruption", "--fallback", "allowed",
        "--down", "--now", "2026-11-29T09:50",
    )  # fmt: skip
    assert code == 0, out + err
    assert "The titles already say the systems are not available" in out
    assert event_in(project, DMS_NCTS).title == event.title


def test_down_keeps_a_flow_style_title_valid(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new_dms_ncts(project, capsys)
    path = project / OUTAGES / f"{DMS_NCTS}.md"
    text = path.read_text(encoding="utf-8")
    title = re.search(r"title:\n  nl: (.*)\n  en: (.*)\n", text)
    assert title
    path.write_text(
        text.replace(title[0], "title: {nl: Storing DMS, en: DMS fault}  # kort\n"),
        encoding="utf-8",
    )
    args = ["update", DMS_NCTS, "--status", "disruption", "--down", "--now", "2026-11-29T09:45"]
    code, out, err = run(project, capsys, *args)
    assert code == 0, out + err
    assert "  # kort\n" in path.read_text(encoding="utf-8")
    assert event_in(project, DMS_NCTS).title.en.endswith(": not available")


def test_down_is_for_a_disruption(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        project, capsys, "update", "2026-12-13-dms-onderhoud", "--status", "in-progress",
        "--down", "--now", "2026-12-13T08:05",
    )  # fmt: skip
    assert code == 2
    assert "--down is for a disruption" in err
