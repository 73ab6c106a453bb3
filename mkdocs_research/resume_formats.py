"""CVs researchers already keep in another format: ``data/resume.json`` (JSON Resume 1.0.0) and
``data/*_CV.yaml`` (RenderCV), mapped onto the same :class:`Profile` and :class:`CVSection`
values as ``profile.yml`` and ``cv.yml``.

Both loaders return ``((profile, sections), problems)`` and never raise: a broken file gives
``(None, [])`` and a problem with its line; a bad field is reported and left out, and the rest
of the entry is kept. JSON is read with line numbers too, so every problem points at its line.

Every entry carries all the fields of its section's kind (``""`` when the source has no
value), so templates can use ``entry.fields.advisor`` without checking that it exists.
"""

from __future__ import annotations

import bisect
import json
import logging
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .characters import visible
from .cv import blank_entry
from .dates import DateRange, parse_date, parse_date_range
from .links import doi_url, safe_url
from .model import CVEntry, CVSection, Link, Problem, Profile
from .profile import LINK_KINDS
from .yamlfile import Fields, LocatedDict, LocatedList, line_of, load_yaml_file

#: Where the tracebacks of unexpected failures go (``mkdocs build --verbose`` shows them).
log = logging.getLogger("mkdocs.plugins.research")

__all__ = ["load_json_resume", "load_rendercv"]

Loaded = tuple[tuple[Profile | None, list[CVSection]], list[Problem]]

_PRESENT = {"present", "now", "today", "ongoing"}
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_DOMAIN = re.compile(r"^(?:[\w-]+\.)+[a-zA-Z]{2,}(?:[/?#]\S*)?$")
_MASTODON = re.compile(r"@?([^@\s/]+)@([^@\s/]+\.[^@\s/]+)")
_DBLP_PID = re.compile(r"[\w.-]+(?:/[\w.:-]+)*")

# Profile links ------------------------------------------------------------------------------

#: Network names as JSON Resume and RenderCV users write them (lower-case, letters and digits
#: only) → the ``LINK_KINDS`` key of ``profile.yml``.
_NETWORKS = {
    "googlescholar": "scholar",
    "scholar": "scholar",
    "orcid": "orcid",
    "dblp": "dblp",
    "semanticscholar": "semantic_scholar",
    "github": "github",
    "x": "x",
    "xtwitter": "x",
    "twitter": "twitter",
    "bluesky": "bluesky",
    "bsky": "bluesky",
    "mastodon": "mastodon",
    "linkedin": "linkedin",
    "researchgate": "researchgate",
    "homepage": "homepage",
    "website": "homepage",
}
_SUPPORTED_NETWORKS = ", ".join(
    LINK_KINDS[kind][0] for kind in dict.fromkeys(_NETWORKS.values()) if kind != "homepage"
)


def _network_kind(network: str) -> str | None:
    """``"Google Scholar"`` → ``scholar``; ``None`` for a network this site has no link for."""
    return _NETWORKS.get(re.sub(r"[^a-z0-9]", "", network.lower()))


def _web_url(value: str) -> str | None:
    """A URL to link to: a safe URL with a scheme, or a bare domain (``example.org/me``),
    which gets ``https://``. ``None`` for anything else, so no relative link is made by
    mistake."""
    value = value.strip()
    if _SCHEME.match(value):
        return safe_url(value)
    if _DOMAIN.match(value):
        return f"https://{value}"
    return None


def _profile_url(kind: str, url: str, username: str) -> str | None:
    """The address of a profile: its URL if given, else built from the user name."""
    if url:
        return _web_url(url)
    handle = username.strip()
    if not handle:
        return None
    if _SCHEME.match(handle):
        return safe_url(handle)
    if kind == "mastodon":
        found = _MASTODON.fullmatch(handle)
        return f"https://{found.group(2)}/@{found.group(1)}" if found else None
    if kind == "dblp" and _DBLP_PID.fullmatch(handle):  # dblp ids contain slashes: 12/3456
        return f"https://dblp.org/pid/{handle}"
    return LINK_KINDS[kind][2](handle)


