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

#: Markers written after a name: plain symbols, or a superscript in any LaTeX spelling.
_SYMBOLS = "*†‡§¶#"
_MARKER_AT_END = re.compile(
    r"""(?:
        \$\s*\^\s*\{?\s*(?P<math>[^${}]+?)\s*\}?\s*\$     # $^*$  $^{m}$
      | \\textsuperscript\s*\{(?P<sup>[^{}]+)\}           # \textsuperscript{m}
      | \^\s*\{(?P<brace>[^{}]+)\}                        # ^{m}
      | \^(?P<caret>[^\s{},])                             # ^m
      | (?P<cmd>\\d?dag(?:ger)?\b|\\textdagger\b|\\textdaggerdbl\b)  # \dag \ddag
      | (?P<sym>[*∗†‡§¶‖\#])                              # * † (∗: U+2217)
    )\s*$""",
    re.VERBOSE,
)
#: Marker symbols written before a name or a word of it (``*Pang``, ``Yuan ∗Pang``), as
#: al-folio also reads them.
_MARKERS_BEFORE = re.compile(r"(?:^|(?<=\s))([*∗†‡§¶‖]+)\s*(?=\w|\{|\\)")
_COMMANDS = {
    "\\dag": "†",
    "\\dagger": "†",
    "\\textdagger": "†",
    "\\ddag": "‡",
    "\\ddagger": "‡",
    "\\textdaggerdbl": "‡",
}
_MATH_SYMBOLS = {
    "\\dagger": "†",
    "\\dag": "†",
    "\\ddagger": "‡",
    "\\ddag": "‡",
    "\\ast": "*",
    "∗": "*",  # U+2217, the asterisk operator some exports use for equal contribution
}


def _marker_text(match: re.Match[str]) -> list[str]:
    """The marker symbols one match stands for (``$^{*,m}$`` gives two)."""
    if match["cmd"]:
        return [_COMMANDS.get(match["cmd"], "†")]
    raw = match["math"] or match["sup"] or match["brace"] or match["caret"] or match["sym"]
    parts = [p.strip() for p in raw.split(",") if p.strip()]
    return [_MATH_SYMBOLS.get(p, p) for p in parts]


def strip_markers(name: str) -> tuple[str, tuple[str, ...]]:
    """Split markers off one name part: ``Doe*†`` → (``Doe``, (``*``, ``†``)); markers
    before the name or one of its words (``*Doe``, ``Jane ∗Doe``) count too."""
    before: list[str] = []

    def take(match: re.Match[str]) -> str:
        before.extend(_MATH_SYMBOLS.get(char, char) for char in match.group(1))
        return ""

    if any(char in name for char in "*∗†‡§¶‖"):
        name = _MARKERS_BEFORE.sub(take, name)
    found: list[str] = []
    while True:
        match = _MARKER_AT_END.search(name)
        if not match or match.start() == 0:
            break
        found[:0] = _marker_text(match)
        name = name[: match.start()].rstrip()
    return name, (*before, *found)


def _split_off_markers(raw: str) -> tuple[str, tuple[str, ...]]:
    """Markers may follow any comma-separated part: ``Doe*, Jane`` or ``Doe, Jane*``."""
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


@lru_cache(maxsize=65536)
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
