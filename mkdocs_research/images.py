"""Images from data files that live on other sites.

A photo, a thumbnail or a Markdown image at ``https://…`` would make every visitor's browser
fetch it from that site. Unless the site allows it (option ``remote_images``), the renderer
leaves such images out (:meth:`mkdocs_research.rendering.Renderer.image_url`, the Markdown
converter in :mod:`mkdocs_research.prose`), and the problems found here say so, at the line
where each one is written.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

from .links import is_remote, safe_url
from .model import Problem, Publication
from .prose import markdown_to_html
from .yamlfile import line_of

#: Fields whose value is an image's URL.
IMAGE_FIELDS = frozenset({"photo", "preview", "image"})
#: BibTeX fields written in Markdown (al-folio's reading).
_MARKDOWN_FIELDS = ("additional_info", "annotation")
_IMG_SRC = re.compile(r'<img [^<>]*?src="([^"<>]*)"')  # within one tag: linear


def remote_images(text: str) -> list[str]:
    """The URLs of the images on other sites that a Markdown text shows."""
    if "![" not in text:
        return []
    urls = (html.unescape(src) for src in _IMG_SRC.findall(markdown_to_html(text, True)))
    return [url for url in urls if is_remote(url)]


def _remote_image(field: str, value: Any) -> list[str]:
    """The remote images a field shows: its value if it is an image field, and any in it
    written as Markdown."""
    if not isinstance(value, str):
        return []
    url = safe_url(value) if field in IMAGE_FIELDS else None
    return ([url] if url is not None and is_remote(url) else []) + remote_images(value)


def problem(file: str, line: int | None, field: str, url: str) -> Problem:
    """The problem of one remote image, left out."""
    return Problem(
        file,
        line,
        f"'{field}' shows an image from another site ({url[:80]}), which visitors' browsers "
        "would fetch from there; it is left out. Copy it into docs/ and use its path, "
        "or set remote_images: true",
    )


def yaml_problems(value: Any, file: str) -> list[Problem]:
    """Every remote image in a YAML data file (as read by :func:`load_yaml`), by line."""
    problems: list[Problem] = []

    def visit(container: Any, key: str | int | None, field: str, item: Any) -> None:
        if isinstance(item, dict):
            for name, child in item.items():
                visit(item, name, str(name), child)
        elif isinstance(item, list):
            for index, child in enumerate(item):
                visit(item, index, field, child)
        else:
            line = line_of(container, key) if container is not None else None
            problems.extend(problem(file, line, field, u) for u in _remote_image(field, item))

    visit(None, None, "", value)
    return problems


def bibtex_problems(publications: Iterable[Publication]) -> list[Problem]:
    """Remote thumbnails and Markdown images in BibTeX fields, at their entry's line."""
    return [
        problem(publication.file, publication.line, field, url)
        for publication in publications
        for field in ("preview", *_MARKDOWN_FIELDS)
        for url in _remote_image(field, publication.fields.get(field))
    ]
