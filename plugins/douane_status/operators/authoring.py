"""Write outage files for operators: a new event, one more update, a field added at the end.

Pure functions from facts to text. Changing a file is always an insertion: the new update goes
right after the last line of the timeline and a new field right before the closing ``---``, so
comments, order and layout of everything already there stay byte for byte. Positions come from
PyYAML's marks on the unchanged text; nothing is re-serialised.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import yaml

from ..domain.errors import UsageError
from ..domain.model import LANGUAGES, Catalog, EventType, Fallback, Lang, Status, Text
from ..domain.timestamps import TimestampError, localize
from ..presentation import i18n

try:  # same parser as yamlsource, so both agree on where things are
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

# The word for each type in a new event's id: ids appear in Dutch page addresses.
ID_WORDS: dict[EventType, str] = {
    EventType.DISRUPTION: "verstoring",
    EventType.MAINTENANCE: "onderhoud",
    EventType.RELEASE: "release",
    EventType.UNPLANNED_MAINTENANCE: "ongepland-onderhoud",
}
# The number after a taken id (see new_event_id).
FIRST_REPEAT_NUMBER = 1
# The order of an update's fields in the documented example: what happens, then what is promised.
UPDATE_ORDER = ("at", "status", "fallback", "next_update", "expected_end", "nl", "en")
_FENCE = re.compile(r"^---\s*$")
_END = re.compile(r"^(---|\.\.\.)\s*$")
_STR_TAG = "tag:yaml.org,2002:str"
# Characters YAML does not allow raw, or reads as a line break inside quotes: escape them.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class NewUpdate:
    at: dt.datetime
    status: Status
    text: Text
    next_update: dt.datetime | None = None
    expected_end: dt.datetime | None = None
    fallback: Fallback | None = None


@dataclass(frozen=True)
class NewEvent:
    type: EventType
    title: Text
    systems: tuple[str, ...]
    start: dt.datetime
    body: Text
    first_update: NewUpdate
    end: dt.datetime | None = None
    announced: dt.datetime | None = None
    fallback_possible: bool | None = None
    follows: str | None = None


# -- values as written in a file ----------------------------------------------------------------


def file_time(moment: dt.datetime, tz: ZoneInfo) -> str:
    """``YYYY-MM-DD HH:MM`` in ``tz``; with the offset when that wall-clock time is ambiguous."""
    local = moment.astimezone(tz)
    pattern = "%Y-%m-%d %H:%M:%S" if local.second else "%Y-%m-%d %H:%M"
    text = local.strftime(pattern)
    try:
        localize(local.replace(tzinfo=None, fold=0), tz)
    except TimestampError:  # the autumn hour that happens twice (OUT005)
        offset = local.strftime("%z")
        return f"{text}{offset[:3]}:{offset[3:]}"
    return text


def yaml_scalar(text: str) -> str:
    """The text as a YAML value that reads back as exactly this string.

    Plain when YAML would read it unchanged as a string; otherwise JSON's double-quoted form,
    which is valid YAML (a title with ': ' or '#', a message that starts with a quote).
    """
    if text and text == text.strip() and "\n" not in text and "\r" not in text:
        try:
            node = yaml.compose(f"k: {text}", Loader=_Loader)
        except yaml.YAMLError:
            node = None
        if isinstance(node, yaml.MappingNode) and len(node.value) == 1:
            value = node.value[0][1]
            if (
                isinstance(value, yaml.ScalarNode)
                and not value.style  # plain (the C parser says "", PyYAML None)
                and value.tag == _STR_TAG
                and value.value == text
            ):
                return text
    return json_quoted(text)


def json_quoted(text: str) -> str:
    """JSON's double-quoted form of ``text``, which YAML reads back as exactly this string."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", quoted)


def minute(moment: dt.datetime) -> dt.datetime:
    return moment.replace(second=0, microsecond=0)


# -- ids and placeholder values ------------------------------------------------------------------


def new_event_id(
    event_type: EventType, systems: Sequence[str], day: dt.date, taken: Iterable[str]
) -> str:
    """``<date>-<systems>-<type word>``; when that id is used, ``-1``, ``-2`` … (OUT007).

    The numbering is the web editor's: Decap CMS makes a taken file name unique by appending
    ``-1``, ``-2`` … (``generateUniqueSlug`` in decap-cms-core), so the second event of a day has
    the same id whether the command line or the editor wrote it.
    """
    base = f"{day.isoformat()}-{'-'.join(systems)}-{ID_WORDS[event_type]}"[:96].rstrip("-")
    used = set(taken)
    candidate, number = base, FIRST_REPEAT_NUMBER
    while candidate in used:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def join_words(items: Sequence[str], lang: Lang) -> str:
    """'A', 'A en B', 'A, B en C' (English: 'and')."""
    if len(items) <= 1:
        return "".join(items)
    word = " en " if lang == "nl" else " and "
    return ", ".join(items[:-1]) + word + items[-1]


