"""Property-based tests: no input crashes a loader or a converter, whatever comes out of the
data is safe HTML once rendered through the packaged templates, and plain text survives.

Strategies mix arbitrary text with structured BibTeX-like and YAML-like text, and with the
hostile values a visitor must never see executed. Each property runs a modest number of
examples so that the suite stays fast.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import bibtexparser
import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_latex import MATHML_ATTRIBUTES, MATHML_TAGS

from mkdocs_research.bibtex import load_bibtex
from mkdocs_research.context import RenderContext
from mkdocs_research.cv import load_cv
from mkdocs_research.extras import load_extras
from mkdocs_research.latex import latex_to_html, latex_to_text
from mkdocs_research.markup import read_markup
from mkdocs_research.model import Problem
from mkdocs_research.news import load_news
from mkdocs_research.options import Options
from mkdocs_research.profile import LINK_KINDS, load_profile
from mkdocs_research.prose import markdown_inline, markdown_to_html, markdown_to_text
from mkdocs_research.queries import group
from mkdocs_research.rendering import Renderer
from mkdocs_research.resume_formats import load_json_resume, load_rendercv
from mkdocs_research.talks import load_talks
from mkdocs_research.yamlfile import load_yaml

pytestmark = pytest.mark.slow

EXAMPLES = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

RENDERER = Renderer(Options.from_mapping(Path(__file__).parent, {}))

# --------------------------------------------------------------------------------------
# The safety check: an allow-list over what html.parser sees
# --------------------------------------------------------------------------------------

#: Every element the packaged templates, the LaTeX converter and safe Markdown produce.
ALLOWED_TAGS = {
    *("div", "span", "ol", "ul", "li", "a", "em", "strong", "code", "pre", "sup", "sub", "u"),
    *("p", "h1", "h2", "h3", "h4", "h5", "h6", "details", "summary", "button", "img"),
    *("section", "article", "br", "hr", "blockquote", "form", "input", "select", "option"),
    "math",
    *MATHML_TAGS,
}
ALLOWED_ATTRIBUTES = {
    *("class", "id", "href", "src", "alt", "title", "type", "loading", "role", "start"),
    *("placeholder", "value", "colspan", "display", "encoding"),
    *MATHML_ATTRIBUTES,
}
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
VOID = {"br", "hr", "img", "input"}


def url_is_safe(url: str) -> bool:
    compact = _INVISIBLE.sub("", url)
    if match := _SCHEME.match(compact):
        return match.group(1).lower() in {"http", "https", "mailto"}
    return not compact.startswith(("//", "\\", "/\\"))


class AllowList(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if not (name in ALLOWED_ATTRIBUTES or name.startswith(("data-", "aria-"))):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in {"href", "src"} and not url_is_safe(value or ""):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if tag in self.open:
            while self.open.pop() != tag:
                pass
        else:
            self.problems.append(f"</{tag}> closes nothing")

    def handle_comment(self, data: str) -> None:
        self.problems.append("<!-- comment -->")

    def handle_decl(self, decl: str) -> None:
        self.problems.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.problems.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.problems.append(f"<![{data}]>")


def assert_safe(fragment: str) -> None:
    parser = AllowList()
    parser.feed(fragment)
    parser.close()
    assert parser.problems == [], fragment[:2000]
    assert parser.open == [], fragment[:2000]


def test_the_checker_catches_unsafe_markup() -> None:
    for bad in (
        "<script>x</script>",
        '<a href=" JaVa\tScRiPt:x">a</a>',
        '<img src="data:image/png;base64,AA">',
        '<em onclick="x">a</em>',
        '<p style="x">a</p>',
        "<iframe></iframe>",
        "<em>unclosed",
        '<a href="//evil.example/">a</a>',
        "<!-- x -->",
    ):
        parser = AllowList()
        parser.feed(bad)
        parser.close()
        assert parser.problems or parser.open, bad


# --------------------------------------------------------------------------------------
# Strategies
# --------------------------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "' onmouseover='alert(1)",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " java\tscript:alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "[x](javascript:alert(1))",
    "![x](data:image/png;base64,AAAA)",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "\\href{javascript:alert(1)}{x}",
    "\\url{javascript:alert(1)}",
    "{{ config }}",
    "{% raw %}",
    "&#106;avascript:alert(1)",
    "<!-- x -->",
    "<style>*{}</style>",
    "https://example.org/ok",
    "mailto:a@example.org",
    "$<script>$",
    "`<b>`",
    "*em* **strong**",
    "- item\n- item",
    "<br>",
]

hostile = st.sampled_from(HOSTILE)
#: Texts as they occur in data: arbitrary, hostile, or both glued together.
texts = st.one_of(
    st.text(max_size=30),
    hostile,
    st.lists(st.one_of(hostile, st.text(max_size=8)), min_size=1, max_size=4).map("".join),
)
dates = st.one_of(
    st.sampled_from(["2020", "2021-05", "2021-05-03", "May 2021", "2019 – 2021", "present"]),
    st.sampled_from(["2021 – present", "not a date", "2021-13-01", "", "0"]),
    st.integers(1900, 2100),
    texts,
)
scalars = st.one_of(texts, st.integers(-(10**6), 10**6), st.booleans(), st.none(), dates)


def maybe(fields: dict[str, st.SearchStrategy]) -> st.SearchStrategy[dict[str, Any]]:
    """Mappings with any subset of ``fields``, plus now and then an unknown key or a value
    of the wrong type."""
    return st.fixed_dictionaries(
        {},
        optional={
            **fields,
            "unknown": scalars,
            "title_as_list": st.lists(texts, max_size=2),
        },
    )


links = st.dictionaries(
    st.sampled_from([*LINK_KINDS, "myspace"]), st.one_of(texts, scalars), max_size=5
)
profile_values = maybe(
    {
        "name": texts,
        "aliases": st.lists(texts, max_size=2),
        "position": texts,
        "affiliation": texts,
        "photo": texts,
        "email": texts,
        "emails": st.lists(texts, max_size=2),
        "links": st.one_of(links, texts),
        "summary": texts,
        "metrics": st.dictionaries(
            st.sampled_from(["citations", "h_index", "i10_index", "as_of", "x"]), scalars
        ),
    }
)
talk_values = maybe(
    {
        "date": dates,
        "title": texts,
        "event": texts,
        "location": texts,
        "type": texts,
        "note": texts,
        **{k: texts for k in ("url", "slides", "video", "poster", "code", "paper")},
    }
)
news_values = maybe({"date": dates, "text": texts})
cv_entry_values = st.one_of(
    texts,
    maybe(
        {
            **{k: dates for k in ("dates", "date", "period", "year")},
            **{
                k: texts
                for k in (
                    *("when", "location", "description", "url", "degree", "institution"),
                    *("advisor", "thesis", "distinction", "position", "organisation"),
                    *("focus", "role", "course", "mentee", "supervisor", "text", "group"),
                    "venue",
                )
            },
            **{
                k: st.lists(st.one_of(texts, dates), max_size=3)
                for k in ("outcomes", "venues", "years")
            },
        }
    ),
)
cv_values = maybe(
    {
        "id": st.one_of(
            st.sampled_from(["education", "experience", "teaching", "mentoring", "awards"]),
            st.sampled_from(["reviewing", "service", "misc", "work", "honors"]),
            texts,
        ),
        "title": texts,
        "kind": st.one_of(
            st.sampled_from(["education", "experience", "teaching", "mentoring", "awards"]),
            st.sampled_from(["service", "text", "nonsense"]),
        ),
        "order": st.sampled_from(["file", "newest", "oldest", "sideways"]),
        "entries": st.one_of(st.lists(cv_entry_values, max_size=4), texts),
    }
)
#: ``publications.yml`` values: every custom field, with hostile values. A custom link's
#: ``icon`` is a known icon or any text, hostile too: it never becomes markup (see
#: test_robustness.py::test_a_custom_link_icon_cannot_inject_markup).
custom_link = st.fixed_dictionaries(
    {"label": texts, "url": texts},
    optional={"icon": st.one_of(st.sampled_from(["code", "pdf", "website"]), texts)},
)
extra_values = maybe(
    {
        **{
            k: texts
            for k in (
                *("abbr", "annotation", "additional_info", "award", "award_name", "abstract"),
                *("pdf", "code", "html", "slides", "video", "doi", "arxiv", "hal", "preview"),
                *("category", "stars", "display_title", "display_venue", "display_year"),
                "project",
            )
        },
        "keywords": st.one_of(texts, st.lists(texts, max_size=3)),
        "also": st.one_of(
            texts,
            st.lists(st.one_of(texts, st.fixed_dictionaries({"venue": texts, "award": texts}))),
        ),
        "links": st.one_of(st.lists(custom_link, max_size=2), texts),
        "selected": scalars,
        "bibtex_show": scalars,
        "show_authors": scalars,
    }
)

# BibTeX-like text: the pieces every branch of the splitter and of our repairs looks at.
BIB_PIECES = [
    *("@article{", "@misc(", "@string{", "@comment{", "@preamble{", "@STRING(", "@"),
    *("k", "key", ",", "=", " title = ", " author = ", " year = ", " journal = ", " pdf = "),
    *("{", "}", "{", "}", '"', '"', "(", ")", "#", " # ", "\n", "\r\n", " ", "\t"),
    *(" and ", " and", "and ", "Doe, Jane", "Jane Doe*", "others", "2020", "jan", "nips"),
    *("$", "\\", "\\emph", "\\href{", "\\'", "%", "\ufeff", "~", "--", "``", "''"),
]
bib_like = st.one_of(
    st.lists(st.one_of(st.sampled_from(BIB_PIECES), hostile, st.text(max_size=3)), max_size=50).map(
        "".join
    ),
    st.text(max_size=200),
)

# YAML-like text: indentation, keys, lists, quotes, flow collections, anchors, tags, traps.
YAML_PIECES = [
    *("\n", "\n  ", "\n    ", "\n- ", "\n  - ", "- ", ": ", ":", " ", "\t", "#", "---", "..."),
    *("name", "title", "date", "text", "id", "entries", "links", "kind", "<<", "?"),
    *("'", '"', "[", "]", "{", "}", ",", "&a ", "*a", "!!str ", "!!python/name:os ", "!x "),
    *("yes", "no", "NO", "on", "3.10", "10:30", "2021-05-03", "null", "~", "|", ">", "%"),
    *("\\", "\\x02", "\ufeff", "\x85", "\u2028", "0o17", "1e3", ".nan"),
]
yaml_like = st.one_of(
    st.lists(
        st.one_of(st.sampled_from(YAML_PIECES), hostile, st.text(max_size=3)), max_size=40
    ).map("".join),
    st.text(max_size=200),
)


def _yaml_text(value: Any) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=1_000_000)


# --------------------------------------------------------------------------------------
# BibTeX
# --------------------------------------------------------------------------------------


def _check_problems(problems: list[Problem], text: str, file: str, unique: bool = True) -> None:
    # YAML also breaks lines at \r, U+0085, U+2028 and U+2029.
    lines = len(re.findall(r"\r\n|[\r\n\x85\u2028\u2029]", text)) + 2
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.file == file
        assert problem.line is None or 1 <= problem.line <= lines, problem
        assert problem.message.strip()
    # A problem is said once, even where several failed blocks on one line read alike (see
    # test_robustness.py::test_failed_blocks_on_one_line_are_reported_once).
    if unique:
        assert len(set(problems)) == len(problems), "a problem is reported twice"


def _render_publications(publications: list) -> None:
    for style in ("full", "compact"):
        for by in ("year", "type", "category", None):
            context = RenderContext("a/", search=True)
            html, search = RENDERER.publications(group(publications, by), style, context, True)
            assert_safe(html)
            assert_safe(search)
    for publication in publications[:3]:
        assert_safe(RENDERER.publication(publication, RenderContext()))
        assert_safe(RENDERER.bibtex(publication))
        assert_safe(RENDERER.publication_page(publication, "publications/x/"))


@EXAMPLES
@given(st.text())
def test_load_bibtex_never_raises_on_any_text(text: str) -> None:
    publications, problems = load_bibtex(text, "data/x.bib")
    _check_problems(problems, text, "data/x.bib")
    assert all(isinstance(p.key, str) for p in publications)


@EXAMPLES
@given(bib_like)
def test_bibtex_like_text_loads_and_renders_safely(text: str) -> None:
    publications, problems = load_bibtex(text, "data/x.bib")
    _check_problems(problems, text, "data/x.bib")
    _render_publications(publications)


#: Field values the splitter reads back exactly: no braces, quotes, backslashes or ``@``,
#: single spaces, nothing at the ends.
word = st.text(
    alphabet=st.characters(
        categories=("L", "N"),
        include_characters=".,:;!?'-()[]<>&/*+=_|^",
        exclude_characters="\x85",
    ),
    min_size=1,
    max_size=12,
)
plain = st.lists(word, min_size=1, max_size=6).map(" ".join)
citekey = st.from_regex(r"[a-z][a-z0-9_:-]{0,10}", fullmatch=True)
plain_fields = st.dictionaries(
    st.sampled_from(["journal", "booktitle", "note", "publisher", "keywords", "address"]),
    plain,
    max_size=4,
)


@EXAMPLES
@given(st.lists(st.tuples(citekey, plain, st.integers(1900, 2100), plain_fields), max_size=4))
def test_plain_bibtex_round_trips_through_load_and_export(entries: list) -> None:
    entries = list({key: (key, *rest) for key, *rest in entries}.values())
    text = ""
    for key, title, year, fields in entries:
        body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields.items())
        text += f"@article{{{key},\n  title = {{{title}}},\n{body}  year = {year},\n}}\n\n"
    publications, problems = load_bibtex(text, "data/x.bib")
    assert problems == []
    assert [p.key for p in publications] == [key for key, *_ in entries]
    exported = bibtexparser.parse_string("\n\n".join(p.bibtex for p in publications))
    assert exported.failed_blocks == []
    for publication, (_, title, year, fields), back in zip(
        publications, entries, exported.entries, strict=True
    ):
        expected = {"title": title, **fields, "year": str(year)}
        assert publication.fields == expected
        assert publication.year == year
        assert {f.key: f.value.strip("{}") for f in back.fields} == expected


# --------------------------------------------------------------------------------------
# LaTeX and Markdown
# --------------------------------------------------------------------------------------

latex_like = st.lists(
    st.one_of(st.sampled_from(BIB_PIECES), hostile, st.text(max_size=4)), max_size=40
).map("".join)


@EXAMPLES
@given(st.one_of(st.text(), latex_like))
def test_latex_converters_never_raise_and_html_is_safe(text: str) -> None:
    assert_safe(latex_to_html(text))
    assert isinstance(latex_to_text(text), str)


@EXAMPLES
@given(st.lists(word, min_size=1, max_size=8).map(" ".join))
def test_plain_text_round_trips(text: str) -> None:
    assume("--" not in text and "''" not in text)
    assume(read_markup(text) is None)  # no tag or entity of a publisher's export
    assert latex_to_text(text) == text
    assert latex_to_html(text) == html.escape(text)


@EXAMPLES
@given(
    st.one_of(st.text(), st.lists(st.one_of(hostile, st.text(max_size=6)), max_size=8).map("".join))
)
def test_markdown_from_data_is_safe(text: str) -> None:
    assert_safe(markdown_to_html(text))
    assert_safe(markdown_inline(text))
    assert isinstance(markdown_to_text(text), str)


@EXAMPLES
@given(
    st.lists(
        st.text(alphabet=st.characters(categories=("L", "N")), min_size=1, max_size=10),
        min_size=1,
        max_size=8,
    ).map(" ".join)
)
def test_plain_prose_round_trips(text: str) -> None:
    assert markdown_to_text(text) == text
    assert markdown_inline(text) == html.escape(text)


# --------------------------------------------------------------------------------------
# YAML and every YAML data loader
# --------------------------------------------------------------------------------------

LOADERS: dict[str, Callable[[Any, str], tuple[Any, list[Problem]]]] = {
    "profile": load_profile,
    "talks": load_talks,
    "news": load_news,
    "cv": load_cv,
    "publications": lambda value, file: load_extras(value, file, {"k", "x"}),
}


def _render_all(kind: str, model: Any) -> None:
    if kind == "profile":
        show = dict.fromkeys(("name", "photo", "position", "links", "summary", "metrics"), True)
        assert_safe(RENDERER.profile(model, show, RenderContext("a/b/")))
    elif kind == "talks":
        assert_safe(RENDERER.talks([("2020", model)], RenderContext("a/")))
    elif kind == "news":
        assert_safe(RENDERER.news(model, RenderContext()))
    elif kind == "cv":
        assert_safe(RENDERER.cv(model, True, RenderContext("cv/")))


def _load_everything(value: Any, file: str, located: bool = True) -> None:
    """Every loader on one value; values that did not come from load_yaml have no lines,
    so their problems may read alike."""
    for kind, load in LOADERS.items():
        model, problems = load(value, file)
        _check_problems(problems, "\n" * 10_000, file, unique=located)
        _render_all(kind, model)


@EXAMPLES
@given(st.one_of(st.text(), yaml_like))
def test_load_yaml_and_every_loader_never_raise(text: str) -> None:
    value, problems = load_yaml(text, "data/x.yml")
    _check_problems(problems, text, "data/x.yml")
    _load_everything(value, "data/x.yml")


@EXAMPLES
@given(profile_values)
def test_profile_from_yaml_renders_safely(value: dict) -> None:
    loaded, problems = load_yaml(_yaml_text(value), "data/profile.yml")
    assert all(p.line is not None for p in problems)
    profile, problems = load_profile(loaded, "data/profile.yml")
    assert all(p.file == "data/profile.yml" for p in problems)
    _render_all("profile", profile)


@EXAMPLES
@given(st.one_of(st.lists(st.one_of(talk_values, scalars), max_size=4), scalars))
def test_talks_from_yaml_render_safely(value: Any) -> None:
    loaded, _ = load_yaml(_yaml_text(value), "data/talks.yml")
    talks, problems = load_talks(loaded, "data/talks.yml")
    _check_problems(problems, "\n" * 10_000, "data/talks.yml")
    _render_all("talks", talks)


@EXAMPLES
@given(st.one_of(st.lists(st.one_of(news_values, scalars), max_size=4), scalars))
def test_news_from_yaml_renders_safely(value: Any) -> None:
    loaded, _ = load_yaml(_yaml_text(value), "data/news.yml")
    news, problems = load_news(loaded, "data/news.yml")
    _check_problems(problems, "\n" * 10_000, "data/news.yml")
    _render_all("news", news)


@EXAMPLES
@given(st.one_of(st.lists(st.one_of(cv_values, scalars), max_size=4), scalars))
def test_cv_from_yaml_renders_safely(value: Any) -> None:
    loaded, _ = load_yaml(_yaml_text(value), "data/cv.yml")
    sections, problems = load_cv(loaded, "data/cv.yml")
    _check_problems(problems, "\n" * 10_000, "data/cv.yml")
    _render_all("cv", sections)


@FEW
@given(
    st.dictionaries(
        st.sampled_from(["k", "x", "kk", "y"]), st.one_of(extra_values, scalars), max_size=3
    ),
    st.sampled_from(
        [
            "@article{k, title = {T}, author = {Doe, Jane}, year = 2020}",
            "@phdthesis{k, title = {T}, school = {S}, type = {PhD}, year = {forthcoming}}",
            "@misc{k, title = {T}}",
        ]
    ),
)
def test_publications_yml_extras_render_safely(value: dict, bib: str) -> None:
    loaded, _ = load_yaml(_yaml_text(value), "data/publications.yml")
    (publication,), _ = load_bibtex(bib, "data/x.bib")
    extras, problems = load_extras(loaded, "data/publications.yml", {"k": publication})
    # A word repeated among several URLs is refused once per repetition (see
    # test_robustness.py::test_a_repeated_stray_word_in_publications_yml_is_reported_once):
    # only those repeats are let through.
    refused = [p for p in problems if "is not a link this site can show" in p.message]
    problems = [p for p in problems if p not in refused] + list(dict.fromkeys(refused))
    _check_problems(problems, "\n" * 10_000, "data/publications.yml")
    publication.extras = extras.get("k", {})
    _render_publications([publication])


#: JSON-like data: what a YAML file can hold. PyYAML's own writer does not round-trip U+0085
#: (NEL) inside quotes, so it is left out; so are NUL and the bidirectional controls, which the
#: loader drops on purpose (see ``mkdocs_research.characters``).
_KEPT = st.characters(
    exclude_characters="\x85\x00\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_yaml_text_chars = st.text(alphabet=_KEPT, max_size=20)
json_like = st.recursive(
    st.one_of(_yaml_text_chars, st.integers(-(10**9), 10**9), st.booleans(), st.none()),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.text(alphabet=_KEPT, min_size=1, max_size=8).filter(lambda k: k != "<<"),
            children,
            max_size=4,
        )
    ),
    max_leaves=15,
)


@EXAMPLES
@given(json_like)
def test_yaml_round_trips_what_a_yaml_writer_wrote(value: Any) -> None:
    """Whatever a YAML library writes reads back as the same data, without a problem."""
    loaded, problems = load_yaml(_yaml_text(value), "data/x.yml", boolean_keys=frozenset())
    assert problems == []
    assert loaded == value


@FEW
@given(json_like)
def test_any_shape_of_data_in_any_loader(value: Any) -> None:
    _load_everything(value, "data/x.yml", located=False)


# --------------------------------------------------------------------------------------
# JSON Resume and RenderCV files
# --------------------------------------------------------------------------------------

#: A field of a resume entry: what the schemas expect, or anything JSON can hold.
resume_value = st.one_of(scalars, json_like, st.lists(st.one_of(texts, json_like), max_size=3))
resume_entry = st.dictionaries(
    st.sampled_from(
        [
            *("name", "position", "institution", "area", "studyType", "startDate", "endDate"),
            *("summary", "highlights", "url", "title", "date", "awarder", "keywords", "level"),
            *("company", "location", "degree", "label", "details", "issuer", "publisher"),
        ]
    ),
    resume_value,
    max_size=6,
)
json_resume = st.one_of(
    json_like,
    st.fixed_dictionaries(
        {},
        optional={
            "basics": st.one_of(
                st.dictionaries(
                    st.sampled_from(
                        ["name", "label", "image", "email", "url", "summary", "profiles"]
                    ),
                    resume_value,
                ),
                resume_value,
            ),
            **{
                key: st.one_of(st.lists(st.one_of(resume_entry, resume_value), max_size=3), scalars)
                for key in (
                    *("work", "volunteer", "education", "awards", "publications", "skills"),
                    *("languages", "interests", "projects", "certificates", "references"),
                )
            },
        },
    ),
)
rendercv = st.one_of(
    json_like,
    st.fixed_dictionaries(
        {
            "cv": st.one_of(
                st.fixed_dictionaries(
                    {},
                    optional={
                        "name": resume_value,
                        "email": resume_value,
                        "photo": resume_value,
                        "social_networks": st.lists(resume_value, max_size=2),
                        "sections": st.one_of(
                            st.dictionaries(
                                texts,
                                st.one_of(
                                    st.lists(st.one_of(resume_entry, texts), max_size=3),
                                    resume_value,
                                ),
                                max_size=3,
                            ),
                            resume_value,
                        ),
                    },
                ),
                resume_value,
            )
        }
    ),
)


def _check_resume(loaded: Any, file: str) -> None:
    """Whatever the file holds, a resume loader reports it as a problem of that file
    (never through its catch-all, which would be a bug here) and renders safely."""
    (profile, sections), problems = loaded
    assert not [p for p in problems if p.message.startswith("cannot read this")], problems
    _check_problems(problems, "\n" * 10_000, file, unique=False)
    if profile is not None:
        _render_all("profile", profile)
    _render_all("cv", sections)


@FEW
@given(json_resume)
def test_json_resume_files_of_any_shape_load_and_render_safely(value: Any) -> None:
    import json
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "resume.json"
        path.write_text(json.dumps(value, indent=1), encoding="utf-8")
        loaded = load_json_resume(path, "data/resume.json")
    _check_resume(loaded, "data/resume.json")


@FEW
@given(st.one_of(st.text(), yaml_like))
def test_json_resume_files_of_any_text_never_raise(text: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "resume.json"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        loaded = load_json_resume(path, "data/resume.json")
    _check_resume(loaded, "data/resume.json")


@FEW
@given(st.one_of(rendercv, st.text()))
def test_rendercv_files_of_any_shape_load_and_render_safely(value: Any) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "Ada_Quill_CV.yaml"
        text = value if isinstance(value, str) else _yaml_text(value)
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        loaded = load_rendercv(path, "data/Ada_Quill_CV.yaml")
    _check_resume(loaded, "data/Ada_Quill_CV.yaml")
