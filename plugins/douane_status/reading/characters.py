"""Characters no published text may hold (OUT001): controls, non-characters, lone surrogates.

The site's pages are HTML, its feeds, calendars and API are XML and JSON read by other programs:
C0 controls (but tab and newline), DEL and the C1 controls, the non-characters (U+FDD0-U+FDEF and
the last two of every plane, U+FFFE and U+FFFF among them) and lone surrogates are invisible, and
XML cannot carry most of them at all (a feed would not be written). Text pasted from a word
processor or a terminal brings them in (a vertical tab for a line break, U+0001, U+FFFF).

Every content file is read through ``decode``, which reports them with their line; a YAML value in
double quotes can also write one with an escape (``"\\v"``, ``"\\x01"``, ``"\\uFFFF"``), which the
YAML reader reports. The ranges are given once, here, for the Python reader and for the web
editor's checker (``editor/checker_rules.py``).
"""

from __future__ import annotations

import re

from ..domain.findings import Finding, error

# Inclusive ranges of code points refused in every text the site reads.
FORBIDDEN_RANGES: tuple[tuple[int, int], ...] = (
    (0x00, 0x08),  # C0 controls before tab
    (0x0B, 0x1F),  # C0 controls after newline (a carriage return is read as a line end first)
    (0x7F, 0x9F),  # DEL and the C1 controls (NEL, U+0085, among them)
    (0xD800, 0xDFFF),  # surrogates: only ever half of a character
    (0xFDD0, 0xFDEF),  # non-characters
    *((plane + 0xFFFE, plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000)),
)
FORBIDDEN = re.compile(
    "[" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in FORBIDDEN_RANGES) + "]"
)
# A numeric character reference: Markdown leaves it alone and the HTML sanitiser decodes it, so
# ``&#1;`` (with or without the semicolon, as HTML reads it) would put U+0001 in pages and feeds.
REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")
# The same ranges up to U+FFFF: a class with the ranges beyond, one per plane, is checked range
# by range for every character, eight times slower on a file (0.09 against 0.01 s on 500 files).
_FORBIDDEN_IN_BMP = re.compile(
    "["
    + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in FORBIDDEN_RANGES if high <= 0xFFFF)
    + "]"
)
MAX_LINES_REPORTED = 5  # a file full of them (a binary pasted in) gets a few findings, not all
REPLACEMENT = "\ufffd"  # what the rest of the reading sees in their place


def describe(character: str) -> str:
    """What a refused character is, as an operator can look it up: ``U+000B (a control …)``."""
    code = ord(character)
    if code <= 0x9F:
        kind = "an invisible control character, often pasted from a word processor or terminal"
    elif 0xD800 <= code <= 0xDFFF:
        kind = "half of a character (a lone surrogate)"
    else:
        kind = "a non-character, which no text may hold"
    return f"U+{code:04X} ({kind})"


def _referenced(match: re.Match[str]) -> str | None:
    """The refused character a numeric reference names, or None."""
    code = int(match[1], 16) if match[1] else int(match[2])
    if code > 0x10FFFF:
        return None  # read as U+FFFD
    character = chr(code)
    return character if FORBIDDEN.match(character) else None


def first_refused(text: str) -> str | None:
    """What to do about the first refused character in ``text``, typed or referenced, or None."""
    found = FORBIDDEN.search(text)
    references = [
        (match.start(), match.group(), character)
        for match in REFERENCE.finditer(text)
        if (character := _referenced(match)) is not None
    ]
    if found is not None and (not references or found.start() < references[0][0]):
        return (
            f"column {found.start() + 1} holds {describe(found.group())}: delete it, or type "
            "the text around it again"
        )
    if references:
        column, written, character = references[0]
        return (
            f"column {column + 1} writes {describe(character)} as a character reference "
            f"('{written}'): remove it"
        )
    return None


def holds_refused(text: str) -> bool:
    """Whether ``text`` holds a refused character (as ``FORBIDDEN.search`` tells), with the
    ranges beyond U+FFFF looked at only in a text that has characters there."""
    if _FORBIDDEN_IN_BMP.search(text) is not None:
        return True
    return not text.isascii() and max(text) > "\uffff" and FORBIDDEN.search(text) is not None


def refused_lines(path: str, text: str) -> tuple[str, list[Finding]]:
    """``text`` with every refused character replaced by U+FFFD, and a finding per line that
    held one, typed or as a character reference (the first few lines)."""
    if not holds_refused(text) and "&#" not in text:  # the common case: one scan
        return text, []
    bad = [
        (number, problem)
        for number, line in enumerate(text.split("\n"), 1)
        if (problem := first_refused(line)) is not None
    ]
    findings = [
        error(path, number, "OUT001", problem) for number, problem in bad[:MAX_LINES_REPORTED]
    ]
    if len(bad) > MAX_LINES_REPORTED:
        more = len(bad) - MAX_LINES_REPORTED
        findings.append(
            error(
                path,
                bad[MAX_LINES_REPORTED][0],
                "OUT001",
                f"{more} more line{'s' if more > 1 else ''} hold such characters: "
                "is this the right file?",
            )
        )
    return FORBIDDEN.sub(REPLACEMENT, text), findings


def refused_in_value(value: str) -> str | None:
    """What to do about a refused character a YAML escape wrote into ``value``, or None."""
    match = FORBIDDEN.search(value)
    if match is None:
        return None
    return (
        f"a value in double quotes writes {describe(match.group())} with a backslash escape "
        "(such as \\v, \\x01 or \\uFFFF): remove the escape"
    )
