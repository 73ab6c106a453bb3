"""Reading a ``.bib`` file again parses only the entries that changed.

Under ``mkdocs serve`` an edit of one entry among thousands re-reads that entry alone: every
piece of the file is remembered by its text and by the ``@string`` values it uses. What such
a reading gives must be exactly what reading the file afresh gives.
"""

from __future__ import annotations

import os
from pathlib import Path

from conftest import _build, kept_plugin, write_site
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_research.bibtex import Bibliography, read_bibtex
from mkdocs_research.cache import RenderCache

BIB = """\
% My papers
@string{jmlr = {Journal of Machine Learning Research}}

@article{a, title = {First}, author = {Quill, Ada and Doe, Jane}, journal = jmlr, year = 2020}

@article{b,
  title   = {Second},
  author  = {Doe, Jane},
  journal = {Nature},
  year    = 2021,
  pdf     = {javascript:alert(1)},
}

@inproceedings{c, title = {Third $x^$}, booktitle = "Proc. of " # jmlr, year = 2022}
"""


def read_again(text: str, earlier: Bibliography) -> Bibliography:
    """``text`` read with what ``earlier`` knows, checked against reading it afresh."""
    again = read_bibtex(text, "data/papers.bib", earlier.known())
    assert again.blocks == read_bibtex(text, "data/papers.bib").blocks
    return again


def test_an_edited_entry_is_the_only_one_read_again() -> None:
    first = read_bibtex(BIB, "data/papers.bib")
    assert first.read == 3
    again = read_again(BIB.replace("{Second}", "{Second,\n  revised}"), first)
    assert again.read == 1
    a, b, c = again.publications
    assert b.fields["title"] == "Second,\n  revised"
    # The entry below it moved down a line, and so did its problem.
    assert (a.line, b.line, c.line) == (4, 6, 15)
    assert [p.line for block in again.blocks for p in block.problems] == [12, 15]


def test_an_edited_string_reads_again_the_entries_that_use_it() -> None:
    first = read_bibtex(BIB, "data/papers.bib")
    again = read_again(BIB.replace("{Journal of Machine", "{Journal of Deep"), first)
    assert again.read == 2  # a and c use the @string; b does not
    a, _, c = again.publications
    assert a.fields["journal"] == "Journal of Deep Learning Research"
    assert c.fields["booktitle"] == "Proc. of Journal of Deep Learning Research"


def test_an_unchanged_file_reads_nothing_again() -> None:
    first = read_bibtex(BIB, "data/papers.bib")
    again = read_again(BIB, first)
    assert again.read == 0
    assert [p is q for p, q in zip(again.publications, first.publications, strict=True)] == [
        True
    ] * 3


def test_a_broken_edit_is_read_carefully_and_the_repair_piece_by_piece_again() -> None:
    first = read_bibtex(BIB, "data/papers.bib")
    broken = read_again(BIB.replace("year    = 2021,", "year    = 2021"), first)
    assert broken.read == 3 and broken.known() == {}  # the careful path, whole
    repaired = read_bibtex(BIB, "data/papers.bib", first.known())
    assert repaired.read == 0


def test_a_repeated_citekey_across_pieces_is_left_to_the_careful_path() -> None:
    first = read_bibtex(BIB, "data/papers.bib")
    again = read_again(BIB.replace("@inproceedings{c", "@inproceedings{a"), first)
    assert again.known() == {}
    assert any("used twice" in p.message for block in again.blocks for p in block.problems)


# Random edit sequences: every reading with what the one before knew equals a fresh one.

