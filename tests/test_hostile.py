"""Hostile input, round two: each input an adversarial review sent against a real site.

Every test is one reproducer, named after what it sends, with its own small files. What must
hold for each: the build finishes, the problem is reported once as ``file:line: message`` (a
warning, so ``mkdocs build --strict`` fails), the entries around it still render, and no
Python traceback or repr reaches the user or the page.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import bibtexparser
from conftest import Site, _build, strict_build, write_site
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_research import cli
from mkdocs_research.bibtex import CUSTOM_FIELDS, load_bibtex
from mkdocs_research.config import resolve_options
from mkdocs_research.exports import ATOM
from mkdocs_research.latex import latex_to_text
from mkdocs_research.overrides import UserTemplates
from mkdocs_research.prose import markdown_inline, markdown_to_html
from mkdocs_research.research import Research

PROFILE = "name: Ada Lovelace\nsummary: Hello from the *summary*.\n"
PAPERS = (
    "@article{good, title = {Good Paper}, author = {Lovelace, Ada}, year = 2020}\n"
    "@article{other, title = {Other Paper}, author = {Doe, Jane}, year = 2019}\n"
)


def check(root: Path) -> tuple[int, str]:
    """``mkdocs-research check`` in this process: its exit code and what it printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["check", str(root)])
    return code, out.getvalue() + err.getvalue()


def research_warnings(site: Site) -> list[str]:
    return [w.removeprefix("research: ") for w in site.warnings if w.startswith("research: ")]


def titles(site: Site, page: str = "index.html") -> list[str]:
    return [t.get_text() for t in site.html(page).select(".research-pub__title")]


# --------------------------------------------------------------------------------------
# Macro calls
# --------------------------------------------------------------------------------------


def test_profile_summary_flase_warns_on_every_build_with_a_warm_cache_and_under_check(
    tmp_path: Path,
) -> None:
    """A call that cannot be read has no arguments, like ``profile()``: it must never be
    answered with the cached output of the valid call the page had before."""
    root = write_site(
        tmp_path / "s", {"index.md": "# Home\n\n{{ profile() }}\n"}, {"profile.yml": PROFILE}
    )
    first = _build(root)
    assert research_warnings(first) == []
    assert first.html().select_one(".research-profile") is not None
    (root / "docs" / "index.md").write_text("# Home\n\n{{ profile(summary=flase) }}\n")
    expected = "index.md:3: cannot read the arguments of profile(): 'flase' is not a value; did you mean false?"
    for _ in range(2):  # the second build finds every cache warm
        site = _build(root)
        assert research_warnings(site) == [expected]
        notice = site.html().select_one(".research-error")
        assert notice is not None and notice.get_text() == expected
        assert site.html().select_one(".research-profile") is None
    code, printed = check(root)
    assert code == 1 and expected in printed


def test_publication_and_bibtex_without_a_key_name_the_page_and_line(tmp_path: Path) -> None:
    root = write_site(
        tmp_path / "s",
        {"index.md": "# Papers\n\n{{ publication() }}\n\n{{ bibtex() }}\n\n{{ publications() }}\n"},
        {"papers.bib": PAPERS},
    )
    site = _build(root)
    expected = [
        "index.md:3: publication() needs its 'key' argument, e.g. {{ publication(\"doe2021\") }}",
        "index.md:5: bibtex() needs its 'key' argument, e.g. {{ bibtex(\"doe2021\") }}",
    ]
    assert research_warnings(site) == expected
    assert titles(site) == ["Good Paper", "Other Paper"]
    code, printed = check(root)
    assert code == 1 and "Traceback" not in printed and "TypeError" not in printed
    assert all(line in printed for line in expected)


def test_a_key_given_twice_is_a_problem(tmp_path: Path) -> None:
    root = write_site(
        tmp_path / "s",
        {"index.md": '{{ publication("good", key="other") }}\n'},
        {"papers.bib": PAPERS},
    )
    assert research_warnings(_build(root)) == [
        "index.md:1: publication() got its 'key' argument twice"
    ]


