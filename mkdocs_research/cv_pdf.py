"""The CV as a PDF, typeset offline by Typst from the same data and in the same order as the
CV page.

The page that holds the ``cv`` macro decides what the PDF shows: its headings, short prose
paragraphs and macro calls, in page order. Each call goes through the same :class:`Macros`
as on the page (the same filters, the same checks), but hands its selection to
:class:`_Blocks` instead of the HTML renderer. The template ``research/cv.typ`` (overridable
like the HTML templates) lays the blocks out in Typst; every value from data is escaped on
output (see :mod:`mkdocs_research.typst_markup`), and the ``typst`` package compiles the
result with its bundled fonts, all embedded in the PDF.

``typst`` is imported only when a PDF is made, so sites without ``cv_pdf`` never load it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from weakref import WeakKeyDictionary

from jinja2 import Environment, StrictUndefined, TemplateError, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from .calls import Call, find_calls
from .context import RenderContext
from .cv import group_service
from .dates import format_range, short
from .errors import template_problem
from .macros import MacroError, Macros
from .model import CVSection, NewsItem, Problem, Profile, Publication, Talk, display_path
from .profile import METRICS
from .prose import markdown_inline, markdown_to_html
from .queries import Group
from .rendering import Renderer
from .typst_markup import TypstMarkup, escape, html_to_typst, link, string

if TYPE_CHECKING:  # the engine makes the PDF through this module
    from .research import Research

__all__ = [
    "Block",
    "cv_page",
    "make_cv_pdf",
    "markdown_pages",
    "paper_size",
    "typst_source",
    "write_cv_pdf",
]

TEMPLATE = "research/cv.typ"
#: Regions (ISO 3166) whose paper is US letter; every other region, and none, gets A4.
LETTER_REGIONS = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "PR", "GT", "CR", "PA"})
_LANGUAGE = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}))?\b")


@dataclass
class Block:
    """One piece of the PDF, in page order: what ``blocks`` in ``cv.typ`` holds.

    ``kind`` is ``heading`` or ``prose`` (``text``: Markdown from the page), or the macro
    that made it: ``profile`` (``show``: which parts), ``cv`` (``sections``, ``show_titles``),
    ``publications`` (``groups`` of (title, publication views), ``legend``), ``talks``
    (``groups`` of (title, talks)) or ``news`` (``items``). ``level`` is 2 for a section and
    3 for a subsection: a heading's own, or that of titles a macro writes.
    """

    kind: str
    level: int = 2
    text: str = ""
    show: dict[str, bool] = field(default_factory=dict)
    sections: list[CVSection] = field(default_factory=list)
    show_titles: bool = False
    groups: list[tuple[str, list[Any]]] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)
    items: list[NewsItem] = field(default_factory=list)


class _Blocks:
    """Stands in for the HTML renderer under :class:`Macros`: each macro returns its
    selection as a :class:`Block`, whose level is the heading level the call renders for."""

    def __init__(self, renderer: Renderer) -> None:
        self.renderer = renderer

    def publications(
        self,
        groups: Sequence[Group],
        style: str,
        context: RenderContext,
        filters: bool = False,
    ) -> Block:
        shown = [p for g in groups for p in g.publications]
        views = [
            (self.renderer.group_heading(g)[0], self.renderer.views(g.publications, None))
            for g in groups
        ]
        legend = self.renderer.legend(shown)
        return Block("publications", context.heading, groups=views, legend=legend)

    def publication(self, publication: Publication, context: RenderContext) -> Block:
        return self.publications([Group("none", "", [publication])], "full", context)

    def bibtex(self, publication: Publication) -> Block | None:
        return None  # a CV on paper has no use for BibTeX

    def profile(self, profile: Profile, show: dict[str, bool], context: RenderContext) -> Block:
        return Block("profile", context.heading, show=show)

    def talks(self, groups: list[tuple[str, list[Talk]]], context: RenderContext) -> Block:
        return Block("talks", context.heading, groups=list(groups))

    def news(self, items: list[NewsItem], context: RenderContext) -> Block:
        return Block("news", context.heading, items=items)

    def cv(self, sections: list[CVSection], show_titles: bool, context: RenderContext) -> Block:
        return Block("cv", context.heading, sections=sections, show_titles=show_titles)


# The CV page -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Heading:
    level: int
    text: str


@dataclass(frozen=True)
class _Prose:
    text: str


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_ATTRIBUTES = re.compile(r"(?<!\s)\s*\{[^{}]*\}\s*$")  # from where spaces start: linear
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
#: Blocks that are not prose a CV would print: HTML, admonitions and tabs, tables, snippets,
#: link definitions, abbreviations, page directives.
_NOT_PROSE = re.compile(r"^(?:<|!!!|\?\?\?|===|:::|\||--8<--|\[[^\]]*\]:|\*\[|\{[%#:]|\[TOC\])")


def _page_items(text: str, names: Sequence[str]) -> list[_Heading | _Prose | Call]:
    """The headings, prose paragraphs and macro calls of a page, in order."""
    body = _FRONT_MATTER.sub("", text, count=1)
    items: list[_Heading | _Prose | Call] = []
    last = 0
    for call in find_calls(body, names):
        items += _markdown_blocks(body[last : call.start])
        items.append(call)
        last = call.end
    items += _markdown_blocks(body[last:])
    return items


def _markdown_blocks(text: str) -> list[_Heading | _Prose]:
    """Headings and paragraphs (lists included) of a stretch of Markdown; code, HTML,
    admonitions and tables are left out."""
    blocks: list[_Heading | _Prose] = []
    paragraph: list[str] = []
    fence = ""

    def flush() -> None:
        if paragraph and not _NOT_PROSE.match(paragraph[0].lstrip()):
            blocks.append(_Prose("\n".join(paragraph)))
        paragraph.clear()

    for line in text.splitlines():
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            continue
        if opening:
            flush()
            fence = opening.group(1)
        elif heading := _HEADING.match(line):
            flush()
            blocks.append(_Heading(len(heading.group(1)), _ATTRIBUTES.sub("", heading.group(2))))
        elif not line.strip():
            flush()
        elif paragraph or not line.startswith(("    ", "\t")):  # not indented code
            paragraph.append(line)
    flush()
    return blocks


def cv_page(pages: Iterable[tuple[str, str]]) -> tuple[str, str] | None:
    """The CV page among ``(name, Markdown)`` pages: the first with the whole CV
    (``{{ cv() }}``), else the first with any ``cv`` call, by name; ``None`` if none has."""
    with_cv: list[tuple[bool, str, str]] = []
    for name, text in pages:
        calls = [c for c in find_calls(text, ("cv",)) if c.name == "cv" and not c.error]
        if calls:
            whole = any(not c.args and c.kwargs.get("section") is None for c in calls)
            with_cv.append((not whole, name, text))
    if not with_cv:
        return None
    _, name, text = min(with_cv)
    return name, text


def _blocks(research: Research, page: str | None) -> list[Block]:
    """What the PDF shows: the CV page's headings, prose and macros in page order, or without
    a CV page, every section of ``cv.yml``, then the (selected) publications and the talks."""
    target = _Blocks(research.renderer)
    if page is None:
        store = research.store
        selected = any(p.selected for p in store.publications)
        items: list[_Heading | _Prose | Call] = [Call("cv", 0, 0, 1)]
        if store.publications:
            title = "Selected Publications" if selected else "Publications"
            kwargs = {"selected": True} if selected else {}
            items += [_Heading(2, title), Call("publications", 0, 0, 1, kwargs=kwargs)]
        if store.talks:
            items += [_Heading(2, "Talks"), Call("talks", 0, 0, 1)]
    else:
        items = _page_items(page, Macros.names)
    headings = [item for item in items if isinstance(item, _Heading)]
    if headings and headings[0].level == 1 and sum(h.level == 1 for h in headings) == 1:
        items.remove(headings[0])  # the page's title: the PDF has the name instead
        headings.pop(0)
    top = min((h.level for h in headings), default=2)
    above = top - 1  # the level of the heading above the current item

    def level(value: int) -> int:
        return 2 if value <= top else 3

    blocks: list[Block] = []
    for item in items:
        if isinstance(item, _Heading):
            above = item.level
            blocks.append(Block("heading", level(item.level), text=item.text))
        elif isinstance(item, _Prose):
            blocks.append(Block("prose", text=item.text))
        else:
            context = RenderContext(heading=level(above + 1))
            try:
                block = Macros(research.store, target, context).call(item)
            except MacroError:
                continue  # reported where the page itself is rendered
            if block is not None:
                blocks.append(block)
    return blocks


# Typst -------------------------------------------------------------------------------------


def paper_size(paper: str | None, language: str | None) -> str:
    """Typst's name of the paper: the option's, else US letter where the site's language
    names a region that uses it (``en-US``, ``en_CA``, ``es-MX``), else A4."""
    if paper is not None:
        return "us-letter" if paper == "letter" else paper
    match = _LANGUAGE.match(language or "")
    region = (match.group(2) or "").upper() if match else ""
    return "us-letter" if region in LETTER_REGIONS else "a4"


def _language(language: str | None) -> str:
    """The language code Typst hyphenates with: ``en`` for ``en-US``."""
    match = _LANGUAGE.match(language or "")
    return match.group(1).lower() if match else "en"


@pass_context
def _autoescape(context: Context, value: Any) -> TypstMarkup:
    """Every ``{{ value }}``: Typst as it is, HTML from the converters as Typst, anything
    else escaped to read literally."""
    if isinstance(value, TypstMarkup):
        return value
    if isinstance(value, Markup):
        return html_to_typst(str(value), context.get("site_url", ""))
    return escape("" if value is None else value)


_environments: WeakKeyDictionary[Renderer, Environment] = WeakKeyDictionary()


def _environment(renderer: Renderer) -> Environment:
    """Jinja for Typst: the same templates folder as the HTML (the user's first), and no
    value reaches the output unescaped. Kept per renderer, so that ``mkdocs serve`` compiles
    the template once (and again only when an override of it changes)."""
    env = _environments.get(renderer)
    if env is None:
        env = _environments[renderer] = _new_environment(renderer)
    return env


def _new_environment(renderer: Renderer) -> Environment:
    env = Environment(
        loader=renderer.env.loader,
        finalize=_autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=True,  # an edited override is read again
    )

    @pass_context
    def markdown(context: Context, text: object) -> TypstMarkup:
        return html_to_typst(markdown_inline(str(text)), context.get("site_url", ""))

    @pass_context
    def markdown_block(context: Context, text: object) -> TypstMarkup:
        return html_to_typst(markdown_to_html(str(text)), context.get("site_url", ""))

    @pass_context
    def link_to(context: Context, url: str, body: object) -> TypstMarkup:
        return link(url, _autoescape(context, body), context.get("site_url", ""))

    env.filters.update(
        markdown=markdown,
        markdown_block=markdown_block,
        string=string,
        short_date=short,
        date_range=format_range,
        short_url=_short_url,
    )
    metric_labels = {key: renderer.labels(key) for key in METRICS}
    env.globals.update(link=link_to, service=group_service, metric_labels=metric_labels)
    return env


def _short_url(url: str) -> str:
    """A URL as a CV prints it: ``github.com/idiap/fullgrad-saliency``."""
    parts = urlsplit(url)
    if parts.scheme == "mailto":
        return parts.path
    host = parts.netloc.removeprefix("www.")
    return (host + parts.path.rstrip("/") + (f"?{parts.query}" if parts.query else "")) or url


def typst_source(
    research: Research, page: str | None, *, site_url: str = "", paper: str = "a4", lang: str = "en"
) -> str:
    """The Typst source of the CV (``page``: the CV page's Markdown, if there is one)."""
    profile = research.store.profile
    template = _environment(research.renderer).get_template(TEMPLATE)
    name = profile.name
    return template.render(
        profile=profile,
        contacts=[link for link in profile.links if link.kind != "cv"],
        blocks=_blocks(research, page),
        title=f"{name} — Curriculum Vitae" if name else "Curriculum Vitae",
        author=name,
        paper=paper,
        lang=lang,
        site_url=site_url,
    )


@lru_cache(maxsize=2)
def _compile(source: str, fonts: str | None) -> bytes:
    """The PDF of a Typst source, with Typst's bundled fonts (and those in ``fonts``, the
    templates folder); remembered, as ``mkdocs serve`` rebuilds often change nothing here."""
    import typst

    pdf = typst.compile(  # type: ignore[call-overload]  # the stubs want one type for source and font folders
        source.encode(),
        format="pdf",
        font_paths=[fonts] if fonts else [],
        ignore_system_fonts=True,  # the same PDF on every machine, and no font scan
    )
    assert isinstance(pdf, bytes)
    return pdf


def make_cv_pdf(
    research: Research,
    pages: Iterable[tuple[str, str]] = (),
    *,
    site_url: str = "",
    language: str | None = None,
) -> tuple[bytes | None, list[Problem]]:
    """The PDF CV of a site whose Markdown pages are ``pages`` (name, text), or ``None``
    and the problem that stopped it. ``language`` is the theme's (``en``, ``de``, ``en-US``):
    it chooses the default paper size and the hyphenation."""
    options = research.options
    page = cv_page(pages)
    fonts = str(options.templates) if options.templates and options.templates.is_dir() else None
    try:
        source = typst_source(
            research,
            page[1] if page else None,
            site_url=site_url,
            paper=paper_size(options.cv_pdf_paper, language),
            lang=_language(language),
        )
    except TemplateError as error:
        return None, [template_problem(error, options.root, "the PDF CV")]
    try:
        import typst
    except ImportError:
        return None, [_missing_typst()]
    try:
        return _compile(source, fonts), []
    except typst.TypstError as error:
        return None, [_typeset_problem(research, error)]


def _missing_typst() -> Problem:
    return Problem(
        "mkdocs.yml",
        None,
        "cv_pdf needs the typst package: pip install 'mkdocs-research[pdf]'",
    )


def _typeset_problem(research: Research, error: Exception) -> Problem:
    """Typst's complaint about the source, pinned on the template that made it."""
    template = _environment(research.renderer).get_template(TEMPLATE)
    where = display_path(Path(template.filename or TEMPLATE), research.options.root)
    message = getattr(error, "message", str(error))
    return Problem(
        where,
        None,
        f"the PDF CV could not be typeset: {message}; fix the template or delete it to use "
        "the packaged one",
    )


def markdown_pages(docs_dir: Path) -> list[tuple[str, str]]:
    """Every Markdown page under ``docs_dir`` as (path, text), for hosts without MkDocs'
    file list."""
    return [
        (path.relative_to(docs_dir).as_posix(), path.read_text(encoding="utf-8-sig"))
        for path in sorted(docs_dir.rglob("*.md"))
    ]


def write_cv_pdf(
    research: Research,
    path: Path,
    pages: Iterable[tuple[str, str]] = (),
    *,
    site_url: str = "",
    language: str | None = None,
) -> list[Problem]:
    """Write the PDF CV to ``path`` (see :func:`make_cv_pdf`); the problems if it could not
    be made, in which case nothing is written."""
    pdf, problems = make_cv_pdf(research, pages, site_url=site_url, language=language)
    if pdf is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pdf)
    return problems
