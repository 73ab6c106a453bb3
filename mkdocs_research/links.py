"""Link fields: which URLs are safe to put in an ``href``, and the buttons under a publication.

BibTeX pasted from the web is untrusted: only http(s), mailto, site-relative paths, DOIs and
handles become links. Everything else is dropped (and reported by the caller).

A bare file name means what it means in al-folio: ``pdf = {paper.pdf}`` is the file
``assets/pdf/paper.pdf`` of the site (see ``asset_dirs``), while a path with a folder
(``papers/paper.pdf``) is relative to the docs folder; where the file is in the other place
the value may mean, the link goes there.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from typing import Any

from .model import Link, Problem, Publication

#: (field, label, icon) in the order the buttons appear, after al-folio's order. The labels
#: are the English defaults of the label with the field's name (see ``locales/en.yml``).
LINK_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("pdf", "PDF", "pdf"),
    ("arxiv", "arXiv", "arxiv"),
    ("hal", "HAL", "hal"),
    ("pmid", "PubMed", "website"),
    ("pmcid", "PMC", "website"),
    ("html", "HTML", "html"),
    ("url", "URL", "website"),
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
#: C0 and C1 controls, DEL, zero-width and bidirectional formatting characters, line and
#: paragraph separators, byte order marks.
_UNSAFE_CHARACTER = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ufeff]"
)
#: Whitespace and invisible characters, which browsers skip inside a scheme.
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]+")
#: A DOI, bare or as the address of a resolver: doi.org, and ACM's own in its older exports
#: (``url = {http://doi.acm.org/10.1145/...}``).
_DOI = re.compile(
    r"^(?:doi:\s*|https?://(?:dx\.|www\.)?doi\.(?:acm\.)?org/)?(10\.\d{4,9}/\S+)$", re.I
)
#: A handle (``1721.1/12345``, ``hdl:20.500.11850/1234``): institutional repositories put
#: them where a DOI would go.
_HANDLE = re.compile(r"^(?:hdl:\s*|https?://hdl\.handle\.net/)?(\d+(?:\.\d+)*/\S+)$", re.I)
#: What a link value may come wrapped in: ``\url{...}`` or an HTML ``<a href="...">...</a>``.
_WRAPPED = re.compile(
    r'^(?:\\url\{(?P<url>[^{}]*)\}|(?:[A-Za-z]+:\s*)?<a\s+href="(?P<href>[^"<>]*)"\s*>[^<>]*</a>)$',
    re.I,
)
#: A web address written without its scheme, as in some ``url`` fields.
_BARE_DOMAIN = re.compile(r"^www\.[\w-]+(?:\.[\w-]+)+(?:[/?#]\S*)?$", re.I)
_ARXIV = re.compile(
    r"^(?:arxiv:\s*)?(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)$", re.I
)
_HAL = re.compile(r"^(hal-\d+|tel-\d+|inria-\d+)(?:v\d+)?$", re.IGNORECASE)
#: PubMed and PubMed Central identifiers, as PubMed, Zotero and BibDesk export them.
_PMID = re.compile(r"^(?:pmid:\s*)?(\d{1,9})$", re.IGNORECASE)
_PMCID = re.compile(r"^(?:pmcid:\s*)?(?:pmc)?(\d{1,9})$", re.IGNORECASE)
_URL_SEPARATOR = re.compile(r"[\s;]+|,\s+")
#: LaTeX escapes in an address (``\url{a\_b}``, Mendeley's ``{\_}`` and ``{~}``, ``\%``):
#: BibTeX's braces are never part of a value, and no address has a backslash in it.
_LATEX_ESCAPE = re.compile(r"\\([^A-Za-z])|[{}]")
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


def safe_url(value: Any) -> str | None:
    """The URL if a browser may follow it to where it says, else ``None``: the one check of
    every URL from data (link fields, Markdown, ``\\url``/``\\href`` in BibTeX, photos).

    Allowed: http(s) and mailto URLs, and paths on this site. Refused: other schemes
    (``javascript:``, ``data:``); ``//host``, ``\\host`` and ``/\\host``, which browsers
    read as another site; and control, invisible and bidirectional-override characters
    anywhere, which browsers skip inside a scheme (``java\\tscript:``) or which make a link
    read as something else than it is.
    """
    url = str(value or "").strip()
    if not url or _UNSAFE_CHARACTER.search(url):
        return None
    match = _SCHEME.match(url)
    if match:
        return url if match.group(1).lower() in _SAFE_SCHEMES else None
    if url.startswith(("//", "\\", "/\\")) or ":" in url.split("/", 1)[0]:
        return None
    return url


def is_remote(url: str) -> bool:
    """Whether a (safe) URL points to another site rather than to a file of this one."""
    return url.startswith("//") or (
        _SCHEME.match(url) is not None and not url.startswith("mailto:")
    )


def doi_url(value: str) -> str | None:
    """``10.1000/xyz``, ``doi:10.1000/xyz`` or a doi.org URL → the canonical doi.org URL."""
    match = _DOI.match(value.strip())
    return f"https://doi.org/{match.group(1)}" if match else None


def _doi_field_url(value: str) -> str | None:
    """What a ``doi`` field may hold in real exports: a DOI, a handle, or the address of
    the work in a repository (any safe web address)."""
    if url := doi_url(value):
        return url
    if match := _HANDLE.match(value):
        return f"https://hdl.handle.net/{match.group(1)}"
    url = safe_url(value)
    return url if url and "://" in url else None


def unescaped_url(text: str) -> str:
    r"""An address as LaTeX writes it, as the address: ``\_`` → ``_``, ``\~{}`` → ``~``."""
    return _LATEX_ESCAPE.sub(lambda m: m.group(1) or "", text)


def _unwrapped(value: str) -> str:
    """``\\url{https://a}`` or ``<a href="https://a">...</a>`` → ``https://a``."""
    match = _WRAPPED.match(value)
    return (match["url"] if match["url"] is not None else match["href"]) if match else value


def _field_url(field: str, value: str) -> str | None:
    """A link field's value as a URL, knowing the identifier forms of arXiv, HAL and DOI;
    ``None`` if it cannot be a link, ``""`` for a ``url`` that is no web address (BibTeX's
    ``url`` is not al-folio's: it is a button only where it is a web address)."""
    value = _unwrapped(value.strip()).strip()
    if "\\" in value or "{" in value:
        value = unescaped_url(value)
    if field == "doi":
        return _doi_field_url(value)
    if field == "url" and not _SCHEME.match(_INVISIBLE.sub("", value)):
        return f"https://{value}" if _BARE_DOMAIN.match(value) else ""
    if field == "arxiv" and (match := _ARXIV.match(value)):
        return f"https://arxiv.org/abs/{match.group(1)}"
    if field == "hal" and (match := _HAL.match(value)):
        return f"https://hal.science/{match.group(1)}"
    if field == "pmid":
        match = _PMID.match(value)
        return f"https://pubmed.ncbi.nlm.nih.gov/{match.group(1)}/" if match else None
    if field == "pmcid":
        match = _PMCID.match(value)
        return f"https://pmc.ncbi.nlm.nih.gov/articles/PMC{match.group(1)}/" if match else None
    return safe_url(value)


def split_urls(value: Any) -> list[str]:
    """A link field may hold several URLs (``blog = {https://a https://b}``) or a YAML list.

    A value is split only where a part is an absolute URL, so ``java\tscript:…`` stays one
    (refused) value, while each part of ``https://a javascript:…`` is judged on its own; or
    where every part is a DOI, as INSPIRE writes an article's DOI and its erratum's
    (``doi = "10.1103/PhysRevD.85.114047, 10.1103/PhysRevD.91.039902"``).
    """
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    text = _unwrapped(str(value or "").strip())
    parts = [part for part in _URL_SEPARATOR.split(text) if part]
    if len(parts) < 2:  # most values: one address, checked for nothing more
        return [text] if text else []
    several = any("://" in p for p in parts) or all(_DOI.match(p) for p in parts)
    return parts if several else [text]


def link_values(field: str, value: Any) -> list[tuple[str, str | None]]:
    """Each value of a link field with its URL, or ``None`` where it cannot be a link.
    Among several URLs, a part that is not an absolute URL (nor a DOI in ``doi``) is a
    stray word, not a path."""
    values = split_urls(value)
    several = len(values) > 1 and not isinstance(value, (list, tuple))
    return [
        (v, None if several and not _standalone(field, v) else _field_url(field, v)) for v in values
    ]


def _standalone(field: str, part: str) -> bool:
    """Whether one part of a field holding several can be a link of its own."""
    return "://" in part or (field == "doi" and _DOI.match(part) is not None)


def first_doi(value: Any) -> str | None:
    """The doi.org URL of the first DOI of a ``doi`` field (the article's, where INSPIRE
    gives its erratum's after it), for the metadata that takes one."""
    return next((url for _, url in link_values("doi", value) if url and doi_url(url)), None)


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


#: What an identifier field must hold, for the message when it holds something else.
_EXPECTED = {
    "doi": "a DOI such as 10.1000/xyz, a handle or an https:// address",
    "pmid": "a PubMed id such as 26631642",
    "pmcid": "a PubMed Central id such as PMC4668558",
}


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
        for value, url in link_values(field, values[field])
    ]
    checks += [("links", url, safe_url(url)) for _, url, _ in custom_links(values.get("links"))]
    if preview := str(values.get("preview") or "").strip():
        checks.append(("preview", preview, safe_url(preview)))
    for field, value, url in checks:
        if url is None:
            expected = _EXPECTED.get(field, "an https:// address or a path")
            problems.append(
                Problem(
                    file,
                    line(field),
                    f"'{field}' of entry '{key}' is not a link this site can show "
                    f'("{value[:60]}"); use {expected}. The entry is shown without it',
                )
            )
    return problems


