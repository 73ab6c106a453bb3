"""Typst source from data: text escaped so that it always reads literally, the HTML the other
converters make (emphasis, links, superscripts, math) as Typst markup, and TeX math as Typst
math.

Data is untrusted and Typst markup is a programming language (``#import``, ``#read(...)``), so
every ASCII symbol Typst gives a meaning to is escaped with a backslash, in markup and in math.
The only Typst this module writes itself is a fixed set of calls (``#emph[...]``,
``#link("...")[...]``, ``frac(...)``, ...) around escaped text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

__all__ = ["TypstMarkup", "escape", "html_to_typst", "string", "tex_to_typst"]


class TypstMarkup(str):
    """Typst source that is safe to insert as it is (the way ``Markup`` is for HTML)."""


#: Characters with a meaning in Typst markup, wherever they stand: code, math, emphasis,
#: raw, labels and references, content brackets, escapes, comments, shorthands (``~``,
#: ``--``, ``...``), smart quotes, headings and lists at a line start, and the ``.`` and ``(``
#: that would continue a preceding ``#call``.
_MARKUP_SPECIAL = re.compile(r"([\\#$*_`<>@\[\]/~\-+='\".(])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACE = re.compile(r"\s+")
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


def escape(text: object) -> TypstMarkup:
    """``text`` as Typst markup that prints exactly that text, on one line."""
    plain = _CONTROL.sub("", _SPACE.sub(" ", str(text)))
    return TypstMarkup(_MARKUP_SPECIAL.sub(r"\\\1", plain))


def string(text: object) -> TypstMarkup:
    """``text`` as a Typst string literal, quotes included, for code (``#link("...")``)."""
    body = str(text).replace("\\", "\\\\").replace('"', '\\"')
    body = body.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return TypstMarkup('"' + _CONTROL.sub("", body) + '"')


def link_target(url: str, base_url: str = "") -> str | None:
    """The URL a PDF link can point at: http(s) and mailto as they are, a site-relative path
    against ``base_url`` (the site's address) when there is one; anything else: no link."""
    url = url.strip()
    scheme = urlsplit(url).scheme.lower()
    if scheme:
        return url if scheme in _SAFE_SCHEMES else None
    if url.startswith("//"):
        return None
    if base_url:
        return urljoin(base_url, url)
    return url or None


def link(url: str, body: str, base_url: str = "") -> TypstMarkup:
    """``body`` (Typst markup) as a link to ``url``, or just ``body`` if the URL cannot be one."""
    target = link_target(url, base_url)
    if target is None:
        return TypstMarkup(body)
    return TypstMarkup(f"#link({string(target)})[{body}]")


# HTML → Typst -------------------------------------------------------------------------------

#: Inline tags and the Typst function that wraps their content.
_WRAPPERS = {
    "em": "emph",
    "i": "emph",
    "cite": "emph",
    "strong": "strong",
    "b": "strong",
    "sup": "super",
    "sub": "sub",
    "u": "underline",
    "ins": "underline",
    "del": "strike",
    "s": "strike",
}
_VOID = frozenset({"br", "hr", "img", "wbr", "input", "meta", "link", "source"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class _Frame:
    """An open HTML element: its tag and attributes, the Typst of its children so far, and
    their plain text (for code and math, which are not markup)."""

    __slots__ = ("attrs", "items", "parts", "tag", "tex", "text")

    def __init__(self, tag: str, attrs: dict[str, str]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parts: list[str] = []
        self.text: list[str] = []
        #: The items of a list, each as a Typst content block.
        self.items: list[str] = []
        #: The TeX source of a MathML formula, from its annotation.
        self.tex: str | None = None


class _HtmlToTypst(HTMLParser):
    def __init__(self, base_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base_url = base_url
        self.stack = [_Frame("", {})]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in _VOID:
            self._emit(self._void(tag), "")
        else:
            self.stack.append(_Frame(tag, values))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if all(frame.tag != tag for frame in self.stack[1:]):
            return  # a stray end tag
        while True:
            frame = self.stack.pop()
            self._close(frame)
            if frame.tag == tag:
                return

    def handle_data(self, data: str) -> None:
        frame = self.stack[-1]
        if frame.tag in ("ul", "ol") and not data.strip():
            return
        self._emit(escape(data), data)

    def result(self) -> str:
        while len(self.stack) > 1:
            self._close(self.stack.pop())
        return "".join(self.stack[0].parts).strip()

    def _emit(self, typst: str, text: str) -> None:
        frame = self.stack[-1]
        frame.parts.append(typst)
        frame.text.append(text)

    @staticmethod
    def _void(tag: str) -> str:
        if tag == "br":
            return "#linebreak()"
        if tag == "hr":
            return "\n\n#line(length: 100%, stroke: 0.4pt)\n\n"
        return ""

    def _close(self, frame: _Frame) -> None:
        """Wrap a finished element's content in the Typst that means the same."""
        tag, content, text = frame.tag, "".join(frame.parts).strip(), "".join(frame.text)
        if tag == "annotation" and "tex" in frame.attrs.get("encoding", "").lower():
            math = next((f for f in reversed(self.stack) if f.tag == "math"), None)
            if math is not None:
                math.tex = text
            return
        if tag == "math":
            tex = frame.tex or frame.attrs.get("alttext")
            display = frame.attrs.get("display") == "block"
            self._emit(tex_to_typst(tex, display) if tex else escape(text.strip()), text)
            return
        classes = frame.attrs.get("class", "").split()
        if "arithmatex" in classes:
            tex = text.strip()
            display = tex.startswith("\\[")
            if tex[:2] in ("\\(", "\\[") and tex[-2:] in ("\\)", "\\]"):
                tex = tex[2:-2]
            self._emit(tex_to_typst(tex, display), text)
            return
        if tag == "li" and self.stack[-1].tag in ("ul", "ol"):
            self.stack[-1].items.append(f"[{content}]")
            return
        self._emit(self._wrap(frame, classes, content, text), text)

    def _wrap(self, frame: _Frame, classes: list[str], content: str, text: str) -> str:
        tag, attrs = frame.tag, frame.attrs
        if tag in _WRAPPERS:
            return f"#{_WRAPPERS[tag]}[{content}]" if content else ""
        if tag == "span" and "research-sc" in classes:
            return f"#smallcaps[{content}]"
        if tag == "a":
            return link(attrs.get("href", ""), content, self.base_url) if content else ""
        if tag == "code":
            return f"#raw({string(text)})"
        if tag == "pre":
            return f"\n\n#raw(block: true, {string(text.strip(chr(10)))})\n\n"
        if tag in ("ul", "ol"):
            function = "enum" if tag == "ol" else "list"
            items = ", ".join(frame.items)
            return f"\n\n#{function}({items})\n\n" if items else ""
        if tag == "blockquote":
            return f"\n\n#quote(block: true)[{content}]\n\n"
        if tag in _HEADINGS:
            return f"\n\n#strong[{content}]\n\n"
        if tag in ("p", "div", "dd", "dt", "figure"):
            return f"\n\n{content}\n\n"
        return content


_PARAGRAPH_BREAKS = re.compile(r"(?<![ \t])(?:[ \t]*\n){3,}")  # from where spaces start


def html_to_typst(html: str, base_url: str = "") -> TypstMarkup:
    """The safe HTML of the LaTeX and Markdown converters as Typst markup.

    Emphasis, strong, links, code, super- and subscripts, small capitals, math, paragraphs
    and lists keep their meaning; other tags keep their text. Site-relative links are made
    absolute against ``base_url`` when it is given."""
    if "<" not in html and "&" not in html:
        return escape(html)
    parser = _HtmlToTypst(base_url)
    parser.feed(html)
    parser.close()
    return TypstMarkup(_PARAGRAPH_BREAKS.sub("\n\n", parser.result()))


# TeX math → Typst math --------------------------------------------------------------------

_MATH_TOKEN = re.compile(
    r"\\([A-Za-z]+)\s*"  # 1: control word
    r"|\\(.)"  # 2: control symbol
    r"|([A-Za-z])"  # 3: a letter: one variable
    r"|([0-9]+(?:\.[0-9]+)?)"  # 4: a number
    r"|(\s+)"  # 5
    r"|(.)",  # 6: anything else
    re.DOTALL,
)
#: Commands that print one symbol.
_MATH_SYMBOLS = dict(
    zip(
        [
            "alpha",
            "beta",
            "gamma",
            "delta",
            "epsilon",
            "varepsilon",
            "zeta",
            "eta",
            "theta",
            "vartheta",
            "iota",
            "kappa",
            "lambda",
            "mu",
            "nu",
            "xi",
            "pi",
            "varpi",
            "rho",
            "varrho",
            "sigma",
            "varsigma",
            "tau",
            "upsilon",
            "phi",
            "varphi",
            "chi",
            "psi",
            "omega",
            "Gamma",
            "Delta",
            "Theta",
            "Lambda",
            "Xi",
            "Pi",
            "Sigma",
            "Upsilon",
            "Phi",
            "Psi",
            "Omega",
        ],
        "αβγδϵεζηθϑικλμνξπϖρϱσςτυϕφχψωΓΔΘΛΞΠΣΥΦΨΩ",
        strict=True,
    )
)
_MATH_SYMBOLS.update(
    {
        "sim": "∼",
        "approx": "≈",
        "simeq": "≃",
        "cong": "≅",
        "equiv": "≡",
        "neq": "≠",
        "ne": "≠",
        "leq": "≤",
        "le": "≤",
        "geq": "≥",
        "ge": "≥",
        "ll": "≪",
        "gg": "≫",
        "prec": "≺",
        "succ": "≻",
        "propto": "∝",
        "times": "×",
        "cdot": "⋅",
        "pm": "±",
        "mp": "∓",
        "div": "÷",
        "ast": "∗",
        "star": "⋆",
        "circ": "∘",
        "bullet": "∙",
        "oplus": "⊕",
        "otimes": "⊗",
        "infty": "∞",
        "partial": "∂",
        "nabla": "∇",
        "in": "∈",
        "notin": "∉",
        "ni": "∋",
        "subset": "⊂",
        "subseteq": "⊆",
        "supset": "⊃",
        "supseteq": "⊇",
        "cup": "∪",
        "cap": "∩",
        "setminus": "∖",
        "emptyset": "∅",
        "varnothing": "∅",
        "forall": "∀",
        "exists": "∃",
        "neg": "¬",
        "lnot": "¬",
        "land": "∧",
        "wedge": "∧",
        "lor": "∨",
        "vee": "∨",
        "to": "→",
        "rightarrow": "→",
        "leftarrow": "←",
        "gets": "←",
        "leftrightarrow": "↔",
        "Rightarrow": "⇒",
        "Leftarrow": "⇐",
        "Leftrightarrow": "⇔",
        "implies": "⟹",
        "iff": "⟺",
        "mapsto": "↦",
        "uparrow": "↑",
        "downarrow": "↓",
        "ell": "ℓ",
        "hbar": "ℏ",
        "Re": "ℜ",
        "Im": "ℑ",
        "aleph": "ℵ",
        "sum": "∑",
        "prod": "∏",
        "int": "∫",
        "iint": "∬",
        "oint": "∮",
        "cdots": "⋯",
        "ldots": "…",
        "dots": "…",
        "vdots": "⋮",
        "ddots": "⋱",
        "mid": "∣",
        "parallel": "∥",
        "perp": "⊥",
        "angle": "∠",
        "langle": "⟨",
        "rangle": "⟩",
        "lceil": "⌈",
        "rceil": "⌉",
        "lfloor": "⌊",
        "rfloor": "⌋",
        "dagger": "†",
        "ddagger": "‡",
        "prime": "′",
        "top": "⊤",
        "bot": "⊥",
        "vdash": "⊢",
        "models": "⊨",
        "checkmark": "✓",
        "lvert": "|",
        "rvert": "|",
        "vert": "|",
        "lVert": "‖",
        "rVert": "‖",
        "Vert": "‖",
    }
)
#: Operator names set upright.
_MATH_OPERATORS = frozenset(
    [
        "sin",
        "cos",
        "tan",
        "cot",
        "sec",
        "csc",
        "arcsin",
        "arccos",
        "arctan",
        "sinh",
        "cosh",
        "tanh",
        "log",
        "ln",
        "lg",
        "exp",
        "lim",
        "liminf",
        "limsup",
        "max",
        "min",
        "sup",
        "inf",
        "arg",
        "det",
        "dim",
        "gcd",
        "hom",
        "ker",
        "deg",
        "Pr",
    ]
)
#: Commands with one argument, and the Typst math function that does the same.
_MATH_FUNCTIONS = {
    "mathbb": "bb",
    "mathcal": "cal",
    "mathscr": "cal",
    "mathfrak": "frak",
    "mathbf": "bold",
    "boldsymbol": "bold",
    "bm": "bold",
    "mathit": "italic",
    "mathrm": "upright",
    "operatorname": "upright",
    "mathsf": "sans",
    "mathtt": "mono",
    "hat": "hat",
    "widehat": "hat",
    "bar": "macron",
    "overline": "overline",
    "underline": "underline",
    "tilde": "tilde",
    "widetilde": "tilde",
    "vec": "arrow",
    "dot": "dot",
    "ddot": "dot.double",
    "sqrt": "sqrt",
}
_MATH_TWO_ARGUMENTS = {"frac": "frac", "dfrac": "frac", "tfrac": "frac", "binom": "binom"}
_MATH_TEXT = frozenset({"text", "textrm", "textit", "textbf", "mbox", "mathnormal"})
_MATH_SPACES = {",": "thin", ":": "med", ">": "med", ";": "thick", " ": "thin", "!": ""}
_MATH_WORD_SPACES = {"quad": "quad", "qquad": "wide", "thinspace": "thin"}
_MATH_SIZES = frozenset(
    [
        "left",
        "right",
        "middle",
        "big",
        "Big",
        "bigg",
        "Bigg",
        "bigl",
        "bigr",
        "Bigl",
        "Bigr",
        "biggl",
        "biggr",
        "Biggl",
        "Biggr",
        "displaystyle",
        "textstyle",
        "scriptstyle",
        "limits",
        "nolimits",
        "nonumber",
    ]
)
_MAX_DEPTH = 40


class _Unsupported(ValueError):
    """Math this converter cannot read (unbalanced braces, deep nesting): shown as text."""


class _MathReader:
    """A recursive-descent reader of the TeX math subset data holds."""

    def __init__(self, tex: str) -> None:
        self.tokens = [
            (m.lastindex or 6, m.group(m.lastindex or 6)) for m in _MATH_TOKEN.finditer(tex)
        ]
        self.pos = 0

    def read(self) -> str:
        return self.sequence(None, 0)

    def sequence(self, closing: str | None, depth: int) -> str:
        """Atoms up to ``closing`` (or the end), with their primes, sub- and superscripts."""
        if depth > _MAX_DEPTH:
            raise _Unsupported("too deep")
        # Each atom: [base, primes, subscript, superscript].
        atoms: list[list[str]] = []
        while self.pos < len(self.tokens):
            kind, value = self.tokens[self.pos]
            if kind == 6 and value == "}":
                self.pos += 1
                if closing is not None:
                    return _join(atoms)
                continue  # a stray closing brace
            if kind == 6 and value in ("^", "_", "'"):
                self.pos += 1
                slot = {"'": 1, "_": 2, "^": 3}[value]
                if not atoms or (slot > 1 and atoms[-1][slot]) or (slot == 1 and atoms[-1][3]):
                    atoms.append(['""', "", "", ""])
                atoms[-1][slot] += "'" if slot == 1 else self.argument(depth)
                continue
            atom = self.atom(depth)
            if atom:
                atoms.append([atom, "", "", ""])
        if closing is not None:
            raise _Unsupported("unclosed group")
        return _join(atoms)

    def _skip_spaces(self) -> None:
        while self.pos < len(self.tokens) and self.tokens[self.pos][0] == 5:
            self.pos += 1

    def _next_is(self, char: str) -> bool:
        """Whether the next token, after spaces, is the symbol ``char``."""
        self._skip_spaces()
        return self.pos < len(self.tokens) and self.tokens[self.pos] == (6, char)

    def argument(self, depth: int) -> str:
        """The argument of a command or of ``^``/``_``: a group, or the next atom."""
        self._skip_spaces()
        if self.pos >= len(self.tokens):
            return '""'
        kind, value = self.tokens[self.pos]
        if kind == 6 and value == "{":
            self.pos += 1
            return self.sequence("}", depth + 1) or '""'
        return self.atom(depth) or '""'

    def text_argument(self) -> str:
        """The argument of ``\\text{...}`` as it is written."""
        self._skip_spaces()
        if self.pos >= len(self.tokens):
            return ""
        kind, value = self.tokens[self.pos]
        if not (kind == 6 and value == "{"):
            self.pos += 1
            return value
        self.pos += 1
        depth, parts = 1, list[str]()
        while self.pos < len(self.tokens):
            kind, value = self.tokens[self.pos]
            self.pos += 1
            if kind == 6 and value == "{":
                depth += 1
            elif kind == 6 and value == "}":
                depth -= 1
                if depth == 0:
                    return "".join(parts)
            parts.append(value if kind not in (1, 2) else "\\" + value)
        raise _Unsupported("unclosed text")

    def atom(self, depth: int) -> str:
        kind, value = self.tokens[self.pos]
        self.pos += 1
        if kind == 1:
            return self.command(value, depth)
        if kind == 2:
            if value in _MATH_SPACES:
                return _MATH_SPACES[value]
            if value == "\\":
                return ""
            return "‖" if value == "|" else _math_symbol(value)
        if kind in (3, 4):
            return value
        if kind == 5:
            return ""
        if value == "{":
            return self.sequence("}", depth + 1)
        if value == "&":
            return ""
        return _math_symbol(value)

    def command(self, name: str, depth: int) -> str:
        if name in _MATH_SYMBOLS:
            return _MATH_SYMBOLS[name]
        if name in _MATH_OPERATORS:
            return f'op("{name}")'
        if name in _MATH_WORD_SPACES:
            return _MATH_WORD_SPACES[name]
        if name in _MATH_SIZES:
            if self._next_is("."):
                self.pos += 1  # \left. is no delimiter
            return ""
        if name in _MATH_TEXT:
            return str(string(self.text_argument())) or '""'
        if name in _MATH_TWO_ARGUMENTS:
            first = self.argument(depth + 1)
            second = self.argument(depth + 1)
            return f"{_MATH_TWO_ARGUMENTS[name]}({first}, {second})"
        if name == "sqrt" and self._next_is("["):
            self.pos += 1
            index = []
            while self.pos < len(self.tokens) and self.tokens[self.pos] != (6, "]"):
                index.append(self.atom(depth + 1))
            self.pos += 1
            degree = " ".join(i for i in index if i) or '""'
            return f"root({degree}, {self.argument(depth + 1)})"
        if name in _MATH_FUNCTIONS:
            return f"{_MATH_FUNCTIONS[name]}({self.argument(depth + 1)})"
        return str(string(name))  # unknown: its name, upright, rather than nothing


def _join(atoms: list[list[str]]) -> str:
    """Atoms as Typst math: ``x'_(i)^(2)``."""
    return " ".join(
        base + primes + (f"_({sub})" if sub else "") + (f"^({sup})" if sup else "")
        for base, primes, sub, sup in atoms
    )


def _math_symbol(char: str) -> str:
    """A character in math: ASCII symbols escaped (``/`` would be a fraction, ``,`` split
    arguments, ``#`` start code), the rest as it is."""
    if char.isascii() and not char.isalnum() and char not in "+-=<>'":
        return "\\" + char
    return char


def tex_to_typst(tex: str, display: bool = False) -> TypstMarkup:
    """TeX math (without its ``$``) as Typst math; what it cannot read stays as text."""
    try:
        body = _MathReader(tex).read()
    except _Unsupported:
        return escape(tex)
    if not body:
        return TypstMarkup("")
    return TypstMarkup(f"$ {body} $" if display else f"${body}$")
