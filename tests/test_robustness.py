"""Hostile and broken data: a bad item never breaks the build, never hides its good
neighbours, never executes anything in a visitor's browser, and is reported once with its
file and line.

The corpus lives in ``tests/fixtures/adversarial/``:

* ``hostile/`` — a whole site whose data files carry hostile values in every rendered field,
  every kind of block bibtexparser cannot read, the mistakes it reads silently, YAML traps,
  unknown keys and wrong types. The test adds what should not be committed as is: a CRLF file
  with a byte order mark (``crlf_bom.bib``, ``talks.yml``) and a Latin-1 file.
* ``syntax/`` — a syntax error in every YAML data file kind (and invalid JSON).
* ``formats/`` — hostile JSON Resume and RenderCV files.
* ``silent.bib`` — mistakes bibtexparser reads silently (a dangling 'and', an extra closing
  brace, an unbalanced brace): the package reports each one at its line.

Each site is built once per module. Known bugs are ``xfail(strict=True)`` tests below.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import bibtexparser
import pytest
from bs4 import BeautifulSoup
from conftest import Site, _build, strict_build, write_site
from test_latex import MATHML_ATTRIBUTES, MATHML_TAGS

from mkdocs_research.bibtex import load_bibtex
from mkdocs_research.cv import load_cv
from mkdocs_research.latex import latex_to_html
from mkdocs_research.links import publication_links
from mkdocs_research.resume_formats import load_json_resume, load_rendercv
from mkdocs_research.yamlfile import load_yaml

ADVERSARIAL = Path(__file__).parent / "fixtures" / "adversarial"
BOM = b"\xef\xbb\xbf"

# --------------------------------------------------------------------------------------
# Building the corpus sites
# --------------------------------------------------------------------------------------


def copy_corpus(name: str, target: Path) -> Path:
    """A fresh copy of one corpus site, with the files that are generated rather than kept."""
    root = target / name
    shutil.copytree(ADVERSARIAL / name, root)
    if name == "hostile":
        data = root / "data"
        # Line endings and byte order marks do not survive every checkout: made here.
        for file in ("crlf_bom.bib", "talks.yml"):
            path = data / file
            text = path.read_text(encoding="utf-8")
            assert "\r" not in text
            path.write_bytes(BOM + text.replace("\n", "\r\n").encode("utf-8"))
        latin1 = "@article{latin1,\n  title  = {Café Müller},\n  author = {Müller, Jürgen},\n"
        (data / "latin1.bib").write_bytes((latin1 + "  year   = 2015,\n}\n").encode("latin-1"))
    return root


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return _build(copy_corpus("hostile", tmp_path_factory.mktemp("corpus")))


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The inline ``<script>`` and ``<style>`` texts the theme writes by itself: a site with
    the corpus' configuration and no data at all, with pages at the corpus' depths."""
    root = tmp_path_factory.mktemp("baseline") / "site"
    root.mkdir()
    shutil.copy(ADVERSARIAL / "hostile" / "mkdocs.yml", root / "mkdocs.yml")
    for page in ("index.md", "a/index.md", "a/b/index.md", "c.md"):
        (root / "docs" / page).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / page).write_text("# Page\n\nText.\n", encoding="utf-8")
    (root / "data").mkdir()
    site = _build(root)
    texts = set()
    for page in site.site_dir.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(["script", "style"]):
            if not element.get("src") and element.get("type") not in JSON_TYPES:
                texts.add(_normalise(element.get_text()))
    return texts


# --------------------------------------------------------------------------------------
# What the visitor's browser gets: a walk over every element of every page
# --------------------------------------------------------------------------------------

#: Characters browsers ignore inside a URL scheme (``java\tscript:``), as WHATWG URL does.
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
SAFE_SCHEMES = {"http", "https", "mailto"}
URL_ATTRIBUTES = {
    *("href", "src", "action", "formaction", "xlink:href", "poster", "background"),
    *("data", "cite", "ping", "longdesc", "manifest", "codebase", "archive"),
}
FORBIDDEN_TAGS = {"iframe", "object", "embed", "frame", "frameset", "applet", "base", "portal"}
JSON_TYPES = {"application/ld+json", "application/json"}
#: Images the templates draw from data (a checked URL); any other image in content is data.
DATA_IMAGES = {
    "research-profile__photo",
    "research-pub__preview",
    "research-publication-page__preview",
}


def url_scheme(url: str) -> str | None:
    """The scheme a browser would use for ``url``: ``None`` for a relative URL,
    ``"//"`` for one that leaves the site without saying how (``//host``, ``\\\\host``)."""
    compact = _INVISIBLE.sub("", url)
    if match := _SCHEME.match(compact):
        return match.group(1).lower()
    if compact.startswith(("//", "\\", "/\\")):
        return "//"
    return None


def _normalise(script: str) -> str:
    """Theme scripts differ between pages only by the relative path to the site root."""
    return re.sub(r"\"(?:\.\./)*\.\.?\"", '"."', " ".join(script.split()))


def unsafe_elements(soup: BeautifulSoup, site_dir: Path, page: Path, theme: set[str]) -> list:
    """Everything on a page that could run code or load something a hostile value chose."""
    found = []
    for element in soup.find_all(True):
        name = element.name.lower()
        where = f"{page.relative_to(site_dir)}: <{name} {dict(element.attrs)}>"[:300]
        in_content = element.find_parent("article") is not None or name == "article"
        for attribute, value in element.attrs.items():
            text = value if isinstance(value, str) else " ".join(value)
            attribute = attribute.lower()
            if attribute.startswith("on"):
                found.append(f"event handler {attribute}: {where}")
            if attribute in URL_ATTRIBUTES and url_scheme(text) not in {None, *SAFE_SCHEMES}:
                found.append(f"URL scheme {url_scheme(text)!r} in {attribute}: {where}")
            if attribute == "srcset":
                for candidate in text.split(","):
                    if url_scheme(candidate.strip()) not in {None, *SAFE_SCHEMES}:
                        found.append(f"URL scheme in srcset: {where}")
            if attribute == "style" and in_content:
                found.append(f"style attribute in content: {where}")
        if name in FORBIDDEN_TAGS:
            found.append(f"forbidden element: {where}")
        if name == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            found.append(f"meta refresh: {where}")
        names_a_url = re.search(r"url|image", element.get("name", "") + element.get("property", ""))
        content_scheme = url_scheme(element.get("content", ""))
        if name == "meta" and names_a_url and content_scheme not in {"http", "https", None}:
            found.append(f"URL scheme in meta: {where}")
        if name == "script":
            if element.get("src"):
                source = element["src"]
                path = source.split("?")[0]
                base = site_dir if path.startswith("/") else page.parent
                target = (base / path.lstrip("/")).resolve()
                if url_scheme(source) is not None or not target.is_file():
                    found.append(f"script not shipped with the site: {where}")
            elif element.get("type") in JSON_TYPES:
                try:
                    json.loads(element.get_text())
                except ValueError:
                    found.append(f"JSON script that is not JSON: {where}")
            elif _normalise(element.get_text()) not in theme or in_content:
                found.append(f"inline script: {where}")
        if name == "style" and (_normalise(element.get_text()) not in theme or in_content):
            found.append(f"inline style: {where}")
        if name == "img" and in_content and not DATA_IMAGES & set(element.get("class", [])):
            found.append(f"image from data: {where}")
        if name == "svg" and in_content:
            found.append(f"svg in content: {where}")
        if name == "math" and in_content and not _mathml_of_the_plugin(element):
            found.append(f"math in content: {where}")
    return found


