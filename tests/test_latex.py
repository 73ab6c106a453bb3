r"""The LaTeX converter: what BibTeX values become in HTML and in plain text.

The tables below are the specification: each row is an input as it appears in a ``.bib``
file and the expected output. Then come hostile inputs (the HTML must be safe to insert
unescaped), property tests over arbitrary text, and inputs of extreme size and nesting.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_research.latex import latex_math_problems, latex_to_html, latex_to_text
from mkdocs_research.markup import read_markup
from mkdocs_research.mathml import tex_to_mathml

NBSP = "\xa0"
THIN = "\u2009"


def math(tex: str, display: bool = False) -> str:
    """The MathML of a formula (what it looks like is tested in test_mathml.py)."""
    mathml = tex_to_mathml(tex, display)
    assert mathml is not None and mathml.startswith('<math class="research-math"'), tex
    return mathml


# --------------------------------------------------------------------------------------
# Accents and special letters: the same Unicode in HTML and in text.
# --------------------------------------------------------------------------------------

ACCENTS = [
    # every BibTeX spelling of ö
    (r"{\"o}", "ö"),
    (r"\"o", "ö"),
    (r"\"{o}", "ö"),
    (r"{\"{o}}", "ö"),
    (r"M{\"u}ller", "Müller"),
    (r"\'e", "é"),
    (r"\`a", "à"),
    (r"\^o", "ô"),
    (r"\~n", "ñ"),
    (r"\=a", "ā"),
    (r"\.z", "ż"),
    (r"\u{g}", "ğ"),
    (r"\v{s}", "š"),
    (r"\v s", "š"),  # a control word swallows the space after it
    (r"\v{C}", "Č"),
    (r"Ko{\v{c}}isk{\'y}", "Kočiský"),
    (r"\H{o}", "ő"),
    (r"Erd\H{o}s", "Erdős"),
    (r"\c{c}", "ç"),
    (r"\c c", "ç"),
    (r"Fran\c{c}ois", "François"),
    (r"\k{a}", "ą"),
    (r"\r{a}", "å"),
    (r"\d{x}", "x\u0323"),  # no precomposed letter: base + combining dot below
    (r"\b{x}", "x\u0331"),
    (r"\t{oo}", "o\u0361o"),  # the tie joins the two letters
    (r"{\i}", "ı"),
    (r"\'{\i}", "í"),  # accents go on a dotted i
    (r"Garc{\'\i}a", "García"),
    (r"\"\i", "ï"),
    (r"\j", "ȷ"),
    (r"\^{\j}", "ĵ"),
    (r"\'\"u", "ǘ"),  # stacked accents
    (r"\"{\emph o}", "ö"),  # text only; HTML in FORMATTING
    (r"\'{E}cole", "École"),
    (r"\ss", "ß"),
    (r"Stra\ss e", "Straße"),
    (r"\o", "ø"),
    (r"{\O}stergaard", "Østergaard"),
    (r"\ae \AE \oe \OE", "æÆœŒ"),
    (r"\aa{} \AA", "å Å"),
    (r"\AA ngstr\"om", "Ångström"),
    (r"\l \L", "łŁ"),
    (r"\~{}user", "~user"),  # an accent with nothing to sit on prints itself
    (r"\^{}", "^"),
    ("Caf\u00e9 \u5317\u4eac \U0001f389", "Caf\u00e9 \u5317\u4eac \U0001f389"),  # raw Unicode
]


@pytest.mark.parametrize(("source", "expected"), ACCENTS)
def test_accents_and_letters(source: str, expected: str) -> None:
    if "emph" not in source:
        assert latex_to_html(source) == expected
    assert latex_to_text(source) == expected


# --------------------------------------------------------------------------------------
# Symbols, dashes, quotes, spaces, braces, commands: input → (HTML, text).
# --------------------------------------------------------------------------------------

CASES = [
    # escaped specials
    (r"Smith \& Wesson", "Smith &amp; Wesson", "Smith & Wesson"),
    (r"50\% \$5 \#1 a\_b \{x\}", "50% $5 #1 a_b {x}", "50% $5 #1 a_b {x}"),
    (r"\textasciitilde\textbackslash", "~\\", "~\\"),
    (r"1\textendash 2, a\textemdash b", "1–2, a—b", "1–2, a—b"),
    (r"\textregistered\texttrademark\copyright", "®™©", "®™©"),
    (r"\S 3, \P 4", "§3, ¶4", "§3, ¶4"),
    (r"\dag\ddag\textdagger", "†‡†", "†‡†"),
    (r"\textquoteleft x\textquoteright", "‘x’", "‘x’"),
    (r"\textquotedblleft y\textquotedblright", "“y”", "“y”"),
    # words keep the space typed after them
    (r"\LaTeX and \TeX", "LaTeX and TeX", "LaTeX and TeX"),
    (r"{\LaTeX} rocks", "LaTeX rocks", "LaTeX rocks"),
    (r"wait\ldots and\dots", "wait… and…", "wait… and…"),
    # spaces
    ("Donald~E. Knuth", f"Donald{NBSP}E. Knuth", f"Donald{NBSP}E. Knuth"),
    (r"5\,km", f"5{THIN}km", f"5{THIN}km"),
    (r"a\ b\;c", "a b c", "a b c"),
    (r"one\\two", "one two", "one two"),
    ("  lots \n\n of\t\twhite   space  ", "lots of white space", "lots of white space"),
    # commands that take a dimension print none of it: glue is a space, a kern joins
    (r"a\hspace{1em}b \hspace*{2pt} c", "a b c", "a b c"),
    (r"a\vspace{3mm}b", "a b", "a b"),
    (r"a\hskip 2pt b\hskip0pt plus 1fil minus 1pt c", "a b c", "a b c"),
    (r"DVIto\kern-.1emVDU", "DVItoVDU", "DVItoVDU"),
    ("Euler-\\kern-1pt VM, Meta\\kern .1em\n  Type1", "Euler-VM, MetaType1", "Euler-VM, MetaType1"),
    (r"(\kern-.1emAMS\kern.05em-)", "(AMS-)", "(AMS-)"),
    (r"BibTeX{\raise.25ex\hbox{c++}} \lower 1,5 pt\hbox{x}", "BibTeXc++ x", "BibTeXc++ x"),
    (r"a \kern pts", "a pts", "a pts"),  # no dimension to skip: nothing is lost
    # \char prints the character its code names
    (r"\char92 x \char'134 \char`\\relax", "\\x \\\\relax", "\\x \\\\relax"),  # spaces skipped
    (r'{\tt\char"7E}\char`a\char`\&', "<code>~</code>a&amp;", "~a&"),
    (r"a\char0 b\char99999999999 c", "abc", "abc"),  # no character: nothing
    # dashes and quotes
    ("pages 1--10", "pages 1–10", "pages 1–10"),
    ("yes---no", "yes—no", "yes—no"),
    ("state-of-the-art", "state-of-the-art", "state-of-the-art"),
    ("``quoted''", "“quoted”", "“quoted”"),
    ("`single'", "‘single&#x27;", "‘single'"),
    ("don't", "don&#x27;t", "don't"),
    ('say "hi"', "say &quot;hi&quot;", 'say "hi"'),
    # protective braces
    ("{B}ERT", "BERT", "BERT"),
    ("{{Deep Learning}}", "Deep Learning", "Deep Learning"),
    ("{{{{{a}}}}}b", "ab", "ab"),
    ("A {M}onte {C}arlo {S}tudy", "A Monte Carlo Study", "A Monte Carlo Study"),
    # unbalanced braces never crash
    ("a}b", "ab", "ab"),
    ("}}a{{b", "ab", "ab"),
    ("{open to the end", "open to the end", "open to the end"),
    (r"\emph{unclosed", "<em>unclosed</em>", "unclosed"),
    # formatting
    (r"\emph{x}", "<em>x</em>", "x"),
    (r"\textit{x}", "<em>x</em>", "x"),
    (r"{\em x} y", "<em>x</em> y", "x y"),
    (r"{\it x} y", "<em>x</em> y", "x y"),
    (r"\textbf{x}", "<strong>x</strong>", "x"),
    (r"{\bf x} y", "<strong>x</strong> y", "x y"),
    (r"{\it a {\bf b} c} d", "<em>a <strong>b</strong> c</em> d", "a b c d"),
    (r"\texttt{grep}", "<code>grep</code>", "grep"),
    (r"\textsc{Ab}", '<span class="research-sc">Ab</span>', "Ab"),
    (r"{\sc Ab}", '<span class="research-sc">Ab</span>', "Ab"),
    (r"1\textsuperscript{st}", "1<sup>st</sup>", "1st"),
    (r"H\textsubscript{2}O", "H<sub>2</sub>O", "H2O"),
    (r"\underline{u}", "<u>u</u>", "u"),
    (r"\textbf x y", "<strong>x</strong> y", "x y"),  # an argument without braces: one token
    (r"\emph{\"{o}}", "<em>ö</em>", "ö"),
    (r"\"{\emph o}", "<em>ö</em>", "ö"),
    (r"\emph{a < b}", "<em>a &lt; b</em>", "a < b"),
    # links
    (
        r"\url{https://example.org/~me/a_b}",
        '<a href="https://example.org/~me/a_b">https://example.org/~me/a_b</a>',
        "https://example.org/~me/a_b",
    ),
    (
        r"\url{http://x.org/a\_b/\%7E}",
        '<a href="http://x.org/a_b/%7E">http://x.org/a_b/%7E</a>',
        "http://x.org/a_b/%7E",
    ),
    (
        r"\url{http://a.b/?x=1&y=2}",
        '<a href="http://a.b/?x=1&amp;y=2">http://a.b/?x=1&amp;y=2</a>',
        "http://a.b/?x=1&y=2",
    ),
    (r"\url{mailto:a@b.c}", '<a href="mailto:a@b.c">mailto:a@b.c</a>', "mailto:a@b.c"),
    (r"\url{../paper.pdf}", '<a href="../paper.pdf">../paper.pdf</a>', "../paper.pdf"),
    (r"\url{a--b}", '<a href="a--b">a--b</a>', "a--b"),  # URLs are verbatim
    (
        r"\href{https://x.org}{the \emph{site}}",
        '<a href="https://x.org">the <em>site</em></a>',
        "the site",
    ),
    (r"\href{HTTPS://x.org}{x}", '<a href="HTTPS://x.org">x</a>', "x"),
    (r"\href{https://a}{\href{https://b}{c}}", '<a href="https://a">c</a>', "c"),  # no nesting
    (r"\url{javascript:alert(1)}", "javascript:alert(1)", "javascript:alert(1)"),
    (r"\href{JaVaScRiPt:alert(1)}{click}", "click", "click"),
    (r"\url{//evil.example}", "//evil.example", "//evil.example"),  # another site
    # math: MathML in HTML, the TeX source in text (a single symbol as its character);
    # nothing inside converted as text
    ("$x^2$", math("x^2"), "x^2"),
    ("$a<b$", math("a<b"), "a<b"),
    (r"$\alpha$-stable", math("\\alpha") + "-stable", "α-stable"),
    (r"z $\sim$ 1", "z " + math("\\sim") + " 1", "z ∼ 1"),
    (r"{\ensuremath{\beta}} Pic", math("\\beta") + " Pic", "β Pic"),  # as NASA ADS writes it
    (r"\ensuremath{x^2", math("x^2"), "x^2"),  # unclosed: to the end
    # the AAS journal macros of NASA ADS exports
    (r"\apj", "ApJ", "ApJ"),
    (r"{\aap}", "A&amp;A", "A&A"),
    (r"\mnras Letters", "MNRAS Letters", "MNRAS Letters"),
    ("$a--b$ a--b", math("a--b") + " a–b", "a--b a–b"),
    (r"$\mathcal{O}(n)$ {T}ime", math("\\mathcal{O}(n)") + " Time", "\\mathcal{O}(n) Time"),
    ("$$E=mc^2$$", math("E=mc^2", display=True), "E=mc^2"),
    (r"\(x\) and \[y\]", math("x") + " and " + math("y", display=True), "x and y"),
    (r"costs \$5 or \$6", "costs $5 or $6", "costs $5 or $6"),
    (r"$a\$b$", math("a\\$b"), "a\\$b"),
    ("a lone $ sign", "a lone $ sign", "a lone $ sign"),
    ("$$x$", "$" + math("x"), "$x"),
    (r"\( unclosed", "( unclosed", "( unclosed"),
    # math that cannot be MathML: as written, escaped
    (r"$x^{2$ and $\foo{y}$", r"$x^{2$ and $\foo{y}$", r"x^{2 and \foo{y}"),
    (r"\(x<^\)", r"\(x&lt;^\)", "x<^"),
    (r"\[\frac{1}\]", r"\[\frac{1}\]", r"\frac{1}"),
    # unknown and dropped commands
    (r"\foo{x}", "x", "x"),
    (r"\mbox{A} \textrm{B}", "A B", "A B"),
    (r"\unknown word", "word", "word"),
    (r"as shown \cite{knuth84}.", "as shown .", "as shown ."),
    (r"see \cite[p.~4]{knuth84} now", "see now", "see now"),
    (r"\label{sec:x}Title", "Title", "Title"),
    (r"{\noopsort{a}}Title", "Title", "Title"),
    (r"first\newblock second", "first second", "first second"),
    ("trailing backslash \\", "trailing backslash", "trailing backslash"),
    # tags that exports leave in titles are formatting, never shown as tags
    ("<b>bold</b> & co", "<strong>bold</strong> &amp; co", "bold & co"),
    ("CO<sub>2</sub> &amp; H<sub>2</sub>O", "CO<sub>2</sub> &amp; H<sub>2</sub>O", "CO2 & H2O"),
    # everything else is text
    ("a <blink>b</blink> < c", "a &lt;blink&gt;b&lt;/blink&gt; &lt; c", "a <blink>b</blink> < c"),
    ("x^2 and a_b", "x^2 and a_b", "x^2 and a_b"),
    ("", "", ""),
]


@pytest.mark.parametrize(("source", "expected_html", "expected_text"), CASES)
def test_conversion(source: str, expected_html: str, expected_text: str) -> None:
    assert latex_to_html(source) == expected_html
    assert latex_to_text(source) == expected_text


def test_tables_are_substantial() -> None:
    assert len(ACCENTS) + len(CASES) >= 60


# --------------------------------------------------------------------------------------
# Safety: an allow-list of tags and attributes.
# --------------------------------------------------------------------------------------

SIMPLE_TAGS = {"em", "strong", "code", "sup", "sub", "u"}
SPAN_CLASSES = {"research-sc"}
SAFE_SCHEMES = {"http", "https", "mailto"}
#: MathML elements that only lay out text, and presentation attributes (no href, no style).
MATHML_TAGS = {
    *("semantics", "annotation", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "msub"),
    *("msup", "msubsup", "munder", "mover", "munderover", "mfrac", "msqrt", "mroot"),
    *("mstyle", "mpadded", "mphantom", "mtable", "mtr", "mtd", "menclose", "merror"),
}  # fmt: skip
MATHML_ATTRIBUTES = {
    *("accent", "columnalign", "columnlines", "columnspacing", "rowspacing", "depth"),
    *("height", "width", "voffset", "lspace", "rspace", "linethickness", "displaystyle"),
    *("scriptlevel", "fence", "form", "stretchy", "movablelimits", "minsize", "maxsize"),
    *("mathvariant", "mathcolor", "notation", "linebreak", "accentunder", "rowalign"),
    *("rowlines", "columnspan", "rowspan", "frame", "framespacing", "separator"),
    *("symmetric", "largeop", "mathsize", "mathbackground"),
}  # fmt: skip


def mathml_is_safe(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    if tag == "math":
        return dict(attrs).get("class") == "research-math" and set(dict(attrs)) <= {
            "class",
            "display",
        }
    if tag == "annotation":
        return attrs == [("encoding", "application/x-tex")]
    return tag in MATHML_TAGS and all(name in MATHML_ATTRIBUTES for name, _ in attrs)


def href_is_safe(url: str) -> bool:
    """What a browser would do with the (already unescaped) attribute value."""
    compact = re.sub(r"[\x00-\x20\x7f-\x9f\s]", "", url)
    scheme = re.match(r"([^:/?#]*):", compact)
    if scheme:
        return scheme.group(1).lower() in SAFE_SCHEMES
    return bool(compact) and not compact.startswith(("//", "\\", "/\\"))


class AllowList(HTMLParser):
    """Collects everything in an HTML fragment that is not on the allow-list."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SIMPLE_TAGS:
            ok = not attrs
        elif tag == "span":
            ok = len(attrs) == 1 and attrs[0][0] == "class" and attrs[0][1] in SPAN_CLASSES
        elif tag == "a":
            ok = len(attrs) == 1 and attrs[0][0] == "href" and href_is_safe(attrs[0][1] or "")
        else:
            ok = mathml_is_safe(tag, attrs)
        if not ok:
            self.problems.append(f"<{tag} {attrs}>")
        self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems.append(f"<{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open.pop() != tag:
            self.problems.append(f"</{tag}> closes nothing")

    def handle_comment(self, data: str) -> None:
        self.problems.append("comment")

    def handle_decl(self, decl: str) -> None:
        self.problems.append("declaration")

    def handle_pi(self, data: str) -> None:
        self.problems.append("processing instruction")

    def unknown_decl(self, data: str) -> None:
        self.problems.append("unknown declaration")


def unsafe_parts(fragment: str) -> list[str]:
    parser = AllowList()
    parser.feed(fragment)
    parser.close()
    return parser.problems + [f"<{tag}> left open" for tag in parser.open]


def assert_safe(fragment: str) -> None:
    assert unsafe_parts(fragment) == [], fragment


def test_the_checker_itself_catches_unsafe_markup() -> None:
    assert unsafe_parts('<a href="javascript:x">a</a>')
    assert unsafe_parts('<a href=" java\tscript:x">a</a>')
    assert unsafe_parts('<em onclick="x">a</em>')
    assert unsafe_parts('<span class="evil">a</span>')
    assert unsafe_parts("<img src=x onerror=alert(1)>")
    assert unsafe_parts("<em>unclosed")
    assert unsafe_parts('<math class="research-math"><mrow href="javascript:x">a</mrow></math>')
    assert unsafe_parts('<math class="research-math"><mtext><img src=x></mtext></math>')
    assert unsafe_parts('<math><mi style="x">a</mi></math>')
    assert not unsafe_parts('<em>a</em> <a href="https://x">b</a> &lt;script&gt;')


BAD_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java script:alert(1)",
    "\x01javascript:alert(1)",
    "javascript\\:alert(1)",  # \: unescapes to a colon
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    " VbScript :msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",
    "\\\\evil.example\\x",
]

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "<!-- comment --><![CDATA[x]]><?pi?>",
    r"\emph{<script>}alert(1)\emph{</script>}",
    r"\textsc{\"><img src=x onerror=alert(1)>}",
    r"$</span><script>alert(1)</script>$",
    r"$$<img src=x onerror=alert(1)>$$",
    r"\(<b onmouseover=alert(1)>\)",
    r"$\text{<img src=x onerror=alert(1)>}$",
    r"$\text{</mtext></math><script>alert(1)</script>}$",
    r"$\href{javascript:alert(1)}{x}$",
    r"$\style{background:url(javascript:alert(1))}{x}$ $\class{evil}{x}$ $\cssId{a}{x}$",
    r"$\mathrm{\<}\unicode{<script>}$",
    r'\href{https://ok.example/" onmouseover="alert(1)}{x}',
    r'\url{https://ok.example/"><script>alert(1)</script>}',
    r"\href{https://ok.example}{<img src=x onerror=alert(1)>}",
    r"\url{https://x\}\}\}<script>}",
    r"{\em \url{javascript:alert(1)}",
    r"\href{\url{javascript:alert(1)}}{x}",
    r"\'<script>",
    r"\emph<script>",
    r"\textbf{\emph{\texttt{\textsc{deep}",
    "}}}</em></strong>{{{",
    "&lt;script&gt; &amp; &#60;script&#62;",
    r"\url{jav&#x09;ascript:alert(1)}",  # the & is escaped: a harmless relative URL
    *(rf"\url{{{url}}}" for url in BAD_URLS),
    *(rf"\href{{{url}}}{{click}}" for url in BAD_URLS),
]


