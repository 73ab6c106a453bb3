"""al-folio's ``_data/cv.yml`` as this project's ``cv.yml``, in both of al-folio's formats.

Older al-folio sites write a list of sections with a ``type`` (``map``, ``list``,
``nested_list``, ``time_table``, ``list_groups``) and ``contents``; newer ones write a
RenderCV-like ``cv:`` mapping whose ``sections`` hold entries with JSON Resume's field names
(``institution``, ``studyType``, ``company``, ``awarder``, ``start_date`` …). Each section
becomes a ``cv.yml`` section of the kind its entries fit (education, experience, awards) or
a text section, keeping every value; dates that are not dates (``04/24 - Present``) are kept
as the ``when`` text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..cv import section_kind
from ..dates import parse_date_range
from .jekyll import plain

Text = Callable[[Any], str]
Entry = dict[str, Any]

_OPEN_END = re.compile(r"^(.*\S)\s*[-–—]+\s*$")


def dates(value: Any) -> Entry:
    """``{"dates": ...}`` for a date or range this project reads (``2020 -`` meaning
    ``2020 – present``), else ``{"when": ...}`` with the text as written; ``{}`` if empty."""
    text = plain(value)
    if not text:
        return {}
    open_end = _OPEN_END.match(text)
    candidate = f"{open_end.group(1)} – present" if open_end else text
    try:
        parse_date_range(candidate)
    except ValueError:
        return {"when": text}
    return {"dates": candidate}


def span(entry: dict[str, Any], start: str, end: str, *singles: str) -> Entry:
    """The dates of an entry with a start and an end (an open end is ``present``), or one
    of the single-date fields."""
    first, last = plain(entry.get(start)), plain(entry.get(end))
    if first:
        return dates(f"{first} – {last or 'present'}")
    for key in (end, *singles):
        if plain(entry.get(key)):
            return dates(entry[key])
    return {}


def bullets(items: Any, text: Text, indent: str = "") -> str:
    """A Markdown list of strings, and of ``{title, contents}`` groups as nested lists.

    What belongs to an item (a ``<ul>`` inside it, the list of a group) is indented by four
    spaces, as Python-Markdown nests, with no blank line: a blank line would make the list
    loose and take the items after it in."""
    if not isinstance(items, list):
        return text(items)
    lines = []
    for item in items:
        if isinstance(item, dict):
            lines.append(f"{indent}- {text(item.get('title'))}")
            nested = bullets(item.get("contents") or item.get("items") or [], text, indent + "    ")
            if nested:
                lines.append(nested)
        elif plain(item):
            first, *rest = [line for line in text(item).split("\n") if line.strip()]
            lines += [f"{indent}- {first}", *(f"{indent}    {line}" for line in rest)]
    return "\n".join(lines)


def blocks(*parts: str) -> str:
    return "\n\n".join(part.strip() for part in parts if part and part.strip())


def joined(*parts: Any, separator: str = ", ") -> str:
    return separator.join(plain(part) for part in parts if plain(part))


def slug(title: str) -> str:
    return re.sub(r"[\W_]+", "-", title.lower()).strip("-")


def section(title: str, kind: str, entries: list[Entry], taken: set[str]) -> dict[str, Any]:
    """A ``cv.yml`` section with an id made from its title, unique among ``taken``."""
    base = slug(title) or "section"
    section_id, number = base, 1
    while section_id in taken:
        number += 1
        section_id = f"{base}-{number}"
    taken.add(section_id)
    return {"id": section_id, "title": title, "kind": kind, "entries": entries}


_KIND_WORDS = (
    ("education", ("education", "degree", "academic background")),
    ("experience", ("experience", "position", "employment", "appointment", "work")),
    ("awards", ("award", "honor", "honour", "prize", "grant", "fellowship", "distinction")),
)


def kind_of(title: str) -> str:
    """The kind a section title suggests: *Professional Positions* → experience."""
    kind = section_kind(slug(title))
    if kind != "text":
        return kind
    lowered = title.lower()
    return next((kind for kind, words in _KIND_WORDS if any(w in lowered for w in words)), "text")


def as_text(kind: str, entry: Entry) -> Entry:
    """An education, experience or awards entry rewritten as a text entry, for a section
    that mixes kinds."""
    if kind == "education":
        head = joined(
            f"**{entry['degree']}**" if entry.get("degree") else "", entry.get("institution")
        )
    elif kind == "experience":
        organisation = f"*{entry['organisation']}*" if entry.get("organisation") else ""
        head = joined(f"**{entry['position']}**" if entry.get("position") else "", organisation)
    else:
        head = entry.get("text", "")
    keep = ("dates", "when", "location", "description", "url")
    return {"text": head, **{key: entry[key] for key in keep if entry.get(key)}}


def _clean(entry: Entry) -> Entry:
    return {key: value for key, value in entry.items() if value not in ("", None, [])}


# The older format: type and contents --------------------------------------------------------


def old_sections(value: list[Any], text: Text, leave: Callable[[str], None]) -> list[dict]:
    """The sections of an older al-folio ``cv.yml`` (a list of ``title``/``type``/``contents``)."""
    taken: set[str] = set()
    sections = []
    for number, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            leave(f"item {number} is not a section (title, type, contents); left out")
            continue
        title = text(item.get("title")) or f"Section {number}"
        kind, entries = _old_entries(item, title, text, leave)
        if entries:
            sections.append(section(title, kind, entries, taken))
        else:
            leave(f"section '{title}' has no entries; left out")
    return sections


def _old_entries(
    item: dict[str, Any], title: str, text: Text, leave: Callable[[str], None]
) -> tuple[str, list[Entry]]:
    contents, kind = item.get("contents"), plain(item.get("type"))
    if isinstance(contents, str):
        return "text", [{"text": text(contents)}]
    if not isinstance(contents, list):
        return "text", []
    if kind == "time_table":
        wanted = kind_of(title)
        wanted = wanted if wanted in {"education", "experience", "awards", "teaching"} else "text"
        return wanted, [
            _clean(_time_table(c, wanted, text)) for c in contents if isinstance(c, dict)
        ]
    if kind not in {"map", "list", "nested_list", "list_groups"}:
        leave(f"section '{title}' has type '{kind}', which al-folio does not know; read as a list")
    converters = {"map": _map_item, "nested_list": _nested_item, "list_groups": _group_item}
    convert = converters.get(kind, lambda content, text: {"text": text(content)})
    return "text", [_clean(convert(content, text)) for content in contents]


def _map_item(content: Any, text: Text) -> Entry:
    if not isinstance(content, dict):
        return {"text": text(content)}
    name, value = text(content.get("name")), text(content.get("value"))
    links = " · ".join(
        f"[{text(link.get('name')) or 'doc'}]({plain(link.get('link'))})"
        for link in content.get("links") or []
        if isinstance(link, dict) and plain(link.get("link"))
    )
    return {"text": joined(f"**{name}:**" if name else "", value, links, separator=" ")}


def _nested_item(content: Any, text: Text) -> Entry:
    if not isinstance(content, dict):
        return {"text": text(content)}
    return {
        "text": text(content.get("title")),
        "description": bullets(content.get("items") or [], text),
    }


def _group_item(content: Any, text: Text) -> Entry:
    if not isinstance(content, dict):
        return {"text": text(content)}
    lines = []
    for item in content.get("items") or []:
        if not isinstance(item, dict):
            continue
        name = joined(
            f"**{text(item.get('name'))}**" if item.get("name") else "",
            text(item.get("level")),
            text(item.get("school")),
        )
        link = plain(item.get("link"))
        extra = f" [{text(item.get('linkname')) or 'doc'}]({link})" if link else ""
        lines.append(f"- {joined(name, text(item.get('time')))}{extra}")
    return {"text": f"**{text(content.get('category'))}**", "description": "\n".join(lines)}


def _time_table(content: dict[str, Any], kind: str, text: Text) -> Entry:
    title = text(content.get("title"))
    place = joined(text(content.get("institution")), text(content.get("department")))
    links = " · ".join(
        f"[{text(link.get('linkname')) or 'doc'}]({plain(link.get('link'))})"
        for link in content.get("linkitems") or []
        if isinstance(link, dict) and plain(link.get("link"))
    )
    description = blocks(
        text(content.get("maindescription")),
        bullets(content.get("description") or [], text),
        bullets(content.get("items") or [], text),
        links,
    )
    common = {
        **dates(content.get("year")),
        "location": text(content.get("location")),
        "description": description,
    }
    if kind == "education":
        return {"degree": title, "institution": place, **common}
    if kind == "experience":
        return {"position": title, "organisation": place, **common}
    if kind == "awards":
        return {"text": joined(title, place), **common}
    if kind == "teaching":
        return {"course": title, "institution": place, **common}
    return {"text": joined(f"**{title}**" if title else "", place), **common}


# The newer format: a RenderCV-like cv: mapping with JSON Resume fields ---------------------


def new_sections(value: dict[str, Any], text: Text, leave: Callable[[str], None]) -> list[dict]:
    """The sections of a newer al-folio ``cv.yml`` (``cv: {sections: {Title: [entries]}}``)."""
    taken: set[str] = set()
    sections = []
    groups = value.get("sections")
    if not isinstance(groups, dict):
        leave("has no 'sections' mapping under 'cv'; no CV sections")
        return []
    for title, items in groups.items():
        title = plain(title)
        if not isinstance(items, list):
            leave(f"section '{title}' is not a list of entries; left out")
            continue
        mapped = []
        for number, item in enumerate(items, start=1):
            found = _new_entry(item, title, text)
            if isinstance(found, str):
                leave(f"section '{title}', entry {number}: {found}")
            else:
                mapped.append(found)
        kinds = {kind for kind, _ in mapped}
        if not mapped:
            continue
        if len(kinds) == 1:
            kind = kinds.pop()
            entries = [_clean(entry) for _, entry in mapped]
        else:
            kind, entries = "text", [_clean(as_text(k, entry)) for k, entry in mapped]
        sections.append(section(title, kind, entries, taken))
    return sections


def _new_entry(item: Any, title: str, text: Text) -> tuple[str, Entry] | str:
    """(kind, entry) of one entry of the newer format, or why it is left out."""
    if not isinstance(item, dict):
        return ("text", {"text": text(item)}) if plain(item) else "empty; left out"
    if "reference" in item:
        return "a reference, which is private; left out"
    url = plain(item.get("url"))
    common = {"location": text(item.get("location")), "url": url}
    story = blocks(text(item.get("summary")), bullets(item.get("highlights") or [], text))
    when = span(item, "start_date", "end_date", "date", "releaseDate")
    if "institution" in item:
        degree = joined(
            text(item.get("studyType") or item.get("degree")),
            text(item.get("area")),
            separator=" in ",
        )
        courses = item.get("courses")
        course_text = ", ".join(map(text, courses)) if isinstance(courses, list) else text(courses)
        description = blocks(story, f"Courses: {course_text}" if course_text else "")
        return "education", {
            "degree": degree,
            "institution": text(item["institution"]),
            **when,
            "distinction": text(item.get("score")),
            **common,
            "description": description,
        }
    if "company" in item or "position" in item:
        organisation = text(item.get("company") or item.get("organization") or item.get("name"))
        return "experience", {
            "position": text(item.get("position")),
            "organisation": organisation,
            **when,
            **common,
            "description": story,
        }
    if "awarder" in item or ("title" in item and kind_of(title) == "awards"):
        return "awards", {
            "text": joined(text(item.get("title")), text(item.get("awarder")), separator=" — "),
            **when,
            **common,
            "description": story,
        }
    name = text(item.get("title") or item.get("name"))
    linked = f"[{name}]({url})" if url and name else name
    if "title" in item:  # a publication
        authors = item.get("authors")
        authors_text = ", ".join(map(text, authors)) if isinstance(authors, list) else text(authors)
        head = joined(
            authors_text,
            f"*{linked}*" if linked else "",
            text(item.get("publisher") or item.get("journal")),
            separator=". ",
        )
        return "text", {"text": head, **when, "location": common["location"], "description": story}
    if "issuer" in item:
        return "text", {"text": joined(linked, text(item.get("issuer"))), **when}
    if "name" in item:
        level = text(item.get("level") or item.get("fluency"))
        keywords = item.get("keywords")
        keyword_text = (
            ", ".join(map(text, keywords)) if isinstance(keywords, list) else text(keywords)
        )
        head = joined(f"**{linked}**", f"({level})" if level else "", separator=" ")
        head = f"{head}: {keyword_text}" if keyword_text else head
        return "text", {"text": head, **when, "location": common["location"], "description": story}
    if "label" in item or "details" in item:
        label, details = text(item.get("label")), text(item.get("details"))
        return "text", {
            "text": f"**{label}:** {details}" if label and details else label or details,
            **when,
        }
    if "bullet" in item:
        return "text", {"text": text(item["bullet"])}
    return (
        "no field this importer knows (institution, company, title, name, label, bullet); left out"
    )