def _mathml_of_the_plugin(math) -> bool:
    """Math converted from data: layout elements only, presentation attributes only."""
    if math.get("class") != ["research-math"] or set(math.attrs) - {"class", "display"}:
        return False
    return all(
        element.name in MATHML_TAGS and set(element.attrs) <= {*MATHML_ATTRIBUTES, "encoding"}
        for element in math.find_all(True)
    )


def assert_no_unsafe_markup(site: Site, theme: set[str]) -> int:
    pages = sorted(site.site_dir.rglob("*.html"))
    problems = []
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        problems += unsafe_elements(soup, site.site_dir, page, theme)
    assert problems == []
    return len(pages)


def test_the_walk_catches_what_it_should(tmp_path: Path) -> None:
    """The checker itself: each of these must be caught."""
    bad = [
        "<article><script>alert(1)</script></article>",
        "<p><img src=x onerror=alert(1)></p>",
        '<a href=" JaVa\tScRiPt:alert(1)">x</a>',
        '<a href="\x01javascript:alert(1)">x</a>',
        '<a href="data:text/html,x">x</a>',
        '<a href="vbscript:x">x</a>',
        '<form action="javascript:x"></form>',
        '<button formaction="javascript:x">x</button>',
        '<svg><a xlink:href="javascript:x">x</a></svg>',
        "<iframe src=https://example.org></iframe>",
        "<object data=x></object>",
        "<embed src=x>",
        "<article><img src=https://example.org/x.png></article>",
        "<article><style>body{}</style></article>",
        '<script src="https://evil.example/x.js"></script>',
        '<a href="//evil.example/">x</a>',
        '<meta http-equiv="refresh" content="0;url=javascript:x">',
        "<article><math><mi>x</mi></math></article>",
        '<article><math class="research-math"><mi style="x">x</mi></math></article>',
        '<article><math class="research-math"><mtext><b>x</b></mtext></math></article>',
    ]
    for fragment in bad:
        soup = BeautifulSoup(f"<html><body>{fragment}</body></html>", "html.parser")
        assert unsafe_elements(soup, tmp_path, tmp_path / "x.html", set()), fragment
    good = '<article><a href="https://x">x</a> <a href="../p/">p</a> <a href="mailto:a@b">m</a>'
    good += '<img class="research-pub__preview" src="img/x.png">'
    good += '<math class="research-math"><semantics><mi mathvariant="bold">x</mi>'
    good += '<annotation encoding="application/x-tex">x</annotation></semantics></math></article>'
    soup = BeautifulSoup(good, "html.parser")
    assert unsafe_elements(soup, tmp_path, tmp_path / "x.html", set()) == []


# --------------------------------------------------------------------------------------
# The hostile corpus: warnings
# --------------------------------------------------------------------------------------

LINK_ADVICE = "use an https:// address or a path. The entry is shown without it"
BLOCK_ADVICE = "check its braces, quotes and commas. The entries around it are still shown"
LINK_FIELDS_ALLOWED = (
    "abbr, abstract, additional_info, also, altmetric, annotation, arxiv, award, award_name, "
    "bibtex_show, blog, category, code, dataset, dimensions, display_title, display_venue, "
    "display_year, google_scholar_id, hal, html, inspirehep_id, keywords, links, news, note, "
    "pdf, poster, preview, project, reviews, selected, show_authors, slides, stars, supp, url, "
    "video, website"
)


def _unsafe(line: int, field: str, value: str, advice: str = LINK_ADVICE) -> str:
    return (
        f"data/papers.bib:{line}: '{field}' of entry 'hostile' is not a link this site can show"
        f' ("{value}"); {advice}'
    )


