"""The data files of one site, read once and kept until they change.

``mkdocs serve`` rebuilds the whole site after every edit; re-reading an unchanged 5,000-entry
bibliography each time would make it crawl, so every file is remembered with its size and
modification time and parsed again only when those change.
"""

from __future__ import annotations

import glob
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from .bibtex import load_bibtex_file
from .model import Problem, Publication, display_path
from .options import Options
from .people import NameMatcher
from .yamlfile import load_yaml_file

T = TypeVar("T")


@dataclass
class _Cached:
    fingerprint: tuple[int, int]
    value: Any
    problems: list[Problem]


class DataStore:
    """Publications (and the other data kinds) of one site, with their problems."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.publications: list[Publication] = []
        self.by_key: dict[str, Publication] = {}
        self.problems: list[Problem] = []
        self.owner = NameMatcher([])
        self.parse_count = 0
        self._cache: dict[Path, _Cached] = {}

    # Files -------------------------------------------------------------------------------

    def bibliography_files(self) -> list[Path]:
        """The ``.bib`` files to read: the configured files and globs, or every ``*.bib``
        under ``data_dir``, in a stable order."""
        root = self.options.root
        if not self.options.bibliography:
            return sorted(self.options.data_dir.rglob("*.bib"))
        files: list[Path] = []
        for pattern in self.options.bibliography:
            matches = sorted(glob.glob(str(root / pattern), recursive=True))
            files.extend(Path(m).resolve() for m in matches or [str(root / pattern)])
        return list(dict.fromkeys(files))

    def watched_paths(self) -> list[Path]:
        """Folders and files whose changes should trigger a rebuild under ``mkdocs serve``."""
        paths = [self.options.data_dir, *self.bibliography_files()]
        if self.options.templates:
            paths.append(self.options.templates)
        return [p for p in paths if p.exists()]

    def _read(
        self, path: Path, parse: Callable[[Path, str], tuple[T, list[Problem]]]
    ) -> tuple[T, list[Problem]]:
        """Parse ``path`` unless it is unchanged since the last time."""
        stat = path.stat()
        fingerprint = (stat.st_mtime_ns, stat.st_size)
        cached = self._cache.get(path)
        if cached is None or cached.fingerprint != fingerprint:
            self.parse_count += 1
            value, problems = parse(path, display_path(path, self.options.root))
            cached = self._cache[path] = _Cached(fingerprint, value, problems)
        return cached.value, cached.problems

    # Loading -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Bring everything up to date with the files on disk; cheap when nothing changed."""
        problems: list[Problem] = []
        publications: list[Publication] = []
        for path in self.bibliography_files():
            if not path.is_file():
                problems.append(
                    Problem(
                        display_path(path, self.options.root),
                        None,
                        "bibliography file not found; fix the 'bibliography' option",
                    )
                )
                continue
            loaded, found = self._read(path, lambda p, name: load_bibtex_file(p, name))
            publications.extend(loaded)
            problems.extend(found)
        for number, publication in enumerate(publications):
            publication.order = number
        self.publications = publications
        self.by_key = {}
        for publication in publications:
            self.by_key.setdefault(publication.key, publication)
        self.owner = NameMatcher(self._owner_names(problems))
        self.problems = problems

    def _owner_names(self, problems: list[Problem]) -> list[str]:
        """``highlight_names``, or the name and aliases in ``profile.yml``."""
        if self.options.highlight_names is not None:
            return list(self.options.highlight_names)
        path = self.options.data_dir / "profile.yml"
        if not path.is_file():
            return []
        profile, found = self._read(path, load_yaml_file)
        problems.extend(found)
        if not isinstance(profile, dict):
            return []
        aliases = profile.get("aliases") or []
        names = [profile.get("name"), *(aliases if isinstance(aliases, list) else [aliases])]
        return [str(n) for n in names if n]
