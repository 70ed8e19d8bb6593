"""Drop the templates' indentation from the HTML written: about 5% of a page, for nothing.

Only whitespace at the start of a line goes, outside ``<pre>`` and ``<textarea>``, where it is
content; a line break stays, so text never runs together and the rendering is unchanged.
"""

from __future__ import annotations

import re

_VERBATIM = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.IGNORECASE | re.DOTALL)
_VERBATIM_START = re.compile(r"<(?:pre|textarea)\b", re.IGNORECASE)
_INDENT = re.compile(r"\n[ \t]+")


def compact_html(html: str) -> str:
    if _VERBATIM_START.search(html) is None:  # most pages: no split into parts to join again
        return _INDENT.sub("\n", html)
    parts = _VERBATIM.split(html)  # odd items are the verbatim blocks
    return "".join(part if i % 2 else _INDENT.sub("\n", part) for i, part in enumerate(parts))
