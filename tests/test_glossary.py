"""One word per idea: docs/glossary.md names the terms and the retired words; the labels, the
catalogues, the phrasebook and the built pages follow it.

Pages are read without what operators write (event titles, bodies and messages): those are
their words, checked by them; everything else on a page is the site's.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
import yaml
from babel.messages.pofile import read_po
from conftest import REPO

from douane_status.domain.model import EventType, Fallback, Lang, Status
from douane_status.presentation import i18n
from douane_status.state.phases import Phase, SystemState

GLOSSARY = REPO / "docs" / "glossary.md"
CATALOGUE = REPO / "plugins" / "douane_status" / "locale" / "nl" / "LC_MESSAGES" / "messages.po"
PHRASEBOOK = REPO / "content" / "phrases.yaml"

# What operators write, as the templates mark it: titles, explanations and messages.
OPERATOR_TEXT = (
    "title",
    "head",
    ".event__title",
    ".event__latest p:not(.event__latest-meta)",
    ".event-row > a",
    "#event-title",
    "section[aria-labelledby=details-heading]",
    "section[aria-labelledby=cause-heading]",
    "section[aria-labelledby=changes-heading]",
    "section[aria-labelledby=buffered-heading]",
    ".timeline__item > p",
    ".timeline__item ul",
    ".history details li a",
    ".days-table td a",
    ".compliance-event h2",
    "code",
    "table.api td a",  # file addresses, not words
)


def table(heading: str) -> list[list[str]]:
    """The rows of the Markdown table under ``## heading`` in the glossary."""
    text = GLOSSARY.read_text(encoding="utf-8")
    section = text.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[2:]]


def terms() -> dict[Lang, set[str]]:
    rows = table("Terms / Begrippen")
    return {"nl": {r[0] for r in rows}, "en": {r[1] for r in rows}}


def retired() -> dict[str, list[str]]:
    words: dict[str, list[str]] = {"nl": [], "en": []}
    for lang, word, _ in table("Retired words / Niet meer gebruiken"):
        words[lang].append(word)
    return words


def retired_in(text: str, lang: Lang) -> list[str]:
    return [w for w in retired()[lang] if re.search(rf"\b{re.escape(w)}\b", text, re.IGNORECASE)]


def site_text(path: Path) -> str:
    """A page's words without what operators wrote."""
    doc = lxml.html.fromstring(path.read_bytes())
    for selector in OPERATOR_TEXT:
        for element in doc.cssselect(selector):
            element.drop_tree()
    return " ".join(" ".join(doc.itertext()).split())