def site_paths(field: str, url: str, asset_dirs: Mapping[str, str]) -> tuple[str, str | None]:
    """Where a link may point on the site: what it means first, and the other place it may
    mean (``None`` if none). A bare file name (``paper.pdf``) is first in the field's asset
    folder (``assets/pdf/paper.pdf``), else in the docs folder; a path (``papers/x.pdf``)
    is first relative to the docs folder, else to the asset folder (al-folio's meaning:
    ``preview = {../shots/x.png}`` is ``assets/img/shots/x.png``). Web addresses stay."""
    folder = asset_dirs.get(field)
    if not folder or not is_local(url):
        return url, None
    inside = posixpath.normpath(f"{folder}/{url}")
    return (inside, url) if "/" not in url else (url, inside)


def link_urls(
    field: str,
    value: Any,
    asset_dirs: Mapping[str, str],
    found_at: Mapping[str, str] | None = None,
) -> list[str]:
    """The addresses one field's value links to, in order; unsafe values are left out.
    ``found_at`` maps a local link to the other place it may mean, where the build found
    the file (see :mod:`~mkdocs_research.site_files`)."""
    moved = found_at or {}
    urls = [site_paths(field, url, asset_dirs)[0] for _, url in link_values(field, value) if url]
    return [moved.get(url, url) for url in urls]


