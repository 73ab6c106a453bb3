"""The plugin's options in ``mkdocs.yml``, validated by MkDocs' own ``Config`` machinery."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class ResearchConfig(Config):
    """``plugins: - research: ...``; the names are fixed by the product (PRODUCT.md §1)."""

    enabled = opt.Type(bool, default=True)
    """Turn the plugin off without removing it (e.g. ``enabled: !ENV [RESEARCH, true]``)."""

    data_dir = opt.Type(str, default="data")
    """Folder of data files, relative to ``mkdocs.yml``."""

    bibliography = opt.ListOfItems(opt.Type(str), default=[])
    """``.bib`` files or globs relative to ``mkdocs.yml``; default: every ``*.bib`` in ``data_dir``."""

    highlight_names = opt.Optional(opt.ListOfItems(opt.Type(str)))
    """Spellings of the owner's name to highlight; default: name and aliases in ``profile.yml``."""

    author_markers = opt.Optional(opt.DictOfItems(opt.Type(str)))
    """Marker → meaning, e.g. ``{"*": "equal contribution"}``, shown as a legend."""

    templates = opt.Optional(opt.Type(str))
    """Folder, relative to ``mkdocs.yml``, whose files replace the packaged templates of the
    same name (``publication_row.html``, ``icons/pdf.svg``, ...)."""

    authors_limit = opt.Type(int, default=12)
    """Authors shown before the rest of a long list collapses behind "and N more"."""

    publication_pages = opt.Type(bool, default=False)
    """Give every publication its own page at ``publications/<citekey>/``, with Google Scholar
    ``citation_*`` tags, schema.org JSON-LD and OpenGraph tags; list rows link to it."""

    search_abstracts = opt.Type(bool, default=False)
    """Let the search index include abstracts and BibTeX (bigger index, slower builds)."""
