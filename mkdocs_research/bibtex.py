"""Loading ``*.bib`` files into publications, and writing BibTeX back out cleanly.

bibtexparser v2 does the splitting. On top of it this module catches what bibtexparser accepts
silently but wrongly (a missing comma between fields, ``#`` concatenation, an undefined
``@string``, duplicate keys and fields), recovers the entry where it can and always says so
with a file and line. A well-formed file is read piece by piece instead (see
:mod:`~mkdocs_research.bibscan`), and read again only where its text changed.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import logging
import marshal
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import bibtexparser
from bibtexparser import model as bib
from bibtexparser.middlewares import RemoveEnclosingMiddleware, ResolveStringReferencesMiddleware

from . import codec, parallel
from .bibscan import (
    BLOCK_START,
    FIELD_LIKE,
    MISSING_COMMA,
    MONTH_NAMES,
    MONTHS,
    block_spans,
    scan_bibtex,
    without_dangling_and,
)
from .characters import visible
from .latex import has_math, latex_math_problems
from .links import LINK_FIELDS, unsafe_links
from .model import Problem, Publication
from .people import parse_people, split_names, unmarked_name

#: Fields this project and al-folio read; never part of displayed or exported BibTeX.
CUSTOM_FIELDS = frozenset(
    {
        # al-folio's fields
        *("abbr", "selected", "preview", "annotation", "additional_info", "award", "award_name"),
        *("abstract", "bibtex_show", "arxiv", "hal", "html", "pdf", "supp", "poster", "slides"),
        *("video", "blog", "code", "website", "altmetric", "dimensions", "google_scholar_id"),
        "inspirehep_id",
        # this project's fields
        *("category", "project", "reviews", "dataset", "news", "stars", "also", "links"),
        *("show_authors", "display_title", "display_venue", "display_year"),
    }
)


#: Fields that real exports give twice on purpose (the ISBN of the print and of the
#: electronic edition): every value is kept, separated by commas, with no message.
REPEATABLE_FIELDS = frozenset({"isbn", "issn"})
#: biblatex entry types that are no work of their own, so have no title and are never listed:
#: ``@xdata`` holds fields for other entries, ``@set`` groups entries listed on their own.
NOT_WORKS = frozenset({"xdata", "set"})

#: How a file that ends inside an entry is reported (see :func:`unfinished`).
UNFINISHED = "is not closed before the end of the file"

# bibtexparser logs each failed block itself; we report the same failures with advice.
logging.getLogger("bibtexparser.splitter").propagate = False
logging.getLogger("bibtexparser.splitter").addHandler(logging.NullHandler())

_FIELD_START = re.compile(r"(?<=[}\"\w])([^\S\n]*\n\s*)([A-Za-z][\w:.+-]*\s*=)")
_NUMBER = re.compile(r"^\s*-?\d+\s*$")
_BRACE = re.compile(r"(?<!\\)[{}]")
#: The start of a BibLaTeX ``date``: ``2021``, ``2021-05``, ``2021-05-03``, ``2021/2022``.
_DATE = re.compile(r"\s*(?P<year>\d{4})(?:-(?P<month>\d{1,2}))?")
_ANY_BRACE = re.compile(r"[{}]")
#: An entry commented out line by line (``%@article{...``): a comment to biber, JabRef and
#: their users, though bibtexparser would read the entry (with fields named ``%  title``).
_COMMENTED_OUT = re.compile(r"^([^\S\n]*%[^\S\n]*)@", re.M)
#: What the key of an entry cannot hold for BibTeX (bibtexparser reads some of it anyway).
_UNSAFE_KEY = re.compile(r"[\s,{}\\\"=]")
_FIELD_NAME = re.compile(r"[A-Za-z][\w:.+-]*")
#: A run of backslashes and the brace after it (from the start of the run, so a long run is
#: read once).
_BACKSLASHED_BRACE = re.compile(r"(?<!\\)(\\+)([{}])")
#: Text whose braces pair up, nested at most three deep (see :func:`_balanced`).
_PAIRED = re.compile(r"[^{}]*(?:\{[^{}]*(?:\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}[^{}]*)*\}[^{}]*)*")


def _parse_stack() -> list:
    """The explicit parse stack: resolve ``@string`` references, then drop enclosings."""
    return [
        ResolveStringReferencesMiddleware(allow_inplace_modification=True),
        RemoveEnclosingMiddleware(allow_inplace_modification=True),
    ]


@dataclass(slots=True)
class Block:
    """One piece of a ``.bib`` text as read (see :func:`~.bibscan.block_spans`), kept so
    that reading the text again skips it while it stays the same: its publications and
    problems, and the ``@string`` values it uses and defines. ``digest`` identifies the
    piece's text; lines count from the top of the file, the piece starting on ``line``.
    A file read by the careful path is one block with an empty digest, never reused."""

    digest: bytes
    line: int
    publications: tuple[Publication, ...]
    problems: tuple[Problem, ...]
    used: dict[str, str]
    defined: dict[str, str]

    def reads_alike(self, strings: Mapping[str, str]) -> bool:
        """Whether the piece reads the same after ``strings``: every ``@string`` it uses has
        the value it had, and it defines none that is defined already."""
        return all(strings.get(name) == value for name, value in self.used.items()) and (
            strings.keys().isdisjoint(self.defined)
        )

    def at(self, line: int) -> Block:
        """The same piece, moved to start on ``line`` (lines were added or removed above)."""
        if line == self.line:
            return self
        shift = line - self.line
        return Block(
            self.digest,
            line,
            tuple(dataclasses.replace(p, line=p.line + shift) for p in self.publications),
            tuple(_moved(problem, shift) for problem in self.problems),
            self.used,
            self.defined,
        )


def _moved(problem: Problem, shift: int) -> Problem:
    return Problem(
        problem.file, None if problem.line is None else problem.line + shift, problem.message
    )


@dataclass
class Bibliography:
    """A ``.bib`` file as read, block by block."""

    blocks: list[Block]
    #: How many entries this reading read from text; the others were known from before.
    read: int = 0

    @property
    def publications(self) -> list[Publication]:
        return [publication for block in self.blocks for publication in block.publications]

    def known(self) -> dict[bytes, Block]:
        """The blocks by digest, for reading the file again (none when read carefully)."""
        return {block.digest: block for block in self.blocks if block.digest}


def load_bibtex(text: str, file: str) -> tuple[list[Publication], list[Problem]]:
    """Every publication in one BibTeX text, plus the problems found on the way."""
    bibliography = read_bibtex(text, file)
    return _numbered(bibliography.publications), _problems(bibliography)


def read_bibtex(text: str, file: str, known: Mapping[bytes, Block] | None = None) -> Bibliography:
    """One BibTeX text, read again only where it differs from the ``known`` blocks of an
    earlier reading (under ``mkdocs serve``, one edited entry among thousands).

    A well-formed file takes the fast path, piece by piece; one with anything to repair or
    report is read whole by bibtexparser, block by block, with a message for each problem.
    """
    text = _one_line_ending(text)
    bibliography = _read_pieces(text, file, known or {})
    if bibliography is not None:
        return bibliography
    publications, problems = _load_carefully(_cleaned(text), file)
    careful = Block(b"", 1, tuple(publications), tuple(problems), {}, {})
    return Bibliography([careful], len(publications))


def _read_pieces(text: str, file: str, known: Mapping[bytes, Block]) -> Bibliography | None:
    """The fast path: every piece of ``text`` from ``known`` or scanned, or ``None`` where
    one is irregular or a citekey repeats.

    A piece reads the ``@string`` values of those before it, so the pieces that define some
    are read first, in order; then the others, each with the values defined above it, a
    long file's in two processes (see :mod:`.parallel`)."""
    strings: dict[str, str] = {}
    listed: list[Block | _Piece] = []
    read, line = 0, 1
    for start, end in block_spans(text):
        piece = text[start:end]
        digest = hashlib.blake2b(piece.encode(), digest_size=16).digest()
        block = known.get(digest)
        # The values defined so far are copied before a piece adds to them: the pieces
        # listed above keep theirs as they were.
        if block is not None and block.reads_alike(strings):
            block = block.at(line)
            if block.defined:
                strings = {**strings, **block.defined}
        elif _DEFINES.search(piece):
            strings = dict(strings)
            block = _read_piece(text, file, _Piece(digest, line, start, end, strings))
            if block is None:
                return None
            read += len(block.publications)
        else:
            block = None
        listed.append(block or _Piece(digest, line, start, end, strings))
        line += piece.count("\n")
    pieces = [piece for piece in listed if isinstance(piece, _Piece)]
    scanned = iter(
        parallel.split_map(
            functools.partial(_read_piece, text, file), pieces, _send_blocks, _receive_blocks
        )
    )
    blocks: list[Block] = []
    keys: set[str] = set()
    for item in listed:
        block = next(scanned) if isinstance(item, _Piece) else item
        if block is None:
            return None
        for publication in block.publications:
            if publication.key in keys:
                return None
            keys.add(publication.key)
        read += len(block.publications) if isinstance(item, _Piece) else 0
        blocks.append(block)
    return Bibliography(blocks, read)