def placeholder_values(
    catalog: Catalog,
    systems: Sequence[str],
    tz: ZoneInfo,
    *,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    at: dt.datetime | None = None,
    next_update: dt.datetime | None = None,
    expected_end: dt.datetime | None = None,
) -> dict[str, Text]:
    """The phrasebook's placeholders that have a value for this message."""

    def both(make: object) -> Text:
        assert callable(make)
        return Text(make("nl"), make("en"))

    found = [catalog.system(s) for s in systems]
    values = {
        "systems": both(lambda lang: join_words([s.short for s in found], lang)),
        "processes": both(
            lambda lang: join_words(
                [
                    f"{', '.join(catalog.process(p).name[lang] for p in s.processes)} ({s.short})"
                    for s in found
                ],
                lang,
            )
        ),
    }
    for name, moment in (("start", start), ("end", end), ("expected_end", expected_end)):
        if moment is not None:
            values[name] = both(lambda lang, m=moment: i18n.format_moment(m, lang, tz))
    if next_update is not None:
        same_day = at is not None and (
            at.astimezone(tz).date() == next_update.astimezone(tz).date()
        )
        values["next_update"] = both(
            lambda lang: (
                i18n.format_clock(next_update, tz)
                if same_day
                else i18n.format_moment(next_update, lang, tz)
            )
        )
    return values


def join_texts(parts: Sequence[Text]) -> Text:
    return Text(" ".join(p.nl for p in parts), " ".join(p.en for p in parts))


# -- a new file ----------------------------------------------------------------------------------


def render_event(event: NewEvent, tz: ZoneInfo) -> str:
    """The whole file of a new event, in the documented field order."""
    lines = ["---", f"type: {event.type}", *_text_field("title", event.title, "")]
    lines.append(f"systems: [{', '.join(event.systems)}]")
    if event.announced is not None:
        lines.append(f"announced: {file_time(event.announced, tz)}")
    lines.append(f"start: {file_time(event.start, tz)}")
    if event.end is not None:
        lines.append(f"end: {file_time(event.end, tz)}")
    if event.fallback_possible is not None:
        lines.append(f"fallback_possible: {'true' if event.fallback_possible else 'false'}")
    if event.follows is not None:
        lines.append(f"follows: {event.follows}")
    lines.append("updates:")
    lines.extend(update_lines(event.first_update, tz, dash_column=2, key_column=4))
    lines.append("---")
    for lang in LANGUAGES:
        lines.extend([f"::: {lang}", event.body[lang].strip(), ":::", ""])
    return "\n".join(lines[:-1]) + "\n"


def update_lines(
    update: NewUpdate, tz: ZoneInfo, *, dash_column: int, key_column: int
) -> list[str]:
    """One update as block-list lines (no line ends), indented like its neighbours."""
    values: dict[str, str | None] = {
        "at": file_time(update.at, tz),
        "status": str(update.status),
        "fallback": None if update.fallback is None else str(update.fallback),
        "next_update": None if update.next_update is None else file_time(update.next_update, tz),
        "expected_end": (
            None if update.expected_end is None else file_time(update.expected_end, tz)
        ),
        **{lang: yaml_scalar(update.text[lang]) for lang in LANGUAGES},
    }
    fields = [(name, values[name]) for name in UPDATE_ORDER if values[name] is not None]
    gap = max(key_column - dash_column - 1, 1)
    first = " " * dash_column + "-" + " " * gap
    rest = " " * (dash_column + 1 + gap)
    return [f"{first if i == 0 else rest}{key}: {value}" for i, (key, value) in enumerate(fields)]


def _text_field(name: str, text: Text, indent: str) -> list[str]:
    return [f"{indent}{name}:"] + [
        f"{indent}  {lang}: {yaml_scalar(text[lang])}" for lang in LANGUAGES
    ]


# -- changing an existing file by insertion only ----------------------------------------------


@dataclass(frozen=True)
class FrontMatter:
    bom: str
    lines: list[str]  # the file's lines with their line ends, BOM removed
    first: int  # index of the first YAML line (after the opening ---)
    close: int  # index of the closing --- line
    root: yaml.MappingNode
    newline: str

    def value(self, name: str) -> yaml.Node | None:
        for key, value in self.root.value:
            if isinstance(key, yaml.ScalarNode) and key.value == name:
                assert isinstance(value, yaml.Node)
                return value
        return None

    def insert(self, index: int, new_lines: Sequence[str]) -> str:
        block = "".join(line + self.newline for line in new_lines)
        return self.bom + "".join(self.lines[:index]) + block + "".join(self.lines[index:])


