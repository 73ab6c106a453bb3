"""Crossref's REST API (``api.crossref.org/works/{doi}``): most journal and conference DOIs."""

from __future__ import annotations

import urllib.parse
from typing import Any

from .client import Client, reading
from .identifiers import arxiv_from_doi, bare_doi
from .work import Name, Work, plain

URL = "https://api.crossref.org/works/"

#: Crossref's work types → (BibTeX entry type, the field that names the container).
TYPES: dict[str, tuple[str, str]] = {
    "journal-article": ("article", "journal"),
    "proceedings-article": ("inproceedings", "booktitle"),
    "book-chapter": ("incollection", "booktitle"),
    "book-section": ("incollection", "booktitle"),
    "book-part": ("incollection", "booktitle"),
    "book": ("book", ""),
    "monograph": ("book", ""),
    "edited-book": ("book", ""),
    "reference-book": ("book", ""),
    "dissertation": ("phdthesis", ""),
    "report": ("techreport", ""),
    "posted-content": ("misc", "howpublished"),
    "dataset": ("misc", "howpublished"),
}


def fetch(client: Client, doi: str) -> Work:
    """The work a Crossref DOI names; :class:`~.client.NotFound` for others."""
    params = {"mailto": client.mailto} if client.mailto else None
    reply = client.json(URL + urllib.parse.quote(doi, safe="/"), params)
    with reading("api.crossref.org"):
        return work_from_crossref(reply["message"])


def work_from_crossref(message: dict[str, Any]) -> Work:
    entry_type, container = TYPES.get(str(message.get("type")), ("misc", "howpublished"))
    date = _date(message)
    fields: dict[str, str] = {}
    if container and (title := _first(message.get("container-title"))):
        fields[container] = title
    for source, target in (("volume", "volume"), ("issue", "number"), ("page", "pages")):
        if value := plain(message.get(source)):
            fields[target] = value.replace("-", "--") if target == "pages" else value
    publisher = plain(message.get("publisher"))
    if entry_type == "phdthesis":
        institution = message.get("institution") or [{}]
        fields["school"] = plain(institution[0].get("name")) or publisher
    elif entry_type == "techreport":
        fields["institution"] = publisher
    elif entry_type in {"book", "incollection"} and publisher:
        fields["publisher"] = publisher
    doi = bare_doi(message.get("DOI", ""))
    return Work(
        entry_type=entry_type,
        title=": ".join(
            t for t in (_first(message.get("title")), _first(message.get("subtitle"))) if t
        ),
        authors=[_name(person) for person in message.get("author") or []],
        year=date[0] if date else None,
        month=date[1] if date and len(date) > 1 else 0,
        fields=fields,
        doi=doi,
        arxiv=arxiv_from_doi(doi),
        url=str(message.get("URL") or ""),
    )


def _first(values: object) -> str:
    return plain(values[0]) if isinstance(values, list) and values else ""


def _name(person: dict[str, Any]) -> Name:
    if "family" in person:
        return Name(plain(person["family"]), plain(person.get("given")))
    return Name(plain(person.get("name")))


def _date(message: dict[str, Any]) -> list[int]:
    """The earliest publication date Crossref has: issued, else print or online."""
    for key in ("issued", "published", "published-print", "published-online", "created"):
        parts = (message.get(key) or {}).get("date-parts") or [[]]
        if parts[0] and parts[0][0]:
            return [int(p) for p in parts[0] if p]
    return []
