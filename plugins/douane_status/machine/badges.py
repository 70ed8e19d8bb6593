"""Status badges: small SVG images a business can embed in its own dashboard or intranet.

The state is written out in words (colour only repeats it), the image has a role and a title
that names it (SVG 1.1 has no aria-label), and every colour pair has a contrast of at least
4.5:1. Dutch badges live under /badges/, English ones under /en/badges/.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence

from ..domain.config import StatusSettings
from ..domain.model import LANGUAGES, Catalog, Event, Lang
from ..presentation import channels, i18n
from ..state.phases import SystemState, overall_state, system_statuses

HEIGHT = 20
PADDING = 6
FONT = "Verdana,DejaVu Sans,Geneva,sans-serif"
LABEL_COLOURS = ("#3d3d3d", "#ffffff")  # background, text
STATE_COLOURS: dict[SystemState, tuple[str, str]] = {
    SystemState.AVAILABLE: ("#1a7f37", "#ffffff"),
    SystemState.INVESTIGATING: ("#8a5c00", "#ffffff"),
    SystemState.MAINTENANCE: ("#0550ae", "#ffffff"),
    SystemState.DISRUPTION: ("#b34700", "#ffffff"),
    SystemState.FALLBACK: ("#a40e26", "#ffffff"),
}
# Approximate advance widths of Verdana at 11px; textLength makes the text fit the box exactly.
_NARROW, _SEMI, _WIDE = frozenset("iljI!|.,:;' "), frozenset("ftr()[]-/"), frozenset("mwMW%")


def badge_files(
    catalog: Catalog, events: Sequence[Event], settings: StatusSettings, now: dt.datetime
) -> Iterable[tuple[str, bytes]]:
    """The overall badge and one per system, in each language."""
    statuses = system_statuses(catalog, events, now)
    overall = overall_state(statuses.values())
    files = {}
    for lang in LANGUAGES:
        files[channels.badge_path(lang, channels.OVERALL_BADGE)] = badge_svg(
            i18n.word("badge_overall", lang), overall, lang
        )
        for system in catalog.systems:
            files[channels.badge_path(lang, system.id)] = badge_svg(
                system.short, statuses[system.id].state, lang
            )
    return files.items()


def text_width(text: str) -> int:
    """An estimate of the text's width in pixels at 11px Verdana."""
    width = 0.0
    for char in text:
        if char in _NARROW:
            width += 3.6
        elif char in _SEMI:
            width += 4.6
        elif char in _WIDE:
            width += 10.5
        elif char.isupper() or char.isdigit():
            width += 7.4
        else:
            width += 6.6
    return round(width)


def badge_svg(label: str, state: SystemState, lang: Lang) -> bytes:
    message = i18n.label(i18n.STATE_LABELS, state, lang)
    name = f"{label}: {message}"
    label_width = text_width(label) + 2 * PADDING
    message_width = text_width(message) + 2 * PADDING
    root = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "width": str(label_width + message_width),
            "height": str(HEIGHT),
            "viewBox": f"0 0 {label_width + message_width} {HEIGHT}",
            "role": "img",
            "{http://www.w3.org/XML/1998/namespace}lang": lang,
        },
    )
    ET.SubElement(root, "title").text = name
    parts = (
        (0, label_width, label, LABEL_COLOURS),
        (label_width, message_width, message, STATE_COLOURS[state]),
    )
    for x, width, _text, (background, _foreground) in parts:
        ET.SubElement(
            root,
            "rect",
            {"x": str(x), "width": str(width), "height": str(HEIGHT), "fill": background},
        )
    group = ET.SubElement(root, "g", {"font-family": FONT, "font-size": "11"})
    for x, width, text, (_background, foreground) in parts:
        ET.SubElement(
            group,
            "text",
            {
                "x": f"{x + width / 2:g}",
                "y": "14",
                "text-anchor": "middle",
                "fill": foreground,
                "textLength": str(width - 2 * PADDING),
                "lengthAdjust": "spacingAndGlyphs",
            },
        ).text = text
    svg: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)  # bytes for an encoding
    return svg + b"\n"