#: Every problem of the corpus whose message is deterministic, exactly as reported.
EXPECTED_WARNINGS = [
    # broken.bib: the silent cases, then every kind of block bibtexparser cannot read
    "data/broken.bib:6: missing comma after field 'author' (before 'year'); add a comma at the"
    " end of the line. The entry was read as if it were there",
    "data/broken.bib:19: field 'journal' uses the @string 'jmlr', which is not defined; define"
    " it with @string{jmlr = {...}} or write the value in braces: journal = {...}",
    "data/broken.bib:25: field 'title' is given twice in entry 'recovered_dupfield' (first at"
    " line 24); the first value is used, delete the other",
    "data/broken.bib:30: citekey 'twin' is used twice (first at line 29); give one entry"
    " another key. Both entries are shown",
    "data/broken.bib:32: could not read the block starting '@article{nocomma_key title =':"
    f" Expected comma after entry key, but found =; {BLOCK_ADVICE}",
    "data/broken.bib:34: could not read the block starting '@article{noequals, title':"
    f" Expected a `=` after entry key, but found `{{`; {BLOCK_ADVICE}",
    "data/broken.bib:36: could not read the block starting '@article{dangling, title ="
    " {Dangling field name}, year = 202': Expected a `=` after entry key `dangling`, but found"
    f" the end of the entry (`}}`); {BLOCK_ADVICE}",
    "data/broken.bib:38: could not read the block starting '@string(broken_string {':"
    f" Expected equals sign after field key, but found {{; {BLOCK_ADVICE}",
    "data/broken.bib:40: could not read the block starting '@article{unclosed_brace, title ="
    " {Unclosed brace, year = 201': Unexpected block start: `@article`. Was still looking for"
    f" field-value closing `}}`; {BLOCK_ADVICE}",
    "data/broken.bib:42: could not read the block starting '@article{unclosed_quote, title ="
    " \"Unclosed quote, year = 201': Unexpected block start: `@comment`. Was still looking for"
    f' field-value closing `"`; {BLOCK_ADVICE}',
    "data/broken.bib:44: could not read the block starting '@comment{unclosed comment':"
    f" Unexpected block start: `@article`. Was still looking for closing bracket; {BLOCK_ADVICE}",
    "data/broken.bib:48: the block starting '@article{last_unclosed, title = {Last one},"
    " year = 2013' is not closed before the end of the file; close it, and check its braces"
    " and quotes",
    # CRLF line endings and a byte order mark do not shift the lines
    "data/crlf_bom.bib:3: missing comma after field 'author' (before 'year'); add a comma at"
    " the end of the line. The entry was read as if it were there",
    # empty entries and entries without a title
    "data/edge.bib:3: entry 'empty' has no title; add title = {...}",
    "data/edge.bib:4: entry 'nofields' has no title; add title = {...}",
    "data/edge.bib:6: entry 'notitle' has no title; add title = {...}",
    "data/latin1.bib:2: is not UTF-8 text; it was read as Latin-1, check accented names and"
    " save the file as UTF-8",
    # papers.bib: every refused link, at its own line
    _unsafe(27, "pdf", "javascript:alert(1)"),
    _unsafe(28, "arxiv", "JAVASCRIPT:alert(1)"),
    _unsafe(29, "hal", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
    _unsafe(30, "html", "vbscript:msgbox(1)"),
    _unsafe(31, "supp", "VBScript:msgbox(1)"),
    _unsafe(32, "reviews", "java\tscript:alert(1)"),
    # among several URLs, a word that is not one is refused, not made a relative link
    _unsafe(33, "code", 'onmouseover="alert(1)'),
    _unsafe(35, "dataset", "//evil.example/x"),
    _unsafe(36, "video", "\\\\evil.example\\x"),
    _unsafe(37, "poster", "data:image/png;base64,AAAA"),
    _unsafe(38, "slides", "file:///etc/passwd"),
    _unsafe(39, "blog", "javascript:alert(1)"),
    _unsafe(40, "website", "&#106;avascript:alert(1)"),
    _unsafe(42, "news", "\x01javascript:alert(1)"),
    _unsafe(
        43,
        "doi",
        "javascript:alert(1)",
        "use a DOI such as 10.1000/xyz, a handle or an https:// address. The entry is shown"
        " without it",
    ),
    _unsafe(44, "preview", "javascript:alert(1)"),
    # An HTML entity is text, not a colon: a relative link to a file that is not there.
    "data/papers.bib:41: 'project' of entry 'hostile' links to docs/javascript&colon;alert(1),"
    " which does not exist; add the file or correct the name",
    # publications.yml
    "data/publications.yml:4: 'links' of entry 'hostile' is not a link this site can show"
    f' ("javascript:alert(1)"); {LINK_ADVICE}',
    "data/publications.yml:11: unknown field 'sellected' in the fields of 'hostile'; did you"
    " mean 'selected'?",
    "data/publications.yml:14: 'version' is read as the number 3.1, not the text \"3.10\";"
    ' quote it: "3.10"',
    "data/publications.yml:14: unknown field 'version' in the fields of 'good_before';"
    f" expected one of: {LINK_FIELDS_ALLOWED}",
    "data/publications.yml:15: no publication has the citekey 'hostlie'; did you mean 'hostile'?",
    # profile.yml
    "data/profile.yml:6: 'photo' must be a path in docs/ or an https:// address",
    "data/profile.yml:7: 'javascript:alert(1)' is not an e-mail address",
    "data/profile.yml:20: 'homepage' is not a link this site can show; use an https:// address",
    "data/profile.yml:22: 'scholar' is not a link this site can show; use an https:// address",
    "data/profile.yml:23: 'orcid' is not a link this site can show; use an https:// address",
    "data/profile.yml:24: 'twitter' is not a link this site can show; use an https:// address",
    "data/profile.yml:25: 'calendar' is not a link this site can show; use an https:// address",
    "data/profile.yml:28: unknown field 'myspace' in the profile links; expected one of:"
    " bluesky, calendar, cv, dblp, github, homepage, linkedin, mastodon, orcid, researchgate,"
    " scholar, semantic_scholar, twitter, x",
    "data/profile.yml:33: unknown field 'impact' in the metrics; expected one of: as_of,"
    " citations, h_index, i10_index",
    "data/profile.yml:34: 'country' is read as false because NO is unquoted; write \"NO\" in"
    " quotes if you meant the text",
    "data/profile.yml:34: unknown field 'country' in profile.yml; expected one of: affiliation,"
    " aliases, email, emails, links, metrics, name, photo, position, summary",
    # talks.yml (CRLF with a byte order mark)
    "data/talks.yml:8: 'url' must be an https:// address or a path; got \"javascript:alert(1)\"",
    "data/talks.yml:9: 'slides' must be an https:// address or a path; got"
    ' " JaVaScRiPt:alert(1)"',
    "data/talks.yml:10: 'video' must be an https:// address or a path; got"
    ' "data:text/html,<script>alert(1)</script>"',
    "data/talks.yml:11: 'poster' must be an https:// address or a path; got \"vbscript:msgbox(1)\"",
    "data/talks.yml:13: 'paper' must be an https:// address or a path; got"
    ' "java\tscript:alert(1)"',
    "data/talks.yml:14: unknown field 'speaker' in talk; expected one of: code, date, event,"
    " location, note, paper, poster, slides, title, type, url, video",
    "data/talks.yml:15: 'date' must look like 2022, 2022-07 or 2022-07-15; got \"not a date\"",
    "data/talks.yml:18: 'title' in talk must be text; got a list",
    "data/talks.yml:21: 'type' is read as true because yes is unquoted; write \"yes\" in quotes"
    " if you meant the text",
    "data/talks.yml:22: each talk must be a mapping of field: value",
    # news.yml
    "data/news.yml:6: unknown field 'txt' in news item; did you mean 'text'?",
    "data/news.yml:7: 'date' month must be 1 to 12; got \"2024-13-45\"",
    'data/news.yml:10: \'text\' is read as the number 3.1, not the text "3.10"; quote it: "3.10"',
    "data/news.yml:12: 'text' in news item must be text; got a mapping",
    # cv.yml
    "data/cv.yml:16: unknown field 'gpa' in an entry of CV section 'education'; expected one"
    " of: advisor, date, dates, degree, description, distinction, institution, location,"
    " period, thesis, url, when, year",
    "data/cv.yml:58: unknown CV section kind 'nonsense'; use one of: education, experience,"
    " teaching, mentoring, awards, service, text",
    "data/cv.yml:60: CV section id 'education' is used twice (first at line 2); give each"
    " section its own id",
    "data/cv.yml:62: CV section has no 'id'; add id: ...",
    "data/cv.yml:64: 'order' must be one of: file, newest, oldest; got \"sideways\"",
    "data/cv.yml:65: 'entries' of section 'sideways' must be a list, each item starting with '- '",
]

_WHERE = re.compile(r"^research: (data/[\w.-]+|[\w/.-]+\.md):(\d+): \S")


def test_every_expected_problem_is_reported_once_with_file_and_line(hostile: Site) -> None:
    warnings = [w.removeprefix("research: ") for w in hostile.warnings]
    repeated = [w for w, count in Counter(warnings).items() if count > 1]
    assert repeated == []
    missing = [w for w in EXPECTED_WARNINGS if w not in warnings]
    assert missing == []
    unexpected = [w for w in warnings if w not in EXPECTED_WARNINGS]
    assert unexpected == []


def test_every_warning_names_a_file_and_a_line_inside_it(hostile: Site) -> None:
    root = hostile.root
    for warning in hostile.warnings:
        match = _WHERE.match(warning)
        assert match, warning
        file, line = match.group(1), int(match.group(2))
        path = root / file if (root / file).exists() else root / "docs" / file
        lines = path.read_bytes().splitlines()
        assert 1 <= line <= len(lines), warning


def test_strict_build_fails_on_the_corpus(tmp_path: Path, hostile: Site) -> None:
    root = copy_corpus("hostile", tmp_path)
    result = strict_build(root)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-2000:]
    assert f"Aborted with {len(hostile.warnings)} warnings in strict mode!" in output
    assert "data/broken.bib:6: missing comma after field 'author'" in output
    assert "Traceback" not in output


