"""HTML inside the texts of a Jekyll site, as the Markdown that data files take.

Data files hold Markdown and show raw HTML as text, while Jekyll sites mix HTML into their
Markdown freely (``<a href>``, ``<b>``, ``<br>``, ``<ul><li>``). The common inline and list
elements become their Markdown; other elements lose their tags and keep their text, which is
reported. Markdown and autolinks (``<https://…>``) are left as they are.
"""

from __future__ import annotations

import html
import re

from .plan import Plan

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_INVISIBLE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_ATTRIBUTE = r"""\b{}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"""
_ANCHOR = re.compile(r"<a\b([^>]*)>(.*?)</a\s*>", re.S | re.I)
_IMAGE = re.compile(r"<img\b([^>]*?)/?>", re.I)
#: An element with nothing inside: an icon (``<i class="fa-solid fa-envelope"></i>``), which
#: as Markdown would be stray asterisks.
_EMPTY = re.compile(r"<(i|em|b|strong|span|code)\b[^<>]*>\s*</\1\s*>", re.I)
_ELEMENT = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b(?:[^<>\"']|\"[^\"]*\"|'[^']*')*?/?>")
#: Elements whose tags become Markdown: opening, closing.
_MARKDOWN = {
    "b": ("**", "**"),
    "strong": ("**", "**"),
    "i": ("*", "*"),
    "em": ("*", "*"),
    "code": ("`", "`"),
    "br": ("  \n", ""),
    "p": ("\n\n", "\n\n"),
    "div": ("\n\n", "\n\n"),
    "ul": ("\n\n", "\n\n"),
    "ol": ("\n\n", "\n\n"),
    "li": ("\n- ", ""),
    "hr": ("\n\n", ""),
    **{f"h{level}": ("\n\n**", "**\n\n") for level in range(1, 7)},
}
#: Elements whose tags are dropped without a word: their text reads the same without them.
_SILENT = {"span", "small", "font", "sup", "sub", "u", "center", "abbr", "section", "article"}
_HTML_ELEMENTS = {
    *_MARKDOWN,
    *_SILENT,
    "a",
    "img",
    "table",
    "tr",
    "td",
    "th",
    "tbody",
    "thead",
    "figure",
    "figcaption",
    "iframe",
    "video",
    "audio",
    "source",
    "button",
    "i",
    "blockquote",
    "pre",
    "mark",
    "s",
    "del",
    "ins",
    "nav",
    "header",
    "footer",
    "main",
    "label",
    "input",
    "details",
    "summary",
    "dl",
    "dt",
    "dd",
}


def _attribute(attributes: str, name: str) -> str:
    found = re.search(_ATTRIBUTE.format(name), attributes, re.I)
    return next((group for group in found.groups() if group is not None), "") if found else ""


def html_to_markdown(text: str, source: str, plan: Plan) -> str:
    """``text`` with its HTML as Markdown; dropped elements are reported for ``source``."""
    if "<" not in text and "&" not in text:
        return text.strip()
    text = _INVISIBLE.sub("", _COMMENT.sub("", text))

    def anchor(found: re.Match[str]) -> str:
        href = _attribute(found.group(1), "href")
        inner = found.group(2).strip()
        return f"[{inner}]({href})" if href and inner else inner

    def image(found: re.Match[str]) -> str:
        src = _attribute(found.group(1), "src")
        return f"![{_attribute(found.group(1), 'alt')}]({src})" if src else ""

    dropped: set[str] = set()

    def empty(found: re.Match[str]) -> str:
        dropped.add(found.group(1).lower())
        return ""

    def element(found: re.Match[str]) -> str:
        closing, name = found.group(1), found.group(2).lower()
        if name in _MARKDOWN:
            return _MARKDOWN[name][1 if closing else 0]
        if name in _HTML_ELEMENTS:
            if name not in _SILENT:
                dropped.add(name)
            return ""
        return found.group(0)  # not HTML: an autolink, or a < in prose

    text = _EMPTY.sub(empty, text)
    text = _ELEMENT.sub(element, _IMAGE.sub(image, _ANCHOR.sub(anchor, text)))
    if dropped:
        names = ", ".join(f"<{name}>" for name in sorted(dropped))
        plan.leave(source, f"HTML {names} removed, its text kept")
    lines = [line.rstrip() if not line.endswith("  ") else line for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(line if line.strip() else "" for line in lines))
    return html.unescape(text).strip()


_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def plain_text(markdown: str) -> str:
    """What a short Markdown text reads as, on one line: for fields shown as plain text
    (a position, the site description)."""
    text = _MARKDOWN_LINK.sub(r"\1", markdown).replace("**", "").replace("`", "")
    return " ".join(re.sub(r"(?<!\w)\*|\*(?!\w)", "", text).split())
