"""Choosing, ordering and grouping publications: the filters and layout options of the
``publications(...)`` macro.

The default order is the one researchers expect and keep stable across builds: newest year
first, then month, then the order of the ``.bib`` file. A year that is not a number
(``forthcoming``, ``in press``) counts as newer than any number.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .latex import latex_to_text
from .model import Publication
from .people import NameMatcher

#: Publication kinds, in the order their groups appear (their titles are labels:
#: ``group_preprint`` ...).
KINDS: tuple[str, ...] = (
    "preprint",
    "journal",
    "conference",
    "workshop",
    "book",
    "chapter",
    "thesis",
    "report",
    "software",
    "talk",
    "other",
)

_ENTRY_KINDS = {
    "article": "journal",
    "inproceedings": "conference",
    "conference": "conference",
    "proceedings": "conference",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "book": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "techreport": "report",
    "report": "report",
    "software": "software",
    "unpublished": "preprint",
    "online": "other",
    "misc": "other",
    "presentation": "talk",
}

#: Venue words that mean "not (yet) published".
_UNPUBLISHED = ("arxiv", "preprint", "under review", "submitted")

#: How a list may be ordered and grouped: the macro's signature is the schema of its
#: arguments, so these types are the one place the choices are written.
Sort = Literal["newest", "oldest", "title", "file"]
GroupBy = Literal["year", "type", "category", "none"]
#: A year as written in the data (``2021``, ``forthcoming``), or several.
YearFilter = int | str | list[int | str]
SORTS: tuple[Sort, ...] = typing.get_args(Sort)
GROUPS: tuple[GroupBy, ...] = typing.get_args(GroupBy)


def kind(publication: Publication) -> str:
    """What a researcher calls the entry: a preprint, a workshop paper, software …

    BibTeX's entry types are too coarse (a workshop paper is ``@inproceedings``, an arXiv
    preprint is ``@article`` or ``@misc``), so the venue is read too.
    """
    entry_kind = _ENTRY_KINDS.get(publication.entry_type, "other")
    shown = publication.get("display_venue")  # what the row says wins over the formal venue
    fields = ("journal", "booktitle", "howpublished")
    venue = str(shown or " ".join(publication.fields.get(f, "") for f in fields)).lower()
    if entry_kind in {"journal", "conference", "other"} and any(w in venue for w in _UNPUBLISHED):
        return "preprint"
    if entry_kind == "other" and (publication.fields.get("eprint") or publication.get("arxiv")):
        return "preprint"
    if entry_kind == "conference" and "workshop" in venue:
        return "workshop"
    return entry_kind


def sort_key(publication: Publication) -> tuple[int, int, int, int]:
    """Newest first; non-numeric years before all numbers; then file order."""
    if publication.year is None:
        rank = 0 if publication.year_text else 2
        return (rank, 0, 0, publication.order)
    return (1, -publication.year, -publication.month, publication.order)


@dataclass(frozen=True)
class Group:
    """A run of publications that share a year, a kind or a category (``by``): ``key`` is
    that year, kind or category, empty for entries without one; ``by`` is ``none`` when the
    list is not grouped. Templates show a title in the site's language."""

    by: str
    key: str
    publications: Sequence[Publication]


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple, set)):
        return [str(v) for v in value]
    return [str(value)]


def select(
    publications: Iterable[Publication],
    *,
    selected: bool | None = None,
    type: str | list[str] | None = None,
    year: YearFilter | None = None,
    since: int | None = None,
    until: int | None = None,
    keys: list[str] | None = None,
    tag: str | list[str] | None = None,
    author: str | list[str] | None = None,
    category: str | list[str] | None = None,
) -> list[Publication]:
    """The publications matching every given filter, in input order."""
    result = list(publications)
    if selected is not None:
        result = [p for p in result if p.selected == selected]
    if type is not None:
        wanted = {t.lower() for t in _as_list(type)}
        result = [p for p in result if kind(p) in wanted or p.entry_type in wanted]
    if year is not None:
        years = {str(y).strip().lower() for y in _as_list(year)}
        result = [p for p in result if p.year_text.lower() in years]
    if since is not None:
        result = [p for p in result if (p.year is None and p.year_text) or (p.year or 0) >= since]
    if until is not None:
        result = [p for p in result if p.year is not None and p.year <= until]
    if keys is not None:
        position = {k: i for i, k in enumerate(_as_list(keys))}
        # The id is the citekey, or the name of a later entry repeating another file's key.
        result = sorted((p for p in result if p.id in position), key=lambda p: position[p.id])
    if tag is not None:
        tags = {t.casefold() for t in _as_list(tag)}
        result = [p for p in result if tags & {k.casefold() for k in p.keywords}]
    if author is not None:
        matcher = NameMatcher(_as_list(author))
        result = [p for p in result if any(matcher.matches(a) for a in p.authors)]
    if category is not None:
        categories = {c.casefold() for c in _as_list(category)}
        result = [p for p in result if p.category.casefold() in categories]
    return result


def order(publications: Iterable[Publication], sort: Sort = "newest") -> list[Publication]:
    """Publications in one of the :data:`SORTS` orders (all stable)."""
    items = list(publications)
    if sort == "newest":
        return sorted(items, key=sort_key)
    if sort == "oldest":
        return sorted(items, key=_oldest_key)
    if sort == "title":
        return sorted(
            items, key=lambda p: (latex_to_text(p.fields.get("title", "")).casefold(), p.order)
        )
    return items


def group(publications: Sequence[Publication], by: GroupBy | None) -> list[Group]:
    """Split an ordered list into titled groups, keeping the order inside each group."""
    if by in (None, "", "none"):
        return [Group("none", "", publications)] if publications else []
    groups: dict[str, list[Publication]] = {}
    for publication in publications:
        groups.setdefault(_group_key(publication, by), []).append(publication)
    if by == "type":
        keys = sorted(groups, key=KINDS.index)
    elif by == "category":
        # Categories appear in the order the researcher first used them in the data.
        keys = sorted(groups, key=lambda k: min(p.order for p in groups[k]))
    else:
        keys = list(groups)
    return [Group(by, key, groups[key]) for key in keys]


def _oldest_key(publication: Publication) -> tuple[int, int, int, int]:
    """Oldest first; undated and non-numeric years last; then file order."""
    if publication.year is None:
        return (1, 0, 0, publication.order)
    return (0, publication.year, publication.month, publication.order)


def _group_key(publication: Publication, by: str) -> str:
    if by == "year":
        return publication.year_text
    if by == "type":
        return kind(publication)
    return publication.category
