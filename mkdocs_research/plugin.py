"""The MkDocs plugin ``research``: wires the Markdown extension and the engine into MkDocs.

It adds the extension, hands MkDocs the files and pages the engine makes (stylesheets,
script, ``publications.bib``, ``feed.xml``, publication pages and their head tags), reports
problems as warnings, swaps in lean page copies for the search index and watches data files
under ``mkdocs serve``. Everything it adds is made by :class:`~mkdocs_research.research.Research`.

The plugin declares ``on_startup``, so MkDocs keeps one instance, and with it the engine and
its parsed data, across the rebuilds of ``mkdocs serve``.
"""

from __future__ import annotations

import contextlib
import gc
import os
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from watchdog.events import FileSystemEvent, FileSystemEventHandler

from .classes import PREFIX
from .config import ResearchConfig
from .context import PageContext, SiteInfo
from .generate import generated_paths
from .markdown import ResearchExtension, anchors
from .model import Problem
from .options import Options
from .pages import PublicationPage, front_matter
from .pluglet import jinja_macros
from .research import SCRIPT, STYLESHEETS, Research

log = get_plugin_logger("research")


class ResearchPlugin(BasePlugin[ResearchConfig]):
    """Publications, talks, CV, news and profile from data files, as page macros."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.research: Research | None = None
        #: The page MkDocs is converting, for the Markdown extension.
        self._page = PageContext()
        #: Publication pages of this build, by source path.
        self._pages: dict[str, PublicationPage] = {}
        #: Page contents set aside while the search plugin reads the lean copy.
        self._full_content: dict[str, str] = {}
        #: Under ``mkdocs serve`` (see :meth:`on_startup`).
        self._serving = False

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Declaring it keeps this instance across ``mkdocs serve`` rebuilds; under serve,
        the cache folder is written when the server stops, not after every rebuild."""
        self._serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            self.research = None
            return None
        values = dict(self.config)
        values["language"] = self.config.language or _theme_language(config)
        options = Options.from_mapping(_root(config), values, docs_dir=config.docs_dir)
        if self.research is None or self.research.options != options:
            self.research = Research(options, serving=self._serving)
        extension = ResearchExtension(research=self.research, page=lambda: self._page, report=_warn)
        config.markdown_extensions.append(extension)  # type: ignore[arg-type]
        _register_with_mkdocs_macros(config)
        for stylesheet in STYLESHEETS:
            if stylesheet not in config.extra_css:
                config.extra_css.append(stylesheet)
        if all(str(script) != SCRIPT for script in config.extra_javascript):
            config.extra_javascript.append(SCRIPT)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.research is None:
            return
        for problem in self.research.refresh():
            _warn(problem)
        # The data just read (millions of objects for a long list) lives to the end of the
        # build: no garbage collection walks it again until then.
        gc.freeze()

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if self.research is None:
            return None
        # What `mkdocs-research generate` wrote into docs/ is made afresh here.
        for path in generated_paths(self.research.options.root, Path(config.docs_dir)):
            if (file := files.get_file_from_path(path)) is not None:
                files.remove(file)
        taken = {file.url for file in files.documentation_pages()}
        pages, problems = self.research.publication_pages(taken, config.use_directory_urls)
        for problem in problems:
            _warn(problem)
        self._pages = {}
        for page in pages:
            content = front_matter(page)
            file = File.generated(
                config, page.path, content=content, inclusion=InclusionLevel.NOT_IN_NAV
            )
            if _add_file(files, file):
                self._pages[page.path] = page
        made, problems = self.research.generated_files(_site(config), lambda: _sources(files))
        for problem in problems:
            _warn(problem)
        for made_file in made:
            _add_file(files, File.generated(config, made_file.path, content=made_file.content))
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self.research is not None:
            self._page = PageContext(
                name=page.file.src_uri,
                url=page.url,
                first_line=_first_line(page.file.content_string, markdown),
                search=not self.research.options.search_abstracts,
            )
        return None

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self.research is None:
            return None
        publication_page = self._pages.get(page.file.src_uri)
        if publication_page is not None:
            html, problems = self.research.publication_page(publication_page)
            for problem in problems:
                _warn(problem)
        # MkDocs collects ids before the stashed HTML is restored; add ours so that links to
        # `#pub-<key>` pass its anchor validation.
        if page.present_anchor_ids is not None and f'class="{PREFIX}' in html:
            page.present_anchor_ids |= set(anchors(html))
        return html

    # Material's search plugin parses every tag of `page.content` in its own on_page_context.
    # A long publication list is mostly buttons, icons, abstracts and BibTeX that the index
    # excludes anyway; for that one event the page offers a lean copy (titles, authors,
    # venues, notes; math as its TeX) and gets its full content back right after.

    @event_priority(100)
    def _lean_content_for_search(self, context, *, page: Page, config: MkDocsConfig, nav):
        if self.research is not None and page.content:
            lean = self.research.lean_for_search(page.content, page.file.src_uri)
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
        publication_page = self._pages.get(page.file.src_uri)
        head, problems = self.research.head(page.url, _site(config), publication_page)
        for problem in problems:
            _warn(problem)
        return output.replace("</head>", head + "</head>", 1)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # Every page is converted: the caches are written while MkDocs writes the site.
        if self.research is not None and not self._serving:
            self.research.end_rendering()
        return env

    def on_build_error(self, *, error: Exception) -> None:
        if self.research is not None:
            self.research.wait_for_cache()
            gc.unfreeze()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.research is not None:
            self.research.finish(write=not self._serving)
            gc.unfreeze()

    def on_shutdown(self) -> None:
        if self.research is not None and self._serving:
            self.research.write_cache()

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        if self.research is None:
            return None
        paths = {os.path.normpath(path): deep for path, deep in self.research.store.watched_paths()}
        for path, deep in sorted(paths.items()):
            if os.path.exists(path):
                server.watch(path, recursive=deep)
        recreated = _Recreated(server, paths)
        for parent in sorted({os.path.dirname(path) for path in paths}):
            if os.path.isdir(parent):
                server.observer.schedule(recreated, parent)
        return server


