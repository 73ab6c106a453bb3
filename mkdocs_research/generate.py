"""``mkdocs-research generate``: what the plugin adds under MkDocs, written into ``docs/`` for
hosts that run no MkDocs plugins (Zensical).

The stylesheets and script, ``publications.bib``, ``feed.xml``, with ``cv_pdf`` the PDF CV,
and, with ``publication_pages: true``, a Markdown page per publication whose front matter carries its
head tags and names a theme template (``research-publication.html`` in ``theme.custom_dir``)
that puts them into ``<head>``. Material for MkDocs and Zensical both read such overrides.

A manifest beside ``mkdocs.yml`` lists what was written, with a digest of each file, so a
second run rewrites only what changed and removes what is no longer wanted; a file it did not
write, or one edited since, is never touched. The MkDocs plugin reads the manifest too, and
makes those files afresh instead of taking them from ``docs/``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .context import SiteInfo
from .model import Problem
from .options import Options
from .pages import front_matter, page_url
from .research import SCRIPT, STYLESHEETS, Research

MANIFEST = ".mkdocs-research-generated.json"
#: The theme template that puts a publication page's head tags into ``<head>``.
TEMPLATE = "research-publication.html"
_TEMPLATE_SOURCE = """\
{#- Written by mkdocs-research generate: a publication page's Google Scholar, OpenGraph and
    JSON-LD tags (from its front matter) in the page's head. -#}
{% extends "main.html" %}
{% block extrahead %}
{{ super() }}
{{ page.meta.research_head | safe }}
{% endblock %}
"""


@dataclass
class Outcome:
    """What a run did, file by file (paths relative to the folder of ``mkdocs.yml``)."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    #: Files left alone, with the reason: not written by ``generate``, or edited since.
    kept: list[tuple[str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)


def generate(root: Path, config: Mapping[str, Any], options: Options) -> Outcome:
    """Write what the site at ``root`` (its ``mkdocs.yml`` read into ``config``; ``options``
    those of the plugin or extension) needs from us, and remove what is no longer needed."""
    root = root.resolve()
    docs = root / str(config.get("docs_dir") or "docs")
    research = Research(options)
    outcome = Outcome(problems=research.refresh())
    previous = _read_manifest(root)
    wanted = _wanted(research, root, docs, config, outcome, previous)
    manifest = _write(root, wanted, previous, outcome)
    _remove(root, {p: d for p, d in previous.items() if p not in wanted}, outcome)
    _save_manifest(root, manifest)
    outcome.hints = _hints(root, config, research)
    research.finish()
    return outcome


def generated_paths(root: Path, docs: Path) -> list[str]:
    """What the last ``generate`` wrote into ``docs`` (paths relative to it): the MkDocs
    plugin makes these files itself."""
    inside = []
    for path in _read_manifest(root.resolve()):
        target = root.resolve() / path
        if target.is_relative_to(docs.resolve()):
            inside.append(target.relative_to(docs.resolve()).as_posix())
    return inside


def _wanted(
    research: Research,
    root: Path,
    docs: Path,
    config: Mapping[str, Any],
    outcome: Outcome,
    previous: Mapping[str, str],
) -> dict[str, bytes]:
    """Every file this run should leave behind, by path relative to ``root``."""
    theme = config.get("theme")
    language = theme.get("language") if isinstance(theme, Mapping) else None
    site = SiteInfo(
        str(config.get("site_name") or ""),
        str(config.get("site_url") or ""),
        str(language) if language else None,
    )
    directory_urls = bool(config.get("use_directory_urls", True))
    ours = {root / path for path in previous}
    sources = sorted(path for path in docs.rglob("*.md") if path not in ours)
    taken = {page_url(path.relative_to(docs).as_posix(), directory_urls) for path in sources}
    pages, problems = research.publication_pages(taken, directory_urls)
    outcome.problems += problems
    custom_dir = _custom_dir(root, config)
    wanted: dict[str, bytes] = {}

    def want(path: Path, content: str | bytes) -> None:
        data = content.encode() if isinstance(content, str) else content
        wanted[path.relative_to(root).as_posix()] = data

    for page in pages:
        head, found = research.head(page.url, site, page)
        # Zensical resolves relative links against the page's source file.
        html, failed = research.publication_page(page, links_from=page.path)
        outcome.problems += found + failed
        meta = {"research_head": head}
        if custom_dir is not None:
            meta["template"] = TEMPLATE
        # `{` as an entity: no macro or Jinja syntax from data is read back from the page.
        want(docs / page.path, front_matter(page, **meta) + "\n" + html.replace("{", "&#123;"))
    if pages and custom_dir is not None:
        want(custom_dir / TEMPLATE, _TEMPLATE_SOURCE)
    made, problems = research.generated_files(
        site, lambda: [(p.relative_to(docs).as_posix(), p.read_text("utf-8-sig")) for p in sources]
    )
    outcome.problems += problems
    for made_file in made:
        want(docs / made_file.path, made_file.content)
    return wanted


def _write(
    root: Path, wanted: Mapping[str, bytes], previous: Mapping[str, str], outcome: Outcome
) -> dict[str, str]:
    """Write the wanted files that are new or changed; the new manifest."""
    manifest: dict[str, str] = {}
    for path, data in wanted.items():
        target = root / path
        digest = _digest(data)
        if target.exists():
            current = _digest(target.read_bytes())
            if current == digest:
                outcome.unchanged.append(path)
                manifest[path] = digest
                continue
            if previous.get(path) != current:
                why = "edited since generate wrote it" if path in previous else "not ours"
                outcome.kept.append((path, why))
                continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        outcome.written.append(path)
        manifest[path] = digest
    return manifest


def _remove(root: Path, unwanted: Mapping[str, str], outcome: Outcome) -> None:
    """Delete files an earlier run wrote that this one does not want, unless edited since;
    folders left empty go too."""
    for path, digest in unwanted.items():
        target = root / path
        if not target.is_file():
            continue
        if _digest(target.read_bytes()) != digest:
            outcome.kept.append((path, "edited since generate wrote it"))
            continue
        target.unlink()
        outcome.removed.append(path)
        folder = target.parent
        while folder != root and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


def _hints(root: Path, config: Mapping[str, Any], research: Research) -> list[str]:
    """What ``mkdocs.yml`` still needs for the generated files to take effect."""
    hints = []
    extensions = [
        next(iter(e)) if isinstance(e, Mapping) else e
        for e in config.get("markdown_extensions") or []
    ]
    if "mkdocs_research.markdown" not in extensions:
        hints.append("add mkdocs_research.markdown to markdown_extensions to render the macros")
    missing = [
        path
        for path in (*STYLESHEETS, SCRIPT)
        if path not in [str(x) for x in (config.get("extra_css") or [])]
        and path not in [str(x) for x in (config.get("extra_javascript") or [])]
    ]
    if missing:
        hints.append(
            "list the stylesheets in extra_css and the script in extra_javascript: "
            + ", ".join(missing)
        )
    if research.pages:
        if _custom_dir(root, config) is None:
            hints.append(
                "publication pages carry their head tags (Google Scholar, OpenGraph, JSON-LD) "
                "through a theme template: set theme.custom_dir (e.g. overrides) in mkdocs.yml "
                "and run generate again"
            )
        if "nav" not in config and "not_in_nav" not in config:
            hints.append(
                "keep the publication pages out of the navigation: not_in_nav: /publications/"
            )
    return hints


def _custom_dir(root: Path, config: Mapping[str, Any]) -> Path | None:
    theme = config.get("theme")
    if isinstance(theme, Mapping) and theme.get("custom_dir"):
        return root / str(theme["custom_dir"])
    return None


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_manifest(root: Path) -> dict[str, str]:
    """What the last run wrote: path → digest; nothing when there is no (readable) manifest.
    Paths that would leave ``root`` are ignored: the manifest is data, not orders."""
    try:
        files = json.loads((root / MANIFEST).read_text(encoding="utf-8")).get("files", {})
    except (OSError, ValueError, AttributeError):
        return {}
    if not isinstance(files, dict):
        return {}
    return {
        str(path): str(digest)
        for path, digest in files.items()
        if (root / str(path)).resolve().is_relative_to(root)
    }


def _save_manifest(root: Path, files: Mapping[str, str]) -> None:
    path = root / MANIFEST
    if not files:
        path.unlink(missing_ok=True)
        return
    body = {"generator": "mkdocs-research generate", "files": dict(sorted(files.items()))}
    text = json.dumps(body, indent=2) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
