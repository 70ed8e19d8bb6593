"""What an operator writes never stops the site: every file either gets a finding or builds fast.

Markdown bodies are generated from Markdown's own special characters (hypothesis), up to 100 kB:
the check and the renderer the build uses agree, and whatever the check passes renders quickly.
Then the files and names under content/outages/, the reference data the build reads (phrasebook,
windows, systems), and the outputs other programs open (CSV, RSS), through a real build.
"""

from __future__ import annotations

import csv
import io
import json
import os
import time
from pathlib import Path

import lxml.etree
import lxml.html
import markdown
import pytest
from conftest import build_into
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rulekit import REPO, SETTINGS, SYSTEMS_YAML, local, write_content

from douane_status.commands.check import CheckOptions, run_check
from douane_status.presentation.markup import render_markdown
from douane_status.presentation.plaintext import plain_text
from douane_status.reading.markdown_cost import MAX_DEPTH, markdown_cost, too_costly
from douane_status.rules.content import Content, load_content

CORPUS = Path(__file__).parent / "corpus"
BASE = (CORPUS / "valid-disruption.md").read_text("utf-8")
NOW = "2026-12-01 12:00"
# Seconds of CPU time (the machine is shared: wall-clock time measures the neighbours too) to
# check a file or render what the check passed: "well under 2 s".
QUICK = 1.0


def check_body(root: Path, body: str, name: str = "2026-11-30-body.md") -> Content:
    content_dir = write_content(root, [])
    folder = content_dir / "outages" / "2026"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(BASE.replace("Tekst.", body), encoding="utf-8")
    return load_content(content_dir, SETTINGS, local(NOW), root=root)


def codes(content: Content) -> list[str]:
    return sorted(f"{f.code}@{f.line}" for f in content.findings)


# -- Markdown: the guard in front of Python-Markdown (OUT008) --------------------------------

SPECIAL = "[]()<>*_`!&#|-+=~\\:\"' \n\t1.a"
PIECES = [*SPECIAL, "\n\n", "    ", "](", "[a](", "<a ", "<http", "&amp;", "<div>", "1. ", "> "]
# Every block shape of the extensions in use (tables, sane_lists) and of Markdown itself: table
# rows with and without leading pipes, separator rows, aligned columns, escaped pipes, fences,
# rules, setext lines, reference definitions, HTML blocks and comments, hard breaks.
PIECES += [" | ", "|", "\n--|--\n", "\n|---|:--:|\n", "--:", "\\|", "```", "~~~", "***"]
PIECES += ["___", "\n---\n", "\n===\n", "[r]: http://x\n", "<!-- ", " -->", "  \n", "* ", "+ "]
# A run is a short piece of Markdown repeated: the shape that makes Markdown slow.
runs = st.tuples(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map("".join),
    st.integers(min_value=1, max_value=25_000),
).map(lambda r: r[0] * r[1])
bodies = st.lists(runs, min_size=1, max_size=4).map(lambda parts: "".join(parts)[:100_000])


