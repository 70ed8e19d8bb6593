"""The phrasebook (``content/phrases.yaml``): the standard sentences, in Dutch and English.

Read with ``yamlsource`` like every other content file. A mistake in it (a missing phrase, one
language only, an unknown placeholder) is a finding with the file and line, from the check and
the build alike, so operators can change the wording without being able to break a message under
time pressure.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..domain.errors import PhrasebookError
from ..domain.findings import Finding, error
from ..domain.model import LANGUAGES, EventType, Fallback, Lang, Status, Text
from . import yamlsource as y
from .source import decode, display_path
from .texts import check_bilingual_text, check_no_unknown_fields

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
    """The phrasebook, or PhrasebookError naming every mistake with its line."""
    book, findings = read_phrasebook(content_dir, root)
    if book is None:
        raise PhrasebookError("\n".join(f"{f.file}:{f.line}: {f.message}" for f in findings))
    return book


def read_phrasebook(content_dir: Path, root: Path) -> tuple[Phrasebook | None, list[Finding]]:
    """The phrasebook and the findings about it (the check reports them like any file's)."""
    path = content_dir / PHRASES_FILE
    shown = display_path(path, root)
    if path.is_symlink() and not path.resolve().is_relative_to(_repository(path, root)):
        return None, [
            error(
                shown,
                1,
                "OUT004",
                f"{shown} is a link to outside the project, which is never followed: "
                "put the file itself here",
            )
        ]
    if not path.is_file():
        return None, [
            error(
                shown,
                1,
                "OUT003",
                f"{shown} is missing: the standard sentences live there (restore it from git)",
            )
        ]
    return parse_phrases(shown, path.read_bytes())


def _repository(path: Path, root: Path) -> Path:
    """The git work tree ``path`` lies in (a link may point anywhere inside it), else ``root``."""
    for folder in path.absolute().parents:
        if (folder / ".git").exists():
            return folder.resolve()
    return root.resolve()


def parse_phrasebook(shown: str, data: bytes) -> Phrasebook:
    book, findings = parse_phrases(shown, data)
    if book is None:
        raise PhrasebookError("\n".join(f"{f.file}:{f.line}: {f.message}" for f in findings))
    return book


def parse_phrases(shown: str, data: bytes) -> tuple[Phrasebook | None, list[Finding]]:
    """Every mistake in a phrasebook's bytes, with its line (OUT001-OUT004, P01)."""
    text, findings = decode(shown, data)
    if text is None:
        return None, findings
    try:
        root = y.load(text)
    except y.YamlError as exc:
        return None, [error(shown, exc.line, "OUT001", exc.message)]
    if not isinstance(root, y.Mapping):
        what = "empty" if root is None else "not a list of sections"
        line = 1 if root is None else root.line
        return None, [
            error(
                shown, line, "OUT001", f"the phrasebook is {what}: it has the sections {_known()}"
            )
        ]
    phrases: dict[tuple[str, str], Phrase] = {}
    findings.extend(check_no_unknown_fields(shown, root, tuple(SECTIONS), ""))
    for section, keys in SECTIONS.items():
        node = root.items.get(section)
        if node is None:
            findings.append(error(shown, root.line, "OUT003", f"section '{section}:' is missing"))
            continue
        if not isinstance(node, y.Mapping):
            line = root.key_lines[section]
            findings.append(
                error(shown, line, "OUT004", f"section '{section}:' must hold its phrases")
            )
            continue
        findings.extend(check_no_unknown_fields(shown, node, keys, f" in {section}"))
        for key in keys:
            phrase = _phrase(shown, node, section, key, findings)
            if phrase is not None:
                phrases[(section, key)] = phrase
    if findings:
        return None, findings
    return Phrasebook(shown, phrases), []


def _phrase(
    shown: str, section_node: y.Mapping, section: str, key: str, findings: list[Finding]
) -> Phrase | None:
    node = section_node.items.get(key)
    if node is None:
        findings.append(
            error(
                shown,
                section_node.line,
                "OUT003",
                f"phrase '{key}' is missing in {section}: add '{key}:' with 'nl:' and 'en:'",
            )
        )
        return None
    line = section_node.key_lines[key]
    text, found = check_bilingual_text(shown, f"{section}.{key}", node, line)
    findings.extend(found)
    if text is None or not isinstance(node, y.Mapping):
        return None
    fields: set[str] = set()
    for lang in LANGUAGES:
        try:
            fields |= _placeholders(text[lang])
        except ValueError as exc:
            where = node.key_lines.get(lang, line)
            findings.append(error(shown, where, "OUT004", f"{section}.{key} {lang}: {exc}"))
            return None
    return Phrase(text, line, frozenset(fields))


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
        known = ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)
        if name not in PLACEHOLDERS:
            raise ValueError(f"unknown placeholder '{{{name}}}'; known: {known}")
        if spec or conversion:
            written = (
                f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}"
            )
            raise ValueError(
                f"placeholder '{written}' has a conversion or format: write it plain, '{{{name}}}'"
            )
        used.add(name)
    return used


def _known() -> str:
    return ", ".join(f"'{s}:'" for s in SECTIONS)
