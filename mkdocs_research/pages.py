"""Publication pages (``publication_pages: true``): one page per citekey at
``publications/<slug>/``, which list rows link to.

Which pages there are is decided here once for every host: the MkDocs plugin adds them to the
build as generated files, ``mkdocs-research generate`` writes them into ``docs/``. A page the
site already has at the same address wins, and the entry is reported.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from markupsafe import escape

from . import facts
from .model import Problem, Publication
from .rendering import KeySlugs


@dataclass(frozen=True)
class PublicationPage:
    """A publication's own page."""

    #: The publication's id: its citekey (with its file, where two files share one).
    key: str
    #: The page's source path under ``docs_dir``: ``publications/<slug>.md``.
    path: str
    #: Its URL relative to the site root: ``publications/<slug>/``.
    url: str
    #: The page title, as plain text.
    title: str


def page_url(path: str, directory_urls: bool = True) -> str:
    """The URL a Markdown page at ``path`` gets, as MkDocs and Zensical give it."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/" if directory_urls else stem + ".html"


def plan_pages(
    publications: Mapping[str, Publication],
    slugs: KeySlugs,
    taken: Collection[str],
    directory_urls: bool = True,
) -> tuple[list[PublicationPage], list[Problem]]:
    """A page for every publication (``publications`` by id) whose address (``taken``: the
    URLs of the site's own pages) is free; a problem for each one that is not."""
    pages: list[PublicationPage] = []
    problems: list[Problem] = []
    for key, publication in publications.items():
        path = slugs.path(key)
        url = page_url(path, directory_urls)
        if url in taken:
            problems.append(
                Problem(
                    publication.file,
                    publication.line,
                    f"publication page for '{key}' would replace the page at {url}; "
                    "rename the citekey or that page",
                )
            )
            continue
        pages.append(PublicationPage(key, path, url, facts.title_text(publication)))
    return pages, problems


def front_matter(page: PublicationPage, **more: str) -> str:
    """The page's YAML front matter: its title and ``more`` values. Themes print page titles
    unescaped (they may hold entities), so the title is escaped here."""
    values = {"title": str(escape(page.title)), **more}
    lines = [f"{name}: {yaml_string(value)}" for name, value in values.items()]
    return "---\n" + "\n".join(lines) + "\n---\n"


#: What a YAML double-quoted scalar cannot hold as it is: quotes, backslashes, control and
#: line-break characters (YAML 1.1 breaks lines at U+0085, U+2028 and U+2029 too).
_YAML_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]')


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return "\\" + char if char in '"\\' else f"\\u{ord(char):04x}"


def yaml_string(value: str) -> str:
    """``value`` as a YAML double-quoted scalar that every YAML reader reads back exactly."""
    return '"' + _YAML_ESCAPE.sub(_escape, value) + '"'
