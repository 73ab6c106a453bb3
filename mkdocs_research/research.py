"""One site's research data, templates and macros together: what every host drives.

Hosts differ only in how they find the options and where the HTML goes; expanding the macros
of a page and collecting the problems is the same everywhere.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError
from markupsafe import escape

from .cache import DiskCache, RenderCache, digest
from .calls import Call, find_calls, replace_calls
from .macros import MacroError, Macros
from .model import Problem
from .options import Options
from .profile import with_cv_link
from .rendering import KeySlugs, Renderer
from .store import DataStore


class Research:
    """The engine behind the macros of one site."""

    def __init__(self, options: Options, *, write_cache: bool = True) -> None:
        """``write_cache=False`` reads the cache folder but never writes it (``check``)."""
        self.options = options
        folder = options.cache_dir
        self.store = DataStore(options, DiskCache(folder, write_cache))
        self.renderer = Renderer(
            options, self.store.owner, RenderCache(folder / "rows.json", write_cache)
        )
        self.macros = Macros(self.store, self.renderer)
        self._templates = _fingerprint(options.templates)
        #: Macro outputs by everything they depend on: a page edit under ``mkdocs serve``,
        #: or a build whose data did not change, renders no macro again.
        self.outputs = RenderCache(folder / "calls.json", write_cache)

    def refresh(self) -> list[Problem]:
        """Re-read changed data files and templates; return the data problems of this build."""
        self._forget_search_copies()  # of a build that failed half-way
        self.store.refresh()
        if self.options.cv_pdf_name is not None:
            self.store.profile = with_cv_link(self.store.profile, self.options.cv_pdf_name)
        self.renderer.owner = self.store.owner
        self.renderer.use_links(self.store.coauthors, self.store.venues)
        self.renderer.slugs = KeySlugs(p.id for p in self.store.publications)
        templates = _fingerprint(self.options.templates)
        if templates != self._templates:
            self.renderer.forget_templates()
            self._templates = templates
        return [*self.renderer.labels.problems, *self.store.problems]

    def finish(self) -> None:
        """End of a build: keep for the next one what it can reuse (rendered macros, rows)."""
        self.outputs.save()
        self.renderer.rows.save()
        self.store.disk.prune()
        self._forget_search_copies()

    def _forget_search_copies(self) -> None:
        if self.renderer.search_copies:
            self.renderer.search_copies.clear()

    def expand(
        self,
        text: str,
        page: str,
        page_url: str | None,
        place: Callable[[str], str],
        first_line: int = 1,
    ) -> tuple[str, list[Problem]]:
        """Replace every macro call in ``text`` by ``place(html)``.

        ``place`` decides how the HTML survives Markdown (Python-Markdown's ``htmlStash``);
        a call that fails becomes a visible notice and a problem naming ``page`` and line.
        """
        calls = find_calls(text, self.macros.names)
        if not calls:
            return text, []
        problems: list[Problem] = []
        self.macros.page_url = page_url
        headings = [(m.start(), len(m.group(1))) for m in _HEADING.finditer(text)]
        first_cv = next((call for call in calls if call.name == "cv"), None)
        pdf_link = self._cv_pdf_link(calls, page_url) if first_cv else ""
        titled = _TITLE.search(text) is not None
        self.renderer.env.globals["page_has_title"] = titled

        def stash(html: str) -> str:
            # STX/ETX mark Python-Markdown's placeholders; in data they would loop it forever.
            if "\x02" in html or "\x03" in html:
                html = html.replace("\x02", "").replace("\x03", "")
            return place(html)

        def render(call: Call) -> str:
            # Groups and sections nest under the Markdown heading written above the call.
            above = [level for start, level in headings if start < call.start]
            heading = min((above[-1] if above else 1) + 1, 6)
            self.renderer.env.globals["heading"] = heading
            key = self._output_key(call, page_url, heading, titled)
            try:
                html, search = self.outputs.get(key) or self.outputs.put(key, self._render(call))
                if search and self.renderer.search_copies is not None:
                    self.renderer.search_copies[html] = search
                return stash(pdf_link + html if call is first_cv else html)
            except MacroError as error:
                problem = Problem(page, call.line + first_line - 1, str(error))
            except TemplateError as error:
                problem = template_problem(error)
            problems.append(problem)
            return stash(f'<p class="research-error">{escape(str(problem))}</p>')

        return replace_calls(text, calls, render), problems

    def _cv_pdf_link(self, calls: list[Call], page_url: str | None) -> str:
        """A link to the PDF CV for a CV page, unless a profile header on it shows one."""
        if self.options.cv_pdf_name is None:
            return ""
        if any(c.name == "profile" and c.kwargs.get("links", True) for c in calls):
            return ""
        link = next(link for link in self.store.profile.links if link.kind == "cv")
        return self.renderer.cv_pdf_link(link, page_url)

    def _render(self, call: Call) -> tuple[str, str]:
        """A macro's HTML and the copy of it the search index should read, if it has one."""
        html = self.macros.call(call)
        copies = self.renderer.search_copies
        return html, copies.get(html, "") if copies is not None else ""

    def _output_key(self, call: Call, page_url: str | None, heading: int, titled: bool) -> bytes:
        """Everything a macro's output depends on: the call, the page and its headings, the
        data files, the options, templates and code, and which publications have pages of
        their own."""
        with_pages = self.renderer.slugs.with_pages
        return digest(
            self.renderer.signature,
            self.store.fingerprint,
            (call.name, call.args, call.kwargs),
            page_url,
            heading,
            titled,
            None if with_pages is None else sorted(with_pages),
        )


def _fingerprint(folder: Path | None) -> tuple[tuple[str, int], ...]:
    """Names and modification times of the files in the user's templates folder."""
    if folder is None or not folder.is_dir():
        return ()
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()))


_HEADING = re.compile(r"^(#{1,6})[ \t]", re.MULTILINE)
#: A level-1 heading: ``# Title``, ``Title`` underlined with ``===``, or ``<h1>``.
_TITLE = re.compile(r"^#[ \t]|^[^\n]*\S[^\n]*\n=+[ \t]*$|<h1\b", re.MULTILINE | re.IGNORECASE)


def template_problem(error: TemplateError) -> Problem:
    """A broken override template, reported at its own file and line."""
    if isinstance(error, TemplateSyntaxError):
        where, line = error.filename or error.name or "template", error.lineno
    else:  # a runtime error: the innermost template frame says where
        where, line = "a research template", None
        for frame, number in traceback.walk_tb(error.__traceback__):
            if frame.f_code.co_filename.endswith((".html", ".svg", ".typ")):
                where, line = frame.f_code.co_filename, number
    return Problem(
        str(where),
        line,
        f"template error: {error.message}; fix the template or delete it to use the packaged one",
    )
