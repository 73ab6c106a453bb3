"""One publication as a metadata service describes it, before it becomes BibTeX.

Every service module fills the same :class:`Work`, in plain Unicode; :mod:`mkdocs_research.newentries`
alone decides how that is written as BibTeX.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from bibtexparser.middlewares.names import InvalidNameError, parse_single_name_into_parts

_TAG = re.compile(r"<[^>]+>")
_DBLP_NUMBER = re.compile(r"\s+\d{4}$")


@dataclass(frozen=True)
class Name:
    """An author: family name and given names; an organisation has a family name only."""

    family: str
    given: str = ""


@dataclass
class Work:
    """A publication in the terms of BibTeX: ``entry_type`` (``article``, ``inproceedings``,
    ``misc``…), and ``fields`` for the venue and numbers (``journal``, ``booktitle``,
    ``publisher``, ``volume``, ``pages``…)."""

    entry_type: str
    title: str
    authors: list[Name]
    year: int | None
    month: int = 0
    fields: dict[str, str] = field(default_factory=dict)
    doi: str = ""
    arxiv: str = ""
    arxiv_class: str = ""
    url: str = ""
    #: The title is TeX already (arXiv's are): its ``$…$`` math is kept as written.
    tex: bool = False


def plain(text: object) -> str:
    """Text from an API: markup such as ``<i>`` or ``<sub>`` removed, entities decoded,
    white space collapsed."""
    return " ".join(html.unescape(_TAG.sub("", str(text or ""))).split())


def name_from_display(text: str) -> Name:
    """A name written in reading order (``Ada M. van Quill``) split as BibTeX would; dblp's
    homonym numbers (``Wei Wang 0001``) are dropped."""
    text = _DBLP_NUMBER.sub("", plain(text))
    if "," in text:
        family, _, given = text.partition(",")
        return Name(family.strip(), given.strip())
    try:
        parts = parse_single_name_into_parts(text, strict=False)
    except InvalidNameError:
        return Name(text)
    family = " ".join([*parts.von, *parts.last])
    return Name(family or text, " ".join(parts.first))


def year_of(value: object) -> int | None:
    """A four-digit year from ``2021``, ``"2021"`` or ``"2021-05-03"``."""
    match = re.match(r"\s*(\d{4})", str(value or ""))
    return int(match.group(1)) if match else None