def test_unclosed_calls_double_star_and_limits_below_one_are_problems(tmp_path: Path) -> None:
    page = (
        "# Home\n\n"
        '{{ publications(**{"year": 2020}) }}\n\n'
        "{{ publications(limit=-1) }}\n\n"
        "{{ talks(limit=-1) }}\n\n"
        "{{ news(limit=0) }}\n\n"
        "{{ publications(limit=1) }}\n\n"
        '{{ publications(tag="unclosed quote) }}\n\n'
        '{{ publications(type="journal" }}\n\n'
        "Text {{ publications(year=2020\n"
    )
    root = write_site(tmp_path / "s", {"index.md": page}, {"papers.bib": PAPERS})
    site = _build(root)
    assert research_warnings(site) == [
        "index.md:3: publications() cannot take '**'; write each argument as name=value",
        "index.md:5: publications(): limit=-1 would show nothing; write a number of 1 or more, "
        "or leave limit out to show everything",
        "index.md:7: talks(): limit=-1 would show nothing; write a number of 1 or more, "
        "or leave limit out to show everything",
        "index.md:9: news(): limit=0 would show nothing; write a number of 1 or more, "
        "or leave limit out to show everything",
        "index.md:13: the call of publications() is not closed; end it with ') }}' (and close "
        "any quote it opens)",
        "index.md:15: the call of publications() is not closed; end it with ') }}' (and close "
        "any quote it opens)",
        "index.md:17: the call of publications() is not closed; end it with ') }}' (and close "
        "any quote it opens)",
    ]
    assert titles(site) == ["Good Paper"]  # limit=1
    assert len(site.html().select(".research-error")) == 7


def test_a_macro_in_a_comment_before_inline_code_is_left_alone(tmp_path: Path) -> None:
    page = "<!-- {{ publications() }} --> and `code`\n\nText `{{ publications() }}`\n"
    site = _build(write_site(tmp_path / "s", {"index.md": page}, {"papers.bib": PAPERS}))
    assert titles(site) == []
    assert site.html().find("code").get_text() == "code"
    assert "{{ publications() }}" in str(site.html())


# --------------------------------------------------------------------------------------
# Author markers
# --------------------------------------------------------------------------------------

CARET_AND_SPACES = "Doe, Jane $^" + " " * 300


def test_doe_jane_caret_and_300_spaces_in_every_place_a_name_is_read(tmp_path: Path) -> None:
    """The name that took a build from 1.5 s to 96 s: in an author list, in the profile's
    aliases, in ``highlight_names`` and in the ``author=`` argument."""
    bib = (
        f"@article{{slow, title = {{Slow Name}}, author = {{{CARET_AND_SPACES} and Roe, R.}}, "
        "year = 2020}\n" + PAPERS
    )
    profile = f"name: Jane Doe\naliases: ['{CARET_AND_SPACES}']\n"
    page = f"# Papers\n\n{{{{ publications(author='{CARET_AND_SPACES}') }}}}\n\n{{{{ publications() }}}}\n"
    for plugin in ({}, {"highlight_names": [CARET_AND_SPACES]}):
        root = write_site(
            tmp_path / f"s{len(plugin)}",
            {"index.md": page},
            {"papers.bib": bib, "profile.yml": profile},
            plugin=plugin,
        )
        site = _build(root)
        assert research_warnings(site) == []
        assert titles(site)[-3:] == ["Slow Name", "Good Paper", "Other Paper"]
        authors = (
            site.html().select_one("#pub-slow .research-pub__authors").get_text(" ", strip=True)
        )
        assert authors.startswith("Jane $^ Doe")


# --------------------------------------------------------------------------------------
# Years and the feed
# --------------------------------------------------------------------------------------