def _link(kind: str, url: str) -> Link:
    label, icon, _ = LINK_KINDS[kind]
    return Link(kind=kind, label=label, url=url, icon=icon)


def _add_link(links: list[Link], link: Link) -> None:
    if all((known.kind, known.url) != (link.kind, link.url) for known in links):
        links.append(link)


def _emails(fields: Fields, key: str) -> list[str]:
    """The e-mail addresses of ``key`` (one or a list); reports anything else."""
    emails = []
    for email in fields.texts(key):
        if "@" in email and safe_url(f"mailto:{email}") is not None:
            emails.append(email.strip())
        else:
            fields.report(key, f"'{email}' is not an e-mail address")
    return emails


def _photo(fields: Fields, key: str) -> str:
    photo = fields.text(key).strip()
    if photo and safe_url(photo) is None:
        fields.report(key, f"'{key}' must be a path in docs/ or an https:// address")
        return ""
    return photo


# Entries ------------------------------------------------------------------------------------


def _entry(kind: str, values: dict[str, Any], dates: DateRange | None) -> CVEntry:
    """A CV entry with every field of ``kind`` present (``""`` when unknown)."""
    fields = blank_entry(kind)
    fields.update({name: value for name, value in values.items() if value})
    return CVEntry(fields=fields, dates=dates)


def _bullets(items: list[str]) -> str:
    """A Markdown bullet list."""
    return "\n".join(f"- {item.strip()}" for item in items if item.strip())


def _blocks(*parts: str) -> str:
    """Markdown paragraphs (or lists) separated by blank lines."""
    return "\n\n".join(part.strip() for part in parts if part and part.strip())


def _joined(*parts: str, separator: str = ", ") -> str:
    return separator.join(part.strip() for part in parts if part and part.strip())


def _linked(text: str, url: str | None) -> str:
    """``text`` as a Markdown link to ``url`` when there is one."""
    if not url or not text:
        return text
    target = f"<{url}>" if any(c in url for c in " ()<>") else url
    return f"[{text}]({target})"


def _url(fields: Fields, key: str = "url") -> str:
    """A web address field; a value that cannot be linked to is reported and left out."""
    value = fields.text(key).strip()
    if not value:
        return ""
    url = _web_url(value)
    if url is None:
        fields.report(key, f"'{key}' in {fields.what} must be an https:// address; got \"{value}\"")
        return ""
    return url


def _date_range(fields: Fields, key: str) -> DateRange | None:
    """One date or a range written in one field (``date: 2021-05``)."""
    if key not in fields:
        return None
    text = fields.text(key)
    if not text:
        return None
    try:
        return parse_date_range(text)
    except ValueError as error:
        fields.report(key, f"'{key}' in {fields.what}: {error}; the entry is shown without a date")
        return None


def _span(fields: Fields, start_key: str, end_key: str) -> DateRange | None:
    """The dates of an entry with a start and an end; a start alone means ``– present``,
    an end alone is a single date."""
    start = fields.text(start_key).strip() if start_key in fields else ""
    end = fields.text(end_key).strip() if end_key in fields else ""
    for key, text in ((start_key, start), (end_key, end)):
        if text and not (key == end_key and text.lower() in _PRESENT):
            try:
                parse_date(text)
            except ValueError as error:
                fields.report(
                    key, f"'{key}' in {fields.what}: {error}; the entry is shown without dates"
                )
                return None
    if start:
        text = f"{start} – {end or 'present'}"
    elif end:
        text = end
    else:
        return None
    try:
        return parse_date_range(text)
    except ValueError as error:
        fields.report(
            start_key,
            f"'{start_key}' and '{end_key}' in {fields.what}: {error}; "
            "the entry is shown without dates",
        )
        return None


