"""The web editor says what the checker says (OUT001-OUT006 and P01 of one file): the same codes,
on the same lines, in the same words (the catalogue of domain/check_messages.py).

theme/admin/outage-check.js runs with the rules and messages generated from the checker's own
definitions (editor/checker_rules.py); here the whole invalid corpus and the demo content go
through both.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from editorkit import run_editor_js
from rulekit import REPO, SETTINGS, local, write_content

from douane_status.domain.findings import Finding
from douane_status.editor.checker_rules import checker_rules
from douane_status.reading.catalog import read_catalog
from douane_status.rules.content import load_content

CORPUS = REPO / "tests" / "corpus"
NOW = "2026-12-01 12:00"
NOW_MS = int(local(NOW).timestamp() * 1000)  # the browser's clock at the moment of saving
CHECK = """
const result = {};
for (const [name, text] of Object.entries(input.files)) {
  const id = name.split("/").pop().replace(/\\.md$/, "");
  result[name] = Editor.check.checkFile(text, id, input.rules, input.now);
}
output(result);
"""


# Errors the editor does not judge before a save: where a file lies (OUT009: the editor names
# and places files itself) and what Markdown costs to render (OUT008: its measure lives in the
# reader alone). The pull request's check refuses them, and a held-back build keeps them out.
NOT_IN_THE_EDITOR = {"OUT008", "OUT009"}
# The protocol's warnings the editor gives before a save, judged from the one file at the moment
# of saving (P05 with the working days the build exports); the others need other files or a
# later clock, and the check gives them.
EDITOR_WARNINGS = {"P04", "P05", "P07", "P11", "P13"}


def in_the_editor(finding: Finding) -> bool:
    """Whether the editor says this finding too."""
    if finding.is_error:
        return finding.code not in NOT_IN_THE_EDITOR
    return finding.code in EDITOR_WARNINGS


Said = tuple[str, int | None, str, str]  # code, line, message (English), severity


def python_findings(root: Path, content_dir: Path) -> dict[str, set[Said]]:
    """What the checker says of each file that the editor says too: the errors but for the codes
    the editor leaves to the check, and the warnings of EDITOR_WARNINGS."""
    loaded = load_content(content_dir, SETTINGS, local(NOW), root=root)
    found: dict[str, set[Said]] = {}
    for f in loaded.findings:
        if in_the_editor(f):
            said = (f.code, f.line, f.message, str(f.severity))
            found.setdefault(Path(f.file).name, set()).add(said)
    return found


def refused(found: dict[str, set[Said]]) -> set[str]:
    return {name for name, said in found.items() if any(s[3] == "error" for s in said)}


def browser_findings(content_dir: Path) -> dict[str, set[Said]]:
    catalog, _ = read_catalog(content_dir, content_dir.parent, SETTINGS.tz)
    files = {p.name: p.read_text("utf-8") for p in (content_dir / "outages").rglob("*.md")}
    rules = checker_rules(catalog, SETTINGS, local(NOW))
    result = run_editor_js(CHECK, {"rules": rules, "files": files, "now": NOW_MS})
    for name, problems in result.items():  # Dutch and English, naming the field
        for problem in problems:
            field = problem["field"]
            assert isinstance(field, dict) and field["nl"] and field["en"], name
            assert problem["nl"] and problem["en"], name
            if problem["code"] != "OUT001":  # the catalogue's Dutch, not the English again
                assert problem["nl"] != problem["en"], (name, problem)
    return {
        name: {(p["code"], p["line"], p["en"], p["severity"]) for p in problems}
        for name, problems in result.items()
    }


def comparable(findings: set[Said]) -> set[Said]:
    """OUT001 is the YAML parser's own verdict, in its own words and at the place where it
    stopped (PyYAML's and the yaml package's differ): only its code is compared."""
    return {(s[0], None, "", s[3]) if s[0] == "OUT001" else s for s in findings}


def test_the_editor_says_what_the_checker_says_of_every_corpus_file(tmp_path: Path) -> None:
    content_dir = write_content(tmp_path, [])
    folder = content_dir / "outages" / "2026"
    folder.mkdir()
    for path in CORPUS.glob("*.md"):
        shutil.copy(path, folder / path.name)
    python = python_findings(tmp_path, content_dir)
    browser = browser_findings(content_dir)
    assert len(browser) == len(list(CORPUS.glob("*.md")))
    assert refused(browser) == refused(python)
    assert len(refused(browser)) >= 50  # the corpus is mostly mistakes
    for name, said in browser.items():  # the same codes, lines and words
        assert comparable(said) == comparable(python.get(name, set())), name
    compared = [s for said in browser.values() for s in said if s[0] != "OUT001"]
    assert len(compared) >= 40


def test_the_editor_accepts_the_demo_content_and_warns_as_the_checker() -> None:
    content_dir = REPO / "content"
    python = python_findings(REPO, content_dir)
    assert refused(python) == set()
    browser = browser_findings(content_dir)
    assert len(browser) >= 20
    assert {name: said for name, said in browser.items() if said} == python


WARNED = {  # the valid disruption changed so that the check warns (and the save goes on)
    "no-next-update.md": ("    next_update: 2026-11-30 09:35\n", ""),
    "no-fault-after-disruption.md": ("status: investigating", "status: disruption"),
    "fallback-not-ended.md": (
        "    status: no-fault\n",
        "    status: resolved\n",
    ),
}


OVERRUN_LATE = """---
type: maintenance
title: {nl: Onderhoud DMS, en: DMS maintenance}
systems: [dms]
announced: 2026-11-02 09:00
start: 2026-11-30 08:00
end: 2026-11-30 12:00
fallback_possible: false
updates:
  - at: 2026-11-02 09:00
    status: scheduled
    nl: Gepland.
    en: Scheduled.
  - at: 2026-11-30 11:50
    status: overrun
    expected_end: 2026-11-30 13:00
    next_update: 2026-11-30 12:50
    nl: Uitloop.
    en: Overrun.
