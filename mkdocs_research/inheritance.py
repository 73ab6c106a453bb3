"""Entries that take fields from other entries: BibTeX's ``crossref`` and biblatex's ``xdata``.

DBLP's "BibTeX with crossref" export writes a paper as ``@inproceedings{..., crossref =
{DBLP:conf/x/2020}}`` and its volume as ``@proceedings{DBLP:conf/x/2020, title = ..., year =
..., publisher = ...}``; a paper shows its venue and year only once it inherits them. This
pass runs after every ``.bib`` file is read, because a target may be in another file, and it
never changes the entries it was given (they are the parsed files, kept across ``mkdocs
serve`` rebuilds): a resolved entry is a new one, made again on every refresh, so editing the
volume in one file updates the papers of another.

The rules are those of BibTeX and biber: an entry takes every field it lacks from its
``xdata`` entries, then from its ``crossref`` target (itself resolved first); a paper in a
volume (``@inproceedings``, ``@incollection``, ``@inbook``) takes the volume's ``title`` as its
``booktitle`` and ``subtitle`` as ``booksubtitle``, as biblatex maps them; fields that name
an entry rather than describe it (``ids``, ``label``, ``shorttitle``, ...) are not taken.
"""

from __future__ import annotations

import dataclasses

from .bibtex import NOT_WORKS, clean_bibtex
from .model import Problem, Publication
from .people import NameMatcher, parse_people

#: Entry types that are parts of a volume, whose title is the volume's ``booktitle``.
IN_VOLUME = frozenset({"inproceedings", "conference", "incollection", "inbook", "bookinbook"})
#: How a volume's fields are named in a part of it (biblatex's default inheritance).
VOLUME_FIELDS = {
    "title": "booktitle",
    "subtitle": "booksubtitle",
    "titleaddon": "booktitleaddon",
}
#: Fields that identify or sort one entry, never inherited (biber's default exceptions).
NOT_INHERITED = frozenset(
    {
        *("crossref", "xdata", "xref", "ids", "entryset", "label", "options", "presort"),
        *("related", "shorthand", "sortkey", "shorttitle", "sorttitle", "indextitle"),
        "indexsorttitle",
    }
)
#: Where an entry names the entries it inherits from.
LINKS = ("xdata", "crossref")


def resolve_inheritance(publications: list[Publication]) -> tuple[list[Publication], list[Problem]]:
    """The publications with ``xdata`` and ``crossref`` resolved, and what could not be.

    ``@xdata`` entries (fields for others) and ``@set`` entries (groups of entries listed
    on their own) are dropped; every other entry stays, in its place. A target is found by
    its citekey as BibTeX finds it (ignoring case; the first entry of that key)."""
    by_key: dict[str, Publication] = {}
    for publication in publications:
        by_key.setdefault(publication.key.lower(), publication)
    resolver = _Resolver(by_key)
    resolved = [
        resolver.resolve(publication, ())
        for publication in publications
        if publication.entry_type not in NOT_WORKS
    ]
    return resolved, list(dict.fromkeys(resolver.problems))


def listed_publications(publications: list[Publication], owner: NameMatcher) -> list[Publication]:
    """The publications to list: all but the volumes that are only ``crossref`` targets
    (DBLP's ``@proceedings`` of a paper), unless the site's owner is among their authors or
    editors (an editor wants the volume listed)."""
    targets = {
        publication.fields["crossref"].strip().lower()
        for publication in publications
        if publication.fields.get("crossref", "").strip()
    }
    return [
        publication
        for publication in publications
        if publication.key.lower() not in targets or _by_owner(publication, owner)
    ]


def _by_owner(publication: Publication, owner: NameMatcher) -> bool:
    editors = parse_people(publication.fields.get("editor", ""))
    return any(owner.matches(person) for person in (*publication.authors, *editors))


class _Resolver:
    """Resolves entries once each, following their links depth first."""

    def __init__(self, by_key: dict[str, Publication]) -> None:
        self.by_key = by_key
        self.done: dict[int, Publication] = {}
        self.problems: list[Problem] = []

    def resolve(self, publication: Publication, chain: tuple[str, ...]) -> Publication:
        """``publication`` with its inherited fields; ``chain`` holds the keys that led here,
        so that a cycle is reported instead of followed for ever."""
        if id(publication) in self.done:
            return self.done[id(publication)]
        if not any(publication.fields.get(link) for link in LINKS):  # most entries
            return publication
        chain = (*chain, publication.key)
        fields = dict(publication.fields)
        sources: list[Publication] = []
        for link in LINKS:
            for key in _keys(publication.fields.get(link, "")):
                source = self._target(publication, link, key, chain)
                if source is None:  # reported; the link counts for nothing
                    fields.pop(link, None)
                    continue
                inherited = self.resolve(source, chain)
                sources.append(inherited)
                in_volume = link == "crossref" and publication.entry_type in IN_VOLUME
                _inherit(fields, inherited, in_volume)
        unchanged = fields == publication.fields
        resolved = publication if unchanged else _with_fields(publication, fields, sources)
        self.done[id(publication)] = resolved
        return resolved

    def _target(
        self, publication: Publication, link: str, key: str, chain: tuple[str, ...]
    ) -> Publication | None:
        target = self.by_key.get(key.lower())
        if target is None:
            self.problems.append(
                Problem(
                    publication.file,
                    publication.line,
                    f"entry '{publication.key}': {link} '{key}' is not in any .bib file; "
                    "add it or remove the field",
                )
            )
        elif target.key in chain:
            cycle = " → ".join((*chain[chain.index(target.key) :], target.key))
            self.problems.append(
                Problem(
                    publication.file,
                    publication.line,
                    f"entry '{publication.key}': {link} '{key}' leads back to itself "
                    f"({cycle}); remove one of these links",
                )
            )
            return None
        return target


def _keys(value: str) -> list[str]:
    """The citekeys of a link field: one for ``crossref``, a comma-separated list for
    ``xdata``."""
    return [key.strip() for key in value.split(",") if key.strip()]


def _inherit(fields: dict[str, str], source: Publication, in_volume: bool) -> None:
    """Copy into ``fields`` what ``source`` has and they lack; a part of a volume (through
    ``crossref``, not ``xdata``) takes the volume's title as its ``booktitle``."""
    for name, value in source.fields.items():
        if name in NOT_INHERITED:
            continue
        if in_volume and name in VOLUME_FIELDS:
            name = VOLUME_FIELDS[name]
        fields.setdefault(name, value)


def _with_fields(
    publication: Publication, fields: dict[str, str], sources: list[Publication]
) -> Publication:
    """A new publication with the inherited fields; its authors, year and month are read
    from the first entry that gives the field (the entry itself, then its sources)."""
    givers = [publication, *sources]
    author, dated, month = (
        next((p for p in givers if name in p.fields), publication)
        for name in ("author", "year", "month")
    )
    resolved = dataclasses.replace(
        publication,
        fields=fields,
        authors=list(author.authors),
        year=dated.year,
        year_text=dated.year_text,
        month=month.month,
        extras={},
        found_at={},
    )
    # The copied BibTeX stands on its own: the inherited fields, no link to another entry.
    export = {name: value for name, value in fields.items() if name not in LINKS}
    resolved.bibtex = clean_bibtex(dataclasses.replace(resolved, fields=export))
    return resolved