def _as_text(kind: str, entry: CVEntry) -> CVEntry:
    """An education or experience entry rewritten as a text entry, for a mixed section."""
    values = entry.fields
    if kind == "education":
        head = _joined(f"**{values['degree']}**" if values["degree"] else "", values["institution"])
    elif kind == "experience":
        organisation = f"*{values['organisation']}*" if values["organisation"] else ""
        head = _joined(f"**{values['position']}**" if values["position"] else "", organisation)
    else:
        head = values.get("text", "")
    fields = {
        "text": head,
        "location": values.get("location", ""),
        "description": values.get("description", ""),
        "url": values.get("url", ""),
    }
    return _entry("text", fields, entry.dates)


def _in_line_order(problems: list[Problem]) -> list[Problem]:
    """Problems as they appear in the file (those without a line first), each once."""
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda problem: problem.line or 0)


# Reading files ------------------------------------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n|[\r\n]")


def _read_text(path: Path, file: str, problems: list[Problem]) -> str | None:
    """A UTF-8 file's text (a byte order mark is fine), or ``None`` and a problem."""
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        problems.append(Problem(file, None, f"cannot read the file: {error.strerror}"))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = len(_LINE_BREAK.findall(raw[: error.start].decode("latin-1"))) + 1
        detail = f"byte 0x{raw[error.start]:02X} here is not valid UTF-8"
        problems.append(
            Problem(file, line, f"the file is not UTF-8 text; save it as UTF-8 ({detail})")
        )
        return None


_JSON_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class _LocatedJson:
    """Parses JSON already known to be valid into :class:`LocatedDict` and
    :class:`LocatedList` values, so :func:`line_of` gives the line of every key and item,
    and reports a key given twice in one object (JSON parsers keep the last silently)."""

    def __init__(self, text: str, file: str, problems: list[Problem]) -> None:
        self.text = text
        self.file = file
        self.problems = problems
        self.breaks = [found.start() for found in re.finditer("\n", text)]

    def line(self, position: int) -> int:
        return bisect.bisect_left(self.breaks, position) + 1

    def skip(self, position: int) -> int:
        found = _JSON_SPACE.match(self.text, position)
        return found.end() if found else position

    def value(self, position: int) -> tuple[Any, int]:
        text = self.text
        position = self.skip(position)
        if text[position] == "{":
            mapping = LocatedDict(line=self.line(position))
            position = self.skip(position + 1)
            if text[position] == "}":
                return mapping, position + 1
            while True:
                position = self.skip(position)
                key_line = self.line(position)
                key, position = _DECODER.raw_decode(text, position)
                key = visible(key)
                if key in mapping:
                    self.problems.append(
                        Problem(
                            self.file,
                            key_line,
                            f"duplicate key '{key}' (first at line {mapping.lines[key]}); "
                            "keep one (the last one is used)",
                        )
                    )
                position = self.skip(position)  # at the ':'
                mapping[key], position = self.value(position + 1)
                mapping.lines[key] = key_line
                position = self.skip(position)
                if text[position] != ",":
                    return mapping, position + 1
                position += 1
        if text[position] == "[":
            items = LocatedList(line=self.line(position))
            position = self.skip(position + 1)
            if text[position] == "]":
                return items, position + 1
            while True:
                position = self.skip(position)
                items.lines[len(items)] = self.line(position)
                item, position = self.value(position)
                items.append(item)
                position = self.skip(position)
                if text[position] != ",":
                    return items, position + 1
                position += 1
        value, position = _DECODER.raw_decode(text, position)
        return (visible(value) if isinstance(value, str) else value), position


def _load_json(text: str, file: str, problems: list[Problem]) -> Any:
    """The JSON value of ``text`` with line numbers, or ``None`` and a problem."""
    if not text.strip():
        problems.append(Problem(file, None, "the file is empty; write a JSON Resume object"))
        return None
    try:
        plain = json.loads(text)
    except json.JSONDecodeError as error:
        message = (
            f"the file is not valid JSON: {error.msg}; check the commas and quotes near this line"
        )
        problems.append(Problem(file, error.lineno, message))
        return None
    except RecursionError:
        problems.append(Problem(file, None, "the data is nested too deeply to read"))
        return None
    try:
        return _LocatedJson(text, file, problems).value(0)[0]
    except (RecursionError, ValueError, IndexError):  # lines are a bonus, the data is not
        return plain