def test_year_20255_is_a_problem_and_the_entry_and_feed_survive(tmp_path: Path) -> None:
    bib = (
        "@article{future, title = {Far Future}, year = {20255}}\n"
        "@article{zero, title = {Year Zero}, year = 0}\n"
        "@article{superscript, title = {Superscript Two}, year = {²}}\n" + PAPERS
    )
    root = write_site(tmp_path / "s", {"index.md": "{{ publications() }}\n"}, {"papers.bib": bib})
    site = _build(root)
    assert research_warnings(site) == [
        "data/papers.bib:1: year '20255' of entry 'future' is not a year from 1 to 9999; fix it. "
        "The entry is shown with the year as written",
        "data/papers.bib:2: year '0' of entry 'zero' is not a year from 1 to 9999; fix it. "
        "The entry is shown with the year as written",
    ]
    rows = {li["id"]: li for li in site.html().select("li.research-pub")}
    assert rows["pub-future"].select_one(".research-pub__venue").get_text() == "20255"
    assert {"pub-zero", "pub-superscript", "pub-good", "pub-other"} <= set(rows)
    feed = ET.fromstring((site.site_dir / "feed.xml").read_bytes())
    assert [e.findtext(f"{{{ATOM}}}title") for e in feed.findall(f"{{{ATOM}}}entry")] == [
        "Good Paper",
        "Other Paper",
    ]
    code, printed = check(root)
    assert code == 1 and "year '20255' of entry 'future'" in printed


def test_a_control_character_in_a_link_title_or_news_keeps_feed_xml_valid(tmp_path: Path) -> None:
    bib = (
        "@article{ctrl, title = {Bell\x07 and \x01Start}, year = 2021, "
        "pdf = {https://example.org/\x01paper.pdf}, abstract = {Form\x0cfeed}}\n" + PAPERS
    )
    news = '- date: 2021-05-01\n  text: "News with a \\x01 control character"\n'
    root = write_site(
        tmp_path / "s",
        {"index.md": "{{ publications() }}\n"},
        {"papers.bib": bib, "news.yml": news},
    )
    site = _build(root)
    feed = ET.fromstring((site.site_dir / "feed.xml").read_bytes())  # a real XML parser
    entries = feed.findall(f"{{{ATOM}}}entry")
    assert entries[0].findtext(f"{{{ATOM}}}title") == "News with a  control character"
    assert entries[1].findtext(f"{{{ATOM}}}title") == "Bell and Start"
    for link in feed.iter(f"{{{ATOM}}}link"):
        assert all(ord(c) >= 0x20 for c in link.get("href"))


# --------------------------------------------------------------------------------------
# YAML: aliases and types
# --------------------------------------------------------------------------------------

#: 700 bytes that stand for 10^9 values: every level repeats the one before ten times.
BILLION_LAUGHS = (
    "good:\n  abbr: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    + "".join(f"  x{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]\n" for n in range(1, 9))
)


def test_billion_laughs_under_abbr_in_publications_yml_is_refused(tmp_path: Path) -> None:
    assert len(BILLION_LAUGHS.encode()) < 800
    root = write_site(
        tmp_path / "s",
        {"index.md": "{{ publications() }}\n"},
        {"papers.bib": PAPERS, "publications.yml": BILLION_LAUGHS, "talks.yml": "- *x\n"},
    )
    site = _build(root)
    warnings = research_warnings(site)
    assert warnings[0] == (
        "data/publications.yml:5: aliases repeat the value anchored here (and what it holds) "
        "more than 100,000 times in all; write the data out instead of aliases of aliases"
    )
    assert titles(site) == ["Good Paper", "Other Paper"]
    assert site.html().select_one(".research-abbr") is None


def _with_extras(tmp_path: Path, extras: str) -> Site:
    """A site listing PAPERS, with ``extras`` as its ``publications.yml``."""
    root = write_site(
        tmp_path / "s",
        {"index.md": "{{ publications() }}\n"},
        {"papers.bib": PAPERS, "publications.yml": extras},
    )
    return _build(root)


