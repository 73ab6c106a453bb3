"""The new site an import writes around the data: ``mkdocs.yml`` and the pages for home,
publications, talks, teaching and CV, made of the plugin's macros.

Both importers describe the site they found in a :class:`NewSite`; this module turns it into
files, so that every import gives the same layout as ``mkdocs-research new``.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from ..labels import ENGLISH_LOCALE, babel_locale
from .jekyll import Document, JekyllSite, plain
from .plan import Plan, dump_yaml

SCAFFOLD = files("mkdocs_research") / "scaffold"


@dataclass
class Page:
    """A page of the new site besides the standard ones (an al-folio page, a news post)."""

    path: str  # in docs/: ``people.md``
    title: str
    text: str  # Markdown, without the title
    nav: bool = False
    address: str = ""  # where the source site published it: ``/people``
    source: str = ""  # the file it is made of: ``_pages/people.md``


@dataclass
class NewSite:
    """What the new site shows, as the importer found it in the source site."""

    name: str
    url: str = ""
    description: str = ""
    language: str = ""
    #: Markdown under the profile header on the home page: address lines, then the text
    #: of the source's home page
    home_text: str = ""
    #: ``None``: no news on the home page; else how many items it shows
    news_limit: int | None = None
    news_count: int = 0
    #: ``selected``, ``recent`` or ``""``: which publications the home page lists
    home_publications: str = ""
    #: profile links with no icon of their own: (label, URL), shown under the header
    more_links: list[tuple[str, str]] = field(default_factory=list)
    publications: bool = False
    #: the publications page groups by this (``year``, ``category``)
    publications_group: str = "year"
    talks: bool = False
    teaching: bool = False
    #: Markdown blocks of the CV page in order (``{{ cv() }}``, a PDF link, ...);
    #: empty: no CV page
    cv: list[str] = field(default_factory=list)
    #: the plugin's options (``bibliography`` when not every .bib file is to be listed)
    options: dict[str, Any] = field(default_factory=dict)
    pages: list[Page] = field(default_factory=list)


#: The pages every import may write, with their Jekyll addresses and nav labels.
STANDARD_PAGES = {
    "/": ("index.md", "Home"),
    "/publications": ("publications.md", "Publications"),
    "/talks": ("talks.md", "Talks"),
    "/teaching": ("teaching.md", "Teaching"),
    "/cv": ("cv.md", "CV"),
    "/news": ("news.md", "News"),
}


def _standard_pages(site: NewSite) -> dict[str, str]:
    """The standard pages the new site has, by the Jekyll address each replaces."""
    wanted = {
        "/": True,
        "/publications": site.publications,
        "/talks": site.talks,
        "/teaching": site.teaching,
        "/cv": bool(site.cv),
        "/news": site.news_count > (site.news_limit or 0),
    }
    return {address: STANDARD_PAGES[address][0] for address, want in wanted.items() if want}


def page_addresses(site: NewSite) -> dict[str, str]:
    """Jekyll addresses → the new pages that replace them, for rewriting links: the
    standard pages and the pages brought over."""
    extra = {page.address: page.path for page in site.pages if page.address}
    return _standard_pages(site) | extra


def text_pages(
    site: JekyllSite, standard: set[str], in_menu: Callable[[Document], bool]
) -> list[Page]:
    """The source's pages of plain text that its menu links (not built from collections or
    data by Liquid loops): each becomes a page here, its text converted later, once every
    page's new name is known. The others are reported."""
    pages = []
    for path in site.page_files():
        if path.name in standard:
            continue
        source = site.source(path)
        document = site.document(source) if path.suffix == ".md" else None
        layout = plain(document.front.get("layout")) if document else ""
        if document is None or layout not in _TEXT_LAYOUTS or _LOOPS.search(document.body):
            site.plan.leave(source, "a page built by the theme's templates; not brought over")
        elif not in_menu(document):
            site.plan.leave(source, "not in the site's menu; not brought over")
        elif not document.body.strip():
            site.plan.leave(source, "has no text (a menu entry or a redirect); not brought over")
        else:
            title = plain(document.front.get("title")) or path.stem
            title = title[:1].upper() + title[1:]
            pages.append(Page(path.name, title, "", True, address=document.address, source=source))
            site.plan.done(f"{source} → docs/{path.name}", "a page of text")
    return pages


def convert_pages(site: JekyllSite, pages: list[Page]) -> None:
    """The text of each page brought over, with links to the new pages."""
    for page in pages:
        document = site.document(page.source)
        page.text = site.page_text(document, page.path) if document else ""


#: Layouts of pages whose body is their text (al-folio's ``page``, academicpages'
#: ``single`` and ``archive``).
_TEXT_LAYOUTS = {"", "page", "default", "single", "archive", "post"}
_LOOPS = re.compile(r"\{%-?\s*(for|bibliography)\b")


