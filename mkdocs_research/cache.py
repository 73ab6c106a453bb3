"""A cache of parsed data files on disk, so that a second ``mkdocs build`` (and CI with a
restored ``.cache``) skips parsing a large bibliography.

Entries are keyed by the file's bytes, its display name, the parser and this package's
version, so an edit, a rename or an upgrade never reads a stale result. Writes go through a
temporary file and an atomic rename: two builds at once never see half a file, and the whole
folder is safe to delete.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def _version() -> str:
    try:
        return metadata.version("mkdocs-research")
    except metadata.PackageNotFoundError:  # running from a source tree
        return "source"


VERSION = _version()

#: Bump when the pickled model changes shape.
FORMAT = 1


class DiskCache:
    """Pickled results of parsing, under ``.cache/plugin/research/``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get_or_parse(
        self, path: Path, name: str, parse: Callable[[Path, str], T]
    ) -> tuple[T, bool]:
        """The parsed value of ``path``, and whether it had to be parsed now."""
        content = path.read_bytes()
        digest = hashlib.sha256(content)
        digest.update(
            f"\0{name}\0{parse.__module__}.{parse.__qualname__}\0{VERSION}\0{FORMAT}".encode()
        )
        entry = self.folder / f"{digest.hexdigest()}.pickle"
        try:
            with entry.open("rb") as stream:
                return pickle.load(stream), False
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            pass
        value = parse(path, name)
        self._store(entry, value)
        return value, True

    def _store(self, entry: Path, value: object) -> None:
        """Write atomically; a cache that cannot be written is simply not used."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, entry)
        except OSError:
            return