@settings(
    max_examples=40,
    deadline=None,  # timed below, where a slow render must fail with its input
    derandomize=True,  # the same examples on every run: a failure is reproducible
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(body=bodies)
def test_check_and_build_agree_on_generated_markdown(
    tmp_path_factory: pytest.TempPathFactory, body: str
) -> None:
    content = check_body(tmp_path_factory.mktemp("md"), f"Tekst.\n\n{body}\n\nEinde.")
    guarded = [f for f in content.findings if f.code == "OUT008"]
    if content.has_errors:
        # anything else the body can trip is the block syntax (':::' lines), never a traceback
        assert guarded or {f.code for f in content.findings} <= {"OUT004", "P01"}
        return
    (event,) = content.events
    render_markdown.cache_clear()
    began = time.process_time()
    for text in {event.body.nl, event.body.en}:
        render_markdown(text)
    assert time.process_time() - began < QUICK, body[:200]


@pytest.mark.parametrize(
    ("shape", "reason"),
    [
        pytest.param("[" * 1500, "work", id="1500 ["),
        pytest.param("[a](" * 600, "work", id="600 [a]("),
        pytest.param("![" * 1000, "work", id="1000 !["),
        pytest.param("*_" * 800, "work", id="800 *_"),
        pytest.param("<a " * 900, "work", id="900 <a"),
        pytest.param("#\n" * 1200, "work", id="1200 heading lines"),
        pytest.param("a\n=\n" * 800, "work", id="800 setext headings"),
        pytest.param("*a*\n\n" * 2100, "elements", id="2100 paragraphs"),
        pytest.param("\\[" * 2100, "elements", id="2100 escapes"),
        pytest.param("&amp;" * 2100, "elements", id="2100 entities"),
        pytest.param("1. " * 100, "depth", id="100 nested lists"),
        pytest.param("> " * 100, "depth", id="100 nested quotes"),
        pytest.param(">" * 100_000, "depth", id="100000 >"),
        pytest.param("[a](b) " * 50_000, "length", id="350 kB of links"),
        pytest.param("a | b\n--|--\n" + "c | d\n" * 2100, "elements", id="table without pipes"),
        pytest.param(
            "|".join("a" * 2100) + "\n" + "|".join("-" * 2100) + "\n", "elements", id="wide"
        ),
        pytest.param("> a | b\n> --|--\n" + "> c | d\n" * 2100, "elements", id="quoted table"),
    ],
)
def test_slow_shapes_get_a_finding_and_what_to_do(tmp_path: Path, shape: str, reason: str) -> None:
    began = time.process_time()
    content = check_body(tmp_path, shape)
    assert time.process_time() - began < QUICK
    assert codes(content) == ["OUT008@19"]  # the line of '::: nl'
    message = content.findings[0].message
    wanted = {
        "work": "split it with blank lines",
        "elements": "leave out marks",
        "depth": f"more than {MAX_DEPTH} levels",
        "length": "shorten them",
    }[reason]
    assert wanted in message


@pytest.mark.parametrize(
    "shape",
    [
        pytest.param("[" * 700, id="700 ["),
        pytest.param("[a](" * 240, id="240 [a]("),
        pytest.param("![" * 480, id="480 !["),
        pytest.param("a\n=\n" * 350, id="350 setext headings"),
        pytest.param("*a*\n\n" * 450, id="450 paragraphs"),
        pytest.param("1. " * MAX_DEPTH, id="deepest list allowed"),
        pytest.param("\n\n".join(["Een regel met **nadruk** en een [link](https://x.nl)."] * 180)),
    ],
)
def test_shapes_just_within_the_limits_build_quickly(tmp_path: Path, shape: str) -> None:
    content = check_body(tmp_path, shape)
    assert codes(content) == []
    (event,) = content.events
    render_markdown.cache_clear()
    began = time.process_time()
    render_markdown(event.body.nl)
    assert time.process_time() - began < QUICK


def test_the_limits_are_counted_over_the_whole_file(tmp_path: Path) -> None:
    """Many texts each within the limits add up: the file's total is what the build renders."""
    head, tail = BASE.split("  - at: 2026-11-30 09:30")
    one = "  - at: 2026-11-30 09:05\n    status: investigating\n    next_update: 2026-11-30 09:35\n"
    updates = "".join(
        f"{one}    nl: '{'*x* ' * 20}{n}'\n    en: '{'*y* ' * 20}{n}'\n" for n in range(30)
    )
    text = head.split("  - at: 2026-11-30 09:05")[0] + updates + "  - at: 2026-11-30 09:30" + tail
    assert all(too_costly(markdown_cost("*x* " * 20 + str(n))) is None for n in range(30))
    content_dir = write_content(tmp_path, [])
    (content_dir / "outages" / "2026").mkdir()
    (content_dir / "outages" / "2026" / "many.md").write_text(text, encoding="utf-8")
    content = load_content(content_dir, SETTINGS, local(NOW), root=tmp_path)
    assert [f.code for f in content.findings] == ["OUT008"]
    message = content.findings[0].message
    assert "more than 2,000 paragraphs, table cells and Markdown marks" in message


CONVERTER = markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")


def test_plain_texts_render_as_markdown_would() -> None:
    """The renderer's shortcut for plain text gives exactly Markdown's output."""
    for text in ["Een regel.\nTwee: drie (vier)!\nvijf", "a\nb\n\nc\nd", "50% van 3 + 4 = 7."]:
        assert markdown_cost(text).length == 0  # plain: never given to Markdown
        assert str(render_markdown(text)) == CONVERTER.reset().convert(text)
    assert str(render_markdown("    code\n\ntekst")).startswith("<pre><code>code")


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    text=st.lists(st.sampled_from([*"ab1 .,;:!?'\"()/%€@+=-\n", "2026. ", "1) ", "    "])).map(
        "".join
    )
)
def test_the_plain_shortcut_never_changes_the_output(text: str) -> None:
    if markdown_cost(text).length == 0 and text.strip():
        assert str(render_markdown(text)) == CONVERTER.reset().convert(text)


