"""What a bibliography already has, so that ``add``, ``sync`` and ``citations`` recognise a
paper whichever way it is written: by DOI, then arXiv id, then title and year."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .latex import latex_to_text
from .model import Publication
from .sources.identifiers import normal_arxiv, normal_doi, title_key


@dataclass(frozen=True)
class Identity:
    """The normalised identifiers of one paper; empty strings where it has none."""

    doi: str
    arxiv: str
    title: str  # title and year, see :func:`~.sources.identifiers.title_key`


def identity_of(publication: Publication) -> Identity:
    """A BibTeX entry's DOI (``doi``, or a doi.org ``url``), arXiv id (``arxiv``, ``eprint``
    or an arxiv.org ``url``) and title with year."""
    fields = publication.fields
    doi = normal_doi(fields.get("doi", "")) or normal_doi(fields.get("url", ""))
    arxiv = next(
        (a for name in ("arxiv", "eprint", "url") if (a := normal_arxiv(fields.get(name, "")))),
        "",
    )
    title = latex_to_text(fields.get("title", ""))
    return Identity(doi, arxiv, title_key(title, publication.year_text) if title else "")


@dataclass(frozen=True)
class Known:
    """Where a paper already is, and what showed it: ``same DOI``, ``same arXiv id`` …"""

    key: str
    file: str
    reason: str


class Library:
    """The papers of a bibliography, findable by each identifier."""

    def __init__(self, publications: Iterable[Publication] = ()) -> None:
        self._by: dict[str, dict[str, Known]] = {"doi": {}, "arxiv": {}, "title": {}}
        for publication in publications:
            self.add(identity_of(publication), publication.key, publication.file)

    def add(self, identity: Identity, key: str, file: str) -> None:
        for kind, reason in _REASONS.items():
            value = getattr(identity, kind)
            if value:
                self._by[kind].setdefault(value, Known(key, file, reason))

    def find(self, identity: Identity) -> Known | None:
        """The entry that is this paper, if there is one."""
        for kind in _REASONS:
            value = getattr(identity, kind)
            if value and value in self._by[kind]:
                return self._by[kind][value]
        return None


_REASONS = {"doi": "same DOI", "arxiv": "same arXiv id", "title": "same title and year"}