def front_matter(text: str, shown: str) -> FrontMatter:
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom) :]
    lines = re.findall(r"[^\n]*\n|[^\n]+$", body)
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None or not _FENCE.match(lines[start].rstrip("\r\n")):
        raise UsageError(f"{shown} does not start with a '---' front matter block: fix it first")
    close = next(
        (i for i in range(start + 1, len(lines)) if _END.match(lines[i].rstrip("\r\n"))), None
    )
    if close is None:
        raise UsageError(f"{shown}: the front matter is not closed with '---': fix it first")
    try:
        root = yaml.compose("".join(lines[start + 1 : close]), Loader=_Loader)
    except yaml.YAMLError:
        raise UsageError(f"{shown}: the front matter is not valid YAML: fix it first") from None
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise UsageError(f"{shown}: the front matter must be 'name: value' lines")
    newline = "\r\n" if lines[start].endswith("\r\n") else "\n"
    return FrontMatter(bom, lines, start + 1, close, root, newline)


def last_line(node: yaml.Node, lines: Sequence[str]) -> int:
    """The last line (0-based, in the YAML text) that holds part of ``node``."""
    if isinstance(node, yaml.ScalarNode):
        end = node.end_mark
        if node.style not in ("|", ">") or end.column != 0:
            return end.line
        # A block scalar ends at the start of the line after it, blank lines included; those
        # belong to the value only with '+' (keep) in its header.
        last = end.line - 1
        header = lines[node.start_mark.line][node.start_mark.column :].split()[0]
        while "+" not in header and last > node.start_mark.line and not lines[last].strip():
            last -= 1
        return last
    assert isinstance(node, yaml.CollectionNode)
    if node.flow_style:
        return node.end_mark.line
    if isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    else:
        children = list(node.value)
    return max((last_line(child, lines) for child in children), default=node.start_mark.line)


def append_update(text: str, update: NewUpdate, tz: ZoneInfo, shown: str) -> str:
    """``text`` with ``update`` inserted after the last update; every other byte unchanged."""
    front = front_matter(text, shown)
    updates = front.value("updates")
    if not isinstance(updates, yaml.SequenceNode) or not updates.value:
        raise UsageError(f"{shown} has no list of updates ('updates:' with '- at: …' items)")
    if updates.flow_style:
        raise UsageError(
            f"{shown}: 'updates' is written in [ ] brackets; write it as a block list, one "
            "'- at: …' item per update, then try again"
        )
    first = updates.value[0]
    line = front.lines[front.first + first.start_mark.line]
    dash = line.rfind("-", 0, first.start_mark.column)
    block_mapping = isinstance(first, yaml.MappingNode) and not first.flow_style
    key_column = first.start_mark.column if block_mapping and dash >= 0 else max(dash, 0) + 2
    if dash < 0:
        dash = max(key_column - 2, 0)
    index = front.first + last_line(updates.value[-1], front.lines[front.first :]) + 1
    new_lines = update_lines(update, tz, dash_column=dash, key_column=key_column)
    return front.insert(index, new_lines)


def append_text_field(text: str, name: str, value: Text, shown: str) -> str:
    """``text`` with a new top-level ``name: {nl, en}`` field right before the closing ``---``."""
    front = front_matter(text, shown)
    if front.value(name) is not None:
        raise UsageError(f"{shown} already has '{name}'")
    indent = " " * front.root.start_mark.column
    return front.insert(front.close, _text_field(name, value, indent))


def current_updates(text: str, shown: str) -> int:
    """How many updates the file lists (a cheap sanity check after an insertion)."""
    updates = front_matter(text, shown).value("updates")
    return len(updates.value) if isinstance(updates, yaml.SequenceNode) else 0


def last_update_lines(text: str, shown: str) -> tuple[int, int]:
    """The file's lines (1-based, first and last) that hold the last update."""
    front = front_matter(text, shown)
    updates = front.value("updates")
    if not isinstance(updates, yaml.SequenceNode) or not updates.value:
        raise UsageError(f"{shown} has no list of updates ('updates:' with '- at: …' items)")
    last = updates.value[-1]
    first_line = front.first + last.start_mark.line + 1
    return first_line, front.first + last_line(last, front.lines[front.first :]) + 1
