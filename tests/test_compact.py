"""The written HTML loses the templates' indentation, never the content of <pre> or <textarea>."""

from __future__ import annotations

from douane_status.pages.compact import compact_html


def test_indentation_goes_and_line_breaks_stay() -> None:
    assert compact_html("<ul>\n  <li>a</li>\n\t<li>b</li>\n</ul>\n") == (
        "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"
    )


def test_text_in_pre_and_textarea_keeps_its_indentation() -> None:
    html = (
        "<div>\n  <PRE class='x'>\n  code\n    more</PRE>\n  <p>t</p>\n"
        "  <textarea>\n  typed</textarea>\n</div>"
    )
    assert compact_html(html) == (
        "<div>\n<PRE class='x'>\n  code\n    more</PRE>\n<p>t</p>\n"
        "<textarea>\n  typed</textarea>\n</div>"
    )


def test_a_word_that_only_starts_like_pre_is_not_verbatim() -> None:
    assert compact_html("<prefix>\n  x</prefix>") == "<prefix>\nx</prefix>"
