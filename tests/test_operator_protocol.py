"""The operator's commands say at once what the checker will say (issue 27): an error refuses and
writes nothing, a warning is printed with the file that was written. Late overrun notices (P04),
promises beyond the due time (P05), a fallback procedure that was never allowed (OUT006) and a
structural recovery after a no-fault report (P12). Each runs the command line's public entry
(``cli.main``) in a throwaway project and reads back the file and what was printed."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import REPO, make_project
from test_operator_commands import at, event_in, run, snapshot

sys.path.insert(0, str(REPO / "plugins"))

from douane_status.domain.config import StatusSettings
from douane_status.domain.model import Fallback

SETTINGS = StatusSettings()
OUTAGES = "content/outages/2026"
EMCS = "2026-11-29-emcs-onderhoud"  # Sunday 29 November 2026, 08:00-16:00, in progress
NCTS = "2026-11-29-ncts-verstoring"  # open, the fallback procedure allowed
ONDERZOEK = "2026-11-29-dms-onderzoek"  # open, under investigation


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "project")
    shutil.copy2(REPO / "content" / "phrases.yaml", root / "content" / "phrases.yaml")
    return root


def codes(printed: str) -> list[str]:
    """The finding codes a command printed, in order."""
    return re.findall(r"^\S+:\d+: (\w+) (?:warning|error):", printed, re.MULTILINE)


# -- P04: a late overrun notice, while the planned end is still ahead -------------------------


@pytest.mark.parametrize(
    ("clock", "late"),
    [
        pytest.param("15:29", False, id="31-minutes-before"),
        pytest.param("15:30", False, id="30-minutes-before"),
        pytest.param("15:31", True, id="29-minutes-before"),
    ],
)
def test_update_reports_a_late_overrun_notice_when_it_is_published(
    project: Path, capsys: pytest.CaptureFixture[str], clock: str, late: bool
) -> None:
    code, out, err = run(
        project, capsys, "update", EMCS, "--status", "overrun", "--expected-end", "18:00",
        "--now", f"2026-11-29T{clock}",
    )  # fmt: skip
    assert code == 0, err
    assert out.startswith(f"Wrote {OUTAGES}/{EMCS}.md\n")
    assert codes(out) == (["P04"] if late else [])
    if late:
        assert "29 minutes before the planned end 2026-11-29 16:00 CET" in out
    else:
        assert "The checker finds no problems." in out


# -- P05: a promise beyond the due time, and the default promise -------------------------------


@pytest.mark.parametrize(
    ("minutes", "late"),
    [
        # Sunday: from the planned end (16:00), the next update is due by 18:00
        pytest.param("179", False, id="17:59"),
        pytest.param("180", False, id="18:00"),
        pytest.param("181", True, id="18:01"),
    ],
)
def test_update_reports_a_promise_beyond_the_due_time_at_once(
    project: Path, capsys: pytest.CaptureFixture[str], minutes: str, late: bool
) -> None:
    code, out, err = run(
        project, capsys, "update", EMCS, "--status", "overrun", "--expected-end", "20:00",
        "--next", minutes, "--now", "2026-11-29T15:00",
    )  # fmt: skip
    assert code == 0, err
    assert codes(out) == (["P05"] if late else [])
    if late:
        assert "promise the next update by 2026-11-29 18:00 CET at the latest" in out
    event = event_in(project, EMCS, "2026-11-29T15:00")
    assert event.latest.next_update == at("2026-11-29 15:00") + dt.timedelta(minutes=int(minutes))


PLANNED_WORK = """\
---
type: maintenance
title:
  nl: Onderhoud aan DMS
  en: Maintenance of DMS
systems: [dms]
announced: {announced}
start: {start}
end: {end}
fallback_possible: false
updates:
  - at: {announced}
    status: scheduled
    nl: Gepland onderhoud.
    en: Planned maintenance.
---
::: nl
Gepland onderhoud.
:::

