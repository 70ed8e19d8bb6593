"""How much work Python-Markdown will do on a text, judged before the build meets it (OUT008).

Python-Markdown is quick on ordinary messages but slow on some shapes an operator can type, by
accident or on purpose (measured with Markdown 3.11):

- Every unmatched opener (``[``, ``<``, ``*``, ``_``, a backtick) makes it scan on to the end of
  the paragraph: n of them in one paragraph cost n times its length (4,000 ``[`` in a row: 3 s;
  ``[a](`` 4,000 times: more than 10 s).
- Lines that start a block (``#``, ``>``, ``-``, ``=``, ``|``, ``1.``) inside one paragraph are
  split off one at a time, copying the rest each time: quadratic in the same way.
- Every element it makes (a paragraph, an emphasis, an entity, a line break, a tag, a table
  cell) costs more the more there are in the text: 65,000 empty paragraphs take 5 s, a table of
  40,000 cells (``a | b`` rows: no leading pipe needed) 1.2 s.
- Nested lists and quotes (``1. 1. 1. …``, ``> > > …``) recurse: a thousand levels end in
  Python's RecursionError.

- Even its linear work is slow: a megabyte of Markdown takes about a second.

So a text is measured in four numbers, each with a limit far above what a message needs: its
length, its elements (paragraphs plus marks), its scanning work (marks times the length of their
paragraph), and the deepest nesting on one line. A file's texts count together (each distinct
text once, as the renderer caches them), so a file of any size within the 1 MB limit renders in
a fraction of a second or gets this finding. Texts in which Markdown changes nothing
(``is_plain``) are never
given to Python-Markdown and cost nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Letters, digits and punctuation Markdown leaves alone (no '_', '*', '`', '<', '&', '[', newline):
# runs of letters and digits between runs of that punctuation, each run one class (a choice
# between the two classes at every character took twice as long). The runs are possessive: a
# line that fails is never split into runs another way, which would take exponential time.
_PLAIN = re.compile(r"[^\W_]*+(?:[ .,;:!?'’\"()/%€@+=-]++[^\W_]*+)*+")
# A plain line: not empty, no space at either end (no other space is plain), no block start
# (``#``, ``>``, ``-``, ``+``, ``=``, or digits and ``.`` or ``)``), and plain throughout.
_PLAIN_LINE = rf"(?=.)(?![-+#=> ]|\d+[.)]){_PLAIN.pattern}(?<! )"
# Plain lines, a line break or a blank line between two; line breaks before and after are dropped.
_PLAIN_TEXT = re.compile(rf"\n*{_PLAIN_LINE}(?:\n\n?{_PLAIN_LINE})*+\n*")
# A blank line ends a paragraph for Python-Markdown only when it holds nothing but spaces and tabs.
_BLANK = re.compile(r"\n[ \t]*\n")
# The characters that open something Markdown then looks for the end of; a backslash escapes one.
_MARK = re.compile(r"\\[\\`*_{}\[\]()#+\-.!<>&|]|[\[\]<*_`&]")
# A line that starts (or, after up to three spaces, is) a block: heading, quote, list, rule,
# setext underline, table row, fence or indented code.
_BLOCK_LINE = re.compile(r"^(?: {4}|\t| {0,3}(?:[#>=|~`+*-]|\d{1,9}[.)]))", re.MULTILINE)
_HARD_BREAK = re.compile(r" {2,}$", re.MULTILINE)
# One level of nesting at the start of a line: a quote, a list marker, or four columns of indent.
_LEVEL = re.compile(r" {0,3}(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]?| {4}|\t")

MAX_LENGTH = 150_000  # characters of Markdown in one file's texts (plain text has no limit)
MAX_ELEMENTS = 2_000  # paragraphs and marks in one file's texts (a message has tens)
MAX_WORK = 500_000  # marks times their paragraph's length, summed (a message has thousands)
MAX_DEPTH = 16  # levels of quotes, lists and indents on one line (a message has two or three)


def is_plain(text: str) -> bool:
    """True when Markdown would only wrap the paragraphs in ``<p>``: no need to run it.

    Each line holds only letters, digits and punctuation Markdown leaves alone, starts no block
    and has no space at either end (a line break, or a blank line for Markdown); lines are
    apart by a line break or one blank line. One match of ``_PLAIN_TEXT``: taking the text apart
    line by line in Python took twice as long, on every text of every file read.
    """
    return _PLAIN_TEXT.fullmatch(text) is not None


@dataclass(frozen=True)
class Cost:
    length: int = 0
    elements: int = 0
    work: int = 0
    depth: int = 0

    def __add__(self, other: Cost) -> Cost:
        return Cost(
            self.length + other.length,
            self.elements + other.elements,
            self.work + other.work,
            max(self.depth, other.depth),
        )


def markdown_cost(text: str) -> Cost:
    """The work Python-Markdown would do on ``text`` (nothing for a plain text)."""
    if is_plain(text):
        return Cost()
    elements = work = 0
    for paragraph in _BLANK.split(text):
        marks, escaped = _marks(paragraph)
        elements += 1 + marks + escaped
        work += marks * len(paragraph)
    depth = max((_depth(line) for line in text.split("\n")), default=0)
    return Cost(len(text), elements, work, depth)


def _marks(paragraph: str) -> tuple[int, int]:
    """The marks that make Markdown scan on, and the elements that cost no scan: escaped marks
    and table cells (a ``|`` anywhere on a line can make the paragraph a table, with or without
    leading pipes, and every cell is rendered as a text of its own)."""
    found = _MARK.findall(paragraph)
    escaped = sum(1 for mark in found if mark.startswith("\\"))
    blocks = len(_BLOCK_LINE.findall(paragraph))
    breaks = len(_HARD_BREAK.findall(paragraph))
    cells = paragraph.count("|")
    return len(found) - escaped + blocks + breaks, escaped + cells


def _depth(line: str) -> int:
    depth = position = 0
    while depth <= MAX_DEPTH and (level := _LEVEL.match(line, position)) and level.end() > position:
        depth += 1
        position = level.end()
    return depth


def too_costly(cost: Cost) -> str | None:
    """What to do when ``cost`` is over a limit, or None when Markdown renders it quickly."""
    if cost.depth > MAX_DEPTH:
        return (
            f"a line nests quotes, lists or indents more than {MAX_DEPTH} levels deep: "
            "remove the extra '>', list markers or leading spaces"
        )
    if cost.length > MAX_LENGTH:
        return (
            f"the texts that use Markdown are longer than {MAX_LENGTH:,} characters together: "
            "too long to publish quickly; shorten them"
        )
    if cost.elements > MAX_ELEMENTS:
        return (
            f"the texts have more than {MAX_ELEMENTS:,} paragraphs, table cells and Markdown "
            "marks ([ ] < * _ ` & |, line starts such as # > -): too many to publish quickly; "
            "shorten the texts or leave out marks they do not need"
        )
    if cost.work > MAX_WORK:
        return (
            "a paragraph with many Markdown marks ([ ] < * _ ` &, line starts such as # > - |) is "
            "too long to publish quickly: split it with blank lines, remove marks it does not "
            "need, or write a mark as text with a backslash (\\[ or \\*)"
        )
    return None
