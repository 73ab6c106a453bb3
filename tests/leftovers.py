"""What a visitor reads of a publication list, and what must never be left in it: LaTeX
(braces, backslashes, ``$``), Markdown (``**``, ``](``, backticks), tags shown as text
(``<mml:math>``, ``<br>``), entities shown as text (``&amp;``), author markers left in
names, and the orphan punctuation of values joined carelessly (``,,``, a note starting
with ``.``).

The BibTeX toggles are code meant for copying, and math is drawn from its own markup, so
neither is read here.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

#: Things that must not appear in text a visitor reads, with what they betray.
PATTERNS = {
    "LaTeX brace": re.compile(r"[{}]"),
    "LaTeX command": re.compile(r"\\"),
    "raw math": re.compile(r"\$"),
    "Markdown emphasis": re.compile(r"\*\*|__"),
    "Markdown link": re.compile(r"\]\(|`"),
    "tag shown as text": re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>"),
    "entity shown as text": re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);"),
    "doubled separator": re.compile(r",\s*,|\.\s*\.\s|;\s*;"),
    "separator after a space": re.compile(r"\s[,;](?!\d)"),
}
#: Marker symbols left in an author's name (outside its superscript).
MARKER = re.compile(r"[*∗†‡§¶‖]")
#: What is not read as text: code to copy, and drawn math.
SKIPPED = "details.research-bibtex-toggle, .research-bibtex, .arithmatex, math, script, style"


def visible_text(element: Tag) -> str:
    """The text of ``element`` as read, without the parts in :data:`SKIPPED`."""
    copy = BeautifulSoup(str(element), "html.parser")
    for skipped in copy.select(SKIPPED):
        skipped.replace_with(" ")
    return " ".join(copy.get_text().split())


def leftovers(soup: BeautifulSoup) -> list[str]:
    """``"<row id>: <what>: <text>"`` for everything left over in the rows of a page."""
    found = []
    for row in soup.select("li.research-pub, article.research-publication-page"):
        where = row.get("id", "?")
        text = visible_text(row)
        for what, pattern in PATTERNS.items():
            if match := pattern.search(text):
                start = max(match.start() - 30, 0)
                found.append(f"{where}: {what}: …{text[start : match.end() + 30]}…")
        for author in row.select(".research-author"):
            name = BeautifulSoup(str(author), "html.parser")
            for sup in name.select("sup"):
                sup.decompose()
            if MARKER.search(name.get_text()):
                found.append(f"{where}: marker left in a name: {name.get_text()}")
        for note in row.select(".research-pub__note, .research-pub__venue"):
            if re.match(r"\s*[.,;:]", visible_text(note)):
                found.append(f"{where}: starts with punctuation: {visible_text(note)[:60]}")
    return found
