"""Markdown written in data files (a summary, a news item, a job description), made safe.

Data is untrusted, so raw HTML is escaped before Markdown sees it, and links or images whose
URL a browser should not follow lose their URL (a link keeps its text, an image goes).
Images from other sites go too, unless the site allows them (option ``remote_images``): the
data problems say so (:mod:`mkdocs_research.images`). Math (``$…$``, ``\\(…\\)``) becomes
MathML, as in BibTeX fields.

al-folio's BibTeX fields ``award``, ``annotation`` and ``additional_info`` hold Markdown too,
inside a line: :func:`markdown_line` reads them with LaTeX converted like any BibTeX value and
without block structure, so ``* Equal contribution`` stays a star, not a list.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from functools import lru_cache

from markdown import Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from .latex import latex_to_html
from .links import is_remote, safe_url
from .mathml import PROSE_MATH, math_as_text, prose_math, tex_to_mathml

_SINGLE_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.DOTALL)
#: al-folio's data uses ``<br>`` for line breaks; keep them as Markdown hard breaks.
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


class _SafeLinks(Treeprocessor):
    """Drops ``href``/``src`` values that are not http(s), mailto or relative, and images
    from other sites unless ``remote_images``."""

    def __init__(self, md: Markdown, remote_images: bool) -> None:
        super().__init__(md)
        self.remote_images = remote_images

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for index, child in reversed(list(enumerate(parent))):
                if child.tag == "a" and safe_url(child.get("href")) is None:
                    child.attrib.pop("href", None)
                elif child.tag == "img" and not self._shown(child.get("src")):
                    _remove_keeping_tail(parent, index, child)

    def _shown(self, src: str | None) -> bool:
        url = safe_url(src)
        return url is not None and (self.remote_images or not is_remote(url))


class _Math(InlineProcessor):
    """Math as MathML, or as written where it cannot be converted; before Markdown's
    backslash escapes and emphasis, which would take ``\\(`` and ``a_1 b_2`` apart."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(PROSE_MATH.pattern, md)
        self.compiled_re = PROSE_MATH

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[str, int, int]:  # type: ignore[override]
        tex, display = prose_math(m)
        mathml = tex_to_mathml(html.unescape(tex), display)  # the text was escaped for Markdown
        return self.md.htmlStash.store(m.group() if mathml is None else mathml), m.start(), m.end()


def _remove_keeping_tail(parent: etree.Element, index: int, child: etree.Element) -> None:
    """Remove ``child`` but keep the text that follows it."""
    tail = child.tail or ""
    if index > 0:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(child)


class _Converters(dict[bool, Markdown]):
    """One converter for each image policy (local images only, and images from anywhere),
    made when first used: making them is a fifth of the time the package takes to import."""

    def __init__(self, make: Callable[[bool], Markdown]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, remote_images: bool) -> Markdown:
        md = self[remote_images] = self.make(remote_images)
        return md


def _converter(remote_images: bool) -> Markdown:
    md = Markdown(extensions=["sane_lists"], output_format="html")
    md.treeprocessors.register(_SafeLinks(md, remote_images), "research_safe_links", 0)
    md.inlinePatterns.register(_Math(md), "research_math", 185)
    return md


_converters = _Converters(_converter)


#: A list item's marker, the spaces after it, and whether text follows on its line.
_ITEM = re.compile(r"^( *)([-*+]|\d{1,9}[.)])( +|$)", re.M)


def nested_as_written(text: str) -> str:
    """Lists nested as CommonMark (Jekyll, Hugo, Prettier) nests them, under the text of the
    item above (two spaces after ``-``, three after ``1.``), re-indented by fours for
    Python-Markdown, which would otherwise flatten them; and a list right under a line of
    text set apart from it by a blank line, for CommonMark (JSON Resume's themes, Hugo)
    starts a list there, where Python-Markdown would show its markers in the paragraph.
    Other lines are kept."""
    out: list[str] = []
    columns: list[int] = []  # where the text of each open item starts
    listed = False  # an item since the last blank line
    for line in text.split("\n"):
        if not line.strip():
            out.append(line)
            listed = False
            continue
        line = line.expandtabs(4)
        indent = len(line) - len(line.lstrip(" "))
        while columns and indent < columns[-1]:
            columns.pop()
        item = _ITEM.match(line)
        if item and out and not listed and indent < 4 and _interrupts(item, line):
            out.append("")
        if columns:
            shift = indent - columns[-1]
            # Up to three spaces more start the same block; four more start code.
            out.append(" " * (4 * len(columns) + (shift if shift >= 4 else 0)) + line.lstrip(" "))
        else:
            out.append(line)
        if item and indent - (columns[-1] if columns else 0) < 4:
            spaces = len(item.group(3))
            columns.append(item.end(2) + (spaces if 1 <= spaces <= 4 else 1))
            listed = True
    return "\n".join(out)


def _interrupts(item: re.Match[str], line: str) -> bool:
    """Whether an item ends the paragraph above it in CommonMark: one with text, and if
    numbered, numbered 1 (so a line that happens to start with ``2019.`` does not)."""
    marker = item.group(2)
    return bool(line[item.end() :].strip()) and (marker in "-*+" or marker[:-1] == "1")


@lru_cache(maxsize=4096)
def markdown_to_html(text: str, remote_images: bool = False) -> str:
    """Block Markdown (paragraphs, lists, emphasis, links) as safe HTML."""
    if not text.strip():
        return ""
    md = _converters[remote_images]
    md.reset()
    if _ITEM.search(text) is not None:
        text = nested_as_written(text)
    escaped = html.escape(_BR.sub("  \n", text), quote=False)
    try:
        return md.convert(escaped)
    except RecursionError:  # lists nested thousands deep: shown as written
        # (a converter stopped half-way keeps state that reset() leaves, such as the
        # ancestors of the inline processor: later texts would lose their links)
        _converters[remote_images] = _converter(remote_images)
        return f"<p>{escaped}</p>"


_TAG = re.compile(r"<[^<>]+>")


def markdown_to_text(text: str) -> str:
    """What a Markdown text reads as, without markup: for feed titles and the like."""
    return " ".join(html.unescape(_TAG.sub("", math_as_text(markdown_to_html(text)))).split())


@lru_cache(maxsize=16384)
def markdown_inline(text: str, remote_images: bool = False) -> str:
    """A one-paragraph Markdown text without its ``<p>`` wrapper, for use inside a line."""
    block = markdown_to_html(text, remote_images)
    match = _SINGLE_PARAGRAPH.match(block)
    return match.group(1) if match and "<p>" not in match.group(1) else block


def _line_converter(remote_images: bool) -> Markdown:
    """Markdown that reads everything as one paragraph: emphasis, code, links and images,
    but no lists, headings, quotes or code blocks."""
    md = Markdown(output_format="html")
    for name in ("empty", "indent", "code", "hashheader", "setextheader", "hr"):
        md.parser.blockprocessors.deregister(name)
    for name in ("olist", "ulist", "quote", "reference"):
        md.parser.blockprocessors.deregister(name)
    md.treeprocessors.register(_SafeLinks(md, remote_images), "research_safe_links", 0)
    return md


_line_converters = _Converters(_line_converter)
#: A Markdown link's target, set aside while LaTeX is converted (``~`` and ``--`` in URLs).
_TARGET = re.compile(r"\]\(((?:[^()\s]|\([^()\s]*\))*)\)")
#: Math as the LaTeX converter writes it, set aside while Markdown reads the line (``\(``
#: and ``*`` in it are not Markdown).
_MATH = re.compile(r"<math\b[^<]*(?:<(?!/?math\b)[^<]*)*</math>")  # never past a <math
_AUTOLINK = re.compile(r"<(https?://[^<>\s]+)>")
_SET_ASIDE = re.compile("\ue000(\\d+)\ue001")


def split_lines(text: str) -> list[str]:
    """A value cut at its ``<br>`` tags, al-folio's way of breaking a line in a field."""
    return [piece for piece in _BR.split(text) if piece.strip()]


@lru_cache(maxsize=16384)
def markdown_line(text: str, remote_images: bool = False) -> str:
    """A BibTeX value holding Markdown, as HTML for use inside a line; ``<br>`` in it (as
    al-folio users write) is a line break, every other tag is shown as text."""
    return "<br>".join(_line(piece, remote_images) for piece in split_lines(text))


class _SetAside:
    """Pieces of a text replaced by numbered placeholders that no converter touches."""

    def __init__(self) -> None:
        self.pieces: list[str] = []

    def put(self, match: re.Match[str], group: int = 0) -> str:
        self.pieces.append(match.group(group))
        return f"\ue000{len(self.pieces) - 1}\ue001"

    def restore(self, text: str) -> str:
        return _SET_ASIDE.sub(lambda m: self.pieces[int(m.group(1))], text)


def _line(text: str, remote_images: bool) -> str:
    targets, math = _SetAside(), _SetAside()
    text = _TARGET.sub(lambda m: f"]({targets.put(m, 1)})", _AUTOLINK.sub(r"[\1](\1)", text))
    converted = _MATH.sub(math.put, targets.restore(latex_to_html(text)))
    md = _line_converters[remote_images]
    md.reset()
    match = _SINGLE_PARAGRAPH.match(md.convert(converted))
    return math.restore(match.group(1)) if match else ""


_LINK = re.compile(r"\[([^\[\]]+)\]\(\ue000(\d+)\ue001\)")


@lru_cache(maxsize=4096)
def latex_with_links(text: str) -> str:
    """A LaTeX value in which Markdown links (``[code](https://...)``, as ACL Anthology
    abstracts have them) are links; nothing else is read as Markdown, so ``x_1`` and
    ``a*b`` in an abstract stay as written."""
    if "](" not in text:
        return latex_to_html(text)
    targets = _SetAside()
    converted = latex_to_html(_TARGET.sub(lambda m: f"]({targets.put(m, 1)})", text))

    def link(match: re.Match[str]) -> str:
        url = targets.pieces[int(match.group(2))]
        if safe_url(url) is None or "://" not in url:
            return f"{match.group(1)} ({html.escape(url)})"
        return f'<a href="{html.escape(url)}">{match.group(1)}</a>'

    return targets.restore(_LINK.sub(link, converted))
