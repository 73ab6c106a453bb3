"""Characters a data file may hold but a page must not show.

Bidirectional controls (U+202A to U+202E, U+2066 to U+2069) reorder the text around them:
pasted into a title or a name, they make visitors read something other than what the file
says, and the order can leak into the rest of the row. NUL is debris from binary files. The
loaders drop both from every value they read, so that no template, export or feed has to.
"""

from __future__ import annotations

import re

_HIDDEN = re.compile("[\x00\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """``text`` without NUL and bidirectional control characters."""
    if "\0" not in text and text.isascii():  # the common case, told at C speed
        return text
    return _HIDDEN.sub("", text) if _HIDDEN.search(text) else text
