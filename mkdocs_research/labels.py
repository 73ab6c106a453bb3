"""Every word the plugin prints, in the site's language.

The texts live in ``locales/<language>.yml``, named with Material for MkDocs' language codes
(``theme.language``). A label a language lacks comes from the language without its region
(``pt-BR`` → ``pt``), then from English; a language without a table is English. The
``labels`` option overrides any label by its id. Dates follow the language through Babel
(:mod:`mkdocs_research.dates`), which knows the month names of every language.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError

from .calls import nearest
from .model import Problem

LABELS = Path(__file__).parent / "locales"
ENGLISH = "en"
#: Material's codes that read better in another table than in English.
_CLOSEST = {"nn": "nb", "zh-tw": "zh-Hant", "zh-hk": "zh-Hant", "zh-mo": "zh-Hant"}
#: Babel's locale for English: day before month (``3 May 2021``), as CVs print dates.
ENGLISH_LOCALE = "en_001"


@cache
def _tables() -> dict[str, str]:
    """The languages with a table: lower-cased code → file stem."""
    return {path.stem.lower(): path.stem for path in LABELS.glob("*.yml")}


@cache
def _table(name: str) -> dict[str, str]:
    with (LABELS / f"{name}.yml").open(encoding="utf-8") as stream:
        return {str(key): str(text) for key, text in (yaml.safe_load(stream) or {}).items()}


def _chain(language: str) -> list[str]:
    """The tables a language reads, most specific first, English last."""
    code = _CLOSEST.get(language.lower(), language).lower()
    candidates = [code, code.split("-")[0]]
    tables = _tables()
    chain = [tables[c] for c in dict.fromkeys(candidates) if c in tables and c != ENGLISH]
    return [*chain, ENGLISH]


@cache
def babel_locale(language: str) -> str:
    """The Babel locale for a Material language code (``pt-BR`` → ``pt_BR``); English, and
    any language Babel does not know, is :data:`ENGLISH_LOCALE`."""
    if language.lower() == ENGLISH:
        return ENGLISH_LOCALE
    for candidate in (language.replace("-", "_"), language.split("-")[0]):
        try:
            return str(Locale.parse(candidate))
        except (ValueError, UnknownLocaleError):
            continue
    return ENGLISH_LOCALE


class Labels:
    """The labels of one site: its language's table, with the ``labels`` option on top.

    Call it with a label id (``labels("abstract")``, ``labels("and_more", n=3)``); the
    templates do so through their ``label()`` function, and Jinja escapes the result.
    """

    def __init__(self, language: str | None = None, overrides: Mapping[str, str] | None = None):
        self.language = language or ENGLISH
        self.locale = babel_locale(self.language)
        chain = _chain(self.language)
        self.texts: dict[str, str] = {}
        #: Ids whose text is not the English default: translated, or set by the researcher.
        self._changed: set[str] = set()
        for name in reversed(chain):
            self.texts.update(_table(name))
            if name != ENGLISH:
                self._changed.update(_table(name))
        #: Ids in the ``labels`` option that no label has, with the nearest one.
        self.problems: list[Problem] = []
        for key, text in (overrides or {}).items():
            if key in self.texts:
                self.texts[key] = str(text)
                self._changed.add(key)
            else:
                guess = nearest(key, self.texts)
                hint = f"did you mean '{guess}'?" if guess else "see the list of labels"
                self.problems.append(
                    Problem("mkdocs.yml", None, f"option 'labels': no label '{key}'; {hint}")
                )

    def __call__(self, key: str, default: str | None = None, **values: object) -> str:
        """The text of a label, with ``{name}`` filled in from ``values``; ``default`` (or
        the id itself) for an id no table has."""
        text = self.texts.get(key)
        if text is None:
            return key if default is None else default
        for name, value in values.items():
            text = text.replace("{" + name + "}", str(value))
        return text

    def word(self, key: str, written: str) -> str:
        """A word from the data files that has a label (``present``, a talk type such as
        ``invited``, a year such as ``forthcoming``): its translation where the language or
        the ``labels`` option gives one, otherwise the word as the researcher wrote it."""
        return self.texts[key] if key in self._changed else written
