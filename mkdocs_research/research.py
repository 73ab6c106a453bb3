"""One site's research data, templates and macros together: what every host drives.

Hosts differ only in how they find the options and where the HTML goes. Expanding the macros
of a page, the publication pages, their head tags, the feed, ``publications.bib``, the
stylesheets and the search copies of long lists are the engine's, so the MkDocs plugin,
the Markdown extension and ``mkdocs-research generate`` all give the same site.
"""

from __future__ import annotations

import contextlib
import gc
import re
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import astuple, dataclass
from pathlib import Path

from markupsafe import escape

from . import classes, facts, parallel
from .cache import DiskCache, RenderCache, digest
from .calls import Call, find_calls, replace_calls
from .context import PageContext, RenderContext, SiteInfo
from .errors import render_problem
from .exports import atom_feed, bibliography_file
from .links import relative_url
from .macros import Macros
from .mathml import math_as_text
from .metadata import citation_tags, json_ld, open_graph
from .model import Problem, Publication
from .options import Options
from .overrides import template_files, template_problems
from .pages import PublicationPage, plan_pages
from .profile import with_cv_link
from .rendering import KeySlugs, Rendered, Renderer, lean_for_search
from .store import DataStore

ASSETS = Path(__file__).parent / "assets"
#: Where the stylesheets and script go, relative to the site root.
STYLESHEETS = ("assets/research/research.css", "assets/research/icons.css")
SCRIPT = "assets/research/research.js"


@dataclass(frozen=True)
class GeneratedFile:
    """A file the site gets beside its pages, at ``path`` relative to the site root."""

    path: str
    content: str | bytes


