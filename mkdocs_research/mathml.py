r"""TeX math in data fields as MathML, written into the page at build time.

Browsers lay out MathML themselves, so a title such as ``$\mathcal{O}(n)$`` needs no script
and no web font. latex2mathml does the conversion; its tree is then copied through an
allow-list of MathML elements and attributes and every text in it is escaped here, because
the converter passes some input through as it is (``\text{<img …>}`` as markup,
``\href{javascript:…}`` as an attribute).

Each formula keeps its source in an ``<annotation encoding="application/x-tex">``, which
browsers do not show: plain-text copies of a page (the search index, feed titles) read the
TeX from there. Math that cannot be converted (unbalanced braces, an unknown command, an
error in the converter) is shown as the TeX source it was written as; :func:`math_problem`
says why, so that the loaders can report it with its file and line.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from functools import lru_cache

__all__ = [
    "MATHML_ATTRIBUTES",
    "MATHML_ELEMENTS",
    "PROSE_MATH",
    "math_as_text",
    "math_characters",
    "math_problem",
    "prose_math",
    "prose_math_problems",
    "shown_as_written",
    "tex_to_mathml",
    "text_with_math",
]

#: Math in Markdown and plain YAML texts, found as pymdownx.arithmatex finds it: ``$…$``
#: only when no space touches the dollars inside and no digit follows (so ``$5 and $6`` is
#: money), ``$$…$$``, ``\(…\)`` and ``\[…\]``. In BibTeX every unescaped ``$`` is math, as
#: in LaTeX (see :mod:`mkdocs_research.latex`).
PROSE_MATH = re.compile(
    r"(?<![\\$])\$\$(?P<block>.+?)(?<!\\)\$\$"
    r"|(?<![\\$])\$(?=[^\s$])(?P<inline>(?:\\.|[^\\$])+?)(?<=\S)\$(?![\d$])"
    r"|\\\((?P<paren>(?:[^\\]|\\(?![()]))+?)\\\)"  # never past another \(: linear
    r"|\\\[(?P<bracket>(?:[^\\]|\\(?![\[\]]))+?)\\\]",
    re.DOTALL,
)

#: Longer formulas are not converted: no title or abstract holds one, and the converter's
#: time and memory grow with its input.
MAX_LENGTH = 2000

#: MathML elements the converter produces that browsers lay out (MathML Core), plus the
#: annotation this module adds. Anything else becomes an ``mrow`` around its children.
MATHML_ELEMENTS = frozenset(
    {
        *("math", "semantics", "annotation", "mrow", "mi", "mn", "mo", "ms", "mtext"),
        *("mspace", "msub", "msup", "msubsup", "munder", "mover", "munderover", "mfrac"),
        *("msqrt", "mroot", "mstyle", "mpadded", "mphantom", "mtable", "mtr", "mtd"),
        *("menclose", "merror", "mmultiscripts", "mprescripts", "none"),
    }
)
#: Presentation attributes; ``href``, ``style``, ``class``, ``id`` and the rest are dropped.
MATHML_ATTRIBUTES = frozenset(
    {
        *("accent", "accentunder", "columnalign", "columnlines", "columnspacing", "rowalign"),
        *("rowlines", "rowspacing", "columnspan", "rowspan", "frame", "framespacing"),
        *("depth", "height", "width", "voffset", "lspace", "rspace", "linethickness"),
        *("displaystyle", "scriptlevel", "fence", "separator", "form", "stretchy"),
        *("symmetric", "largeop", "movablelimits", "minsize", "maxsize", "mathvariant"),
        *("mathsize", "mathcolor", "mathbackground", "notation", "linebreak"),
    }
)
#: Commands that define commands: one line of them can expand into millions of elements.
_DEFINITIONS = re.compile(r"\\(?:def|edef|gdef|xdef|let|(?:re)?newcommand|providecommand)\b")
#: How the converter marks a command it does not know: the command as the text of an
#: ``mi`` (``\foo{x}`` → ``<mi>\foo</mi>``).
_UNKNOWN = re.compile(r"\\[A-Za-z]+")
#: Elements that need a fixed number of children; the converter may build one short
#: (``\frac{1}`` gives a fraction without a denominator).
_ARITY = {
    **dict.fromkeys(("mfrac", "msub", "msup", "mroot", "munder", "mover"), 2),
    **dict.fromkeys(("msubsup", "munderover"), 3),
}
#: Commands the converter shows as another character, and what shows them right: ``\sim``
#: as an identifier ``~`` rather than the operator ``∼`` (ADS titles: ``{\ensuremath{\sim}}``).
_MISREAD = re.compile(r"(?<!\\)\\sim(?![A-Za-z])")
#: The converter writes symbols as character references inside its texts.
_REFERENCE = re.compile(r"&#x([0-9A-Fa-f]{1,6});")
#: What the converter's exceptions mean, for messages a researcher can act on.
_ERRORS = {
    "NoAvailableTokensError": "a command or group lacks what it applies to",
    "MissingSuperScriptOrSubscriptError": "'^' or '_' has nothing after it",
    "DoubleSuperscriptsError": "a double superscript; use braces, as in x^{a^b}",
    "DoubleSubscriptsError": "a double subscript; use braces, as in x_{a_b}",
    "ExtraLeftOrMissingRightError": "\\left and \\right do not pair up",
    "MissingEndError": "an environment lacks its \\end",
    "DenominatorNotFoundError": "a fraction lacks its denominator",
    "NumeratorNotFoundError": "a fraction lacks its numerator",
}
_OURS = re.compile(
    r'<math class="research-math"[^<>]*>'
    r'[^<]*(?:<(?!/?math\b|annotation encoding="application/x-tex">)[^<]*)*'
    r'<annotation encoding="application/x-tex">([^<]*)</annotation></semantics></math>'
)


def tex_to_mathml(tex: str, display: bool = False) -> str | None:
    """A formula as a ``<math>`` element that is safe to insert; ``None`` if it cannot be
    converted (:func:`math_problem` says why). Empty math gives an empty string."""
    return _convert(tex, display)[0]


def math_problem(tex: str) -> str | None:
    """Why a formula cannot be shown as MathML, in words; ``None`` when it can."""
    return _convert(tex, False)[1]


@lru_cache(maxsize=8192)
def _convert(tex: str, display: bool) -> tuple[str | None, str | None]:
    """The MathML of a formula and the problem that kept it from converting (one is ``None``).

    Memoised: the same formula recurs in a title, its page and the feed."""
    if not tex.strip():
        return "", None
    problem = _precheck(tex)
    if problem is None:
        # Imported on the first formula (some 60 ms): most lists have none.
        from latex2mathml.converter import convert_to_element

        try:
            shown = _MISREAD.sub(r"\\thicksim", tex)
            root = convert_to_element(shown, display="block" if display else "inline")
            out: list[str] = []
            problem = _serialise_children(root, out)
            if len(root) != 1:  # <semantics> shows its first child only
                out = ["<mrow>", *out, "</mrow>"]
        except Exception as error:  # the converter's own errors, and its recursion on nesting
            problem = _ERRORS.get(type(error).__name__, "it cannot be read as math")
    if problem is not None:
        return None, problem
    mode = ' display="block"' if display else ""
    return (
        f'<math class="research-math"{mode}><semantics>{"".join(out)}'
        f'<annotation encoding="application/x-tex">{html.escape(tex, quote=False)}'
        "</annotation></semantics></math>",
        None,
    )


def _precheck(tex: str) -> str | None:
    """What the converter would accept silently but show wrongly, or take too long over."""
    if len(tex) > MAX_LENGTH:
        return f"it is longer than {MAX_LENGTH:,} characters"
    if _DEFINITIONS.search(tex):
        return "it defines commands, which data fields cannot do"
    depth = 0
    escaped = False
    for char in tex:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                break
    if depth:
        return "its braces are unbalanced; every '{' needs a '}' (write \\{ for a brace)"
    return None


def _serialise_children(parent: ET.Element, out: list[str]) -> str | None:
    """The children of ``parent`` as MathML text, through the allow-list, into ``out``;
    returns the problem if the converter met a command it does not know."""
    stack: list[tuple[ET.Element, int]] = [(parent, 0)]
    closing: list[str] = []
    while stack:
        element, index = stack.pop()
        if index == len(element):
            if closing and element is not parent:
                out.append(closing.pop())
            if element.tail and element is not parent:
                out.append(_text(element.tail))
            continue
        stack.append((element, index + 1))
        child = element[index]
        tag = child.tag.rsplit("}", 1)[-1]
        text = child.text or ""
        if tag in ("mi", "mo") and (unknown := _UNKNOWN.match(text)):
            return f"{unknown.group()} is not supported in math on this site"
        if len(child) < _ARITY.get(tag, 0):
            return "a command lacks one of its arguments"
        if tag not in MATHML_ELEMENTS or tag in ("math", "semantics", "annotation"):
            tag = "mrow"
        attributes = "".join(
            f' {name}="{html.escape(value)}"'
            for name, value in child.attrib.items()
            if name in MATHML_ATTRIBUTES
        )
        out.append(f"<{tag}{attributes}>{_text(text)}")
        closing.append(f"</{tag}>")
        stack.append((child, 0))
    return None


def _text(text: str) -> str:
    """A text of the converter's tree, escaped: its character references become the
    characters they stand for, and everything else (``<``, ``&``) is escaped."""
    if "&#x" in text:
        text = _REFERENCE.sub(_character, text)
    return html.escape(text, quote=False)


def _character(match: re.Match[str]) -> str:
    code = int(match.group(1), 16)
    return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"


@lru_cache(maxsize=4096)
def text_with_math(text: str) -> str:
    """Plain text from a data file as HTML: its math as MathML, the rest escaped."""
    out: list[str] = []
    end = 0
    for match in PROSE_MATH.finditer(text):
        tex, display = prose_math(match)
        mathml = tex_to_mathml(tex, display)
        out.append(html.escape(text[end : match.start()]))
        out.append(html.escape(match.group()) if mathml is None else mathml)
        end = match.end()
    out.append(html.escape(text[end:]))
    return "".join(out)


def prose_math(match: re.Match[str]) -> tuple[str, bool]:
    """The TeX of a :data:`PROSE_MATH` match, and whether it is display math."""
    for group, display in (("inline", False), ("paren", False), ("block", True)):
        if match.group(group) is not None:
            return match.group(group), display
    return match.group("bracket"), True


def prose_math_problems(text: str) -> list[str]:
    """What keeps the math of a Markdown or plain text from showing, one message a formula."""
    if "$" not in text and "\\" not in text:
        return []
    problems = []
    for match in PROSE_MATH.finditer(text):
        problem = math_problem(prose_math(match)[0])
        if problem is not None:
            problems.append(shown_as_written(match.group(), problem))
    return problems


def shown_as_written(source: str, problem: str) -> str:
    """The message for a formula shown as its source: what it is, and why."""
    quoted = source if len(source) <= 60 else source[:57] + "..."
    return f"the math '{quoted}' is shown as written: {problem}"


#: A formula that is one symbol (``\\beta``, ``\\sim``, ``\\times``): no layout, no spacing.
_ONE_SYMBOL = re.compile(r"(?:<mrow>)*<(mi|mo|mn)(?: [^<>]*)?>([^<]*)</\1>(?:</mrow>)*")


def math_characters(tex: str) -> str | None:
    """The character of a formula that is one symbol (``\\beta`` → β), which plain text (a
    page title, a meta tag, the feed) can show as it is; ``None`` for any other formula,
    whose TeX source plain text shows instead."""
    mathml = tex_to_mathml(tex)
    if not mathml:
        return None
    shown = mathml[mathml.index("<semantics>") + 11 : mathml.index("<annotation ")]
    symbol = _ONE_SYMBOL.fullmatch(shown)
    return html.unescape(symbol.group(2)) if symbol else None


def math_as_text(html_text: str) -> str:
    """HTML with each formula of this module replaced by its (escaped) TeX source: what a
    search index or a plain-text copy should read instead of the MathML's characters."""
    if '<math class="research-math"' not in html_text:
        return html_text
    return _OURS.sub(lambda match: match.group(1), html_text)
