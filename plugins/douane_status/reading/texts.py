"""Texts in two languages, and field names, as every content file has them (OUT002, P01).

Shared by the outage files, the systems file and the windows files. Every text loses the
invisible bidirectional controls here, when it is read, so no page, feed or file ever shows them.
"""

from __future__ import annotations

import difflib

from ..domain.check_messages import say
from ..domain.findings import Finding, error
from ..domain.model import Text
from . import yamlsource as y

TEXT_FIELDS = ("nl", "en")
# Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): invisible, they
# reorder the text around them (a date or a system name can be made to read backwards).
BIDI_CONTROLS = "".join(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
_BIDI_TABLE = dict.fromkeys(map(ord, BIDI_CONTROLS))


def without_bidi_controls(text: str) -> str:
    """The text without the invisible characters that reorder it on screen."""
    if text.isascii():  # most texts: ``isascii`` looks at a flag, ``translate`` at each character
        return text
    return text.translate(_BIDI_TABLE)


def is_blank(text: str) -> bool:
    """Whether nothing of the text is left once the site removes what it removes (P01)."""
    return not without_bidi_controls(text).strip()


def invisible_only(text: str) -> str:
    """What a P01 message adds when a text is not empty but only invisible characters."""
    if not text.strip():
        return ""
    return say("invisible_only")


def _only_invisible(value: y.Scalar | None) -> str:
    if value is not None and value.is_null and value.text:
        return say("null_word", word=value.text)
    return "" if value is None else invisible_only(value.text)


def suggest(name: str, known: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return say("did_you_mean", name=close[0]) if close else ""


def check_no_unknown_fields(
    path: str, mapping: y.Mapping, known: tuple[str, ...], where: str
) -> list[Finding]:
    """OUT002 (format): no unknown fields; a typo gets the closest known name suggested."""
    return [
        error(
            path,
            mapping.key_lines[name],
            "OUT002",
            say(
                "unknown_field",
                name=name,
                where=where,
                hint=suggest(name, known),
                known=", ".join(known),
            ),
        )
        for name in mapping.items
        if name not in known
    ]


def check_bilingual_text(
    path: str, label: str, node: y.Node, line: int
) -> tuple[Text | None, list[Finding]]:
    """P01 (afspraak 6): a text has a non-empty ``nl`` and ``en``. Returns the text when usable."""
    if isinstance(node, y.Scalar) and not node.is_null:
        return None, [
            error(
                path,
                line,
                "P01",
                say("one_text_only", label=label),
            )
        ]
    if not isinstance(node, y.Mapping):
        if isinstance(node, y.Scalar):  # empty
            return None, [error(path, line, "P01", say("texts_empty", label=label))]
        return None, [error(path, line, "OUT004", say("texts_not_list", label=label))]
    where = say("label_in", label=label)
    findings = check_no_unknown_fields(path, node, TEXT_FIELDS, where)
    text, text_findings = bilingual_fields(path, label, node, line)
    return text, findings + text_findings


def bilingual_fields(
    path: str, label: str, node: y.Mapping, line: int
) -> tuple[Text | None, list[Finding]]:
    """P01 for the ``nl`` and ``en`` fields of a mapping; other fields are not looked at."""
    findings: list[Finding] = []
    texts: dict[str, str] = {}
    for lang in ("nl", "en"):
        value = node.items.get(lang)
        if value is not None and not isinstance(value, y.Scalar):
            findings.append(
                error(
                    path,
                    value.line,
                    "OUT004",
                    say("text_not_text", label=label, lang=lang, kind=say(f"kind_{value.kind}")),
                )
            )
            continue
        # YAML's empty value (``~``, ``null``, nothing) is no text, as the web editor reads it
        text = "" if value is None or value.is_null else without_bidi_controls(value.text).strip()
        if not text:
            findings.append(
                error(
                    path,
                    node.key_lines.get(lang, line),
                    "P01",
                    say(
                        "no_text_in",
                        label=label,
                        language=say(f"lang_{lang}"),
                        lang=lang,
                        invisible=_only_invisible(value),
                    ),
                )
            )
        else:
            texts[lang] = text
    if len(texts) == 2:
        return Text(texts["nl"], texts["en"]), findings
    return None, findings
