"""The MkDocs plugin ``research``: wires the Markdown extension into MkDocs, ships the
stylesheet and script, reports data problems and watches data files under ``mkdocs serve``.

MkDocs creates new plugin instances on every ``serve`` rebuild, so the engine (with its
parsed data) is kept per configuration at module level and reused.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from urllib.parse import urljoin

from markupsafe import escape
from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .config import ResearchConfig
from .cv_pdf import make_cv_pdf
from .exports import atom_feed, bibliography_file
from .latex import latex_to_text
from .links import publication_links
from .markdown import ResearchExtension, anchors
from .mathml import math_as_text
from .metadata import citation_tags, json_ld, open_graph
from .model import Problem, Publication
from .options import Options
from .pluglet import jinja_macros
from .rendering import lean_for_search
from .research import Research
from .toc import needs_outline, outline

log = get_plugin_logger("research")

ASSETS = Path(__file__).parent / "assets"
ASSET_URLS = ("assets/research/research.css", "assets/research/research.js")
ICONS_URL = "assets/research/icons.css"

_engines: dict[str, Research] = {}


class ResearchPlugin(BasePlugin[ResearchConfig]):
    """Publications, talks, CV, news and profile from data files, as page macros."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.research: Research | None = None
        self.extension: ResearchExtension | None = None
        #: Generated publication pages: source path → citekey.
        self._pages: dict[str, str] = {}
        #: Page contents set aside while the search plugin reads the lean copy.
        self._full_content: dict[str, str] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        values = dict(self.config)
        values["language"] = self.config.language or _theme_language(config)
        options = Options.from_mapping(_root(config), values, docs_dir=config.docs_dir)
        self.research = _engine(options)
        if not self.config.search_abstracts:
            self.research.renderer.search_copies = {}
        self.extension = ResearchExtension(research=self.research)
        self.extension.report = _warn
        config.markdown_extensions.append(self.extension)  # type: ignore[arg-type]
        _register_with_mkdocs_macros(config)
        css, js = ASSET_URLS
        for stylesheet in (css, ICONS_URL):
            if stylesheet not in config.extra_css:
                config.extra_css.append(stylesheet)
        if all(str(script) != js for script in config.extra_javascript):
            config.extra_javascript.append(js)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.research is None:
            return
        for problem in self.research.refresh():
            _warn(problem)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if self.research is None:
            return None
        for url in ASSET_URLS:
            source = ASSETS / Path(url).name
            _add_file(files, File.generated(config, url, abs_src_path=str(source)))
        _add_file(
            files, File.generated(config, ICONS_URL, content=self.research.renderer.icons_css())
        )
        store = self.research.store
        _add_file(
            files,
            File.generated(
                config, "publications.bib", content=bibliography_file(store.publications)
            ),
        )
        self._pages = {}
        if self.config.publication_pages:
            taken = {file.url for file in files.documentation_pages()}
            for key, publication in store.by_key.items():
                path = self.research.renderer.slugs.page(key).rstrip("/") + ".md"
                # Themes print page titles unescaped (they may hold entities): escape here.
                title = json.dumps(str(escape(latex_to_text(publication.fields.get("title", key)))))
                page = File.generated(
                    config,
                    path,
                    content=f"---\ntitle: {title}\n---\n",
                    inclusion=InclusionLevel.NOT_IN_NAV,
                )
                if page.url in taken:
                    log.warning(
                        f"publication page for '{key}' would replace the page at {page.url}; rename the citekey or that page"
                    )
                elif _add_file(files, page):
                    self._pages[path] = key
        # Rows and the feed link only to the pages that exist.
        self.research.renderer.slugs.with_pages = set(self._pages.values())
        _add_file(files, File.generated(config, "feed.xml", content=self._feed(config)))
        if self.research.options.cv_pdf_name is not None:
            self._cv_pdf(files, config)
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self.extension is None:
            return None
        source = page.file.content_string
        self.extension.page = page.file.src_uri
        self.extension.page_url = page.url
        self.extension.first_line = _first_line(source, markdown)
        self.extension.anchors = set()
        return None

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self.research is None or self.extension is None:
            return None
        # MkDocs collects ids before the stashed HTML is restored; add ours so that links to
        # `#pub-<key>` pass its anchor validation.
        key = self._pages.get(page.file.src_uri)
        if key is not None:
            publication = self.research.store.by_key[key]
            html = self.research.renderer.publication_page(publication, page.url)
            self.extension.anchors = set(anchors(html))
        if page.present_anchor_ids is not None:
            page.present_anchor_ids |= self.extension.anchors
        if needs_outline(html):
            page.toc = get_toc(outline(html))  # type: ignore[arg-type]
        return html

    # Material's search plugin parses every tag of `page.content` in its own on_page_context.
    # A long publication list is mostly buttons, icons, abstracts and BibTeX that the index
    # excludes anyway; for that one event the page offers a lean copy (titles, authors,
    # venues, notes; math as its TeX) and gets its full content back right after.

    @event_priority(100)
    def _lean_content_for_search(self, context, *, page: Page, config: MkDocsConfig, nav):
        if self.research is not None and page.content:
            if self.config.search_abstracts:  # all of it, but math as its TeX
                lean = math_as_text(page.content)
            else:
                lean = lean_for_search(page.content, self.research.renderer.search_copies)
            if lean is not page.content:
                self._full_content[page.file.src_uri] = page.content
                page.content = lean
        return context

    @event_priority(-100)
    def _full_content_back(self, context, *, page: Page, config: MkDocsConfig, nav):
        full = self._full_content.pop(page.file.src_uri, None)
        if full is not None:
            page.content = full
        return context

    on_page_context = CombinedEvent(_lean_content_for_search, _full_content_back)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.research is None:
            return None
        feed = utils.get_relative_url("feed.xml", page.url)
        head = f'<link rel="alternate" type="application/atom+xml" title="{escape(config.site_name)}" href="{feed}">'
        key = self._pages.get(page.file.src_uri)
        if key is not None:
            head += self._head(self.research.store.by_key[key], page, config)
        return output.replace("</head>", head + "</head>", 1)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.research is not None:
            self.research.finish()

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder
    ) -> LiveReloadServer | None:
        if self.research is None:
            return None
        for path in self.research.store.watched_paths():
            server.watch(str(path))
        return server

    # Generated content -------------------------------------------------------------------

    def _feed(self, config: MkDocsConfig) -> str:
        assert self.research is not None
        site_url = config.site_url or ""
        pages = self.config.publication_pages

        def link_of(publication: Publication) -> str:
            slugs = self.research.renderer.slugs
            if pages and publication.id in slugs.with_pages:
                return urljoin(site_url, slugs.page(publication.id))
            links = publication_links(publication, self.research.options.asset_dirs)
            return urljoin(site_url, links[0].url) if links else site_url

        store = self.research.store
        return atom_feed(
            store.publications,
            store.news,
            site_url=site_url,
            site_name=config.site_name,
            link_of=link_of,
            news_url=site_url,
        )

    def _cv_pdf(self, files: Files, config: MkDocsConfig) -> None:
        """The CV as a PDF, laid out like the page that holds the ``cv`` macro."""
        assert self.research is not None and self.research.options.cv_pdf_name is not None
        pages = [
            (file.src_uri, file.content_string)
            for file in files.documentation_pages()
            if file.abs_src_path is not None
        ]
        pdf, problems = make_cv_pdf(
            self.research, pages, site_url=config.site_url or "", language=_theme_language(config)
        )
        for problem in problems:
            _warn(problem)
        if pdf is not None:
            name = self.research.options.cv_pdf_name
            _add_file(files, File.generated(config, name, content=pdf))

    def _head(self, publication: Publication, page: Page, config: MkDocsConfig) -> str:
        assert self.research is not None
        site_url = config.site_url or ""
        url = page.canonical_url or page.url
        return self.research.renderer.publication_head(
            citation_tags(publication, site_url, self.research.options.asset_dirs),
            open_graph(
                publication, url, site_url, config.site_name, self.research.options.asset_dirs
            ),
            json_ld(publication, url),
        )


