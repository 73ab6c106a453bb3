"""arXiv's API (``export.arxiv.org/api/query``), an Atom feed. Several ids go in one request:
arXiv asks clients to make no more than one every three seconds."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .client import Client, FetchError, NotFound, reading
from .identifiers import bare_doi, normal_arxiv
from .work import Work, name_from_display, plain, year_of

URL = "https://export.arxiv.org/api/query"
_ATOM = "{http://www.w3.org/2005/Atom}"
_ARXIV = "{http://arxiv.org/schemas/atom}"


def fetch(client: Client, ids: list[str]) -> dict[str, Work]:
    """The e-prints with these ids (without versions), by id; :class:`~.client.NotFound`
    names the first id arXiv does not know."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return {}
    body = client.get(URL, {"id_list": ",".join(ids), "max_results": str(len(ids))})
    try:
        feed = ET.fromstring(body)
    except ET.ParseError:
        raise FetchError("export.arxiv.org sent a reply that is not valid XML") from None
    works: dict[str, Work] = {}
    with reading("export.arxiv.org"):
        for entry in feed.iter(f"{_ATOM}entry"):
            work = work_from_entry(entry)
            if work.arxiv:
                works[work.arxiv] = work
    for arxiv_id in ids:
        if arxiv_id not in works:
            raise NotFound(f"export.arxiv.org has no e-print arxiv:{arxiv_id}")
    return works


def work_from_entry(entry: ET.Element) -> Work:
    published = entry.findtext(f"{_ATOM}published") or ""
    category = entry.find(f"{_ARXIV}primary_category")
    fields = {}
    if journal := plain(entry.findtext(f"{_ARXIV}journal_ref")):
        fields["note"] = journal
    return Work(
        entry_type="misc",
        title=plain(entry.findtext(f"{_ATOM}title")),
        authors=[
            name_from_display(author.findtext(f"{_ATOM}name") or "")
            for author in entry.findall(f"{_ATOM}author")
        ],
        year=year_of(published),
        month=int(published[5:7]) if published[5:7].isdigit() else 0,
        fields=fields,
        doi=bare_doi(entry.findtext(f"{_ARXIV}doi") or ""),
        arxiv=normal_arxiv(entry.findtext(f"{_ATOM}id") or ""),
        arxiv_class=category.get("term", "") if category is not None else "",
        tex=True,
    )
