"""ORCID's public API (``pub.orcid.org/v3.0``): the works a researcher lists on their record.

The works list holds summaries (title, year, identifiers, no authors); the full records of the
works to add come in one bulk request of up to 100.
"""

from __future__ import annotations

from typing import Any

from .client import Client, reading
from .identifiers import bare_doi, normal_arxiv
from .work import Work, name_from_display, plain, year_of

URL = "https://pub.orcid.org/v3.0/"
#: Put-codes in one bulk request, ORCID's limit.
BULK = 100

#: ORCID work types → (BibTeX entry type, the field that names the container).
TYPES: dict[str, tuple[str, str]] = {
    "journal-article": ("article", "journal"),
    "conference-paper": ("inproceedings", "booktitle"),
    "book-chapter": ("incollection", "booktitle"),
    "book": ("book", "publisher"),
    "dissertation": ("phdthesis", "school"),
    "dissertation-thesis": ("phdthesis", "school"),
    "report": ("techreport", "institution"),
    "software": ("software", ""),
    "preprint": ("misc", "howpublished"),
}


def fetch_works(client: Client, orcid: str) -> dict[int, Work]:
    """The works on an ORCID record by put-code, one per group of duplicates, without authors."""
    reply = client.json(f"{URL}{orcid}/works")
    with reading("pub.orcid.org"):
        works = {}
        for group in reply["group"]:
            summary = group["work-summary"][0]
            works[int(summary["put-code"])] = work_from_orcid(summary)
        return works


def fetch_details(client: Client, orcid: str, put_codes: list[int]) -> dict[int, Work]:
    """The full records (with authors) of these works."""
    works: dict[int, Work] = {}
    for start in range(0, len(put_codes), BULK):
        codes = ",".join(str(code) for code in put_codes[start : start + BULK])
        reply = client.json(f"{URL}{orcid}/works/{codes}")
        with reading("pub.orcid.org"):
            for item in reply["bulk"]:
                if "work" in item:
                    works[int(item["work"]["put-code"])] = work_from_orcid(item["work"])
    return works


def work_from_orcid(work: dict[str, Any]) -> Work:
    """A work summary or full work; ORCID's API 2.0 wrote types in capitals."""
    kind = str(work.get("type") or "").lower().replace("_", "-")
    entry_type, container = TYPES.get(kind, ("misc", "howpublished"))
    fields = {}
    if container and (venue := _value(work.get("journal-title"))):
        fields[container] = venue
    ids = _external_ids(work)
    date = work.get("publication-date") or {}
    month = _value(date.get("month"))
    contributors = (work.get("contributors") or {}).get("contributor") or []
    return Work(
        entry_type=entry_type,
        title=_value((work.get("title") or {}).get("title")),
        authors=[
            name_from_display(_value(person.get("credit-name")))
            for person in contributors
            if _role(person) in {"", "author"} and _value(person.get("credit-name"))
        ],
        year=year_of(_value(date.get("year"))),
        month=int(month) if month.isdigit() else 0,
        fields=fields,
        doi=bare_doi(ids.get("doi", "")),
        arxiv=normal_arxiv(ids.get("arxiv", "")),
        url=_value(work.get("url")),
    )


def _value(wrapper: Any) -> str:
    """ORCID wraps values: ``{"value": "…"}``."""
    return plain(wrapper.get("value")) if isinstance(wrapper, dict) else ""


def _role(person: dict[str, Any]) -> str:
    attributes = person.get("contributor-attributes") or {}
    return str(attributes.get("contributor-role") or "").lower()


def _external_ids(work: dict[str, Any]) -> dict[str, str]:
    """The work's own identifiers by type; ``part-of`` ones name a journal or a book."""
    found: dict[str, str] = {}
    for item in (work.get("external-ids") or {}).get("external-id") or []:
        if str(item.get("external-id-relationship") or "self").lower() != "self":
            continue
        kind = str(item.get("external-id-type") or "").lower()
        normalized = _value(item.get("external-id-normalized"))
        found.setdefault(kind, normalized or str(item.get("external-id-value") or ""))
    return found
