"""dblp's XML (``dblp.org/rec/{key}.xml`` for one record, ``dblp.org/pid/{pid}.xml`` for a
person's records), computer science's curated bibliography."""

from __future__ import annotations

import urllib.parse
import xml.etree.ElementTree as ET

from .client import Client, FetchError, reading
from .identifiers import bare_doi, normal_arxiv
from .work import Work, name_from_display, plain, year_of

URL = "https://dblp.org/"

#: dblp's record elements → BibTeX entry types; ``www`` (home pages) is no publication.
TYPES = {
    "article": "article",
    "inproceedings": "inproceedings",
    "incollection": "incollection",
    "book": "book",
    "proceedings": "proceedings",
    "phdthesis": "phdthesis",
    "mastersthesis": "mastersthesis",
    "data": "misc",
}
#: dblp's fields that BibTeX has under the same name.
_FIELDS = ("journal", "booktitle", "volume", "number", "pages", "publisher", "school", "series")


def fetch_record(client: Client, key: str) -> Work:
    """The record with this dblp key (``conf/nips/VaswaniSPUJGKP17``)."""
    root = _xml(client.get(f"{URL}rec/{urllib.parse.quote(key)}.xml"))
    with reading("dblp.org"):
        return next(work_from_record(r) for r in root if r.tag in TYPES)


def fetch_person(client: Client, pid: str) -> list[Work]:
    """Every publication of the person with this dblp id (``00/1``), newest first."""
    root = _xml(client.get(f"{URL}pid/{urllib.parse.quote(pid)}.xml"))
    with reading("dblp.org"):
        return [
            work_from_record(record)
            for wrapper in root.iter("r")
            for record in wrapper
            if record.tag in TYPES
        ]


def work_from_record(record: ET.Element) -> Work:
    fields = {child.tag: _text(child) for child in record if child.tag in _FIELDS}
    if "pages" in fields:
        fields["pages"] = fields["pages"].replace("-", "--")
    links = [_text(ee) for ee in record.findall("ee")]
    doi = next((bare_doi(link) for link in links if bare_doi(link)), "")
    arxiv = next((normal_arxiv(link) for link in links if normal_arxiv(link)), "")
    entry_type = TYPES[record.tag]
    if fields.get("journal") == "CoRR":  # dblp files arXiv e-prints as CoRR articles
        entry_type = "misc"
        arxiv = arxiv or normal_arxiv(fields.get("volume", "").removeprefix("abs/"))
        fields = {}
    people = record.findall("author") or record.findall("editor")
    url = next((link for link in links if not bare_doi(link) and not normal_arxiv(link)), "")
    return Work(
        entry_type=entry_type,
        title=_text(record.find("title")).removesuffix("."),
        authors=[name_from_display(_text(person)) for person in people],
        year=year_of(record.findtext("year")),
        fields=fields,
        doi=doi,
        arxiv=arxiv,
        url=url or (f"https://doi.org/{doi}" if doi else ""),
    )


def _text(element: ET.Element | None) -> str:
    """An element's text, including that of markup inside it (``<i>``, ``<sub>``)."""
    return plain("".join(element.itertext())) if element is not None else ""


def _xml(body: bytes) -> ET.Element:
    try:
        return ET.fromstring(body)
    except ET.ParseError:
        raise FetchError("dblp.org sent a reply that is not valid XML") from None