def test_an_error_inside_markdown_does_not_change_later_renders() -> None:
    render_markdown.cache_clear()
    before = str(render_markdown("[a](https://x.nl) and *b*"))
    with pytest.raises(RecursionError):
        render_markdown("1. " * 2000)  # what the check refuses (OUT008), given directly
    render_markdown.cache_clear()
    assert str(render_markdown("[a](https://x.nl) and *b*")) == before


# -- names and files under content/outages/ (OUT004, OUT009) ---------------------------------


def test_names_folders_and_links_under_outages(tmp_path: Path) -> None:
    project = tmp_path / "project"
    content_dir = write_content(project, [])
    outages = content_dir / "outages"
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: [geheim\n---\n", encoding="utf-8")  # would be OUT001 if read
    year = outages / "2026"
    year.mkdir()
    (year / "2026-11-30-link.md").symlink_to(secret)
    (year / "2026-11-30-map.md").mkdir()
    (year / "notes.txt").write_text("x", encoding="utf-8")
    (year / "2025-11-30-vorig-jaar.md").write_text(BASE, encoding="utf-8")
    (year / "2026-11-30-dms\n.md").write_text(BASE, encoding="utf-8")
    (year / "2026-11-30-goed.md").write_text(BASE, encoding="utf-8")
    (outages / "2027").symlink_to(tmp_path)
    (outages / "los.md").write_text(BASE, encoding="utf-8")
    content = load_content(content_dir, SETTINGS, local(NOW), root=project)
    got = sorted((f.file.removeprefix("content/outages/"), f.code) for f in content.findings)
    assert got == [
        ("2026/2025-11-30-vorig-jaar.md", "OUT009"),
        ("2026/2026-11-30-dms\n.md", "OUT004"),
        ("2026/2026-11-30-link.md", "OUT009"),
        ("2026/2026-11-30-map.md", "OUT009"),
        ("2026/notes.txt", "OUT009"),
        ("2027", "OUT009"),
        ("los.md", "OUT009"),
    ]
    assert [e.id for e in content.events] == ["2026-11-30-goed"]
    by_file = {f.file.removeprefix("content/outages/"): f.message for f in content.findings}
    assert "move it to content/outages/2025/" in by_file["2026/2025-11-30-vorig-jaar.md"]
    assert "link, which is never followed" in by_file["2026/2026-11-30-link.md"]
    assert "lies in content/outages/<year>/" in by_file["los.md"]


def test_check_path_on_a_link_names_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "project"
    content_dir = write_content(project, [])
    (project / "pelicanconf.py").write_bytes((REPO / "pelicanconf.py").read_bytes())
    (content_dir / "outages" / "2026").mkdir()
    link = content_dir / "outages" / "2026" / "2026-11-30-link.md"
    target = tmp_path / "elsewhere.md"
    target.write_text(BASE, encoding="utf-8")
    link.symlink_to(target)
    status = run_check(project, CheckOptions(format_="json", now=NOW, path=(str(link),)))
    findings = json.loads(capsys.readouterr().out)
    assert status == 1
    assert [(f["file"], f["code"]) for f in findings] == [
        ("content/outages/2026/2026-11-30-link.md", "OUT009")
    ]


# -- the reference data a build reads: phrasebook, windows, systems --------------------------

PHRASES = (REPO / "content" / "phrases.yaml").read_text("utf-8")
ONE_LANGUAGE = PHRASES.replace(
    '    nl: "Gepland onderhoud: {processes}"\n', "", 1
)  # titles.maintenance keeps only its English text


@pytest.mark.parametrize(
    ("phrases", "expected", "words"),
    [
        pytest.param(None, ["OUT003@1"], "phrases.yaml is missing", id="missing"),
        pytest.param("", ["OUT001@1"], "the phrasebook is empty", id="empty"),
        pytest.param("titles: [a\n", ["OUT001@2"], "", id="bad-yaml"),
        pytest.param(ONE_LANGUAGE, ["P01@18"], "has no Dutch text", id="one-language"),
        pytest.param(
            PHRASES.replace("Gepland onderhoud: {processes}", "{x.__class__}", 1),
            ["OUT004@19"],
            "unknown placeholder '{x.__class__}'",
            id="attribute",
        ),
        pytest.param(
            PHRASES.replace("Gepland onderhoud: {processes}", "{processes:>999999999}", 1),
            ["OUT004@19"],
            "write it plain, '{processes}'",
            id="format-spec",
        ),
        pytest.param(
            PHRASES.replace("Gepland onderhoud: {processes}", "{p:>999999999}", 1),
            ["OUT004@19"],
            "unknown placeholder '{p}'",
            id="unknown-with-spec",
        ),
        pytest.param(
            PHRASES + "extra: {}\n", [f"OUT002@{PHRASES.count(chr(10)) + 1}"], "", id="key"
        ),
    ],
)
def test_phrasebook_mistakes_are_findings(
    tmp_path: Path, phrases: str | None, expected: list[str], words: str
) -> None:
    content_dir = write_content(tmp_path, [])
    if phrases is None:
        (content_dir / "phrases.yaml").unlink()
    else:
        (content_dir / "phrases.yaml").write_text(phrases, encoding="utf-8")
    content = load_content(content_dir, SETTINGS, local(NOW), root=tmp_path)
    assert codes(content) == expected
    assert all(f.file == "content/phrases.yaml" for f in content.findings)
    assert words in content.findings[0].message


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        pytest.param("windows/2027.yaml", "", ["OUT003@1"], id="empty-windows"),
        pytest.param("windows/2027.yaml", "# none yet\n", ["OUT003@1"], id="comment-only"),
        pytest.param("windows/2027.yaml", "maintenance: []\n", ["OUT003@1"], id="no-windows"),
        pytest.param("systems.yaml", "", ["OUT003@1"], id="empty-systems"),
    ],
)
def test_empty_reference_files_are_errors(
    tmp_path: Path, name: str, text: str, expected: list[str]
) -> None:
    content_dir = write_content(tmp_path, [])
    (content_dir / "windows").mkdir()
    (content_dir / name).write_text(text, encoding="utf-8")
    content = load_content(content_dir, SETTINGS, local(NOW), root=tmp_path)
    assert codes(content) == expected
    assert content.findings[0].file == f"content/{name}"
    assert "list" in content.findings[0].message


