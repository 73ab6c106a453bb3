"""What a host tells the engine about a page, and what each macro call is rendered for.

Nothing here is set on a shared object: a host builds a :class:`PageContext` for the page it
converts, and the engine derives a :class:`RenderContext` for every call on it. So two pages
(or a call inside a call) never see each other's URL or heading level.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin


@dataclass(frozen=True)
class PageContext:
    """The page a host is converting."""

    #: How messages name the page: its path under ``docs_dir``.
    name: str = "page"
    #: Its URL relative to the site root (``cv/``, ``about.html``); ``None`` when unknown,
    #: which leaves site-relative links from data as they are.
    url: str | None = None
    #: The line of the source file where the Markdown starts (after front matter).
    first_line: int = 1
    #: Whether the host hands pages to a search index that reads the lean copies of lists
    #: (see :meth:`mkdocs_research.research.Research.lean_for_search`).
    search: bool = False


@dataclass(frozen=True)
class RenderContext:
    """What one macro call renders for: the page's URL, the level of the headings it
    writes (one below the page's heading above the call), whether to make a search copy,
    and whether the page has a title of its own."""

    page_url: str | None = None
    heading: int = 2
    search: bool = False
    #: Whether the page has a title (a level-1 heading) of its own, so a profile header
    #: does not add a second one.
    page_has_title: bool = False


@dataclass(frozen=True)
class SiteInfo:
    """What the files beside the pages (feed, head tags) need to know about the site."""

    name: str = ""
    #: ``site_url`` from ``mkdocs.yml``, or empty: links then stay relative.
    url: str = ""
    #: The theme's language (``en``, ``de``, ``en-US``), if it names one.
    language: str | None = None

    def absolute(self, url: str) -> str:
        """``url`` (site-relative) as crawlers and feed readers want it, when the site has
        a ``site_url``."""
        return urljoin(self.url, url) if self.url else url