def test_aliases_that_repeat_a_little_are_fine(tmp_path: Path) -> None:
    extras = (
        "good:\n  links: &links\n    - {label: Data, url: 'https://example.org/data'}\n"
        "other:\n  links: *links\n"
    )
    site = _with_extras(tmp_path, extras)
    assert research_warnings(site) == []
    assert [a.get_text(strip=True) for a in site.html().select(".research-link")] == ["Data"] * 2


def test_wrong_types_in_publications_yml_are_problems_never_python_reprs(tmp_path: Path) -> None:
    extras = (
        "good:\n"
        "  abbr: [ICML, NeurIPS]\n"
        "  award: {best: paper}\n"
        "  selected: [1, 2]\n"
        "  code: [https://example.org/a, {url: x}]\n"
        "  also:\n    - Workshop on Tests\n    - [nested]\n"
        "  links:\n    - {label: Data, url: 'https://example.org/d'}\n    - just text\n"
        "  stars: 1240\n"
        "  keywords: [robustness, 3]\n"
        "other:\n"
        "  note: {text: a mapping}\n"
    )
    site = _with_extras(tmp_path, extras)
    assert research_warnings(site) == [
        "data/publications.yml:2: 'abbr' in the fields of 'good' must be text; got a list",
        "data/publications.yml:3: 'award' in the fields of 'good' must be text; got a mapping",
        "data/publications.yml:4: 'selected' in the fields of 'good' must be text; got a list",
        "data/publications.yml:5: 'code' in the fields of 'good' must be a list of texts; got a list",
        "data/publications.yml:8: item 2 of 'also' in the fields of 'good' must be a text or "
        "{venue: ..., award: ...}; it is left out",
        "data/publications.yml:11: item 2 of 'links' in the fields of 'good' must be a mapping of "
        "label, url and icon texts; it is left out",
        "data/publications.yml:15: 'note' in the fields of 'other' must be text; got a mapping",
    ]
    page = site.html()
    for bibtex in page.select(".research-bibtex"):
        bibtex.decompose()
    shown = " ".join(li.get_text() for li in page.select("li.research-pub"))
    assert not set("[]{}'") & set(shown)
    good = page.select_one("#pub-good")
    assert good.select_one(".research-abbr") is None
    assert [n.get_text() for n in good.select(".research-pub__note")] == ["Workshop on Tests"]
    assert [a.get_text(strip=True) for a in good.select(".research-link")] == ["Data"]
    assert good["data-tags"] == "robustness|3"


# --------------------------------------------------------------------------------------
# BibTeX: nested @string, files that are not BibTeX, safe exports
# --------------------------------------------------------------------------------------

NESTED = (
    '@string{proc = "Proceedings of the "}\n'
    "@string{icml = proc # {International Conference on Machine Learning}}\n"
    "@string{short = icml}\n"
    "@inproceedings{nested, title = {Nested}, booktitle = icml, year = 2021}\n"
    '@inproceedings{joined, title = {Joined}, booktitle = short # ", " # "Vienna", year = 2020}\n'
)


def test_nested_string_resolves_as_bibtex_does(tmp_path: Path) -> None:
    root = write_site(
        tmp_path / "s", {"index.md": "{{ publications() }}\n"}, {"papers.bib": NESTED}
    )
    site = _build(root)
    assert research_warnings(site) == []
    venues = [v.get_text() for v in site.html().select(".research-pub__venue em")]
    assert venues == [  # "In" before a booktitle, as al-folio shows it
        "In Proceedings of the International Conference on Machine Learning",
        "In Proceedings of the International Conference on Machine Learning, Vienna",
    ]
    exported = bibtexparser.parse_string((site.site_dir / "publications.bib").read_text())
    assert {e.key: e["booktitle"] for e in exported.entries} == {
        "nested": "Proceedings of the International Conference on Machine Learning",
        "joined": "Proceedings of the International Conference on Machine Learning, Vienna",
    }