def test_the_check_command_reports_the_phrasebook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "project"
    content_dir = write_content(project, [])
    (project / "pelicanconf.py").write_bytes((REPO / "pelicanconf.py").read_bytes())
    (content_dir / "phrases.yaml").write_text(ONE_LANGUAGE, encoding="utf-8")
    status = run_check(project, CheckOptions(now=NOW))
    out = capsys.readouterr().out
    assert status == 1
    assert out.startswith("content/phrases.yaml:18: P01 error: titles.maintenance has no Dutch")


# -- outputs other programs open: CSV, RSS, every page ---------------------------------------

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
HOSTILE_SYSTEMS = SYSTEMS_YAML.replace("short: DMS", "short: '=HYPERLINK(\"https://x.nl\")'")
LONG_WORD = "Ontvangstbevestigingsberichtenverwerkingscapaciteit" * 8
HOSTILE = (
    BASE.replace("nl: Verstoring DMS", f"nl: Verstoring <b>DMS</b> {BIDI[4]}lanoitan")
    .replace("en: DMS disruption", f"en: '@DMS disruption {BIDI}'")
    .replace("Tekst.", f"Tekst {BIDI[:3]}met {LONG_WORD}.")
)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    content_dir = write_content(root, [], systems=HOSTILE_SYSTEMS)
    (content_dir / "outages" / "2026").mkdir()
    (content_dir / "outages" / "2026" / "2026-11-30-dms-verstoring.md").write_text(
        HOSTILE, encoding="utf-8"
    )
    return build_into(root / "output", content=content_dir, now=local(NOW))


