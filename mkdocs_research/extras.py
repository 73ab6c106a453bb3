"""``publications.yml``: the custom fields of publications kept beside the ``.bib`` file.

BibTeX exported from Zotero, DBLP or Google Scholar loses custom fields on every re-export;
keyed by citekey in YAML they survive, with real types (lists, yes/no, numbers). Where both
files give a field, the YAML wins.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from functools import partial
from typing import Any

from .bibtex import CUSTOM_FIELDS, math_problems
from .calls import nearest
from .links import LINK_FIELDS, unsafe_links
from .model import Problem
from .yamlfile import Fields, LocatedDict, line_of

#: What the side file may set: the custom fields plus the standard ones people annotate.
EXTRA_FIELDS = frozenset({*CUSTOM_FIELDS, "keywords", "note", "url"})


def load_extras(
    value: Any, file: str, citekeys: Collection[str]
) -> tuple[dict[str, dict[str, Any]], list[Problem]]:
    """Extra fields by citekey; citekeys the bibliography does not have are reported with the
    nearest one."""
    problems: list[Problem] = []
    if value is None:
        return {}, problems
    if not isinstance(value, Mapping):
        return {}, [
            Problem(file, line_of(value), "must map citekeys to their fields (key: {abbr: ...})")
        ]
    extras: dict[str, dict[str, Any]] = {}
    for key, fields in value.items():
        if key not in citekeys:
            guess = nearest(str(key), citekeys)
            hint = f"did you mean '{guess}'?" if guess else "check the citekey in your .bib file"
            problems.append(
                Problem(
                    file, line_of(value, key), f"no publication has the citekey '{key}'; {hint}"
                )
            )
            continue
        if not isinstance(fields, Mapping):
            problems.append(
                Problem(file, line_of(value, key), f"'{key}' must map field names to values")
            )
            continue
        typed = Fields(fields, file, f"the fields of '{key}'", problems)
        typed.check(EXTRA_FIELDS)
        values = {name: _value(typed, name) for name in fields if name in EXTRA_FIELDS}
        field_line = partial(line_of, fields)
        problems += unsafe_links(values, str(key), file, field_line)
        problems += math_problems(values, str(key), file, field_line)
        # Lines stay with the values, for messages about the files they name.
        kept = LocatedDict(
            {k: v for k, v in values.items() if v not in (None, "", [])}, line=line_of(fields)
        )
        kept.lines = {k: n for k, n in getattr(fields, "lines", {}).items() if k in kept}
        extras[key] = kept
    return extras, list(dict.fromkeys(problems))  # one stray word given twice: one problem


#: Fields that take a list as well as one text: links (one button each), badges, tags.
_LISTS = frozenset({*(field for field, _, _ in LINK_FIELDS), "award_name", "keywords"})
#: Fields that are yes/no switches.
_SWITCHES = frozenset({"selected", "bibtex_show", "show_authors"})


def _value(fields: Fields, name: str) -> Any:
    """One field of an entry, as the type it must have: a wrong type is reported at its line
    and the field left out, so that no Python value is ever shown as it prints."""
    value = fields.mapping.get(name)
    if name in _SWITCHES and isinstance(value, bool):
        return value
    if name in _LISTS and isinstance(value, list):
        return fields.texts(name)
    if name == "also":
        return _also(fields, value)
    if name == "links":
        return _labelled_links(fields, value)
    return fields.text(name)


def _also(fields: Fields, value: Any) -> list[Any] | str:
    """Further venues: a text, or a list of texts and ``{venue: ..., award: ...}``."""
    if not isinstance(value, list):
        return fields.text("also")
    items: list[Any] = []
    for index, item in enumerate(value):
        if isinstance(item, Mapping) and _texts_only(item, ("venue", "award")):
            items.append({k: str(v) for k, v in item.items() if v is not None})
        elif _is_text(item):
            items.append(str(item))
        else:
            _report_item(fields, "also", value, index, "a text or {venue: ..., award: ...}")
    return items


def _labelled_links(fields: Fields, value: Any) -> list[dict[str, str]]:
    """``links: [{label: ..., url: ..., icon: ...}]``, each value a text."""
    if not isinstance(value, list):
        fields.report("links", f"'links' in {fields.what} must be a list of {{label, url, icon}}")
        return []
    items = []
    for index, item in enumerate(value):
        if isinstance(item, Mapping) and _texts_only(item, ("label", "url", "icon")):
            items.append({k: str(v) for k, v in item.items() if v is not None})
        else:
            _report_item(fields, "links", value, index, "a mapping of label, url and icon texts")
    return items


def _is_text(value: Any) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def _texts_only(item: Mapping, names: tuple[str, ...]) -> bool:
    return all(k in names and (v is None or _is_text(v)) for k, v in item.items())


def _report_item(fields: Fields, name: str, items: list, index: int, expected: str) -> None:
    line = line_of(items, index) or line_of(fields.mapping, name) or fields.line
    fields.problems.append(
        Problem(
            fields.file,
            line,
            f"item {index + 1} of '{name}' in {fields.what} must be {expected}; it is left out",
        )
    )
