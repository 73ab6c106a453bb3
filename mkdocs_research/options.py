"""The options every host shares: the MkDocs plugin and the Markdown extension both end up
with one :class:`Options`, so the core never needs to know which host it runs in."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MARKERS: dict[str, str] = {
    "*": "Equal contribution",
    "†": "Corresponding author",
    "m": "Mentoring role",
}


@dataclass
class Options:
    """Resolved settings. Paths are absolute; ``root`` is the folder of ``mkdocs.yml``."""

    root: Path
    data_dir: Path
    bibliography: list[str] = field(default_factory=list)
    highlight_names: list[str] | None = None
    author_markers: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_MARKERS))
    templates: Path | None = None
    authors_limit: int = 12
    search_abstracts: bool = False
    publication_pages: bool = False

    @classmethod
    def from_mapping(cls, root: Path, values: dict) -> Options:
        """Options from ``mkdocs.yml`` values, with paths resolved against ``root``."""
        root = root.resolve()
        templates = values.get("templates")
        bibliography = values.get("bibliography") or []
        markers = values.get("author_markers")
        return cls(
            root=root,
            data_dir=(root / values.get("data_dir", "data")).resolve(),
            bibliography=[bibliography] if isinstance(bibliography, str) else list(bibliography),
            highlight_names=values.get("highlight_names") or None,
            author_markers=dict(markers or DEFAULT_MARKERS),
            templates=(root / templates).resolve() if templates else None,
            authors_limit=int(values.get("authors_limit", 12)),
            search_abstracts=bool(values.get("search_abstracts", False)),
            publication_pages=bool(values.get("publication_pages", False)),
        )