::: en
Planned maintenance.
:::
"""


@pytest.mark.parametrize(
    ("start", "end", "clock", "promised"),
    [
        # Tuesday, planned end 07:30: from 07:40 outside office hours the next update is due by
        # 09:00 (an hour after they begin), not 09:40 (two hours)
        pytest.param(
            "2026-12-01 05:00",
            "2026-12-01 07:30",
            "2026-12-01T07:40",
            "2026-12-01 09:00",
            id="weekday-morning-in-the-overrun",
        ),
        # the notice before the planned end: counted from 07:30, due by 09:00 too
        pytest.param(
            "2026-12-01 05:00",
            "2026-12-01 07:30",
            "2026-12-01T06:59",
            "2026-12-01 08:59",
            id="weekday-notice-before-the-end",
        ),
        pytest.param(
            "2026-12-01 05:00",
            "2026-12-01 07:30",
            "2026-12-01T07:00",
            "2026-12-01 09:00",
            id="weekday-notice-at-the-due-edge",
        ),
        # the autumn night: two hours after 01:40 CEST is 02:40 CET, written with its offset
        pytest.param(
            "2026-10-25 00:30",
            "2026-10-25 01:30",
            "2026-10-25T01:40",
            "2026-10-25 02:40+01:00",
            id="autumn-night",
        ),
        # the spring night: two hours after 01:40 CET is 04:40 CEST
        pytest.param(
            "2026-03-29 00:30",
            "2026-03-29 01:30",
            "2026-03-29T01:40",
            "2026-03-29 04:40",
            id="spring-night",
        ),
    ],
)
def test_the_default_promise_of_an_overrun_is_never_beyond_the_due_time(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    start: str,
    end: str,
    clock: str,
    promised: str,
) -> None:
    event_id = f"{start[:10]}-dms-onderhoud"
    path = project / "content" / "outages" / start[:4] / f"{event_id}.md"
    path.parent.mkdir(exist_ok=True)
    announced = f"{dt.date.fromisoformat(start[:10]) - dt.timedelta(days=30)} 10:00"
    text = PLANNED_WORK.format(announced=announced, start=start, end=end)
    path.write_text(text, encoding="utf-8")
    code, out, err = run(
        project, capsys, "update", event_id, "--status", "overrun", "--expected-end", "10:00",
        "--now", clock,
    )  # fmt: skip
    assert code == 0, err
    assert "P05" not in out
    event = event_in(project, event_id, clock)
    assert event.latest.next_update == at(promised)
    assert f"next_update: {promised}\n" in path.read_text(encoding="utf-8")


# -- OUT006: a fallback procedure that was never allowed cannot end ------------------------------


def test_update_refuses_to_end_a_fallback_procedure_that_was_never_allowed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(project)
    for event_id, status in ((ONDERZOEK, "disruption"), (EMCS, "in-progress")):
        code, out, err = run(
            project, capsys, "update", event_id, "--status", status, "--fallback", "ended",
            "--now", "2026-11-29T15:00",
        )  # fmt: skip
        assert code == 2 and out == ""
        assert f"--fallback ended: no update of {OUTAGES}/{event_id}.md allowed" in err
        assert "cannot end (OUT006). Nothing was written." in err
    assert snapshot(project) == before


def test_update_ends_a_fallback_procedure_that_was_allowed_and_close_does_not_repeat_it(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        project, capsys, "update", NCTS, "--status", "disruption", "--fallback", "ended",
        "--nl", "De noodprocedure is beëindigd.", "--en", "The fallback procedure has ended.",
        "--next", "30", "--now", "2026-11-29T10:40",
    )  # fmt: skip
    assert code == 0, err
    code, out, err = run(project, capsys, "close", NCTS, "--now", "2026-11-29T11:00")
    assert code == 0, err
    assert "fallback: ended" not in out  # the note of a close that ends it
    assert codes(out) == []  # P11: ended after the last 'allowed', buffered messages added
    event = event_in(project, NCTS, "2026-11-29T11:00")
    assert [u.fallback for u in event.updates[-2:]] == [Fallback.ENDED, None]


def test_close_ends_a_fallback_procedure_still_allowed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(project, capsys, "close", NCTS, "--now", "2026-11-29T11:00")
    assert code == 0, err
    assert "The fallback procedure is ended in the final update (fallback: ended)." in out
    event = event_in(project, NCTS, "2026-11-29T11:00")
    assert event.latest.fallback is Fallback.ENDED


# -- P12: a structural recovery follows a disruption that happened -----------------------------


def test_a_no_fault_report_gets_no_structural_recovery(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        project, capsys, "close", ONDERZOEK, "--status", "no-fault", "--now", "2026-11-29T10:10"
    )
    assert code == 0, err
    # the closed report's next steps do not offer a structural recovery
    code, _, err = run(
        project, capsys, "update", ONDERZOEK, "--status", "disruption", "--now", "2026-11-29T10:20"
    )
    assert code == 2
    assert "invoke new --type disruption --systems dms" in err
    assert "unplanned-maintenance" not in err
    # and new refuses one that names it
    before = snapshot(project)
    code, out, err = run(
        project, capsys, "new", "--type", "unplanned-maintenance", "--systems", "dms",
        "--start", "2026-12-01 20:00", "--end", "2026-12-01 22:00", "--follows", ONDERZOEK,
        "--now", "2026-11-29T11:00",
    )  # fmt: skip
    assert code == 2 and out == ""
    assert f"--follows: {ONDERZOEK} ended as no-fault: no disruption happened" in err
    assert snapshot(project) == before