def test_csv_cells_are_never_formulas(hostile_site: Path) -> None:
    for path in hostile_site.rglob("*.csv"):
        rows = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
        cells = [cell for row in rows for cell in row]
        assert any(cell.startswith("'=HYPERLINK") for cell in cells), path
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], path


def test_rss_titles_are_plain_text(hostile_site: Path) -> None:
    rss = lxml.etree.parse(hostile_site / "feeds" / "nl.rss.xml")
    titles = [t.text or "" for t in rss.iter("title")]
    ours = [t for t in titles if "Verstoring" in t]
    assert ours and all("<" not in t and ">" not in t for t in ours)
    assert any("Verstoring ‹b›DMS‹/b›" in t for t in ours)


def test_no_bidi_controls_in_any_output(hostile_site: Path) -> None:
    files = [p for p in hostile_site.rglob("*") if p.is_file() and "admin" not in p.parts]
    texts = [p for p in files if p.suffix in (".html", ".xml", ".json", ".ics", ".csv")]
    assert len(texts) > 10
    for path in texts:
        text = path.read_text("utf-8")
        assert not [c for c in BIDI if c in text], path
    pages = [p for p in texts if p.suffix == ".html"]
    assert any("lanoitan" in p.read_text("utf-8") for p in pages)  # the text stays, in order


def test_long_words_wrap_on_every_page(hostile_site: Path) -> None:
    css = (REPO / "theme" / "static" / "css" / "site.css").read_text("utf-8")
    assert "\nmain { overflow-wrap: anywhere; }" in css
    for page in hostile_site.rglob("*.html"):
        if "admin" in page.parts:
            continue
        doc = lxml.html.parse(str(page)).getroot()
        sheets = doc.xpath("//link[@rel='stylesheet']/@href")
        assert any(os.path.basename(href).startswith("site") for href in sheets), page
        assert doc.xpath("//main"), page


def test_bidi_controls_are_removed_when_read(tmp_path: Path) -> None:
    content_dir = write_content(tmp_path, [])
    (content_dir / "outages" / "2026").mkdir()
    corpus_file = CORPUS / "bidi-controls.md"
    (content_dir / "outages" / "2026" / corpus_file.name).write_bytes(corpus_file.read_bytes())
    assert any(c in corpus_file.read_text("utf-8") for c in BIDI)
    (event,) = load_content(content_dir, SETTINGS, local(NOW), root=tmp_path).events
    texts = [event.title.nl, event.body.nl, *(u.text.nl for u in event.updates)]
    assert not [t for t in texts if any(c in t for c in BIDI)]
    assert event.title.nl == "Verstoring SMD DMS" and event.updates[0].text.nl == "In onderzoek."