class _Recreated(FileSystemEventHandler):
    """Watches the folders that hold the watched paths. A watched folder that goes away
    (``mv data /tmp``, a ``git checkout``) ends MkDocs' watch of it for good; when it comes
    back, or appears for the first time, it is watched again, so that later edits in it
    still rebuild the site."""

    def __init__(self, server: LiveReloadServer, paths: dict[str, bool]) -> None:
        self.server = server
        #: Path → whether its subfolders are watched too.
        self.paths = paths

    def on_created(self, event: FileSystemEvent) -> None:
        self._watch(str(event.src_path))

    def on_moved(self, event: FileSystemEvent) -> None:
        self._watch(str(event.dest_path))

    def _watch(self, path: str) -> None:
        if path not in self.paths:
            return
        with contextlib.suppress(KeyError):  # not watched yet: it did not exist at start
            self.server.unwatch(path)
        self.server.watch(path, recursive=self.paths[path])


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


def _site(config: MkDocsConfig) -> SiteInfo:
    return SiteInfo(config.site_name, config.site_url or "", _theme_language(config))


def _sources(files: Files) -> list[tuple[str, str]]:
    """The site's own Markdown pages: their paths and texts."""
    pages = files.documentation_pages()
    return [(file.src_uri, file.content_string) for file in pages if file.abs_src_path is not None]


def _first_line(source: str, markdown: str) -> int:
    """Line of the source file where the Markdown body starts (after front matter)."""
    if markdown and source.endswith(markdown):
        return source.count("\n", 0, len(source) - len(markdown)) + 1
    return 1


def _warn(problem: Problem) -> None:
    log.warning(str(problem))
