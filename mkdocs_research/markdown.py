"""The Python-Markdown extension ``mkdocs_research.markdown``.

It renders the macros wherever Python-Markdown runs: inside MkDocs (the plugin adds it and
shares its engine), and in hosts that run ``markdown_extensions`` but no MkDocs plugins. The
HTML goes through Markdown's ``htmlStash``, so Markdown never re-parses it.

The HTML itself is placed last, after Markdown's own postprocessors, which would otherwise
each scan and copy a long list's tens of megabytes (raw HTML, footnotes, entities): the stash
holds a short token in its stead, which those leave alone.

The headings that HTML brings (year groups, CV sections) are shown to the ``toc`` extension
as real elements placed where the HTML will be, and taken out again once ``toc`` has read
them (the technique of mkdocstrings), so every host's table of contents lists them.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor, RawHtmlPostprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .config import option_docs, resolve_options
from .context import PageContext
from .model import Problem
from .options import Options
from .research import Research
from .toc import Heading, headings

log = logging.getLogger("mkdocs.plugins.research")
_ID = re.compile(r'id="([^"]+)"')
#: Python-Markdown's stash placeholders (``htmlStash.get_placeholder``).
_PLACEHOLDER = re.compile("\x02wzxhzdk:(\\d+)\x03")
#: The token the stash holds for a macro's HTML, and the paragraph Markdown may wrap it in.
_TOKEN = "\x02research:%d\x03"
_PLACED = re.compile("(<p>)?\x02research:(\\d+)\x03(?(1)</p>)")
#: Marks the heading elements that exist only for ``toc`` to read.
_FOR_TOC = "data-research-toc"


def anchors(html: str) -> list[str]:
    """The ``id`` attributes in ``html``. (A pattern starting with ``id=`` is searched as a
    literal, five times faster on a long list than one starting with ``\\s``.)"""
    return [m.group(1) for m in _ID.finditer(html) if html[m.start() - 1 : m.start()].isspace()]


class ResearchExtension(Extension):
    """Markdown extension rendering ``{{ publications(...) }}`` and the other macros.

    A host that knows which page it converts passes ``page``, called once per conversion;
    under Zensical the page comes from Zensical's own rendering context; elsewhere pages are
    anonymous, and site-relative links from data stay as written.
    """

    def __init__(
        self,
        research: Research | None = None,
        page: Callable[[], PageContext] | None = None,
        report: Callable[[Problem], None] | None = None,
        **kwargs: Any,
    ) -> None:
        # The plugin's options, for Python-Markdown's help; values are validated like the
        # plugin's (see `research`), so the defaults listed here are only for show.
        docs = option_docs()
        self.config = {name: [default, docs[name]] for name, default in Options.defaults().items()}
        #: The options as given, unconverted.
        self.given: dict[str, Any] = {}
        super().__init__(**kwargs)
        self._research = research
        self._page = page
        #: Where problems go; the MkDocs plugin points this at its own logger.
        self.report: Callable[[Problem], None] = report or (
            lambda problem: log.warning(str(problem))
        )

    @property
    def research(self) -> Research:
        """The engine; standalone, built on first use from this extension's options."""
        if self._research is None:
            options = resolve_options(Path.cwd(), self.given, "mkdocs_research.markdown")
            self._research = Research(options)
            for problem in self._research.refresh():
                self.report(problem)
            # Nothing tells a standalone extension when the build ends: what the data files
            # parsed to is written to the cache folder now.
            self._research.finish()
        return self._research

    def setConfig(self, key: str, value: Any) -> None:
        """Keep the value as given: Python-Markdown would turn a list into ``True`` where
        the default is ``None``."""
        if key not in self.config:
            raise KeyError(f"mkdocs_research.markdown has no option '{key}'")
        self.given[key] = value

    def page(self, md: Markdown) -> PageContext:
        """The page ``md`` converts, as far as the host says."""
        if self._page is not None:
            return self._page()
        return _zensical_page(md) or PageContext()

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        pending: dict[int, list[Heading]] = {}
        # After whitespace normalisation (30), which would strip the stash placeholders, and
        # before fenced code (25) and raw HTML (20).
        html: list[str] = []
        md.preprocessors.register(
            _MacroPreprocessor(md, self, pending, html), "research_macros", 29
        )
        # After raw HTML (30), footnotes (25) and entities (20).
        md.postprocessors.register(_PlacedHtml(md, html), "research_html", 19)
        # Around `toc` (5): after inline processing (20) and attr_list (8), and before
        # MkDocs reads the title (1) and rewrites links (0).
        md.treeprocessors.register(_TocHeadings(md, pending, True), "research_toc_headings", 6)
        md.treeprocessors.register(_TocHeadings(md, pending, False), "research_toc_cleanup", 4)


