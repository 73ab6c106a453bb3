"""The fast BibTeX reader agrees with the careful path (bibtexparser and our repairs).

``load_bibtex`` reads well-formed files with :mod:`mkdocs_research.bibscan` and everything
else with bibtexparser. Whatever the fast path accepts must give exactly the publications and
problems the careful path gives; whatever it cannot read exactly, it must refuse.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_research.bibscan import scan_bibtex
from mkdocs_research.bibtex import _load_carefully, load_bibtex, prepared

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402

EXAMPLES = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def both(text: str) -> tuple[tuple, tuple]:
    text = prepared(text)
    return load_bibtex(text, "data/x.bib"), _load_carefully(text, "data/x.bib")


def assert_same(text: str) -> None:
    fast, careful = both(text)
    assert fast[1] == careful[1], "the problems differ"
    assert fast[0] == careful[0], "the publications differ"


BIB_FILES = sorted(
    p for folder in ("data", "examples", "tests/fixtures") for p in (ROOT / folder).rglob("*.bib")
)


@pytest.mark.parametrize("path", BIB_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_bib_file_of_the_project_reads_alike_on_both_paths(path: Path) -> None:
    assert_same(path.read_text(encoding="utf-8", errors="replace"))


@pytest.mark.parametrize(
    "path",
    [ROOT / "data" / "papers.bib", ROOT / "tests/fixtures/alfolio.bib"],
    ids=lambda p: p.name,
)
def test_real_world_files_take_the_fast_path(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    scanned = scan_bibtex(text)
    assert scanned is not None
    publications, _ = load_bibtex(text, "x.bib")
    assert [e.key for e in scanned.entries] == [p.key for p in publications]


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_benchmark_corpus_takes_the_fast_path_and_reads_alike(
    seed: int, tmp_path: Path
) -> None:
    written = generate.write(tmp_path, 300, seed)
    text = Path(written["bib"]).read_text(encoding="utf-8")
    assert scan_bibtex(text) is not None
    assert_same(text)


def test_lines_are_counted_right_after_an_escaped_line_break() -> None:
    """bibtexparser does not count a newline after a backslash (its marks skip escaped
    characters), so its lines drift; the fast path counts every line."""
    text = "@article{a,\n  title = {\\\\\n  }}\n@article{b}"
    (_, b), problems = load_bibtex(text, "x.bib")
    assert b.line == 4
    assert [p.line for p in problems] == [4]


def test_field_lines_in_messages_match_the_careful_path() -> None:
    text = (
        "% a comment\n@string{j = {Journal}}\n\n@article{a,\n  title = {T},\n"
        "  journal = j,\n  pdf = {javascript:alert(1)},\n  doi = {not a doi}\n}\n"
        "@misc{b, pdf = {ftp://x}}\n"
    )
    assert scan_bibtex(text) is not None
    fast, careful = both(text)
    assert [(p.line, p.message) for p in fast[1]] == [(p.line, p.message) for p in careful[1]]
    assert [p.line for p in fast[1]] == [7, 8, 10, 10]


IRREGULAR = {
    "missing comma": "@article{a,\n  title = {T}\n  year = 2020\n}",
    "concatenation with an undefined string": '@article{a, journal = "J " # nowhere}',
    "a string using a string defined below it": '@string{b = a # "x"}\n@string{a = "y"}',
    "a string ending the file": "@string{ title = ",
    "undefined string": "@article{a, journal = nowhere}",
    "string defined later": "@article{a, journal = j}\n@string{j = {J}}",
    "duplicate key": "@article{a, title={T}}\n@article{a, title={U}}",
    "duplicate field": "@article{a, title={T}, title={U}}",
    "parentheses": "@article(a, title={T})",
    "preamble": '@preamble{"\\newcommand{\\x}{y}"}\n@article{a, title={T}}',
    "dangling and": "@article{a, author={Doe, J. and}}",
    "extra closing brace": "@article{a, title={T}}, year = 2020}",
    "unbalanced": "@article{a, title={T}",
    "block start inside a value": "@article{a, title={T\n@misc{b, title={U}}",
    "stray text after a value": "@article{a, title = {T} extra, year = 2020}",
    "commentary block": "@commentary{x}\n@article{a, title={T}}",
    "string named like a month": "@string{dec = {Dezember}}\n@article{a, month = dec}",
}


REGULAR = {
    "escaped braces": '@article{a, title = {50\\% of \\{x\\} and {\\"o}}}',
    "escaped quote in quotes": '@article{a, title = "Schr\\"oder {"} x"}',
    "deep nesting": "@article{a, title = {a {b {c {d}}} e}}",
    "no fields": "@misc{lonely}",
    "trailing comma": "@article{a, title = {T},\n}",
    "months and numbers": "@article{a, year = 2020, month = January}",
    "strings": '@STRING{J = "The {J}"}\n@article{a, journal = J, booktitle = j}',
    "comment block": "@comment{anything {nested} here}\n@article{a, title={T}}",
    "at sign in a value": "@misc{a, note = {LeQua @ {CLEF}}, email = {me@x.org}}",
    "unicode and spaces": "@Article{ k:ü ,\n\tTitle={  Ü  },Year={2020}}",
    "email in a comment": "% mail me@example.org, see @misc below\n@article{a, title={T}}",
    "comments between": "% head\n\nfree text\n@misc{a, title={T}}\n% tail\n",
    "concatenation": '@string{acl = {ACL}}\n@article{a, booktitle = "Proc. of " # acl # {, } # 2021 # dec}',
    "empty value": '@misc{a, title = {}, note = ""}',
    "concatenation in a string": '@string{j = "J" # "K"}\n@article{a, journal = j}',
    "nested strings": (
        '@string{proc = "Proceedings of the "}\n@string{icml = proc # {International Conference}}'
        "\n@string{same = icml}\n@string{year = 2021}\n@string{m = jan}\n"
        '@inproceedings{a, booktitle = icml, note = same # ", " # year, month = m}\n'
        '@inproceedings{b, booktitle = "In " # icml # " " # 2021}'
    ),
}

CASES = {
    **{k: (t, False) for k, t in IRREGULAR.items()},
    **{k: (t, True) for k, t in REGULAR.items()},
}


@pytest.mark.parametrize("name", CASES)
def test_each_case_takes_the_path_it_should_and_reads_alike(name: str) -> None:
    """What needs a repair or a message goes the careful way; the rest, the fast way."""
    text, fast = CASES[name]
    assert (scan_bibtex(text) is not None) is fast
    assert_same(text)


# Generated files: valid-looking entries built from the pieces both paths must agree on.
VALUE_PIECES = [
    *("a", "Word", " ", "  ", "\n", "\t", ",", "=", "#", "%", "$x^2$", "~", "--", "@"),
    *("{", "}", "{B}", "\\{", "\\}", '"', '\\"', '{\\"o}', "\\emph{", "{\\'e}", "\\\\"),
    *(" and ", "and ", " and", "others", "Doe, Jane*", "\n@misc{", "\n  x = 1", "}\n y ="),
]
text_piece = st.lists(st.sampled_from(VALUE_PIECES), max_size=8).map("".join)
value = st.one_of(
    text_piece.map(lambda t: "{" + t + "}"),
    text_piece.map(lambda t: '"' + t + '"'),
    st.sampled_from(["2020", "12", "dec", "January", "jmlr", "JMLR", "nope", "20x"]),
    st.tuples(text_piece, text_piece).map(lambda p: "{" + p[0] + "} # {" + p[1] + "}"),
)
field_name = st.sampled_from(
    ["title", "author", "editor", "year", "month", "journal", "pdf", "doi", "abstract", "Note"]
)
fields = st.lists(st.tuples(field_name, value), max_size=5)
separator = st.sampled_from([",\n  ", ", ", ",", " ,\n"])
entry = st.builds(
    lambda kind, key, fs, sep, trailing: (
        f"@{kind}{{{key}"
        + "".join(f"{sep}{name} = {v}" for name, v in fs)
        + ("," if trailing else "")
        + "\n}"
    ),
    st.sampled_from(["article", "InProceedings", "misc", "comment", "string"]),
    st.sampled_from(["a", "b", "doe:2020", "k1", "x y", "jmlr"]),
    fields,
    separator,
    st.booleans(),
)
gap = st.sampled_from(["\n", "\n\n", "% note\n", "free text\n", "year = 2020\n", "}\n", ""])
strings = st.sampled_from(
    [
        "",
        "@string{jmlr = {J. Mach. Learn. Res.}}\n",
        '@string{JMLR = "J"}\n',
        '@string{j = "J"}\n@string{jmlr = j # {. Mach.} # j}\n',
    ]
)
bib_file = st.builds(
    lambda head, blocks: head + "".join(g + e for g, e in blocks),
    strings,
    st.lists(st.tuples(gap, entry), max_size=4),
)


@EXAMPLES
@given(bib_file)
def test_generated_files_read_alike_on_both_paths(text: str) -> None:
    assert_same(text)


# Mostly well-formed files, so that most examples take the fast path. (A backslash before a
# line break is left out: bibtexparser then miscounts lines, see the test above.)
SAFE_PIECES = [
    *("a", "Word", " ", "\n  ", ",", "=", "#", "%", "$x^2$", "--", "@", "me@x.org", "\\\\ "),
    *("\\{", "\\}", '\\"', "\\emph", "{\\'e}", " and ", "others", "Doe, Jane*", "https://x.org"),
]
safe_text = st.lists(st.sampled_from(SAFE_PIECES), max_size=6).map("".join)
balanced = st.recursive(
    safe_text,
    lambda inner: st.lists(st.one_of(inner, inner.map(lambda t: "{" + t + "}")), max_size=3).map(
        "".join
    ),
    max_leaves=8,
)
simple_value = st.one_of(
    balanced.map(lambda t: "{" + t + "}"),
    balanced.filter(lambda t: '"' not in t).map(lambda t: '"' + t + '"'),
    st.sampled_from(["2020", "7", "dec", "Sept", "jmlr", "proc"]),
)
good_value = st.one_of(simple_value, st.lists(simple_value, min_size=2, max_size=3).map(" # ".join))
good_entry = st.builds(
    lambda kind, fs, sep: (kind, "".join(f"{sep}{n} = {v}" for n, v in fs)),
    st.sampled_from(["article", "Book", "misc"]),
    st.dictionaries(field_name.map(str.lower), good_value, max_size=5).map(dict.items),
    separator,
)
good_file = st.lists(good_entry, max_size=4).map(
    lambda entries: (
        "@string{jmlr = {J. Mach. Learn. Res.}}\n@string{proc = {Proc. } # jmlr # 2021}\n"
        + "\n".join(f"@{kind}{{key{i}{body}}}" for i, (kind, body) in enumerate(entries))
    )
)


@EXAMPLES
@given(good_file)
def test_what_the_fast_path_accepts_it_reads_like_bibtexparser(text: str) -> None:
    assert_same(text)


@pytest.mark.slow
def test_the_generated_files_mostly_take_the_fast_path() -> None:
    """The test above is only as good as the share of examples the fast path accepts."""
    accepted = []

    @settings(max_examples=200, deadline=None, database=None)
    @given(good_file)
    def sample(text: str) -> None:
        accepted.append(scan_bibtex(text) is not None)

    sample()
    assert sum(accepted) / len(accepted) > 0.6
