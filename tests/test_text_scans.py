"""The scans every text of every file goes through when it is read: the refused characters
(OUT001) and the plain-text shortcut past Markdown. Each takes one pass, on any shape of text."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from types import FrameType

from hypothesis import given, settings
from hypothesis import strategies as st

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