def test_the_glossary_has_both_tables_in_both_languages() -> None:
    assert len(table("Terms / Begrippen")) >= 25
    assert all(len(row) == 4 and all(row) for row in table("Terms / Begrippen"))
    assert {lang for lang, *_ in table("Retired words / Niet meer gebruiken")} == {"nl", "en"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_state_status_type_and_fallback_label_is_a_glossary_term(lang: Lang) -> None:
    shown = [
        *(i18n.label(i18n.STATE_LABELS, s, lang) for s in SystemState),
        *(i18n.label(i18n.STATUS_LABELS, s, lang) for s in Status),
        *(i18n.label(i18n.TYPE_LABELS, t, lang) for t in EventType),
        *(i18n.label(i18n.FALLBACK_LABELS, f, lang) for f in Fallback),
        i18n.label(i18n.PHASE_LABELS, Phase.UPCOMING, lang),
        i18n.word("next_update", lang),
        i18n.word("fallback_possible_yes", lang),
        i18n.word("fallback_possible_no", lang),
        i18n.word("fallback_none", lang),
        i18n.word("window_cancelled", lang),
    ]
    assert sorted(set(shown) - terms()[lang]) == []


def test_the_catalogues_use_no_retired_word() -> None:
    with CATALOGUE.open("rb") as po:
        catalogue = read_po(po, locale="nl")
    found = []
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        found += [(ids[0], w) for text in ids for w in retired_in(text, "en")]
        found += [(ids[0], w) for text in strings for w in retired_in(text, "nl")]
    assert found == []


def test_the_phrasebook_uses_no_retired_word() -> None:
    found = []

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("nl", "en") and isinstance(value, str):
                    found.extend((where, w) for w in retired_in(value, key))
                else:
                    walk(value, f"{where}.{key}")

    walk(yaml.safe_load(PHRASEBOOK.read_text(encoding="utf-8")), "phrases")
    assert found == []


@pytest.mark.parametrize("site_name", ["fixture_site", "report_site"])
def test_no_page_uses_a_retired_word(request: pytest.FixtureRequest, site_name: str) -> None:
    site: Path = request.getfixturevalue(site_name)
    pages = [p for p in sorted(site.rglob("*.html")) if p.relative_to(site).parts[0] != "admin"]
    assert len(pages) > 20
    found = []
    for path in pages:
        lang: Lang = "en" if path.relative_to(site).parts[0] == "en" else "nl"
        found += [(path.relative_to(site).as_posix(), w) for w in retired_in(site_text(path), lang)]
    assert found == []


def test_the_check_finds_a_retired_word_on_a_page(tmp_path: Path) -> None:
    """Guard against a check that passes everything: the old label is found, the operator's
    own words are not counted."""
    page = tmp_path / "index.html"
    page.write_text(
        '<html lang="nl"><body><main><span class="state">Noodprocedure van kracht</span>'
        '<h3 class="event__title">Workaround voor DMS</h3></main></body></html>',
        encoding="utf-8",
    )
    assert retired_in(site_text(page), "nl") == ["noodprocedure van kracht"]
    assert retired_in("The next message follows", "en") == ["next message"]


# B1: at most this many words in a Dutch sentence of the site's own words.
B1_WORDS = 20
DEMO_OUTAGES = REPO / "content" / "outages"
FIELD_VALUE = re.compile(r"^\s*-?\s*(type|status|fallback|systems):")


def sentences(text: str) -> list[str]:
    """The sentences of a text: split after . ? ! and ; (a list item or a label is one)."""
    text = re.sub(r"%\(\w+\)s|\{\w+\}", "X", text)  # a placeholder is one word
    return [s for s in re.split(r"(?<=[.?!;])\s+", " ".join(text.split())) if s]


def too_long(text: str) -> list[str]:
    return [s for s in sentences(text) if len(s.split()) > B1_WORDS]


def test_the_dutch_catalogue_writes_short_sentences() -> None:
    with CATALOGUE.open("rb") as po:
        catalogue = read_po(po, locale="nl")
    long = []
    for message in catalogue:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        long += [s for text in strings if text for s in too_long(text)]
    assert long == []


def test_the_dutch_phrasebook_writes_short_sentences() -> None:
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "nl" and isinstance(value, str):
                    found.extend(too_long(value))
                else:
                    walk(value)

    walk(yaml.safe_load(PHRASEBOOK.read_text(encoding="utf-8")))
    assert found == []


def test_the_sentence_count_finds_a_long_sentence() -> None:
    long = "Er is sprake van een verstoring " + "van het systeem " * 6 + "vandaag."
    assert too_long(f"Kort. {long} Ook kort.") == [long]
    assert too_long("Het volgende bericht komt uiterlijk %(time)s.") == []


def test_the_demo_messages_use_no_retired_word() -> None:
    """The demo content is the example every operator copies: it follows the glossary too."""
    files = sorted(DEMO_OUTAGES.rglob("*.md"))
    assert len(files) > 10
    found = []
    for path in files:
        # the texts, not the values of the format's fields ("status: workaround")
        lines = path.read_text(encoding="utf-8").splitlines()
        text = " ".join(" ".join(line for line in lines if not FIELD_VALUE.match(line)).split())
        found += [(path.name, w) for lang in ("nl", "en") for w in retired_in(text, lang)]
    assert found == []
