"""``profile.yml``: name, position, affiliation, photo, contact, profile links and metrics.

Profile links may be full URLs or the bare identifiers researchers copy from each service
(an ORCID iD, a GitHub user name, a Google Scholar user id); both become links.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

from .links import safe_url
from .model import Link, Problem, Profile
from .yamlfile import Fields

FIELDS = (
    "name",
    "aliases",
    "position",
    "affiliation",
    "photo",
    "email",
    "emails",
    "links",
    "summary",
    "metrics",
)
#: Metrics, in the order shown; each is also the id of its label.
METRICS = ("citations", "h_index", "i10_index")
METRIC_FIELDS = (*METRICS, "as_of")

_ID = re.compile(r"^[\w.@-]+(?:/[\w.-]+)*$")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_MASTODON = re.compile(r"^@?([\w.]+)@([\w.-]+\.[a-z]{2,})$", re.IGNORECASE)
_DOMAIN = re.compile(r"^[\w-]+(\.[\w-]+)+(/\S*)?$")


def _template(pattern: str) -> Callable[[str], str | None]:
    """A link from a bare identifier, e.g. a GitHub user name → its profile URL."""
    return lambda value: pattern.format(value.lstrip("@")) if _ID.match(value) else None


#: kind → (label, icon, how a bare identifier becomes a URL)
LINK_KINDS: dict[str, tuple[str, str, Callable[[str], str | None]]] = {
    "homepage": ("Homepage", "homepage", lambda v: None),
    "scholar": (
        "Google Scholar",
        "scholar",
        _template("https://scholar.google.com/citations?user={}"),
    ),
    "orcid": ("ORCID", "orcid", _template("https://orcid.org/{}")),
    "dblp": ("dblp", "dblp", _template("https://dblp.org/pid/{}")),
    "semantic_scholar": (
        "Semantic Scholar",
        "semanticscholar",
        _template("https://www.semanticscholar.org/author/{}"),
    ),
    "github": ("GitHub", "github", _template("https://github.com/{}")),
    "x": ("X", "x", _template("https://x.com/{}")),
    "twitter": ("Twitter", "twitter", _template("https://twitter.com/{}")),
    "bluesky": ("Bluesky", "bluesky", _template("https://bsky.app/profile/{}")),
    "mastodon": ("Mastodon", "mastodon", lambda v: None),
    "linkedin": ("LinkedIn", "linkedin", _template("https://www.linkedin.com/in/{}")),
    "researchgate": (
        "ResearchGate",
        "researchgate",
        _template("https://www.researchgate.net/profile/{}"),
    ),
    "cv": ("CV", "cv", lambda v: None),
    "calendar": ("Calendar", "calendar", lambda v: None),
}


#: How the header groups the links, in this order: ways to reach the researcher, scholarly
#: profiles, then social networks (shown as icons).
LINK_GROUPS = {
    "contact": ("homepage", "cv", "calendar"),
    "scholarly": ("scholar", "orcid", "dblp", "semantic_scholar", "researchgate", "github"),
    # "other": a network without an icon here, as JSON Resume profiles may name (SoundCloud)
    "social": ("x", "twitter", "bluesky", "mastodon", "linkedin", "other"),
}


def link_groups(profile: Profile) -> list[tuple[str, list[Link]]]:
    """The profile's e-mail addresses and links by :data:`LINK_GROUPS`, empty groups left
    out, each group in the file's order. X and Twitter are one network: with both, X shows."""
    kinds = {link.kind for link in profile.links}
    emails = [Link("email", email, f"mailto:{email}", "email") for email in profile.emails]
    groups = []
    for group, members in LINK_GROUPS.items():
        links = [
            link
            for link in profile.links
            if link.kind in members and not (link.kind == "twitter" and "x" in kinds)
        ]
        if group == "contact":
            links = emails + links
        if links:
            groups.append((group, links))
    return groups


def link_for(kind: str, value: str) -> str | None:
    """The URL of a profile link: the value itself if it is a safe URL, else built from a
    bare identifier."""
    value = value.strip()
    if _SCHEME.match(value) or value.startswith(("/", "./", "../")):
        return safe_url(value)
    if kind == "mastodon" and (handle := _MASTODON.match(value)):
        return f"https://{handle.group(2)}/@{handle.group(1)}"
    if kind == "homepage" and _DOMAIN.match(value):
        return f"https://{value}"
    return LINK_KINDS[kind][2](value) or safe_url(value)


def load_profile(value: Any, file: str) -> tuple[Profile, list[Problem]]:
    """The profile in ``profile.yml`` (already read as YAML), with its problems."""
    problems: list[Problem] = []
    if value is None:
        return Profile(), problems
    if not isinstance(value, dict):
        return Profile(), [
            Problem(file, None, "must be a mapping of field: value (name: ..., position: ...)")
        ]
    fields = Fields(value, file, "profile.yml", problems)
    fields.check(FIELDS)
    links: list[Link] = []
    link_values = fields.mapping_of("links")
    link_fields = Fields(link_values, file, "the profile links", problems)
    link_fields.check(LINK_KINDS)
    for kind in link_values:
        if kind not in LINK_KINDS:
            continue
        text = link_fields.text(kind)
        url = link_for(kind, text) if text else None
        if text and url is None:
            link_fields.report(
                kind, f"'{kind}' is not a link this site can show; use an https:// address"
            )
        elif url:
            label, icon, _ = LINK_KINDS[kind]
            links.append(Link(kind=kind, label=label, url=url, icon=icon))
    metric_fields = Fields(fields.mapping_of("metrics"), file, "the metrics", problems)
    metric_fields.check(METRIC_FIELDS)
    metrics = {key: metric_fields.text(key) for key in METRIC_FIELDS if key in metric_fields}
    if "as_of" in metrics:
        as_of = metric_fields.date("as_of")
        metrics["as_of"] = str(as_of) if as_of else ""
    emails = fields.texts("emails") + fields.texts("email")
    for email in emails:
        if "@" not in email or safe_url(f"mailto:{email}") is None:
            fields.report(
                "email" if "email" in fields else "emails", f"'{email}' is not an e-mail address"
            )
    photo = fields.text("photo")
    if photo and safe_url(photo) is None:
        fields.report("photo", "'photo' must be a path in docs/ or an https:// address")
        photo = ""
    profile = Profile(
        name=fields.text("name", required=True),
        aliases=fields.texts("aliases"),
        position=fields.text("position"),
        affiliation=fields.text("affiliation"),
        photo=photo,
        emails=[e for e in emails if "@" in e],
        links=links,
        summary=fields.text("summary"),
        metrics=metrics,
    )
    return profile, problems


def with_cv_link(profile: Profile, url: str) -> Profile:
    """The profile with a CV link to ``url`` (the PDF CV a build writes), unless
    ``profile.yml`` names a CV of its own."""
    if any(link.kind == "cv" for link in profile.links):
        return profile
    label, icon, _ = LINK_KINDS["cv"]
    return dataclasses.replace(profile, links=[*profile.links, Link("cv", label, url, icon)])
