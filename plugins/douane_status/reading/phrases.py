"""The phrasebook (``content/phrases.yaml``): the standard sentences, in Dutch and English.

Read with ``yamlsource`` like every other content file. A mistake in it (a missing phrase, one
language only, an unknown placeholder) is refused with the file and line, so operators can change
the wording without being able to break a message under time pressure.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..domain.errors import PhrasebookError
from ..domain.model import LANGUAGES, EventType, Fallback, Lang, Status, Text
from . import yamlsource as y
from .source import decode, display_path

PHRASES_FILE = "phrases.yaml"
PLACEHOLDERS = ("systems", "processes", "start", "end", "next_update", "expected_end")
SENTENCES = (
    "next_update",
    "messages_buffered",
    "fallback_possible",
    "fallback_not_possible",
    "buffered_messages",
)
# The title of a disruption once the systems are not available at all (`invoke update --down`).
TITLE_NOT_AVAILABLE = "disruption-not-available"
SECTIONS: dict[str, tuple[str, ...]] = {
    "titles": (*EventType, TITLE_NOT_AVAILABLE),
    "bodies": tuple(EventType),
    "statuses": tuple(Status),
    "fallback": tuple(Fallback),
    "sentences": SENTENCES,
}


@dataclass(frozen=True)
class Phrase:
    text: Text
    line: int
    fields: frozenset[str]  # the placeholders it uses


@dataclass(frozen=True)
class Phrasebook:
    path: str
    phrases: Mapping[tuple[str, str], Phrase]

    def fill(self, section: str, key: str, values: Mapping[str, Text]) -> Text:
        """The phrase with its placeholders filled in, in both languages."""
        phrase = self.phrases[(section, key)]
        missing = sorted(phrase.fields - set(values))
        if missing:
            raise PhrasebookError(
                f"{self.path}:{phrase.line}: the phrase {section}.{key} uses "
                f"{{{missing[0]}}}, which has no value in this message: remove it from the phrase"
            )
        texts = {
            lang: phrase.text[lang].format_map({name: values[name][lang] for name in phrase.fields})
            for lang in LANGUAGES
        }
        return Text(texts["nl"], texts["en"])

    def as_dict(self) -> dict[str, dict[str, dict[Lang, str]]]:
        """Plain data (for the web editor): section → key → language → template."""
        result: dict[str, dict[str, dict[Lang, str]]] = {}
        for (section, key), phrase in self.phrases.items():
            result.setdefault(section, {})[key] = {lang: phrase.text[lang] for lang in LANGUAGES}
        return result


def load_phrasebook(content_dir: Path, root: Path) -> Phrasebook:
    path = content_dir / PHRASES_FILE
    shown = display_path(path, root)
    if not path.is_file():
        raise PhrasebookError(
            f"{shown} is missing: the standard sentences live there (copy it from the repository)"
        )
    return parse_phrasebook(shown, path.read_bytes())


def parse_phrasebook(shown: str, data: bytes) -> Phrasebook:
    text, findings = decode(shown, data)
    if text is None:
        raise PhrasebookError(findings[0].as_text())
    try:
        root = y.load(text)
    except y.YamlError as exc:
        raise PhrasebookError(f"{shown}:{exc.line}: {exc.message}") from None
    if not isinstance(root, y.Mapping):
        raise PhrasebookError(f"{shown}:1: the phrasebook must have the sections {_known()}")
    problems: list[str] = []
    phrases: dict[tuple[str, str], Phrase] = {}
    _unknown(shown, root, tuple(SECTIONS), "", problems)
    for section, keys in SECTIONS.items():
        node = root.items.get(section)
        if not isinstance(node, y.Mapping):
            line = root.key_lines.get(section, 1)
            problems.append(f"{shown}:{line}: section '{section}:' is missing or not a mapping")
            continue
        _unknown(shown, node, keys, f" in {section}", problems)
        for key in keys:
            phrase = _phrase(shown, node, section, key, problems)
            if phrase is not None:
                phrases[(section, key)] = phrase
    if problems:
        raise PhrasebookError("\n".join(problems))
    return Phrasebook(shown, phrases)


def _phrase(
    shown: str, section_node: y.Mapping, section: str, key: str, problems: list[str]
) -> Phrase | None:
    node = section_node.items.get(key)
    if node is None:
        problems.append(f"{shown}:{section_node.line}: phrase '{key}' is missing in {section}")
        return None
    line = section_node.key_lines[key]
    if not isinstance(node, y.Mapping):
        problems.append(f"{shown}:{line}: {section}.{key} needs 'nl:' and 'en:' texts")
        return None
    _unknown(shown, node, LANGUAGES, f" in {section}.{key}", problems)
    texts: dict[str, str] = {}
    fields: set[str] = set()
    for lang in LANGUAGES:
        value = node.items.get(lang)
        where = node.key_lines.get(lang, line)
        if not isinstance(value, y.Scalar) or value.is_null or not value.text.strip():
            problems.append(f"{shown}:{where}: {section}.{key} has no '{lang}:' text")
            continue
        try:
            used = _placeholders(value.text)
        except ValueError as exc:
            problems.append(f"{shown}:{where}: {section}.{key} {lang}: {exc}")
            continue
        texts[lang] = value.text.strip()
        fields |= used
    if len(texts) != len(LANGUAGES):
        return None
    return Phrase(Text(texts["nl"], texts["en"]), line, frozenset(fields))


def _placeholders(template: str) -> set[str]:
    """The placeholder names of a template; only plain ``{name}`` of a known name is allowed."""
    used = set()
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        raise ValueError("unbalanced '{' or '}': write a literal brace as '{{' or '}}'") from None
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            raise ValueError(
                f"unknown placeholder '{{{name}}}'; known: "
                + ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)
            )
        used.add(name)
    return used


def _unknown(
    shown: str, node: y.Mapping, known: tuple[str, ...], where: str, problems: list[str]
) -> None:
    for name in node.items:
        if name not in known:
            problems.append(
                f"{shown}:{node.key_lines[name]}: unknown key '{name}'{where}; "
                f"known: {', '.join(known)}"
            )


def _known() -> str:
    return ", ".join(f"'{s}:'" for s in SECTIONS)
