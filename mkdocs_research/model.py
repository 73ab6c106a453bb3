"""The data model: what a researcher's data files say, independent of any site generator.

Values keep their source text (LaTeX for BibTeX fields) and are turned into HTML only when a
template displays them, so unused fields cost nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .dates import DateRange, PartialDate


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
    #: The entry as clean BibTeX (no custom fields, no markers), for display and export.
    bibtex: str = ""
    #: How often it was cited, from ``citations.yml``; ``None`` where that has no count.
    citations: int | None = None
    #: The citekey, or for a later entry that repeats a citekey of another file, a name of
    #: its own (``key-file``): its anchor, its page and how macros find it.
    id: str = ""
    #: Local links whose file the build found in the other place they may mean (see
    #: :func:`~mkdocs_research.links.site_paths`): link → where the file is.
    found_at: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.id = self.id or self.key

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


@dataclass
class Profile:
    """``profile.yml``: who the site is about. ``summary`` is Markdown."""

    name: str = ""
    aliases: list[str] = field(default_factory=list)
    position: str = ""
    affiliation: str = ""
    photo: str = ""
    emails: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    summary: str = ""
    metrics: dict[str, str] = field(default_factory=dict)


@dataclass
class Citations:
    """``citations.yml``, written by ``mkdocs-research citations``: the date and source of
    the counts, the profile's totals and each publication's count by citekey."""

    as_of: str = ""
    source: str = ""
    profile: dict[str, int] = field(default_factory=dict)
    publications: dict[str, int] = field(default_factory=dict)


@dataclass
class Talk:
    """One entry of ``talks.yml``."""

    date: PartialDate
    title: str
    event: str = ""
    location: str = ""
    type: str = ""
    links: list[Link] = field(default_factory=list)
    note: str = ""
    order: int = 0


@dataclass
class NewsItem:
    """One entry of ``news.yml``; ``text`` is Markdown."""

    date: PartialDate
    text: str
    order: int = 0


@dataclass
class CVEntry:
    """One entry of a CV section. ``fields`` holds the entry's values by name (strings or
    lists of strings, Markdown where a person writes prose); ``dates`` is parsed."""

    fields: dict[str, Any]
    dates: DateRange | None = None


@dataclass
class CVSection:
    """A titled CV section whose ``kind`` decides how its entries look."""

    id: str
    title: str
    kind: str
    entries: list[CVEntry] = field(default_factory=list)
