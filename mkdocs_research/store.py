"""The data files of one site, read once and kept until they change.

``mkdocs serve`` rebuilds the whole site after every edit; re-reading an unchanged 5,000-entry
bibliography each time would make it crawl, so every file is remembered with its size and
modification time and parsed again only when those change; a ``.bib`` file then only in the
entries that changed.
"""

from __future__ import annotations

import glob
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from . import images
from .bibtex import Bibliography, Block, read_bibtex_file, unfinished
from .cache import BIBLIOGRAPHY, Codec, DiskCache
from .citations import load_citations, with_citation_metrics
from .coauthors import Coauthors, load_coauthors
from .cv import load_cv
from .extras import load_extras
from .inheritance import listed_publications, resolve_inheritance
from .links import is_remote, safe_url
from .model import (
    Citations,
    CVSection,
    NewsItem,
    Problem,
    Profile,
    Publication,
    Talk,
    display_path,
)
from .news import load_news
from .options import Options
from .overrides import FOLDERS
from .people import NameMatcher
from .profile import load_profile
from .resume_formats import load_json_resume, load_rendercv
from .site_files import locate_files, unknown_asset_fields
from .talks import load_talks
from .venues import Venue, load_venues
from .yamlfile import load_yaml_file

T = TypeVar("T")


@dataclass
class _Cached:
    fingerprint: tuple[int, int]
    value: Any
    problems: list[Problem]
    digest: str


