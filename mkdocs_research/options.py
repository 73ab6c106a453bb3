"""The options every host shares, with their defaults.

The MkDocs plugin, the Markdown extension and the command line all end up with one
:class:`Options`, so the core never needs to know which host it runs in. The defaults are
written here once; :mod:`mkdocs_research.config` adds types and documentation for validation,
and the hosts derive their own option lists from both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

#: Where al-folio keeps the files that a bare file name in these fields means, under the
#: docs folder: ``pdf = {paper.pdf}`` is ``assets/pdf/paper.pdf``.
DEFAULT_ASSET_DIRS: dict[str, str] = {
    "pdf": "assets/pdf",
    "supp": "assets/pdf",
    "poster": "assets/pdf",
    "slides": "assets/pdf",
    "html": "assets/html",
    "preview": "assets/img/publication_preview",
}


@dataclass
class Options:
    """Resolved settings. Paths are absolute; ``root`` is the folder of ``mkdocs.yml``.

    A value of ``None`` in the mapping a host reads means "not given": the default here holds.
    """

    root: Path
    data_dir: Path = Path("data")
    bibliography: list[str] = field(default_factory=list)
    #: ``None``: the name and aliases in ``profile.yml``; ``[]``: nobody.
    highlight_names: list[str] | None = None
    #: ``None``: ``*``, ``†`` and ``m`` with their meanings in the site's language.
    author_markers: dict[str, str] | None = None
    templates: Path | None = None
    authors_limit: int = 12
    search_abstracts: bool = False
    publication_pages: bool = False
    cache_dir: Path = Path(".cache/plugin/research")
    citation_counts: bool = False
    #: ``True`` for ``cv.pdf``, or the file name of the PDF CV every build writes.
    cv_pdf: bool | str = False
    #: ``a4`` or ``letter``; ``None``: from the site's language.
    cv_pdf_paper: str | None = None
    #: ``None``: the theme's language (the MkDocs plugin passes ``theme.language``), or English.
    language: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    #: Field → folder under ``docs_dir`` in which a bare file name is found; the given
    #: mapping is laid over :data:`DEFAULT_ASSET_DIRS`.
    asset_dirs: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_ASSET_DIRS))
    #: The folder of the site's pages and files (MkDocs' ``docs_dir``, which the host
    #: gives), for checking that the files publications link to exist.
    docs_dir: Path = Path("docs")
    remote_images: bool = False

    def __post_init__(self) -> None:
        self.root = self.root.resolve()
        self.data_dir = (self.root / self.data_dir).resolve()
        self.cache_dir = (self.root / self.cache_dir).resolve()
        self.docs_dir = (self.root / self.docs_dir).resolve()
        self.asset_dirs = {
            name: folder.strip("/")
            for name, folder in {**DEFAULT_ASSET_DIRS, **self.asset_dirs}.items()
        }
        if isinstance(self.bibliography, str):
            self.bibliography = [self.bibliography]
        if self.templates is not None:
            self.templates = (self.root / self.templates).resolve()

    @property
    def cv_pdf_name(self) -> str | None:
        """Where the PDF CV goes, relative to the site root; ``None`` when there is none."""
        if self.cv_pdf is True:
            return "cv.pdf"
        return self.cv_pdf or None

    @classmethod
    def defaults(cls) -> dict[str, Any]:
        """Each option a user can set, with its default as it would be written."""
        return {
            f.name: f.default_factory() if callable(f.default_factory) else f.default
            for f in fields(cls)
            if f.name not in {"root", "docs_dir"}  # MkDocs' own option, which the host passes
        }

    @classmethod
    def from_mapping(
        cls, root: Path, values: Mapping[str, Any], docs_dir: str | Path = "docs"
    ) -> Options:
        """Options from validated values (``mkdocs.yml``'s, or a host's), paths resolved
        against ``root``; options that are absent or ``None`` keep their defaults.
        ``docs_dir`` is the host's folder of pages."""
        given = {name: values[name] for name in cls.defaults() if values.get(name) is not None}
        for path in ("data_dir", "templates", "cache_dir"):
            if path in given:
                given[path] = Path(given[path])
        return cls(root=root, docs_dir=Path(docs_dir), **given)
