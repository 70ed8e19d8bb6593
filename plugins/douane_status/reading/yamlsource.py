"""YAML read as text with line numbers, so the format decides what a value means.

PyYAML's own constructors turn ``no`` into False, ``10:30`` into 630 and ``2026-12-06`` into a
date. Operators do not mean that, so every scalar is kept as the text that was written, with its
line, and the event reader converts it according to the field it stands in. Aliases are refused
(nobody needs them in an outage file, and they are how "billion laughs" documents blow up), as are
merge keys and nesting or sizes no content file has.

The text is read in one pass over the C parser's events (``_Reader``); the errors, their lines
and which of several wins are those of PyYAML's composer, which ``tests/test_yamlsource.py`` holds
the reading to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, Union

import yaml
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
)

try:  # the C parser is much faster; the pure-Python one gives the same nodes
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from .characters import refused_in_value

_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"
_MERGE_TAG = "tag:yaml.org,2002:merge"
# The tag PyYAML gives an untagged (or "!") scalar; typed here, as PyYAML leaves it untyped
_resolve_tag: Callable[[type[yaml.Node], str, tuple[bool, bool]], str] = (
    yaml.resolver.Resolver().resolve
)
_QUOTED_STYLES = ("'", '"', "|", ">")
# The plain (unquoted, untagged) scalars YAML 1.1 resolves to null, and to a merge key; a test
# holds them to PyYAML's resolver.
_NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
NULL_WORDS = tuple(sorted(_NULL_WORDS))  # for the web editor's checker
_MERGE_WORD = "<<"
MAX_NODES = 20_000
MAX_DEPTH = 20


class _Mark(Protocol):
    """A place in the text, as PyYAML's parsers (pure Python or C) mark it; 0-based."""

    line: int
    column: int


class YamlError(ValueError):
    """The YAML cannot be read; ``line`` and ``column`` are 1-based within the YAML text."""

    def __init__(self, message: str, line: int, column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass(frozen=True)
class Scalar:
    text: str
    line: int
    quoted: bool
    is_null: bool = False

    @property
    def kind(self) -> str:
        return "empty" if self.is_null else "text"


@dataclass(frozen=True)
class Mapping:
    line: int
    items: dict[str, Node] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)

    kind = "mapping"


@dataclass(frozen=True)
class Sequence:
    line: int
    items: list[Node] = field(default_factory=list)

    kind = "list"


Node = Union[Scalar, Mapping, Sequence]  # noqa: UP007  (a runtime alias)


def load(text: str, first_line: int = 1) -> Node | None:
    """Parse one YAML document into line-numbered nodes; ``first_line`` offsets the lines."""
    return _Reader(text, first_line).read()


class _Stop(Exception):
    """The document has a mistake; the rest of the text is still read for one that wins over it."""

    def __init__(self, error: YamlError, by_composer: bool) -> None:
        super().__init__(error.message)
        self.error = error
        self.by_composer = by_composer  # PyYAML's composer would find it (else: the reading)


@dataclass
class _Anchored:
    """What an anchor names, as far as an alias to it can matter."""

    line: int
    scalar: Scalar | None  # None: a list or mapping
    is_merge: bool  # tagged, or written, as a merge key
    read: bool  # already read as a value (a key is not)