@pytest.mark.parametrize("url", BAD_URLS)
def test_unsafe_urls_are_never_links(url: str) -> None:
    for source in (
        rf"\url{{{url}}}",
        rf"\href{{{url}}}{{click}}",
        rf"\href{{{url}}}{{\emph{{x}}}}",
    ):
        out = latex_to_html(source)
        assert "<a" not in out, source
        assert_safe(out)
    assert latex_to_html(rf"\href{{{url}}}{{click}}") == "click"


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_input_is_inert(source: str) -> None:
    out = latex_to_html(source)
    assert_safe(out)
    assert "<script" not in out
    assert "<img" not in out
    assert "<svg" not in out


def test_math_that_cannot_be_mathml_is_reported_with_the_reason() -> None:
    assert latex_math_problems(r"fine $\ell_1$ and \(O(n)\) and \$5") == []
    assert latex_math_problems(r"$x^{2$, $\foo$, \[x^\] and $\def\a{b}$") == [
        "the math '$x^{2$' is shown as written: its braces are unbalanced; every '{' needs "
        "a '}' (write \\{ for a brace)",
        "the math '$\\foo$' is shown as written: \\foo is not supported in math on this site",
        "the math '\\[x^\\]' is shown as written: '^' or '_' has nothing after it",
        "the math '$\\def\\a{b}$' is shown as written: it defines commands, which data "
        "fields cannot do",
    ]


