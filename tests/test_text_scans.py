"""The scans every text of every file goes through when it is read: the refused characters
(OUT001) and the plain-text shortcut past Markdown. Each takes one pass, on any shape of text."""

from __future__ import annotations

import contextlib
import re
import signal
from collections.abc import Iterator
from types import FrameType

from hypothesis import given, settings
from hypothesis import strategies as st

from douane_status.presentation.markup import render_markdown, sanitised
from douane_status.presentation.plaintext import plain_text, words_of_html
from douane_status.reading.characters import FORBIDDEN, holds_refused
from douane_status.reading.markdown_cost import is_plain
from douane_status.reading.texts import BIDI_CONTROLS, without_bidi_controls

# Letters and punctuation, refused characters on both sides of U+FFFF, and characters beyond it
# that are allowed (an emoji, a CJK ideograph of plane 2).
SAMPLES = [*"ab é’€ .-\n\t", "\x01", "\x7f", "\x85", "\ufdd0", "\ufffe", "\U0001f600"]
SAMPLES += ["\U0001fffe", "\U0002ffff", "\U00020000", "\U0010ffff", "\ud800", *BIDI_CONTROLS]


@contextlib.contextmanager
def at_most(seconds: int) -> Iterator[None]:
    """Stop what runs inside with TimeoutError after ``seconds`` (the regular expression engine
    looks at signals while it matches), rather than hang the test run."""

    def stop(_signal: int, _frame: FrameType | None) -> None:
        raise TimeoutError(f"took more than {seconds} s")

    before = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(text=st.lists(st.sampled_from(SAMPLES), max_size=40).map("".join))
def test_a_text_holds_a_refused_character_exactly_when_the_ranges_say_so(text: str) -> None:
    assert holds_refused(text) == (FORBIDDEN.search(text) is not None)


def test_refused_characters_beyond_u_ffff_are_found_too() -> None:
    assert not holds_refused("Storing 😀 opgelost")
    assert holds_refused("Storing \U0001fffe opgelost")
    assert holds_refused("Storing \x0b opgelost")
    assert not holds_refused("Storing opgelost")


@settings(max_examples=300, deadline=None, derandomize=True)
@given(text=st.lists(st.sampled_from(SAMPLES), max_size=40).map("".join))
def test_only_the_bidirectional_controls_are_taken_out(text: str) -> None:
    kept = without_bidi_controls(text)
    assert kept == "".join(c for c in text if c not in BIDI_CONTROLS)


def test_telling_plain_text_takes_one_pass_on_long_runs_of_punctuation() -> None:
    """Letters between runs of punctuation, then a character Markdown acts on: a line that
    fails at its end is not tried again split into runs another way (that took 0.24 s on 22
    spaces and an underscore, and twice as long with each further space)."""
    with at_most(5):
        assert not is_plain("a" + " ." * 20_000 + "_")
        assert not is_plain("Storing" + " " * 40 + "*")
        assert is_plain("a" + " ." * 20_000 + "b")


# Letters and digits of several scripts (a titlecase digraph, a superscript, a fraction, Arabic-
# Indic and Devanagari digits), the punctuation plain text may hold, line and paragraph breaks;
# and characters that make a text Markdown (or HTML) after all.
WORDS = [*"aZéßΩ中٣२²½ǅ", *" .,;:!?'’\"()/%€@+=-", "\n", "\n\n", "2026. ", "1) ", "    "]
WORDS += ["&", "<b>", "\xa0", "_", "*", "[a](https://x.nl)"]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(text=st.lists(st.sampled_from(WORDS), max_size=30).map("".join))
def test_plain_text_skips_the_sanitiser_only_where_it_would_change_nothing(text: str) -> None:
    render_markdown.cache_clear()
    plain_text.cache_clear()
    html = str(render_markdown(text))
    assert sanitised(html) == html
    assert plain_text(text) == words_of_html(html)


def plain_line_by_line(text: str) -> bool:
    """What ``is_plain`` decides, taken apart in Python: paragraphs, lines, each line plain."""
    plain = re.compile(r"[^\W_]*+(?:[ .,;:!?'’\"()/%€@+=-]++[^\W_]*+)*+")  # possessive, as before
    block_start = re.compile(r"^(?: {4}|\s*(?:[-+#=>]|\d+[.)]))")
    return all(
        line and line == line.strip() and plain.fullmatch(line) and not block_start.match(line)
        for paragraph in text.strip("\n").split("\n\n")
        for line in paragraph.split("\n")
    )


EDGES = [*WORDS, " ", "\t", "\r", "\n\n\n", "#", ">", "12.", "3)", "\u2003", "\x1c", "_"]


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(text=st.lists(st.sampled_from(EDGES), max_size=12).map("".join))
def test_plain_text_is_told_as_line_by_line(text: str) -> None:
    """One regular expression over the whole text decides as the reading of it line by line."""
    assert is_plain(text) == plain_line_by_line(text)


def test_plain_text_of_several_scripts_takes_the_shortcut() -> None:
    text = "Storing DMS² opgelost, ½ uur.\nΩ 中 ٣ ǅ\n\nVolgende: 10:30."
    assert is_plain(text)
    assert str(render_markdown(text)) == sanitised(str(render_markdown(text)))
    assert plain_text(text) == "Storing DMS² opgelost, ½ uur.\nΩ 中 ٣ ǅ\nVolgende: 10:30."
