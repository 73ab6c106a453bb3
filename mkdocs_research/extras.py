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
from .links import unsafe_links
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
        Fields(fields, file, f"the fields of '{key}'", problems).check(EXTRA_FIELDS)
        field_line = partial(line_of, fields)
        problems += unsafe_links(fields, str(key), file, field_line)
        problems += math_problems(fields, str(key), file, field_line)
        # Lines stay with the values, for messages about the files they name.
        kept = LocatedDict(
            {k: v for k, v in fields.items() if k in EXTRA_FIELDS and v is not None},
            line=line_of(fields),
        )
        kept.lines = {k: n for k, n in getattr(fields, "lines", {}).items() if k in kept}
        extras[key] = kept
    return extras, list(dict.fromkeys(problems))  # one stray word given twice: one problem
