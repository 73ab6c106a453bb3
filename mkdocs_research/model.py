"""The data model: what a researcher's data files say, independent of any site generator.

Values keep their source text (LaTeX for BibTeX fields) and are turned into HTML only when a
template displays them, so unused fields cost nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file or a page, reported as ``file:line: message``.

    Problems are values until an adapter decides whether they are warnings or failures.
    """

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Person:
    """An author as written in BibTeX, split into name parts.

    ``markers`` are the symbols written right after the name (``Doe, Jane*†``): equal
    contribution, corresponding author, mentoring role and the like.
    """

    first: str
    last: str
    von: str = ""
    jr: str = ""
    markers: tuple[str, ...] = ()

    @property
    def display(self) -> str:
        """The name in reading order, still in LaTeX: ``Jane van Doe Jr.``."""
        parts = [self.first, self.von, self.last]
        name = " ".join(p for p in parts if p)
        return f"{name}, {self.jr}" if self.jr else name

    @property
    def is_others(self) -> bool:
        """BibTeX's ``and others``, shown as *et al.*"""
        return self.last.lower() == "others" and not self.first


@dataclass(frozen=True)
class Link:
    """A button under a publication: a label, a checked URL and an icon name."""

    kind: str
    label: str
    url: str
    icon: str
    extra: str = ""


@dataclass
class Publication:
    """One BibTeX entry with the custom fields al-folio and this project understand.

    ``fields`` holds every field, lower-cased, as source text; the typed attributes are the
    ones queries need often.
    """

    key: str
    entry_type: str
    fields: dict[str, str]
    authors: list[Person]
    year: int | None
    year_text: str
    month: int
    file: str
    line: int
    order: int
    extras: dict[str, Any] = field(default_factory=dict)

    def get(self, name: str, default: Any = "") -> Any:
        """A field value, with the ``publications.yml`` side file taking precedence."""
        if name in self.extras:
            return self.extras[name]
        return self.fields.get(name, default)

    @property
    def selected(self) -> bool:
        return truthy(self.get("selected", False))

    @property
    def keywords(self) -> list[str]:
        """BibTeX ``keywords`` (comma or semicolon separated), or a YAML list."""
        return split_list(self.get("keywords", ""))

    @property
    def category(self) -> str:
        return str(self.get("category", "") or "")


def truthy(value: Any) -> bool:
    """BibTeX has no booleans: ``selected = {true}`` and ``selected = yes`` both mean yes."""
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"true", "yes", "1", "y", "on"}


def split_list(value: Any) -> list[str]:
    """A list from a YAML list or a ``a, b; c`` string."""
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    text = str(value or "").replace(";", ",")
    return [part.strip() for part in text.split(",") if part.strip()]


def display_path(path: Path, root: Path | None) -> str:
    """A path as the user would type it: relative to the site root where possible."""
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()
