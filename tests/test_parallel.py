"""A long list read and rendered in two processes gives what one process gives, byte for
byte, in the same order, with the same warnings; and whatever goes wrong in the child
process, its share is done in the parent instead.
"""

from __future__ import annotations

import gc
import marshal
import os
import re
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import _build, new_process, write_site

from mkdocs_research import parallel
from mkdocs_research.bibtex import read_bibtex
from mkdocs_research.parallel import split_map
from mkdocs_research.research import Research

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402

forks = pytest.mark.skipif(
    not parallel.available(), reason="needs Linux, two usable cores and a single thread"
)
PARENT = os.getpid()


def square(n: int) -> tuple[int, int]:
    time.sleep(0.0005)  # long enough that the child takes its share before the parent ends
    return n, n * n


def decode(data: bytes, count: int) -> list[tuple[int, int]]:
    sent = marshal.loads(data)
    if len(sent) != count:
        raise ValueError("short")
    return sent


@pytest.fixture(autouse=True)
def short_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_ITEMS", 10)


def counted_forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The children forked from now on, by process id."""
    children: list[int] = []
    fork = os.fork

    def counting() -> int:
        pid = fork()
        if pid:
            children.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counting)
    return children


@forks
@pytest.mark.parametrize("count", [10, 11, 57, 400])
def test_the_result_is_the_loops_and_the_child_did_a_share(
    count: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    children = counted_forks(monkeypatch)
    seen: list[int] = []

    def where(n: int) -> tuple[int, int]:
        """The item and the process that did it."""
        time.sleep(0.0005)
        return n, os.getpid()

    done = split_map(where, range(count), marshal.dumps, decode)
    assert [n for n, _ in done] == list(range(count))
    seen = [pid for _, pid in done]
    assert len(children) == 1
    assert seen[0] == PARENT and seen[-1] == children[0]
    # Each took a run of items from its end, and together they did all of them.
    first_theirs = seen.index(children[0])
    assert set(seen[:first_theirs]) == {PARENT}
    assert set(seen[first_theirs:]) == {children[0]}
    assert split_map(square, range(count), marshal.dumps, decode) == [
        square(n) for n in range(count)
    ]


def test_a_short_list_or_a_second_thread_stays_in_one_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    children = counted_forks(monkeypatch)
    assert split_map(square, range(9), marshal.dumps, decode) == [square(n) for n in range(9)]
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)  # as mkdocs serve runs one
    server.start()
    try:
        assert split_map(square, range(50), marshal.dumps, decode) == [square(n) for n in range(50)]
    finally:
        stop.set()
        server.join()
    assert children == []


def failing_in_child(n: int) -> tuple[int, int]:
    if os.getpid() != PARENT and n > 30:
        raise RuntimeError("only the child fails")
    return square(n)


def dying_in_child(n: int) -> tuple[int, int]:
    if os.getpid() != PARENT and n > 30:
        os._exit(3)
    return square(n)


@forks
@pytest.mark.parametrize("func", [failing_in_child, dying_in_child], ids=["raises", "dies"])
def test_a_failing_child_leaves_its_share_to_the_parent(
    func, monkeypatch: pytest.MonkeyPatch
) -> None:
    children = counted_forks(monkeypatch)
    assert split_map(func, range(200), marshal.dumps, decode) == [square(n) for n in range(200)]
    assert len(children) == 1


@forks
@pytest.mark.parametrize(
    "answer",
    [lambda data: b"", lambda data: data[:-3], lambda data: b"\xff\xff\xff\x7f" + data[4:]],
    ids=["empty", "cut", "wrong start"],
)
def test_an_answer_not_as_sent_is_done_again(answer, monkeypatch: pytest.MonkeyPatch) -> None:
    finish = parallel._finish
    monkeypatch.setattr(parallel, "_finish", lambda *args: answer(finish(*args)))
    assert split_map(square, range(200), marshal.dumps, decode) == [square(n) for n in range(200)]


@forks
def test_an_error_in_the_parents_share_reaches_the_caller_and_leaves_no_child() -> None:
    def failing(n: int) -> tuple[int, int]:
        if os.getpid() == PARENT and n == 5:
            raise ValueError("entry 5")
        return square(n)

    with pytest.raises(ValueError, match="entry 5"):
        split_map(failing, range(200), marshal.dumps, decode)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


# --------------------------------------------------------------------------------------
# Reading a .bib file
# --------------------------------------------------------------------------------------


def bib(count: int, middle: str = "") -> str:
    """Entries that use ``@string`` values, one of them defined half-way down, from a value
    above it; ``middle`` goes half-way down too."""
    parts = ['@string{early = "Early Venue"}']
    for i in range(count):
        if i == count // 2:
            parts += ['@STRING{late = "Late " # early}', middle]
        venue = "late" if i > count // 2 else "early"
        parts.append(
            f"@article{{k{i},\n  author = {{M{{\\\"u}}ller, Jos{{\\'e}} and Lovelace, Ada}},\n"
            f"  title = {{Paper {i}: $x^{i % 3}$ and $\\frac{{1}}$}},\n  journal = {venue},\n"
            f"  year = {{20{i % 25:02d}}},\n}}"
        )
    return "\n\n".join(parts) + "\n"


def read_both_ways(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[list, list]:
    readings = []
    for minimum in (10, 10**9):
        monkeypatch.setattr(parallel, "MIN_ITEMS", minimum)
        bibliography = read_bibtex(text, "papers.bib")
        readings.append([*bibliography.blocks, bibliography.read])
    return readings[0], readings[1]


@forks
@pytest.mark.parametrize(
    "middle",
    [
        "",
        "@article{broken,\n  title = {unclosed,\n}",  # irregular: the careful path reads it
        "@misc{k3, title = {Again}}",  # a citekey of the first half, repeated in the second
    ],
    ids=["regular", "irregular", "repeated key"],
)
def test_a_long_file_reads_alike_in_one_process_and_in_two(
    middle: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    children = counted_forks(monkeypatch)
    two, one = read_both_ways(bib(120, middle), monkeypatch)
    assert two == one
    assert len(children) == 1
    blocks = two[:-1]
    if middle:  # read whole, by bibtexparser
        assert [b.digest for b in blocks] == [b""]
    else:
        assert two[-1] == 120
        venues = {p.key: p.fields["journal"] for b in blocks for p in b.publications}
        assert venues["k0"] == "Early Venue" and venues["k119"] == "Late Early Venue"
        problems = [q for b in blocks for q in b.problems]
        assert len(problems) == 120 and problems[-1].line == blocks[-1].line + 2


# --------------------------------------------------------------------------------------
# Whole sites
# --------------------------------------------------------------------------------------

PAGE = """\
# Publications