# --------------------------------------------------------------------------------------
# The hostile corpus: every recoverable entry still renders
# --------------------------------------------------------------------------------------

RECOVERABLE = {
    # broken.bib: recovered from silent mistakes, duplicates, and the survivor after breakage
    "recovered_missing_comma": "Missing Comma",
    "recovered_concat": "Concatenated",
    "recovered_undefined": "Undefined String",
    "recovered_dupfield": "First Title",
    "survivor": "Survivor After The Breakage",
    # edge.bib
    "noauthor": "No Author",
    "noyear": "No Year",
    "forthcoming": "Forthcoming Year",
    "yearword": "Year In Words",
    "nested": "Deeply Nested",
    "unicode": "Ünïcødé — 日本語 🎉🧪 ö",
    "spaced": "Spaces Around The Key",
    "empty": "",
    "nofields": "",
    "notitle": "",
    # CRLF with a byte order mark, and Latin-1
    "crlf_one": "Written With CRLF And A BOM",
    "crlf_two": "Second CRLF Entry",
    "latin1": "Café Müller",
    # papers.bib: the hostile entries and their good neighbours
    "good_before": "Good Neighbour Before",
    "good_after": "Good Neighbour After",
    "hostile_thesis": '<script>alert("display_title")</script> Shown Title',
    "x-script-alert-1-script": "Hostile Citekey",
    "jinja": "Jinja {{ config }} and {% raw %} and {{ publications() }}",
}


def _rows(soup: BeautifulSoup) -> dict[str, list[str]]:
    """Titles by citekey in the first (full, filterable) list of a page."""
    rows: dict[str, list[str]] = {}
    for row in soup.select(".research-publications--full")[0].select("li.research-pub"):
        title = row.select_one(".research-pub__title").get_text()
        rows.setdefault(row["id"].removeprefix("pub-"), []).append(title)
    return rows


def test_every_recoverable_entry_renders(hostile: Site) -> None:
    soup = hostile.html("publications/index.html")
    rows = _rows(soup)
    for key, title in RECOVERABLE.items():
        assert rows.get(key) == [title], key
    # A duplicate key keeps both entries, each with an anchor of its own.
    assert (rows["twin"], rows["twin-2"]) == (["Twin One"], ["Twin Two"])
    hostile_title = rows["hostile"][0]
    assert hostile_title.startswith('<script>alert("title")</script> <img src=x onerror=alert(1)>')
    assert hostile_title.endswith("click JaVaScRiPt:alert(2) {{ config }} {% raw %} Title")
    lost = {"nocomma_key", "noequals", "dangling", "unclosed_brace", "unclosed_quote"}
    assert not lost & set(rows)
    assert len(rows) == len(RECOVERABLE) + 3  # + twin, twin-2, hostile
    first = soup.select(".research-publications--full")[0]
    recovered = {row["id"]: row for row in first.select("li.research-pub")}
    venue = recovered["pub-recovered_concat"].select_one(".research-pub__venue").get_text()
    assert venue == "In NeurIPS 2021, 2021"  # a booktitle, after "In" as in al-folio
    venue = recovered["pub-recovered_missing_comma"].select_one(".research-pub__venue")
    assert venue.get_text() == "In NeurIPS, 2020"
    authors = recovered["pub-unicode"].select_one(".research-pub__authors").get_text()
    assert authors == "Jan Łukasiewicz, 太郎 山田, 🦄 Émoji"


def test_hostile_values_show_as_text(hostile: Site) -> None:
    soup = hostile.html("publications/index.html")
    row = soup.select_one("#pub-hostile")
    assert row.select_one(".research-abbr").get_text() == '<script>alert("yml abbr")</script>'
    assert [b.get_text() for b in row.select(".research-badge")] == [
        "Best <script>alert(1)</script> Paper",
        'Oral "><svg onload=alert(1)>',
    ]
    assert [a.get_text() for a in row.select(".research-author")] == [
        "Jane Evil",  # <b> is read as bold, as exports mean it; its attributes are dropped
        "Jane Doe*",
        'X "><svg/onload=alert(1)>',
    ]
    assert row.select_one(".research-author--owner").get_text() == "Jane Doe*"
    assert row["data-tags"] == '"><script>alert(1)</script>|x" onmouseover="alert(1)|normal'
    notes = [n.get_text(" ", strip=True) for n in row.select(".research-pub__note")]
    assert notes[0] == "<embed src=javascript:alert(1)> note"
    assert notes[1] == '<script>alert("also")</script> Also at EvilConf'
    assert "<script>alert(3)</script>" in notes[3]
    # of all the link fields only the safe ones are buttons; among several URLs a stray word
    # ('onmouseover="alert(1)', 'javascript:alert(1)') is refused (and reported), so the
    # field keeps its one URL
    assert [a["href"] for a in row.select(".research-link")] == [
        'https://example.org/code"',
        "https://example.org/blog",
        "../javascript&colon;alert(1)",  # an entity in a URL is text, not a colon: relative
        "https://example.org/repo",
    ]
    labels = [a.get_text(" ", strip=True) for a in row.select(".research-link")]
    assert labels[1:] == ["Blog", "Project page", "Repo"]
    assert row.select_one(".research-stars").get_text() == '"><script>alert("stars")</script>'
    abstract = row.select_one(".research-abstract__text").get_text()
    assert abstract.startswith('<style>bodydisplay:none</style> <object data="javascript')
    thesis = soup.select_one("#pub-hostile_thesis")
    assert thesis.select_one(".research-pub__venue").get_text() == (
        '<img src=x onerror=alert("display_venue")>, <script>alert("display_year")</script>'
    )
    options = [o.get_text() for o in soup.select(".research-filter__tag option")]
    assert '"><script>alert(1)</script>' in options


