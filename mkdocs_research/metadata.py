"""What search engines and social sites read from a publication's own page: Google Scholar's
Highwire ``citation_*`` tags, schema.org JSON-LD and OpenGraph/Twitter cards.

Values are plain text (LaTeX decoded, no markup); the template escapes them for attributes
and ``tojson`` makes the JSON safe inside ``<script>``. The ``citation_*`` tags describe the
formal record (the BibTeX fields); JSON-LD and the cards show the entry as its row does
(:mod:`mkdocs_research.facts`: ``display_title``, ``display_venue``, …).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urljoin

from . import facts
from .latex import latex_to_text
from .links import file_url, first_doi, safe_url
from .model import Publication
from .queries import kind

#: Highwire tag naming the venue, by publication kind.
_VENUE_TAGS = {
    "journal": ("citation_journal_title", "journal"),
    "preprint": ("citation_journal_title", "journal"),
    "conference": ("citation_conference_title", "booktitle"),
    "workshop": ("citation_conference_title", "booktitle"),
    "chapter": ("citation_inbook_title", "booktitle"),
    "thesis": ("citation_dissertation_institution", "school"),
    "report": ("citation_technical_report_institution", "institution"),
}
#: schema.org type by publication kind.
_SCHEMA_TYPES = {
    "thesis": "Thesis",
    "software": "SoftwareSourceCode",
    "book": "Book",
    "chapter": "Chapter",
    "report": "Report",
}
_ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5}(?:v\d+)?)")
_PAGES = re.compile(r"^\s*(\w+)\s*(?:-+|–|—)\s*(\w+)\s*$")


def _text(publication: Publication, name: str) -> str:
    value = publication.get(name)
    return latex_to_text(str(value)) if value not in (None, "") else ""


def _absolute(url: str, site_url: str) -> str:
    """An absolute URL for crawlers; a site-relative path is resolved against ``site_url``."""
    return urljoin(site_url, url) if site_url else url


def _date(publication: Publication) -> str:
    """``2021/05`` style dates, as Google Scholar asks; empty for non-numeric years."""
    if publication.year is None:
        return ""
    return (
        f"{publication.year}/{publication.month:02d}"
        if publication.month
        else str(publication.year)
    )


def _arxiv_id(publication: Publication) -> str:
    for value in (
        publication.get("arxiv"),
        publication.fields.get("eprint"),
        publication.fields.get("journal"),
    ):
        if value and (match := _ARXIV_ID.search(str(value))):
            return match.group(1)
    return ""


def citation_tags(
    publication: Publication, site_url: str, asset_dirs: Mapping[str, str]
) -> list[tuple[str, str]]:
    """Highwire Press tags in Google Scholar's order: title, authors, date, venue, details.
    ``asset_dirs`` says where a bare file name in ``pdf`` is."""
    tags = [("citation_title", _text(publication, "title"))]
    tags += [
        ("citation_author", latex_to_text(", ".join(p for p in (person.last, person.first) if p)))
        for person in publication.authors
        if not person.is_others
    ]
    if date := _date(publication):
        tags.append(("citation_publication_date", date))
    tag, field = _VENUE_TAGS.get(kind(publication), ("", ""))
    if tag and (venue := _text(publication, field)):
        tags.append((tag, venue))
    tags += [
        (f"citation_{name}", _text(publication, field))
        for name, field in (("volume", "volume"), ("issue", "number"), ("publisher", "publisher"))
        if publication.get(field)
    ]
    # A print and an electronic ISBN (kept together, comma-separated): one tag each.
    tags += [("citation_isbn", isbn) for isbn in _text(publication, "isbn").split(", ")]
    pages = _PAGES.match(_text(publication, "pages"))
    if pages:
        tags += [("citation_firstpage", pages.group(1)), ("citation_lastpage", pages.group(2))]
    elif publication.get("pages"):
        tags.append(("citation_firstpage", _text(publication, "pages")))
    doi = first_doi(publication.get("doi"))
    if doi:
        tags.append(("citation_doi", doi.removeprefix("https://doi.org/")))
    if arxiv := _arxiv_id(publication):
        tags.append(("citation_arxiv_id", arxiv))
    pdf = file_url(publication, "pdf", asset_dirs)
    if pdf:
        tags.append(("citation_pdf_url", _absolute(pdf, site_url)))
    tags += [("citation_keywords", k) for k in publication.keywords]
    return [(name, value) for name, value in tags if value]


def json_ld(publication: Publication, page_url: str) -> dict[str, Any]:
    """schema.org metadata of the publication (``ScholarlyArticle``, ``Thesis``, …)."""
    title = facts.title_text(publication)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": _SCHEMA_TYPES.get(kind(publication), "ScholarlyArticle"),
        "name": title,
        "headline": title,
        "author": [
            {"@type": "Person", "name": latex_to_text(person.display)}
            for person in publication.authors
            if not person.is_others
        ],
        "url": page_url,
    }
    if publication.year is not None:
        data["datePublished"] = _date(publication).replace("/", "-")
    if venue := latex_to_text(facts.venue_name(publication)):
        data["isPartOf"] = {
            "@type": "PublicationIssue" if publication.get("journal") else "CreativeWork",
            "name": venue,
        }
    if abstract := _text(publication, "abstract"):
        data["abstract"] = abstract
    if keywords := publication.keywords:
        data["keywords"] = keywords
    doi = first_doi(publication.get("doi"))
    same = [
        u
        for u in (
            doi,
            safe_url(publication.get("code")) if kind(publication) == "software" else None,
        )
        if u
    ]
    if doi:
        data["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "DOI",
            "value": doi.removeprefix("https://doi.org/"),
        }
    if same:
        data["sameAs"] = same
    return data


def open_graph(
    publication: Publication,
    page_url: str,
    site_url: str,
    site_name: str,
    asset_dirs: Mapping[str, str],
    label: facts.Label = facts.ENGLISH.__getitem__,
) -> list[tuple[str, str]]:
    """OpenGraph and Twitter card properties for link previews; the thumbnail (``preview``)
    is found as in the rows (``asset_dirs``)."""
    title = facts.title_text(publication)
    description = _text(publication, "abstract")
    if len(description) > 300:
        description = description[:297].rsplit(" ", 1)[0] + "…"
    if not description:
        description = facts.summary_text(publication, authors=6, label=label)
    image = file_url(publication, "preview", asset_dirs)
    tags = [
        ("og:type", "article"),
        ("og:title", title),
        ("og:description", description),
        ("og:url", page_url),
        ("og:site_name", site_name),
        ("twitter:card", "summary_large_image" if image else "summary"),
        ("twitter:title", title),
        ("twitter:description", description),
    ]
    if image:
        tags += [
            ("og:image", _absolute(image, site_url)),
            ("twitter:image", _absolute(image, site_url)),
        ]
    return [(name, value) for name, value in tags if value]