def file_url(publication: Publication, field: str, asset_dirs: Mapping[str, str]) -> str:
    """The first address of a field (the ``pdf`` for Google Scholar, the ``preview``), where
    the build found the file; ``""`` if it has none."""
    value = publication.get(field)
    urls = link_urls(field, value, asset_dirs, publication.found_at) if value else []
    return urls[0] if urls else ""


def is_local(url: str) -> bool:
    """Whether a link points at a file of the site (``assets/pdf/x.pdf``), which the
    build can check, rather than at another site or a ``/``-rooted path of the server."""
    return not (_SCHEME.match(url) or url.startswith(("/", "#", "\\")))


def _arxiv(publication: Publication) -> Any:
    """``arxiv``, or BibLaTeX's ``eprint`` when ``eprinttype`` (``archiveprefix`` in
    BibTeX from arXiv) says it is an arXiv identifier, as DBLP and Zotero export it.
    Mendeley writes the whole identifier in ``arxivid``, and in ``eprint`` an old one
    without its archive (``9810003`` for ``quant-ph/9810003``)."""
    if value := publication.get("arxiv") or publication.fields.get("arxivid"):
        return value
    kind = publication.fields.get("eprinttype") or publication.fields.get("archiveprefix") or ""
    return publication.fields.get("eprint", "") if kind.strip().lower() == "arxiv" else ""


def _pmcid(publication: Publication) -> Any:
    """``pmcid`` (Zotero's name), or ``pmc`` (PubMed's and BibDesk's)."""
    return publication.get("pmcid") or publication.fields.get("pmc", "")