class DataStore:
    """Publications (and the other data kinds) of one site, with their problems."""

    def __init__(self, options: Options, disk: DiskCache) -> None:
        self.options = options
        self.publications: list[Publication] = []
        self.by_key: dict[str, Publication] = {}
        self.problems: list[Problem] = []
        self.owner = NameMatcher([])
        self.profile = Profile()
        self.talks: list[Talk] = []
        self.news: list[NewsItem] = []
        self.cv: list[CVSection] = []
        self.coauthors = Coauthors({})
        self.venues: dict[str, Venue] = {}
        #: How many data files, and how many ``.bib`` entries, were parsed (not remembered).
        self.parse_count = 0
        self.entry_parse_count = 0
        #: Content digests of the files the last refresh read (see :attr:`fingerprint`).
        self._digests: dict[Path, str] = {}
        #: A digest of where local files were found, which the rendered links depend on.
        self._located = ""
        self._cache: dict[Path, _Cached] = {}
        self._last_good: dict[Path, Any] = {}
        #: The blocks of each ``.bib`` file as last read well, to read it again piece by piece.
        self._known: dict[Path, dict[bytes, Block]] = {}
        #: Parsed files kept across builds (see :mod:`mkdocs_research.cache`).
        self.disk = disk

    # Files -------------------------------------------------------------------------------

    def bibliography_files(self) -> list[Path]:
        """The ``.bib`` files to read: the configured files and globs, or every ``*.bib``
        under ``data_dir``, in a stable order."""
        root = self.options.root
        if not self.options.bibliography:
            return sorted(p for p in self.options.data_dir.rglob("*.bib") if _is_file(p))
        files: list[Path] = []
        for pattern in self.options.bibliography:
            matches = sorted(glob.glob(str(root / pattern), recursive=True))
            files.extend(Path(m).resolve() for m in matches or [str(root / pattern)])
        return list(dict.fromkeys(files))

    def watched_paths(self) -> list[tuple[Path, bool]]:
        """Folders and files whose changes should trigger a rebuild under ``mkdocs serve``,
        whether or not they exist yet, each with whether its subfolders count too (not for
        the templates folder, of which only a few places are read)."""
        paths = [(self.options.data_dir, True), *((p, False) for p in self.bibliography_files())]
        if self.options.templates:
            paths += [(self.options.templates / sub, False) for sub in FOLDERS]
        return paths

    def _read(
        self,
        path: Path,
        parse: Callable[[Path, str], tuple[T, list[Problem]]],
        codec: Codec[Any] | None = None,
    ) -> tuple[T | None, list[Problem]]:
        """Parse ``path`` unless it is unchanged since the last time: in memory across
        ``mkdocs serve`` rebuilds, and on disk across builds where a ``codec`` says how.
        A file that cannot be read (no permission, a disk error) gives ``None`` and a
        problem."""
        name = display_path(path, self.options.root)
        try:
            cached = self._parsed(path, name, parse, codec)
        except OSError as error:
            self._cache.pop(path, None)
            reason = error.strerror or str(error)
            message = f"cannot read the file ({reason}); check that it is readable"
            return None, [Problem(name, None, message)]
        self._digests[path] = cached.digest
        return cached.value, cached.problems

    def _parsed(
        self,
        path: Path,
        name: str,
        parse: Callable[[Path, str], tuple[T, list[Problem]]],
        codec: Codec[Any] | None,
    ) -> _Cached:
        stat = path.stat()
        fingerprint = (stat.st_mtime_ns, stat.st_size)
        cached = self._cache.get(path)
        if cached is None or cached.fingerprint != fingerprint:
            (value, problems), parsed, digest = self.disk.get_or_parse(path, name, parse, codec)
            self.parse_count += parsed
            cached = self._cache[path] = _Cached(fingerprint, value, problems, digest)
        else:
            self.disk.keep(cached.digest)
        return cached

    @property
    def fingerprint(self) -> str:
        """A digest of every data file's content as last read, and of where the local files
        publications link to were found: whatever the macros show depends on these only
        (and on the options and templates)."""
        digest = hashlib.sha256(self._located.encode())
        for path, file_digest in sorted(self._digests.items()):
            digest.update(f"{path}\0{file_digest}\0".encode())
        return digest.hexdigest()

    # Loading -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Bring everything up to date with the files on disk; cheap when nothing changed."""
        self._digests = {}
        problems: list[Problem] = []
        self._load_publications(problems)
        data = self.options.data_dir
        self.profile = self._yaml(data / "profile.yml", load_profile, Profile(), problems)
        self.talks = self._yaml(data / "talks.yml", load_talks, [], problems)
        self.news = self._yaml(data / "news.yml", load_news, [], problems)
        self.cv = self._yaml(data / "cv.yml", load_cv, [], problems)
        self.coauthors = self._yaml(data / "coauthors.yml", load_coauthors, Coauthors({}), problems)
        self.venues = self._yaml(data / "venues.yml", load_venues, {}, problems)
        self._load_resumes(problems)
        self._load_citations(problems)
        self.owner = NameMatcher(self._owner_names())
        self.publications = listed_publications(self.publications, self.owner)
        self.by_key = {publication.id: publication for publication in self.publications}
        # Each file's problems in line order, files in the order they were read.
        files = {problem.file: index for index, problem in enumerate(problems)}
        self.problems = sorted(problems, key=lambda p: (files[p.file], p.line or 0))

    def _yaml(
        self,
        path: Path,
        load: Callable[[Any, str], tuple[T, list[Problem]]],
        default: T,
        problems: list[Problem],
    ) -> T:
        """Read one YAML data file (if it exists) and build its model.

        Only the parsed YAML is cached: building the model is cheap and may depend on other
        files (``publications.yml`` checks its citekeys against the bibliography).
        """
        if not _is_file(path):
            return default
        value, found = self._read(path, load_yaml_file)
        problems.extend(found)
        if not self.options.remote_images:
            problems.extend(images.yaml_problems(value, display_path(path, self.options.root)))
        if value is None and found and path in self._last_good:
            # A file that does not parse (a half-saved edit under `mkdocs serve`) keeps the
            # last good data on the pages; the problem is reported all the same.
            return self._last_good[path]
        model, built = load(value, display_path(path, self.options.root))
        problems.extend(built)
        self._last_good[path] = model
        return model

    def _load_publications(self, problems: list[Problem]) -> None:
        publications: list[Publication] = []
        for path in self.bibliography_files():
            if not _is_file(path):
                problems.append(
                    Problem(
                        display_path(path, self.options.root),
                        None,
                        "bibliography file not found; fix the 'bibliography' option",
                    )
                )
                continue
            bibliography, found = self._read(path, self._read_bibliography, BIBLIOGRAPHY)
            problems.extend(found)
            read = None if bibliography is None else bibliography.publications
            if read is None or unfinished(found):
                # Unreadable, or ending inside an entry (saved half-way under `mkdocs
                # serve`): the last good entries stay on the pages, as for YAML files.
                publications.extend(self._last_good.get(path, read or []))
            else:
                self._last_good[path] = read
                publications.extend(read)
            if bibliography is not None and (known := bibliography.known()):
                self._known[path] = known
        publications, found = resolve_inheritance(publications)
        problems += found
        for number, publication in enumerate(publications):
            publication.order = number
        problems += _name_repeated_citekeys(publications)
        self.by_key = {publication.id: publication for publication in publications}
        extras_file = self.options.data_dir / "publications.yml"
        extras: dict[str, dict[str, Any]] = self._yaml(
            extras_file,
            lambda value, name: load_extras(value, name, self.by_key),
            {},
            problems,
        )
        for publication in publications:
            publication.extras = extras.get(publication.id, {})
        self.publications = publications
        problems += unknown_asset_fields(self.options)
        sources = {
            display_path(path, self.options.root): path for path in self.bibliography_files()
        }
        extras_name = display_path(extras_file, self.options.root)
        problems += locate_files(publications, self.options, sources, extras_name)
        # Where local files were found changes the links the macros write.
        located = [(p.id, sorted(p.found_at.items())) for p in publications if p.found_at]
        self._located = hashlib.sha256(repr(located).encode()).hexdigest()
        if not self.options.remote_images:
            problems.extend(images.bibtex_problems(publications))

    def _read_bibliography(self, path: Path, name: str) -> tuple[Bibliography, list[Problem]]:
        """A ``.bib`` file, of which only the pieces that changed since it was last read are
        parsed again."""
        bibliography, problems = read_bibtex_file(path, name, self._known.get(path))
        self.entry_parse_count += bibliography.read
        return bibliography, problems

    def _load_resumes(self, problems: list[Problem]) -> None:
        """JSON Resume and RenderCV files fill in what ``profile.yml`` and ``cv.yml`` lack."""
        data = self.options.data_dir
        sources = [(data / "resume.json", load_json_resume)]
        sources += [(path, load_rendercv) for path in sorted(data.glob("*_CV.yaml"))]
        for path, load in sources:
            if not _is_file(path):
                continue
            read, found = self._read(path, load)
            problems.extend(found)
            if read is None:
                continue
            profile, sections = read
            if not self.profile.name and profile is not None:
                self.profile = profile
                photo = safe_url(profile.photo)
                if photo and is_remote(photo) and not self.options.remote_images:
                    name = display_path(path, self.options.root)
                    problems.append(images.problem(name, None, "photo", photo))
            known = {section.id for section in self.cv}
            self.cv = self.cv + [s for s in sections if s.id not in known]

    def _load_citations(self, problems: list[Problem]) -> None:
        """Counts from ``citations.yml`` onto the rows, totals onto the profile."""
        path = self.options.data_dir / "citations.yml"
        citations = self._yaml(path, load_citations, Citations(), problems)
        for publication in self.publications:
            publication.citations = citations.publications.get(publication.id)
        self.profile = with_citation_metrics(self.profile, citations)

    def _owner_names(self) -> list[str]:
        """``highlight_names``, or the name and aliases in the profile."""
        if self.options.highlight_names is not None:
            return list(self.options.highlight_names)
        return [n for n in (self.profile.name, *self.profile.aliases) if n]


