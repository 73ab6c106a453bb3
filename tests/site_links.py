"""Every local link and image of a built site, checked against the files the build wrote."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Comment

#: (element, attribute) pairs that point at another file of the site.
_REFERENCES = (
    ("a", "href"),
    ("img", "src"),
    ("link", "href"),
    ("script", "src"),
    ("source", "src"),
)


def local_references(site_dir: Path) -> list[tuple[str, str]]:
    """(page, address) of every link and image in the built HTML that stays in the site."""
    found = []
    for page in sorted(site_dir.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for name, attribute in _REFERENCES:
            for element in soup.find_all(name):
                address = element.get(attribute)
                parts = urlsplit(address or "")
                if address and not parts.scheme and not parts.netloc and parts.path:
                    found.append((page.relative_to(site_dir).as_posix(), address))
    return found


def broken_references(site_dir: Path) -> list[str]:
    """``page: address`` for each local link or image whose file the build did not write.
    MkDocs' ``404.html`` is left out: it is served at any depth, so it links from the root."""
    broken = []
    for page, address in local_references(site_dir):
        if page == "404.html":
            continue
        path = unquote(urlsplit(address).path)
        if path.startswith("/"):
            broken.append(f"{page}: {address} (a root-absolute address breaks under a subpath)")
            continue
        target = site_dir / posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            broken.append(f"{page}: {address}")
    return broken


#: What must never reach a visitor as text: Liquid, Markdown and HTML left unconverted.
LEFTOVERS = ("{%", "%}", "{{", "}}", "](", "**", "<a ", "<br", "</", "&lt;", "&amp;", "&quot;")


def leftover_markup(site_dir: Path) -> list[str]:
    """``page: text`` for each piece of visible text (outside code and math) of the built
    pages that still holds Liquid, Markdown or HTML syntax."""
    found = []
    for page in sorted(site_dir.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        article = soup.find("article") or soup.body
        if article is None:
            continue
        for hidden in article.find_all(["code", "pre", "script", "style", "math"]):
            hidden.decompose()
        for math in article.select(".arithmatex"):  # TeX source, drawn as math
            math.decompose()
        for text in article.find_all(string=True):
            if not isinstance(text, Comment) and any(mark in text for mark in LEFTOVERS):
                found.append(f"{page.relative_to(site_dir).as_posix()}: {text.strip()[:80]}")
    return found