#: The link fields whose value may be in another field, as other tools name it.
_READERS: dict[str, Callable[[Publication], Any]] = {"arxiv": _arxiv, "pmcid": _pmcid}


def _address_label(url: str) -> tuple[str, str]:
    """The label (id, English) of an address a ``doi`` field may hold: a DOI, a handle or a
    repository's web page."""
    if doi_url(url):
        return "doi", "DOI"
    return ("handle", "Handle") if url.startswith("https://hdl.handle.net/") else ("url", "URL")


_ARXIV_PAGE = re.compile(r"arxiv\.org/(?:abs|pdf)/(.+?)(?:v\d+)?(?:\.pdf)?$")
#: NCBI's older addresses of PubMed and PMC pages (Zotero puts them in ``url``), as today's.
_OLD_NCBI = (
    ("ncbi.nlm.nih.gov/pubmed/", "pubmed.ncbi.nlm.nih.gov/"),
    ("ncbi.nlm.nih.gov/pmc/articles/", "pmc.ncbi.nlm.nih.gov/articles/"),
)


def _target(url: str) -> str:
    """A URL reduced to what it points at, to notice two buttons leading to one place:
    ``http://dx.doi.org/10.1/X`` and ``https://doi.org/10.1/x`` are the same."""
    text = (doi_url(url) or url).lower()
    text = re.sub(r"^https?://(?:www\.|dx\.)?", "", text).rstrip("/")
    for old, new in _OLD_NCBI:
        text = new + text.removeprefix(old) if text.startswith(old) else text
    return _ARXIV_PAGE.sub(r"arxiv.org/abs/\1", text)


def _english(key: str, default: str) -> str:
    return default


def publication_links(
    publication: Publication,
    asset_dirs: Mapping[str, str] | None = None,
    label: Callable[[str, str], str] = _english,
) -> list[Link]:
    """The buttons of one publication; unsafe values are left out (the loaders report them).
    ``asset_dirs`` says where a bare file name is; ``label(id, english)`` gives a button's
    text in the site's language.

    ``url`` (what Zotero and DBLP export) gets a button only where it adds one: not when
    ``html`` (al-folio's field for the same page) is given, nor when another button already
    leads there.
    """
    folders = asset_dirs or {}
    links: list[Link] = []
    for field, english, icon in LINK_FIELDS:
        value = read(publication) if (read := _READERS.get(field)) else publication.get(field)
        if not value:
            continue
        urls = link_urls(field, value, folders, publication.found_at)
        for index, url in enumerate(urls, start=1):
            key, name = _address_label(url) if field == "doi" or doi_url(url) else (field, english)
            name = label(key, name)
            text = f"{name} {index}" if len(urls) > 1 else name
            extra = str(publication.get("stars", "")).strip() if field == "code" else ""
            shape = "doi" if key == "doi" else icon  # a DOI looks like one in any field
            links.append(Link(kind=field, label=text, url=url, icon=shape, extra=extra))
    for text, value, icon in custom_links(publication.get("links")):
        if (address := safe_url(value)) is not None:
            links.append(Link("custom", text or label("link", "Link"), address, icon))
    if not any(link.kind == "url" for link in links):
        return links
    shown = {_target(link.url) for link in links if link.kind != "url"}
    keep = not publication.get("html")
    return [
        link for link in links if link.kind != "url" or (keep and _target(link.url) not in shown)
    ]


def relative_url(url: str, page_url: str | None) -> str:
    """Make a site-relative path (``papers/x.pdf``) work from the page that shows it.

    Absolute URLs and ``/``-rooted paths are left alone. ``page_url`` is the page's URL
    relative to the site root (``publications/`` or ``about.html``); ``None`` keeps the path.
    """
    if page_url is None or _SCHEME.match(url) or url.startswith(("/", "#")):
        return url
    base = posixpath.dirname(page_url) if not page_url.endswith("/") else page_url.rstrip("/")
    if not base:
        return url
    relative = posixpath.relpath(url, base)
    # A folder keeps its closing slash: without it, a file:// copy or a strict server
    # finds no page.
    return relative + "/" if url.endswith("/") and not relative.endswith("/") else relative