class _MacroPreprocessor(Preprocessor):
    def __init__(
        self,
        md: Markdown,
        extension: ResearchExtension,
        pending: dict[int, list[Heading]],
        html: list[str],
    ) -> None:
        super().__init__(md)
        self.extension = extension
        #: Stash index → the headings of the HTML stored there, for the table of contents.
        self.pending = pending
        #: The macros' HTML, by the number in its token (see :class:`_PlacedHtml`).
        self.html = html

    def run(self, lines: list[str]) -> list[str]:
        self.pending.clear()
        self.html.clear()
        text = "\n".join(lines)
        if "{{" not in text:
            return lines
        ext = self.extension

        def place(html: str) -> str:
            placeholder = self.md.htmlStash.store(_TOKEN % len(self.html))
            self.html.append(html)
            if found := headings(html):
                self.pending[self.md.htmlStash.html_counter - 1] = found
            return placeholder

        expanded, problems = ext.research.expand(text, ext.page(self.md), place)
        for problem in problems:
            ext.report(problem)
        return expanded.split("\n")


class _PlacedHtml(Postprocessor):
    """Puts the macros' HTML where raw HTML placed their tokens, in a paragraph where
    raw HTML would have put it in one (it is not block-level), and then lets go of it: a
    Markdown instance lives until the garbage collector finds it, and would hold a long
    list (tens of megabytes) beside the page's own copy until then. Postprocessors also
    run on other text (MkDocs runs them on the title): only what this text holds goes."""

    def __init__(self, md: Markdown, html: list[str]) -> None:
        super().__init__(md)
        self.html = html

    def run(self, text: str) -> str:
        if "\x02research:" not in text:
            return text
        raw = next((p for p in self.md.postprocessors if isinstance(p, RawHtmlPostprocessor)), None)

        def place(match: re.Match[str]) -> str:
            index = int(match.group(2))
            if index >= len(self.html):
                return match.group(0)
            html, self.html[index] = self.html[index], ""
            wrapped = match.group(1) and not (raw is not None and raw.isblocklevel(html))
            return f"<p>{html}</p>" if wrapped else html

        return _PLACED.sub(place, text)


class _TocHeadings(Treeprocessor):
    """The headings of stashed HTML, for ``toc``: before it runs (``show``), a heading
    element after each paragraph (or other element) holding a stash placeholder whose HTML
    has headings; after it, those elements are taken out again."""

    def __init__(self, md: Markdown, pending: dict[int, list[Heading]], show: bool) -> None:
        super().__init__(md)
        self.pending = pending
        self.show = show

    def run(self, root: etree.Element) -> None:
        if not self.pending:
            return
        if self.show:
            self._insert(root)
        else:
            for parent in list(root.iter()):
                for child in [c for c in parent if _FOR_TOC in c.attrib]:
                    parent.remove(child)
            self.pending.clear()

    def _insert(self, root: etree.Element) -> None:
        inserts: list[tuple[etree.Element, int, list[Heading]]] = []
        for parent in root.iter():
            for index, child in enumerate(parent):
                found = [
                    heading
                    for text in (child.text, child.tail)
                    if text and "\x02" in text
                    for match in _PLACEHOLDER.finditer(text)
                    for heading in self.pending.get(int(match.group(1)), ())
                ]
                if found:
                    inserts.append((parent, index + 1, found))
        for parent, index, found in reversed(inserts):
            for offset, heading in enumerate(found):
                element = etree.Element(f"h{heading.level}", {"id": heading.id, _FOR_TOC: ""})
                element.text = heading.title
                parent.insert(index + offset, element)


def _zensical_page(md: Markdown) -> PageContext | None:
    """The page Zensical is rendering, from the context it registers on every Markdown
    instance (a preprocessor named ``rendering_context`` with a ``page``).

    Zensical resolves relative links in a page's HTML against the page's source file (as
    MkDocs does for Markdown links) and rewrites them for the page's URL; so links are made
    relative to the source file here (``papers/all.md``), not to the URL."""
    if "rendering_context" not in md.preprocessors:
        return None
    page = getattr(md.preprocessors["rendering_context"], "page", None)
    path = getattr(page, "path", None)
    if not isinstance(path, str):
        return None
    return PageContext(name=path, url=path)


def makeExtension(**kwargs: Any) -> ResearchExtension:
    return ResearchExtension(**kwargs)
