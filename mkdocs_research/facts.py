"""What a publication is called, where and when it appeared, and by whom, as visitors see it.

Rows, the feed, OpenGraph cards and JSON-LD all show these, so each is decided here once:
``display_title``, ``display_venue`` and ``display_year`` win over the formal fields, a thesis
says its kind. Values stay LaTeX source; each output converts them (HTML for rows, text for
the feed and meta tags). Google Scholar's ``citation_*`` tags are the exception: they describe
the formal record, and read the BibTeX fields themselves (:mod:`mkdocs_research.metadata`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from .latex import latex_to_text
from .links import publication_links
from .model import Publication

#: Fields that name where a publication appeared, most specific first.
VENUE_FIELDS = ("journal", "booktitle", "school", "institution", "howpublished", "publisher")
#: What a thesis is called when its ``type`` field does not say: the site's label for its
#: entry type (``phdthesis`` → "PhD thesis"); and "In" before a book's title. English
#: unless a caller gives the site's labels.
THESES = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis", "thesis": "Thesis"}
ENGLISH = {**THESES, "in_book": "In"}
#: biblatex's keys for a thesis's ``type`` (``type = {phdthesis}``), which it prints in the
#: document's language: the label of the entry type they stand for.
THESIS_TYPE_KEYS = {"phdthesis": "phdthesis", "mathesis": "mastersthesis"}
Label = Callable[[str], str]
#: Separators left at the end of a value (``journal = {Phys. Rev.,}``), but not ``\,``.
_TRAILING = re.compile(r"(?<!\\)[\s,;:]+$")


def _field(publication: Publication, name: str) -> str:
    value = publication.get(name)
    return str(value) if value not in (None, "") else ""


def title(publication: Publication) -> str:
    """The title as shown (LaTeX): ``display_title`` when it should differ from the BibTeX."""
    return _field(publication, "display_title") or _field(publication, "title")


def venue_parts(publication: Publication, label: Label = ENGLISH.__getitem__) -> list[str]:
    """Where it appeared (LaTeX), as the parts a row joins with commas, as al-folio writes
    it: ``display_venue`` alone; or a thesis's kind (its ``type``, or the ``label`` of its
    entry type), the first venue field there is ("In" before a book's title), and the
    ``location``. Separators left at the end of a field go."""
    if shown := _field(publication, "display_venue"):
        return [shown]
    field = next((f for f in VENUE_FIELDS if publication.get(f)), "")
    venue = _TRAILING.sub("", _field(publication, field)) if field else ""
    if venue and field == "booktitle":
        venue = f"{label('in_book')} {venue}"
    parts = [venue]
    if publication.entry_type in THESES:
        kind = _field(publication, "type")
        if key := THESIS_TYPE_KEYS.get(kind.strip().lower()):
            kind = label(key)
        parts.insert(0, kind or label(publication.entry_type))
    parts.append(_TRAILING.sub("", _field(publication, "location")))
    return [part for part in parts if part]


def venue_name(publication: Publication) -> str:
    """The venue alone (LaTeX), without a thesis's kind or a place: what a container is
    called."""
    if shown := _field(publication, "display_venue"):
        return shown
    field = next((f for f in VENUE_FIELDS if publication.get(f)), "")
    return _TRAILING.sub("", _field(publication, field)) if field else ""


def year(publication: Publication) -> str:
    """The year as shown: ``display_year``, or the year as written (``forthcoming`` too)."""
    return str(publication.get("display_year") or publication.year_text)


def title_text(publication: Publication) -> str:
    """The shown title as plain text; the citekey when the entry has no title."""
    return latex_to_text(title(publication)) or publication.key


def venue_text(publication: Publication, label: Label = ENGLISH.__getitem__) -> str:
    return ", ".join(latex_to_text(part) for part in venue_parts(publication, label))


def authors_text(publication: Publication, limit: int | None = None) -> str:
    """The first ``limit`` authors (all by default) as plain text, without *et al.*"""
    people = publication.authors[:limit] if limit is not None else publication.authors
    return ", ".join(latex_to_text(p.display) for p in people if not p.is_others)


def summary_text(
    publication: Publication, authors: int | None = None, label: Label = ENGLISH.__getitem__
) -> str:
    """``authors · venue · year``: one line saying what the entry is, for feeds and cards."""
    parts = (authors_text(publication, authors), venue_text(publication, label), year(publication))
    return " · ".join(part for part in parts if part)


def first_link(publication: Publication, asset_dirs: Mapping[str, str]) -> str | None:
    """The URL of the entry's first link button (its PDF, arXiv page, …), if it has one."""
    links = publication_links(publication, asset_dirs)
    return links[0].url if links else None
