"""The cache folder is not trusted: files planted in it or damaged never run code, never
crash a build, and each build keeps only what it used."""

from __future__ import annotations

import json
import os
import pickle
import shutil
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import _build, new_process, write_site
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_cli import run

from mkdocs_research.bibtex import read_bibtex_file
from mkdocs_research.cache import BIBLIOGRAPHY, DiskCache, Invalid, RenderCache

BIB = """\
@article{a, title={First}, author={Quill, Ada* and Doe, Jane}, journal={J}, year=2020}
@article{b, title={Second}, author={Doe, Jane}, journal={K}, year=2021, month=mar}
"""
PAGES = {"index.md": "# Papers\n\n{{ publications() }}\n"}


class Payload:
    """What an attacker plants: unpickling it creates ``marker``."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.mkdir, (str(self.marker),))


def cache(root: Path) -> Path:
    return root / ".cache" / "plugin" / "research"


def titles(html: str) -> list[str]:
    return [t.get_text() for t in BeautifulSoup(html, "html.parser").select(".research-pub__title")]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_site(tmp_path / "site", PAGES, {"papers.bib": BIB})


def plant(root: Path, marker: Path) -> list[Path]:
    """A pickle payload in every file the cache has, and beside each under the names that
    earlier versions unpickled (``calls.pickle``, ``rows.pickle``, ``<key>.pickle``)."""
    _build(root)
    new_process()
    files = sorted(cache(root).iterdir())
    assert {f.name for f in files} >= {"calls.json", "rows.json"} and len(files) == 3
    payload = pickle.dumps(Payload(marker))
    planted = []
    for file in files:
        for target in (file, file.with_suffix(".pickle")):
            target.write_bytes(payload)
            planted.append(target)
    return planted


def test_a_planted_payload_runs_under_no_host(root: Path, tmp_path: Path, monkeypatch) -> None:
    marker = tmp_path / "pwned"
    plant(root, marker)
    assert titles((_build(root).site_dir / "index.html").read_text()) == ["Second", "First"]
    assert not marker.exists()

    plant(root, marker)
    result = run("check", cwd=root)
    assert result.returncode == 0 and "No problems found." in result.stdout
    assert not marker.exists()

    plant(root, marker)
    monkeypatch.chdir(root)
    html = markdown.markdown("{{ publications() }}", extensions=["mkdocs_research.markdown"])
    assert titles(html) == ["Second", "First"]
    assert not marker.exists()


def test_the_build_replaces_planted_files_and_drops_old_pickles(root: Path, tmp_path: Path):
    planted = plant(root, tmp_path / "pwned")
    _build(root)
    names = {f.name for f in cache(root).iterdir()}
    assert not any(name.endswith(".pickle") for name in names)
    for file in planted:
        if file.name in {"calls.json", "rows.json"}:  # rewritten with this build's HTML
            assert all(json.loads(line) for line in file.read_text().split("\n"))
        elif file.suffix == ".json":  # and parsed data
            assert json.loads(file.read_text())["value"]


def test_check_reads_the_cache_but_never_writes_it(root: Path) -> None:
    result = run("check", cwd=root)
    assert result.returncode == 0
    assert not (root / ".cache").exists()


def test_a_stamped_file_of_the_wrong_shape_is_a_miss(root: Path) -> None:
    _build(root)
    new_process()
    (entry,) = [f for f in cache(root).iterdir() if f.name not in {"calls.json", "rows.json"}]
    stamped = json.loads(entry.read_text())
    first_block = stamped["value"][0][0]
    first_block[2][0][2]["title"] = ["not", "a", "string"]  # a field that is a list
    entry.write_text(json.dumps(stamped))
    for name in ("calls.json", "rows.json"):
        (cache(root) / name).unlink()
    assert titles((_build(root).site_dir / "index.html").read_text()) == ["Second", "First"]
    assert json.loads(entry.read_text())["value"][0][0][2][0][2]["title"] == "First"


def test_six_edits_of_a_bib_leave_one_parsed_copy(root: Path) -> None:
    bib = root / "data" / "papers.bib"
    for edit in range(6):
        bib.write_text(BIB.replace("First", f"First, edit {edit}"), encoding="utf-8")
        new_process()  # a new `mkdocs build` each time
        _build(root)
    parsed = [f for f in cache(root).iterdir() if f.name not in {"calls.json", "rows.json"}]
    assert len(parsed) == 1
    assert "First, edit 5" in parsed[0].read_text()
    after_edits = sum(f.stat().st_size for f in cache(root).iterdir())
    shutil.rmtree(cache(root))
    new_process()
    _build(root)
    fresh = sum(f.stat().st_size for f in cache(root).iterdir())
    assert after_edits <= fresh * 1.05  # no more than one build of the same data leaves


def damaged(data: bytes) -> st.SearchStrategy[bytes]:
    """``data`` truncated, with bytes flipped, inserted or removed."""
    edits = st.lists(
        st.tuples(
            st.sampled_from(["flip", "insert", "delete"]),
            st.integers(0, len(data) - 1),
            st.binary(min_size=1, max_size=3),
        ),
        min_size=1,
        max_size=4,
    )

    def apply(changes: list[tuple[str, int, bytes]], cut: int) -> bytes:
        out = bytearray(data[:cut] if cut else data)
        for kind, at, value in changes:
            at = min(at, max(len(out) - 1, 0))
            if kind == "flip" and out:
                out[at] ^= value[0] or 1
            elif kind == "insert":
                out[at:at] = value
            elif out:
                del out[at : at + len(value)]
        return bytes(out)

    return st.builds(apply, edits, st.integers(0, len(data)))


FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def valid_files(tmp_path_factory) -> tuple[Path, bytes, bytes]:
    folder = tmp_path_factory.mktemp("fuzz")
    bib = folder / "papers.bib"
    bib.write_text(BIB, encoding="utf-8")
    disk = DiskCache(folder / "cache")
    disk.get_or_parse(bib, "papers.bib", read_bibtex_file, BIBLIOGRAPHY)
    disk.end_build()
    disk.write()
    (parsed,) = (folder / "cache").glob("*.json")
    rows = RenderCache(folder / "rows.json")
    rows.put(b"k" * 16, ("<li>row</li>", "row"))
    rows.end_build()
    rows.write()
    return bib, parsed.read_bytes(), (folder / "rows.json").read_bytes()


@FUZZ
@given(data=st.data())
def test_a_damaged_parse_cache_is_a_miss_or_the_same_data(valid_files, data) -> None:
    bib, parsed, _ = valid_files
    fresh, _ = read_bibtex_file(bib, "papers.bib")
    (entry,) = (bib.parent / "cache").glob("*.json")
    entry.write_bytes(data.draw(damaged(parsed)))
    disk = DiskCache(bib.parent / "cache", writable=False)
    (bibliography, problems), _, _ = disk.get_or_parse(
        bib, "papers.bib", read_bibtex_file, BIBLIOGRAPHY
    )
    publications = bibliography.publications
    # A flipped letter inside a title may survive every check: then it is still well typed.
    assert [type(p.year) for p in publications] == [type(p.year) for p in fresh.publications]
    assert all(isinstance(b.digest, bytes) for b in bibliography.blocks)
    assert all(isinstance(v, str) for b in bibliography.blocks for v in b.used.values())
    assert all(isinstance(v, str) for p in publications for v in p.fields.values())
    assert all(isinstance(m, str) for p in publications for a in p.authors for m in a.markers)
    assert all(isinstance(p.message, str) for p in problems)


@FUZZ
@given(data=st.data())
def test_a_damaged_row_cache_is_a_miss_or_well_typed_rows(valid_files, data) -> None:
    bib, _, rows = valid_files
    file = bib.parent / "damaged-rows.json"
    file.write_bytes(data.draw(damaged(rows)))
    cache = RenderCache(file, writable=False)
    row = cache.get(b"k" * 16)
    assert row is None or (isinstance(row[0], str) and isinstance(row[1], str))


@pytest.mark.parametrize(
    "people",
    [
        [["Doe"], "Jane", "", "", 0],  # a list where a name part goes
        ["Doe", "Jane", "", "", -1],  # a count that would walk backwards
        ["Doe", "Jane", "", "", 3, "*"],  # markers cut off
        ["Doe", "Jane", "", "", 1, 7],  # a marker that is no text
        ["Doe", "Jane", "", ""],  # a person cut off
    ],
)
def test_planted_people_of_the_wrong_shape_are_a_miss(people: list) -> None:
    publication = ["a", "article", {"title": "T"}, people, 2020, "2020", 0, "x.bib", 1, ""]
    with pytest.raises((Invalid, ValueError)):
        BIBLIOGRAPHY.decode([[["00", 1, [publication], [], {}, {}]], []])