def _register_with_mkdocs_macros(config: MkDocsConfig) -> None:
    """Make our macros callable from mkdocs-macros' Jinja, in whichever order the two
    plugins are listed (see :mod:`mkdocs_research.pluglet`)."""
    macros = config.plugins.get("macros")
    if macros is None or not hasattr(macros, "register_macros"):
        return
    # Already there after a serve rebuild: mkdocs-macros keeps registrations across them.
    with contextlib.suppress(KeyError):
        macros.register_macros(jinja_macros())


def _add_file(files: Files, file: File) -> bool:
    """Add a generated file unless the site already has one at that path (theirs wins)."""
    if files.get_file_from_path(file.src_uri) is not None:
        return False
    files.append(file)
    return True


def _theme_language(config: MkDocsConfig) -> str | None:
    """The site's language: Material's ``theme.language``, or the ``theme.locale`` of MkDocs'
    own themes (``fr``, ``pt_BR``), as a Material code (``pt-BR``)."""
    language = config.theme.get("language") or config.theme.get("locale")
    return str(language).replace("_", "-") if language else None


def _root(config: MkDocsConfig) -> Path:
    """The folder of ``mkdocs.yml``; relative options are resolved against it."""
    return Path(config.config_file_path or ".").resolve().parent


def _engine(options: Options) -> Research:
    """The engine for these options, reused across ``mkdocs serve`` rebuilds."""
    key = repr(options)
    if key not in _engines:
        _engines[key] = Research(options)
    return _engines[key]


def _first_line(source: str, markdown: str) -> int:
    """Line of the source file where the Markdown body starts (after front matter)."""
    if markdown and source.endswith(markdown):
        return source.count("\n", 0, len(source) - len(markdown)) + 1
    return 1


def _warn(problem: Problem) -> None:
    log.warning(str(problem))
