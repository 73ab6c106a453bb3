"""Identifiers as researchers paste them: ``doi:10.1145/3191779``, a doi.org URL, an arXiv id
or URL, a dblp key or person id, an OpenAlex id, an ORCID iD; and the normal forms under which
two spellings of the same one compare equal."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_DOI = re.compile(r"(10\.\d{4,9}/\S+)", re.IGNORECASE)
_DOI_PREFIX = re.compile(r"^(?:doi:\s*|(?:https?://)?(?:dx\.)?doi\.(?:acm\.)?org/)", re.IGNORECASE)
_ARXIV_NEW = re.compile(r"^(\d{4}\.\d{4,5})(?:v\d+)?$")
_ARXIV_OLD = re.compile(r"^([a-z-]+(?:\.[a-z]{2})?/\d{7})(?:v\d+)?$", re.IGNORECASE)
_ARXIV_PREFIX = re.compile(
    r"^(?:arxiv:\s*|(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/)", re.IGNORECASE
)
_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$", re.IGNORECASE)
_ORCID = re.compile(r"^(?:https?://orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$", re.IGNORECASE)
_OPENALEX = re.compile(r"^(?:https?://(?:api\.)?openalex\.org/(?:\w+/)?)?([WA]\d+)$", re.I)
_DBLP_URL = re.compile(
    r"^(?:https?://dblp\.(?:org|uni-trier\.de)/(rec|pid)/)(.+?)(?:\.html|\.xml)?$"
)
_SCHEME = re.compile(r"^(doi|arxiv|dblp|openalex|orcid):\s*(.+)$", re.IGNORECASE)

KINDS = ("doi", "arxiv", "dblp", "openalex", "orcid")


@dataclass(frozen=True)
class Identifier:
    """What to look up, and where: ``kind`` is one of :data:`KINDS`."""

    kind: str
    value: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


def parse_identifier(text: str) -> Identifier | None:
    """An identifier from what a researcher typed, or ``None`` when it is none of them.

    ``dblp:`` takes a record key (``conf/nips/VaswaniSPUJGKP17``) or a person id (``pid/…``,
    or a ``dblp.org/pid/…`` URL); ``openalex:`` a work (``W…``) or an author (``A…``)."""
    text = text.strip()
    if match := _SCHEME.match(text):
        kind, value = match.group(1).lower(), match.group(2).strip()
        normal = {"doi": normal_doi, "arxiv": normal_arxiv, "orcid": _orcid}.get(kind)
        if kind == "openalex":
            found = _OPENALEX.match(value)
            value = found.group(1).upper() if found else ""
        elif kind == "dblp":
            value = _dblp(value)
        elif normal is not None:
            value = normal(value)
        return Identifier(kind, value) if value else None
    if doi := normal_doi(text):
        return Identifier("doi", doi)
    if arxiv := normal_arxiv(text):
        return Identifier("arxiv", arxiv)
    if match := _DBLP_URL.match(text):
        return Identifier("dblp", ("pid/" if match.group(1) == "pid" else "") + match.group(2))
    if orcid := _orcid(text):
        return Identifier("orcid", orcid)
    return None


def bare_doi(value: str) -> str:
    """A DOI without prefix or URL, in the case it was written; ``""`` if none."""
    text = _DOI_PREFIX.sub("", str(value or "").strip())
    match = _DOI.fullmatch(text.rstrip("."))
    return match.group(1) if match else ""


def normal_doi(value: str) -> str:
    """A DOI as DOIs compare: bare and lower-cased (they are case-insensitive)."""
    return bare_doi(value).lower()


def normal_arxiv(value: str) -> str:
    """An arXiv id without version, prefix or URL (``2401.01234``, ``hep-th/9901001``)."""
    text = _ARXIV_PREFIX.sub("", str(value or "").strip()).removesuffix(".pdf")
    if match := _ARXIV_DOI.match(normal_doi(text) or ""):
        text = match.group(1)
    match = _ARXIV_NEW.match(text) or _ARXIV_OLD.match(text)
    return match.group(1).lower() if match else ""


def arxiv_from_doi(doi: str) -> str:
    """The arXiv id of arXiv's own DOIs (``10.48550/arXiv.2401.01234``)."""
    match = _ARXIV_DOI.match(doi)
    return normal_arxiv(match.group(1)) if match else ""


def title_key(title: str, year: int | str | None) -> str:
    """Title and year as they compare: accents, case, punctuation and spaces do not count."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    return "".join(c for c in folded if c.isalnum()) + f"/{year or ''}"


def _orcid(value: str) -> str:
    match = _ORCID.match(value.strip())
    return match.group(1).upper() if match else ""


def _dblp(value: str) -> str:
    if match := _DBLP_URL.match(value):
        return ("pid/" if match.group(1) == "pid" else "") + match.group(2)
    return value.strip().strip("/")
