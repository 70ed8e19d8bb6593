"""The translation catalogues: the template is current, the Dutch complete, the pages translated."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po
from markupsafe import Markup

from douane_status.domain.model import EventType, Status
from douane_status.presentation import i18n
from douane_status.presentation.catalogues import LOCALE_DIR, catalogue_path

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = LOCALE_DIR / "messages.pot"
# The command the README gives translators, with the output file left off.
EXTRACT = (
    "pybabel extract -F babel.cfg -k N_ -k pN_:1c,2 -k nN_:1,2 --add-location=file "
    "--sort-output --project=douane-status --copyright-holder=Douane"
)
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sd%]")


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as po:
        return read_po(po, locale=locale)


def texts(value: object) -> tuple[str, ...]:
    """A msgid or msgstr as a tuple: the one text, or the plural forms."""
    if isinstance(value, tuple | list):
        return tuple(str(item) for item in value)
    return (str(value or ""),)


def entries(catalog: Catalog) -> dict[tuple[object, str | None], Message]:
    """Each message by what identifies it: its msgid (a pair with a plural) and its context."""
    return {(m.id, m.context): m for m in catalog if m.id}


def test_readme_gives_the_extract_command() -> None:
    assert f"{EXTRACT} -o plugins/douane_status/locale/messages.pot ." in (
        REPO / "README.md"
    ).read_text(encoding="utf-8")


def test_committed_template_holds_what_extraction_finds_now(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    fresh = tmp_path / "messages.pot"
    pybabel = CommandLineInterface()
    pybabel.run([*EXTRACT.split(), "-o", str(fresh), "."])  # type: ignore[no-untyped-call]  # no hints

    found = entries(read_catalog(fresh))
    assert set(found) == set(entries(read_catalog(TEMPLATE)))
    # both sides of the code/template split are in it
    assert ("Availability per month", None) in found  # i18n.py
    assert ("What we do", None) in found  # accessibility.html
    assert ("Cancelled", "maintenance window") in found  # a context
    assert (("%(count)s minute", "%(count)s minutes"), None) in found  # a plural


def test_dutch_catalogue_translates_every_message_of_the_template() -> None:
    template = entries(read_catalog(TEMPLATE))
    dutch_catalog = read_catalog(catalogue_path("nl"), locale="nl")
    dutch = entries(dutch_catalog)

    assert set(dutch) == set(template)
    assert not dutch_catalog.obsolete
    for key, message in dutch.items():
        forms = texts(message.string)
        assert all(form.strip() for form in forms), f"untranslated: {key}"
        assert not message.fuzzy, f"fuzzy: {key}"
        ids = texts(message.id)
        wanted = sorted(PLACEHOLDER.findall(ids[-1]))
        for form in forms:
            assert sorted(PLACEHOLDER.findall(form)) == wanted, f"placeholders of {key}"
    assert not [error for _, errors in dutch_catalog.check() for error in errors]


def test_words_the_code_asks_for_come_from_the_catalogue() -> None:
    assert i18n.word("site_name", "nl") == "Beschikbaarheid Douanesystemen"
    assert i18n.word("site_name", "en") == "Availability of Dutch Customs Systems"
    assert i18n.word("system_events", "nl", system="DMS") == "Berichten over DMS"
    assert i18n.word("window_cancelled", "nl") == "Vervallen"
    assert i18n.label(i18n.STATUS_LABELS, Status.CANCELLED, "nl") == "Geannuleerd"
    assert i18n.both(i18n.TYPE_LABELS, EventType.RELEASE) == (
        "Release",
        "Release",
    )


@pytest.mark.parametrize(
    ("minutes", "dutch", "english"),
    [
        (0, "0 minuten", "0 minutes"),
        (1, "1 minuut", "1 minute"),
        (2, "2 minuten", "2 minutes"),
        (60, "1 uur", "1 hour"),
        (150, "2 uur en 30 minuten", "2 hours and 30 minutes"),
        (24 * 60 + 61, "1 dag, 1 uur en 1 minuut", "1 day, 1 hour and 1 minute"),
        (3 * 24 * 60, "3 dagen", "3 days"),
    ],
)
def test_durations_take_the_plural_form_of_each_language(
    minutes: int, dutch: str, english: str
) -> None:
    delta = dt.timedelta(minutes=minutes)
    assert i18n.format_duration(delta, "nl") == dutch
    assert i18n.format_duration(delta, "en") == english


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_days_are_written_as_babel_writes_them(lang: str) -> None:
    """``format_day`` writes Babel's day pattern from Babel's names, without Babel's formatter:
    every day of two years, a leap day among them, as ``format_date`` writes it."""
    from babel.dates import format_date

    first = dt.date(2027, 1, 1)
    for offset in range(731):
        day = first + dt.timedelta(days=offset)
        assert i18n.format_day(day, lang) == format_date(day, i18n._DAY_PATTERN, locale=lang)
    assert i18n.format_day(dt.date(2026, 12, 6), "nl") == "zondag 6 december 2026"
    assert i18n.format_day(dt.date(2028, 2, 29), "en") == "Tuesday 29 February 2028"


def test_counted_words_take_the_plural_form() -> None:
    assert i18n.word("history_days_one", "nl", count=1) == "1 dag niet volledig beschikbaar"
    assert i18n.word("history_days", "nl", count=4) == "4 dagen niet volledig beschikbaar"
    assert i18n.word("minutes", "en", count=5) == "5 minutes"


class _Text(HTMLParser):
    """The words a reader meets: text, and the attributes that are read out or shown."""

    READ = frozenset({"aria-label", "title", "alt", "content"})

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts += [value for name, value in attrs if name in self.READ and value]


def page_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.parts).split())


def fragments(text: str) -> list[str]:
    """The literal stretches of a message between its placeholders, of two words or more (one
    word may be a name: the Dutch accessibility statement names the "Web Content Accessibility
    Guidelines")."""
    literal = PLACEHOLDER.sub("\0", text).replace("%%", "%")
    return [part.strip() for part in literal.split("\0") if len(part.split()) >= 2]


def differing_words() -> list[tuple[str, str]]:
    """(English, Dutch) of every message whose Dutch differs, plural forms included."""
    pairs = []
    for message in read_catalog(catalogue_path("nl"), locale="nl"):
        if not message.id:
            continue
        pairs += list(zip(texts(message.id), texts(message.string), strict=True))
    return [(en, nl) for en, nl in pairs if en != nl]


def public_pages(site: Path, lang: str) -> list[Path]:
    """Every page of one language but the compliance report, which quotes the check in English."""
    pages = sorted(site.rglob("*.html"))
    english = [p for p in pages if p.relative_to(site).parts[0] == "en"]
    chosen = english if lang == "en" else [p for p in pages if p not in english]
    return [p for p in chosen if "admin" not in p.parts and "protocol" not in p.parts]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_pages_show_no_interface_words_of_the_other_language(fixture_site: Path, lang: str) -> None:
    pages = public_pages(fixture_site, lang)
    assert len(pages) >= 15  # every kind of page
    other = 0 if lang == "nl" else 1  # differing_words() gives (English, Dutch) pairs
    words = [f for pair in differing_words() for f in fragments(pair[other])]
    for page in pages:
        text = page_text(page)
        assert [w for w in words if w in text] == [], page.relative_to(fixture_site)


def test_built_pages_carry_the_words_of_their_language(fixture_site: Path) -> None:
    dutch = page_text(fixture_site / "index.html")
    english = page_text(fixture_site / "en" / "index.html")
    for words in ("Actuele status", "Een verstoring melden", "Alle tijden zijn Nederlandse tijd"):
        assert words in dutch
    for words in ("Current status", "Reporting a disruption", "All times are Dutch time"):
        assert words in english
    # a placeholder filled with markup, inside a translated sentence
    footer = (fixture_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r"Deze pagina is bijgewerkt op <time datetime=\"[^\"]+\">", footer)
    subscribe = (fixture_site / "abonneren" / "index.html").read_text(encoding="utf-8")
    assert "monitoringprogramma&#39;s" in subscribe  # catalogue text is escaped like any text


def test_templates_escape_catalogue_text_and_fill_placeholders() -> None:
    import jinja2

    from douane_status.presentation.template_words import CatalogueTranslations

    env = jinja2.Environment(autoescape=True, extensions=[CatalogueTranslations])
    page = env.from_string(
        '{{ _("Messages about %(system)s", system=name) }}|'
        "{% trans %}This page was updated on {{ time }}.{% endtrans %}|"
        '{{ pgettext("maintenance window", "Cancelled") }}'
    )
    time = Markup('<time datetime="x">nu</time>')
    assert page.render(lang="nl", name="<b>", time=time) == (
        'Berichten over &lt;b&gt;|Deze pagina is bijgewerkt op <time datetime="x">nu</time>.|'
        "Vervallen"
    )
    assert page.render(lang="en", name="DMS", time="now").startswith("Messages about DMS|")


def test_pelicans_environment_is_made_with_the_catalogues() -> None:
    """The plugin gives Pelican the extension as Pelican starts (``initialized``), before
    Pelican makes the environment its generators render with."""
    from pelican import Pelican
    from pelican.settings import read_settings

    from douane_status.presentation.template_words import CatalogueTranslations

    settings = Pelican(read_settings(str(REPO / "pelicanconf.py"))).settings
    assert CatalogueTranslations in settings["JINJA_ENVIRONMENT"]["extensions"]