---
::: nl
Tekst.
:::

::: en
Text.
:::
"""


def test_the_editor_warns_as_the_checker_warns(tmp_path: Path) -> None:
    """P04 (a late overrun notice), P07, P11 and P13: the same warnings, on the same lines, in
    the same words."""
    base = (CORPUS / "valid-disruption.md").read_text("utf-8")
    content_dir = write_content(tmp_path, [])
    folder = content_dir / "outages" / "2026"
    folder.mkdir()
    for name, (old, new) in WARNED.items():
        assert old in base
        text = base.replace(old, new)
        if name == "fallback-not-ended.md":  # allowed in update 1, never ended
            text = text.replace(
                "status: investigating\n", "status: disruption\n    fallback: allowed\n"
            )
        (folder / name).write_text(text, "utf-8")
    (folder / "overrun-late.md").write_text(OVERRUN_LATE, "utf-8")
    python = python_findings(tmp_path, content_dir)
    browser = browser_findings(content_dir)
    assert refused(python) == refused(browser) == set()
    assert {name: said for name, said in browser.items() if said} == python
    codes = {name: {s[0] for s in said} for name, said in python.items()}
    assert codes == {
        "overrun-late.md": {"P04"},
        "no-next-update.md": {"P07"},
        "no-fault-after-disruption.md": {"P13"},
        "fallback-not-ended.md": {"P11"},
    }


def test_times_on_the_nights_of_the_clock_changes() -> None:
    """OUT005 as the checker judges it, in any zone the browser runs in."""
    base = (CORPUS / "valid-disruption.md").read_text("utf-8")
    cases = {
        "gap": ("2026-03-29 02:30", {"OUT005"}),
        "gap-with-offset": ("2026-03-29 02:30+01:00", set()),
        "twice": ("2026-10-25 02:30", {"OUT005"}),
        "first-time": ("2026-10-25 02:30+02:00", set()),
        "second-time": ("2026-10-25 02:30+01:00", set()),
        "after": ("2026-10-25 03:30", set()),
    }
    start = "start: 2026-11-30 09:00"
    assert start in base
    files = {name: base.replace(start, f"start: {time}") for name, (time, _) in cases.items()}
    catalog, _ = read_catalog(REPO / "content", REPO, SETTINGS.tz)
    rules = checker_rules(catalog, SETTINGS, local(NOW))
    for zone in ("UTC", "America/New_York", "Asia/Tokyo"):
        result = run_editor_js(CHECK, {"rules": rules, "files": files}, tz=zone)
        for name, (_, codes) in cases.items():
            found = {str(p["code"]) for p in result[name] if p["code"] == "OUT005"}
            assert found == codes, (zone, name, result[name])


PLANNED = """---
type: maintenance
title: {{nl: Onderhoud DMS, en: DMS maintenance}}
systems: [dms]
announced: 2026-01-05 09:00
start: {start}
end: {end}
fallback_possible: false
updates:
  - at: 2026-01-05 09:00
    status: scheduled
    nl: Gepland.
    en: Scheduled.
{updates}---
::: nl
Tekst.
:::

