"""The Python-Markdown extension ``mkdocs_research.markdown``.

It renders the macros wherever Python-Markdown runs: inside MkDocs (the plugin adds it and
shares its engine), and in hosts that run ``markdown_extensions`` but no MkDocs plugins. The
HTML goes through Markdown's ``htmlStash``, so Markdown never re-parses it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from .config import option_docs, resolve_options
from .model import Problem
from .options import Options
from .research import Research

log = logging.getLogger("mkdocs.plugins.research")
_ID = re.compile(r'id="([^"]+)"')


def anchors(html: str) -> list[str]:
    """The ``id`` attributes in ``html``. (A pattern starting with ``id=`` is searched as a
    literal, five times faster on a long list than one starting with ``\\s``.)"""
    return [m.group(1) for m in _ID.finditer(html) if html[m.start() - 1 : m.start()].isspace()]


class ResearchExtension(Extension):
    """Markdown extension rendering ``{{ publications(...) }}`` and the other macros."""

    def __init__(self, research: Research | None = None, **kwargs: Any) -> None:
        # The plugin's options, for Python-Markdown's help; values are validated like the
        # plugin's (see `research`), so the defaults listed here are only for show.
        docs = option_docs()
        self.config = {name: [default, docs[name]] for name, default in Options.defaults().items()}
        #: The options as given, unconverted.
        self.given: dict[str, Any] = {}
        super().__init__(**kwargs)
        self._research = research
        #: Set by the host before each page: its name for messages, URL and first line.
        self.page = "page"
        self.page_url: str | None = None
        self.first_line = 1
        #: The ``id``s of the HTML rendered so far, for hosts that validate anchors.
        self.anchors: set[str] = set()
        #: Where problems go; the MkDocs plugin points this at its own logger.
        self.report: Callable[[Problem], None] = lambda problem: log.warning(str(problem))

    @property
    def research(self) -> Research:
        """The engine; standalone, built on first use from this extension's options."""
        if self._research is None:
            options = resolve_options(Path.cwd(), self.given, "mkdocs_research.markdown")
            self._research = Research(options)
            for problem in self._research.refresh():
                self.report(problem)
        return self._research

    def setConfig(self, key: str, value: Any) -> None:
        """Keep the value as given: Python-Markdown would turn a list into ``True`` where
        the default is ``None``."""
        if key not in self.config:
            raise KeyError(f"mkdocs_research.markdown has no option '{key}'")
        self.given[key] = value

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # After whitespace normalisation (30), which would strip the stash placeholders, and
        # before fenced code (25) and raw HTML (20).
        md.preprocessors.register(_MacroPreprocessor(md, self), "research_macros", 29)


class _MacroPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, extension: ResearchExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "{{" not in text:
            return lines
        ext = self.extension

        def place(html: str) -> str:
            ext.anchors.update(anchors(html))
            return self.md.htmlStash.store(html)

        expanded, problems = ext.research.expand(
            text, ext.page, ext.page_url, place, ext.first_line
        )
        for problem in problems:
            ext.report(problem)
        return expanded.split("\n")


def makeExtension(**kwargs: Any) -> ResearchExtension:
    return ResearchExtension(**kwargs)