{{ publications(group_by="year") }}

## In short

{{ publications(style="compact", group_by="type") }}
"""

# Entries at the end of the file, read by the child, with problems it must report.
FLAWED = """
@article{flawed-math,
  author = {Lovelace, Ada},
  title = {On $\\frac{1}$ things},
  year = {2001},
}

@article{flawed-untitled,
  author = {Lovelace, Ada},
  year = {2002},
}
"""


@forks
@pytest.mark.slow
def test_a_long_list_builds_alike_in_one_process_and_in_two(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bib = generate.write(tmp_path / "corpus", 300, 3)["bib"].read_text(encoding="utf-8")
    data = {"papers.bib": bib + FLAWED}
    plugin = {"highlight_names": ["Ada Lovelace"]}
    sites = {}
    for minimum in (100, 10**9):
        monkeypatch.setattr(parallel, "MIN_ITEMS", minimum)
        children = counted_forks(monkeypatch)
        root = write_site(
            tmp_path / str(minimum),
            {"index.md": PAGE},
            data,
            extra={"plugins": ["search", {"research": plugin}]},
        )
        new_process()
        sites[minimum] = _build(root)
        # Publications are made, and both lists rendered, in two processes, or in one; and
        # the cache is written by another while MkDocs writes the site.
        assert len(children) == (3 if minimum == 100 else 0) + 1
        assert len(list((root / ".cache" / "plugin" / "research").glob("*.json"))) == 3
    two, one = sites[100], sites[10**9]
    for page in ("index.html", "search/search_index.json"):
        assert (two.site_dir / page).read_bytes() == (one.site_dir / page).read_bytes(), page
    assert len(two.html().select("li.research-pub")) == 2 * 302
    assert two.warnings == one.warnings
    lines = len(bib.splitlines())
    assert any(re.search(rf"papers\.bib:{lines + 4}\b.*'title'", w) for w in two.warnings)
    assert any(re.search(rf"papers\.bib:{lines + 8}\b.*no title", w) for w in two.warnings)


def site_with_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A short list, read and rendered in one process."""
    monkeypatch.setattr(parallel, "MIN_ITEMS", 10**9)
    bib = generate.write(tmp_path / "corpus", 20, 5)["bib"].read_text(encoding="utf-8")
    return write_site(tmp_path / "site", {"index.md": PAGE}, {"papers.bib": bib})


@forks
def test_the_cache_is_written_by_a_child_while_mkdocs_writes_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = site_with_cache(tmp_path, monkeypatch)
    children = counted_forks(monkeypatch)
    new_process()
    site = _build(root)
    assert site.warnings == []
    assert len(children) == 1
    written = sorted(p.name for p in (root / ".cache" / "plugin" / "research").iterdir())
    assert len(written) == 3 and {"calls.json", "rows.json"} <= set(written)
    with pytest.raises(ChildProcessError):  # waited for
        os.waitpid(-1, os.WNOHANG)
    assert gc.get_freeze_count() == 0  # what the build froze is collectable again


@forks
def test_a_child_that_fails_to_write_the_cache_costs_only_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = site_with_cache(tmp_path, monkeypatch)
    write = Research.write_cache

    def failing_in_child(self: Research) -> None:
        if os.getpid() != PARENT:
            os._exit(1)
        write(self)

    with monkeypatch.context() as failing:
        failing.setattr(Research, "write_cache", failing_in_child)
        new_process()
        first = _build(root)
    shown = (first.site_dir / "index.html").read_bytes()
    assert len(first.html().select("li.research-pub")) == 40
    cache = root / ".cache" / "plugin" / "research"
    assert not list(cache.glob("*.json"))
    new_process()
    second = _build(root)  # cold again, and writes the cache
    assert (second.site_dir / "index.html").read_bytes() == shown
    assert len(list(cache.glob("*.json"))) == 3


@forks
def test_no_process_to_be_had_is_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    assert split_map(square, range(50), marshal.dumps, decode) == [square(n) for n in range(50)]
    assert parallel.in_background(lambda: None) is None
