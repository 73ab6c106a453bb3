"""``talks.yml``: talks with their date, event, place, type and links, shown newest first."""

from __future__ import annotations

from typing import Any

from .links import safe_url
from .model import Link, Problem, Talk
from .yamlfile import Fields, records

#: field → (kind, label, icon) of the links a talk may carry, in button order; the kind is
#: also the id of the label in other languages.
TALK_LINKS = {
    "url": ("event", "Event page", "homepage"),
    "slides": ("slides", "Slides", "slides"),
    "video": ("video", "Video", "video"),
    "poster": ("poster", "Poster", "poster"),
    "code": ("code", "Code", "code"),
    "paper": ("paper", "Paper", "pdf"),
}
TALK_FIELDS = ("date", "title", "event", "location", "type", "note", *TALK_LINKS)


def _links(fields: Fields) -> list[Link]:
    links = []
    for key, (kind, label, icon) in TALK_LINKS.items():
        value = fields.text(key)
        if not value:
            continue
        url = safe_url(value)
        if url is None:
            fields.report(key, f"'{key}' must be an https:// address or a path; got \"{value}\"")
        else:
            links.append(Link(kind=kind, label=label, url=url, icon=icon))
    return links


def load_talks(value: Any, file: str) -> tuple[list[Talk], list[Problem]]:
    """Talks from ``talks.yml`` (a list, or a mapping with a ``talks:`` list)."""
    problems: list[Problem] = []
    talks = []
    for order, fields in enumerate(records(value, file, "talk", problems, key="talks")):
        fields.check(TALK_FIELDS)
        date = fields.date("date", required=True)
        title = fields.text("title", required=True)
        if date is None or not title:
            continue
        talks.append(
            Talk(
                date=date,
                title=title,
                event=fields.text("event"),
                location=fields.text("location"),
                type=fields.text("type"),
                links=_links(fields),
                note=fields.text("note"),
                order=order,
            )
        )
    return talks, problems