def test_a_string_using_an_undefined_string_is_a_problem() -> None:
    text = '@string{icml = proc # "ICML"}\n@misc{a, title = {A}, booktitle = icml}\n'
    _, problems = load_bibtex(text, "x.bib")
    assert str(problems[0]) == (
        "x.bib:1: @string 'icml' uses the @string 'proc', which is not defined above it; "
        "define that one first, or write the value in braces"
    )


def test_an_all_nul_file_utf16_without_bom_and_json_named_bib_are_problems(tmp_path: Path) -> None:
    root = write_site(
        tmp_path / "s", {"index.md": "{{ publications() }}\n"}, {"papers.bib": PAPERS}
    )
    data = root / "data"
    (data / "zeros.bib").write_bytes(b"\0" * 4096)
    utf16 = "@article{wide, title = {Wide Characters}, year = 2018}\n"
    (data / "utf16.bib").write_bytes(utf16.encode("utf-16-le"))
    (data / "export.bib").write_text('{"title": "Not BibTeX", "year": 2020}\n')
    (data / "stray.bib").write_bytes(b"@article{stray, title = {Stray\0Byte}, year = 2017}\n")
    site = _build(root)
    assert research_warnings(site) == [
        'data/export.bib:1: has no BibTeX entries: it starts with \'{"title": "Not BibTeX", '
        '"year": 2020}\', which is not BibTeX; check that this is the file you meant. Entries '
        "look like @article{key, title = {...}}",
        "data/stray.bib:1: contains 1 NUL character (the first on this line), as binary files "
        "do; they are ignored",
        "data/utf16.bib:1: is saved as UTF-16; it was read as such, but save it as UTF-8",
        "data/zeros.bib:1: is not a text file (it is mostly NUL bytes); check that this is the "
        "file you meant",
    ]
    assert titles(site) == ["Good Paper", "Other Paper", "Wide Characters", "StrayByte"]
    result = strict_build(root)
    assert result.returncode != 0 and "zeros.bib:1" in result.stderr


HIDDEN = "\u202e\u2066\0"


def test_nul_and_bidi_overrides_never_reach_the_page(tmp_path: Path) -> None:
    bib = "@article{rlo, title = {Invoice \u202egnp.exe\u202c}, author = {Doe\u2066, Jane}, year = 2020}\n"
    profile = 'name: "Ada \\u202eLovelace\\0"\nsummary: "Read \\u2067this\\u2069."\n'
    resume = '{"basics": {"name": "Other", "label": "Prof\\u202eessor"}, "work": [{"name": "Lab\\u202e", "position": "Head"}]}'
    root = write_site(
        tmp_path / "s",
        {"index.md": "{{ profile() }}\n\n{{ publications() }}\n\n{{ cv() }}\n"},
        {"papers.bib": bib, "profile.yml": profile, "resume.json": resume},
    )
    site = _build(root)
    assert research_warnings(site) == []
    for output in [*site.site_dir.rglob("*.html"), site.site_dir / "feed.xml"]:
        assert not set(HIDDEN) & set(output.read_text(encoding="utf-8")), output
    assert site.html().select_one(".research-pub__title").get_text() == "Invoice gnp.exe"
    assert "Ada Lovelace" in site.html().select_one(".research-profile").get_text()


def test_json_resume_duplicate_keys_are_reported_with_their_line(tmp_path: Path) -> None:
    resume = '{\n  "basics": {\n    "name": "First",\n    "name": "Second"\n  }\n}\n'
    root = write_site(tmp_path / "s", {"index.md": "{{ profile() }}\n"}, {"resume.json": resume})
    site = _build(root)
    assert research_warnings(site) == [
        "data/resume.json:4: duplicate key 'name' (first at line 3); keep one (the last one is used)"
    ]
    assert "Second" in site.html().select_one(".research-profile").get_text()


def _closes_at_its_end(entry: str) -> bool:
    """Whether an entry, braces counted as BibTeX counts them (every one, escaped or not),
    closes exactly at its last character."""
    depth = 0
    for index, char in enumerate(entry):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and char == "}":
            return index == len(entry.rstrip()) - 1
    return False