#: Where a piece may define ``@string`` values (``@string{``, ``@STRING (``).
_DEFINES = re.compile(r"@\s*string", re.IGNORECASE)


class _Piece(NamedTuple):
    """A piece to read, and the ``@string`` values defined above it."""

    digest: bytes
    line: int
    start: int
    end: int
    strings: dict[str, str]


def _read_piece(text: str, file: str, piece: _Piece) -> Block | None:
    """One piece scanned, its entries made publications; ``None`` if it is irregular."""
    scanned = scan_bibtex(_cleaned(text[piece.start : piece.end]), piece.strings, piece.line)
    if scanned is None:
        return None
    publications, problems = [], []
    for entry in scanned.entries:
        publication, entry_problems = _publication(
            entry.key, entry.entry_type, entry.fields, file, entry.line, 0, entry.field_line
        )
        publications.append(publication)
        problems += entry_problems
    return Block(
        piece.digest,
        piece.line,
        tuple(publications),
        tuple(problems),
        scanned.used,
        scanned.defined,
    )


def encode_block(block: Block) -> list:
    """A block as plain values (see :mod:`.codec`): how the cache and a child process keep it."""
    return [
        block.digest.hex(),
        block.line,
        [codec.encode_publication(p) for p in block.publications],
        [codec.encode_problem(q) for q in block.problems],
        block.used,
        block.defined,
    ]


