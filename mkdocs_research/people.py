"""Author names: splitting BibTeX author lists, reading markers, and recognising the owner.

A researcher's own name appears as ``Lovelace, Ada``, ``A. Lovelace``, ``Ada Lovelace*`` or
``Lov{\\'e}lace, A.``; all of them must be highlighted, so names are compared on accent-free
last names plus compatible given names (full names, or initials against initials).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from bibtexparser.middlewares.names import (
    InvalidNameError,
    parse_single_name_into_parts,
    split_multiple_persons_names,
)

from .latex import latex_to_text
from .model import Person

#: Markers written after a name: plain symbols, or a superscript in any LaTeX spelling:
#: ``*``, ``$^*$``, ``$^{*,m}$``, ``\textsuperscript{m}``, ``^{m}``, ``^m``, ``\dag``.
#: They are read backwards from the end of the name with plain string operations: a regular
#: expression anchored at the end is tried from every position and backtracks, which took
#: minutes on a name ending in ``$^`` and a few hundred spaces.
_SYMBOLS = "*∗†‡§¶‖#"  # ∗: U+2217
#: Marker symbols written before a name or a word of it (``*Pang``, ``Yuan ∗Pang``), as
#: al-folio also reads them.
_MARKERS_BEFORE = re.compile(r"(?:^|(?<=\s))([*∗†‡§¶‖]+)\s*(?=\w|\{|\\)")
_COMMANDS = {
    "\\textdaggerdbl": "‡",
    "\\textdagger": "†",
    "\\ddagger": "‡",
    "\\dagger": "†",
    "\\ddag": "‡",
    "\\dag": "†",
}
_SUPERSCRIPT = "\\textsuperscript"
#: A tilde accent outside braces (``Mu\~noz``): BibTeX's name splitter would read its ``~``
#: as a tie between two words, so it is braced as one special character first.
_TILDE_ACCENT = re.compile(r"\\~(\{[^{}]*\}|\\?[A-Za-z])")
#: Longer than any person's or group's name: kept whole, as a last name.
_LONGEST_NAME = 1000
_MATH_SYMBOLS = {
    "\\dagger": "†",
    "\\dag": "†",
    "\\ddagger": "‡",
    "\\ddag": "‡",
    "\\ast": "*",
    "∗": "*",  # U+2217, the asterisk operator some exports use for equal contribution
}


def _symbols(raw: str) -> list[str]:
    """The marker symbols one superscript stands for (``*,m`` gives two)."""
    parts = [p.strip() for p in raw.split(",") if p.strip()]
    return [_MATH_SYMBOLS.get(p, p) for p in parts]


def _last_marker(name: str, end: int) -> tuple[int, list[str]] | None:
    """The marker ending ``name[:end]`` (before trailing spaces): where it starts and the
    symbols it stands for; ``None`` if the name does not end with one."""
    end = _before_spaces(name, end)
    if end < 2:
        return None
    last = name[end - 1]
    if last == "$":  # $^*$  $^{m}$: between two dollars, a caret and a superscript
        opening = name.rfind("$", 0, end - 1)
        inner = name[opening + 1 : end - 1].lstrip() if opening >= 0 else ""
        if inner.startswith("^"):
            middle = inner[1:].lstrip()
            middle = middle[1:] if middle.startswith("{") else inner[1:]
            trimmed = middle.rstrip()
            middle = trimmed[:-1] if trimmed.endswith("}") else middle
            if middle and "{" not in middle and "}" not in middle:
                return opening, _symbols(middle)
    elif last == "}":  # ^{m}  \textsuperscript{m}
        opening = name.rfind("{", 0, end - 1)
        content = name[opening + 1 : end - 1]
        before = _before_spaces(name, opening)
        if before > 0 and content and "}" not in content:
            if name[before - 1] == "^":
                return before - 1, _symbols(content)
            if name.endswith(_SUPERSCRIPT, 0, before):
                return before - len(_SUPERSCRIPT), _symbols(content)
    if name[end - 2] == "^" and not last.isspace() and last not in "{},":  # ^m
        return end - 2, _symbols(last)
    for command, symbol in _COMMANDS.items():  # \dag \ddag
        if name.endswith(command, 0, end):
            return end - len(command), [symbol]
    if last in _SYMBOLS:
        return end - 1, _symbols(last)
    return None


def _before_spaces(name: str, end: int) -> int:
    """``end`` moved back over the whitespace before it."""
    while end > 0 and name[end - 1].isspace():
        end -= 1
    return end


def strip_markers(name: str) -> tuple[str, tuple[str, ...]]:
    """Split markers off one name part: ``Doe*†`` → (``Doe``, (``*``, ``†``)); markers
    before the name or one of its words (``*Doe``, ``Jane ∗Doe``) count too. Linear in the
    length of the name, however many markers it has."""
    before: list[str] = []

    def take(match: re.Match[str]) -> str:
        before.extend(_MATH_SYMBOLS.get(char, char) for char in match.group(1))
        return ""

    if any(char in name for char in "*∗†‡§¶‖"):
        name = _MARKERS_BEFORE.sub(take, name)
    found: list[str] = []  # last first
    end = len(name)
    while (marker := _last_marker(name, end)) is not None and marker[0] > 0:
        start, symbols = marker
        found.extend(reversed(symbols))
        end = _before_spaces(name, start)
    return name[:end], (*before, *reversed(found))


@lru_cache(maxsize=65536)
def _split_off_markers(raw: str) -> tuple[str, tuple[str, ...]]:
    """Markers may follow any comma-separated part: ``Doe*, Jane`` or ``Doe, Jane*`` (once
    a name: people and exported BibTeX both need it)."""
    markers: tuple[str, ...] = ()
    parts = []
    for part in _name_parts(raw):
        clean, found = strip_markers(part.strip())
        markers += found
        parts.append(clean)
    return ", ".join(parts), markers


def _name_parts(raw: str) -> list[str]:
    """Split a name on the commas of ``Last, Jr, First`` but not inside ``{…}`` or ``$…$``
    (``$^{*,m}$`` is one marker group)."""
    if "{" not in raw and "$" not in raw:
        return raw.split(",")
    parts, depth, math, start = [], 0, False, 0
    for index, char in enumerate(raw):
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        elif char == "$":
            math = not math
        elif char == "," and depth == 0 and not math:
            parts.append(raw[start:index])
            start = index + 1
    parts.append(raw[start:])
    return parts


def unmarked_name(raw: str) -> str:
    """A name without its markers, for BibTeX that other tools will read."""
    return _split_off_markers(raw)[0]


@lru_cache(maxsize=16384)
def split_names(field: str) -> tuple[str, ...]:
    """An ``author`` field split on its top-level ``and``s (once: display and export both
    need it)."""
    return tuple(name for name in split_multiple_persons_names(field) if name.strip())


@lru_cache(maxsize=65536)
def parse_person(raw: str) -> Person:
    """One BibTeX name (``von Last, Jr, First``, ``First von Last`` …) with its markers."""
    name, markers = _split_off_markers(raw)
    if len(name) > _LONGEST_NAME:  # not a name; bibtexparser takes quadratic time on it
        return Person(first="", last=name.strip(), markers=markers)
    if "\\~" in name:
        name = _TILDE_ACCENT.sub(r"{\\~\1}", name)
    try:
        split = parse_single_name_into_parts(name, strict=False)
    except InvalidNameError:
        return Person(first="", last=name.strip(), markers=markers)
    return Person(
        first=" ".join(split.first),
        last=" ".join(split.last),
        von=" ".join(split.von),
        jr=" ".join(split.jr),
        markers=markers,
    )


@lru_cache(maxsize=16384)
def parse_people(field: str) -> tuple[Person, ...]:
    """An ``author`` field as a tuple of people (``and others`` kept as a last person)."""
    if not field.strip():
        return ()
    return tuple(parse_person(name) for name in split_names(field))


def last_name_keys(person: Person) -> tuple[str, ...]:
    """The person's last name compared across spellings, without and with its ``von`` part
    (``berg`` and ``van der berg``), as ``coauthors.yml`` keys are written."""
    keys = [_fold(person.last)]
    if person.von:
        keys.append(_fold(f"{person.von} {person.last}"))
    return tuple(keys)


def fold_name(text: str) -> str:
    """A last name compared across spellings: ``Schr{\\"o}dinger`` and ``schrodinger``."""
    return _fold(text)


def given_names_key(first: str) -> tuple[str, ...]:
    """Given names compared across spellings: ``E. P.``, ``E.P.`` and ``e p`` are one."""
    return tuple(_given_names(first))


def _fold(text: str) -> str:
    """Accent-free, case-free letters only, for comparing names across spellings."""
    plain = unicodedata.normalize("NFKD", latex_to_text(text))
    return "".join(c for c in plain if c.isalnum() or c == " ").casefold().strip()


def _given_names(first: str) -> list[str]:
    """Given names as folded tokens: ``Jean-Paul A.`` → [``jean``, ``paul``, ``a``]."""
    return [t for t in re.split(r"[\s.\-~]+", _fold_keep_separators(first)) if t]


def _fold_keep_separators(text: str) -> str:
    plain = unicodedata.normalize("NFKD", latex_to_text(text))
    return "".join(c for c in plain if c.isalnum() or c in " .-~").casefold()


class NameMatcher:
    """Recognises one researcher's name in any spelling BibTeX allows."""

    def __init__(self, names: Iterable[str]) -> None:
        self._names: list[tuple[str, list[str]]] = []
        for name in names:
            person = parse_person(name)
            last = _fold(" ".join(p for p in (person.von, person.last) if p))
            if last:
                self._names.append((last, _given_names(person.first)))
        self._lasts = {last for last, _ in self._names}
        self._known: dict[Person, bool] = {}
        #: The names as compared, for caches of what depends on them.
        self.signature = tuple((last, tuple(given)) for last, given in self._names)

    def __bool__(self) -> bool:
        return bool(self._names)

    def matches(self, person: Person) -> bool:
        """True when ``person`` is one of the configured names (remembered: co-authors
        recur in hundreds of entries)."""
        if not self._lasts:
            return False
        known = self._known.get(person)
        if known is None:
            known = self._known[person] = self._compare(person)
        return known

    def _compare(self, person: Person) -> bool:
        last = _fold(" ".join(p for p in (person.von, person.last) if p))
        if last not in self._lasts:
            return False
        given = _given_names(person.first)
        return any(
            _given_compatible(given, want) for name_last, want in self._names if name_last == last
        )


def _given_compatible(given: list[str], want: list[str]) -> bool:
    """``Ada`` ~ ``A.``; ``Ada M.`` ~ ``Ada``; ``Ada`` ≁ ``Alan``; no given name matches any."""
    if not given or not want:
        return True
    for a, b in zip(given, want, strict=False):
        if len(a) == 1 or len(b) == 1:
            if a[0] != b[0]:
                return False
        elif a != b:
            return False
    return True
