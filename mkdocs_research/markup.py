"""Markup that publishers' exports leave in BibTeX values: IEEE Xplore's ``<inline-formula>``
with ``<tex-math>``, Crossref's MathML (``<mml:math>``) and JATS or HTML tags (``<italic>``,
``<sub>``, ``<scp>``), and HTML entities (``&amp;``, ``&#215;``).

None of it may reach a visitor as tags. :func:`read_markup` turns it into what the LaTeX
converter understands (``<sub>2</sub>`` → ``\\textsubscript{2}``, a ``<tex-math>`` formula →
its ``$...$``) and sets MathML aside, to be put back afterwards as sanitised MathML in HTML
(only MathML elements and presentation attributes) or as its text elsewhere (page titles,
``citation_title``, the feed, the search index).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from .mathml import MATHML_ATTRIBUTES, MATHML_ELEMENTS

#: A tag of the vocabularies exports use; a value without one (or an entity) is left alone,
#: so ``a < b`` in an abstract stays text.
_KNOWN_TAG = re.compile(
    r"</?(?:mml:|jats:)?(?:math|inline-formula|disp-formula|tex-math|alternatives|"
    r"inline-graphic|graphic|italic|bold|i|b|em|strong|sub|sup|sc|scp|tt|monospace|xref|br|"
    r"p|span|mi|mo|mn|mrow|msub|msup)\b[^<>]*>",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
#: An entity whose ``&`` and ``#`` an export escaped for LaTeX: ``\&\#x223C;`` (Optica's
#: abstracts), ``{\&}copy;`` (Mendeley's).
_ESCAPED_ENTITY = re.compile(
    r"(?:\{\\&\}|\\&)(?:(?:\{\\#\}|\\#)(?P<number>[0-9]{1,7}|[xX][0-9a-fA-F]{1,6})"
    r"|(?P<name>[A-Za-z][A-Za-z0-9]{1,31}));"
)
_FORMULA = re.compile(
    r"<(?:mml:|jats:)?(?P<tag>inline-formula|disp-formula)\b[^<>]*>(?P<body>.*?)"
    r"</(?:mml:|jats:)?(?P=tag)\s*>",
    re.IGNORECASE | re.DOTALL,
)
#: (The content of an element runs to its closing tag but never past another of its opening
#: tags, so that a text full of unclosed ones is read once, not once for each of them.)
_TEX_MATH = re.compile(
    r"<(?:mml:|jats:)?tex-math\b[^<>]*>"
    r"(?P<tex>[^<]*(?:<(?!/?(?:mml:|jats:)?tex-math\b)[^<]*)*)"
    r"</(?:mml:|jats:)?tex-math\s*>",
    re.IGNORECASE,
)
_MATHML = re.compile(
    r"<(?P<prefix>[A-Za-z]+:)?math\b[^<>]*>[^<]*(?:<(?!/?(?:[A-Za-z]+:)?math\b)[^<]*)*"
    r"</(?P=prefix)?math\s*>",
    re.IGNORECASE,
)
#: Whole elements whose content is not to be read: citation markers and image alternatives.
_DROPPED = re.compile(
    r"(?<!\s)\s*<(?:jats:)?(?P<tag>xref|inline-graphic|graphic)\b[^<>]*?"
    r"(?:/>|>[^<]*(?:<(?!/?(?:jats:)?(?:xref|inline-graphic|graphic)\b)[^<]*)*"
    r"</(?:jats:)?(?P=tag)\s*>)",
    re.IGNORECASE,
)
_WRAPS = {
    "i": "textit",
    "italic": "textit",
    "em": "textit",
    "b": "textbf",
    "bold": "textbf",
    "strong": "textbf",
    "sub": "textsubscript",
    "sup": "textsuperscript",
    "sc": "textsc",
    "scp": "textsc",
    "tt": "texttt",
    "monospace": "texttt",
}
_WRAP = re.compile(
    r"<(?:jats:)?(?P<tag>"
    + "|".join(_WRAPS)
    + r")\b[^<>]*>(?P<body>[^<>]*)</(?:jats:)?(?P=tag)\s*>",
    re.IGNORECASE,
)
#: Any other tag of these vocabularies: dropped, its text kept. A tag with a namespace
#: prefix (``<jats:title>``) counts too; ``<SEG>`` in a title about tokens does not.
_OTHER_TAG = re.compile(
    r"</?(?:[A-Za-z][\w.-]*:[\w.-]+|a|abbr|b|br|cite|code|del|div|em|font|i|ins|kbd|mark|p|q|s|"
    r"small|span|strike|strong|sub|sup|u|tt|var|italic|bold|sc|scp|monospace|underline|"
    r"overline|roman|sans-serif|named-content|styled-content|inline-formula|disp-formula|"
    r"tex-math|alternatives|ext-link|uri|label|caption|title|list|list-item|break|m[a-z]+)"
    r"(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
#: ``\$...\$`` (Zotero) or ``{\$}...{\$}`` (Mendeley, which also writes ``\`` as
#: ``\backslash``, ``_`` as ``{\_}`` and braces as ``{\{}``, ``{\}}`` inside).
_ESCAPED_MATH = re.compile(r"(?:\{\\\$\}|\\\$)((?:(?!\\\$)[^$\n])+?)(?:\{\\\$\}|\\\$)")
_MENDELEY_ESCAPE = re.compile(r"\\backslash(?=[A-Za-z])|\{\\([_{}])\}|\{\\\^\{\}\}")
#: What only math has: a sub- or superscript, or a math command (``\\mathrm``, ``\\alpha``);
#: not ``\\_`` or ``\\textasciicircum``, with which tools write a literal ``$x^2$``.
_MATH_SIGNS = re.compile(r"(?<!\\)[\^_]|\\(?!text)[A-Za-z]")
#: Styles of whole words, which Crossref titles sometimes glue to the words around them.
_WORD_STYLES = frozenset({"textit", "textbf"})
_GLUED_MATHML = re.compile(r"(?<=[a-z])(?=<(?:[A-Za-z]+:)?math\b)")
_DELIMITERS = re.compile(r"^\s*(?:\$\$?|\\[(\[])|(?:\$\$?|\\[)\]])\s*$")
_ISLAND = re.compile("\ue002(\\d+)\ue003")

#: The MathML elements kept in a page (as for TeX math, :mod:`mkdocs_research.mathml`);
#: anything else is dropped with its text kept, and annotations are dropped whole.
_KEPT = MATHML_ELEMENTS - {"annotation"}
#: The root of every formula, as :mod:`mkdocs_research.mathml` writes it (inline, styled
#: like the site's other math).
_MATH_ROOT = '<math class="research-math">'
_HIDDEN = frozenset({"annotation", "annotation-xml"})
_VOID = frozenset({"mspace", "mprescripts", "none"})


@dataclass(frozen=True)
class Marked:
    """A value with its markup read: LaTeX ``source`` in which each MathML formula is a
    placeholder, and the formulas as HTML and as text."""

    source: str
    formulas: tuple[tuple[str, str], ...]

    def fill(self, converted: str, as_html: bool) -> str:
        """The converted source with each placeholder replaced by its formula."""
        return _ISLAND.sub(lambda m: self.formulas[int(m.group(1))][0 if as_html else 1], converted)


def read_markup(text: str) -> Marked | None:
    """``text`` with its export markup read, or ``None`` if it holds none (the usual case).

    Entities are decoded after the tags are read, so ``&lt;script&gt;`` stays text; tags that
    were escaped twice (``&lt;i&gt;``, as some Crossref records have them) are read then.
    Zotero writes the ``$`` of math in a plain-text abstract as ``\\$``: a pair around
    something that can only be math (``\\${\\mathrm{m}}^{2}\\$``) is math again; an
    entity escaped for LaTeX (``\\&\\#x00D7;``) is an entity again.
    """
    if "\\$" in text and (unescaped := _ESCAPED_MATH.sub(_math_again, text)) != text:
        return read_markup(unescaped) or Marked(unescaped, ())
    if "\\&" in text and (unescaped := _ESCAPED_ENTITY.sub(_entity_again, text)) != text:
        return read_markup(unescaped) or Marked(unescaped, ())
    tagged = _KNOWN_TAG.search(text) is not None
    if not tagged and _ENTITY.search(text) is None:
        return None
    formulas: list[tuple[str, str]] = []
    if tagged:
        text = _read_tags(text, formulas)
    decoded = _ENTITY.sub(lambda m: html.unescape(m.group()), text)
    if decoded != text and _KNOWN_TAG.search(decoded):
        decoded = _read_tags(decoded, formulas)
    return Marked(decoded, tuple(formulas))


def _entity_again(match: re.Match[str]) -> str:
    """The entity unescaped if it is one (``Q\\&As;`` stays as it is)."""
    number, name = match["number"], match["name"]
    entity = f"&#{number};" if number else f"&{name};"
    return entity if html.unescape(entity) != entity else match.group()


def _math_again(match: re.Match[str]) -> str:
    formula = _MENDELEY_ESCAPE.sub(_unescaped, match.group(1))
    return f"${formula}$" if _MATH_SIGNS.search(formula) else match.group()


def _unescaped(match: re.Match[str]) -> str:
    return "\\" if match.group().startswith("\\b") else match.group(1) or "^"


def _read_tags(text: str, formulas: list[tuple[str, str]]) -> str:
    """Formulas as ``$...$`` or placeholders (MathML, added to ``formulas``), formatting
    tags as LaTeX commands, citation markers and image alternatives dropped."""

    def formula(mathml: str) -> str:
        formulas.append(_sanitised(mathml))
        return f"\ue002{len(formulas) - 1}\ue003"

    def tex(latex: str) -> str:
        """A formula inside a sentence is inline math, whatever delimiters it came with."""
        return f"${_DELIMITERS.sub('', html.unescape(latex)).strip()}$"

    def one_formula(match: re.Match[str]) -> str:
        body = match.group("body")
        if found := _TEX_MATH.search(body):
            return tex(found.group("tex"))
        if found := _MATHML.search(body):
            return formula(found.group())
        return _OTHER_TAG.sub("", body)

    def wrap(match: re.Match[str]) -> str:
        command = _WRAPS[match["tag"].lower()]
        wrapped = f"\\{command}{{{match['body']}}}"
        if command in _WORD_STYLES:  # lost spaces: "for<i>ab initio</i>total" (Crossref)
            source = match.string
            before, after = source[match.start() - 1 : match.start()], source[match.end() :][:1]
            space_before, space_after = " " * before.islower(), " " * after.islower()
            wrapped = space_before + wrapped + space_after
        return wrapped

    text = _FORMULA.sub(one_formula, text)
    text = _TEX_MATH.sub(lambda m: tex(m.group("tex")), text)
    text = _GLUED_MATHML.sub(" ", text)  # "Amorphization of<mml:math>" lost its space
    text = _MATHML.sub(lambda m: formula(m.group()), text)
    text = _DROPPED.sub("", text)
    previous = None
    while previous != text:  # nested wraps, innermost first: <b><i>x</i></b>
        previous = text
        text = _WRAP.sub(wrap, text)
    return _OTHER_TAG.sub(" ", text)


class _MathML(HTMLParser):
    """Rebuilds one MathML formula from its allowed elements and attributes only."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.text: list[str] = []
        self.open: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        name = tag.rsplit(":", 1)[-1]
        if name in _HIDDEN:
            self.hidden += 1
            return
        if self.hidden or name not in _KEPT or (name == "math" and self.open):
            return
        kept = "".join(
            f' {key}="{html.escape(value or "", quote=True)}"'
            for key, value in attrs
            if key in MATHML_ATTRIBUTES
        )
        self.out.append(_MATH_ROOT if name == "math" else f"<{name}{kept}>")
        if name in _VOID:
            self.out.append(f"</{name}>")
        else:
            self.open.append(name)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        name = tag.rsplit(":", 1)[-1]
        if self.open and self.open[-1] == name and name not in _VOID:
            self.out.append(f"</{self.open.pop()}>")

    def handle_endtag(self, tag: str) -> None:
        name = tag.rsplit(":", 1)[-1]
        if name in _HIDDEN:
            self.hidden = max(self.hidden - 1, 0)
            return
        if self.hidden or name not in self.open:
            return
        while self.open:
            closing = self.open.pop()
            self.out.append(f"</{closing}>")
            if closing == name:
                break

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.out.append(html.escape(data, quote=False))
            if data.strip():  # whitespace between elements is layout, not content
                self.text.append(data)


def _sanitised(mathml: str) -> tuple[str, str]:
    """A MathML formula as safe inline MathML, and as the text it reads as."""
    parser = _MathML()
    parser.feed(mathml)
    parser.close()
    closing = "".join(f"</{name}>" for name in reversed(parser.open))
    body = "".join(parser.out) + closing
    if not body.startswith("<math"):
        body = f"{_MATH_ROOT}{body}</math>"
    text = " ".join("".join(parser.text).split())
    # Spaces between elements are layout, not content: drop those the parser kept.
    return re.sub(r">\s+<", "><", body), text