# P01 counts what is left after the site removes its invisible characters: a text that is only
# bidirectional controls (or only whitespace) is missing, in every place a text can be.
FULL = BASE.replace(
    "start: 2026-11-30 09:00\n",
    "start: 2026-11-30 09:00\ncause:\n  nl: Oorzaak.\n  en: Cause.\nprocess_changes:\n"
    "  nl: Werkwijze.\n  en: Way of working.\nbuffered_messages:\n  nl: Berichten.\n"
    "  en: Messages.\n",
)
TEXT_PLACES = {
    # place: (the line in FULL, with its text as the only thing to replace)
    "title-en": "  en: DMS disruption",
    "title-nl": "  nl: Verstoring DMS",
    "cause-en": "  en: Cause.",
    "process-changes-nl": "  nl: Werkwijze.",
    "buffered-messages-en": "  en: Messages.",
    "update-en": "    en: Under investigation.",
    "update-nl": "    nl: Geen verstoring gevonden.",
    "body-en": "Text.",
    "body-nl": "Tekst.",
}
INVISIBLE = {
    "bidi": BIDI,
    "bidi-and-spaces": f" {BIDI[0]}  {BIDI[-1]}\t",
    "spaces": "   ",
}


@pytest.mark.parametrize("kind", sorted(INVISIBLE))
@pytest.mark.parametrize("place", sorted(TEXT_PLACES))
def test_a_text_of_only_invisible_characters_is_missing(
    tmp_path: Path, place: str, kind: str
) -> None:
    line = TEXT_PLACES[place]
    assert FULL.count(line + "\n") == 1
    key, _, _ = line.partition(": ")
    blank = INVISIBLE[kind]
    # quoted in YAML, so that the spaces are part of the value
    written = f'{key}: "{blank}"' if ": " in line else blank
    text = FULL.replace(line + "\n", written + "\n")
    content_dir = write_content(tmp_path, [])
    (content_dir / "outages" / "2026").mkdir()
    (content_dir / "outages" / "2026" / "2026-11-30-dms-verstoring.md").write_text(text, "utf-8")
    content = load_content(content_dir, SETTINGS, local(NOW), root=tmp_path)
    number = FULL.split("\n").index(line) + 1
    if place.startswith("body-"):  # the body's finding names its '::: xx' line
        number = FULL.split("\n").index(f"::: {place[-2:]}") + 1
    assert codes(content) == [f"P01@{number}"]
    assert content.events == ()
    (finding,) = content.findings
    language = "English" if place.endswith("-en") else "Dutch"
    assert f"no {language} text" in finding.message
    assert ("only invisible direction characters" in finding.message) is (kind != "spaces")


@pytest.mark.parametrize(
    ("written", "missing"),
    [
        pytest.param("~", True, id="tilde"),
        pytest.param("null", True, id="null"),
        pytest.param('"null"', False, id="quoted-null-is-the-word"),
    ],
)
def test_yaml_empty_value_is_no_text(tmp_path: Path, written: str, missing: bool) -> None:
    text = FULL.replace("  en: DMS disruption\n", f"  en: {written}\n")
    content_dir = write_content(tmp_path, [])
    (content_dir / "outages" / "2026").mkdir()
    (content_dir / "outages" / "2026" / "2026-11-30-dms-verstoring.md").write_text(text, "utf-8")
    content = load_content(content_dir, SETTINGS, local(NOW), root=tmp_path)
    line = FULL.split("\n").index("  en: DMS disruption") + 1
    assert codes(content) == ([f"P01@{line}"] if missing else [])
    if missing:
        assert "is YAML's empty value; put it in quotes to mean the word" in (
            content.findings[0].message
        )