def _name_repeated_citekeys(publications: list[Publication]) -> list[Problem]:
    """Give every entry its own :attr:`~Publication.id`: its citekey, or for a later entry
    that repeats the citekey of an earlier one, ``<key>-<file name>`` (``-2``, ``-3`` … for
    repeats within one file). The first entry keeps the key for ``publication("key")`` and
    ``publications.yml``; the later one keeps its own anchor and page, so nothing is merged
    and no link leads to the wrong paper. A repeat across files is reported here, with both
    places (the ``.bib`` reader reports repeats within one file)."""
    problems = []
    first: dict[str, Publication] = {}
    taken = {publication.key for publication in publications}
    for publication in publications:
        earlier = first.setdefault(publication.key, publication)
        publication.id = publication.key
        if earlier is publication:
            continue
        name = publication.key
        if earlier.file != publication.file:
            name = f"{publication.key}-{_slug(Path(publication.file).stem)}"
        candidate, number = name, 1
        while candidate in taken:
            number += 1
            candidate = f"{name}-{number}"
        publication.id = candidate
        taken.add(candidate)
        if earlier.file != publication.file:
            problems.append(
                Problem(
                    publication.file,
                    publication.line,
                    f"citekey '{publication.key}' is also used at {earlier.file}:{earlier.line}; "
                    f"both entries are shown, this one as '{candidate}' (its anchor and page), "
                    f'while publication("{publication.key}") and publications.yml mean the '
                    f"entry in {earlier.file}. Give one of them another key",
                )
            )
    return problems


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text).strip("-") or "bib"


def _is_file(path: Path) -> bool:
    """Whether ``path`` is a file to read. One that cannot even be looked at counts as one,
    so that reading it reports why."""
    try:
        return path.is_file()
    except OSError:
        return True
