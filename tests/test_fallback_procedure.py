"""The fallback procedure explained: its page in both languages, each system's own procedure
from systems.yaml (checked like every other field), and links to pages in the other language
named as such (hreflang, "(in Dutch)")."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from douane_status.domain.model import ProcedureLink
from douane_status.reading.catalog import read_systems

SYSTEMS = """processes:
  - id: transit
    name: {{nl: Douanevervoer, en: Transit}}
systems:
  - id: ncts
    short: NCTS
    name: {{nl: Douane Vervoer Applicatie, en: New Computerised Transit System}}
    processes: [transit]
{field}"""


def systems_with(field: str) -> tuple[list[ProcedureLink | None], list[tuple[str, int, str]]]:
    _, systems, findings = read_systems(
        "content/systems.yaml", SYSTEMS.format(field=field).encode()
    )
    return [s.fallback_procedure for s in systems], [(f.code, f.line, f.message) for f in findings]


def page(site: Path, relative: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / relative).read_bytes())


def words(element: lxml.html.HtmlElement) -> str:
    return " ".join(" ".join(element.itertext()).split())


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("", None),
        (
            "    fallback_procedure: https://example.org/nood\n",
            ProcedureLink("https://example.org/nood"),
        ),
        (
            "    fallback_procedure: {nl: 'https://example.org/nood', en: 'https://example.org/fb'}\n",
            ProcedureLink("https://example.org/nood", "https://example.org/fb"),
        ),
        (
            "    fallback_procedure:\n      nl: https://example.org/nood\n",
            ProcedureLink("https://example.org/nood"),
        ),
    ],
    ids=["none", "dutch-page", "both-pages", "dutch-only-mapping"],
)
def test_a_system_names_its_own_procedure_or_none(field: str, expected: ProcedureLink) -> None:
    assert systems_with(field) == ([expected], [])


@pytest.mark.parametrize(
    ("field", "code", "line", "says"),
    [
        ("    fallback_procedure: www.example.org/nood\n", "OUT004", 9, "starting with https://"),
        (
            "    fallback_procedure: http://example.org/nood\n",
            "OUT004",
            9,
            "starting with https://",
        ),
        ("    fallback_procedure: ''\n", "OUT004", 9, "one web address"),
        ("    fallback_procedure: [https://example.org/a]\n", "OUT004", 9, "one web address"),
        ("    fallback_procedure: {en: 'https://example.org/fb'}\n", "OUT003", 9, "needs 'nl:'"),
        (
            "    fallback_procedure: {nl: 'https://example.org/a', fr: 'https://example.org/b'}\n",
            "OUT002",
            9,
            "unknown field 'fr'",
        ),
        (
            "    fallback_procedure:\n      nl: https://example.org/a\n      en: ftp://example.org/b\n",
            "OUT004",
            11,
            "fallback_procedure en must be a web address",
        ),
    ],
    ids=["no-scheme", "http", "empty", "list", "no-dutch", "unknown-language", "bad-english"],
)
def test_a_wrong_procedure_address_is_an_error_on_its_line(
    field: str, code: str, line: int, says: str
) -> None:
    systems, findings = systems_with(field)
    assert [(c, n) for c, n, _ in findings] == [(code, line)]
    assert says in findings[0][2]
    if code != "OUT002":
        assert systems == [], "a system with a broken procedure address is not used"


def test_the_reader_gets_the_page_in_their_language_where_there_is_one() -> None:
    both = ProcedureLink("https://example.org/nood", "https://example.org/fb")
    assert both.for_reader("en") == ("https://example.org/fb", "en")
    assert both.for_reader("nl") == ("https://example.org/nood", "nl")
    assert ProcedureLink("https://example.org/nood").for_reader("en") == (
        "https://example.org/nood",
        "nl",
    )


@pytest.mark.parametrize(
    ("relative", "lang", "heading", "overview_note"),
    [
        ("noodprocedure/index.html", "nl", "Noodprocedure", ""),
        ("en/fallback-procedure/index.html", "en", "Fallback procedure", " (in Dutch)"),
    ],
)
def test_the_page_explains_the_procedure_in_both_languages(
    fixture_site: Path, relative: str, lang: str, heading: str, overview_note: str
) -> None:
    doc = page(fixture_site, relative)
    assert doc.get("lang") == lang
    assert words(doc.cssselect("h1")[0]) == heading
    text = words(doc.cssselect("main")[0])
    may = (
        "U mag de noodprocedure gebruiken" if lang == "nl" else "You may use the fallback procedure"
    )
    assert may in text  # what this site says when it allows it
    number = "088-15 666 55" if lang == "nl" else "+31 88 15 666 55"
    assert number in text  # the helpdesk, for a problem in one's own software
    # every system, each with an anchor the systems without a procedure of their own link to
    assert [li.get("id") for li in doc.cssselect(".procedures > li")] == [
        "system-dms",
        "system-ncts",
        "system-emcs",
        "system-ics2",
    ]
    (overview,) = doc.cssselect('a[href*="noodprocedures_douane_cluster"]')
    assert overview.get("hreflang") == "nl"
    assert words(overview).endswith("Douane" + overview_note) or words(overview).endswith(
        "Customs" + overview_note
    )


def fallback_links(doc: lxml.html.HtmlElement) -> dict[str, tuple[str, str | None, str]]:
    links = {}
    for a in doc.cssselect("main a"):
        text = words(a)
        for prefix in ("Noodprocedure voor ", "Fallback procedure for "):
            if text.startswith(prefix):
                links[text.removeprefix(prefix).split()[0]] = (
                    a.get("href"),
                    a.get("hreflang"),
                    text,
                )
    return links


def test_each_system_links_its_own_procedure_in_the_readers_language(fixture_site: Path) -> None:
    event = "2026-11-29-ncts-verstoring"
    english = fallback_links(page(fixture_site, f"en/status-messages/{event}/index.html"))
    dutch = fallback_links(page(fixture_site, f"status-berichten/{event}/index.html"))
    # NCTS has a page in each language: each reader gets theirs, nothing to warn about
    assert english["NCTS"] == (
        "https://example.org/fallback-procedure/ncts",
        "en",
        "Fallback procedure for NCTS",
    )
    assert dutch["NCTS"] == (
        "https://example.org/noodprocedure/ncts",
        "nl",
        "Noodprocedure voor NCTS",
    )
    # EMCS has a Dutch page only: the English page says so, in words and in hreflang
    emcs_en = fallback_links(page(fixture_site, "en/systems/emcs/index.html"))["EMCS"]
    assert emcs_en == (
        "https://example.org/noodprocedure/emcs",
        "nl",
        "Fallback procedure for EMCS (in Dutch)",
    )
    emcs_nl = fallback_links(page(fixture_site, "systemen/emcs/index.html"))["EMCS"]
    assert emcs_nl == ("https://example.org/noodprocedure/emcs", "nl", "Noodprocedure voor EMCS")
    # DMS has none of its own: the site's page, at DMS
    dms = fallback_links(page(fixture_site, "en/systems/dms/index.html"))["DMS"]
    assert dms == ("/en/fallback-procedure/#system-dms", None, "Fallback procedure for DMS")


def test_english_pages_say_in_dutch_after_every_link_to_a_dutch_page(fixture_site: Path) -> None:
    """A link marked hreflang="nl" on an English page ends with "(in Dutch)"."""
    english = sorted((fixture_site / "en").rglob("*.html"))
    assert len(english) > 10
    checked = 0
    for path in english:
        for a in page(fixture_site, str(path.relative_to(fixture_site))).cssselect(
            "main a[href^=http]"
        ):
            if a.get("hreflang") == "nl":
                assert words(a).endswith("(in Dutch)"), (path, a.get("href"))
                checked += 1
    assert checked >= 3
