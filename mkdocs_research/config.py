"""The plugin's options in ``mkdocs.yml``: the one schema every host validates against.

MkDocs validates the plugin's options with :class:`ResearchConfig`; the Markdown extension
and the command line validate theirs with the same class through :func:`resolve_options`, so
an option is declared once, here (its type and documentation), and in
:class:`~mkdocs_research.options.Options` (its default). An option left unset is ``None``
here and takes the default there.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config, ValidationError

from .options import Options


class _PdfName(opt.Type):
    """``true``, ``false`` or a file name ending in ``.pdf`` inside the site."""

    def __init__(self) -> None:
        super().__init__((bool, str))

    def run_validation(self, value: object) -> bool | str:
        value = super().run_validation(value)
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            parts = value.split("/")
            if not value.endswith(".pdf") or value.startswith("/") or ".." in parts or "" in parts:
                raise ValidationError(
                    f"expected true, false or a file name ending in .pdf inside the site "
                    f"(e.g. cv.pdf or files/ada-cv.pdf); got '{value}'"
                )
        return str(value)


class ResearchConfig(Config):
    """``plugins: - research: ...``."""

    enabled = opt.Type(bool, default=True)
    """Turn the plugin off without removing it (e.g. ``enabled: !ENV [RESEARCH, true]``)."""

    data_dir = opt.Optional(opt.Type(str))
    """Folder of data files, relative to ``mkdocs.yml``."""

    bibliography = opt.Optional(opt.ListOfItems(opt.Type(str)))
    """``.bib`` files or globs relative to ``mkdocs.yml``; default: every ``*.bib`` in ``data_dir``."""

    highlight_names = opt.Optional(opt.ListOfItems(opt.Type(str)))
    """Spellings of the owner's name to highlight; default: name and aliases in ``profile.yml``."""

    author_markers = opt.Optional(opt.DictOfItems(opt.Type(str)))
    """Marker → meaning, e.g. ``{"*": "equal contribution"}``, shown as a legend; default:
    ``*``, ``†`` and ``m`` in the site's language."""

    templates = opt.Optional(opt.Type(str))
    """Folder, relative to ``mkdocs.yml``, whose files replace the packaged templates of the
    same name (``publication_row.html``, ``icons/pdf.svg``, ...)."""

    authors_limit = opt.Optional(opt.Type(int))
    """Authors shown before the rest of a long list collapses behind "and N more"."""

    search_abstracts = opt.Optional(opt.Type(bool))
    """Let the search index include abstracts and BibTeX (bigger index, slower builds)."""

    publication_pages = opt.Optional(opt.Type(bool))
    """Give every publication its own page at ``publications/<citekey>/``, with Google Scholar
    ``citation_*`` tags, schema.org JSON-LD and OpenGraph tags; list rows link to it."""

    cache_dir = opt.Optional(opt.Type(str))
    """Folder, relative to ``mkdocs.yml``, where parsed data and rendered rows are kept between
    builds; safe to delete, and holds nothing that can run."""

    citation_counts = opt.Optional(opt.Type(bool))
    """Show each publication's citation count from ``citations.yml`` (written by
    ``mkdocs-research citations``) in its row."""

    cv_pdf = opt.Optional(_PdfName())
    """Write the CV as a PDF at the site root with every build: ``true`` for ``cv.pdf``, or
    a file name (``ada-quill-cv.pdf``). Typeset offline from the same data as the CV page."""

    cv_pdf_paper = opt.Optional(opt.Choice(("a4", "letter")))
    """Paper size of the PDF CV: ``a4`` or ``letter``. Default: from the theme's language,
    US letter where a region that uses it is named (``en-US``, ``en_CA``, ``es-MX``), else A4."""

    language = opt.Optional(opt.Type(str))
    """Language of labels and dates, as a Material language code (``fr``, ``pt-BR``, ``ja``);
    default: ``theme.language``, or English."""

    labels = opt.Optional(opt.DictOfItems(opt.Type(str)))
    """Label id → text, replacing any label the plugin prints, e.g. ``{abstract: Summary}``."""

    asset_dirs = opt.Optional(opt.DictOfItems(opt.Type(str)))
    """Field → folder under ``docs_dir`` where a bare file name in that field is found, as in
    al-folio: ``pdf``, ``supp``, ``poster`` and ``slides`` in ``assets/pdf``, ``html`` in
    ``assets/html``, ``preview`` in ``assets/img/publication_preview``. ``""`` means
    ``docs_dir`` itself; fields not given keep these folders."""

    remote_images = opt.Optional(opt.Type(bool))
    """Show images from data files that live on other sites (``https://…`` photos, thumbnails,
    Markdown images). Off by default: visitors' browsers would fetch them from there, so they
    are left out with a warning; copy them into ``docs/`` instead."""


class OptionsError(ValueError):
    """Options that do not validate, with one line per problem."""


def resolve_options(
    root: Path, values: Mapping[str, Any], where: str = "research", docs_dir: str | Path = "docs"
) -> Options:
    """Validate ``values`` as MkDocs validates the plugin's options and resolve them against
    ``root``; for hosts that are not MkDocs (the Markdown extension, the command line), whose
    pages are in ``docs_dir``."""
    config = ResearchConfig()
    config.load_dict(dict(values))
    errors, warnings = config.validate()
    if errors or warnings:  # an unknown option is a warning to MkDocs, and fails --strict
        problems = [*errors, *warnings]
        raise OptionsError(
            "\n".join(f"{where}: option '{name}': {text}" for name, text in problems)
        )
    return Options.from_mapping(root, config, docs_dir)


@cache
def option_docs() -> dict[str, str]:
    """Each option's documentation: the docstring written under it in :class:`ResearchConfig`."""
    body = ast.parse(inspect.getsource(ResearchConfig)).body[0]
    assert isinstance(body, ast.ClassDef)
    docs: dict[str, str] = {}
    for statement, following in zip(body.body, body.body[1:], strict=False):
        if (
            isinstance(statement, ast.Assign)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
        ):
            name = statement.targets[0]
            assert isinstance(name, ast.Name)
            docs[name.id] = inspect.cleandoc(str(following.value.value))
    return docs
