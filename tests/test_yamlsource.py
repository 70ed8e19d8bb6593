"""The one-pass YAML reading gives exactly what PyYAML's composer gives: nodes, errors, lines.

``yamlsource.load`` reads every document in one pass over the parser's events. The reference
below reads it the long way, with PyYAML's composer and a check of the nodes it composed; these
tests hold the two to each other.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from douane_status.reading import yamlsource
from douane_status.reading.characters import refused_in_value
from douane_status.reading.yamlsource import (
    _QUOTED_STYLES,
    MAX_DEPTH,
    MAX_NODES,
    Mapping,
    Node,
    Scalar,
    Sequence,
    YamlError,
    _explain,
    _Loader,
)

_NULL_TAG = "tag:yaml.org,2002:null"

CORPUS = Path(__file__).parent / "corpus"

Outcome = tuple[object, ...]


def outcome(read: object, text: str, first_line: int = 1) -> Outcome:
    try:
        return ("nodes", read(text, first_line))  # type: ignore[operator]
    except yamlsource.YamlError as exc:
        return ("error", exc.message, exc.line, exc.column)


def both(text: str, first_line: int = 1) -> tuple[Outcome, Outcome]:
    return (
        outcome(yamlsource.load, text, first_line),
        outcome(_load_with_composer, text, first_line),
    )


def front_matter(path: Path) -> str:
    text = path.read_text("utf-8", errors="replace")
    return text.split("\n---\n")[0].removeprefix("---\n")


ORDINARY = [
    "type: disruption\ntitle:\n  nl: Storing\n  en: Outage\nsystems: [dms, aes]\n",
    "updates:\n  - at: 2026-11-02 11:12+0100\n    status: investigating\n    nl: |\n      x\n",
    "a: ~\nb: null\nc: Null\nd: NULL\ne: nUll\nf: ''\ng:\nh: '~'\ni: \"null\"\n",
    "fallback_possible: no\nstart: 10:30\nwhen: 2026-12-06\n",
    "- a\n- - b\n  - c\n- {d: [e, {f: g}]}\n",
    "'<<': quoted, so a field like any other\n",
    "%YAML 1.1\n---\na: 1\n...\n",
    "",
    "# only a comment\n",
    "---\n",
    "just text",
]

UNUSUAL = [
    # anchors and aliases, with PyYAML's quirks: an alias of a field name is accepted
    "a: &v x\nb: *v\n",
    "list:\n  - &v x\n  - *v\n",
    "&k a: 1\nb: *k\n",
    "a: &v x\n*v : y\n",
    "- &a [*a]\n",
    "a: *undefined\n",
    "a: &x 1\nb: &x 2\n",
    "a: &m <<\n*m : 1\n",
    "a: &c [x]\n*c : 1\n",
    "&r {*r : 1}\n",
    "? &k x\n: *k\nb: *k\n",
    "k: &a x\n? *a\n: 1\n? *a\n: 2\n",
    "a: 1\na: 2\nb: &x 1\nc: &x 2\n",
    "a: &x 1\n--- \nb: *nope\n",
    # tags, merge keys, keys that are not plain words, duplicates
    "a: !!null foo\nb: ! null\nc: !!str null\n",
    "! '<<': 1\n",
    "<<: {a: 1}\n",
    "a: {<<: {b: 1}}\n",
    "? [a]\n: 1\n",
    "? {a: 1}\n: 2\n",
    "? !!merge [a]\n: 1\n",
    "a: 1\nb: 2\na: 3\n",
    # the composer's order: a syntax error anywhere wins over a duplicate field before it
    "a: 1\na: 2\nb: [\n",
    "a: 1\na: 2\n--- \nb: 1\n",
    "a: x\n--- \nb: 1\n",
    # limits
    "x: " + "[" * 25 + "]" * 25,
    "x: " + "[a, " * 3000 + "]" * 3000,
    "\n".join(f"k{i}: v" for i in range(yamlsource.MAX_NODES + 5)),
    "- " + "\n- ".join("v" for _ in range(yamlsource.MAX_NODES + 5)),
    # plain syntax errors
    'a: "x\n',
    "a: b: c\n",
    "\ta: 1\n",
    "a: @x\n",
    # characters no text may hold, written with an escape in double quotes
    'a: "x\\vy"\nb: [\n',
    'a: "\\x01"\na: 2\n',
    '"k\\uFFFF": 1\n',
    'a: !!str "\\x85"\n',
    "a: '\\x01 is text in single quotes'\n",
]


@pytest.mark.parametrize("text", ORDINARY + UNUSUAL)
@pytest.mark.parametrize("first_line", [1, 7])
def test_one_pass_reading_agrees_with_the_composer(text: str, first_line: int) -> None:
    fast, exact = both(text, first_line)
    assert fast == exact


@pytest.mark.parametrize(
    "path", sorted(CORPUS.glob("*.md")) + sorted((CORPUS.parent / "fixtures").rglob("*.md"))
)
def test_every_corpus_front_matter_reads_as_the_composer_reads_it(path: Path) -> None:
    fast, exact = both(front_matter(path), 2)
    assert fast == exact


def test_an_alias_is_reported_where_it_is_used() -> None:
    with pytest.raises(yamlsource.YamlError) as raised:
        yamlsource.load("a: &v x\nb:\n  - y\n  - *v\n", first_line=3)
    assert raised.value.message.startswith("anchors and aliases (& and *) are not supported")
    assert raised.value.line == 5  # the list that uses it (its third line), not the anchor


@pytest.mark.parametrize(
    "word",
    sorted(
        {"", "~", "null", "Null", "NULL", "nULL", "nul", "None", "~~", " ", "<<", "<", "<<<"}
        | {"no", "No", "off", "y", "true", "0", "0x1", ".inf", "=", "2026-12-06"}
    ),
)
def test_null_and_merge_words_are_pyyaml_resolvers(word: str) -> None:
    tag = yaml.resolver.Resolver().resolve(yaml.ScalarNode, word, (True, False))
    assert (word in yamlsource._NULL_WORDS) is (tag == "tag:yaml.org,2002:null")
    assert (word == yamlsource._MERGE_WORD) is (tag == "tag:yaml.org,2002:merge")


FRAGMENTS = [
    "a",
    "b",
    "null",
    "~",
    "<<",
    "'q'",
    '"d"',
    '"\\v"',
    ": ",
    ":",
    "- ",
    "-",
    "\n",
    "\n  ",
    "\n- ",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "? ",
    "&x ",
    "*x",
    "!!null ",
    "!!merge ",
    "&y ",
    "*y",
    "! ",
    "|\n  t",
    "# c",
    "---\n",
    "...\n",
    "\t",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30), st.sampled_from([1, 2, 9]))
def test_any_fragment_soup_reads_as_the_composer_reads_it(parts: list[str], first: int) -> None:
    fast, exact = both("".join(parts), first)
    assert fast == exact


# -- the reference: PyYAML's composer, then a check of the nodes it composed ---------------------


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
        self._refuse_escaped(node)
        quoted = node.style in _QUOTED_STYLES
        return Scalar(
            node.value, self.line_of(node), quoted, is_null=node.tag == _NULL_TAG and not quoted
        )

    def _refuse_escaped(self, node: yaml.ScalarNode) -> None:
        """A refused character (characters.py) written with an escape in double quotes."""
        problem = refused_in_value(node.value) if node.style == '"' else None
        if problem is not None:
            raise YamlError(problem, self.line_of(node))

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
            self._refuse_escaped(key_node)
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