class _Reader:
    """One pass over the C parser's events, building the nodes as it goes.

    The errors, and which of several wins, are PyYAML's: its composer reads a document, then the
    nodes are checked. So a syntax error, or nesting deeper than ``MAX_DEPTH``, wins wherever it
    is; then what the composer refuses (an undefined alias, an anchor defined twice, a second
    document); then the first mistake in the nodes (an alias used, a merge key, a field name that
    is not a scalar, a field twice, more than ``MAX_NODES`` values). On the first mistake the
    reader stops building and reads on only for a mistake that wins over it. PyYAML's quirks stay:
    an alias of a field name is accepted, as is an anchor nobody uses.
    """

    def __init__(self, text: str, first_line: int) -> None:
        self.text = text
        self.offset = first_line
        self.nodes = 0
        self.depth = 0
        self.anchors: dict[str, _Anchored] = {}

    def read(self) -> Node | None:
        loader = _Loader(self.text)
        self.next_event: Callable[[], Any] = loader.get_event
        try:
            try:
                return self.document()
            except _Stop as stop:
                raise self.read_on(stop) from None
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            raise self.error(exc.problem or exc.context or "invalid YAML", mark) from None
        except yaml.YAMLError as exc:
            raise YamlError(f"invalid YAML: {exc}", self.offset) from None
        finally:
            loader.dispose()

    def document(self) -> Node | None:
        self.next_event()  # StreamStartEvent
        if type(self.next_event()) is StreamEndEvent:
            return None
        root = self.value(self.next_event(), None)
        self.next_event()  # DocumentEndEvent
        event = self.next_event()
        if type(event) is not StreamEndEvent:
            raise _Stop(self.error("but found another document", event.start_mark), True)
        return root

    def read_on(self, stop: _Stop) -> YamlError:
        """Read the rest of the text after ``stop``; the error that wins (syntax errors raise)."""
        composer_error = stop.error if stop.by_composer else None
        watching = not stop.by_composer  # the composer still reads the first document
        while type(event := self.next_event()) is not StreamEndEvent:
            if isinstance(event, CollectionStartEvent):
                self.enter(event)
            elif type(event) in (MappingEndEvent, SequenceEndEvent):
                self.depth -= 1
            if watching and type(event) is not DocumentEndEvent:
                composer_error = self.composer_check(event)
                watching = composer_error is None
        return composer_error or stop.error

    def composer_check(self, event: yaml.Event) -> YamlError | None:
        if type(event) is DocumentStartEvent:
            return self.error("but found another document", event.start_mark)
        try:
            if type(event) is AliasEvent:
                self.anchored(event)
            elif isinstance(event, NodeEvent) and event.anchor is not None:
                self.name(event, _Anchored(0, None, False, True))
        except _Stop as stop:
            return stop.error
        return None

    # -- the nodes --------------------------------------------------------------------------------

    def value(self, event: Any, used_at: int | None) -> Node:
        """The node of a value: the document's, a field's or a list item's."""
        kind = type(event)  # compared, not narrowed: PyYAML's types make every mark optional
        if kind is ScalarEvent and event.anchor is None and event.tag is None:
            # the common case, written out: most of the nodes of a content file are these
            line = event.start_mark.line + self.offset
            self.nodes += 1
            if self.nodes > MAX_NODES:
                raise self.too_many(line)
            quoted = event.style in _QUOTED_STYLES
            if event.style == '"':
                self.refuse_escaped(event.value, line)
            is_null = not quoted and event.implicit[0] and event.value in _NULL_WORDS
            return Scalar(event.value, line, quoted, is_null)
        return self.other_value(event, used_at)

    def other_value(self, event: Any, used_at: int | None) -> Node:
        kind = type(event)
        if kind is AliasEvent:
            return self.alias_value(self.anchored(event), used_at)
        line = event.start_mark.line + self.offset
        if kind is ScalarEvent:
            scalar = self.scalar(event, line)
            if event.anchor is not None:
                self.name(event, _Anchored(line, scalar, self.is_merge(event), True))
            self.count(line)
            return scalar
        self.enter(event)
        if event.anchor is not None:
            self.name(event, _Anchored(line, None, event.tag == _MERGE_TAG, True))
        self.count(line)
        result = self.mapping(line) if kind is MappingStartEvent else self.sequence(line)
        self.depth -= 1
        return result

    def mapping(self, line: int) -> Mapping:
        result = Mapping(line)
        items, key_lines, next_event = result.items, result.key_lines, self.next_event
        value, offset = self.value, self.offset
        while (kind := type(event := next_event())) is not MappingEndEvent:
            if (
                kind is ScalarEvent
                and event.anchor is None
                and event.tag is None
                and not (event.value == _MERGE_WORD and event.implicit[0])
            ):  # a plain field name, the common case
                key, key_line = event.value, event.start_mark.line + offset
                if event.style == '"':
                    self.refuse_escaped(key, key_line)
            else:
                key, key_line = self.key(event)
            if key in items:
                message = f"field '{key}' appears twice (first on line {key_lines[key]}): keep one"
                raise _Stop(YamlError(message, key_line), False)
            key_lines[key] = key_line
            items[key] = value(next_event(), key_line)
        return result

    def sequence(self, line: int) -> Sequence:
        result = Sequence(line)
        items, next_event, value = result.items, self.next_event, self.value
        while type(event := next_event()) is not SequenceEndEvent:
            items.append(value(event, line))
        return result

    def key(self, event: Any) -> tuple[str, int]:
        """A field name and its line; an alias stands for what it names."""
        if type(event) is AliasEvent:
            target = self.anchored(event)
            return self.named_key(target.scalar, target.line, target.is_merge)
        line = event.start_mark.line + self.offset
        if type(event) is ScalarEvent:
            scalar = self.scalar(event, line)
            merge = self.is_merge(event)
            if event.anchor is not None:
                self.name(event, _Anchored(line, scalar, merge, False))
            return self.named_key(scalar, line, merge)
        self.enter(event)
        if event.anchor is not None:
            self.name(event, _Anchored(line, None, event.tag == _MERGE_TAG, False))
        return self.named_key(None, line, event.tag == _MERGE_TAG)

    def named_key(self, scalar: Scalar | None, line: int, is_merge: bool) -> tuple[str, int]:
        if is_merge:
            message = "merge keys (<<) are not supported: write the fields out in full"
            raise _Stop(YamlError(message, line), False)
        if scalar is None:
            raise _Stop(YamlError("a field name must be a plain word", line), False)
        return scalar.text, line

    def scalar(self, event: Any, line: int) -> Scalar:
        quoted = event.style in _QUOTED_STYLES
        if event.style == '"':
            self.refuse_escaped(event.value, line)
        tag = event.tag
        if tag is None:  # the common case, without asking the resolver
            is_null = not quoted and event.implicit[0] and event.value in _NULL_WORDS
        else:
            is_null = not quoted and self.tag_of(event) == _NULL_TAG
        return Scalar(event.value, line, quoted, is_null)

    def is_merge(self, event: Any) -> bool:
        if event.tag is None:
            return bool(event.implicit[0]) and event.value == _MERGE_WORD
        return self.tag_of(event) == _MERGE_TAG

    @staticmethod
    def tag_of(event: Any) -> str:
        """The tag PyYAML's composer gives a scalar: as written, or resolved for ``!``."""
        if event.tag == "!":
            return _resolve_tag(yaml.ScalarNode, event.value, event.implicit)
        return str(event.tag)

    @staticmethod
    def refuse_escaped(text: str, line: int) -> None:
        """Only an escape in double quotes can write a refused character (``characters``)."""
        problem = refused_in_value(text)
        if problem is not None:
            raise _Stop(YamlError(problem, line), False)

    # -- anchors, aliases and limits --------------------------------------------------------------

    def name(self, event: Any, anchored: _Anchored) -> None:
        if event.anchor in self.anchors:
            raise _Stop(self.error("second occurrence", event.start_mark), True)
        self.anchors[event.anchor] = anchored

    def anchored(self, event: Any) -> _Anchored:
        target = self.anchors.get(event.anchor)
        if target is None:
            raise _Stop(self.error("found undefined alias", event.start_mark), True)
        return target

    def alias_value(self, target: _Anchored, used_at: int | None) -> Node:
        """Only an alias of a field name is read as a value, once; any other is a mistake."""
        if target.read or target.scalar is None:
            message = "anchors and aliases (& and *) are not supported: write the value out in full"
            raise _Stop(YamlError(message, used_at or target.line), False)
        target.read = True
        self.count(target.line)
        return target.scalar

    def enter(self, event: Any) -> None:
        """One level deeper; refused beyond ``MAX_DEPTH`` (no content file needs that)."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise YamlError(
                f"values are nested more than {MAX_DEPTH} levels deep: is this the right file?",
                event.start_mark.line + self.offset,
                event.start_mark.column + 1,
            )

    def count(self, line: int) -> None:
        """One more value; refused beyond ``MAX_NODES``."""
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.too_many(line)

    @staticmethod
    def too_many(line: int) -> _Stop:
        message = f"the front matter has more than {MAX_NODES} values: is this the right file?"
        return _Stop(YamlError(message, line), False)

    def error(self, problem: str, mark: _Mark | None) -> YamlError:
        """A parser's or composer's complaint, with a hint and its place in the text."""
        line = mark.line + self.offset if mark else self.offset
        column = mark.column + 1 if mark else 0
        return YamlError(_explain(problem, self.text, mark), line, column)


def is_bool_text(scalar: Scalar) -> bool | None:
    """YAML 1.1's booleans (true/yes/on, false/no/off) as the operator meant them, or None."""
    if scalar.quoted:
        return None
    if _resolve_tag(yaml.ScalarNode, scalar.text, (True, False)) != _BOOL_TAG:
        return None
    return scalar.text.lower() in ("true", "yes", "on", "y")


def _explain(problem: str, text: str, mark: _Mark | None) -> str:
    hint = ""
    if mark is not None:
        lines = text.splitlines()
        source = lines[mark.line] if 0 <= mark.line < len(lines) else ""
        if "\t" in source[: mark.column + 1] or "found character '\\t'" in problem:
            hint = ": use spaces, not tabs, to indent"
        elif "mapping values are not allowed" in problem:
            hint = ": put text that contains ': ' in quotes"
        elif "invalid Unicode character escape" in problem:
            hint = ": an escape names a whole character, not half of one: write the character"
        elif "could not find expected ':'" in problem:
            hint = ": every field needs 'name: value'; check indentation"
        elif source[mark.column : mark.column + 1] in ("*", "&", "@", "`", "%", "|", ">"):
            hint = ": a text that starts with * & @ ` % | or > must be put in quotes"
    return f"invalid YAML: {problem}{hint}"
