"""LaTeX in BibTeX field values → safe HTML fragments or plain Unicode text.

BibTeX values are full of LaTeX: accents (``{\\"o}``, ``\\v{s}``), protective braces
(``{B}ERT``), dashes, quotes, math, ``\\emph`` and friends. Titles, author names, venues and
abstracts are rendered once each per build, for bibliographies of thousands of entries, so
this is a small hand-written converter rather than pylatexenc (which costs ~10 ms an entry):

* a fast path: text without any of ``\\ { } $ ~ `` ` ``, ``--`` or ``''`` is only escaped;
* results are memoised (the same venue or co-author recurs hundreds of times);
* one precompiled tokenizer regex, one left-to-right pass, output streamed into a list;
* braces are tracked with an explicit stack (no recursion), math and URL arguments are
  found with linear scans, and failed scans are remembered, so any input — megabytes of
  ``{`` or ``$`` included — is converted in linear time.

The HTML is safe to insert unescaped: every character of the input is escaped, and the only
tags ever produced are ``em strong code sup sub u``, ``span class="research-sc"``,
``a href`` with an http(s), mailto or relative URL, and MathML: that of
:mod:`mkdocs_research.mathml` for math, and the sanitised MathML of publishers' exports
(:mod:`mkdocs_research.markup`). Every tag is closed inside the fragment, even when the
input's braces are unbalanced. Math that cannot become MathML shows as written, and
:func:`latex_math_problems` says why, for the loaders to report.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import cast

from .links import safe_url, unescaped_url
from .markup import read_markup
from .mathml import math_characters, math_problem, shown_as_written, tex_to_mathml

__all__ = ["has_math", "latex_math_problems", "latex_to_html", "latex_to_text"]

#: Characters that may need more than escaping (so may ``--`` and ``''``); text without
#: them takes the fast path. Plain character-class searches and ``in`` tests are the fastest
#: checks CPython has; alternations are several times slower.
_SPECIAL = re.compile(r"[\\{}$~`]")
_ODD_WS = re.compile(r"[\t\n\r\f\v]")
#: Whitespace runs to collapse; single spaces are not matched (which would be slower).
_WS_RUN = re.compile(r" [ \t\n\r\f\v]+|[\t\n\r\f\v][ \t\n\r\f\v]*")
_ASCII_WS = " \t\n\r\f\v"

#: The tokenizer. Group numbers are used for dispatch (``match.lastindex``).
_TOKEN = re.compile(
    r"((?:[^\\{}$~`'\-]+|-(?!-)|'(?!'))+)"  # 1: ordinary text, whitespace included
    r"|\\([A-Za-z]+)([ \t\n\r\f\v]*)"  # 2, 3: control word and the spaces TeX skips after it
    r"|\\([\s\S]?)"  # 4: control symbol (empty: a backslash ending the text)
    r"|(\{)"  # 5
    r"|(\})"  # 6
    r"|(---?|``|''|`)"  # 7: dashes and quotes
    r"|(\$\$?)"  # 8: math
    r"|(~)"  # 9: tie
)
_PUNCTUATION = {"---": "—", "--": "–", "``": "“", "''": "”", "`": "‘"}
_BRACE_SCAN = re.compile(r"[\\{}]")
_SPACES = r"[ \t\n\r\f\v]*"
_NUMBER = rf"[-+ \t\n\r\f\v]*(?:\d+(?:[.,]\d*)?|[.,]\d+){_SPACES}"
_UNIT = "(?:em|ex|pt|pc|in|bp|cm|mm|dd|cc|sp|mu|px)"
#: The dimension after ``\kern``, ``\hskip``, ``\raise``: signs, a number and a unit, a
#: glue's ``plus`` and ``minus``, and the spaces TeX skips after it (``Euler-\kern-1pt VM``
#: prints "Euler-VM").
_DIMEN = re.compile(
    rf"{_NUMBER}(?:true)?{_UNIT}(?:{_SPACES}(?:plus|minus){_NUMBER}(?:fil+|{_UNIT}))*{_SPACES}"
)
#: The character code after ``\char``: decimal, ``'`` octal, ``"`` hexadecimal, or `` ` `` and
#: the character itself (``\char`\\`` is a backslash); TeX skips the spaces after a number.
_CHAR_CODE = re.compile(rf"(?:(\d+)|'([0-7]+)|\"([0-9A-F]+)|`\\?([\s\S])){_SPACES}")

#: Accent commands → Unicode combining character (composed with NFC afterwards).
_ACCENTS = {
    '"': "\u0308",
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "G": "\u030f",
    "c": "\u0327",
    "k": "\u0328",
    "r": "\u030a",
    "d": "\u0323",
    "b": "\u0331",
    "t": "\u0361",  # tie: placed after the first of the two letters, as TeX does
}
#: What an accent with nothing to sit on (``\~{}``, ``\^{}``) prints.
_SPACING = {
    "\u0308": "¨",
    "\u0301": "´",
    "\u0300": "`",
    "\u0302": "^",
    "\u0303": "~",
    "\u0304": "¯",
    "\u0307": "˙",
    "\u0306": "˘",
    "\u030c": "ˇ",
    "\u030b": "˝",
    "\u0327": "¸",
    "\u0328": "˛",
    "\u030a": "˚",
}
#: Accents go on a dotted letter: ``\'{\i}`` is í, not ı́.
_DOTLESS = {"ı": "i", "ȷ": "j"}

#: Control words that print something; TeX skips the spaces after them (``Stra\ss e``).
_SYMBOLS = {
    "ss": "ß",
    "SS": "SS",
    "o": "ø",
    "O": "Ø",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "aa": "å",
    "AA": "Å",
    "l": "ł",
    "L": "Ł",
    "i": "ı",
    "j": "ȷ",
    "dh": "ð",
    "DH": "Ð",
    "th": "þ",
    "TH": "Þ",
    "dj": "đ",
    "DJ": "Đ",
    "ng": "ŋ",
    "NG": "Ŋ",
    "textasciitilde": "~",
    "textasciicircum": "^",
    "textbackslash": "\\",
    "textbar": "|",
    "textless": "<",
    "textgreater": ">",
    "textunderscore": "_",
    "textbraceleft": "{",
    "textbraceright": "}",
    "textdollar": "$",
    "textendash": "–",
    "textemdash": "—",
    "textregistered": "®",
    "texttrademark": "™",
    "copyright": "©",
    "textcopyright": "©",
    "S": "§",
    "textsection": "§",
    "P": "¶",
    "textparagraph": "¶",
    "dag": "†",
    "ddag": "‡",
    "textdagger": "†",
    "textdaggerdbl": "‡",
    "textbullet": "•",
    "textperiodcentered": "·",
    "textdegree": "°",
    "textmu": "µ",
    "textperthousand": "‰",
    "texteuro": "€",
    "pounds": "£",
    "textsterling": "£",
    "textyen": "¥",
    "textcent": "¢",
    "textexclamdown": "¡",
    "textquestiondown": "¿",
    "textquoteleft": "‘",
    "textquoteright": "’",
    "textquotedblleft": "“",
    "textquotedblright": "”",
    "textquotedbl": '"',
    "textquotesingle": "'",
    "quotesinglbase": "‚",
    "quotedblbase": "„",
    "guillemotleft": "«",
    "guillemotright": "»",
    "guillemetleft": "«",
    "guillemetright": "»",
    "guilsinglleft": "‹",
    "guilsinglright": "›",
    "textvisiblespace": "␣",
    "slash": "/",
    "hyphen": "-",  # biblatex's breakable and non-breaking hyphens
    "nbhyphen": "-",
}
#: Logos and ellipses, after which authors nearly always mean the space they typed
#: (``\LaTeX is`` → "LaTeX is", where TeX itself would print "LaTeXis").
_WORDS = {
    "LaTeX": "LaTeX",
    "TeX": "TeX",
    "LaTeXe": "LaTeX2ε",
    "BibTeX": "BibTeX",
    "ldots": "…",
    "dots": "…",
    "textellipsis": "…",
}
#: Spacing commands (whitespace runs are collapsed afterwards).
_SPACE_WORDS = {
    "quad": " ",
    "qquad": " ",
    "space": " ",
    "par": " ",
    "newblock": " ",  # separates the blocks of a .bbl entry
    "newline": " ",
    "linebreak": " ",
    "hfill": " ",
    "enskip": " ",
    "enspace": " ",
    "thinspace": "\u2009",
    "nobreakspace": "\xa0",
}
#: Commands that take a dimension (``\kern.05em``, ``\hspace{1em}``) and print none of it:
#: glue between words reads as a space; kerns and raised boxes join what they stand between.
_DIMENSION_WORDS = {
    "hspace": " ",
    "hskip": " ",
    "vspace": " ",
    "vskip": " ",
    "kern": "",
    "raise": "",
    "lower": "",
}
#: One-argument formatting commands → (HTML open, HTML close, text open, text close).
_WRAPS = {
    "emph": ("<em>", "</em>", "", ""),
    "textit": ("<em>", "</em>", "", ""),
    "textsl": ("<em>", "</em>", "", ""),
    "textbf": ("<strong>", "</strong>", "", ""),
    "texttt": ("<code>", "</code>", "", ""),
    "textsc": ('<span class="research-sc">', "</span>", "", ""),
    "textsuperscript": ("<sup>", "</sup>", "", ""),
    "textsubscript": ("<sub>", "</sub>", "", ""),
    "underline": ("<u>", "</u>", "", ""),
    "uline": ("<u>", "</u>", "", ""),
    "enquote": ("“", "”", "“", "”"),
    "enquote*": ("‘", "’", "‘", "’"),  # csquotes' inner quotes
    "mkbibquote": ("“", "”", "“", "”"),  # biblatex's own markup, as its examples write it
    "mkbibemph": ("<em>", "</em>", "", ""),
    "mkbibitalic": ("<em>", "</em>", "", ""),
    "mkbibbold": ("<strong>", "</strong>", "", ""),
}
#: Declarations that switch the font up to the end of the enclosing group (``{\em x}``).
_DECLARATIONS = {
    "em": ("<em>", "</em>"),
    "it": ("<em>", "</em>"),
    "itshape": ("<em>", "</em>"),
    "sl": ("<em>", "</em>"),
    "slshape": ("<em>", "</em>"),
    "bf": ("<strong>", "</strong>"),
    "bfseries": ("<strong>", "</strong>"),
    "tt": ("<code>", "</code>"),
    "ttfamily": ("<code>", "</code>"),
    "sc": ('<span class="research-sc">', "</span>"),
    "scshape": ('<span class="research-sc">', "</span>"),
}
#: The journal macros of the AAS (``aas_macros.sty``), which NASA ADS writes in the
#: ``journal`` of its exports (``journal = {\\apj}``), as they print: the abbreviations
#: astronomers cite by.
_JOURNALS = {
    **{name: name.upper() for name in ("aj", "baas", "mnras", "pasa", "pasj", "pasp", "psj")},
    **{name: name.upper() for name in ("jrasc", "qjras")},
    "apj": "ApJ",
    "apjl": "ApJL",
    "apjs": "ApJS",
    "aap": "A&A",
    "aaps": "A&AS",
    "aapr": "A&A Rv",
    "araa": "ARA&A",
    "apss": "Ap&SS",
    "actaa": "Acta Astron.",
    "azh": "AZh",
    "ao": "Appl. Opt.",
    "aplett": "Astrophys. Lett.",
    "bain": "Bull. Astron. Inst. Netherlands",
    "caa": "Chinese Astron. Astrophys.",
    "cjaa": "Chinese J. Astron. Astrophys.",
    "gca": "Geochim. Cosmochim. Acta",
    "grl": "Geophys. Res. Lett.",
    "iaucirc": "IAU Circ.",
    "icarus": "Icarus",
    "jcap": "J. Cosmology Astropart. Phys.",
    "jcp": "J. Chem. Phys.",
    "jgr": "J. Geophys. Res.",
    "jqsrt": "J. Quant. Spec. Radiat. Transf.",
    "memras": "MmRAS",
    "memsai": "Mem. Soc. Astron. Italiana",
    "na": "New A",
    "nar": "New A Rev.",
    "nat": "Nature",
    "nphysa": "Nucl. Phys. A",
    "physrep": "Phys. Rep.",
    "physscr": "Phys. Scr",
    "planss": "Planet. Space Sci.",
    "pra": "Phys. Rev. A",
    "prb": "Phys. Rev. B",
    "prc": "Phys. Rev. C",
    "prd": "Phys. Rev. D",
    "pre": "Phys. Rev. E",
    "prl": "Phys. Rev. Lett.",
    "procspie": "Proc. SPIE",
    "rmxaa": "Rev. Mexicana Astron. Astrofis.",
    "skytel": "S&T",
    "solphys": "Sol. Phys.",
    "sovast": "Soviet Ast.",
    "ssr": "Space Sci. Rev.",
    "zap": "ZAp",
}
#: Commands whose argument is not meant to be read (citations, labels, sort keys).
_DROPPED = frozenset(
    {
        *("cite", "citep", "citet", "citealp", "citealt", "citeauthor", "citeyear", "citenum"),
        *("nocite", "parencite", "textcite", "autocite", "footcite"),
        *("label", "ref", "eqref", "pageref", "autoref", "cref", "Cref", "index"),
        *("noopsort", "SortNoop", "sortnoop"),
    }
)

#: Control words → (kind, ...): s symbol, k word (keeps a following space), _ space,
#: a accent, w wrap, D declaration, d drop, u \url, h \href, M \ensuremath (math),
#: g a dimension to skip, c \char.
#: Unknown commands are dropped
#: and the groups after them read as ordinary text, so ``\foo{x}`` gives "x".
_COMMANDS: dict[str, tuple[str, ...]] = {}
_COMMANDS.update({name: ("s", value) for name, value in _SYMBOLS.items()})
_COMMANDS.update({name: ("k", value) for name, value in {**_JOURNALS, **_WORDS}.items()})
_COMMANDS.update({name: ("_", value) for name, value in _SPACE_WORDS.items()})
_COMMANDS.update({name: ("a", mark) for name, mark in _ACCENTS.items() if name.isalpha()})
_COMMANDS.update({name: ("w", *tags) for name, tags in _WRAPS.items()})
_COMMANDS.update({name: ("D", *tags) for name, tags in _DECLARATIONS.items()})
_COMMANDS.update({name: ("d",) for name in _DROPPED})
_COMMANDS.update({name: ("g", value) for name, value in _DIMENSION_WORDS.items()})
_COMMANDS.update({"url": ("u",), "href": ("h",), "ensuremath": ("M",), "char": ("c",)})

#: Control symbols (backslash + one non-letter); any other one prints its character.
_CONTROL_SYMBOLS: dict[str, tuple[str, ...]] = {
    ch: ("a", mark) for ch, mark in _ACCENTS.items() if not ch.isalpha()
}
_CONTROL_SYMBOLS.update({ch: ("_", " ") for ch in " \t\n\r\f\v\\;:>"})
_CONTROL_SYMBOLS.update(
    {
        ",": ("_", "\u2009"),
        "!": ("_", ""),
        "-": ("_", ""),  # discretionary hyphen
        "/": ("_", ""),  # italic correction
        "@": ("_", ""),
        "*": ("_", ""),
        "": ("_", ""),  # a lone backslash at the very end
        "(": ("m", "\\(", "\\)", ""),
        "[": ("m", "\\[", "\\]", "display"),
    }
)

_DROP_OP = ("d",)
#: What export markup (:mod:`~mkdocs_research.markup`) starts with: a tag, an entity, ``\$``.
_MARKUP_HINT = re.compile(r"[<&]|\\\$")
_PLAIN_GROUP = (True, "", -1, False)  # shared by all groups that need no closing markup


def _collapse(text: str) -> str:
    """Whitespace runs (newlines included) as one space, ends stripped."""
    if "  " in text or _ODD_WS.search(text):
        text = _WS_RUN.sub(" ", text)
    return text.strip(" ")


def _needs_parse(text: str) -> bool:
    return _SPECIAL.search(text) is not None or "--" in text or "''" in text


def _identity(text: str) -> str:
    return text


def _accent(text: str, marks: list[str]) -> str:
    """Put combining marks on the first character, composed where Unicode has a letter."""
    first = _DOTLESS.get(text[0], text[0])
    return unicodedata.normalize("NFC", first + "".join(marks)) + text[1:]


def _character(code: re.Match[str]) -> str:
    r"""What ``\char`` prints for a code read by :data:`_CHAR_CODE`: nothing for a control
    character or a code beyond Unicode (a long run of digits is not converted at all)."""
    if code[4]:
        return code[4]
    digits, base = (code[1], 10) if code[1] else (code[2], 8) if code[2] else (code[3], 16)
    number = int(digits, base) if len(digits) <= 7 else 0x110000
    char = chr(number) if number < 0x110000 else ""
    return char if char.isprintable() else ""


def _clean_url(raw: str) -> str:
    r"""``\url`` argument as the URL it stands for: ``\_`` → ``_``, ``\~{}`` → ``~``."""
    return unescaped_url(raw).strip(_ASCII_WS)


def _convert(text: str, as_html: bool, problems: list[str] | None = None) -> str:
    """The slow path: tokenize once, left to right, streaming output into a list.

    ``pending`` holds operations waiting for the next argument (``\\emph``, ``\\"``): a
    group ``{...}`` becomes a frame on ``stack`` whose closing markup is emitted when it
    closes; a single token (``\\"o``, ``\\emph x``) is transformed at once. Accents on a
    group wait in ``hook`` for the group's first character. Math that cannot become MathML
    is shown as written, and why goes to ``problems``.
    """
    out: list[str] = []
    append = out.append
    esc = html.escape if as_html else _identity
    stack: list[tuple[bool, str, int, bool]] = []  # (brace?, closing markup, drop from, link?)
    pending: list[tuple[str, ...]] = []
    hook: list[tuple[str, int]] = []  # (combining mark, depth of the group it belongs to)
    failed: dict[str, int] = {}  # delimiter → start from which a search found nothing
    braces = 0
    links = 0
    pos = 0
    n = len(text)
    # The tokenizer matches at every position (its alternatives cover every character).
    match = cast("Callable[[str, int], re.Match[str]]", _TOKEN.match)

    def find(delim: str, start: int) -> int:
        """Next ``delim`` not escaped by a backslash, or -1; failures are remembered."""
        if start >= failed.get(delim, n + 1):
            return -1
        i = text.find(delim, start)
        while i >= 0:
            j = i
            while j > start and text[j - 1] == "\\":
                j -= 1
            if (i - j) % 2 == 0:
                return i
            i = text.find(delim, i + 1)
        failed[delim] = start
        return -1

    def read_group(start: int) -> tuple[str, int]:
        """A brace group read verbatim (for URLs); an unclosed one runs to the end."""
        depth = 0
        i = start
        while True:
            m = _BRACE_SCAN.search(text, i)
            if m is None:
                return text[start + 1 :], n
            j = m.start()
            char = text[j]
            if char == "\\":
                i = j + 2
                continue
            depth += 1 if char == "{" else -1
            if depth == 0:
                return text[start + 1 : j], j + 1
            i = j + 1

    def wrap(html_text: str, ops: list[tuple[str, ...]]) -> str:
        for op in reversed(ops):
            kind = op[0]
            if kind == "w":
                html_text = op[1] + html_text + op[2]
            elif kind == "d":
                html_text = ""
            elif kind == "l" and op[1] and not links:
                html_text = '<a href="' + op[1] + '">' + html_text + "</a>"
        return html_text

    def emit_text(raw: str, atom: bool) -> None:
        """Plain text; its first character (or all of it, for an atom) is the argument
        of pending commands, and takes the accents waiting in ``hook``."""
        if pending:
            if not atom:
                raw = raw.lstrip(_ASCII_WS)  # TeX skips spaces before an argument
                if not raw:
                    return
                head, tail = raw[0], raw[1:]
            else:
                head, tail = raw, ""
            ops = pending[:]
            pending.clear()
            marks = [op[1] for op in reversed(ops) if op[0] == "a"]
            if hook:
                marks.extend(mark for mark, _ in reversed(hook))
                hook.clear()
            if marks:
                head = _accent(head, marks)
            append(wrap(esc(head), ops))
            if tail:
                append(esc(tail))
            return
        if hook:
            stripped = raw.lstrip(_ASCII_WS)
            if stripped:
                i = len(raw) - len(stripped)
                raw = raw[:i] + _accent(stripped, [mark for mark, _ in reversed(hook)])
                hook.clear()
        append(esc(raw))

    def emit_markup(markup: str) -> None:
        """Finished markup (math, a link): pending wrappers apply, accents do not."""
        hook.clear()
        if pending:
            ops = pending[:]
            pending.clear()
            markup = wrap(markup, ops)
        append(markup)

    def flush_pending() -> None:
        """Pending commands that found no argument: a lone accent prints itself."""
        spacing = "".join(_SPACING.get(op[1], "") for op in pending if op[0] == "a")
        pending.clear()
        if spacing:
            append(esc(spacing))

    def open_group() -> None:
        nonlocal braces, links
        braces += 1
        if not pending:
            stack.append(_PLAIN_GROUP)
            return
        ops = pending[:]
        pending.clear()
        depth = len(stack)
        drop = len(out) if _DROP_OP in ops else -1
        close = ""
        link = False
        for op in ops:  # outermost first
            kind = op[0]
            if kind == "w":
                append(op[1])
                close = op[2] + close
            elif kind == "a":
                hook.append((op[1], depth))
            elif kind == "l" and op[1] and not links:
                append('<a href="' + op[1] + '">')
                close = "</a>" + close
                link = True
                links += 1
        stack.append((True, close, drop, link) if close or drop >= 0 else _PLAIN_GROUP)

    def close_frame() -> None:
        nonlocal braces, links
        brace, close, drop, link = stack.pop()
        depth = len(stack)
        if hook and hook[-1][1] >= depth:  # an accent on an empty group: ``\~{}``
            marks = []
            while hook and hook[-1][1] >= depth:
                marks.append(hook.pop()[0])
            append(esc("".join(_SPACING.get(mark, "") for mark in reversed(marks))))
        if brace:
            braces -= 1
        if link:
            links -= 1
        if drop >= 0:
            del out[drop:]
        elif close:
            append(close)

    def math(content: str, display: bool, opening: str, closing: str) -> None:
        if not as_html:
            emit_markup(math_characters(content) or content)
            return
        mathml = tex_to_mathml(content, display)
        if mathml is None:
            source = opening + content + closing
            if problems is not None:
                problems.append(shown_as_written(source, math_problem(content) or ""))
            mathml = html.escape(source)
        emit_markup(mathml)

    def command(spec: tuple[str, ...], spaces: str) -> None:
        nonlocal pos
        kind = spec[0]
        if kind == "s":
            emit_text(spec[1], True)
        elif kind == "a":
            pending.append(spec)
        elif kind == "_":
            append(spec[1])
        elif kind == "w":
            pending.append(("w", spec[1], spec[2]) if as_html else ("w", spec[3], spec[4]))
        elif kind == "k":
            emit_text(spec[1], True)
            if spaces:
                append(" ")
        elif kind == "D":
            if as_html:
                append(spec[1])
                stack.append((False, spec[2], -1, False))
        elif kind == "d":
            if text.startswith("[", pos):  # \cite[p.~4]{key}
                end = find("]", pos)
                if end >= 0:
                    pos = end + 1
            pending.append(_DROP_OP)
        elif kind == "m":
            end = find(spec[2], pos)
            if end < 0:
                emit_text("[" if spec[3] else "(", True)  # unmatched: a literal bracket
                return
            math(text[pos:end], bool(spec[3]), spec[1], spec[2])
            pos = end + 2
        elif kind == "g":
            if text.startswith("{", pos):  # \hspace{1em}
                pos = read_group(pos)[1]
            elif dimen := _DIMEN.match(text, pos):
                pos = dimen.end()
            append(spec[1])
        elif kind == "c":
            if code := _CHAR_CODE.match(text, pos):
                pos = code.end()
                if char := _character(code):
                    emit_text(char, True)
        elif kind == "M":  # ADS writes Greek letters as {\ensuremath{\beta}}
            if text.startswith("{", pos):
                raw, pos = read_group(pos)
                math(raw, False, "\\ensuremath{", "}")
        elif kind in ("u", "h"):
            if not text.startswith("{", pos):
                return
            raw, pos = read_group(pos)
            url = _clean_url(raw)
            safe = as_html and not links and safe_url(url) is not None
            if kind == "h":
                pending.append(("l", esc(url) if safe else ""))  # "": text, no link
            elif safe:
                escaped = esc(url)
                emit_markup('<a href="' + escaped + '">' + escaped + "</a>")
            else:
                emit_text(url, True)

    while pos < n:
        m = match(text, pos)
        pos = m.end()
        token = m.lastindex
        if token == 1:
            if pending or hook:
                emit_text(m.group(1), False)
            else:
                append(esc(m.group(1)))
        elif token == 3:
            spec = _COMMANDS.get(m.group(2))
            if text.startswith("*", pos) and (spec is None or spec[0] in "wdg"):
                pos += 1  # the starred variant of a command with an argument: ``\enquote*{x}``
                spec = _COMMANDS.get(m.group(2) + "*", spec)
            if spec is not None:
                command(spec, m.group(3))
        elif token == 5:
            open_group()
        elif token == 6:
            if pending:
                flush_pending()
            if braces:
                while not stack[-1][0]:
                    close_frame()  # declarations end with their group
                close_frame()
            # an unmatched "}" is dropped
        elif token == 4:
            char = m.group(4)
            command(_CONTROL_SYMBOLS.get(char) or ("s", char), "")
        elif token == 7:
            emit_text(_PUNCTUATION[m.group(7)], True)
        elif token == 8:
            if m.group(8) == "$$":
                end = find("$$", pos)
                if end >= 0:
                    math(text[pos:end], True, "$$", "$$")
                    pos = end + 2
                else:  # no closing $$: a literal $, and the second one is read on its own
                    emit_text("$", True)
                    pos -= 1
                continue
            end = find("$", pos)
            if end >= 0:
                math(text[pos:end], False, "$", "$")
                pos = end + 1
            else:
                emit_text("$", True)
        else:  # token == 9: ~
            emit_text("\xa0", True)

    if pending:
        flush_pending()
    while stack:
        close_frame()
    return _collapse("".join(out))


@lru_cache(maxsize=65536)
def latex_to_html(text: str) -> str:
    """A BibTeX value as an HTML fragment that is safe to insert without escaping.

    Memoised because the same venues, names and titles are rendered again and again.
    Markup from publishers' exports (MathML, ``<tex-math>``, ``<sub>``) is read first.
    """
    if not text:
        return ""
    if _MARKUP_HINT.search(text) and (marked := read_markup(text)) is not None:
        return marked.fill(_html(marked.source), as_html=True)
    return _html(text)


def _html(text: str) -> str:
    if not _needs_parse(text):
        return html.escape(_collapse(text))
    return _html_and_problems(text)[0]


@lru_cache(maxsize=16384)
def _html_and_problems(text: str) -> tuple[str, tuple[str, ...]]:
    """The slow path of :func:`latex_to_html`, with what kept its math from showing: the
    loaders ask for the problems, and the pages then find the HTML made."""
    problems: list[str] = []
    return _convert(text, True, problems), tuple(problems)


@lru_cache(maxsize=65536)
def latex_to_text(text: str) -> str:
    """A BibTeX value as plain Unicode text, for sorting, name matching, meta tags, alt text.

    Not escaped: escape it wherever it goes into HTML.
    """
    if not text:
        return ""
    if _MARKUP_HINT.search(text) and (marked := read_markup(text)) is not None:
        return marked.fill(_text(marked.source), as_html=False)
    return _text(text)


def _text(text: str) -> str:
    if not _needs_parse(text):
        return _collapse(text)
    return _convert(text, False)


def latex_math_problems(text: str) -> list[str]:
    """What keeps the math of a BibTeX value from showing as MathML, one message a formula
    (the loaders report these with the field's file and line)."""
    if not has_math(text):
        return []
    if _MARKUP_HINT.search(text) and (marked := read_markup(text)) is not None:
        text = marked.source  # the formulas of a publisher's markup, as shown
    return list(_html_and_problems(text)[1])


def has_math(text: str) -> bool:
    """Whether a BibTeX value may hold math: a quick test before any parsing."""
    return "$" in text or "\\(" in text or "\\[" in text