STRINGS = ["@string{j = {J. Mach. Learn. Res.}}\n", '@string{j = "Nature"}\n', "@string{k = j}\n"]
VALUES = ["{T}", "{Other title}", '"Quoted"', "j", "k", "2021", "dec", '"Proc. " # j', "{$x^$}"]
FIELDS = ["title", "journal", "year", "month", "pdf", "author"]
#: Entries with ``KEY`` where each gets a citekey of its own.
entry = st.builds(
    lambda kind, fields, gap: (
        f"@{kind}{{KEY"
        + "".join(f",\n  {name} = {value}" for name, value in fields.items())
        + f"\n}}\n{gap}"
    ),
    st.sampled_from(["article", "misc"]),
    st.dictionaries(st.sampled_from(FIELDS), st.sampled_from(VALUES), max_size=3),
    st.sampled_from(["", "\n", "\n\n", "% a comment\n", "  "]),
)
other = st.sampled_from([*STRINGS, "\n", "% note @misc\n", "@comment{x}\n"])
#: What the careful path reads: a citekey used twice, an entry left open.
rare = st.sampled_from(["@misc{twice}\n", "@misc{twice,\n  title = {T\n"])
# Mostly entries, so that most readings take the fast path.
piece = st.sampled_from([entry] * 12 + [other] * 3 + [rare]).flatmap(lambda kind: kind)
strings = st.sampled_from(["", STRINGS[0], STRINGS[0] + STRINGS[2]])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strings, st.data())
def test_reading_again_after_any_edits_equals_reading_afresh(head, data) -> None:
    keys = iter(range(1000))

    def new_piece() -> str:
        return data.draw(piece, label="piece").replace("KEY", f"key{next(keys)}")

    pieces = [head, *(new_piece() for _ in range(data.draw(st.integers(0, 6), label="size")))]
    bibliography = read_bibtex("".join(pieces), "data/papers.bib")
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        place = data.draw(st.integers(0, len(pieces)), label="place")
        edit = data.draw(st.sampled_from(["insert", "replace", "delete"]), label="edit")
        if edit == "insert":
            pieces.insert(place, new_piece())
        elif place < len(pieces):
            del pieces[place]
            if edit == "replace":
                pieces.insert(place, new_piece())
        bibliography = read_again("".join(pieces), bibliography)


# Under a server: one entry edited, one entry parsed and one row rendered again.


def test_a_bib_edit_under_serve_parses_and_renders_only_that_entry(tmp_path: Path, monkeypatch):
    root = write_site(tmp_path / "s", {"index.md": "{{ publications() }}"}, {"papers.bib": BIB})
    _build(root)
    store = kept_plugin().research.store
    assert store.entry_parse_count == 3
    rendered: list[bytes] = []
    put = RenderCache.put

    def counting(self: RenderCache, key: bytes, row: tuple[str, str]) -> tuple[str, str]:
        if self.file is not None and self.file.name == "rows.json":
            rendered.append(key)
        return put(self, key, row)

    monkeypatch.setattr(RenderCache, "put", counting)
    bib = root / "data" / "papers.bib"
    bib.write_text(BIB.replace("{Second}", "{Second,\n  revised}"), encoding="utf-8")
    os.utime(bib, ns=(bib.stat().st_mtime_ns + 10**9,) * 2)
    site = _build(root)
    assert store.entry_parse_count == 4
    assert len(rendered) == 1
    titles = [t.get_text() for t in site.html().select(".research-pub__title")]
    assert titles == ["Third $x^$", "Second, revised", "First"]


def test_a_server_started_after_a_build_reads_only_the_edited_entry(tmp_path: Path) -> None:
    """The parse cache on disk keeps the pieces, so the first edit under a new server is
    read piece by piece too."""
    from mkdocs_research.options import Options
    from mkdocs_research.research import Research

    root = write_site(tmp_path / "s", {"index.md": "{{ publications() }}"}, {"papers.bib": BIB})
    build = Research(Options.from_mapping(root, {}))
    build.refresh()
    build.finish()
    server = Research(Options.from_mapping(root, {}), serving=True)  # a new process
    server.refresh()
    assert (server.store.parse_count, server.store.entry_parse_count) == (0, 0)
    bib = root / "data" / "papers.bib"
    bib.write_text(BIB.replace("{Second}", "{Second, revised}"), encoding="utf-8")
    os.utime(bib, ns=(bib.stat().st_mtime_ns + 10**9,) * 2)
    server.refresh()
    assert (server.store.parse_count, server.store.entry_parse_count) == (1, 1)
    assert server.store.by_key["b"].fields["title"] == "Second, revised"
