"""A page's table of contents, read back from its final HTML.

Python-Markdown builds the table of contents before our stashed HTML is put back, so the
year groups of a publication list and the sections of a CV would be missing from it. When a
page has such headings, the outline is read again from the finished HTML (with a regular
expression, not a parser: a 5,000-entry page is tens of megabytes).
"""

from __future__ import annotations

import re
from typing import TypedDict

#: A CV section title (its anchor is the section's id) or any heading with an id.
_HEADING = re.compile(
    r'<section class="research-cv__section[^"]*" id="(?P<section>[^"]+)">\s*'
    r'<h(?P<cv_level>[1-6]) class="research-cv__title">(?P<cv_title>.*?)</h(?P=cv_level)>'
    r"|<h(?P<level>[1-6])\b(?P<attributes>[^>]*)>(?P<title>.*?)</h(?P=level)>",
    re.DOTALL,
)
_ID = re.compile(r'\bid="([^"]+)"')
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
OUR_HEADINGS = ('class="research-group"', 'class="research-cv__title"')


class Token(TypedDict):
    """What MkDocs' ``get_toc`` takes, as Python-Markdown's ``toc_tokens`` are."""

    level: int
    id: str
    name: str
    children: list[Token]


def needs_outline(html: str) -> bool:
    """Whether the page holds headings the Markdown table of contents cannot know."""
    return any(marker in html for marker in OUR_HEADINGS)


def outline(html: str) -> list[Token]:
    """The headings of ``html`` that have an anchor, nested by level, in page order."""
    flat: list[Token] = []
    for match in _HEADING.finditer(html):
        if match["section"]:
            anchor, level, title = match["section"], int(match["cv_level"]), match["cv_title"]
        else:
            found = _ID.search(match["attributes"])
            if not found:
                continue
            anchor, level, title = found.group(1), int(match["level"]), match["title"]
        name = _TAG.sub("", _PERMALINK.sub("", title)).strip()
        flat.append(Token(level=level, id=anchor, name=name, children=[]))
    return _nest(flat)


def _nest(flat: list[Token]) -> list[Token]:
    roots: list[Token] = []
    stack: list[Token] = []
    for token in flat:
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else roots).append(token)
        stack.append(token)
    return roots
