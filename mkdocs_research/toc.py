"""The headings a macro's HTML brings into a page, for the page's table of contents.

Macro HTML reaches the page through Python-Markdown's stash, which its ``toc`` extension does
not look into; so the year groups of a publication list and the sections of a CV would be
missing from the table of contents. The Markdown extension reads them here and shows them to
``toc`` (see :mod:`mkdocs_research.markdown`). Templates can be overridden, so the headings are
read from the rendered HTML (with a regular expression, not a parser: a 5,000-entry list is
tens of megabytes), not from what the templates were given.
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple

from .classes import CV_SECTION, CV_TITLE, GROUP_HEADING

#: A CV section title (its anchor is the section's id) or any heading with an id.
#: (A title runs to its closing tag but never past the next heading, so that a page full of
#: unclosed headings is read once, not once for every later heading.)
_HEADING = re.compile(
    rf'<section class="{CV_SECTION}[^"<]*" id="(?P<section>[^"<]+)">\s*'
    rf'<h(?P<cv_level>[1-6]) class="{CV_TITLE}">'
    r"(?P<cv_title>[^<]*(?:<(?!/h(?P=cv_level)>|h[1-6]\b)[^<]*)*)</h(?P=cv_level)>"
    r"|<h(?P<level>[1-6])\b(?P<attributes>[^<>]*)>"
    r"(?P<title>[^<]*(?:<(?!/h(?P=level)>|h[1-6]\b)[^<]*)*)</h(?P=level)>"
)
_ID = re.compile(r'\bid="([^"]+)"')
_TAG = re.compile(r"<[^<>]+>")
#: Markup that only our headings carry; HTML without it has none (the fast path).
_OURS = (f'class="{GROUP_HEADING}"', f'class="{CV_TITLE}"')


class Heading(NamedTuple):
    """One heading: its level, its anchor and its title as plain text."""

    level: int
    id: str
    title: str


def headings(fragment: str) -> list[Heading]:
    """The headings of ``fragment`` that have an anchor, in order."""
    if not any(marker in fragment for marker in _OURS):
        return []
    found: list[Heading] = []
    for match in _HEADING.finditer(fragment):
        if match["section"]:
            anchor, level, title = match["section"], int(match["cv_level"]), match["cv_title"]
        else:
            id_match = _ID.search(match["attributes"])
            if not id_match:
                continue
            anchor, level, title = id_match.group(1), int(match["level"]), match["title"]
        text = " ".join(html.unescape(_TAG.sub("", title)).split())
        found.append(Heading(level, html.unescape(anchor), text))
    return found