UNSAFE_KEY = set(' \t\n,{}\\"=')


def _paired(value: str) -> bool:
    """Whether the braces of a value pair up, those after a backslash left out."""
    depth = 0
    for index, char in enumerate(value):
        if char in "{}" and not value[:index].endswith("\\"):
            depth += 1 if char == "{" else -1
            if depth < 0:
                return False
    return depth == 0


def _same_text(value: str) -> str:
    return " ".join(latex_to_text(value).split())


def assert_export_reads_back(publications: list) -> None:
    """Each entry's clean BibTeX closes where it ends, and bibtexparser reads it back as the
    same entry: same key, same fields, same text in each."""
    for publication in publications:
        assert _closes_at_its_end(publication.bibtex), publication.bibtex
        library = bibtexparser.parse_string(publication.bibtex)
        (entry,) = library.entries
        if UNSAFE_KEY.isdisjoint(publication.key):
            assert entry.key == publication.key
        else:  # reported at its line; written so that BibTeX reads it
            assert UNSAFE_KEY.isdisjoint(entry.key)
        fields = {f.key: str(f.value) for f in entry.fields}
        expected = {
            k: v
            for k, v in publication.fields.items()
            if k not in CUSTOM_FIELDS and re.fullmatch(r"[A-Za-z][\w:.+-]*", k)
        }
        assert set(fields) == set(expected)
        for name, value in expected.items():  # a value with unmatched braces loses them
            if name not in {"author", "editor"} and _paired(value):
                assert _same_text(fields[name]) == _same_text(value), name


def test_an_escaped_brace_in_a_title_cannot_inject_fields_into_the_export(tmp_path: Path) -> None:
    bib = (
        r"@article{inj, title = {Closing \} , note = {injected}, x = \{}, year = 2020}" + "\n"
        r"@article{pair, title = {Paired \{x\} braces}, year = 2019}" + "\n"
    )
    root = write_site(tmp_path / "s", {"index.md": "{{ publications() }}\n"}, {"papers.bib": bib})
    site = _build(root)
    assert research_warnings(site) == []
    exported = (site.site_dir / "publications.bib").read_text()
    assert "  title = {Paired \\{x\\} braces}," in exported  # pairs are kept as written
    library = bibtexparser.parse_string(exported)
    assert {e.key: sorted(f.key for f in e.fields) for e in library.entries} == {
        "inj": ["title", "year"],
        "pair": ["title", "year"],
    }
    publications, _ = load_bibtex(bib, "x.bib")
    assert_export_reads_back(publications)
    copied = site.html().select_one("#pub-inj .research-bibtex code").get_text()
    assert copied == publications[0].bibtex


EXPORT_PIECES = [
    *("a", " ", "\\{", "\\}", "{b}", "{", "}", ",", "=", "@misc{", "#", "%", '"', "\\\\"),
    *("\n", "note = {x}", "$x$", "{\\'e}", "\\emph{y}", "and", " and "),
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(EXPORT_PIECES), max_size=10).map("".join), max_size=4))
def test_every_export_reads_back_as_the_entry_it_came_from(values: list[str]) -> None:
    text = "".join(
        f'@misc{{k{i}, title = {{{v}}}, author = {{Doe, J. and {v}}}, note = "{v}"}}\n'
        for i, v in enumerate(values)
    )
    publications, _ = load_bibtex(text, "x.bib")
    assert_export_reads_back(publications)


# --------------------------------------------------------------------------------------
# Files that cannot be read
# --------------------------------------------------------------------------------------