def test_yaml_data_renders_with_hostile_values_as_text(hostile: Site) -> None:
    home = hostile.html()
    profile = home.select_one(".research-profile")
    assert profile.select_one(".research-profile__name").get_text() == (
        'Jane <script>alert("name")</script> Doe'
    )
    assert profile.select_one(".research-profile__position").get_text() == (
        '<img src=x onerror=alert("position")>, "><svg onload=alert("affiliation")>'
    )
    assert profile.select_one(".research-profile__photo") is None
    hrefs = [a["href"] for a in profile.select("a.research-link")]
    assert hrefs == [
        "mailto:jane@example.org",
        'mailto:x@example.org" onmouseover="alert(1)',
        '/cv.pdf" onclick="alert(1)',
        '"><script>alert("github")</script>',
        "https://www.linkedin.com/in/jane-doe",
    ]
    summary = home.select_one(".research-profile__summary")
    assert [a.get("href") for a in summary.select("a")] == [None] * 5 + ["https://example.org/ok"]
    assert summary.select("img") == []
    assert "Jinja {{ config }} {% raw %} {{ profile() }} stays text." in summary.get_text()
    assert (
        home.select_one(".research-metrics")
        .get_text()
        .startswith('Citations: <script>alert("citations")</script>')
    )
    news = [li.get_text(" ", strip=True) for li in home.select(".research-news__item")]
    assert len(news) == 3  # the bad date and the mapping are left out, and reported
    assert news == [
        "1 Jun 2024 <script>alert('news')</script> js Jinja {{ config }} {% raw %} {{ news() }}"
        " stays text",
        "1 May 2024 Good news item",
        "1 Apr 2024 3.10",  # the YAML trap keeps the text written
    ]
    assert home.select(".research-news__item img") == []

    talks = hostile.html("talks/index.html")
    titles = [t.get_text() for t in talks.select(".research-talk__title")]
    assert titles == ['<script>alert("talk")</script> Talk {{ config }} {% raw %}', "Good Talk"]
    assert [a["href"] for a in talks.select(".research-link")] == ["https://example.org/talk-code"]
    assert talks.select_one(".research-badge--talk").get_text() == 'invited" onmouseover="alert(1)'

    cv = hostile.html("cv/index.html")
    sections = [s["id"] for s in cv.select(".research-cv__section")]
    expected = ["education", "experience", "teaching", "mentoring", "awards", "reviewing"]
    assert sections == [f"cv-{s}" for s in [*expected, "misc", "bogus", "sideways"]]
    text = cv.select_one(".research-cv").get_text(" ", strip=True)
    for shown in (
        '<script>alert("section")</script> Education',
        '<script>alert("degree")</script> PhD',
        '<script>alert("when")</script>',
        '<script>alert("mentee")</script>',
        '<script>alert("plain award")</script>',
        '<script>alert("group")</script>',
        "Jinja {{ config }} {% raw %} {{ cv() }}",
    ):
        assert shown in text, shown
    # seven Markdown links with unsafe URLs keep their text and lose their URL
    assert [a.get("href") for a in cv.select(".research-cv a")] == [None] * 7
    assert cv.select(".research-cv img") == []


def test_no_element_attribute_or_scheme_from_data_on_any_page(
    hostile: Site, baseline: set[str]
) -> None:
    assert assert_no_unsafe_markup(hostile, baseline) >= 30  # every page, publication pages too