class Research:
    """The engine behind the macros of one site."""

    def __init__(
        self, options: Options, *, write_cache: bool = True, serving: bool = False
    ) -> None:
        """``write_cache=False`` reads the cache folder but never writes it (``check``);
        ``serving`` keeps rendered HTML as strings, for rebuilds under ``mkdocs serve``
        (see :class:`~mkdocs_research.cache.RenderCache`)."""
        self.options = options
        folder = options.cache_dir
        # Rendered HTML is kept as compact lines of JSON in a build that writes the cache
        # itself; where a child process will write it (see :meth:`end_rendering`), the
        # child makes the lines, and this process lets go of the HTML when it starts.
        compact = not serving and not parallel.available()
        self.store = DataStore(options, DiskCache(folder, write_cache))
        self.renderer = Renderer(options, RenderCache(folder / "rows.json", write_cache, compact))
        self._templates = _fingerprint(options.templates)
        self._template_problems = self._check_templates()
        #: Macro outputs by everything they depend on: a page edit under ``mkdocs serve``,
        #: or a build whose data did not change, renders no macro again.
        self.outputs = RenderCache(folder / "calls.json", write_cache, compact)
        #: The lists each page of this build shows → their search copies, by page name
        #: (see :meth:`lean_for_search`).
        self.search_copies: dict[str, dict[str, str]] = {}
        #: Whether :meth:`end_rendering` ended the build for the caches, and the process
        #: writing their files.
        self._ended = False
        self._writing: parallel.Background | None = None
        #: Publication pages of this build, by citekey (see :meth:`publication_pages`).
        self.pages: dict[str, PublicationPage] = {}

    # A build, from start to end -----------------------------------------------------------

    def refresh(self) -> list[Problem]:
        """Re-read changed data files and templates; return the data problems of this build."""
        self.search_copies.clear()  # of a build that failed half-way
        with _collected_after():
            self.store.refresh()
        if self.options.cv_pdf_name is not None:
            self.store.profile = with_cv_link(self.store.profile, self.options.cv_pdf_name)
        self.pages = {}
        self.renderer.use(self.store.owner, KeySlugs(p.id for p in self.store.publications))
        self.renderer.use_links(self.store.coauthors, self.store.venues)
        templates = _fingerprint(self.options.templates)
        if templates != self._templates:
            self.renderer.forget_templates()
            self._templates = templates
            self._template_problems = self._check_templates()
        return [*self.renderer.labels.problems, *self.store.problems, *self._template_problems]

    def _check_templates(self) -> list[Problem]:
        folder = self.options.templates
        return [] if folder is None else template_problems(folder, self.options.root)

    def publication_pages(
        self, taken: Collection[str] = (), directory_urls: bool = True
    ) -> tuple[list[PublicationPage], list[Problem]]:
        """The publication pages of this build (none unless ``publication_pages`` is on);
        ``taken`` are the URLs of the site's own pages, which keep their address. Rows and
        the feed link to the pages that exist from then on."""
        pages: list[PublicationPage] = []
        problems: list[Problem] = []
        if self.options.publication_pages:
            pages, problems = plan_pages(
                self.store.by_key, self.renderer.slugs, taken, directory_urls
            )
        self.pages = {page.key: page for page in pages}
        slugs = self.renderer.slugs.having_pages(self.pages, directory_urls)
        self.renderer.use(self.renderer.owner, slugs)
        return pages, problems

    def end_rendering(self) -> None:
        """Nothing more is rendered in this build (MkDocs has converted every page): what
        the caches keep is known, and a child process writes their files while the host
        writes the site. This process lets go of what the child writes (a long list's rows
        and HTML, twice): a later build in it reads the files."""
        for cache in self._caches:
            cache.end_build()
        self._ended = True
        self._writing = parallel.in_background(self.write_cache)
        if self._writing is not None:
            for cache in self._caches:
                cache.handed_over()

    def finish(self, write: bool = True) -> None:
        """End of a build: keep for the next one what it can reuse (parsed files, rendered
        macros and rows), and write it to the cache folder unless ``write`` is false: a
        ``mkdocs serve`` rebuild keeps it in memory, and :meth:`write_cache` writes it once,
        when the server stops (some 20 MB of JSON for 5,000 entries)."""
        if not self._ended:
            for cache in self._caches:
                cache.end_build()
        if self._writing is None and write:
            self.write_cache()
        self.wait_for_cache()
        self.search_copies.clear()

    def wait_for_cache(self) -> None:
        """Wait for the child process writing the cache files, if one is (a cache it failed
        to write is only a cold next build)."""
        writing, self._writing, self._ended = self._writing, None, False
        if writing is not None:
            writing.wait()

    def write_cache(self) -> None:
        """Write what the last build kept to the cache folder."""
        for cache in self._caches:
            cache.write()

    @property
    def _caches(self) -> tuple[RenderCache | DiskCache, ...]:
        return self.outputs, self.renderer.rows, self.store.disk

    # Macros -------------------------------------------------------------------------------

    def expand(
        self, text: str, page: PageContext, place: Callable[[str], str]
    ) -> tuple[str, list[Problem]]:
        """Replace every macro call in ``text`` by ``place(html)``.

        ``place`` decides how the HTML survives Markdown (Python-Markdown's ``htmlStash``);
        a call that fails becomes a visible notice and a problem naming the page and line.
        """
        calls = find_calls(text, Macros.names)
        if not calls:
            return text, []
        problems: list[Problem] = []
        headings = [(m.start(), len(m.group(1))) for m in _HEADING.finditer(text)]
        starts = [start for start, _ in headings]
        first_cv = next((call for call in calls if call.name == "cv"), None)
        pdf_link = self._cv_pdf_link(calls, page.url) if first_cv else ""
        titled = _TITLE.search(text) is not None

        def stash(html: str) -> str:
            # STX/ETX mark Python-Markdown's placeholders; in data they would loop it forever.
            if "\x02" in html or "\x03" in html:
                html = html.replace("\x02", "").replace("\x03", "")
            return place(html)

        def render(call: Call) -> str:
            # Groups and sections nest under the Markdown heading written above the call.
            above = bisect_left(starts, call.start)
            heading = min((headings[above - 1][1] if above else 1) + 1, 6)
            context = RenderContext(page.url, heading, page.search, titled)
            try:
                macros: Macros[str | Rendered] = Macros(self.store, self.renderer, context)
                macros.check(call)  # a wrong call is never answered from the cache
                key = self._output_key(call, context)
                html, search = self.outputs.get(key) or self.outputs.put(
                    key, self._call(macros, call)
                )
            except Exception as error:
                problem = render_problem(
                    error, page.name, call.line + page.first_line - 1, self.options.root
                )
                problems.append(problem)
                return stash(f'<p class="{classes.ERROR}">{escape(str(problem))}</p>')
            if search:
                self.search_copies.setdefault(page.name, {})[html] = search
            return stash(pdf_link + html if call is first_cv else html)

        with _collected_after():
            return replace_calls(text, calls, render), problems

    def _call(self, macros: Macros[str | Rendered], call: Call) -> tuple[str, str]:
        """A call's HTML and search copy, as a plain tuple for the cache."""
        # The renderer gives a string, or a list's HTML with its search copy.
        rendered = macros.call(call)
        if isinstance(rendered, Rendered):
            return rendered.html, rendered.search
        return rendered, ""

    def _cv_pdf_link(self, calls: list[Call], page_url: str | None) -> str:
        """A link to the PDF CV for a CV page, unless a profile header on it shows one."""
        if self.options.cv_pdf_name is None:
            return ""
        if any(c.name == "profile" and c.kwargs.get("links", True) for c in calls):
            return ""
        link = next(link for link in self.store.profile.links if link.kind == "cv")
        return self.renderer.cv_pdf_link(link, page_url)

    def _output_key(self, call: Call, context: RenderContext) -> bytes:
        """Everything a macro's output depends on: the call and what it renders for, the
        data files, the options, templates and code, and which publications have pages."""
        with_pages = self.renderer.slugs.with_pages
        return digest(
            self.renderer.signature,
            self.store.fingerprint,
            (call.name, call.args, call.kwargs),
            astuple(context),
            None if with_pages is None else sorted(with_pages),
        )

    def lean_for_search(self, html: str, page: str) -> str:
        """A page (``page`` names it, as :class:`PageContext` does) as the search index
        should read it: publication lists as their search copies (rows as lines of text),
        without toggles, buttons and icons; with ``search_abstracts``, all of it. Math reads
        as its TeX either way. The page's copies are used once and let go, and with them
        the lists' HTML, which the page holds already."""
        copies = self.search_copies.pop(page, {})
        if self.options.search_abstracts:
            return math_as_text(html)
        return lean_for_search(html, copies)

    # Publication pages and the files beside the pages -------------------------------------

    def publication_page(
        self, page: PublicationPage, links_from: str | None = None
    ) -> tuple[str, list[Problem]]:
        """The content of a publication's own page; relative links start from ``links_from``
        (default: the page's URL)."""
        publication = self.store.by_key[page.key]
        try:
            return self.renderer.publication_page(publication, links_from or page.url), []
        except Exception as error:
            problem = render_problem(error, page.path, None, self.options.root)
            return f'<p class="{classes.ERROR}">{escape(str(problem))}</p>', [problem]

    def head(
        self, page_url: str, site: SiteInfo, page: PublicationPage | None = None
    ) -> tuple[str, list[Problem]]:
        """What a page's ``<head>`` gets: the feed's address, and on a publication's own
        ``page`` its Google Scholar, OpenGraph and JSON-LD tags."""
        feed = relative_url("feed.xml", page_url)
        head = f'<link rel="alternate" type="application/atom+xml" title="{escape(site.name)}" href="{feed}">'
        if page is None:
            return head, []
        publication = self.store.by_key[page.key]
        url = site.absolute(page.url)
        try:
            tags = self.renderer.publication_head(
                citation_tags(publication, site.url, self.options.asset_dirs),
                open_graph(
                    publication,
                    url,
                    site.url,
                    site.name,
                    self.options.asset_dirs,
                    self.renderer.labels,
                ),
                json_ld(publication, url),
            )
        except Exception as error:
            return head, [render_problem(error, page.path, None, self.options.root)]
        return head + tags, []

    def feed(self, site: SiteInfo) -> str:
        """The Atom feed of new publications and news; entries link to their own page."""

        def link_of(publication: Publication) -> str:
            page = self.pages.get(publication.id)
            if page is not None:
                return site.absolute(page.url)
            link = facts.first_link(publication, self.options.asset_dirs)
            return site.absolute(link) if link else site.url

        store = self.store
        return atom_feed(
            store.publications,
            store.news,
            site_url=site.url,
            site_name=site.name,
            link_of=link_of,
            news_url=site.url,
            remote_images=self.options.remote_images,
            label=self.renderer.labels,
        )

    def generated_files(
        self, site: SiteInfo, pages: Callable[[], Iterable[tuple[str, str]]] = tuple
    ) -> tuple[list[GeneratedFile], list[Problem]]:
        """Every file the site gets beside its pages, for every host: the stylesheets and
        script, ``publications.bib``, ``feed.xml`` and, with ``cv_pdf``, the PDF CV, laid
        out like the page among ``pages`` (source path, Markdown; read only then) that
        shows the CV. Call it after :meth:`publication_pages`."""
        files = [
            GeneratedFile(STYLESHEETS[0], (ASSETS / "research.css").read_bytes()),
            GeneratedFile(STYLESHEETS[1], self.renderer.icons_css()),
            GeneratedFile(SCRIPT, (ASSETS / "research.js").read_bytes()),
            GeneratedFile("publications.bib", bibliography_file(self.store.publications)),
            GeneratedFile("feed.xml", self.feed(site)),
        ]
        problems: list[Problem] = []
        if (name := self.options.cv_pdf_name) is not None:
            from .cv_pdf import make_cv_pdf  # Typst and its templates: only for a PDF CV

            pdf, problems = make_cv_pdf(self, pages(), site_url=site.url, language=site.language)
            if pdf is not None:
                files.append(GeneratedFile(name, pdf))
        return files, problems


@contextlib.contextmanager
def _collected_after() -> Iterator[None]:
    """No garbage collection while data is read or rows rendered, but after: reading 5,000
    entries makes millions of objects that live to the end of the build, and a collection
    every few thousand of them would walk all of them again and again (some 5% of a cold
    build's time)."""
    if not gc.isenabled():  # the host's choice
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _fingerprint(folder: Path | None) -> tuple[tuple[str, int], ...]:
    """Names and modification times of the templates in the user's templates folder."""
    if folder is None:
        return ()
    files = []
    for path in template_files(folder):
        with contextlib.suppress(OSError):  # gone since it was listed
            files.append((str(path), path.stat().st_mtime_ns))
    return tuple(files)


_HEADING = re.compile(r"^(#{1,6})[ \t]", re.MULTILINE)
#: A level-1 heading: ``# Title``, ``Title`` underlined with ``===``, or ``<h1>``.
_TITLE = re.compile(r"^#[ \t]|^[^\S\n]*\S[^\n]*\n=+[ \t]*$|<h1\b", re.MULTILINE | re.IGNORECASE)
