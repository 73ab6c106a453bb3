"""The MkDocs plugin ``research``: wires the Markdown extension into MkDocs, ships the
stylesheet and script, reports data problems and watches data files under ``mkdocs serve``.

MkDocs creates new plugin instances on every ``serve`` rebuild, so the engine (with its
parsed data) is kept per configuration at module level and reused.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .config import ResearchConfig
from .markdown import ResearchExtension
from .model import Problem
from .options import Options
from .research import Research

log = get_plugin_logger("research")

ASSETS = Path(__file__).parent / "assets"
ASSET_URLS = ("assets/research/research.css", "assets/research/research.js")

_engines: dict[str, Research] = {}


class ResearchPlugin(BasePlugin[ResearchConfig]):
    """Publications, talks, CV, news and profile from data files, as page macros."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.research: Research | None = None
        self.extension: ResearchExtension | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.research = _engine(Options.from_mapping(_root(config), dict(self.config)))
        self.extension = ResearchExtension(research=self.research)
        self.extension.report = _warn
        config.markdown_extensions.append(self.extension)  # type: ignore[arg-type]
        css, js = ASSET_URLS
        if css not in config.extra_css:
            config.extra_css.append(css)
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
            if files.get_file_from_path(url) is None:
                source = ASSETS / Path(url).name
                files.append(File.generated(config, url, abs_src_path=str(source)))
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
        # MkDocs collects ids before the stashed HTML is restored; add ours so that links to
        # `#pub-<key>` pass its anchor validation.
        if self.extension is not None and page.present_anchor_ids is not None:
            page.present_anchor_ids |= self.extension.anchors
        return None

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder
    ) -> LiveReloadServer | None:
        if self.research is None:
            return None
        for path in self.research.store.watched_paths():
            server.watch(str(path))
        return server


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
