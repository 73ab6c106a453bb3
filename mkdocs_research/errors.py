"""What went wrong while rendering for a page, as one problem with a file and a line.

A macro call that cannot be rendered is the page's problem, at the call's line. A template
that fails, whatever the exception (``{{ 1/0 }}``, ``{{ pub.year + 1 }}``, a syntax error),
is the template's, at its own file and line, naming the page it was rendering. The
traceback goes to the debug log only (``mkdocs build --verbose`` shows it).
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError

from .macros import MacroError
from .model import Problem, display_path

log = logging.getLogger("mkdocs.plugins.research")
#: The files templates are made of: HTML, icons, and the Typst of the PDF CV.
_TEMPLATE_FILES = (".html", ".svg", ".typ")


def render_problem(error: Exception, page: str, line: int | None, root: Path) -> Problem:
    """The problem of a call on ``page`` (at ``line``) that raised ``error``."""
    if isinstance(error, MacroError):
        return Problem(page, line, str(error))
    if isinstance(error, TemplateError) or _template_frame(error) is not None:
        return template_problem(error, root, page if line is None else f"{page}:{line}")
    log.debug("rendering %s failed", page, exc_info=error)
    return Problem(
        page,
        line,
        f"could not be rendered ({type(error).__name__}: {error}); this is a bug of "
        "mkdocs-research: please report it with what `mkdocs build --verbose` prints",
    )


def template_problem(
    error: Exception, root: Path | None = None, rendering: str | None = None
) -> Problem:
    """A failing template, reported at its own file and line (relative to ``root``), and
    what it was ``rendering``."""
    log.debug("rendering %s failed", rendering or "a template", exc_info=error)
    line: int | None
    if isinstance(error, TemplateSyntaxError):
        where, line = error.filename or error.name or "template", error.lineno
        message = error.message or "syntax error"
    else:  # a runtime error: the innermost template frame says where
        where, line = _template_frame(error) or ("a research template", None)
        message = f"{type(error).__name__}: {error}"
        if isinstance(error, TemplateError) and error.message:
            message = error.message
    if Path(where).is_absolute():
        where = display_path(Path(where), root)
    during = f" while rendering {rendering}" if rendering else ""
    return Problem(
        where,
        line,
        f"template error{during}: {message}; fix the template or delete it to use the packaged one",
    )


def _template_frame(error: Exception) -> tuple[str, int | None] | None:
    """The file and line of the innermost template the error passed through, if any."""
    found: tuple[str, int | None] | None = None
    for frame, number in traceback.walk_tb(error.__traceback__):
        if frame.f_code.co_filename.endswith(_TEMPLATE_FILES):
            found = (frame.f_code.co_filename, number)
    return found