def test_an_input_output_error_on_a_data_file_is_a_problem(tmp_path: Path, monkeypatch) -> None:
    root = write_site(
        tmp_path / "s",
        {"index.md": "{{ publications() }}\n\n{{ talks() }}\n"},
        {
            "papers.bib": PAPERS,
            "broken.bib": "@article{x, title = {X}}\n",
            "talks.yml": "- date: 2021-01-01\n  title: Talk\n",
        },
    )
    read_bytes = Path.read_bytes
    unreadable = {root / "data" / "broken.bib", root / "data" / "talks.yml"}

    def failing(path: Path) -> bytes:
        if path in unreadable:
            raise OSError(errno.EIO, "Input/output error")
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", failing)
    site = _build(root)
    assert research_warnings(site) == [
        "data/broken.bib: cannot read the file (Input/output error); check that it is readable",
        "data/talks.yml: cannot read the file (Input/output error); check that it is readable",
    ]
    assert titles(site) == ["Good Paper", "Other Paper"]
    code, printed = check(root)
    assert code == 1 and "Traceback" not in printed
    assert "data/broken.bib: cannot read the file (Input/output error)" in printed


def test_a_bib_saved_half_way_keeps_its_last_good_entries_between_rebuilds(tmp_path: Path) -> None:
    """What ``mkdocs serve`` does between rebuilds, without a server: the engine is kept."""
    root = write_site(tmp_path / "s", {"index.md": "x\n"}, {"papers.bib": PAPERS})
    research = Research(resolve_options(root, {}))
    assert research.refresh() == []
    half = PAPERS[: PAPERS.index("Other Paper")]
    (root / "data" / "papers.bib").write_text(half)
    os.utime(root / "data" / "papers.bib", ns=(1, 1))  # a new modification time, surely
    problems = research.refresh()
    assert [str(p) for p in problems] == [
        "data/papers.bib:2: the block starting '@article{other, title = {' is not closed before "
        "the end of the file; close it, and check its braces and quotes"
    ]
    assert [p.key for p in research.store.publications] == ["good", "other"]
    fresh = Research(resolve_options(root, {}), write_cache=False)  # a build: no last good
    fresh.refresh()
    assert [p.key for p in fresh.store.publications] == ["good"]


# --------------------------------------------------------------------------------------
# The templates folder
# --------------------------------------------------------------------------------------

ROW_OVERRIDE = (
    '<li class="research-pub" id="{{ pub.id }}"><b class="mine">{{ pub.title }}</b></li>\n'
)


def test_a_lock_symlink_a_fifo_and_a_device_in_templates_are_skipped(tmp_path: Path) -> None:
    root = write_site(
        tmp_path / "s",
        {"index.md": "{{ publications() }}\n"},
        {"papers.bib": PAPERS},
        plugin={"templates": "overrides"},
    )
    overrides = root / "overrides"
    (overrides / "deep" / "er").mkdir(parents=True)
    (overrides / "publication_row.html").write_text(ROW_OVERRIDE)
    (overrides / ".#publication_row.html").symlink_to("ada@laptop.4242:1700000000")  # Emacs
    os.mkfifo(overrides / "publication_compact.html.fifo.html")
    (overrides / "icons").mkdir()
    (overrides / "icons" / "pdf.svg").symlink_to("/dev/null")
    (overrides / "deep" / "er" / "unread.html").write_text("{{ broken")
    site = _build(root)
    assert research_warnings(site) == []
    assert [b.get_text() for b in site.html().select("b.mine")] == ["Good Paper", "Other Paper"]
    assert check(root) == (0, "No problems found.\n")


def test_templates_slash_reads_only_the_top_of_the_folder(tmp_path: Path) -> None:
    """``templates: /`` once had every file of the disk read and hashed."""
    listed = UserTemplates(Path("/")).list_templates()
    top = sorted(
        entry.name
        for entry in os.scandir("/")
        if entry.name.endswith((".html", ".svg")) and entry.is_file()
    )
    assert listed == top
    root = write_site(
        tmp_path / "s",
        {"index.md": "{{ publications() }}\n"},
        {"papers.bib": PAPERS},
        plugin={"templates": "/"},
    )
    site = _build(root)
    assert research_warnings(site) == []
    assert titles(site) == ["Good Paper", "Other Paper"]