def decode_block(value: Any, decoder: codec.Decoder) -> Block:
    """What :func:`encode_block` wrote, checked value by value."""
    digest, line, publications, problems, used, defined = codec.items(value, 6)
    return Block(
        bytes.fromhex(codec.expect(digest, str)),
        codec.expect(line, int),
        tuple([decoder.publication(p) for p in codec.expect(publications, list)]),
        tuple([codec.problem(q) for q in codec.expect(problems, list)]),
        codec.strings(used),
        codec.strings(defined),
    )


def _send_blocks(blocks: list[Block | None]) -> bytes:
    return marshal.dumps([None if block is None else encode_block(block) for block in blocks])


def _receive_blocks(data: bytes, count: int) -> list[Block | None]:
    decoder = codec.Decoder()
    return [
        None if block is None else decode_block(block, decoder) for block in codec.sent(data, count)
    ]


def prepared(text: str) -> str:
    """A BibTeX text as both readers take it: no byte order mark, no carriage returns, no
    hidden characters, and entries commented out with ``%`` left as comments."""
    return _cleaned(_one_line_ending(text))


def _one_line_ending(text: str) -> str:
    """No byte order mark and no carriage returns: what decides where pieces are cut."""
    text = text.lstrip("\ufeff")
    return text.replace("\r\n", "\n") if "\r" in text else text


def _cleaned(text: str) -> str:
    """No hidden characters, and entries commented out with ``%`` left as comments. Both go
    line by line, so a piece is cleaned as it would be in the whole text: only the pieces
    read are cleaned."""
    text = visible(text)
    return _COMMENTED_OUT.sub(r"\1 ", text) if "%" in text else text


def _numbered(publications: list[Publication]) -> list[Publication]:
    """The publications with their order in the file (the store numbers them across files)."""
    for order, publication in enumerate(publications):
        publication.order = order
    return publications


def _problems(bibliography: Bibliography) -> list[Problem]:
    """The problems of every block; blocks that fail alike on one line say it once."""
    return list(dict.fromkeys(q for block in bibliography.blocks for q in block.problems))