def test_raw_html_is_shown_as_text() -> None:
    assert latex_to_html("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert latex_to_html("<img onerror=x>") == "&lt;img onerror=x&gt;"
    assert latex_to_text("<img onerror=x>") == "<img onerror=x>"  # text is escaped by its user


def test_attribute_injection_in_a_safe_url_stays_inside_the_attribute() -> None:
    out = latex_to_html(r'\href{https://ok.example/" onmouseover="alert(1)}{x}')
    assert out == '<a href="https://ok.example/&quot; onmouseover=&quot;alert(1)">x</a>'
    assert_safe(out)


# --------------------------------------------------------------------------------------
# Properties over arbitrary input.
# --------------------------------------------------------------------------------------

#: Pieces that exercise every branch of the tokenizer when strung together at random.
LATEX_PIECES = [
    "\\", "{", "}", "$", "$$", "~", "-", "--", "---", "`", "``", "'", "''", '"', " ", "\n",
    "<", ">", "&", "a", "o", "i", "\\i", "\\\"", "\\'", "\\v", "\\t", "\\c ", "\\emph", "\\em",
    "\\bf", "\\textsc", "\\url", "\\href", "\\cite", "\\cite[", "]", "\\(", "\\)", "\\[", "\\]",
    "\\\\", "\\~", "\\^", "\\$", "\\{", "\\}", "\\LaTeX", "\\foo", "\\ss", "\\,", "\\noopsort",
    "javascript:", "JaVa\tScRiPt:", "http://x", "data:", "<script>", "onerror=",
    # markup that publishers' exports leave in titles
    "<mml:math>", "</mml:math>", "<mml:mi>", "</mml:mi>", '<mml:mo onclick="x">', "<math>",
    "<mml:annotation>", "</mml:annotation>", "<inline-formula>", "</inline-formula>",
    '<tex-math notation="LaTeX">', "</tex-math>", "<sub>", "</sub>", "<i>", "</i>", "<xref>",
    "</xref>", "&amp;", "&#60;", "&lt;", "<alternatives>", "<inline-graphic/>",
]  # fmt: skip
latex_soup = st.lists(st.sampled_from(LATEX_PIECES) | st.text(max_size=3), max_size=40).map("".join)


def collapse(text: str) -> str:
    return re.sub(r"[ \t\n\r\f\v]+", " ", text).strip(" ")


@given(st.text())
def test_any_text_converts_to_safe_html(text: str) -> None:
    assert_safe(latex_to_html(text))
    assert isinstance(latex_to_text(text), str)


@settings(max_examples=500)
@given(latex_soup)
def test_any_latex_soup_converts_to_safe_html(text: str) -> None:
    assert_safe(latex_to_html(text))
    assert isinstance(latex_to_text(text), str)


#: Text with nothing to convert: no LaTeX, and no tag or entity an export leaves behind.
plain = st.text(
    alphabet=st.characters(blacklist_characters="\\{}$~`", blacklist_categories=("Cs",))
).filter(lambda s: "--" not in s and "''" not in s and read_markup(s) is None)


@given(plain)
def test_plain_text_round_trips(text: str) -> None:
    assert latex_to_text(text) == collapse(text)
    assert latex_to_html(text) == html.escape(collapse(text))


@given(plain)
def test_fast_path_and_full_parser_agree(text: str) -> None:
    # an empty group sends the text through the tokenizer instead of the fast path
    assert latex_to_text(text + "{}") == collapse(text)
    assert latex_to_html("{}" + text) == html.escape(collapse(text))


@given(latex_soup)
def test_text_has_no_markup_from_the_converter(text: str) -> None:
    out = latex_to_text(text)
    for tag in ("<em>", "<strong>", "<code>", "<span", "<a href", "\\(", "&amp;"):
        if tag not in text:
            assert tag not in out


# --------------------------------------------------------------------------------------
# Extremes: deep nesting and megabytes, without recursion or quadratic behaviour.
# --------------------------------------------------------------------------------------


def test_ten_thousand_nested_braces() -> None:
    deep = "{" * 10_000 + "x" + "}" * 10_000
    assert latex_to_html(deep) == "x"
    assert latex_to_text(deep) == "x"
    assert latex_to_text("{" * 10_000 + "unclosed") == "unclosed"
    assert latex_to_text("}" * 10_000 + "unopened") == "unopened"


def test_ten_thousand_nested_commands() -> None:
    deep = r"\emph{" * 10_000 + "x" + "}" * 10_000
    assert latex_to_html(deep) == "<em>" * 10_000 + "x" + "</em>" * 10_000
    assert_safe(latex_to_html(r"\textbf{\emph{" * 5_000 + "x"))
    assert latex_to_text(r"\"{" * 10_000 + "o") == "ö" + "\u0308" * 9_999  # stacked accents


@pytest.mark.slow
def test_three_megabytes_of_everything() -> None:
    unit = r"Caf\'e {\bf x} $a<b$ -- \url{http://x.org} ``q'' {\"o} \cite{k} \emph{y "
    text = unit * (3_000_000 // len(unit))
    out = latex_to_html(text)
    assert out.count("<strong>") == out.count("</strong>") == 3_000_000 // len(unit)
    assert out.startswith("Café <strong>x</strong> " + math("a<b") + " – <a href=")
    assert latex_to_text(text).startswith("Café x a<b – http://x.org “q” ö y Café")


@pytest.mark.slow
@pytest.mark.parametrize(
    "unit",
    ["{", "}", "$", "$$ ", "\\(", r"\url{", r"\cite[", r"\emph{", r"\"{", "\\", "~-", "Prose. "],
)
def test_pathological_repetition_is_linear(unit: str) -> None:
    # quadratic scanning would not finish: 300 KB squared is ~10^11 steps
    text = unit * (300_000 // len(unit))
    assert_safe(latex_to_html(text))
    assert isinstance(latex_to_text(text), str)


def test_memoised() -> None:
    source = r"Memoised {\"o} title"
    latex_to_html(source)
    hits = latex_to_html.cache_info().hits
    assert latex_to_html(source) == "Memoised ö title"
    assert latex_to_html.cache_info().hits == hits + 1
    latex_to_text(source)
    hits = latex_to_text.cache_info().hits
    latex_to_text(source)
    assert latex_to_text.cache_info().hits == hits + 1
