"""The files of the site that publications link to: a PDF button or a thumbnail pointing at
a file that is not there gives visitors a 404 or a blank gap.

A local link may mean two places (:func:`~mkdocs_research.links.site_paths`): al-folio's
asset folder of its field, or the docs folder. Each build looks for the file, links to the
place where it is, and reports a link whose file is in neither. Files come and go without
the ``.bib`` file changing, so this is done at every build, and what it found is part of
what the rendered rows depend on (:attr:`~mkdocs_research.model.Publication.found_at`).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .calls import nearest
from .links import LINK_FIELDS, custom_links, doi_url, is_local, link_values, site_paths
from .model import Problem, Publication, display_path
from .options import Options
from .yamlfile import line_of

#: The fields whose values may name a file of the site (a ``doi`` is always a web address).
_FIELDS = (*(name for name, _, _ in LINK_FIELDS if name != "doi"), "preview")
_WEB = re.compile(r"https?://[^\s;]*\Z")
_ORDER = {name: index for index, name in enumerate(_FIELDS)}


def locate_files(
    publications: Iterable[Publication],
    options: Options,
    sources: Mapping[str, Path],
    extras_file: str,
) -> list[Problem]:
    """Find the file of every local link and thumbnail (setting each publication's
    ``found_at``), and a problem for each whose file is in neither place it may mean.

    ``sources`` maps each ``.bib`` file's name in messages to its path, to find the line of
    a field; ``extras_file`` names ``publications.yml``, for values that come from there.
    Nothing is checked when the docs folder is absent (a host without one).
    """
    docs = options.docs_dir
    if not docs.is_dir():
        return []
    folder = display_path(docs, options.root)
    lines = _FieldLines(sources)
    problems = []
    for publication in publications:
        publication.found_at = {}
        for field, url, other in _local_links(publication, options):
            if _exists(docs, url):
                continue
            if other is not None and _exists(docs, other):
                publication.found_at[url] = other
                continue
            if field in publication.extras:
                where = (extras_file, line_of(publication.extras, field))
            else:
                where = (publication.file, lines.of(publication, field))
            also = f" (nor {folder}/{other})" if other and not other.startswith("../") else ""
            hint = " (it looks like a DOI: write it in 'doi')" if doi_url(url) else ""
            message = (
                f"'{field}' of entry '{publication.key}' links to {folder}/{url}, which does "
                f"not exist{also}; add the file or correct the name{hint}"
            )
            problems.append(Problem(*where, message))
    return problems


class _FieldLines:
    """Lines of fields in ``.bib`` files, read only when a message needs one."""

    def __init__(self, sources: Mapping[str, Path]) -> None:
        self.sources = sources
        self.texts: dict[str, list[str]] = {}

    def of(self, publication: Publication, field: str) -> int:
        """The line of ``field`` in the entry, or the entry's own line."""
        if publication.file not in self.texts:
            path = self.sources.get(publication.file)
            try:
                text = path.read_text(encoding="utf-8", errors="replace") if path else ""
            except OSError:
                text = ""
            self.texts[publication.file] = text.splitlines()
        lines = self.texts[publication.file]
        name = re.compile(rf"(?:^|[\s,{{]){re.escape(field)}\s*=", re.IGNORECASE)
        for number in range(publication.line, len(lines) + 1):
            text = lines[number - 1]
            if number > publication.line and text.lstrip().startswith("@"):
                break
            if name.search(text):
                return number
        return publication.line


def unknown_asset_fields(options: Options) -> list[Problem]:
    """A problem for each ``asset_dirs`` key that is not a field linking to a file."""
    problems = []
    for name in sorted(set(options.asset_dirs) - set(_FIELDS)):
        guess = nearest(name, _FIELDS)
        hint = f"did you mean '{guess}'?" if guess else f"use one of: {', '.join(_FIELDS)}"
        message = f"option 'asset_dirs': '{name}' is not a field that links to a file; {hint}"
        problems.append(Problem("mkdocs.yml", None, message))
    return problems


def _local_links(publication: Publication, options: Options) -> list[tuple[str, str, str | None]]:
    """(field, site path, the other place it may mean) of every link of the entry that
    points at a file of the site."""
    present = _ORDER.keys() & (publication.fields.keys() | publication.extras.keys())
    found = [
        (field, *site_paths(field, url, options.asset_dirs))
        for field in sorted(present, key=_ORDER.__getitem__)
        if (value := publication.get(field)) and not _web_address(value)
        for _, url in link_values(field, value)
        if url
    ]
    found += [("links", url, None) for _, url, _ in custom_links(publication.get("links"))]
    return [(field, url, other) for field, url, other in found if url and is_local(url)]


def _web_address(value: object) -> bool:
    """A value that is one web address, the common case, which needs no closer look."""
    return isinstance(value, str) and _WEB.match(value) is not None


def _exists(docs: Path, url: str) -> bool:
    """Whether ``url`` names a file of the site, or a page MkDocs makes from a Markdown
    file (``projects/x/`` or ``projects/x.html`` from ``projects/x.md``)."""
    path = posixpath.normpath(unquote(urlsplit(url).path))
    if path == ".." or path.startswith("../"):
        return False  # outside the docs folder: never in the site
    if (docs / path).exists():
        return True
    page = path.removesuffix(".html")
    if page != path or url.endswith("/") or not posixpath.splitext(path)[1]:
        return any(
            (docs / name).is_file()
            for name in (f"{page}.md", f"{page}/index.md", f"{page}/README.md")
        )
    return False