def _load_carefully(text: str, file: str) -> tuple[list[Publication], list[Problem]]:
    """bibtexparser's reading of every block, with the repairs and messages it needs."""
    library = bibtexparser.parse_string(text, parse_stack=_parse_stack())
    problems: list[Problem] = []
    strings = _strings(library, file, problems)
    #: (entry, duplicated field keys, whether the parse stack skipped it)
    entries: list[tuple[bib.Entry, set[str], bool]] = []

    for block in library.blocks:
        if isinstance(block, bib.Entry):
            entries.append((block, set(), False))
        elif isinstance(block, bib.DuplicateFieldKeyBlock):
            entry = block.ignore_error_block
            assert isinstance(entry, bib.Entry)
            repeated = {key for key in block.duplicate_keys if key.lower() not in REPEATABLE_FIELDS}
            for key in sorted(repeated):
                if len({str(f.value).strip() for f in entry.fields if f.key == key}) == 1:
                    continue  # the same value twice (some exports do it): nothing is lost
                lines = [_line(f.start_line) for f in entry.fields if f.key == key]
                problems.append(
                    Problem(
                        file,
                        lines[-1],
                        f"field '{key}' is given twice in entry '{entry.key}' (first at line "
                        f"{lines[0]}); the first value is used, delete the other",
                    )
                )
            entries.append((entry, {key.lower() for key in block.duplicate_keys}, True))
        elif isinstance(block, bib.DuplicateBlockKeyBlock):
            duplicate = block.ignore_error_block
            previous = block.previous_block
            problems.append(
                Problem(
                    file,
                    _line(block.start_line),
                    f"citekey '{block.key}' is used twice (first at line "
                    f"{_line(previous.start_line)}); give one entry another key. "
                    "Both entries are shown",
                )
            )
            if isinstance(duplicate, bib.Entry):
                entries.append((duplicate, set(), True))
        elif isinstance(block, bib.ParsingFailedBlock):
            written = (block.raw or "").rstrip()
            last = block is library.blocks[-1] and text.rstrip().endswith(written)
            problems.append(Problem(file, _line(block.start_line), _failure_message(block, last)))
        elif isinstance(block, bib.ImplicitComment) and FIELD_LIKE.match(block.comment):
            head = block.comment.strip().split("\n", 1)[0][:40]
            problems.append(
                Problem(
                    file,
                    _line(block.start_line),
                    f"'{head}' stands after the end of an entry; an extra '}}' probably closed "
                    "the entry early: delete it so that these fields belong to the entry",
                )
            )

    publications: list[Publication] = []
    for entry, duplicated, raw in entries:
        fields, field_problems = _fields(entry, duplicated, raw, strings, file)
        publication, entry_problems = _publication(
            entry.key,
            entry.entry_type.lower(),
            fields,
            file,
            _line(entry.start_line) or 1,
            len(publications),
            functools.partial(_line_of_field, entry),
        )
        problems += field_problems + entry_problems
        publications.append(publication)
    # Blocks that fail alike on one line would repeat the same message.
    return publications, list(dict.fromkeys(problems))


def _strings(library: bibtexparser.Library, file: str, problems: list[Problem]) -> dict[str, str]:
    """The ``@string`` values by lower-case name. A value may concatenate strings defined
    above it (``@string{icml = proc # "ICML"}``): resolved here as BibTeX does, for
    bibtexparser leaves it as written."""
    strings: dict[str, str] = {}
    for string in library.strings:
        value = str(string.value)
        if string.enclosing == "no-enclosing":  # a reference or a concatenation
            parts = _split_concatenation(value)
            resolved = [_resolve_part(part, strings, len(parts) > 1) for part in parts]
            missing = [part for part, r in zip(parts, resolved, strict=True) if r is None]
            if missing:
                problems.append(
                    Problem(
                        file,
                        _line(string.start_line),
                        f"@string '{string.key}' uses the @string '{missing[0]}', which is not "
                        "defined above it; define that one first, or write the value in braces",
                    )
                )
            else:
                value = "".join(r or "" for r in resolved)
        strings[string.key.lower()] = value
    return strings


def load_bibtex_file(path: Path, file: str) -> tuple[list[Publication], list[Problem]]:
    """Like :func:`load_bibtex` for a file."""
    bibliography, problems = read_bibtex_file(path, file)
    return _numbered(bibliography.publications), problems


