"""A fast reader for well-formed BibTeX, the common case, in front of bibtexparser.

bibtexparser's splitter walks every brace and comma in Python, about 0.35 ms an entry; this
scanner jumps between values with C-speed regular expressions and is several times faster.
It accepts only what it is sure to read exactly as bibtexparser (with the parse stack of
:mod:`mkdocs_research.bibtex`) would: braced, quoted, numeric and ``@string`` values, months,
``#`` concatenation, comments between entries. Anything else (a missing comma, an undefined
``@string``, a duplicate key or field, ``(`` delimiters, ``@preamble``, an ``@`` starting a
line inside a value) makes it return ``None``, and the careful path with its diagnostics
reads the file instead. A test checks both paths agree on every file this one accepts.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

#: The month macros BibTeX predefines (``month = dec``) and the other names of each month,
#: the full name last.
_MONTH_WORDS = (
    ("jan", "january"),
    ("feb", "february"),
    ("mar", "march"),
    ("apr", "april"),
    ("may",),
    ("jun", "june"),
    ("jul", "july"),
    ("aug", "august"),
    ("sep", "sept", "september"),
    ("oct", "october"),
    ("nov", "november"),
    ("dec", "december"),
)
#: Each month's names with its number.
MONTHS = {name: number for number, names in enumerate(_MONTH_WORDS, start=1) for name in names}
#: What a month macro stands for joined to other text (``"12--13 " # nov``), as BibTeX's
#: styles define it; alone (``month = nov``) the macro is kept as written.
MONTH_NAMES = tuple(names[-1].capitalize() for names in _MONTH_WORDS)

#: Shapes the careful path repairs and reports, so this one must not accept them: a field
#: cut off by a missing comma, fields after an entry closed early, a dangling ``and``.
#: (Spaces before the line break exclude line breaks, so that a long run of blank lines is
#: not split in every possible way before the match fails.)
MISSING_COMMA = re.compile(r"[}\"\w][^\S\n]*\n\s*[A-Za-z][\w:.+-]*\s*=")
FIELD_LIKE = re.compile(r"^[\s,]*[A-Za-z][\w:.+-]*\s*=")


def without_dangling_and(value: str) -> str:
    """An author list without an ``and`` that starts or ends it (``Doe, J. and``), which
    BibTeX would read as a person named "and"; ``value`` itself when there is none."""
    text = value
    head = text.lstrip()
    if head[:3].lower() == "and" and (len(head) == 3 or head[3].isspace()):
        text = head[3:].lstrip()
    tail = text.rstrip()
    if tail[-3:].lower() == "and" and (len(tail) == 3 or tail[-4].isspace()):
        text = tail[:-3].rstrip()
    return text


#: Where bibtexparser sees a block start; any other ``@`` is comment text (``% see @misc``).
BLOCK_START = re.compile(r"@\w*[ \t]*(?=[{(])")
_BLOCK = re.compile(r"@([A-Za-z]+)[ \t]*\{")
_KEY = re.compile(r"\s*([^\s,{}()\"#%'=\\]+)\s*([,}])")
_FIELD = re.compile(r"\s*(?:([A-Za-z][\w:.+-]*)\s*=\s*|(\}))")
_AFTER_VALUE = re.compile(r"\s*([,}])")
_HASH = re.compile(r"\s*#\s*")
_NUMBER = re.compile(r"\d+")
_WORD = re.compile(r"[A-Za-z][\w:.+-]*")
# Like bibtexparser, a delimiter after a backslash (`\{`, `{\"o}`) is text, not a delimiter.
_BRACES = re.compile(r"(?<!\\)[{}]")
_QUOTE_OR_BRACE = re.compile(r'(?<!\\)["{}]')
#: The rest of a braced value nested at most two deep, in one C-speed match (the common case).
_TEXT = r"[^{}]*(?:(?<=\\)[{}][^{}]*)*"
_SHALLOW = rf"{_TEXT}(?:(?<!\\)\{{{_TEXT}(?<!\\)\}}{_TEXT})*(?<!\\)"
_SHALLOW_END = re.compile(rf"{_SHALLOW}\}}")
#: A whole field with a common value (braced at most two deep, quoted without braces, a
#: number or a word) and the separator after it, in one match; others go step by step.
_COMMON_FIELD = re.compile(
    rf'\s*([A-Za-z][\w:.+-]*)\s*=\s*(?:\{{({_SHALLOW})\}}|"([^"{{}}\\]*)"|(\d+)|([A-Za-z][\w:.+-]*))'
    r"\s*([,}])"
)
#: A line starting with ``@`` inside a value: bibtexparser may take it for the next block.
_BLOCK_INSIDE = re.compile(r"\n[^\S\n]*@")
_SPECIAL_BLOCKS = ("comment", "preamble", "string")


class _Lines:
    """Line numbers of positions in a text whose first line is ``first``, indexed on first
    use (only messages need them)."""

    __slots__ = ("_newlines", "first", "text")

    def __init__(self, text: str, first: int) -> None:
        self.text = text
        self.first = first
        self._newlines: list[int] | None = None

    def of(self, pos: int) -> int:
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self.text)]
        return bisect_left(self._newlines, pos) + self.first


@dataclass(slots=True)
class ScannedEntry:
    """One entry as written: values are the exact text between the delimiters."""

    entry_type: str
    key: str
    fields: dict[str, str]
    line: int
    #: Where each field's name starts, for messages about one field.
    field_starts: dict[str, int]
    lines: _Lines

    def field_line(self, name: str) -> int | None:
        start = self.field_starts.get(name)
        return None if start is None else self.lines.of(start)


@dataclass(slots=True)
class Scanned:
    """The entries of a text, and the ``@string`` values it reads from before it (``used``)
    and defines (``defined``): what its reading depends on, and what later text may use."""

    entries: list[ScannedEntry]
    used: dict[str, str]
    defined: dict[str, str]


class _Irregular(Exception):
    """The text holds something only the careful path reads right."""


def scan_bibtex(text: str, strings: dict[str, str] | None = None, line: int = 1) -> Scanned | None:
    """The entries of ``text`` if every block is regular, else ``None``. ``strings`` are the
    ``@string`` values defined before the text, which starts on line ``line``; the text's
    own definitions are added to them."""
    scanner = _Scanner(text, {} if strings is None else strings, line)
    try:
        return Scanned(scanner.entries(), scanner.used, scanner.defined)
    except _Irregular:
        return None


#: The line breaks before a line that starts a block (``@article{`` after spaces).
_BLOCK_LINE = re.compile(r"\n(?=[ \t]*@\w*[ \t]*[{(])")


def block_spans(text: str) -> Iterator[tuple[int, int]]:
    """Where ``text`` is cut before every line that starts a block, into pieces each read by
    itself and remembered by its text, so that reading an edited file again reads only the
    pieces that changed. A cut inside a block (a value with such a line) leaves a piece
    whose block does not end: irregular, so the careful path reads that file. Spans, not
    pieces: a copy of the whole text at once would stay behind as holes in the heap."""
    start = 0
    for cut in _BLOCK_LINE.finditer(text):
        yield start, cut.end()
        start = cut.end()
    yield start, len(text)


class _Scanner:
    __slots__ = ("_line", "_line_pos", "defined", "lines", "strings", "text", "used")

    def __init__(self, text: str, strings: dict[str, str], line: int) -> None:
        self.text = text
        self.strings = strings
        self.used: dict[str, str] = {}
        self.defined: dict[str, str] = {}
        self.lines = _Lines(text, line)
        self._line = line
        self._line_pos = 0

    def line_at(self, pos: int) -> int:
        """Line number of ``pos``; positions only move forward, so counting is incremental."""
        self._line += self.text.count("\n", self._line_pos, pos)
        self._line_pos = pos
        return self._line

    def entries(self) -> list[ScannedEntry]:
        text, found, keys = self.text, [], set()
        pos = 0
        while start := BLOCK_START.search(text, pos):
            at = start.start()
            self._check_gap(text[pos:at])
            block = _BLOCK.match(text, at)
            if block is None:
                raise _Irregular
            kind = block.group(1).lower()
            if kind.startswith(_SPECIAL_BLOCKS) and kind not in _SPECIAL_BLOCKS:
                raise _Irregular  # bibtexparser reads `@commentary{` as a comment
            if kind == "comment":
                pos = self._balanced_end(block.end())
                self._check(block.end(), pos)
            elif kind == "preamble":
                raise _Irregular
            elif kind == "string":
                pos = self._string(block.end())
            else:
                entry, pos = self._entry(kind, at, block.end())
                if entry.key in keys:
                    raise _Irregular
                keys.add(entry.key)
                found.append(entry)
        self._check_gap(text[pos:])
        return found

    @staticmethod
    def _check_gap(gap: str) -> None:
        """Text between blocks is a comment, unless it looks like fields cut off by an
        extra ``}`` (which the careful path reports)."""
        if gap.strip() and FIELD_LIKE.match(gap):
            raise _Irregular

    def _string(self, pos: int) -> int:
        """``@string{name = {value}}``, or a concatenation of values and strings defined
        above (``@string{icml = proc # "ICML"}``), resolved as BibTeX does; names that
        shadow a month or repeat are irregular."""
        field = _FIELD.match(self.text, pos)
        if field is None or field.group(1) is None:
            raise _Irregular
        name = field.group(1).lower()
        if name in self.strings or name in MONTHS:
            raise _Irregular
        value, pos = self._concatenation(field.end())
        end = _AFTER_VALUE.match(self.text, pos)
        if end is None or end.group(1) != "}":
            raise _Irregular
        self.strings[name] = self.defined[name] = value
        return end.end()

    def _entry(self, kind: str, at: int, pos: int) -> tuple[ScannedEntry, int]:
        text = self.text
        head = _KEY.match(text, pos)
        if head is None:
            raise _Irregular
        entry = ScannedEntry(kind, head.group(1), {}, self.line_at(at), {}, self.lines)
        pos = head.end()
        separator = head.group(2)
        while separator != "}":
            if common := _COMMON_FIELD.match(text, pos):
                name, braced, quoted, number, word, separator = common.groups()
                start, pos = common.start(1), common.end()
                if braced is not None:
                    value = braced
                    if "@" in value and _BLOCK_INSIDE.search(value):
                        raise _Irregular
                else:
                    value = quoted if quoted is not None else number or self._word(word)
            else:
                field = _FIELD.match(text, pos)
                if field is None:
                    raise _Irregular
                if field.group(2):  # `}` after a trailing comma
                    return entry, field.end()
                name, start = field.group(1), field.start(1)
                value, pos = self._concatenation(field.end())
                end = _AFTER_VALUE.match(text, pos)
                if end is None:
                    raise _Irregular
                pos, separator = end.end(), end.group(1)
            name = sys.intern(name.lower())  # thousands of entries, a few dozen names
            if name in entry.fields:
                raise _Irregular
            if (name in {"author", "editor"} and without_dangling_and(value) != value) or (
                "\n" in value and "=" in value and MISSING_COMMA.search(value)
            ):
                raise _Irregular
            entry.fields[name] = value
            entry.field_starts[name] = start
        return entry, pos

    def _concatenation(self, pos: int) -> tuple[str, int]:
        """``"Proceedings of " # acl``: the values joined, and the index after the last."""
        start = pos
        value, pos = self._value(pos)
        if not (more := _HASH.match(self.text, pos)):
            return value, pos
        parts = [self._value(start, joined=True)[0]]
        while more:
            value, pos = self._value(more.end(), joined=True)
            parts.append(value)
            more = _HASH.match(self.text, pos)
        if MISSING_COMMA.search(self.text, start, pos):
            raise _Irregular
        return "".join(parts), pos

    def _value(self, pos: int, joined: bool = False) -> tuple[str, int]:
        """One value starting at ``pos``, without its delimiters, and the index after it;
        ``joined`` when it is part of a concatenation."""
        text = self.text
        first = text[pos : pos + 1]
        if first == "{":
            end = self._balanced_end(pos + 1)
            value = text[pos + 1 : end - 1]
        elif first == '"':
            end = self._quoted_end(pos + 1)
            value = text[pos + 1 : end - 1]
        elif number := _NUMBER.match(text, pos):
            return number.group(), number.end()
        elif word := _WORD.match(text, pos):
            return self._word(word.group(), joined), word.end()
        else:
            raise _Irregular
        self._check(pos, end)
        return value, end

    def _word(self, word: str, joined: bool = False) -> str:
        """A bare word: an ``@string`` defined above, or a month macro (its full name when
        ``joined`` to other text)."""
        name = word.lower()
        if name in self.strings:
            value = self.strings[name]
            if name not in self.defined:
                self.used[name] = value
            return value
        if name in MONTHS:
            return MONTH_NAMES[MONTHS[name] - 1] if joined else word
        raise _Irregular

    def _check(self, start: int, end: int) -> None:
        """Refuse a delimited span that bibtexparser would cut elsewhere."""
        if self.text.find("@", start, end) >= 0 and _BLOCK_INSIDE.search(self.text, start, end):
            raise _Irregular

    def _balanced_end(self, pos: int) -> int:
        """Index just past the ``}`` that closes a brace opened before ``pos``."""
        if shallow := _SHALLOW_END.match(self.text, pos):
            return shallow.end()
        depth = 1
        for brace in _BRACES.finditer(self.text, pos):
            depth += 1 if brace.group() == "{" else -1
            if depth == 0:
                return brace.end()
        raise _Irregular

    def _quoted_end(self, pos: int) -> int:
        """Index just past the ``"`` that closes a quoted value (``{"}`` is a quote inside)."""
        depth = 0
        for mark in _QUOTE_OR_BRACE.finditer(self.text, pos):
            char = mark.group()
            if char == '"' and depth == 0:
                if (
                    self.text[mark.start() - 1] == "{"
                    and self.text[mark.end() : mark.end() + 1] == "}"
                ):
                    raise _Irregular  # `\{"}`: bibtexparser takes it for the `{"}` escape
                return mark.end()
            depth += 1 if char == "{" else -1 if char == "}" else 0
            if depth < 0:
                raise _Irregular
        raise _Irregular
