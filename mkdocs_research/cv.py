"""``cv.yml``: an ordered list of CV sections, each with an id, a title and typed entries.

The section's ``kind`` decides which fields its entries take and how they look. Sections keep
the order of the file, and so do their entries, unless a section sets ``order: newest``.
"""

from __future__ import annotations

from typing import Any

from .model import CVEntry, CVSection, Problem
from .yamlfile import Fields, line_of, records

DATE_KEYS = ("dates", "date", "period", "year")
#: ``when`` is shown in the date column instead of the parsed dates (``Spring 2023``,
#: ``2018/'19/'21``); the dates still order the entries.
_COMMON = (*DATE_KEYS, "when", "location", "description", "url")

#: kind → the fields its entries take (besides dates, location, description and url).
KINDS: dict[str, tuple[str, ...]] = {
    "education": ("degree", "institution", "advisor", "thesis", "distinction"),
    "experience": ("position", "organisation", "organization", "advisor", "focus"),
    "teaching": ("role", "course", "institution"),
    "mentoring": ("mentee", "role", "supervisor", "outcomes"),
    "awards": ("text",),
    "service": ("group", "role", "venue", "venues", "years"),
    "text": ("text",),
}
#: Fields holding lists of texts.
LIST_FIELDS = frozenset({"outcomes", "venues", "years"})
#: Section ids that imply a kind when ``kind`` is not given.
_KIND_OF_ID = {
    "work": "experience",
    "internships": "experience",
    "positions": "experience",
    "employment": "experience",
    "honors": "awards",
    "awards-and-honors": "awards",
    "reviewing": "service",
    "service": "service",
    "mentoring": "mentoring",
    "research-mentoring": "mentoring",
    "supervision": "mentoring",
}
SECTION_FIELDS = ("id", "title", "kind", "order", "entries")
ORDERS = ("file", "newest", "oldest")


def blank_entry(kind: str) -> dict[str, Any]:
    """Every field an entry of ``kind`` can show, empty, so templates need no existence
    checks whichever loader (``cv.yml``, JSON Resume, RenderCV) made the entry."""
    names = (*KINDS[kind], *_COMMON)
    return {
        n: [] if n in LIST_FIELDS else ""
        for n in names
        if n not in DATE_KEYS and n != "organization"
    }


def section_kind(section_id: str) -> str:
    """The kind a section id suggests: ``education`` → education, ``reviewing`` → service."""
    if section_id in KINDS:
        return section_id
    return _KIND_OF_ID.get(section_id, "text")


def load_cv(value: Any, file: str) -> tuple[list[CVSection], list[Problem]]:
    """The sections of ``cv.yml`` (a list, or a mapping with a ``sections:`` list)."""
    problems: list[Problem] = []
    sections: list[CVSection] = []
    seen: dict[str, int | None] = {}
    for fields in records(value, file, "CV section", problems, key="sections"):
        fields.check(SECTION_FIELDS)
        section_id = fields.text("id", required=True)
        if not section_id:
            continue
        if section_id in seen:
            fields.report(
                "id",
                f"CV section id '{section_id}' is used twice (first at line {seen[section_id]}); "
                "give each section its own id",
            )
            continue
        seen[section_id] = fields.line
        kind = fields.text("kind") or section_kind(section_id)
        if kind not in KINDS:
            fields.report(
                "kind", f"unknown CV section kind '{kind}'; use one of: {', '.join(KINDS)}"
            )
            kind = "text"
        order = fields.text("order") or "file"
        if order not in ORDERS:
            fields.report("order", f"'order' must be one of: {', '.join(ORDERS)}; got \"{order}\"")
            order = "file"
        entries = _entries(fields, kind, section_id, file, problems)
        if order != "file":
            entries.sort(
                key=lambda e: e.dates.sort_key if e.dates else (0,), reverse=order == "newest"
            )
        title = fields.text("title") or section_id.replace("-", " ").replace("_", " ").title()
        sections.append(CVSection(id=section_id, title=title, kind=kind, entries=entries))
    return sections, problems


def _entries(
    section: Fields, kind: str, section_id: str, file: str, problems: list[Problem]
) -> list[CVEntry]:
    """The entries of one section; plain strings are accepted as ``text`` entries."""
    value = section.mapping.get("entries")
    if value is None:
        return []
    if not isinstance(value, list):
        section.report(
            "entries",
            f"'entries' of section '{section_id}' must be a list, each item starting with '- '",
        )
        return []
    entries = []
    allowed = (*KINDS[kind], *_COMMON)
    mappings = [v if isinstance(v, dict) else {"text": v} for v in value]
    for index, item in enumerate(mappings):
        if not isinstance(item.get("text", ""), (str, int, float)):
            problems.append(
                Problem(file, line_of(value, index), "each CV entry must be a mapping or a text")
            )
            continue
        if item is not value[index] and kind not in {"text", "awards"}:
            problems.append(
                Problem(
                    file,
                    line_of(value, index),
                    f"entries of the '{section_id}' section must be mappings "
                    f"({', '.join(KINDS[kind][:3])}, ...)",
                )
            )
            continue
        fields = Fields(item, file, f"an entry of CV section '{section_id}'", problems)
        if item is value[index]:
            fields.check(allowed)
        # Every field of the kind is present (empty when not given), so templates need no
        # existence checks.
        values: dict[str, Any] = {
            name: fields.texts(name) if name in LIST_FIELDS else fields.text(name)
            for name in allowed
            if name not in DATE_KEYS
        }
        values["organisation"] = values.get("organisation") or values.pop("organization", "")
        values.pop("organization", None)
        entries.append(CVEntry(fields=values, dates=fields.dates(*DATE_KEYS)))
    return entries


def group_service(entries: list[CVEntry]) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """Reviewing and service grouped as CVs print them: per group (``Conferences``), the
    venues of each year, oldest year first; venues without a year come last."""
    groups: dict[str, dict[str, list[str]]] = {}
    for entry in entries:
        label = entry.fields.get("group") or entry.fields.get("role") or ""
        venues = entry.fields.get("venues") or [entry.fields.get("venue", "")]
        years = list(entry.fields.get("years") or [])
        if not years and entry.dates and entry.dates.start:
            years = [str(entry.dates.start.year)]
        by_year = groups.setdefault(label, {})
        for year in years or [""]:
            known = by_year.setdefault(year, [])
            known.extend(v for v in venues if v and v not in known)
    return [
        (label, sorted(by_year.items(), key=lambda item: (item[0] == "", item[0])))
        for label, by_year in groups.items()
    ]
