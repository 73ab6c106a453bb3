"""``citations.yml``: citation counts fetched by ``mkdocs-research citations``, read by builds.

The file is data like any other: counts are never fetched at build time. It holds the date
and source of the counts, the profile's totals and one count per citekey::

    as_of: 2026-11-30
    source: openalex
    profile: {citations: 2431, h_index: 18, i10_index: 24}
    publications:            # citekey: count
      quill2024tracing: 57
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from .dates import parse_date
from .model import Citations, Problem, Profile
from .profile import METRICS
from .yamlfile import Fields, line_of

FIELDS = ("as_of", "source", "profile", "publications")
#: Sources the ``source`` field may name, and how visitors read them.
SOURCES = {"openalex": "OpenAlex"}
_PLAIN_KEY = re.compile(r"^[A-Za-z_][\w.+/-]*$")
_YAML_WORDS = frozenset({"yes", "no", "on", "off", "true", "false", "null", "y", "n"})


def load_citations(value: Any, file: str) -> tuple[Citations, list[Problem]]:
    """The counts in ``citations.yml`` (already read as YAML), with their problems."""
    problems: list[Problem] = []
    if value is None:
        return Citations(), problems
    if not isinstance(value, Mapping):
        message = "must be a mapping: as_of, source, profile and publications; run mkdocs-research citations to write it"
        return Citations(), [Problem(file, line_of(value), message)]
    fields = Fields(value, file, "citations.yml", problems)
    fields.check(FIELDS)
    as_of = str(value["as_of"]) if fields.date("as_of") else ""
    source = fields.text("source")
    if source and source not in SOURCES:
        fields.report("source", f"unknown source '{source}'; expected one of: {', '.join(SOURCES)}")
    profile = fields.mapping_of("profile")
    Fields(profile, file, "the profile totals", problems).check(METRICS)
    publications = fields.mapping_of("publications")
    return Citations(
        as_of=as_of,
        source=source,
        profile=_counts(profile, METRICS, file, problems),
        publications=_counts(publications, None, file, problems),
    ), problems


def _counts(
    mapping: Mapping, allowed: Iterable[str] | None, file: str, problems: list[Problem]
) -> dict[str, int]:
    """The whole, non-negative numbers of a mapping; anything else is a problem at its line."""
    counts: dict[str, int] = {}
    for key, count in mapping.items():
        if allowed is not None and key not in allowed:
            continue
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            problems.append(
                Problem(
                    file,
                    line_of(mapping, key),
                    f"the count of '{key}' must be a whole number such as 12; got {count!r}",
                )
            )
            continue
        counts[str(key)] = count
    return counts


def format_citations(citations: Citations) -> str:
    """The file's text, in the documented layout."""
    profile = ", ".join(f"{k}: {citations.profile[k]}" for k in METRICS if k in citations.profile)
    lines = [
        "# Written by `mkdocs-research citations`: run it again to update the counts.",
        f"as_of: {citations.as_of}",
        f"source: {citations.source}",
        f"profile: {{{profile}}}",
        "publications:            # citekey: count"
        if citations.publications
        else "publications: {}",
    ]
    lines += [f"  {_key(key)}: {count}" for key, count in citations.publications.items()]
    return "\n".join(lines) + "\n"


def _key(key: str) -> str:
    """A citekey as a YAML key: plain where YAML reads it back as the same text."""
    if _PLAIN_KEY.match(key) and key.lower() not in _YAML_WORDS:
        return key
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


def h_index(counts: Iterable[int]) -> int:
    """The largest h such that h papers have at least h citations each."""
    ordered = sorted(counts, reverse=True)
    return sum(1 for rank, count in enumerate(ordered, start=1) if count >= rank)


def with_citation_metrics(profile: Profile, citations: Citations) -> Profile:
    """The profile showing the totals of ``citations.yml``, unless ``profile.yml`` gives its
    own metrics (hand-copied ones win)."""
    if profile.metrics or not citations.profile:
        return profile
    metrics = {key: str(value) for key, value in citations.profile.items()}
    metrics["as_of"] = str(parse_date(citations.as_of)) if citations.as_of else ""
    metrics["source"] = SOURCES.get(citations.source, citations.source)
    return replace(profile, metrics=metrics)