def read_bibtex_file(
    path: Path, file: str, known: Mapping[bytes, Block] | None = None
) -> tuple[Bibliography, list[Problem]]:
    """Like :func:`read_bibtex` for a file, with its problems. Text that is not UTF-8 is
    read as well as it can be and reported; a file that is not BibTeX at all (binary data,
    JSON) is reported rather than read as an empty bibliography."""
    text, problems = _decode(path.read_bytes(), file)
    bibliography = read_bibtex(text, file, known)
    found = _problems(bibliography)
    if not bibliography.publications and not problems and not found:
        content = [
            (number, line.strip())
            for number, line in enumerate(text.splitlines(), 1)
            if line.strip() and not line.lstrip().startswith("%")
        ]
        if content and BLOCK_START.search(text) is None:
            number, head = content[0]
            problems.append(
                Problem(
                    file,
                    number,
                    f"has no BibTeX entries: it starts with '{head[:40]}', which is not BibTeX; "
                    "check that this is the file you meant. Entries look like "
                    "@article{key, title = {...}}",
                )
            )
    return bibliography, problems + found


def _decode(raw: bytes, file: str) -> tuple[str, list[Problem]]:
    """The text of a ``.bib`` file, and what is wrong with its encoding."""
    encoding = _utf16(raw)
    if encoding:
        message = "is saved as UTF-16; it was read as such, but save it as UTF-8"
        return raw.decode(encoding, errors="replace"), [Problem(file, 1, message)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        message = (
            "is not UTF-8 text; it was read as Latin-1, check accented names and save the "
            "file as UTF-8"
        )
        return raw.decode("latin-1"), [Problem(file, line, message)]
    if "\0" not in text:
        return text, []
    count = text.count("\0")
    line = text.count("\n", 0, text.index("\0")) + 1
    if count * 2 > len(text):
        message = (
            "is not a text file (it is mostly NUL bytes); check that this is the file you meant"
        )
    else:
        message = (
            f"contains {count} NUL character{'s' if count > 1 else ''} (the first on this "
            "line), as binary files do; they are ignored"
        )
    return text, [Problem(file, line, message)]


def _utf16(raw: bytes) -> str | None:
    """``utf-16`` for a file with a UTF-16 byte order mark, ``utf-16-le`` or ``utf-16-be``
    for one without where every other byte is zero (mostly ASCII text), else ``None``."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = raw[:4096]
    half = len(sample) // 2
    if half < 2:
        return None
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    if odd > 0.9 * half and even < 0.1 * half:
        return "utf-16-le"
    if even > 0.9 * half and odd < 0.1 * half:
        return "utf-16-be"
    return None


def _line(start_line: int | None) -> int | None:
    """bibtexparser counts lines from 0; editors count from 1."""
    return None if start_line is None else start_line + 1


def _failure_message(block: bib.ParsingFailedBlock, last: bool) -> str:
    """What went wrong with a block bibtexparser could not read, in words; ``last`` when the
    block runs to the end of the file (most often a file saved half-way)."""
    head = (block.raw or "").strip().split("\n", 1)[0][:60]
    if last:
        return (
            f"the block starting '{head}' {UNFINISHED}; close it, and check its braces and quotes"
        )
    error = block.error
    text = getattr(error, "abort_reason", "") or getattr(error, "message", "") or str(error)
    lines = text.strip().splitlines()
    reason = lines[-1].strip().rstrip(".") if lines else "syntax error"
    return (
        f"could not read the block starting '{head}': {reason}; check its braces, quotes "
        "and commas. The entries around it are still shown"
    )


def unfinished(problems: list[Problem]) -> bool:
    """Whether a file's problems say it ends inside an entry: under ``mkdocs serve``, a file
    an editor has saved only half-way, whose last good content is worth keeping."""
    return any(UNFINISHED in problem.message for problem in problems)


def _fields(
    entry: bib.Entry,
    duplicated: set[str],
    raw: bool,
    strings: dict[str, str],
    file: str,
) -> tuple[dict[str, str], list[Problem]]:
    """The fields of one parsed entry, repairing what bibtexparser left raw.

    Entries from failed blocks (``raw``) never went through the parse stack, so their values
    still carry their braces and quotes.
    """
    problems: list[Problem] = []
    fields: dict[str, str] = {}
    for f in entry.fields:
        key = f.key.lower()
        if key in fields and key in duplicated and key not in REPEATABLE_FIELDS:
            continue
        value = f.value if isinstance(f.value, str) else str(f.value)
        if key in {"author", "editor"} and (trimmed := without_dangling_and(value)) != value:
            problems.append(
                Problem(
                    file,
                    _line(f.start_line),
                    f"the {key} list of entry '{entry.key}' starts or ends with 'and'; "
                    "delete it or add the missing name",
                )
            )
            value = trimmed
        if not _balanced(value):
            problems.append(
                Problem(
                    file,
                    _line(f.start_line),
                    f"field '{key}' of entry '{entry.key}' has unbalanced braces; "
                    "every '{' needs a '}' (write \\{ for a literal brace)",
                )
            )
            value = _drop_unmatched_braces(value)
        if raw or f.enclosing == "no-enclosing" or MISSING_COMMA.search(value):
            value, recovered, problem = _repair(key, value, strings, file, _line(f.start_line))
            if problem:
                problems.append(problem)
            for extra_key, extra_value in recovered.items():
                fields.setdefault(extra_key, extra_value)
        if key in fields and key in duplicated:  # a repeatable field: keep every value
            value = ", ".join(dict.fromkeys([*fields[key].split(", "), value.strip()]))
        fields[key] = value
    return fields, problems


def _publication(
    key: str,
    entry_type: str,
    fields: dict[str, str],
    file: str,
    line: int,
    order: int,
    field_line: Callable[[str], int | None],
) -> tuple[Publication, list[Problem]]:
    """One entry's fields as a publication, and what keeps it from showing fully."""
    aliases = _biblatex_aliases(fields)
    year_text = (fields.get("year") or aliases.get("year", "")).strip()
    year = int(year_text) if year_text.isdecimal() else None
    publication = Publication(
        key=key,
        entry_type=entry_type,
        fields=fields,
        authors=list(parse_people(fields.get("author", ""))),
        year=year if year is None or 1 <= year <= 9999 else None,
        year_text=year_text,
        month=_month(fields.get("month") or aliases.get("month", "")),
        file=file,
        line=line,
        order=order,
    )
    publication.bibtex = clean_bibtex(publication)
    fields.update(aliases)  # after the BibTeX, which shows the fields as written
    problems = unsafe_links(fields, key, file, field_line)
    problems += math_problems(fields, key, file, field_line)
    if _UNSAFE_KEY.search(key):
        problems.append(
            Problem(
                file,
                line,
                f"citekey '{key}' has characters a BibTeX key cannot have (spaces, commas, "
                "braces, backslashes, double quotes, '='); rename it, e.g. doe2021",
            )
        )
    if year is not None and publication.year is None:
        problems.append(
            Problem(
                file,
                field_line("year") or field_line("date") or line,
                f"year '{year_text}' of entry '{key}' is not a year from 1 to 9999; fix it. "
                "The entry is shown with the year as written",
            )
        )
    if not fields.get("title", "").strip() and entry_type not in NOT_WORKS:
        problems.append(Problem(file, line, f"entry '{key}' has no title; add title = {{...}}"))
    return publication, problems


#: Fields that hold addresses or identifiers, never text with math.
_NOT_TEXT = frozenset({*(field for field, _, _ in LINK_FIELDS), "url", "preview", "eprint", "file"})


def math_problems(
    fields: Mapping[str, Any], key: str, file: str, field_line: Callable[[str], int | None]
) -> list[Problem]:
    """A problem for every formula in the text fields of an entry (from the ``.bib`` file or
    ``publications.yml``) that cannot be shown as MathML."""
    return [
        Problem(file, field_line(name), f"'{name}' of entry '{key}': {message}")
        for name, value in fields.items()
        if isinstance(value, str) and has_math(value) and name not in _NOT_TEXT
        for message in latex_math_problems(value)
    ]


def _biblatex_aliases(fields: dict[str, str]) -> dict[str, str]:
    """BibLaTeX's names for what BibTeX calls ``journal``, ``year`` and ``month``, as Zotero
    and BibLaTeX users write them: ``journaltitle``, and ``date = {2021-05-03}``."""
    aliases = {}
    if "journal" not in fields and fields.get("journaltitle"):
        aliases["journal"] = fields["journaltitle"]
    if date := _DATE.match(fields.get("date", "")):
        if "year" not in fields:
            aliases["year"] = date["year"]
        if "month" not in fields and date["month"]:
            aliases["month"] = str(int(date["month"]))
    return aliases


def _line_of_field(entry: bib.Entry, key: str) -> int | None:
    return next((_line(f.start_line) for f in entry.fields if f.key.lower() == key), None)


def _repair(
    key: str, value: str, strings: dict[str, str], file: str, line: int | None
) -> tuple[str, dict[str, str], Problem | None]:
    """Fix a value bibtexparser left raw; return the value, recovered fields and a problem."""
    if MISSING_COMMA.search(value):
        return _split_missing_comma(key, value, strings, file, line)
    stripped = value.strip()
    if "#" not in value and stripped[:1] in {"{", '"'}:
        end = _closing(stripped)
        if end is not None and stripped[end:].strip():
            stray = stripped[end:].strip()
            return (
                stripped[1 : end - 1],
                {},
                Problem(
                    file,
                    line,
                    f"unexpected text after the value of '{key}' ('{stray[:40]}'); put it inside "
                    "the braces or delete it",
                ),
            )
    if "#" in value or stripped[:1] in {"{", '"'}:
        parts = _split_concatenation(value)
        resolved = [_resolve_part(p, strings, len(parts) > 1) for p in parts]
        missing = [p for p, r in zip(parts, resolved, strict=True) if r is None]
        if not missing:
            return "".join(r or "" for r in resolved), {}, None
        return value, {}, _undefined(key, missing[0], file, line)
    stripped = value.strip()
    if _NUMBER.match(stripped) or stripped.lower() in MONTHS:
        return stripped, {}, None
    if stripped.lower() in strings:  # a string whose value names another string
        return strings[stripped.lower()], {}, None
    return value, {}, _undefined(key, stripped, file, line)


def _undefined(key: str, name: str, file: str, line: int | None) -> Problem:
    return Problem(
        file,
        line,
        f"field '{key}' uses the @string '{name}', which is not defined; define it with "
        f"@string{{{name} = {{...}}}} or write the value in braces: {key} = {{...}}",
    )


def _split_missing_comma(
    key: str, value: str, strings: dict[str, str], file: str, line: int | None
) -> tuple[str, dict[str, str], Problem]:
    """``author = {A}\\n year = 2020`` became one value: split it back into two fields."""
    repaired = _FIELD_START.sub(r",\1\2", value)
    library = bibtexparser.parse_string(
        f"@misc{{recovered, {key} = {repaired}}}", parse_stack=_parse_stack()
    )
    recovered: dict[str, str] = {}
    if library.entries:
        for f in library.entries[0].fields:
            v = f.value if isinstance(f.value, str) else str(f.value)
            if f.enclosing == "no-enclosing":
                v = strings.get(v.strip().lower(), v.strip())
            recovered[f.key.lower()] = v
    first = recovered.pop(key, value)
    nxt = next(iter(recovered), "the next field")
    problem = Problem(
        file,
        line,
        f"missing comma after field '{key}' (before '{nxt}'); add a comma at the end of the "
        "line. The entry was read as if it were there",
    )
    return first, recovered, problem


def _closing(value: str) -> int | None:
    """Index just past the brace or quote that closes the one ``value`` starts with."""
    if value[0] == '"':
        end = value.find('"', 1)
        return None if end < 0 else end + 1
    depth = 0
    for match in _BRACE.finditer(value):
        depth += 1 if match.group() == "{" else -1
        if depth == 0:
            return match.end()
    return None


def _balanced(value: str, braces: re.Pattern[str] = _BRACE) -> bool:
    """Whether every ``{`` of ``value`` has its ``}`` (by default, braces after a backslash
    do not count); most values are told by one match, the others brace by brace."""
    if (braces is _ANY_BRACE or "\\" not in value) and _PAIRED.fullmatch(value):
        return True
    depth = 0
    for match in braces.finditer(value):
        depth += 1 if match.group() == "{" else -1
        if depth < 0:
            return False
    return depth == 0


def _drop_unmatched_braces(value: str, braces: re.Pattern[str] = _BRACE) -> str:
    """Remove the braces that have no partner, so the value exports as valid BibTeX."""
    keep = [True] * len(value)
    opened: list[int] = []
    for match in braces.finditer(value):
        if match.group() == "{":
            opened.append(match.start())
        elif opened:
            opened.pop()
        else:
            keep[match.start()] = False
    for index in opened:
        keep[index] = False
    return "".join(c for c, k in zip(value, keep, strict=True) if k)


def _split_concatenation(value: str) -> list[str]:
    """Split ``a # "b" # {c}`` on the ``#`` signs that are outside quotes and braces
    (``\\{`` is a literal brace, as for bibtexparser)."""
    parts, depth, quoted, start = [], 0, False, 0
    for i, char in enumerate(value):
        if i and value[i - 1] == "\\":
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            parts.append(value[start:i].strip())
            start = i + 1
    parts.append(value[start:].strip())
    return parts


def _resolve_part(part: str, strings: dict[str, str], joined: bool) -> str | None:
    """One piece of a concatenation: a quoted or braced literal, a number, a @string or a
    month macro (its full name when ``joined`` to other pieces, as BibTeX reads it)."""
    if len(part) >= 2 and (part[0], part[-1]) in {('"', '"'), ("{", "}")}:
        return part[1:-1]
    if _NUMBER.match(part):
        return part.strip()
    if part.lower() in strings:
        return strings[part.lower()]
    if part.lower() in MONTHS:
        return MONTH_NAMES[MONTHS[part.lower()] - 1] if joined else part
    return None


def _month(value: str) -> int:
    """``5``, ``may``, ``May`` or ``{May}`` → 5; anything else → 0 (unknown)."""
    text = value.strip().strip("{}").strip().lower()
    if text.isdigit():
        number = int(text)
        return number if 1 <= number <= 12 else 0
    return MONTHS.get(text) or MONTHS.get(text[:3], 0)


#: Fields that name files on the researcher's own computer (Zotero's and Mendeley's
#: ``file``): never published.
PRIVATE_FIELDS = frozenset({"file"})
_HIDDEN_FIELDS = CUSTOM_FIELDS | PRIVATE_FIELDS


def clean_bibtex(publication: Publication) -> str:
    """The entry as a reader would paste it into their own ``.bib``: no custom fields, no
    paths of the researcher's computer, no author markers, one field a line, and nothing
    that would read back as anything else (see :func:`_brace_safe`)."""
    lines = [f"@{publication.entry_type}{{{_UNSAFE_KEY.sub('-', publication.key)},"]
    fields = [
        (k, v)
        for k, v in publication.fields.items()
        if k not in _HIDDEN_FIELDS and _FIELD_NAME.fullmatch(k)  # not debris of a broken entry
    ]
    width = max((len(k) for k, _ in fields), default=0)
    for key, value in fields:
        if key in {"author", "editor"}:
            value = " and ".join(unmarked_name(name) for name in split_names(value))
        value = " ".join(value.split())
        if key == "month" and value.lower()[:3] in MONTHS and len(value) <= 9:
            lines.append(f"  {key.ljust(width)} = {value.lower()[:3]},")  # BibTeX's month macro
            continue
        lines.append(f"  {key.ljust(width)} = {{{_brace_safe(value)}}},")
    lines.append("}")
    return "\n".join(lines)


def _brace_safe(value: str) -> str:
    """A value that BibTeX and bibtexparser both read back whole. BibTeX counts every brace,
    escaped or not, so the ``\\}`` of ``{A \\} , note = {x}}`` would close the value early
    and let the rest become fields of their own; bibtexparser takes any brace after a
    backslash for an escaped one, even after ``\\\\``. So ``\\\\{`` gets a space before its
    brace; unless the value is balanced both ways, escaped braces are written
    ``\\textbraceleft{}`` and ``\\textbraceright{}``, which print the same, and braces left
    without a partner are dropped; and a final backslash gets a space."""
    if "\\" in value:
        value = _BACKSLASHED_BRACE.sub(_unambiguous, value)
    if not (_balanced(value, _ANY_BRACE) and _balanced(value)):  # the two ways of counting
        value = _BACKSLASHED_BRACE.sub(_spelled_out, value)
        value = _drop_unmatched_braces(value, _ANY_BRACE)
    return value + " " if value.endswith("\\") else value


def _unambiguous(match: re.Match[str]) -> str:
    """``\\\\{`` is a line break and a brace: a space keeps them apart for bibtexparser."""
    slashes, brace = match.groups()
    return f"{slashes} {brace}" if len(slashes) % 2 == 0 else match.group()


def _spelled_out(match: re.Match[str]) -> str:
    """An escaped brace as the command that prints it."""
    slashes, brace = match.groups()
    if len(slashes) % 2 == 0:
        return match.group()
    return slashes[:-1] + ("\\textbraceleft{}" if brace == "{" else "\\textbraceright{}")
