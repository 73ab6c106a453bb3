"""Caches on disk, so that a second ``mkdocs build`` (and CI with a restored ``.cache``)
skips parsing a large bibliography and rendering its rows again.

A cache folder sits in the project, where a pull request or a poisoned CI cache can plant
files, so nothing in it is trusted: every file is JSON of plain values (strings, numbers,
lists), stamped with the format and this package's code, and checked value by value as it is
read. A file that fails any check is a cache miss, never an error and never code: the cache
cannot run anything, and the worst a planted file can do is show wrong HTML, which a changed
data file, template or package version replaces.

Parsed files are keyed by the file's bytes, its display name, the parser and this package's
code; rendered rows by everything they show. A build writes the folder when it ends (under
``mkdocs serve``, the server when it stops), through a temporary file and an atomic rename for
each file, so two builds at once never see half a file, and the whole folder is safe to delete.
Each build keeps only what it used.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from .bibtex import Bibliography, decode_block, encode_block
from .codec import (
    Decoder,
    Invalid,
    encode_problem,
    expect,
    items,
    problem,
)
from .model import Problem

T = TypeVar("T")

#: Changes when the layout of the files below changes.
FORMAT = 3


def _code() -> str:
    """A digest of this package's code, templates and labels, rather than its version
    number: an editable install changes them without a new one, and a new release that
    changes none of them can keep the cache."""
    digest = hashlib.sha256(f"{FORMAT}".encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.suffix in {".py", ".html", ".svg", ".yml"}:
            digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


#: Changes with every change of the package's code, so no cache outlives the code it served.
VERSION = _code()


def digest(*inputs: object) -> bytes:
    """A short, stable key for picklable inputs (Python's own ``hash`` changes per process).
    Inputs are only ever pickled here, to be hashed: no cache file is ever unpickled."""
    return hashlib.blake2b(pickle.dumps(inputs, pickle.HIGHEST_PROTOCOL), digest_size=16).digest()


@dataclass(frozen=True)
class Codec(Generic[T]):
    """How one parser's result is written to a cache file (as JSON text) and checked when
    read back (from the parsed JSON)."""

    encode: Callable[[T], str]
    decode: Callable[[Any], T]


#: JSON without spaces; one encoder for all, rather than one made by every ``json.dumps``.
_json = json.JSONEncoder(separators=(",", ":")).encode


def _encode_bibliography(value: tuple[Bibliography, list[Problem]]) -> str:
    """Block by block: the lists of thousands of entries are never all built at once."""
    bibliography, problems = value
    blocks = ",".join(_json(encode_block(block)) for block in bibliography.blocks)
    return f"[[{blocks}],{_json([encode_problem(q) for q in problems])}]"


def _decode_bibliography(value: Any) -> tuple[Bibliography, list[Problem]]:
    blocks, problems = items(value, 2)
    decoder = Decoder()
    return Bibliography([decode_block(b, decoder) for b in expect(blocks, list)]), [
        problem(p) for p in expect(problems, list)
    ]


#: Parsed BibTeX: the one parse worth keeping across builds (YAML files are small).
BIBLIOGRAPHY = Codec(_encode_bibliography, _decode_bibliography)


class DiskCache:
    """Parsed files in a cache folder (``.cache/plugin/research/`` by default)."""

    def __init__(self, folder: Path, writable: bool = True) -> None:
        self.folder = folder
        self.writable = writable
        #: Entry files this build read or wrote, and those the last finished build did
        #: (``None`` before one finished); :meth:`write` removes the others.
        self._used: set[str] = set()
        self._kept: set[str] | None = None
        #: Parsed values that :meth:`write` has yet to write, by entry file name.
        self._unwritten: dict[str, tuple[Codec[Any], Any]] = {}

    def get_or_parse(
        self, path: Path, name: str, parse: Callable[[Path, str], T], codec: Codec[T] | None
    ) -> tuple[T, bool, str]:
        """The parsed value of ``path``, whether it had to be parsed now, and the digest of
        its content (with its name, the parser and the code). Without a ``codec`` the value
        is parsed and not kept on disk."""
        digest = hashlib.sha256(path.read_bytes())
        digest.update(f"\0{name}\0{parse.__module__}.{parse.__qualname__}\0{VERSION}".encode())
        key = digest.hexdigest()
        if codec is None:
            return parse(path, name), True, key
        entry = self.folder / f"{key}.json"
        self.keep(key)
        try:
            return codec.decode(_read(entry)), False, key
        except (OSError, ValueError, RecursionError, Invalid):
            pass
        value = parse(path, name)
        if self.writable:
            self._unwritten[entry.name] = (codec, value)
        return value, True, key

    def keep(self, key: str) -> None:
        """Count the parsed file of ``key`` as used by this build, though it was read from
        memory (under ``mkdocs serve``, an unchanged file is not read again)."""
        self._used.add(f"{key}.json")

    def end_build(self) -> None:
        """End of a build: what it used is what the cache keeps."""
        self._kept, self._used = self._used, set()
        self._unwritten = {n: v for n, v in self._unwritten.items() if n in self._kept}

    def handed_over(self) -> None:
        """Another process writes what :meth:`write` would."""
        self._unwritten = {}

    def write(self) -> None:
        """Write what the last build parsed, and remove the parsed files it did not use: an
        edited ``.bib`` leaves no stale copy behind. Files of earlier versions of this
        package go too."""
        if not self.writable or self._kept is None:
            return
        for name, (codec, value) in self._unwritten.items():
            _write_atomically(self.folder / name, _stamped(codec.encode(value)))
        self._unwritten = {}
        if not self.folder.is_dir():
            return
        for entry in self.folder.iterdir():
            stale = entry.suffix in {".pickle", ".tmp"} or (
                entry.suffix == ".json" and _is_key(entry.stem) and entry.name not in self._kept
            )
            if stale and entry.is_file():
                with contextlib.suppress(OSError):
                    entry.unlink()


def _is_key(stem: str) -> bool:
    return len(stem) == 64 and all(c in "0123456789abcdef" for c in stem)


#: A rendered entry: its HTML and search copy, or the line of JSON that holds them.
_Entry = tuple[str, str] | str


class RenderCache:
    """Rendered HTML, with its copy for the search index, by a digest of everything it
    shows: macro outputs (``calls.json``) and publication rows (``rows.json``).

    Rendering is most of the time a long list takes; with this cache a ``mkdocs serve``
    rebuild or a second build renders only what changed. Entries live in memory across
    serve rebuilds and in one file on disk across builds; :meth:`end_build` keeps only the
    entries the build used, so the cache never outgrows the site.

    The file holds a line of JSON an entry, ``["<key>","<html>","<search copy>"]``, read
    when the entry is used. A ``compact`` cache keeps entries that way in memory too: JSON
    text is ASCII, one byte a character, where a string holding one character beyond U+FFFF
    (the MathML of ``\\mathcal{O}``) takes four, so a long list and its rows take a quarter
    of the memory at the cost of decoding them when used. A server, which rebuilds often and
    is not short of memory, keeps them as strings.
    """

    def __init__(self, file: Path | None, writable: bool = True, compact: bool = True) -> None:
        self.file = file
        self.writable = writable
        self.compact = compact
        self._rows: dict[bytes, _Entry] | None = None
        self._used: dict[bytes, _Entry] = {}
        self._added = False
        #: Whether the rows kept differ from the file's.
        self._changed = False

    def get(self, key: bytes) -> tuple[str, str] | None:
        """The HTML and its search copy, if cached (and well formed)."""
        if self._rows is None:
            self._rows = self._load()
        entry = self._rows.get(key)
        if entry is None:
            return None
        row = entry if isinstance(entry, tuple) else _row(key, entry)
        if row is None:
            return None
        self._used[key] = entry if self.compact else row
        return row

    def __contains__(self, key: bytes) -> bool:
        """Whether an entry is kept under ``key``, without reading it (it may prove damaged
        when :meth:`get` reads it)."""
        if self._rows is None:
            self._rows = self._load()
        return key in self._rows

    def put(self, key: bytes, row: tuple[str, str]) -> tuple[str, str]:
        if self._rows is None:
            self._rows = self._load()
        self._rows[key] = self._used[key] = _line(key, row) if self.compact else row
        self._added = True
        return row

    def end_build(self) -> None:
        """End of a build: keep the rows this build used, and no others."""
        if self._rows is None:
            return
        self._changed |= self._added or self._used.keys() != self._rows.keys()
        self._rows, self._used, self._added = self._used, {}, False

    def write(self) -> None:
        """Write the rows kept, if they changed."""
        if self._changed and self._rows is not None and self.file is not None and self.writable:
            lines = (e if isinstance(e, str) else _line(k, e) for k, e in self._rows.items())
            _write_atomically(self.file, "\n".join([_STAMP, *lines]))
        self._changed = False

    def handed_over(self) -> None:
        """Another process writes what :meth:`write` would: the entries kept are let go of,
        and read from the file when next used."""
        self._rows, self._used, self._added, self._changed = None, {}, False, False

    def _load(self) -> dict[bytes, _Entry]:
        """The file's lines by key; each is checked when it is used (see :meth:`get`)."""
        if self.file is None:
            return {}
        try:
            lines = self.file.read_text(encoding="utf-8").split("\n")
        except (OSError, ValueError):
            return {}
        if lines[0] != _STAMP:
            return {}
        rows: dict[bytes, _Entry] = {}
        for line in lines[1:]:
            with contextlib.suppress(ValueError):  # a damaged line is a miss
                rows[bytes.fromhex(line[2:34])] = line
        return rows


def _line(key: bytes, row: tuple[str, str]) -> str:
    return json.dumps([key.hex(), *row], separators=(",", ":"))


def _row(key: bytes, line: str) -> tuple[str, str] | None:
    """The HTML and search copy a line of a file holds, if it is well formed."""
    try:
        hex_key, html, search = items(json.loads(line), 3)
        if hex_key != key.hex():
            raise Invalid("a line under another key")
        return expect(html, str), expect(search, str)
    except (ValueError, RecursionError, Invalid):
        return None


def _read(entry: Path) -> Any:
    """A cache file's content, if it carries this code's stamp."""
    with entry.open("rb") as stream:
        stamped = json.load(stream)
    if type(stamped) is not dict or stamped.get("version") != VERSION:
        raise Invalid("written by other code")
    return stamped.get("value")


#: The first line of a file of rendered HTML (see :class:`RenderCache`).
_STAMP = _json({"version": VERSION})


def _stamped(value: str) -> str:
    """A value's JSON text, stamped with this code (see :func:`_read`)."""
    return f'{{"version":{_json(VERSION)},"value":{value}}}'


def _write_atomically(entry: Path, text: str) -> None:
    """Write through a temporary file; a cache that cannot be written is simply not used."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, entry)
    except OSError:
        return
