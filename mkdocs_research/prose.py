"""Markdown written in data files (a summary, a news item, a job description), made safe.

Data is untrusted, so raw HTML is escaped before Markdown sees it, and links or images whose
URL a browser should not follow lose their URL (a link keeps its text, an image goes). Math
(``$…$``, ``\\(…\\)``) becomes MathML, as in BibTeX fields.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from functools import lru_cache

from markdown import Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from .links import safe_url
from .mathml import PROSE_MATH, math_as_text, prose_math, tex_to_mathml

_SINGLE_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.DOTALL)
#: al-folio's data uses ``<br>`` for line breaks; keep them as Markdown hard breaks.
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


class _SafeLinks(Treeprocessor):
    """Drops ``href``/``src`` values that are not http(s), mailto or relative."""

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for index, child in reversed(list(enumerate(parent))):
                if child.tag == "a" and safe_url(child.get("href")) is None:
                    child.attrib.pop("href", None)
                elif child.tag == "img" and safe_url(child.get("src")) is None:
                    _remove_keeping_tail(parent, index, child)


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


def _converter() -> Markdown:
    md = Markdown(extensions=["sane_lists"], output_format="html")
    md.treeprocessors.register(_SafeLinks(md), "research_safe_links", 0)
    md.inlinePatterns.register(_Math(md), "research_math", 185)
    return md


_md = _converter()


@lru_cache(maxsize=4096)
def markdown_to_html(text: str) -> str:
    """Block Markdown (paragraphs, lists, emphasis, links) as safe HTML."""
    if not text.strip():
        return ""
    _md.reset()
    return _md.convert(html.escape(_BR.sub("  \n", text), quote=False))


_TAG = re.compile(r"<[^>]+>")


def markdown_to_text(text: str) -> str:
    """What a Markdown text reads as, without markup: for feed titles and the like."""
    return " ".join(html.unescape(_TAG.sub("", math_as_text(markdown_to_html(text)))).split())


@lru_cache(maxsize=16384)
def markdown_inline(text: str) -> str:
    """A one-paragraph Markdown text without its ``<p>`` wrapper, for use inside a line."""
    block = markdown_to_html(text)
    match = _SINGLE_PARAGRAPH.match(block)
    return match.group(1) if match and "<p>" not in match.group(1) else block
