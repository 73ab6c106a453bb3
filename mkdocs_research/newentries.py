"""New BibTeX entries from fetched metadata, to be appended to a ``.bib`` file without
touching a byte of what is already there.

Entries follow the house style of the demo bibliography: citekeys like ``quill2024tracing``
(first author's family name, year, first word of the title), one field a line with aligned
``=``, values in braces, LaTeX's special characters escaped, acronyms in titles protected
(``{BERT}``) so that bibliography styles keep their case.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .sources.work import Name, Work

#: Title words a citekey skips, as Google Scholar's and Zotero's keys do.
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "by",
        "do",
        "does",
        "for",
        "from",
        "how",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "to",
        "towards",
        "toward",
        "what",
        "when",
        "where",
        "which",
        "why",
        "with",
    ]
)
#: LaTeX's special characters and how BibTeX spells them.
_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_SPECIAL = re.compile("|".join(re.escape(c) for c in _ESCAPES))
_MATH = re.compile(r"(\$[^$]+\$)")
_WORD = re.compile(r"^([\"'(\[]*)([\w.+-]*?)([\"')\].,:;!?]*)$")
#: The order of the fields that name where and how a work appeared.
_FIELD_ORDER = (
    *("journal", "booktitle", "school", "institution", "howpublished", "publisher", "series"),
    *("volume", "number", "pages", "note"),
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def latex_escape(text: str) -> str:
    """Plain text made safe inside a BibTeX value: ``Q&A`` → ``Q\\&A``."""
    return _SPECIAL.sub(lambda m: _ESCAPES[m.group()], text)


def latex_title(work: Work) -> str:
    """The title escaped, with words that carry capitals after their first letter in braces.
    A TeX title (arXiv's) keeps its ``$…$`` math as written."""
    parts = _MATH.split(work.title) if work.tex else [work.title]
    return "".join(part if work.tex and _MATH.fullmatch(part) else _protect(part) for part in parts)


def _protect(text: str) -> str:
    words = []
    for token in text.split(" "):
        match = _WORD.match(token)
        core = match.group(2) if match else ""
        if core and any(c.isupper() for c in core[1:]):
            lead, trail = match.group(1), match.group(3)  # type: ignore[union-attr]
            words.append(f"{latex_escape(lead)}{{{latex_escape(core)}}}{latex_escape(trail)}")
        else:
            words.append(latex_escape(token))
    return " ".join(words)


def author_list(names: Iterable[Name]) -> str:
    """``Family, Given and …``; an organisation in braces so that it stays one name."""
    written = []
    for name in names:
        family, given = latex_escape(name.family), latex_escape(name.given)
        if not given:
            written.append(f"{{{family}}}" if " " in family else family)
        else:
            written.append(f"{{{family}}}, {given}" if "," in name.family else f"{family}, {given}")
    return " and ".join(written)


def citekey(work: Work, taken: set[str]) -> str:
    """``quill2024tracing``, made unique among ``taken`` (compared without case) with a
    letter: ``quill2024tracingb``."""
    family = work.authors[0].family.split()[-1] if work.authors and work.authors[0].family else ""
    words = (_ascii(w) for w in re.split(r"[\W_]+", work.title))
    word = next((w for w in words if w and w not in STOP_WORDS), "")
    base = f"{_ascii(family) or 'anon'}{work.year or ''}{word}"
    key, suffix = base, 1
    while key.lower() in taken:
        suffix += 1
        key = base + (chr(ord("a") + suffix - 1) if suffix <= 26 else str(suffix))
    taken.add(key.lower())
    return key


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def bibtex_entry(work: Work, key: str) -> str:
    """The entry as text, one field a line."""
    people = "editor" if work.entry_type == "proceedings" else "author"
    fields: list[tuple[str, str]] = [("title", f"{{{latex_title(work)}}}")]
    if work.authors:
        fields.append((people, f"{{{author_list(work.authors)}}}"))
    venue = sorted(work.fields.items(), key=lambda item: _FIELD_ORDER.index(item[0]))
    fields += [(name, f"{{{latex_escape(value)}}}") for name, value in venue if value]
    if work.year:
        fields.append(("year", f"{{{work.year}}}"))
    if 1 <= work.month <= 12:
        fields.append(("month", _MONTHS[work.month - 1]))
    if work.doi:
        fields.append(("doi", f"{{{work.doi}}}"))
    if work.arxiv:
        fields += [("eprint", f"{{{work.arxiv}}}"), ("archiveprefix", "{arXiv}")]
        if work.arxiv_class:
            fields.append(("primaryclass", f"{{{work.arxiv_class}}}"))
        fields.append(("arxiv", f"{{{work.arxiv}}}"))  # al-folio's field: the arXiv button
    url = work.url or (f"https://arxiv.org/abs/{work.arxiv}" if work.arxiv else "")
    if url and not re.search(r"[{}\s]", url):
        fields.append(("url", f"{{{url}}}"))
    width = max(len(name) for name, _ in fields)
    lines = [f"@{work.entry_type}{{{key},"]
    lines += [f"  {name.ljust(width)} = {value}," for name, value in fields]
    return "\n".join([*lines, "}"])


def appended(old: bytes, entries: list[str]) -> bytes:
    """A file's bytes with ``entries`` added at the end, after a blank line, in the file's
    own line endings; what was there stays byte for byte."""
    newline = "\r\n" if b"\r\n" in old else "\n"
    text = "\n\n".join(entries).replace("\n", newline) + newline
    separator = "" if not old else newline if old.endswith(b"\n") else newline * 2
    return old + (separator + text).encode("utf-8")
