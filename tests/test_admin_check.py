"""The web editor refuses to save what the checker refuses (OUT001-OUT006 and P01 of one file).

theme/admin/outage-check.js runs with the rules generated from the checker's own definitions
(editor/checker_rules.py); here the whole invalid corpus and the demo content go through both.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from editorkit import run_editor_js
from rulekit import REPO, SETTINGS, local, write_content

from douane_status.editor.checker_rules import checker_rules
from douane_status.reading.catalog import read_catalog
from douane_status.rules.content import load_content

CORPUS = REPO / "tests" / "corpus"
NOW = "2026-12-01 12:00"
CHECK = """
const result = {};
for (const [name, text] of Object.entries(input.files)) {
  const id = name.split("/").pop().replace(/\\.md$/, "");
  result[name] = Editor.check.checkFile(text, id, input.rules);
}
output(result);
"""


# Errors the editor does not judge before a save: where a file lies (OUT009: the editor names
# and places files itself) and what Markdown costs to render (OUT008: its measure lives in the
# reader alone). The pull request's check refuses them, and a held-back build keeps them out.
NOT_IN_THE_EDITOR = {"OUT008", "OUT009"}


def python_errors(root: Path, content_dir: Path) -> dict[str, set[str]]:
    """The error codes the checker gives each file (warnings do not stop a save or a build),
    but for those the editor leaves to the check."""
    loaded = load_content(content_dir, SETTINGS, local(NOW), root=root)
    errors: dict[str, set[str]] = {}
    for finding in loaded.findings:
        if finding.is_error and finding.code not in NOT_IN_THE_EDITOR:
            errors.setdefault(Path(finding.file).name, set()).add(finding.code)
    return errors


def browser_errors(content_dir: Path) -> dict[str, list[dict[str, object]]]:
    catalog, _ = read_catalog(content_dir, content_dir.parent, SETTINGS.tz)
    files = {p.name: p.read_text("utf-8") for p in (content_dir / "outages").rglob("*.md")}
    return run_editor_js(
        CHECK, {"rules": checker_rules(catalog, SETTINGS.timezone), "files": files}
    )


def test_the_editor_and_the_checker_refuse_the_same_corpus_files(tmp_path: Path) -> None:
    content_dir = write_content(tmp_path, [])
    folder = content_dir / "outages" / "2026"
    folder.mkdir()
    for path in CORPUS.glob("*.md"):
        shutil.copy(path, folder / path.name)
    python = python_errors(tmp_path, content_dir)
    browser = browser_errors(content_dir)
    assert len(browser) == len(list(CORPUS.glob("*.md")))
    refused_by_browser = {name for name, problems in browser.items() if problems}
    assert refused_by_browser == set(python)
    assert len(refused_by_browser) >= 50  # the corpus is mostly mistakes
    for name, problems in browser.items():  # the same rules, not only the same files
        assert {str(p["code"]) for p in problems} == python.get(name, set()), name
        for problem in problems:  # Dutch and English, naming the field
            field = problem["field"]
            assert isinstance(field, dict) and field["nl"] and field["en"], name
            assert problem["nl"] and problem["en"] and problem["nl"] != problem["en"], name


def test_the_editor_accepts_the_demo_content() -> None:
    content_dir = REPO / "content"
    assert python_errors(REPO, content_dir) == {}
    browser = browser_errors(content_dir)
    assert len(browser) >= 20
    assert {name: p for name, p in browser.items() if p} == {}


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
    rules = checker_rules(catalog, SETTINGS.timezone)
    for zone in ("UTC", "America/New_York", "Asia/Tokyo"):
        result = run_editor_js(CHECK, {"rules": rules, "files": files}, tz=zone)
        for name, (_, codes) in cases.items():
            found = {str(p["code"]) for p in result[name] if p["code"] == "OUT005"}
            assert found == codes, (zone, name, result[name])
