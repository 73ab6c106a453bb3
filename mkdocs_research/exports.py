"""Files every build writes beside the pages: ``publications.bib`` (all entries, cleaned) and
``feed.xml`` (an Atom feed of new publications and news)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence

from . import facts
from .dates import PartialDate
from .latex import latex_to_html
from .model import NewsItem, Publication
from .prose import markdown_to_html, markdown_to_text
from .queries import sort_key

ATOM = "http://www.w3.org/2005/Atom"
#: Characters XML 1.0 forbids even escaped; pasted data sometimes carries them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
FEED_SIZE = 50


def bibliography_file(publications: Sequence[Publication]) -> str:
    """Every publication as clean BibTeX (no custom fields, no markers), newest first. An
    entry repeating an earlier entry's citekey is written under its own id, so the file
    keeps every entry and stays valid BibTeX."""
    entries = [
        p.bibtex if p.id == p.key else p.bibtex.replace(f"{{{p.key},", f"{{{p.id},", 1)
        for p in sorted(publications, key=sort_key)
    ]
    return "\n\n".join(entries) + "\n"


def _timestamp(date: PartialDate | None) -> str:
    """RFC 3339 time for Atom; unknown months and days count as the first."""
    if date is None:
        return "1970-01-01T00:00:00Z"
    return f"{date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}T00:00:00Z"


def _publication_date(publication: Publication) -> PartialDate | None:
    return PartialDate(publication.year, publication.month) if publication.year else None


def atom_feed(
    publications: Sequence[Publication],
    news: Sequence[NewsItem],
    *,
    site_url: str,
    site_name: str,
    link_of: Callable[[Publication], str],
    news_url: str,
    remote_images: bool = False,
    label: facts.Label = facts.ENGLISH.__getitem__,
) -> str:
    """An Atom feed of the newest publications and news items, newest first.

    ``link_of`` gives each publication's URL (its own page when there is one); ``label``
    names a thesis's kind in the site's language.
    """
    items: list[tuple[str, ET.Element]] = []
    newest = sorted((p for p in publications if p.year is not None), key=sort_key)[:FEED_SIZE]
    recent_news = sorted(news, key=lambda n: (n.date, -n.order), reverse=True)[:FEED_SIZE]
    for publication in newest:
        when = _timestamp(_publication_date(publication))
        entry = ET.Element(f"{{{ATOM}}}entry")
        _add(entry, "title", facts.title_text(publication))
        _link(entry, link_of(publication))
        _add(entry, "id", f"{site_url.rstrip('/')}/#pub-{publication.id}")
        _add(entry, "updated", when)
        _add(entry, "summary", facts.summary_text(publication, label=label))
        if abstract := publication.get("abstract"):
            _add(entry, "content", latex_to_html(str(abstract)), type="html")
        _add(entry, "category", None, term="publication")
        items.append((when, entry))
    for item in recent_news:
        when = _timestamp(item.date)
        entry = ET.Element(f"{{{ATOM}}}entry")
        text = markdown_to_text(item.text)
        _add(entry, "title", text if len(text) <= 80 else text[:77].rsplit(" ", 1)[0] + "…")
        _link(entry, news_url)
        _add(entry, "id", f"{site_url.rstrip('/')}/#news-{item.date.iso()}-{item.order}")
        _add(entry, "updated", when)
        _add(entry, "content", markdown_to_html(item.text, remote_images), type="html")
        _add(entry, "category", None, term="news")
        items.append((when, entry))
    items.sort(key=lambda pair: pair[0], reverse=True)

    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "title", site_name)
    _link(feed, site_url or "./")
    _link(feed, f"{site_url}feed.xml" if site_url else "feed.xml", rel="self")
    _add(feed, "id", site_url or site_name)
    _add(feed, "updated", items[0][0] if items else _timestamp(None))
    _add(feed, "generator", "mkdocs-research")
    for _, entry in items[:FEED_SIZE]:
        feed.append(entry)
    ET.register_namespace("", ATOM)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def _add(parent: ET.Element, tag: str, text: str | None, **attributes: str) -> None:
    """An element whose text and attributes hold only what XML allows: one control character
    pasted into a title or a link would make the whole feed unreadable."""
    safe = {name: _NOT_XML.sub("", value) for name, value in attributes.items()}
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", safe)
    element.text = None if text is None else _NOT_XML.sub("", text)


def _link(parent: ET.Element, href: str, rel: str = "alternate") -> None:
    _add(parent, "link", None, href=href, rel=rel)
