"""``coauthors.yml``: co-authors' web pages, in al-folio's ``_data/coauthors.yml`` format, so
that co-authors' names in publication lists link to their pages.

.. code-block:: yaml

    "podolsky":                      # last name, any case, accents optional
      - firstname: ["Boris", "B.", "B. Y."]
        url: https://en.wikipedia.org/wiki/Boris_Podolsky

An author is linked when the last name and one of the spellings of the first name match
(ignoring case, accents and the spacing of initials); a person without ``firstname`` matches
everyone of that last name, one without ``url`` is not linked.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .links import safe_url
from .model import Person, Problem
from .people import fold_name, given_names_key, last_name_keys
from .yamlfile import line_of, records

COAUTHOR_FIELDS = ("firstname", "url")


class Coauthors:
    """Pages of co-authors by last name and spellings of the first name."""

    def __init__(self, people: dict[str, list[tuple[tuple[tuple[str, ...], ...], str]]]) -> None:
        #: folded last name → [(spellings of the first name, url)], in file order.
        self._people = people

    def __bool__(self) -> bool:
        return bool(self._people)

    def url(self, person: Person) -> str:
        """The page of ``person``, or ``""``."""
        if not self._people:
            return ""
        given = given_names_key(person.first)
        for key in last_name_keys(person):
            for first_names, url in self._people.get(key, []):
                if not first_names or given in first_names:
                    return url
        return ""


def load_coauthors(value: Any, file: str) -> tuple[Coauthors, list[Problem]]:
    """Co-authors from ``coauthors.yml`` (already read as YAML), with their problems."""
    problems: list[Problem] = []
    if value is None:
        return Coauthors({}), problems
    if not isinstance(value, Mapping):
        message = (
            'must map last names to lists of people ("podolsky": [{firstname: ..., url: ...}])'
        )
        return Coauthors({}), [Problem(file, line_of(value), message)]
    people: dict[str, list[tuple[tuple[tuple[str, ...], ...], str]]] = {}
    for last, entries in value.items():
        if isinstance(entries, Mapping):  # one person written without the list
            entries = [entries]
        if not isinstance(entries, list):
            message = f"'{last}' must list people, each starting with '- ' (- firstname: ...)"
            problems.append(Problem(file, line_of(value, last), message))
            continue
        for fields in records(entries, file, "co-author", problems):
            fields.check(COAUTHOR_FIELDS)
            url = fields.text("url")  # none: a placeholder, as al-folio's sample has
            if url and safe_url(url) is None:
                message = f"'url' of co-author '{last}' must be an https:// address; got \"{url}\""
                fields.report("url", message)
            elif url:
                firsts = sorted({given_names_key(first) for first in fields.texts("firstname")})
                people.setdefault(fold_name(str(last)), []).append((tuple(firsts), url))
    return Coauthors(people), problems
