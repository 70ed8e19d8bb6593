"""YAML read as text with line numbers, so the format decides what a value means.

PyYAML's own constructors turn ``no`` into False, ``10:30`` into 630 and ``2026-12-06`` into a
date. Operators do not mean that, so every scalar is kept as the text that was written, with its
line, and the event reader converts it according to the field it stands in. Anchors and aliases
are refused outright: nobody needs them in an outage file, and they are how "billion laughs"
documents blow up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
)

try:  # the C parser is much faster; the pure-Python one gives the same nodes
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"
_QUOTED_STYLES = ("'", '"', "|", ">")
# The plain (unquoted, untagged) scalars YAML 1.1 resolves to null, and to a merge key; a test
# holds them to PyYAML's resolver.
_NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
_MERGE_WORD = "<<"
MAX_NODES = 20_000
MAX_DEPTH = 20


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
    try:
        return _PlainReader(first_line).read(text)
    except _NotPlain:
        return _load_with_composer(text, first_line)


class _NotPlain(Exception):
    """The document is not one ``_PlainReader`` vouches for: PyYAML's composer reads it."""


class _PlainReader:
    """Builds the nodes in one pass over the C parser's events, for the documents content files
    are made of: one document, no anchors, aliases or tags, and no mistakes.

    Anything else raises ``_NotPlain`` and is read by ``_load_with_composer``, which parses twice
    but has the final word on every error and on PyYAML's quirks (an alias of a field name is
    accepted, for one). So a document read here gives exactly the nodes the composer would.
    """

    def __init__(self, first_line: int) -> None:
        self.offset = first_line
        self.nodes = 0
        self.depth = 0

    def read(self, text: str) -> Node | None:
        loader = _Loader(text)
        self.next_event = loader.get_event
        try:
            self.next_event()  # StreamStartEvent
            event = self.next_event()
            root = None
            if type(event) is DocumentStartEvent:
                root = self.node(self.next_event())
                self.next_event()  # DocumentEndEvent
                event = self.next_event()
            if type(event) is not StreamEndEvent:
                raise _NotPlain  # a second document
        except yaml.YAMLError:
            raise _NotPlain from None
        finally:
            loader.dispose()
        return root

    def node(self, event: yaml.Event) -> Node:
        if type(event) is AliasEvent or event.anchor is not None or event.tag is not None:
            raise _NotPlain  # what these mean, and where they are wrong, is the composer's call
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _NotPlain
        line = event.start_mark.line + self.offset
        if type(event) is ScalarEvent:
            quoted = event.style in _QUOTED_STYLES
            is_null = not quoted and event.implicit[0] and event.value in _NULL_WORDS
            return Scalar(event.value, line, quoted, is_null)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _NotPlain
        if type(event) is MappingStartEvent:
            result: Node = self.mapping(line)
        else:
            result = self.sequence(line)
        self.depth -= 1
        return result

    def mapping(self, line: int) -> Mapping:
        result = Mapping(line)
        items, key_lines, next_event = result.items, result.key_lines, self.next_event
        while type(event := next_event()) is not MappingEndEvent:
            key = event.value if type(event) is ScalarEvent else None
            if (
                key is None
                or event.anchor is not None
                or event.tag is not None
                or (key == _MERGE_WORD and event.implicit[0])
                or key in items
            ):
                raise _NotPlain  # not a plain field name, or one that appears twice
            key_lines[key] = event.start_mark.line + self.offset
            items[key] = self.node(next_event())
        return result

    def sequence(self, line: int) -> Sequence:
        result = Sequence(line)
        items, next_event = result.items, self.next_event
        while type(event := next_event()) is not SequenceEndEvent:
            items.append(self.node(event))
        return result


def _load_with_composer(text: str, first_line: int) -> Node | None:
    """The reading that decides: nesting checked first, then PyYAML's composer and checker."""
    try:
        _refuse_deep_nesting(text, first_line)
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark else first_line
        column = (mark.column + 1) if mark else 0
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlError(_explain(problem, text, mark), line, column) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"invalid YAML: {exc}", first_line) from None
    if root is None:
        return None
    return _Converter(first_line).convert(root)


def _refuse_deep_nesting(text: str, first_line: int) -> None:
    """Refuse nesting deeper than any content file needs, before PyYAML's composer recurses into
    it (it recurses once per level: a few thousand ``[`` raise RecursionError, more crash)."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlError(
                    f"values are nested more than {MAX_DEPTH} levels deep: is this the right file?",
                    event.start_mark.line + first_line,
                    event.start_mark.column + 1,
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


class _Converter:
    def __init__(self, first_line: int) -> None:
        self.offset = first_line
        self.seen: set[int] = set()

    def line_of(self, node: yaml.Node) -> int:
        return node.start_mark.line + self.offset

    def convert(self, node: yaml.Node, used_at: int | None = None) -> Node:
        if id(node) in self.seen:
            # an alias is the anchored node itself; report where it is used, not defined
            raise YamlError(
                "anchors and aliases (& and *) are not supported: write the value out in full",
                used_at or self.line_of(node),
            )
        self.seen.add(id(node))
        if len(self.seen) > MAX_NODES:
            raise YamlError(
                f"the front matter has more than {MAX_NODES} values: is this the right file?",
                self.line_of(node),
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node)
        if isinstance(node, yaml.SequenceNode):
            line = self.line_of(node)
            return Sequence(line, [self.convert(item, line) for item in node.value])
        assert isinstance(node, yaml.ScalarNode)
        quoted = node.style in _QUOTED_STYLES
        return Scalar(
            node.value, self.line_of(node), quoted, is_null=node.tag == _NULL_TAG and not quoted
        )

    def _mapping(self, node: yaml.MappingNode) -> Mapping:
        result = Mapping(self.line_of(node))
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlError(
                    "merge keys (<<) are not supported: write the fields out in full",
                    self.line_of(key_node),
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError("a field name must be a plain word", self.line_of(key_node))
            key = key_node.value
            if key in result.items:
                raise YamlError(
                    f"field '{key}' appears twice (first on line {result.key_lines[key]}): "
                    "keep one",
                    self.line_of(key_node),
                )
            result.key_lines[key] = self.line_of(key_node)
            result.items[key] = self.convert(value_node, result.key_lines[key])
        return result


def is_bool_text(scalar: Scalar) -> bool | None:
    """YAML 1.1's booleans (true/yes/on, false/no/off) as the operator meant them, or None."""
    if scalar.quoted:
        return None
    if yaml.resolver.Resolver().resolve(yaml.ScalarNode, scalar.text, (True, False)) != _BOOL_TAG:
        return None
    return scalar.text.lower() in ("true", "yes", "on", "y")


def _explain(problem: str, text: str, mark: yaml.Mark | None) -> str:
    hint = ""
    if mark is not None:
        lines = text.splitlines()
        source = lines[mark.line] if 0 <= mark.line < len(lines) else ""
        if "\t" in source[: mark.column + 1] or "found character '\\t'" in problem:
            hint = ": use spaces, not tabs, to indent"
        elif "mapping values are not allowed" in problem:
            hint = ": put text that contains ': ' in quotes"
        elif "could not find expected ':'" in problem:
            hint = ": every field needs 'name: value'; check indentation"
        elif source[mark.column : mark.column + 1] in ("*", "&", "@", "`", "%", "|", ">"):
            hint = ": a text that starts with * & @ ` % | or > must be put in quotes"
    return f"invalid YAML: {problem}{hint}"
