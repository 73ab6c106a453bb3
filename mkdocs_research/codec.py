"""Publications and problems as plain values (strings, numbers, lists), and back, checked
value by value: how a cache file holds them and how a child process sends them (see
:mod:`.parallel`). Nothing is ever unpickled: a value that is not exactly what the encoder
writes is :class:`Invalid`.
"""

from __future__ import annotations

import marshal
from typing import Any, TypeVar

from .model import Person, Problem, Publication

T = TypeVar("T")


class Invalid(Exception):
    """A value that is not exactly what this code writes."""


def expect(value: Any, kind: type[T]) -> T:
    """``value`` if it is a ``kind`` (``bool`` is not an ``int`` here), else :class:`Invalid`."""
    if type(value) is not kind:
        raise Invalid(f"expected {kind.__name__}, found {type(value).__name__}")
    return value


def optional_int(value: Any) -> int | None:
    return None if value is None else expect(value, int)


def items(value: Any, count: int) -> list:
    if type(value) is not list or len(value) != count:
        raise Invalid(f"expected a list of {count}")
    return value


def sent(data: bytes, count: int) -> list:
    """What a child process sent: ``count`` plain values, each still to be checked."""
    return items(marshal.loads(data), count)


def strings(value: Any) -> dict[str, str]:
    """A dictionary of strings by name (fields, ``@string`` values)."""
    if type(value) is not dict or not set(map(type, value)) | set(map(type, value.values())) <= {
        str
    }:
        raise Invalid("expected strings by name")
    return value


def encode_publication(p: Publication) -> list:
    return [
        p.key,
        p.entry_type,
        p.fields,
        [
            part
            for a in p.authors
            for part in (a.first, a.last, a.von, a.jr, len(a.markers), *a.markers)
        ],
        p.year,
        p.year_text,
        p.month,
        p.file,
        p.line,
        p.bibtex,
    ]


def encode_problem(q: Problem) -> list:
    return [q.file, q.line, q.message]


def problem(value: Any) -> Problem:
    file, line, message = items(value, 3)
    return Problem(expect(file, str), optional_int(line), expect(message, str))


class Decoder:
    """Reads back what :func:`encode_publication` wrote; co-authors recur, so each person
    is one object, checked once."""

    def __init__(self) -> None:
        self._people: dict[tuple, Person] = {}

    def publication(self, value: Any) -> Publication:
        key, kind, fields, people, year, year_text, month, file, line, bibtex = items(value, 10)
        return Publication(
            key=expect(key, str),
            entry_type=expect(kind, str),
            fields=strings(fields),
            authors=self._authors(people),
            year=optional_int(year),
            year_text=expect(year_text, str),
            month=expect(month, int),
            file=expect(file, str),
            line=expect(line, int),
            order=0,  # numbered by whoever reads the file
            bibtex=expect(bibtex, str),
        )

    def _authors(self, value: Any) -> list[Person]:
        """People written one after another, each as its four name parts, the number of
        its markers and the markers (a list for each would be thousands more objects)."""
        flat, found, at = expect(value, list), [], 0
        if not set(map(type, flat)) <= {str, int}:  # hashable, to be looked up below
            raise Invalid("expected name parts and numbers")
        while at < len(flat):
            first, last, von, jr, count = items(flat[at : at + 5], 5)
            if expect(count, int) < 0 or at + 5 + count > len(flat):
                raise Invalid("a person's markers are cut off")
            key = (first, last, von, jr, tuple(flat[at + 5 : at + 5 + count]))
            at += 5 + count
            known = self._people.get(key)
            if known is None:
                for part in (first, last, von, jr, *key[4]):
                    expect(part, str)
                known = self._people[key] = Person(first, last, von, jr, key[4])
            found.append(known)
        return found