# --------------------------------------------------------------------------------------
# Publication pages
# --------------------------------------------------------------------------------------


def _with_pages(tmp_path: Path, bib: str) -> Site:
    """A site listing ``bib``, each entry with a page of its own."""
    root = write_site(
        tmp_path / "s",
        {"index.md": "{{ publications() }}\n"},
        {"papers.bib": bib},
        plugin={"publication_pages": True},
    )
    return _build(root)


def test_citekeys_dot_and_dotdot_never_point_at_the_root(tmp_path: Path) -> None:
    bib = (
        "@article{., title = {Dot}, year = 2021}\n"
        "@article{.., title = {Dot Dot}, year = 2020}\n"
        "@article{..hidden, title = {Hidden}, year = 2019}\n" + PAPERS
    )
    site = _with_pages(tmp_path, bib)
    links = {
        li.select_one(".research-pub__title").get_text(): li.select_one(".research-pub__title a")[
            "href"
        ]
        for li in site.html().select("li.research-pub")
    }
    for title in ("Dot", "Dot Dot", "Hidden"):
        href = links[title]
        assert re.fullmatch(r"publications/(entry-[0-9a-f]{6}|hidden)/", href), href
        page = site.html(href + "index.html")
        assert page.select_one(".research-publication-page__title").get_text() == title
    assert len(set(links.values())) == len(links)
    assert site.html().select_one("#pub-good") is not None


def test_an_emoji_keeps_the_whole_title_in_the_page_title(tmp_path: Path) -> None:
    bib = "@article{smile, title = {Faces 😀 and 𝔽ields of \\emph{Joy}}, year = 2021}\n"
    site = _with_pages(tmp_path, bib)
    assert research_warnings(site) == []
    page = site.html("publications/smile/index.html")
    assert page.title.get_text().startswith("Faces 😀 and 𝔽ields of Joy")
    assert "title:" not in page.get_text()  # the front matter was read, not shown


def test_a_template_saved_as_latin1_is_a_problem_and_the_packaged_one_is_used(
    tmp_path: Path,
) -> None:
    root = write_site(
        tmp_path / "s",
        {"index.md": "{{ publications() }}\n"},
        {"papers.bib": PAPERS},
        plugin={"templates": "overrides"},
    )
    (root / "overrides" / "icons").mkdir(parents=True)
    (root / "overrides" / "publication_row.html").write_bytes("\n<li>Café</li>".encode("latin-1"))
    (root / "overrides" / "icons" / "mine.svg").write_bytes(b"<svg>\xe9</svg>")
    site = _build(root)
    assert research_warnings(site) == [
        "overrides/icons/mine.svg:1: is not UTF-8 text; save it as UTF-8. Until then it is not used",
        "overrides/publication_row.html:2: is not UTF-8 text; save it as UTF-8. Until then it is "
        "not used",
    ]
    assert titles(site) == ["Good Paper", "Other Paper"]


def test_markdown_nested_thousands_deep_in_data_is_shown_as_written(tmp_path: Path) -> None:
    profile = "name: Ada\nsummary: '" + "* " * 2000 + "deep'\n"
    news = "- date: 2021-01-01\n  text: '" + "1. " * 2000 + "deep'\n"
    root = write_site(
        tmp_path / "s",
        {"index.md": "{{ profile() }}\n\n{{ news() }}\n"},
        {"profile.yml": profile, "news.yml": news},
    )
    site = _build(root)
    assert research_warnings(site) == []
    assert site.html().select_one(".research-profile__summary").get_text().count("* ") >= 1999
    assert "deep" in site.html().select_one(".research-news__item").get_text()


def test_markdown_after_a_text_nested_too_deep_still_has_links() -> None:
    assert markdown_to_html("* " * 2000 + "deep").startswith("<p>* * ")
    assert markdown_inline("see [the site](https://example.org/after)") == (
        'see <a href="https://example.org/after">the site</a>'
    )
