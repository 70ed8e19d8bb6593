"""Characters no page or feed may hold: the check refuses them, and the build does what it says.

Every class of code point (controls, format characters, surrogates, private use, unassigned,
separators, letters, marks, symbols), typed, written with a YAML escape or as an HTML character
reference, in every text field of an event file and of the reference data: where the check finds
nothing, the build publishes the file and every feed, calendar, API file and page parses; where it
finds an error, a held-back build leaves the event file out (exit 3) and an error in the reference
data stops the build (exit 1) with the check's finding, ``output/`` untouched.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
from conftest import make_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rulekit import SETTINGS, SYSTEMS_YAML, local, write_content

from douane_status.commands.cli import main
from douane_status.presentation.urls import output_file, page_path
from douane_status.reading.characters import FORBIDDEN, refused_lines
from douane_status.rules.content import load_content

CORPUS = Path(__file__).parent / "corpus"
REPO_CONTENT = Path(__file__).parent.parent / "content"  # the demo's, with its events
BASE = (CORPUS / "valid-disruption.md").read_text("utf-8")
NOW = "2026-12-01 12:00"
CLASSES = ("Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Lu", "Lo", "Mn", "Nd", "Po", "So")
WAYS = ("typed", "escaped", "reference")
# Each text field of an event file: what to replace in BASE, and whether it is YAML or Markdown.
EVENT_FIELDS = {
    "title.nl": ("  nl: Verstoring DMS", "  nl: {}", True),
    "title.en": ("  en: DMS disruption", "  en: {}", True),
    "update.nl": ("    nl: In onderzoek.", "    nl: {}", True),
    "update.en": ("    en: No fault found.", "    en: {}", True),
    "cause.nl": ("updates:\n", "cause:\n  nl: {}\n  en: Cause.\nupdates:\n", True),
    "body.nl": ("Tekst.", "{}", False),
    "body.en": ("Text.", "{}", False),
}
# Each text field of the reference data: the file, what to replace in it, and with what.
PHRASES = (Path(__file__).parent.parent / "content" / "phrases.yaml").read_text("utf-8")
REFERENCE_FIELDS = {
    "systems name.nl": ("systems.yaml", "nl: Douaneaangiften Management Systeem", "nl: {}"),
    "systems name.en": ("systems.yaml", "en: Customs Declarations Management System", "en: {}"),
    "systems short": ("systems.yaml", "short: DMS", "short: {}"),
    "phrase nl": ("phrases.yaml", 'nl: "Gepland onderhoud: {processes}"', "nl: {}"),
}
REFERENCE_TEXTS = {"systems.yaml": SYSTEMS_YAML, "phrases.yaml": PHRASES}


def field_text(character: str, way: str, yaml: bool) -> str:
    """A text around ``character`` as an operator might write it: a double-quoted YAML value, or
    a line of Markdown (which has no escapes: written as typed there)."""
    if way == "reference":
        inner = f"a&#x{ord(character):x};b"
    elif way == "escaped" and yaml:
        return f'"a\\U{ord(character):08x}b"'
    else:
        inner = f"a{character}b"
    if not yaml:
        return f"Tekst {inner}."
    return '"' + inner.replace("\\", "\\\\").replace('"', '\\"') + '"'


def refused_as_written(character: str, way: str) -> bool:
    """What the check must refuse: a typed carriage return is read as a line end."""
    return FORBIDDEN.match(character) is not None and not (way == "typed" and character == "\r")


def encoded(text: str) -> bytes:
    """UTF-8, with a lone surrogate written as the bytes an editor would write for it."""
    return text.encode("utf-8", errors="surrogatepass")


def run_build(project: Path, *arguments: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(project, ["build", "--now", NOW, *arguments])
    return int(status), out.getvalue() + err.getvalue()


def assert_every_machine_file_parses(output: Path) -> None:
    parsed = 0
    for path in output.rglob("*"):
        if path.suffix in (".xml", ".rss", ".atom"):
            lxml.etree.parse(str(path), lxml.etree.XMLParser(recover=False))
        elif path.suffix == ".json":
            json.loads(path.read_text("utf-8"))
        elif path.suffix == ".ics" or path.suffix == ".html":
            text = path.read_text("utf-8")
            assert not FORBIDDEN.search(text), path
        else:
            continue
        parsed += 1
    assert parsed > 20


@pytest.fixture(scope="module")
def empty_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A content folder with the test systems and the project's phrasebook, no events."""
    return write_content(tmp_path_factory.mktemp("characters-content"), [])


characters_by_class = st.fixed_dictionaries(
    {
        (cls, name): st.tuples(st.characters(categories=[cls]), st.sampled_from(WAYS))  # type: ignore[list-item]
        for cls in CLASSES
        for name in EVENT_FIELDS
    }
)


@settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(chosen=characters_by_class)
def test_check_and_held_back_build_agree_on_every_class_in_every_event_field(
    tmp_path_factory: pytest.TempPathFactory,
    empty_content: Path,
    chosen: dict[tuple[str, str], tuple[str, str]],
) -> None:
    project = make_project(tmp_path_factory.mktemp("chars") / "project", empty_content)
    folder = project / "content" / "outages" / "2026"
    folder.mkdir(parents=True)
    files: dict[str, tuple[str, bool]] = {}
    for number, ((cls, name), (character, way)) in enumerate(sorted(chosen.items())):
        old, new, yaml = EVENT_FIELDS[name]
        event_id = f"2026-11-30-c{number:03d}"
        text = BASE.replace(old, new.format(field_text(character, way, yaml)), 1)
        (folder / f"{event_id}.md").write_bytes(encoded(text))
        what = f"{cls} U+{ord(character):04X} {way} in {name}"
        files[event_id] = (what, refused_as_written(character, way))
    checked = load_content(project / "content", SETTINGS, local(NOW), root=project)
    refused = {Path(f.file).stem for f in checked.findings if f.is_error}
    assert all(f.file.startswith("content/outages/") for f in checked.findings)
    # the refused characters are refused in every class and field, and only they
    for event_id, (what, must_refuse) in files.items():
        assert (event_id in refused) is must_refuse, (what, checked.findings)

    output = project / "output"
    status, said = run_build(project, "--hold-back")
    assert status == (3 if refused else 0), said
    assert "Traceback" not in said
    for event_id in files:
        page = output / output_file(page_path("event", "nl", event_id))
        assert page.is_file() is (event_id not in refused), (event_id, files[event_id])
        if event_id in refused:
            assert f"content/outages/2026/{event_id}.md: left out" in said
    assert_every_machine_file_parses(output)


@settings(max_examples=10, deadline=None, derandomize=True)
@given(
    cls=st.sampled_from(CLASSES),
    data=st.data(),
    name=st.sampled_from(sorted(REFERENCE_FIELDS)),
    way=st.sampled_from(WAYS),
)
def test_check_and_build_agree_on_the_reference_data(
    tmp_path_factory: pytest.TempPathFactory,
    empty_content: Path,
    cls: str,
    data: st.DataObject,
    name: str,
    way: str,
) -> None:
    character = data.draw(st.characters(categories=[cls]))  # type: ignore[list-item]
    project = make_project(tmp_path_factory.mktemp("ref") / "project", empty_content)
    file_name, old, new = REFERENCE_FIELDS[name]
    text = REFERENCE_TEXTS[file_name]
    assert old in text
    changed = text.replace(old, new.replace("{}", field_text(character, way, True)), 1)
    (project / "content" / file_name).write_bytes(encoded(changed))
    checked = load_content(project / "content", SETTINGS, local(NOW), root=project)
    assert checked.has_errors is refused_as_written(character, way)
    output = project / "output"
    status, said = run_build(project, "--hold-back")
    assert "Traceback" not in said
    if checked.has_errors:
        assert status == 1, said
        assert not output.exists()
        for finding in checked.findings:
            assert finding.as_text() in said
    else:
        assert status == 0, said
        assert_every_machine_file_parses(output)


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        pytest.param("systems.yaml", SYSTEMS_YAML.replace("short: DMS", "short: D\x0bMS"), 8),
        pytest.param("systems.yaml", SYSTEMS_YAML.replace("short: DMS", 'short: "D\\vMS"'), 8),
        pytest.param("windows/2026.yaml", "# pasted \x01\nmaintenance: []\n", 1),
        pytest.param(
            "phrases.yaml",
            (CORPUS.parent.parent / "content" / "phrases.yaml")
            .read_text("utf-8")
            .replace("Gepland onderhoud: {processes}", "Gepland\uffff onderhoud: {processes}", 1),
            19,
        ),
    ],
)
def test_a_refused_character_in_the_reference_data_stops_the_build(
    tmp_path: Path, empty_content: Path, name: str, text: str, line: int
) -> None:
    project = make_project(tmp_path / "project", empty_content)
    (project / "content" / "windows").mkdir(exist_ok=True)
    (project / "content" / name).write_text(text, encoding="utf-8")
    status, said = run_build(project, "--hold-back")
    assert status == 1
    assert f"content/{name}:{line}: OUT001 error: " in said
    assert "delete it" in said or "remove the escape" in said
    assert "Traceback" not in said and not (project / "output").exists()


def test_a_file_full_of_controls_gets_a_few_findings_and_a_count() -> None:
    text, findings = refused_lines("f.md", "\n".join(f"regel {n}\x01" for n in range(40)))
    assert [f.line for f in findings] == [1, 2, 3, 4, 5, 6]
    assert findings[-1].message.startswith("35 more lines hold such characters")
    assert "\x01" not in text and text.count("\ufffd") == 40


@pytest.mark.parametrize(
    ("command", "option", "pasted", "says"),
    [
        ("update", "--nl", "DMS is\x0bweer beschikbaar.", "--nl: column 7 holds U+000B"),
        ("update", "--en", "DMS is available &#1;again.", "--en: column 18 writes U+0001"),
        ("new", "--title-nl", "Storing\x85DMS", "--title-nl: column 8 holds U+0085"),
    ],
)
def test_an_operator_command_refuses_a_pasted_control_character_naming_its_option(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    option: str,
    pasted: str,
    says: str,
) -> None:
    project = make_project(tmp_path / "project", REPO_CONTENT)
    before = {p: p.read_bytes() for p in (project / "content").rglob("*") if p.is_file()}
    args = ["update", "2026-11-29-ncts-verstoring", "--status", "identified"]
    if command == "new":
        args = ["new", "--type", "disruption", "--systems", "dms"]
    code = main(project, [*args, option, pasted, "--now", "2026-11-29T10:00"])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and "Traceback" not in err
    assert err.startswith(f"error: {says} (")
    assert "delete it, or type the text around it again" in err or "remove it" in err
    after = {p: p.read_bytes() for p in (project / "content").rglob("*") if p.is_file()}
    assert after == before  # nothing was written
