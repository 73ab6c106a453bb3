"""Caches on disk, so that a second ``mkdocs build`` (and CI with a restored ``.cache``)
skips parsing a large bibliography and rendering its rows again.

Parsed files are keyed by the file's bytes, its display name, the parser and this package's
code; rendered rows by everything they show. An edit, a rename or an upgrade never reads a
stale result. Writes go through a temporary file and an atomic rename: two builds at once
never see half a file, and the whole folder is safe to delete.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

T = TypeVar("T")


def _version() -> str:
    try:
        return metadata.version("mkdocs-research")
    except metadata.PackageNotFoundError:  # running from a source tree
        return "source"


def _code() -> str:
    """A digest of this package's code and templates: an editable install changes them
    without a new version number."""
    digest = hashlib.sha256(_version().encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.suffix in {".py", ".html", ".svg"}:
            digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


#: Changes with every change of the package's code, so no cache outlives the code it served.
VERSION = _code()


def digest(*inputs: object) -> bytes:
    """A short, stable key for picklable inputs (Python's own ``hash`` changes per process)."""
    return hashlib.blake2b(pickle.dumps(inputs, pickle.HIGHEST_PROTOCOL), digest_size=16).digest()


class DiskCache:
    """Pickled results of parsing, under ``.cache/plugin/research/``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get_or_parse(
        self, path: Path, name: str, parse: Callable[[Path, str], T]
    ) -> tuple[T, bool, str]:
        """The parsed value of ``path``, whether it had to be parsed now, and the digest of
        its content (with its name, the parser and the code)."""
        content = path.read_bytes()
        digest = hashlib.sha256(content)
        digest.update(f"\0{name}\0{parse.__module__}.{parse.__qualname__}\0{VERSION}".encode())
        key = digest.hexdigest()
        entry = self.folder / f"{key}.pickle"
        try:
            with entry.open("rb") as stream:
                return _unpickle(stream), False, key
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            pass
        value = parse(path, name)
        self._store(entry, value)
        return value, True, key

    def _store(self, entry: Path, value: object) -> None:
        _write_atomically(entry, value)


class RenderCache:
    """Rendered HTML, with its copy for the search index, by a digest of everything it
    shows: macro outputs (``calls.pickle``) and publication rows (``rows.pickle``).

    Rendering is most of the time a long list takes; with this cache a ``mkdocs serve``
    rebuild or a second build renders only what changed. Entries live in memory across
    serve rebuilds and in one pickle on disk across builds; :meth:`save` keeps only the
    entries the build used, so the cache never outgrows the site.
    """

    def __init__(self, file: Path | None) -> None:
        self.file = file
        self._rows: dict[bytes, tuple[str, str]] | None = None
        self._used: dict[bytes, tuple[str, str]] = {}
        self._added = False

    def get(self, key: bytes) -> tuple[str, str] | None:
        """The HTML and its search copy, if cached."""
        if self._rows is None:
            self._rows = self._load()
        row = self._rows.get(key)
        if row is not None:
            self._used[key] = row
        return row

    def put(self, key: bytes, row: tuple[str, str]) -> tuple[str, str]:
        if self._rows is None:
            self._rows = self._load()
        self._rows[key] = self._used[key] = row
        self._added = True
        return row

    def save(self) -> None:
        """End of a build: keep (and write, if they changed) the rows this build used."""
        if self._rows is None:
            return
        if self.file is not None and (self._added or self._used.keys() != self._rows.keys()):
            _write_atomically(self.file, self._used)
        self._rows, self._used, self._added = self._used, {}, False

    def _load(self) -> dict[bytes, tuple[str, str]]:
        if self.file is not None:
            try:
                with self.file.open("rb") as stream:
                    rows = _unpickle(stream)
                if isinstance(rows, dict):
                    return rows
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
                pass
        return {}


def _unpickle(stream: BinaryIO) -> Any:
    """Load a pickle with the cyclic garbage collector paused: thousands of publications
    are allocated at once, and the collector would walk them again and again (5× slower)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(stream)
    finally:
        if enabled:
            gc.enable()


def _write_atomically(entry: Path, value: object) -> None:
    """Write through a temporary file; a cache that cannot be written is simply not used."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, entry)
    except OSError:
        return
