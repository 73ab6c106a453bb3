"""DataCite's REST API (``api.datacite.org/dois/{doi}``): the DOIs Crossref does not have,
such as arXiv's (``10.48550/arXiv.…``), Zenodo's and many repositories' and proceedings'."""

from __future__ import annotations

import urllib.parse
from typing import Any

from .client import Client, reading
from .identifiers import arxiv_from_doi, bare_doi
from .work import Name, Work, name_from_display, plain, year_of

URL = "https://api.datacite.org/dois/"

#: DataCite's resource types → (BibTeX entry type, the field that names the container).
TYPES: dict[str, tuple[str, str]] = {
    "JournalArticle": ("article", "journal"),
    "ConferencePaper": ("inproceedings", "booktitle"),
    "BookChapter": ("incollection", "booktitle"),
    "Book": ("book", ""),
    "Dissertation": ("phdthesis", ""),
    "Report": ("techreport", ""),
    "Software": ("software", ""),
    "Preprint": ("misc", ""),
}


def fetch(client: Client, doi: str) -> Work:
    """The work a DataCite DOI names; :class:`~.client.NotFound` for others."""
    reply = client.json(URL + urllib.parse.quote(doi, safe="/"))
    with reading("api.datacite.org"):
        return work_from_datacite(reply["data"]["attributes"])


def work_from_datacite(attributes: dict[str, Any]) -> Work:
    types = attributes.get("types") or {}
    kind = types.get("resourceType") if types.get("resourceType") in TYPES else None
    kind = kind or types.get("resourceTypeGeneral")
    entry_type, container = TYPES.get(str(kind), (str(types.get("bibtex") or "misc"), ""))
    publisher = attributes.get("publisher") or ""
    publisher = plain(publisher.get("name") if isinstance(publisher, dict) else publisher)
    fields: dict[str, str] = {}
    container_title = plain((attributes.get("container") or {}).get("title"))
    if container and container_title:
        fields[container] = container_title
    target = {"phdthesis": "school", "techreport": "institution"}.get(entry_type, "publisher")
    if publisher and container_title != publisher and target not in fields:
        fields[target] = publisher
    doi = bare_doi(attributes.get("doi", ""))
    titles = attributes.get("titles") or [{}]
    return Work(
        entry_type=entry_type,
        title=plain(titles[0].get("title")),
        authors=[_name(creator) for creator in attributes.get("creators") or []],
        year=year_of(attributes.get("publicationYear")),
        month=_month(attributes.get("dates") or []),
        fields=fields,
        doi=doi,
        arxiv=arxiv_from_doi(doi),
        url=str(attributes.get("url") or ""),
    )


def _name(creator: dict[str, Any]) -> Name:
    if creator.get("familyName"):
        return Name(plain(creator["familyName"]), plain(creator.get("givenName")))
    if creator.get("nameType") == "Organizational":
        return Name(plain(creator.get("name")))
    return name_from_display(str(creator.get("name") or ""))


def _month(dates: list[dict[str, Any]]) -> int:
    """The month of the ``Issued`` date, when it has one (``2013-11``)."""
    for date in dates:
        text = str(date.get("date") or "")
        if date.get("dateType") == "Issued" and len(text) >= 7 and text[5:7].isdigit():
            return int(text[5:7])
    return 0
