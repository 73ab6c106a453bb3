"""Link fields: which URLs are safe to put in an ``href``, and the buttons under a publication.

BibTeX pasted from the web is untrusted: only http(s), mailto, site-relative paths and DOIs
become links. Everything else is dropped (and reported by the caller).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from typing import Any

from .model import Link, Problem, Publication

#: (field, label, icon) in the order the buttons appear, after al-folio's order. The labels
#: are the English defaults of the label with the field's name (see ``labels/en.yml``).
LINK_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("pdf", "PDF", "pdf"),
    ("arxiv", "arXiv", "arxiv"),
    ("hal", "HAL", "hal"),
    ("html", "HTML", "html"),
    ("supp", "Supp", "supp"),
    ("reviews", "Reviews", "reviews"),
    ("code", "Code", "code"),
    ("dataset", "Dataset", "dataset"),
    ("video", "Video", "video"),
    ("poster", "Poster", "poster"),
    ("slides", "Slides", "slides"),
    ("blog", "Blog", "blog"),
    ("website", "Website", "website"),
    ("project", "Project page", "project"),
    ("news", "News", "news"),
    ("doi", "DOI", "doi"),
)

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]+")
_DOI = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/\S+)$", re.IGNORECASE)
_ARXIV = re.compile(r"^(?:arxiv:\s*)?(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?/\d{7})$", re.I)
_HAL = re.compile(r"^(hal-\d+|tel-\d+|inria-\d+)(?:v\d+)?$", re.IGNORECASE)
_URL_SEPARATOR = re.compile(r"[\s;]+|,\s+")
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


def safe_url(value: Any) -> str | None:
    """The URL if a browser may follow it, else ``None``.

    Control characters and whitespace inside the scheme (``java\\tscript:``) are ignored by
    browsers, so they are removed before the scheme is checked.
    """
    url = str(value or "").strip()
    if not url:
        return None
    compact = _INVISIBLE.sub("", url)
    match = _SCHEME.match(compact)
    if match:
        return url if match.group(1).lower() in _SAFE_SCHEMES else None
    if compact.startswith("//") or compact.startswith("\\"):
        return None
    if ":" in compact.split("/", 1)[0]:
        return None
    return url


def doi_url(value: str) -> str | None:
    """``10.1000/xyz``, ``doi:10.1000/xyz`` or a doi.org URL → the canonical doi.org URL."""
    match = _DOI.match(value.strip())
    return f"https://doi.org/{match.group(1)}" if match else None


def _field_url(field: str, value: str) -> str | None:
    """A link field's value as a URL, knowing the identifier forms of arXiv, HAL and DOI."""
    value = value.strip()
    if field == "doi":
        return doi_url(value)
    if field == "arxiv" and (match := _ARXIV.match(value)):
        return f"https://arxiv.org/abs/{match.group(1)}"
    if field == "hal" and (match := _HAL.match(value)):
        return f"https://hal.science/{match.group(1)}"
    return safe_url(value)


def split_urls(value: Any) -> list[str]:
    """A link field may hold several URLs (``blog = {https://a https://b}``) or a YAML list.

    A value is split only where a part is an absolute URL, so ``java\tscript:…`` stays one
    (refused) value, while each part of ``https://a javascript:…`` is judged on its own.
    """
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    text = str(value or "").strip()
    parts = [part for part in _URL_SEPARATOR.split(text) if part]
    return parts if len(parts) > 1 and any("://" in p for p in parts) else [text] if text else []


def _link_values(field: str, value: Any) -> list[tuple[str, str | None]]:
    """Each value of a link field with its URL, or ``None`` where it cannot be a link.
    Among several URLs, a part that is not an absolute URL is a stray word, not a path."""
    values = split_urls(value)
    several = len(values) > 1 and not isinstance(value, (list, tuple))
    return [(v, None if several and "://" not in v else _field_url(field, v)) for v in values]


def custom_links(value: Any) -> list[tuple[str, str, str]]:
    """``links: [{label: XML Repository, url: ..., icon: dataset}]``: (label, url, icon) of the
    links a researcher labels themselves (``publications.yml`` only: BibTeX has no lists);
    the label is empty where none is given."""
    if not isinstance(value, list):
        return []
    return [
        (
            str(item.get("label") or ""),
            str(item.get("url") or ""),
            str(item.get("icon") or "website"),
        )
        for item in value
        if isinstance(item, Mapping)
    ]


def unsafe_links(
    values: Mapping[str, Any], key: str, file: str, line: Callable[[str], int | None]
) -> list[Problem]:
    """A problem for every link value that will not become a link (a ``javascript:`` URL, an
    unknown scheme, a ``doi`` that is not a DOI); ``line`` finds a field's line."""
    problems = []
    checks = [
        (field, value, url)
        for field, _, _ in LINK_FIELDS
        if values.get(field)
        for value, url in _link_values(field, values[field])
    ]
    checks += [("links", url, safe_url(url)) for _, url, _ in custom_links(values.get("links"))]
    if preview := str(values.get("preview") or "").strip():
        checks.append(("preview", preview, safe_url(preview)))
    for field, value, url in checks:
        if url is None:
            expected = (
                "a DOI such as 10.1000/xyz" if field == "doi" else "an https:// address or a path"
            )
            problems.append(
                Problem(
                    file,
                    line(field),
                    f"'{field}' of entry '{key}' is not a link this site can show "
                    f'("{value[:60]}"); use {expected}. The entry is shown without it',
                )
            )
    return problems


def _english(key: str, default: str) -> str:
    return default


def publication_links(
    publication: Publication, label: Callable[[str, str], str] = _english
) -> list[Link]:
    """The buttons of one publication; unsafe values are left out (the loaders report them).
    ``label(id, english)`` gives a button's text in the site's language."""
    links: list[Link] = []
    for field, english, icon in LINK_FIELDS:
        if not (value := publication.get(field)):
            continue
        urls = [url for _, url in _link_values(field, value) if url]
        name = label(field, english)
        for index, url in enumerate(urls, start=1):
            text = f"{name} {index}" if len(urls) > 1 else name
            extra = str(publication.get("stars", "")).strip() if field == "code" else ""
            links.append(Link(kind=field, label=text, url=url, icon=icon, extra=extra))
    for text, value, icon in custom_links(publication.get("links")):
        if (url := safe_url(value)) is not None:
            links.append(Link("custom", text or label("link", "Link"), url, icon))
    return links


def relative_url(url: str, page_url: str | None) -> str:
    """Make a site-relative path (``papers/x.pdf``) work from the page that shows it.

    Absolute URLs and ``/``-rooted paths are left alone. ``page_url`` is the page's URL
    relative to the site root (``publications/`` or ``about.html``); ``None`` keeps the path.
    """
    if page_url is None or _SCHEME.match(url) or url.startswith(("/", "#")):
        return url
    base = posixpath.dirname(page_url) if not page_url.endswith("/") else page_url.rstrip("/")
    return posixpath.relpath(url, base or ".") if base else url