def write_site(plan: Plan, site: NewSite) -> None:
    """Plan ``mkdocs.yml``, the pages, the deploy workflow and ``.gitignore``."""
    addresses = _standard_pages(site)
    pages = {
        "index.md": ("Home", _home(site, "news.md" in addresses.values())),
        "publications.md": ("Publications", _macro_page("Publications", _publications(site))),
        "talks.md": ("Talks", _macro_page("Talks", '{{ talks(group_by="year") }}')),
        "teaching.md": ("Teaching", _macro_page("Teaching", '{{ cv("teaching") }}')),
        "cv.md": ("CV", _cv_page(site)),
        "news.md": ("News", _macro_page("News", "{{ news() }}")),
    }
    nav: list[dict[str, str]] = []
    for path in addresses.values():
        label, text = pages[path]
        plan.write(f"docs/{path}", text)
        if path != "news.md" or site.news_limit is None:  # else linked from the home page
            nav.append({label: path})
    for page in site.pages:
        plan.write(f"docs/{page.path}", f"# {page.title}\n\n{page.text.strip()}\n")
        if page.nav:
            nav.append({page.title: page.path})
    plan.write("mkdocs.yml", _config(site, nav))
    for name in (".gitignore", ".github/workflows/deploy.yml"):
        plan.write(name, (SCAFFOLD / name).read_text(encoding="utf-8"), optional=True)


def _home(site: NewSite, all_news: bool) -> str:
    parts = ["---\ntitle: Home\n---", "{{ profile() }}"]
    if site.more_links:
        parts.append(" · ".join(f"[{label}]({url})" for label, url in site.more_links))
    if site.home_text.strip():
        parts.append(site.home_text.strip())
    if site.news_limit is not None and site.news_count:
        parts.append(f"## News\n\n{{{{ news(limit={site.news_limit}) }}}}")
        if all_news:
            parts.append("[All news](news.md)")
    if site.home_publications == "selected":
        parts.append("## Selected publications\n\n{{ publications(selected=true) }}")
    elif site.home_publications == "recent":
        parts.append("## Recent publications\n\n{{ publications(limit=5) }}")
    return "\n\n".join(parts) + "\n"


def _publications(site: NewSite) -> str:
    return f'{{{{ publications(group_by="{site.publications_group}") }}}}'


def _macro_page(title: str, macro: str) -> str:
    return f"# {title}\n\n{macro}\n"


def _cv_page(site: NewSite) -> str:
    blocks = ["# Curriculum Vitae", "{{ profile(photo=false, summary=false) }}", *site.cv]
    return "\n\n".join(blocks) + "\n"


def _config(site: NewSite, nav: list[dict[str, str]]) -> str:
    theme: dict[str, Any] = {"name": "material", "font": False}
    material = _material_language(site.language)
    if material:
        theme["language"] = material
    options = dict(site.options)
    if site.language and not material and babel_locale(site.language) != ENGLISH_LOCALE:
        # a region Material has no labels for (``en-us``): the plugin's dates follow it
        options["language"] = _code(site.language)
    theme["features"] = ["navigation.instant", "navigation.tabs"]
    theme["palette"] = [
        {
            "scheme": "default",
            "toggle": {"icon": "material/weather-night", "name": "Switch to dark mode"},
        },
        {
            "scheme": "slate",
            "toggle": {"icon": "material/weather-sunny", "name": "Switch to light mode"},
        },
    ]
    config: dict[str, Any] = {"site_name": site.name}
    if site.url:
        config["site_url"] = site.url
    if site.description:
        config["site_description"] = site.description
    config["theme"] = theme
    config["plugins"] = ["search", {"research": options} if options else "research"]
    config["markdown_extensions"] = [
        "attr_list",
        "md_in_html",
        "tables",
        {"toc": {"permalink": True}},
    ]
    config["nav"] = nav
    header = (
        "Imported from a Jekyll site by mkdocs-research import.\n"
        "font: false uses system fonts, so the site fetches nothing from the internet."
    )
    return dump_yaml(config, header)


def _material_language(code: str) -> str:
    """Material for MkDocs' ``theme.language`` code for ``code`` (``pt-br`` → ``pt-BR``),
    if it has labels for it and it is not English, its default; else ``""``."""
    spec = importlib.util.find_spec("material")
    if not code or spec is None or not spec.origin:
        return ""
    languages = Path(spec.origin).parent / "templates" / "partials" / "languages"
    found = {path.stem.lower(): path.stem for path in languages.glob("*.html")}
    return "" if code.lower() == "en" else found.get(code.lower(), "")


def _code(code: str) -> str:
    """A language code as Material and the plugin spell it: ``en-us`` → ``en-US``."""
    language, _, region = code.replace("_", "-").partition("-")
    return f"{language.lower()}-{region.upper()}" if len(region) == 2 else code