def test_feed_and_site_bibliography_parse(hostile: Site) -> None:
    feed = ET.parse(hostile.site_dir / "feed.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    titles = [e.findtext(f"{atom}title") for e in feed.iter(f"{atom}entry")]
    assert "Good Neighbour Before" in titles and "Café Müller" in titles
    assert any(t.startswith('<script>alert("title")</script>') for t in titles)
    for entry in feed.iter(f"{atom}entry"):
        for link in entry.iter(f"{atom}link"):
            assert url_scheme(link.get("href")) in {"http", "https"}
    library = bibtexparser.parse_string((hostile.site_dir / "publications.bib").read_text())
    # not even the citekey the data itself repeats: see
    # test_site_bibliography_has_no_repeated_citekey
    assert library.failed_blocks == []
    keys = [e.key for e in library.entries]
    assert set(RECOVERABLE) - {"x-script-alert-1-script"} <= set(keys)
    assert "x<script>alert(1)</script>&'" in keys
    by_key = {e.key: e for e in library.entries}
    assert by_key["good_before"]["title"] == "Good Neighbour Before"
    assert by_key["latin1"]["title"] == "Café Müller"
    assert "pdf" not in by_key["hostile"] and "abbr" not in by_key["hostile"]


def test_publication_pages_carry_hostile_values_only_as_text(hostile: Site) -> None:
    soup = hostile.html("publications/hostile/index.html")
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert data["name"].startswith('<script>alert("title")</script>')
    assert soup.title.get_text().startswith('<script>alert("title")</script>')
    meta = {m.get("name") or m.get("property"): m.get("content") for m in soup.select("meta")}
    assert meta["citation_title"].startswith('<script>alert("title")</script>')
    assert "citation_pdf_url" not in meta  # javascript: is no PDF
    assert "og:image" not in meta  # nor a preview


def test_macro_looking_data_is_not_expanded(hostile: Site) -> None:
    """Data that looks like a macro call or Jinja prints literally: it is never re-read as
    a page, by this plugin or by MkDocs' theme templates."""
    for page in ("index.html", "talks/index.html", "cv/index.html", "publications/index.html"):
        html = (hostile.site_dir / page).read_text(encoding="utf-8")
        assert "{{ config }}" in html
        assert "research-error" not in html
        assert "site_url" not in BeautifulSoup(html, "html.parser").select_one("article").get_text()


# --------------------------------------------------------------------------------------
# Every kind of block bibtexparser cannot read, one at a time between two good entries
# --------------------------------------------------------------------------------------

FAILED_BLOCKS = {
    "key without comma": ("@article{k title = {T}, year = 2020}", "Expected comma after entry key"),
    "field without =": ("@article{k, title {T}, year = 2020}", "Expected a `=` after entry key"),
    "dangling field name": ("@article{k, title = {T}, dangling}", "but found the end of the entry"),
    "@string without =": ("@string(s {x})", "Expected equals sign after field key"),
    "unclosed brace": ("@article{k, title = {T, year = 2020,", "field-value closing `}`"),
    "unclosed quote": ('@article{k, title = "T, year = 2020,', 'field-value closing `"`'),
    "unclosed @comment": ("@comment{open", "Was still looking for closing bracket"),
    "unclosed @preamble": ('@preamble{ "x"', "Was still looking for closing bracket"),
    "unclosed parenthesis": ("@article(k, title = {T}, year = 2020", "field-value closing"),
}


@pytest.mark.parametrize("name", FAILED_BLOCKS)
def test_each_failed_block_kind_is_one_problem_and_neighbours_survive(name: str) -> None:
    block, reason = FAILED_BLOCKS[name]
    text = f"@article{{before, title = {{Before}}, year = 2001}}\n\n{block}\n\n"
    text += "@article{after, title = {After}, year = 2002}\n"
    publications, problems = load_bibtex(text, "data/x.bib")
    assert [p.key for p in publications] == ["before", "after"]
    assert len(problems) == 1
    assert str(problems[0]).startswith("data/x.bib:3: could not read the block starting '")
    assert reason in problems[0].message
    assert problems[0].message.endswith(BLOCK_ADVICE)
    assert ".;" not in problems[0].message  # bibtexparser's full stop is not kept before ';'


def test_failed_block_at_the_end_of_the_file() -> None:
    publications, problems = load_bibtex(
        "@article{a, title={A}, year=1}\n@article{b, title={B", "x"
    )
    assert [p.key for p in publications] == ["a"]
    assert [str(p) for p in problems] == [
        "x:2: the block starting '@article{b, title={B' is not closed before the end of the file;"
        " close it, and check its braces and quotes"
    ]


def test_comments_preambles_and_implicit_comments_are_no_problem() -> None:
    text = (
        '@preamble{ "\\newcommand{\\noopsort}[1]{}" }\n'
        "@comment{ with an @ sign, {braces} and <script>alert(1)</script> }\n"
        "Free text between entries, with an email@example.org in it.\n"
        "@article{a, title = {A}, year = 2020}\n"
        "@COMMENT(parenthesised)\n"
    )
    publications, problems = load_bibtex(text, "x.bib")
    assert [p.key for p in publications] == ["a"] and problems == []


def test_an_entry_commented_out_line_by_line_is_a_comment() -> None:
    text = (
        "%@article{old,\n%\tTitle = {Old},\n%\tYear = {Revision requested, 2020}\n%}\n\n"
        "  % @misc{older, title = {Older}}\n"
        "@article{a, title = {A}, year = 2020}\n"
    )
    publications, problems = load_bibtex(text, "x.bib")
    assert [p.key for p in publications] == ["a"] and problems == []


@pytest.mark.slow
def test_a_megabyte_abstract_is_read_and_rendered_in_linear_time() -> None:
    chunk = r"<script>alert(1)</script> \href{javascript:alert(1)}{x} $a<b$ {\em e} -- "
    abstract = chunk * (3_000_000 // len(chunk))  # three megabytes
    text = f"@article{{huge, title = {{Huge}}, year = 2020, abstract = {{{abstract}}}}}\n"
    text += "@article{next, title = {Next}, year = 2021}\n"
    start = time.perf_counter()
    publications, problems = load_bibtex(text, "x.bib")
    html = latex_to_html(publications[0].fields["abstract"])
    elapsed = time.perf_counter() - start
    assert problems == [] and [p.key for p in publications] == ["huge", "next"]
    assert "<script" not in html and "javascript:" not in html.replace("javascript:alert(1)}", "")
    assert html.count("&lt;script&gt;") == abstract.count("<script>")
    assert "<a " not in html
    assert elapsed < 20


@pytest.mark.slow
def test_a_multi_megabyte_abstract_in_a_site(tmp_path: Path) -> None:
    chunk = r"<script>alert(1)</script> [m](javascript:alert(1)) $a<b$ {\em e} -- "
    abstract = chunk * (2_000_000 // len(chunk))
    bib = f"@article{{huge, title = {{Huge Abstract}}, year = 2020, abstract = {{{abstract}}}}}\n"
    bib += "@article{next, title = {Next Door}, year = 2019}\n"
    root = write_site(tmp_path / "s", {"index.md": "{{ publications() }}"}, theme="mkdocs")
    (root / "data").mkdir()
    (root / "data" / "papers.bib").write_text(bib, encoding="utf-8")
    site = _build(root)
    assert site.warnings == []
    html = (site.site_dir / "index.html").read_text(encoding="utf-8")
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") == abstract.count("<script>")
    assert html.count("<script") == _count_scripts(site)
    assert 'research-pub__title">Next Door<' in html
    # linear: each "$a<b$" (5 characters) becomes ~150 characters of MathML
    assert len(html) < 3 * len(abstract) + 150 * abstract.count("$a<b$")


def _count_scripts(site: Site) -> int:
    """<script> tags of the theme: those of another page, which has no data."""
    return (site.site_dir / "404.html").read_text(encoding="utf-8").count("<script")


# --------------------------------------------------------------------------------------
# A syntax error in every YAML file kind
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def syntax(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return _build(copy_corpus("syntax", tmp_path_factory.mktemp("corpus")))


def test_a_syntax_error_in_each_yaml_kind_is_one_problem_and_the_rest_builds(syntax: Site) -> None:
    assert sorted(syntax.warnings) == sorted(
        "research: " + w
        for w in [
            "data/publications.yml:2: YAML syntax error: mapping values are not allowed here;"
            " check the indentation and quote values that contain ': '",
            "data/profile.yml:2: YAML syntax error: mapping values are not allowed here; check"
            " the indentation and quote values that contain ': '",
            "data/talks.yml:2: YAML syntax error: the quoted value that starts here is not"
            " closed; add the missing quote",
            "data/news.yml:2: YAML syntax error: YAML does not allow tabs for indentation; use"
            " spaces",
            "data/cv.yml:4: YAML syntax error: the '{' opened at line 3 is not closed, or a value"
            " inside it contains ': ' or '#'; close it and quote such values",
            "data/resume.json:2: the file is not valid JSON: Expecting property name enclosed"
            " in double quotes; check the commas and quotes near this line",
            "data/Broken_CV.yaml:2: YAML syntax error: '*nobody' refers to an anchor '&nobody'"
            " that is not defined; put the value in quotes if the '*' is part of the text",
        ]
    )
    soup = syntax.html()
    titles = [t.get_text() for t in soup.select(".research-pub__title")]
    assert titles == ["Good One", "Good Two"]


def test_strict_build_fails_on_each_syntax_error(tmp_path: Path) -> None:
    root = copy_corpus("syntax", tmp_path)
    result = strict_build(root)
    assert result.returncode == 1
    assert "Aborted with 7 warnings in strict mode!" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("text", "line", "phrase"),
    [
        ("name: Jane\n  position: x\n", 2, "mapping values are not allowed here"),
        ('- title: "open\n- title: b\n', 1, "quoted value that starts here is not closed"),
        ("- a\n\t- b\n", 2, "tabs"),
        ("key: [a, b\nother: c\n", 2, "'[' opened at line 1 is not closed"),
        ("a: *undefined\n", 1, "'*undefined' refers to an anchor"),
        ("a: !!python/object:os.system x\n", 1, "unsupported YAML tag"),
        ("a: 1\n---\nb: 2\n", 2, "a second YAML document starts here"),
        ("%YAML 9.9\n---\na: 1\n", 1, "YAML"),
        ("a: b: c\n", 1, "mapping values are not allowed here"),
        ("- a\nb: c\n", 2, ""),
        ("a: 'it''s' 'x'\n", 1, ""),
        ("\x00", 1, "character YAML does not allow (U+0000)"),
    ],
)
def test_yaml_syntax_errors_give_their_line(text: str, line: int, phrase: str) -> None:
    _, problems = load_yaml(text, "data/x.yml")
    assert problems, text
    assert problems[0].file == "data/x.yml"
    assert problems[0].line == line, problems
    assert phrase in problems[0].message


# --------------------------------------------------------------------------------------
# Hostile JSON Resume and RenderCV files
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def formats(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return _build(copy_corpus("formats", tmp_path_factory.mktemp("corpus")))


def test_hostile_resume_files_are_reported_with_their_lines() -> None:
    data = ADVERSARIAL / "formats" / "data"
    (profile, sections), problems = load_json_resume(data / "resume.json", "data/resume.json")
    assert [str(p) for p in problems] == [
        "data/resume.json:5: 'image' must be a path in docs/ or an https:// address",
        "data/resume.json:6: 'javascript:alert(1)' is not an e-mail address",
        "data/resume.json:7: 'url' in 'basics' must be an https:// address; got"
        ' "JaVaScRiPt:alert(1)"',
        'data/resume.json:10: cannot make a GitHub link from ""><script>alert(1)</script>"; give'
        " the profile's https:// address as 'url'",
        'data/resume.json:11: cannot make a Twitter link from "vbscript:msgbox(1)"; give the'
        " profile's https:// address as 'url'",
        "data/resume.json:17: 'url' in 'volunteer' entry 1 must be an https:// address; got"
        ' "javascript:alert(1)"',
        "data/resume.json:25: 'url' in 'projects' entry 1 must be an https:// address; got"
        ' "data:text/html,x"',
    ]
    # A network without an icon is a plain link named after it (the name is escaped on pages).
    assert [(link.kind, link.label, link.url) for link in profile.links] == [
        ("other", "<script>alert('network')</script>", "https://example.org/x")
    ]
    assert profile.photo == "" and profile.emails == []
    assert [s.id for s in sections] == ["volunteer", "certificates", "skills", "projects"]
    (_, sections), problems = load_rendercv(data / "Hostile_CV.yaml", "data/Hostile_CV.yaml")
    assert [str(p) for p in problems][:1] == [
        "data/Hostile_CV.yaml:7: 'url' in an entry of section 'Hostile Section' must be an"
        ' https:// address; got "javascript:alert(1)"'
    ]
    assert [s.title for s in sections] == ["Hostile Section", "Publications & Things"]


def test_hostile_resume_profile_renders_as_text(formats: Site, baseline: set[str]) -> None:
    soup = formats.html()
    assert soup.select_one(".research-profile__name").get_text() == (
        "Resume <script>alert('name')</script> Doe"
    )
    summary = soup.select_one(".research-profile__summary")
    assert summary.select("a[href]") == [] and summary.select("img") == []
    assert_no_unsafe_markup(formats, baseline)


# --------------------------------------------------------------------------------------
# Bugs the corpus found: each test states what should happen; open ones are strict xfails
# --------------------------------------------------------------------------------------

SILENT = (ADVERSARIAL / "silent.bib").read_text(encoding="utf-8")


def _silent(key: str):
    publications, problems = load_bibtex(SILENT, "data/silent.bib")
    return {p.key: p for p in publications}[key], problems


def test_every_silent_mistake_is_reported_at_its_line() -> None:
    publications, problems = load_bibtex(SILENT, "data/silent.bib")
    assert [p.key for p in publications] == [
        *("trailing_and", "extra_close", "quoted_open", "after_silent")
    ]
    assert sorted(str(p) for p in problems) == [
        "data/silent.bib:3: the author list of entry 'trailing_and' starts or ends with 'and';"
        " delete it or add the missing name",
        "data/silent.bib:4: ', year = 2007}' stands after the end of an entry; an extra '}'"
        " probably closed the entry early: delete it so that these fields belong to the entry",
        "data/silent.bib:5: field 'title' of entry 'quoted_open' has unbalanced braces; every"
        " '{' needs a '}' (write \\{ for a literal brace)",
    ]


def test_trailing_and_in_an_author_list_is_reported() -> None:
    publication, problems = _silent("trailing_and")
    assert [a.display for a in publication.authors] == ["Jane Doe", "Richard Roe"]
    assert [p.message for p in problems if p.line == 3] == [
        "the author list of entry 'trailing_and' starts or ends with 'and'; delete it or add"
        " the missing name"
    ]


@pytest.mark.parametrize(
    ("authors", "shown"),
    [
        ("and Doe, Jane", ["Jane Doe"]),
        ("Doe, Jane and", ["Jane Doe"]),
        ("Doe, Jane and\n  ", ["Jane Doe"]),
    ],
)
def test_a_dangling_and_at_either_end_is_reported(authors: str, shown: list[str]) -> None:
    text = f"@article{{k,\n  title = {{T}},\n  author = {{{authors}}},\n  year = 2020,\n}}\n"
    (publication,), problems = load_bibtex(text, "data/x.bib")
    assert [a.display for a in publication.authors] == shown
    assert [(p.line, "'and'" in p.message) for p in problems] == [(3, True)]
    # a name that merely starts or ends with the letters is no dangling 'and'
    text = "@article{k, title = {T}, author = {Anderson, Jane and Roe, Band}, year = 2020}"
    (publication,), problems = load_bibtex(text, "data/x.bib")
    assert problems == [] and len(publication.authors) == 2


def test_an_extra_closing_brace_is_reported() -> None:
    _, problems = _silent("extra_close")
    assert [p.message for p in problems if p.line == 4] == [
        "', year = 2007}' stands after the end of an entry; an extra '}' probably closed the"
        " entry early: delete it so that these fields belong to the entry"
    ]


def test_an_unbalanced_brace_in_a_quoted_value_is_reported_and_exported_balanced() -> None:
    text = '@article{q, title = "Open { brace", note = {Kept}, year = 2009}\n'
    publications, problems = load_bibtex(text, "data/x.bib")
    exported = bibtexparser.parse_string(publications[0].bibtex)
    assert exported.failed_blocks == []
    # the export reads back to the same fields: the brace no longer swallows 'note' and 'year'
    # (bibtexparser's default parse stack removes the enclosing braces)
    fields = {f.key: f.value for f in exported.entries[0].fields}
    assert fields == {"title": "Open brace", "note": "Kept", "year": "2009"}
    assert [str(p) for p in problems] == [
        "data/x.bib:1: field 'title' of entry 'q' has unbalanced braces; every '{' needs a '}'"
        " (write \\{ for a literal brace)"
    ]
    _, problems = _silent("quoted_open")
    assert any(p.line == 5 and "unbalanced braces" in p.message for p in problems)


def test_an_unsafe_preview_is_reported() -> None:
    text = "@article{p,\n  title = {P},\n  preview = {javascript:alert(1)},\n  year = 2020,\n}\n"
    _, problems = load_bibtex(text, "data/x.bib")
    assert [str(p) for p in problems] == [
        "data/x.bib:3: 'preview' of entry 'p' is not a link this site can show"
        f' ("javascript:alert(1)"); {LINK_ADVICE}'
    ]
    text = text.replace("javascript:alert(1)", "img/p.png")
    assert load_bibtex(text, "data/x.bib")[1] == []  # a safe preview is no problem


def test_a_stray_word_among_several_urls_is_refused_not_made_a_path() -> None:
    text = (
        "@article{s,\n  title = {S},\n  code = {https://example.org/a evil},\n  year = 2020,\n}\n"
    )
    (publication,), problems = load_bibtex(text, "data/x.bib")
    assert [str(p) for p in problems] == [
        "data/x.bib:3: 'code' of entry 's' is not a link this site can show (\"evil\");"
        f" {LINK_ADVICE}"
    ]
    assert [link.url for link in publication_links(publication)] == ["https://example.org/a"]


def test_a_repeated_stray_word_in_publications_yml_is_reported_once(make_site) -> None:
    site = make_site(
        {"index.md": "{{ publications() }}"},
        {
            "papers.bib": "@article{k, title = {K}, year = 2020}\n",
            "publications.yml": "k:\n  pdf: https://example.org/a item item\n",
        },
        theme="mkdocs",
    )
    assert site.warnings == [
        "research: data/publications.yml:2: 'pdf' of entry 'k' is not a link this site can"
        f' show ("item"); {LINK_ADVICE}'
    ]


def test_a_custom_link_icon_cannot_inject_markup(tmp_path: Path, baseline: set[str]) -> None:
    root = copy_corpus("syntax", tmp_path)  # any Material site; its YAML files go
    for path in (root / "data").iterdir():
        path.unlink()
    (root / "data" / "papers.bib").write_text("@article{k, title = {K}, year = 2020}\n")
    (root / "data" / "publications.yml").write_text(
        "k:\n  links:\n    - label: Repo\n      url: https://example.org/r\n"
        '      icon: \'"><script>alert("icon")</script><b x="\'\n'
    )
    site = _build(root)
    assert 'alert("icon")</script>' not in (site.site_dir / "index.html").read_text()
    assert_no_unsafe_markup(site, baseline)


def test_a_stash_placeholder_in_data_does_not_crash_the_build(make_site) -> None:
    bib = "@article{stx, title = {Evil \x02wzxhzdk:0\x03 title}, year = 2020}\n"
    bib += "@article{ok, title = {Good Neighbour}, year = 2019}\n"
    site = make_site({"index.md": "{{ publications() }}"}, {"papers.bib": bib}, theme="mkdocs")
    titles = [t.get_text() for t in site.html().select(".research-pub__title")]
    assert titles == ["Evil wzxhzdk:0 title", "Good Neighbour"]  # the control characters go
    html = (site.site_dir / "index.html").read_text(encoding="utf-8")
    assert "\x02" not in html and "\x03" not in html


def test_cv_entries_that_are_not_a_list_are_reported_at_their_line() -> None:
    text = "- id: a\n  entries: not a list\n"
    value, _ = load_yaml(text, "data/cv.yml")
    _, problems = load_cv(value, "data/cv.yml")
    assert [str(p) for p in problems] == [
        "data/cv.yml:2: 'entries' of section 'a' must be a list, each item starting with '- '"
    ]


def test_cv_sections_from_resume_formats_render(formats: Site) -> None:
    assert not [w for w in formats.warnings if "template error" in w]
    cv = formats.html("cv/index.html")
    assert cv.select(".research-error") == []
    sections = [s["id"] for s in cv.select(".research-cv__section")]
    assert sections == [
        *("cv-volunteer", "cv-certificates", "cv-skills", "cv-projects"),
        *("cv-hostile-section", "cv-publications-things"),
    ]
    text = cv.select_one(".research-cv").get_text(" ", strip=True)
    assert 'Hostile Section <script>alert("rendercv")</script>' in text


def test_site_bibliography_has_no_repeated_citekey(hostile: Site) -> None:
    library = bibtexparser.parse_string((hostile.site_dir / "publications.bib").read_text())
    assert library.failed_blocks == []
    keys = [e.key for e in library.entries]
    assert [k for k, n in Counter(keys).items() if n > 1] == []
    # the data repeats 'twin': the first entry wins, the second is left out of the export
    assert keys.count("twin") == 1
    assert {e.key: e for e in library.entries}["twin"]["title"] == "Twin One"


def _hashed(key: str, slug: str) -> str:
    """The slug of a citekey that had to change to stay apart: ``<slug>-<6 hex of sha1>``."""
    return f"{slug}-{hashlib.sha1(key.encode()).hexdigest()[:6]}"


@pytest.fixture(scope="module")
def alike(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """Citekeys ``a/b`` and ``a-b`` meet in one slug: ``a-b`` is already safe and keeps it."""
    root = write_site(
        tmp_path_factory.mktemp("alike") / "s",
        {"index.md": "# Home", "publications.md": "{{ publications() }}"},
        {
            "papers.bib": "@article{a/b, title={Slash}, year=2020}\n"
            "@article{a-b, title={Dash}, year=2019}\n"
        },
        plugin={"publication_pages": True},
        theme="mkdocs",
    )
    return _build(root)


def test_citekeys_that_sanitise_alike_get_their_own_pages(alike: Site) -> None:
    assert alike.warnings == []
    soup = alike.html("publications/index.html")
    titles = {a.get_text(): a["href"] for a in soup.select(".research-pub__title a")}
    slash = _hashed("a/b", "a-b")
    assert titles == {"Slash": f"{slash}/", "Dash": "a-b/"}  # relative to publications/
    for slug, title in ((slash, "Slash"), ("a-b", "Dash")):
        page = alike.html(f"publications/{slug}/index.html")
        assert page.select_one("h1").get_text() == title


def test_citekeys_that_sanitise_alike_get_their_own_anchors(alike: Site) -> None:
    for page in ("publications/index.html", f"publications/{_hashed('a/b', 'a-b')}/index.html"):
        ids = [e["id"] for e in alike.html(page).select("[id^=pub-]")]
        assert len(ids) == len(set(ids)), page
    soup = alike.html("publications/index.html")
    ids = [li["id"] for li in soup.select("li.research-pub")]
    assert ids == [f"pub-{_hashed('a/b', 'a-b')}", "pub-a-b"]


def test_a_citekey_never_replaces_a_page_of_the_user(tmp_path: Path) -> None:
    root = write_site(
        tmp_path / "s",
        {
            "index.md": "# Home",
            "publications.md": "# My list\n\n{{ publications() }}",
            "publications/mine.md": "# My own page",
        },
        {
            "papers.bib": "@article{index, title={Index Paper}, year=2020}\n"
            "@article{mine, title={Mine Paper}, year=2019}\n"
        },
        plugin={"publication_pages": True},
        theme="mkdocs",
    )
    site = _build(root)
    soup = site.html("publications/index.html")
    assert soup.select_one("h1").get_text() == "My list"
    # 'index' always gets a hash, so its page never is publications/
    index = _hashed("index", "index")
    assert soup.select_one(f"#pub-{index} .research-pub__title a")["href"] == f"{index}/"
    assert site.html(f"publications/{index}/index.html").select_one("h1").get_text() == (
        "Index Paper"
    )
    # a page of the user at a publication's URL stays, and the clash is reported
    assert site.html("publications/mine/index.html").select_one("h1").get_text() == ("My own page")
    assert site.warnings == [
        "research: data/papers.bib:2: publication page for 'mine' would replace the page at"
        " publications/mine/; rename the citekey or that page"
    ]


def test_stray_text_after_a_value_gets_a_message_that_fits() -> None:
    text = "@article{k,\n  title = {After value} junk,\n  year = 2020,\n}\n"
    (publication,), problems = load_bibtex(text, "data/x.bib")
    assert [str(p) for p in problems] == [
        "data/x.bib:2: unexpected text after the value of 'title' ('junk'); put it inside the"
        " braces or delete it"
    ]
    assert publication.fields == {"title": "After value", "year": "2020"}


def test_an_invalid_rendercv_doi_is_reported(tmp_path: Path) -> None:
    """An invalid 'doi' in a RenderCV publication is reported at its line, as 'url' is."""
    path = tmp_path / "Jane_CV.yaml"
    path.write_text(
        "cv:\n  name: Jane\n  sections:\n    papers:\n      - title: T\n"
        "        doi: javascript:alert(1)\n        authors: [Jane]\n"
    )
    _, problems = load_rendercv(path, "data/Jane_CV.yaml")
    assert [p.line for p in problems] == [6]


def test_no_inline_event_handler_in_the_filter_form(hostile: Site) -> None:
    """The plugin's own markup has no on* attribute either: a Content Security Policy
    without 'unsafe-inline' would block it."""
    soup = hostile.html("publications/index.html")
    handlers = [
        (e.name, a) for e in soup.find_all(True) for a in e.attrs if a.lower().startswith("on")
    ]
    assert handlers == []


def test_failed_blocks_on_one_line_are_reported_once() -> None:
    _, problems = load_bibtex("@article{@article{@article{", "data/x.bib")
    assert problems and len(set(problems)) == len(problems)