::: en
Text.
:::
"""


def planned(start: str, end: str, *updates: str) -> str:
    return PLANNED.format(start=start, end=end, updates="".join(updates))


def overrun(at: str, next_update: str) -> str:
    return (
        f"  - at: {at}\n    status: overrun\n    expected_end: {next_update}\n"
        f"    next_update: {next_update}\n    nl: Uitloop.\n    en: Overrun.\n"
    )


def final(at: str, status: str) -> str:
    return f"  - at: {at}\n    status: {status}\n    nl: Klaar.\n    en: Done.\n"


# P04 and P05 at the moment of saving (now is NOW), one minute either side. A gap in the overrun
# starting at 07:30 on King's Day (Monday 27 April 2026, no working day) is due at 09:30 (120
# minutes), on an ordinary Monday at 09:00 (60 minutes after office hours begin at 08:00): the
# browser counts with the non-working days the build exports.
OVERRUNS: dict[str, tuple[str, set[str]]] = {
    "kings-day-0930.md": (
        planned(
            "2026-04-27 06:30", "2026-04-27 07:30", overrun("2026-04-27 07:00", "2026-04-27 09:30")
        ),
        set(),
    ),
    "kings-day-0931.md": (
        planned(
            "2026-04-27 06:30", "2026-04-27 07:30", overrun("2026-04-27 07:00", "2026-04-27 09:31")
        ),
        {"P05"},
    ),
    "monday-0900.md": (
        planned(
            "2026-04-20 06:30", "2026-04-20 07:30", overrun("2026-04-20 07:00", "2026-04-20 09:00")
        ),
        set(),
    ),
    "monday-0901.md": (
        planned(
            "2026-04-20 06:30", "2026-04-20 07:30", overrun("2026-04-20 07:00", "2026-04-20 09:01")
        ),
        {"P05"},
    ),
    "spring-night-120.md": (  # 01:30 CET to 04:30 CEST is 120 minutes
        planned(
            "2026-03-29 00:30", "2026-03-29 01:30", overrun("2026-03-29 01:00", "2026-03-29 04:30")
        ),
        set(),
    ),
    "spring-night-121.md": (
        planned(
            "2026-03-29 00:30", "2026-03-29 01:30", overrun("2026-03-29 01:00", "2026-03-29 04:31")
        ),
        {"P05"},
    ),
    "late-update-in-overrun.md": (  # 18:00 promised in time, the completion comes at 18:01
        planned(
            "2026-11-29 14:00",
            "2026-11-29 16:00",
            overrun("2026-11-29 15:00", "2026-11-29 18:00"),
            final("2026-11-29 18:01", "completed"),
        ),
        {"P05"},
    ),
    "completed-at-end.md": (
        planned("2026-11-30 11:00", "2026-11-30 12:00", final("2026-11-30 12:00", "completed")),
        set(),
    ),
    "completed-after-end.md": (
        planned("2026-11-30 11:00", "2026-11-30 12:00", final("2026-11-30 12:01", "completed")),
        {"P04"},
    ),
    "cancelled-after-end.md": (
        planned("2026-11-30 11:00", "2026-11-30 12:00", final("2026-11-30 12:01", "cancelled")),
        {"P04"},
    ),
    "open-at-end.md": (planned("2026-12-01 11:00", "2026-12-01 12:00"), set()),
    "open-after-end.md": (planned("2026-12-01 10:59", "2026-12-01 11:59"), {"P04"}),
}


def test_the_editor_judges_an_overrun_as_the_checker_at_the_moment_of_saving(
    tmp_path: Path,
) -> None:
    """P04 (no overrun notice when the work ran past its end, at the final update or at now) and
    P05 (the promised next update, an update after its due time, with Dutch working days and
    office hours): the same warnings, on the same lines, in the same words."""
    content_dir = write_content(tmp_path, [])
    folder = content_dir / "outages" / "2026"
    folder.mkdir()
    for name, (text, _) in OVERRUNS.items():
        (folder / name).write_text(text, "utf-8")
    python = python_findings(tmp_path, content_dir)
    browser = browser_findings(content_dir)
    assert refused(python) == refused(browser) == set()
    for name, (_, codes) in OVERRUNS.items():
        assert {s[0] for s in python.get(name, set())} == codes, (name, python.get(name))
        assert browser[name] == python.get(name, set()), name
    said = {s[2] for s in browser["monday-0901.md"]}
    assert any("60 minutes after office hours begin at 2026-04-20 08:00 CEST" in s for s in said)