# JSON Resume --------------------------------------------------------------------------------


def _json_profile(value: Any, file: str, problems: list[Problem]) -> Profile | None:
    """``basics`` → the profile; ``None`` without ``basics``."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        problems.append(
            Problem(file, line_of(value), "'basics' must be an object ({\"name\": ...})")
        )
        return None
    fields = Fields(value, file, "'basics'", problems)
    links: list[Link] = []
    homepage = _url(fields, "url")
    if homepage:
        links.append(_link("homepage", homepage))
    networks = value.get("profiles")
    if networks is not None and not isinstance(networks, list):
        fields.report("profiles", "'profiles' in 'basics' must be a list of objects")
        networks = []
    for index, item in enumerate(networks or []):
        if not isinstance(item, Mapping):
            problems.append(
                Problem(
                    file,
                    line_of(networks, index),
                    "each profile in 'basics.profiles' must be an object ({\"network\": ...})",
                )
            )
            continue
        link = _json_network(Fields(item, file, "a profile in 'basics.profiles'", problems))
        if link is not None:
            _add_link(links, link)
    return Profile(
        name=fields.text("name"),
        position=fields.text("label"),
        photo=_photo(fields, "image"),
        emails=_emails(fields, "email"),
        links=links,
        summary=fields.text("summary"),
    )


def _json_network(fields: Fields) -> Link | None:
    """One ``basics.profiles`` item as a profile link."""
    network = fields.text("network").strip()
    url, username = fields.text("url").strip(), fields.text("username").strip()
    if not network:
        if url or username:
            fields.report(
                None,
                f"a profile in 'basics.profiles' has no 'network'; add one of: {_SUPPORTED_NETWORKS}",
            )
        return None
    kind = _network_kind(network)
    if kind is None:
        # A network without an icon here (SoundCloud in JSON Resume's own sample) is still
        # the researcher's profile: a plain link, named after the network.
        if (address := _web_url(url)) is not None:
            return Link(kind="other", label=network, url=address, icon="website")
        fields.report(
            "url" if url else "network",
            f"cannot make a {network} link without its address; give the profile's https:// "
            "address as 'url'",
        )
        return None
    address = _profile_url(kind, url, username)
    if address is None:
        if url or username:
            key = "url" if url else "username"
            fields.report(
                key,
                f'cannot make a {network} link from "{url or username}"; '
                "give the profile's https:// address as 'url'",
            )
        return None
    return _link(kind, address)


def _json_work(fields: Fields, organisation_key: str) -> CVEntry:
    values = {
        "position": fields.text("position"),
        "organisation": fields.text(organisation_key) or fields.text("company"),
        "location": fields.text("location"),
        "description": _blocks(fields.text("summary"), _bullets(fields.texts("highlights"))),
        "url": _url(fields),
    }
    return _entry("experience", values, _span(fields, "startDate", "endDate"))


def _json_education(fields: Fields) -> CVEntry:
    values = {
        "degree": _joined(fields.text("studyType"), fields.text("area"), separator=" in "),
        "institution": fields.text("institution"),
        "location": fields.text("location"),
        "distinction": fields.text("score"),
        "description": _blocks(fields.text("summary"), _bullets(fields.texts("courses"))),
        "url": _url(fields),
    }
    return _entry("education", values, _span(fields, "startDate", "endDate"))


def _json_award(fields: Fields) -> CVEntry:
    text = _joined(fields.text("title"), fields.text("awarder"), separator=" — ")
    summary = fields.text("summary").strip()
    text = f"{text}: {summary}" if text and summary else text or summary
    return _entry("awards", {"text": text}, _date_range(fields, "date"))


def _json_certificate(fields: Fields) -> CVEntry:
    text = _joined(_linked(fields.text("name"), _url(fields)), fields.text("issuer"))
    return _entry("text", {"text": text}, _date_range(fields, "date"))


def _json_publication(fields: Fields) -> CVEntry:
    text = _joined(_linked(fields.text("name"), _url(fields)), fields.text("publisher"))
    values = {"text": text, "description": fields.text("summary")}
    return _entry("text", values, _date_range(fields, "releaseDate"))


def _json_skill(fields: Fields) -> CVEntry:
    name = fields.text("name").strip()
    level = fields.text("level").strip()
    head = _joined(f"**{name}**" if name else "", f"({level})" if level else "", separator=" ")
    keywords = ", ".join(fields.texts("keywords"))
    return _entry(
        "text", {"text": f"{head}: {keywords}" if head and keywords else head or keywords}, None
    )


def _json_language(fields: Fields) -> CVEntry:
    language, fluency = fields.text("language").strip(), fields.text("fluency").strip()
    text = f"{language} ({fluency})" if language and fluency else language or fluency
    return _entry("text", {"text": text}, None)


def _json_interest(fields: Fields) -> CVEntry:
    name = fields.text("name").strip()
    keywords = ", ".join(fields.texts("keywords"))
    text = f"**{name}**: {keywords}" if name and keywords else name or keywords
    return _entry("text", {"text": text}, None)


def _json_project(fields: Fields) -> CVEntry:
    name = _linked(fields.text("name").strip(), _url(fields))
    text = _joined(f"**{name}**" if name else "", fields.text("entity"))
    description = _blocks(fields.text("description"), _bullets(fields.texts("highlights")))
    return _entry(
        "text", {"text": text, "description": description}, _span(fields, "startDate", "endDate")
    )


#: JSON Resume key → (section id, title, kind, how an entry is mapped), in CV order.
#: ``references`` is private and never shown; ``basics`` is the profile.
_JSON_SECTIONS: dict[str, tuple[str, str, str, Callable[[Fields], CVEntry]]] = {
    "work": ("experience", "Experience", "experience", lambda f: _json_work(f, "name")),
    "volunteer": (
        "volunteer",
        "Volunteering",
        "experience",
        lambda f: _json_work(f, "organization"),
    ),
    "education": ("education", "Education", "education", _json_education),
    "awards": ("awards", "Awards", "awards", _json_award),
    "certificates": ("certificates", "Certificates", "text", _json_certificate),
    "publications": ("publications", "Publications", "text", _json_publication),
    "skills": ("skills", "Skills", "text", _json_skill),
    "languages": ("languages", "Languages", "text", _json_language),
    "interests": ("interests", "Interests", "text", _json_interest),
    "projects": ("projects", "Projects", "text", _json_project),
}


def _has_content(entry: CVEntry) -> bool:
    return entry.dates is not None or any(entry.fields.values())


def load_json_resume(path: Path, file: str) -> Loaded:
    """The profile (from ``basics``) and CV sections of a JSON Resume file.

    ``file`` is the name used in problems (``data/resume.json``). ``references`` are left out:
    they are private. Unknown keys are ignored, as JSON Resume allows extensions.
    """
    problems: list[Problem] = []
    try:
        text = _read_text(path, file, problems)
        data = None if text is None else _load_json(text, file, problems)
        if data is None:
            return (None, []), problems
        if not isinstance(data, Mapping):
            message = 'must be a JSON object ({"basics": {...}, "work": [...], ...})'
            problems.append(Problem(file, line_of(data) or 1, message))
            return (None, []), problems
        profile = _json_profile(data.get("basics"), file, problems)
        sections = []
        for key, (section_id, title, kind, convert) in _JSON_SECTIONS.items():
            entries = [
                entry
                for fields in _json_records(data, key, file, problems)
                if _has_content(entry := convert(fields))
            ]
            if entries:
                sections.append(CVSection(id=section_id, title=title, kind=kind, entries=entries))
        return (profile, sections), _in_line_order(problems)
    except Exception as error:  # never let a data file crash the build
        log.debug("reading %s failed", file, exc_info=True)  # shown by `mkdocs build -v`
        problems.append(Problem(file, None, f"cannot read this JSON Resume file: {error}"))
        return (None, []), problems


def _json_records(data: Mapping, key: str, file: str, problems: list[Problem]) -> list[Fields]:
    """The objects of the list ``data[key]``; anything else is reported."""
    items = data.get(key)
    if items is None:
        return []
    if not isinstance(items, list):
        problems.append(
            Problem(file, line_of(data, key), f"'{key}' must be a list of objects ([{{...}}])")
        )
        return []
    records = []
    for index, item in enumerate(items):
        if isinstance(item, Mapping):
            records.append(Fields(item, file, f"'{key}' entry {index + 1}", problems))
        else:
            problems.append(
                Problem(file, line_of(items, index), f"each entry of '{key}' must be an object")
            )
    return records


# RenderCV -----------------------------------------------------------------------------------

#: Words RenderCV leaves in lower case in a section title made from a key.
_SMALL_WORDS_TEXT = (
    "a and as at but by for from if in into like near nor of off on onto or over so than "
    "that to upon when with yet"
)
_SMALL_WORDS = frozenset(_SMALL_WORDS_TEXT.split())


def _section_title(key: str) -> str:
    """The title RenderCV shows for a section key: ``selected_honors`` → ``Selected Honors``;
    a key with a space or a capital is kept as written."""
    if " " in key or any(char.isupper() for char in key):
        return key
    words = key.replace("_", " ").split(" ")
    return " ".join(
        word.capitalize() if index == 0 or word not in _SMALL_WORDS else word
        for index, word in enumerate(words)
    )


def _slug(title: str) -> str:
    """A section id: ``Selected Honors & Awards`` → ``selected-honors-awards``."""
    return re.sub(r"[\W_]+", "-", title.lower()).strip("-")


def _rendercv_dates(fields: Fields) -> DateRange | None:
    """``date`` (which wins, as in RenderCV) or ``start_date``/``end_date``."""
    if "date" in fields:
        return _date_range(fields, "date")
    return _span(fields, "start_date", "end_date")


def _rendercv_description(fields: Fields) -> str:
    return _blocks(fields.text("summary"), _bullets(fields.texts("highlights")))


def _rendercv_education(fields: Fields) -> tuple[str, CVEntry]:
    area, degree = fields.text("area").strip(), fields.text("degree").strip()
    values = {
        "degree": f"{degree} in {area}" if degree and area else degree or area,
        "institution": fields.text("institution"),
        "location": fields.text("location"),
        "description": _rendercv_description(fields),
        "url": _url(fields) if "url" in fields else "",
    }
    return "education", _entry("education", values, _rendercv_dates(fields))


def _rendercv_experience(fields: Fields) -> tuple[str, CVEntry]:
    values = {
        "position": fields.text("position"),
        "organisation": fields.text("company"),
        "location": fields.text("location"),
        "description": _rendercv_description(fields),
        "url": _url(fields) if "url" in fields else "",
    }
    return "experience", _entry("experience", values, _rendercv_dates(fields))


def _rendercv_publication(fields: Fields) -> tuple[str, CVEntry]:
    doi = fields.text("doi").strip()
    doi_link = doi_url(doi) if doi else None
    if doi and doi_link is None:
        fields.report(
            "doi", f"'doi' in {fields.what} must be a DOI such as 10.1000/xyz; got \"{doi}\""
        )
    url = doi_link or (_url(fields) if "url" in fields else "")
    title = fields.text("title").strip()
    text = _joined(
        ", ".join(fields.texts("authors")),
        f"*{_linked(title, url)}*" if title else "",
        fields.text("journal"),
        separator=". ",
    )
    values = {"text": text, "description": _rendercv_description(fields), "url": url or ""}
    return "text", _entry("text", values, _rendercv_dates(fields))


def _rendercv_normal(fields: Fields) -> tuple[str, CVEntry]:
    name = fields.text("name").strip()
    url = _url(fields) if "url" in fields else ""
    values = {
        "text": f"**{_linked(name, url)}**" if name else "",
        "location": fields.text("location"),
        "description": _rendercv_description(fields),
        "url": url,
    }
    return "text", _entry("text", values, _rendercv_dates(fields))


def _rendercv_one_line(fields: Fields) -> tuple[str, CVEntry]:
    label, details = fields.text("label").strip(), fields.text("details").strip()
    text = f"**{label}:** {details}" if label and details else label or details
    return "text", _entry("text", {"text": text}, _rendercv_dates(fields))


def _rendercv_plain(key: str) -> Callable[[Fields], tuple[str, CVEntry]]:
    return lambda fields: ("text", _entry("text", {"text": fields.text(key)}, None))


#: (keys that tell an entry type apart, how it is mapped), in RenderCV's order of detection.
_RENDERCV_TYPES: tuple[tuple[frozenset[str], Callable[[Fields], tuple[str, CVEntry]]], ...] = (
    (frozenset({"label", "details"}), _rendercv_one_line),
    (frozenset({"name"}), _rendercv_normal),
    (frozenset({"company", "position"}), _rendercv_experience),
    (frozenset({"institution", "area", "degree"}), _rendercv_education),
    (frozenset({"title", "authors", "doi", "journal"}), _rendercv_publication),
    (frozenset({"bullet"}), _rendercv_plain("bullet")),
    (frozenset({"number"}), _rendercv_plain("number")),
    (frozenset({"reversed_number"}), _rendercv_plain("reversed_number")),
)
_ENTRY_KEYS = ", ".join(sorted({key for keys, _ in _RENDERCV_TYPES for key in keys}))


#: Markdown (a link, emphasis, code), which RenderCV reads in every field, in the fields an
#: education or experience entry shows as plain text.
_MARKDOWN = re.compile(r"\[[^\[\]]+\]\([^()\s]+\)|\*\S|`")
_PLAIN_FIELDS = ("degree", "institution", "position", "organisation")


def _marked_up(entry: CVEntry) -> bool:
    """Whether an entry holds Markdown where its kind shows plain text
    (``institution: '[Workshop](https://...)'``)."""
    return any(_MARKDOWN.search(str(entry.fields.get(name) or "")) for name in _PLAIN_FIELDS)


def _rendercv_items(entries: list) -> Iterator[tuple[list, int, Any]]:
    """The entries of a section with the list and index each comes from; the entries of
    RenderCV subsections (``- title: ...`` with ``entries:``) are flattened into the section."""
    for index, item in enumerate(entries):
        if (
            isinstance(item, Mapping)
            and isinstance(item.get("entries"), list)
            and "title" in item
            and not {"authors", "doi", "journal"} & set(item)
        ):
            yield from _rendercv_items(item["entries"])
        else:
            yield entries, index, item


def _rendercv_section(
    title: str, entries: list, file: str, problems: list[Problem]
) -> tuple[str, list[CVEntry]]:
    """The kind and entries of one RenderCV section. A section that mixes kinds, or has
    Markdown where its kind shows plain text, is a text section, so nothing is shown raw."""
    what = f"an entry of section '{title}'"
    mapped: list[tuple[str, CVEntry]] = []
    for container, index, item in _rendercv_items(entries):
        if item is None:
            continue
        if isinstance(item, (str, int, float)) and not isinstance(item, bool):
            if str(item).strip():
                mapped.append(("text", _entry("text", {"text": str(item)}, None)))
            continue
        if not isinstance(item, Mapping):
            problems.append(
                Problem(file, line_of(container, index), f"{what} must be a mapping or a text")
            )
            continue
        fields = Fields(item, file, what, problems)
        convert = next((convert for keys, convert in _RENDERCV_TYPES if keys & set(item)), None)
        if convert is None:
            fields.report(
                None,
                f"cannot tell which kind of RenderCV entry this is; it needs one of: {_ENTRY_KEYS}",
            )
            continue
        mapped.append(convert(fields))
    kinds = {kind for kind, _ in mapped}
    if len(kinds) == 1 and not any(_marked_up(entry) for _, entry in mapped):
        return kinds.pop(), [entry for _, entry in mapped]
    return "text", [entry if kind == "text" else _as_text(kind, entry) for kind, entry in mapped]


def _rendercv_profile(fields: Fields) -> Profile:
    """The header of a RenderCV file: name, headline, e-mail, website, photo and networks."""
    links: list[Link] = []
    for website in fields.texts("website")[:1]:
        url = _web_url(website)
        if url is None:
            fields.report("website", f"'website' must be an https:// address; got \"{website}\"")
        else:
            links.append(_link("homepage", url))
    networks = fields.mapping.get("social_networks")
    if networks is not None and not isinstance(networks, list):
        fields.report("social_networks", "'social_networks' must be a list of network: username")
        networks = []
    for index, item in enumerate(networks or []):
        if not isinstance(item, Mapping):
            fields.problems.append(
                Problem(
                    fields.file,
                    line_of(networks, index),
                    "each item of 'social_networks' needs 'network' and 'username'",
                )
            )
            continue
        network_fields = Fields(item, fields.file, "a social network", fields.problems)
        network = network_fields.text("network").strip()
        kind = _network_kind(network)
        if kind is None:  # RenderCV knows networks this site has no icon for: left out
            continue
        username = network_fields.text("username").strip()
        url = _profile_url(kind, network_fields.text("url").strip(), username)
        if url is None:
            if username:
                network_fields.report(
                    "username", f'cannot make a {network} link from the username "{username}"'
                )
            continue
        _add_link(links, _link(kind, url))
    return Profile(
        name=fields.text("name"),
        position=fields.text("headline") or fields.text("label"),
        photo=_photo(fields, "photo"),
        emails=_emails(fields, "email"),
        links=links,
        summary=fields.text("summary"),
    )


def load_rendercv(path: Path, file: str) -> Loaded:
    """The profile and CV sections of a RenderCV file (``Jane_Doe_CV.yaml``).

    Only ``cv:`` is read (``design:``, ``locale:`` and ``rendercv_settings:`` are about the
    PDF); each ``sections:`` key becomes a section whose id is the slug of its title.
    """
    value, found = load_yaml_file(path, file)
    problems = list(found)
    try:
        if value is None:
            if not problems:
                problems.append(
                    Problem(file, None, "the file is empty; a RenderCV file starts with cv:")
                )
            return (None, []), problems
        cv = value.get("cv") if isinstance(value, Mapping) else None
        if not isinstance(cv, Mapping):
            where = line_of(value, "cv") if isinstance(value, Mapping) else line_of(value)
            message = (
                "has no 'cv:' mapping; a RenderCV file starts with cv: and then name:, sections:"
            )
            problems.append(Problem(file, where or 1, message))
            return (None, []), problems
        fields = Fields(cv, file, "'cv'", problems)
        profile = _rendercv_profile(fields)
        sections: list[CVSection] = []
        seen: set[str] = set()
        for key, entries in fields.mapping_of("sections").items():
            title = _section_title(str(key).strip())
            if not isinstance(entries, list):
                problems.append(
                    Problem(
                        file,
                        line_of(cv["sections"], key),
                        f"section '{title}' must be a list of entries, each starting with '- '",
                    )
                )
                continue
            kind, mapped = _rendercv_section(title, entries, file, problems)
            section_id = base = _slug(title) or f"section-{len(sections) + 1}"
            number = 1
            while section_id in seen:
                number += 1
                section_id = f"{base}-{number}"
            seen.add(section_id)
            if mapped:
                sections.append(CVSection(id=section_id, title=title, kind=kind, entries=mapped))
        return (profile, sections), _in_line_order(problems)
    except Exception as error:  # never let a data file crash the build
        log.debug("reading %s failed", file, exc_info=True)  # shown by `mkdocs build -v`
        problems.append(Problem(file, None, f"cannot read this RenderCV file: {error}"))
        return (None, []), problems