def test_one_visible_character_among_bidi_controls_is_a_text(tmp_path: Path) -> None:
    text = FULL.replace("  en: DMS disruption\n", f"  en: {BIDI[:4]}D{BIDI[4:]}\n")
    content_dir = write_content(tmp_path, [])
    (content_dir / "outages" / "2026").mkdir()
    (content_dir / "outages" / "2026" / "2026-11-30-dms-verstoring.md").write_text(text, "utf-8")
    content = load_content(content_dir, SETTINGS, local(NOW), root=tmp_path)
    assert codes(content) == []
    (event,) = content.events
    assert event.title.en == "D"


def test_a_megabyte_file_at_every_limit_checks_and_renders_quickly(tmp_path: Path) -> None:
    """The largest file the check passes: Markdown at its limits and plain text for the rest."""
    marked = "\n\n".join(f"Regel {n} met R&D en *nadruk* " + "tekst " * 48 for n in range(450))
    plain = "\n".join(["Een gewone regel tekst, zonder opmaak."] * 20_000)
    data = BASE.replace("Tekst.", marked).replace("Text.", plain)
    assert 800_000 < len(data.encode()) < 1_000_000
    cost = markdown_cost(marked)
    assert cost.length > 140_000 and cost.elements > 1_750 and cost.work > 400_000
    content_dir = write_content(tmp_path, [])
    (content_dir / "outages" / "2026").mkdir()
    (content_dir / "outages" / "2026" / "2026-11-30-groot.md").write_text(data, encoding="utf-8")
    began = time.process_time()
    content = load_content(content_dir, SETTINGS, local(NOW), root=tmp_path)
    checked = time.process_time() - began
    assert codes(content) == [] and checked < QUICK
    (event,) = content.events
    render_markdown.cache_clear()
    plain_text.cache_clear()
    began = time.process_time()
    assert event.body.en == plain
    for text in (event.body.nl, event.body.en):
        plain_text(text)  # renders the Markdown, then strips it: what the calendar and API do
    assert time.process_time() - began < QUICK


def test_a_phrasebook_link_is_followed_only_inside_the_repository(tmp_path: Path) -> None:
    content_dir = write_content(tmp_path / "project", [])
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(PHRASES, encoding="utf-8")
    (content_dir / "phrases.yaml").unlink()
    (content_dir / "phrases.yaml").symlink_to(outside)
    content = load_content(content_dir, SETTINGS, local(NOW), root=tmp_path / "project")
    assert codes(content) == ["OUT004@1"]
    assert "never followed" in content.findings[0].message
    # the test fixtures link to the project's own phrasebook, inside the repository
    fixture = REPO / "tests" / "fixtures" / "site" / "content"
    assert (fixture / "phrases.yaml").is_symlink()
    findings = load_content(fixture, SETTINGS, local(NOW)).findings
    assert not [f for f in findings if "phrases" in f.file]


@pytest.mark.browser
@pytest.mark.slow
def test_a_very_long_word_never_widens_a_phone_page(hostile_site: Path) -> None:
    from tools.browser import BrowserMissing, chromium, serve_directory

    pages = sorted(
        "/" + p.parent.relative_to(hostile_site).as_posix() + "/"
        for p in hostile_site.rglob("index.html")
        if LONG_WORD[:60] in p.read_text("utf-8")
    )
    assert pages  # the event's page, where the Dutch body holds the word
    widths = {}
    try:
        with serve_directory(hostile_site) as origin, chromium((375, 740)) as driver:
            for path in pages:
                driver.get(origin + path)
                widths[path] = driver.execute_script("return document.documentElement.scrollWidth")
    except BrowserMissing as exc:
        pytest.fail(str(exc))
    assert widths and all(width <= 375 for width in widths.values()), widths
