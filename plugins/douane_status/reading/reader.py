"""Turn a source file's front matter into an ``Event``, reporting every format problem at once.

Each field is converted by the type the format gives it, never by what YAML guessed: ``no`` is a
boolean only in ``fallback_possible``, and ``10:30`` is never a number.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from ..domain.check_messages import say
from ..domain.findings import Finding, error
from ..domain.model import (
    LANGUAGES,
    Event,
    EventType,
    Fallback,
    Status,
    Text,
    Update,
)
from ..domain.timestamps import TimestampError, parse_timestamp
from . import yamlsource as y
from .markdown_cost import Cost, is_plain, markdown_cost, too_costly
from .source import SourceFile
from .texts import (
    TEXT_FIELDS as TEXT_FIELDS,
)
from .texts import (
    bilingual_fields,
    check_bilingual_text,
    check_no_unknown_fields,
    invisible_only,
    is_blank,
    without_bidi_controls,
)
from .texts import (
    suggest as suggest,
)

EVENT_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")  # in full: fullmatch, never match
MAX_TITLE = 200  # characters: a title is one line, as headings, feeds and calendars show it
TOP_FIELDS = (
    "type",
    "title",
    "systems",
    "announced",
    "start",
    "end",
    "fallback_possible",
    "follows",
    "cause",
    "process_changes",
    "buffered_messages",
    "updates",
)
UPDATE_FIELDS = ("at", "status", "next_update", "expected_end", "fallback", "nl", "en")
REQUIRED_FOR_ALL = ("type", "title", "systems", "start", "updates")
REQUIRED_FOR_PLANNED = ("announced", "end", "fallback_possible")
OPTIONAL_TEXTS = ("cause", "process_changes", "buffered_messages")
# The allowed values, spelled out once rather than for every field read.
EVENT_TYPES = tuple(EventType)
STATUSES = tuple(Status)
FALLBACKS = tuple(Fallback)


class _EventReader:
    """Collects findings while converting one file; a throwaway object per file."""

    def __init__(
        self, source: SourceFile, event_id: str, tz: ZoneInfo, system_ids: frozenset[str]
    ) -> None:
        self.path = source.path
        self.source = source
        self.event_id = event_id
        self.tz = tz
        self.system_ids = system_ids
        self.findings: list[Finding] = list(source.findings)
        self.ok = True

    def fail(self, line: int, code: str, message: str) -> None:
        self.findings.append(error(self.path, line, code, message))
        self.ok = False

    def extend(self, findings: list[Finding]) -> None:
        if findings:
            self.findings.extend(findings)
            self.ok = False

    # -- scalar conversions ------------------------------------------------------------------

    def scalar(self, node: y.Node, label: str) -> y.Scalar | None:
        if isinstance(node, y.Scalar) and not node.is_null and node.text.strip():
            return node
        if isinstance(node, y.Scalar):
            self.fail(node.line, "OUT003", say("empty", label=label))
        else:
            self.fail(
                node.line, "OUT004", say("not_single", label=label, kind=say(f"kind_{node.kind}"))
            )
        return None

    def timestamp(self, node: y.Node | None, label: str) -> dt.datetime | None:
        if node is None:
            return None
        scalar = self.scalar(node, label)
        if scalar is None:
            return None
        try:
            return parse_timestamp(scalar.text, self.tz)
        except TimestampError as exc:
            self.fail(scalar.line, exc.code, say("time", label=label, problem=exc.message))
            return None

    def choice(self, node: y.Node, label: str, allowed: tuple[str, ...]) -> str | None:
        scalar = self.scalar(node, label)
        if scalar is None:
            return None
        if scalar.text in allowed:
            return scalar.text
        wanted = scalar.text.strip().lower().replace("_", "-").replace(" ", "-")
        hint = (
            say("did_you_mean", name=wanted) if wanted in allowed else suggest(scalar.text, allowed)
        )
        message = say(
            "not_known", label=label, value=scalar.text, hint=hint, allowed=", ".join(allowed)
        )
        self.fail(scalar.line, "OUT004", message)
        return None

    def boolean(self, node: y.Node, label: str) -> bool | None:
        scalar = self.scalar(node, label)
        if scalar is None:
            return None
        value = y.is_bool_text(scalar)
        if value is None:
            self.fail(scalar.line, "OUT004", say("not_boolean", label=label, value=scalar.text))
        return value

    # -- the event ---------------------------------------------------------------------------

    def read(self) -> Event | None:
        front = self.source.front
        if front is None:
            self.ok = False
            return None
        if not EVENT_ID.fullmatch(self.event_id):
            self.fail(1, "OUT004", say("bad_file_name", id=self.event_id))
        self.extend(check_no_unknown_fields(self.path, front, TOP_FIELDS, ""))
        items, lines = front.items, dict(front.key_lines)
        event_type = self.event_type(front)
        title = self.title(items, lines)
        systems = self.systems(items.get("systems"))
        announced = self.timestamp(items.get("announced"), "announced")
        start = self.timestamp(items.get("start"), "start")
        end = self.timestamp(items.get("end"), "end")
        fallback_possible = (
            self.boolean(items["fallback_possible"], "fallback_possible")
            if "fallback_possible" in items
            else None
        )
        follows = None
        if "follows" in items:
            scalar = self.scalar(items["follows"], "follows")
            follows = scalar.text.strip() if scalar else None
        optional = {name: self.text(items, lines, name) for name in OPTIONAL_TEXTS if name in items}
        updates = self.updates(items.get("updates"), event_type, lines)
        body = self.body()
        self.check_markdown_cost(optional, updates, body, lines)

        if not self.ok or event_type is None or title is None or start is None or body is None:
            return None
        for index, update in enumerate(updates, start=1):
            lines[f"updates.{index}"] = update.line
        return Event(
            id=self.event_id,
            path=self.path,
            type=event_type,
            title=title,
            systems=systems,
            start=start,
            end=end,
            announced=announced,
            fallback_possible=fallback_possible,
            follows=follows,
            cause=optional.get("cause"),
            process_changes=optional.get("process_changes"),
            buffered_messages=optional.get("buffered_messages"),
            updates=tuple(updates),
            body=body,
            lines=lines,
        )

    def event_type(self, front: y.Mapping) -> EventType | None:
        """The event's type, after checking that the fields it requires are there."""
        event_type = None
        if "type" in front.items:
            chosen = self.choice(front.items["type"], "type", EVENT_TYPES)
            event_type = EventType(chosen) if chosen else None
        planned = event_type is not None and event_type.is_planned
        for name in REQUIRED_FOR_ALL + (REQUIRED_FOR_PLANNED if planned else ()):
            if name not in front.items:
                what = say("for_type", type=event_type) if name in REQUIRED_FOR_PLANNED else ""
                self.fail(front.line, "OUT003", say("missing_field", name=name, what=what))
        return event_type

    def text(self, items: dict[str, y.Node], lines: dict[str, int], name: str) -> Text | None:
        if name not in items:
            return None
        text, findings = check_bilingual_text(self.path, name, items[name], lines[name])
        self.extend(findings)
        return text

    def title(self, items: dict[str, y.Node], lines: dict[str, int]) -> Text | None:
        """The title: one line of at most ``MAX_TITLE`` characters in each language (OUT004)."""
        title = self.text(items, lines, "title")
        node = items.get("title")
        if title is None or not isinstance(node, y.Mapping):
            return title
        for lang in LANGUAGES:
            line = node.key_lines.get(lang, lines["title"])
            if "\n" in title[lang]:
                self.fail(line, "OUT004", say("title_lines", lang=lang))
            elif len(title[lang]) > MAX_TITLE:
                count = len(title[lang])
                self.fail(
                    line, "OUT004", say("title_length", lang=lang, count=count, most=MAX_TITLE)
                )
        return title

    def check_markdown_cost(
        self,
        optional: dict[str, Text | None],
        updates: list[Update],
        body: Text | None,
        lines: dict[str, int],
    ) -> None:
        """OUT008 (format): the file's Markdown renders quickly; every text is counted once."""
        texts = [(lines[name], text) for name, text in optional.items() if text is not None]
        texts += [(update.line, update.text) for update in updates]
        by_line = [(line, text[lang]) for line, text in texts for lang in LANGUAGES]
        if body is not None:
            by_line += [(self.source.body[lang].line, body[lang]) for lang in LANGUAGES]
        total, seen = Cost(), set[str]()
        for line, text in by_line:
            if text in seen:
                continue
            seen.add(text)
            if is_plain(text):
                continue  # never given to Markdown: it costs nothing (most texts)
            total += markdown_cost(text)
            problem = too_costly(total)
            if problem is not None:
                self.fail(line, "OUT008", problem)
                return

    def systems(self, node: y.Node | None) -> tuple[str, ...]:
        if node is None:
            return ()
        entries = node.items if isinstance(node, y.Sequence) else [node]
        if not entries:
            self.fail(node.line, "OUT003", say("systems_empty"))
        result: list[str] = []
        for entry in entries:
            scalar = self.scalar(entry, say("label_systems_entry"))
            if scalar is None:
                continue
            for system_id in (s.strip() for s in scalar.text.split(",")):
                if system_id not in self.system_ids:
                    known = tuple(sorted(self.system_ids))
                    hint = suggest(system_id, known)
                    message = say("unknown_system", id=system_id, hint=hint, known=", ".join(known))
                    self.fail(scalar.line, "OUT004", message)
                elif system_id in result:
                    self.fail(scalar.line, "OUT004", say("system_twice", id=system_id))
                else:
                    result.append(system_id)
        return tuple(result)

    def updates(
        self, node: y.Node | None, event_type: EventType | None, lines: dict[str, int]
    ) -> list[Update]:
        if node is None:
            return []
        if not isinstance(node, y.Sequence):
            self.fail(lines.get("updates", node.line), "OUT004", say("updates_not_list"))
            return []
        if not node.items:
            self.fail(node.line, "OUT003", say("updates_empty"))
        # A known status of the other type is OUT006 (rules.format_rules), not an unknown value.
        result = []
        for number, entry in enumerate(node.items, start=1):
            update = self.update(number, entry, STATUSES)
            if update is not None:
                result.append(update)
        return result

    def update(self, number: int, node: y.Node, allowed: tuple[str, ...]) -> Update | None:
        label = say("label_update", number=number, line=node.line)
        if not isinstance(node, y.Mapping):
            self.fail(node.line, "OUT004", say("update_not_fields", label=label))
            return None
        where = say("label_in", label=label)
        self.extend(check_no_unknown_fields(self.path, node, UPDATE_FIELDS, where))
        items = node.items
        for name in ("at", "status"):
            if name not in items:
                self.fail(node.line, "OUT003", say("update_lacks", label=label, name=name))
        at = self.timestamp(items.get("at"), f"{label} at")
        status_text = (
            self.choice(items["status"], f"{label} status", allowed) if "status" in items else None
        )
        status = Status(status_text) if status_text else None
        next_update = self.timestamp(items.get("next_update"), f"{label} next_update")
        expected_end = self.timestamp(items.get("expected_end"), f"{label} expected_end")
        fallback = None
        if "fallback" in items:
            chosen = self.choice(items["fallback"], f"{label} fallback", FALLBACKS)
            fallback = Fallback(chosen) if chosen else None
        if status is Status.OVERRUN and "expected_end" not in items:
            self.fail(node.line, "OUT003", say("overrun_without_end", label=label))
        # the update's own 'nl' and 'en' are its text; its other fields were checked above
        text, findings = bilingual_fields(self.path, label, node, node.line)
        self.extend(findings)
        if at is None or status is None or text is None:
            return None
        return Update(number, node.line, at, status, text, next_update, expected_end, fallback)

    def body(self) -> Text | None:
        blocks = self.source.body
        missing = [lang for lang in LANGUAGES if lang not in blocks or is_blank(blocks[lang].text)]
        for lang in missing:
            line = blocks[lang].line if lang in blocks else self.source.body_line
            invisible = invisible_only(blocks[lang].text) if lang in blocks else ""
            message = say(
                "body_lacks", language=say(f"lang_{lang}"), lang=lang, invisible=invisible
            )
            self.fail(line, "P01", message)
        if missing:
            return None
        return Text(
            without_bidi_controls(blocks["nl"].text), without_bidi_controls(blocks["en"].text)
        )


def read_event(
    source: SourceFile, event_id: str, tz: ZoneInfo, system_ids: frozenset[str]
) -> tuple[Event | None, list[Finding]]:
    """Convert one file (OUT001-OUT005, P01). The event is None when it has any error."""
    reader = _EventReader(source, event_id, tz, system_ids)
    event = reader.read()
    return event, reader.findings
