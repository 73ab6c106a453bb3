"""OpenAlex (``api.openalex.org``): works, an author's works, and citation counts.

OpenAlex asks for an API key (free, ``OPENALEX_API_KEY``); without one a small daily
allowance of list requests remains, which a homepage's weekly update fits in.
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .client import Client, reading
from .identifiers import arxiv_from_doi, bare_doi, normal_arxiv, normal_doi
from .work import Name, Work, name_from_display, plain

URL = "https://api.openalex.org/"
KEY_VARIABLE = "OPENALEX_API_KEY"
#: What ``citations`` needs of a work.
COUNT_FIELDS = "id,doi,title,publication_year,cited_by_count,locations"
#: DOIs in one ``filter=doi:a|b|…`` request, OpenAlex's limit.
BATCH = 50

#: OpenAlex work types → BibTeX entry types; ``article`` depends on where it appeared.
TYPES = {
    "book-chapter": "incollection",
    "book": "book",
    "dissertation": "phdthesis",
    "report": "techreport",
    "preprint": "misc",
    "dataset": "misc",
    "software": "software",
}


def fetch_work(client: Client, work_id: str) -> Work:
    """One work by its OpenAlex id (``W2741809807``)."""
    reply = client.json(f"{URL}works/{work_id}", _params(client))
    with reading("api.openalex.org"):
        return work_from_openalex(reply)


@dataclass(frozen=True)
class Author:
    """An author's OpenAlex id and totals."""

    id: str
    citations: int
    h_index: int
    i10_index: int


def fetch_author(client: Client, author: str) -> Author:
    """An author by OpenAlex id (``A5023888391``) or ``orcid:0000-…``."""
    reply = client.json(f"{URL}authors/{urllib.parse.quote(author, safe=':')}", _params(client))
    with reading("api.openalex.org"):
        stats = reply.get("summary_stats") or {}
        return Author(
            id=reply["id"].rsplit("/", 1)[-1],
            citations=int(reply.get("cited_by_count") or 0),
            h_index=int(stats.get("h_index") or 0),
            i10_index=int(stats.get("i10_index") or 0),
        )


def author_works(client: Client, author_id: str, select: str = "") -> list[dict[str, Any]]:
    """Every work of an author (``A…``), page by page."""
    params = {"filter": f"author.id:{author_id}", "per-page": "200"}
    return list(_pages(client, params | ({"select": select} if select else {})))


def works_by_doi(client: Client, dois: Iterable[str], select: str = "") -> list[dict[str, Any]]:
    """The works OpenAlex has for these DOIs, :data:`BATCH` to a request."""
    dois = list(dict.fromkeys(dois))
    found: list[dict[str, Any]] = []
    for start in range(0, len(dois), BATCH):
        params = {"filter": "doi:" + "|".join(dois[start : start + BATCH]), "per-page": "200"}
        found += _pages(client, params | ({"select": select} if select else {}))
    return found


def _pages(client: Client, params: dict[str, str]) -> Iterator[dict[str, Any]]:
    """All results of a list request, following OpenAlex's cursor."""
    cursor: str | None = "*"
    while cursor:
        reply = client.json(f"{URL}works", params | {"cursor": cursor} | _params(client))
        with reading("api.openalex.org"):
            results = reply["results"]
            cursor = reply["meta"].get("next_cursor") if results else None
            yield from (r for r in results if isinstance(r, dict))


def _params(client: Client) -> dict[str, str]:
    params = {"mailto": client.mailto} if client.mailto else {}
    if key := os.environ.get(KEY_VARIABLE, "").strip():
        params["api_key"] = key
    return params


def work_ids(work: dict[str, Any]) -> tuple[str, str, str]:
    """DOI, arXiv id and title of a work as OpenAlex has it, normalised for matching."""
    doi = normal_doi(work.get("doi") or "")
    arxiv = arxiv_from_doi(doi)
    for location in work.get("locations") or []:
        arxiv = arxiv or normal_arxiv((location or {}).get("landing_page_url") or "")
    return doi, arxiv, plain(work.get("title") or work.get("display_name"))


def work_from_openalex(work: dict[str, Any]) -> Work:
    location = work.get("primary_location") or {}
    source = location.get("source") or {}
    venue = plain(source.get("display_name"))
    entry_type = TYPES.get(str(work.get("type")), "misc")
    if work.get("type") == "article":
        entry_type = {"journal": "article", "conference": "inproceedings"}.get(
            str(source.get("type")), "misc"
        )
    fields: dict[str, str] = {}
    container = {
        "article": "journal",
        "inproceedings": "booktitle",
        "incollection": "booktitle",
        "misc": "howpublished",
        "phdthesis": "school",
        "techreport": "institution",
    }.get(entry_type)
    if container and venue:
        fields[container] = venue
    biblio = work.get("biblio") or {}
    if volume := plain(biblio.get("volume")):
        fields["volume"] = volume
    if issue := plain(biblio.get("issue")):
        fields["number"] = issue
    first, last = plain(biblio.get("first_page")), plain(biblio.get("last_page"))
    if first:
        fields["pages"] = f"{first}--{last}" if last and last != first else first
    _, arxiv, title = work_ids(work)
    doi = bare_doi(work.get("doi") or "")
    date = str(work.get("publication_date") or "")
    return Work(
        entry_type=entry_type,
        title=title,
        authors=[_name(a) for a in work.get("authorships") or []],
        year=work.get("publication_year"),
        month=int(date[5:7]) if date[5:7].isdigit() else 0,
        fields=fields,
        doi=doi,
        arxiv=arxiv,
        url=str(location.get("landing_page_url") or ""),
    )


def _name(authorship: dict[str, Any]) -> Name:
    author = authorship.get("author") or {}
    return name_from_display(author.get("display_name") or authorship.get("raw_author_name") or "")
