"""Linear time wherever user text meets a parser: no input makes a build crawl.

A name ending in ``$^`` and a few hundred spaces once took a build from 1.5 s to 96 s (a
regular expression backtracking in polynomial time); an unclosed ``<!--`` was scanned once
for every later comment. These tests look for such inputs themselves:

* every regular expression of the package (found by walking its modules, plus the patterns
  written inline in ``re.*`` calls) is run the way the package runs it (``search`` and the
  like from every position, or ``match`` at one) over adversarial texts built from its own
  literal characters: each one repeated, and each prefix of the pattern followed by a long
  run of one character, the shape that makes backtracking explode;
* the hand-written scanners that replaced such expressions get inputs from hypothesis,
  built from the characters of their syntax.

The budget is a ratio measured within the test, in processor time, so it holds on a slow or
busy machine: linear growth from 10 KB to 100 KB is 10x; the budget is twice that, for
memory effects (a backtracking stack or a result list outgrowing the processor's caches) and
timer noise, where quadratic growth is 100x and even n^1.5 is 32x. A ratio over budget is
measured again as the best of five runs before it fails.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import mkdocs_research
from mkdocs_research.bibtex import load_bibtex
from mkdocs_research.calls import find_calls
from mkdocs_research.macros import Macros
from mkdocs_research.people import NameMatcher, parse_people, parse_person, strip_markers

try:  # Python 3.11+
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse  # type: ignore[no-redef]

pytestmark = pytest.mark.slow  # timing many inputs at 100 KB

SMALL, MIDDLE, LARGE = 10_000, 31_623, 100_000
#: Ten times the input: linear growth takes 10x the time, quadratic 100x. Half of quadratic:
#: on a virtual machine, faulting in the memory a long match uses took linear patterns to
#: 45x at times (best of five, processor time).
BUDGET = 10 * 5
#: Below this, the time of one call is mostly overhead, whatever the input.
FLOOR = 0.005
#: A 10 KB input slower than this is hopeless even on a loaded machine (growth itself is
#: caught by the step to 32 KB, before a 100 KB run could take minutes).
HOPELESS = 1.0

# --------------------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------------------


def _time(run: Callable[[str], Any], text: str) -> float:
    """The processor time ``run`` takes: not the wall clock, which counts the time other
    processes of a busy machine took from this one."""
    start = time.thread_time()
    run(text)
    return time.thread_time() - start


def growth(run: Callable[[str], Any], make: Callable[[int], str]) -> tuple[float, float, float]:
    """(ratio, time for 10 KB, time for 100 KB) of ``run`` on ``make(size)``. A ratio over
    budget is measured again, best of five. The step to 32 KB comes first: where it already
    grows too fast, the 100 KB run (which could take minutes) is left out and its time
    extrapolated."""
    small, middle = make(SMALL), make(MIDDLE)
    fast = _time(run, small)
    assert fast < HOPELESS, f"{fast:.2f} s for 10 KB"
    step = _time(run, middle)
    if step > FLOOR / 3 and step > BUDGET**0.5 * fast:
        fast = min(_time(run, small) for _ in range(5))
        step = min(_time(run, middle) for _ in range(5))
        if step > FLOOR / 3 and step > BUDGET**0.5 * fast:
            ratio = (step / fast) ** 2
            return ratio, fast, fast * ratio
    large = make(LARGE)
    slow = _time(run, large)
    if slow > FLOOR and slow > BUDGET * fast:
        fast = min(_time(run, small) for _ in range(5))
        slow = min(_time(run, large) for _ in range(5))
    return (slow / fast if fast else 1.0), fast, slow


def within_budget(run: Callable[[str], Any], make: Callable[[int], str]) -> bool:
    ratio, _, slow = growth(run, make)
    return slow <= FLOOR or ratio <= BUDGET


def repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


# --------------------------------------------------------------------------------------
# Every regular expression of the package, and how it is used
# --------------------------------------------------------------------------------------

SEARCHING = {"search", "finditer", "findall", "sub", "subn", "split"}
ANCHORED = {"match", "fullmatch"}
PACKAGE = Path(mkdocs_research.__file__).parent


def _modules() -> Iterator[Any]:
    for info in pkgutil.iter_modules(mkdocs_research.__path__):
        yield importlib.import_module(f"mkdocs_research.{info.name}")


def _patterns_in(value: Any, name: str) -> Iterator[tuple[str, re.Pattern[str]]]:
    """The patterns in a module's value, with their names (``_WORDS[0]``)."""
    if isinstance(value, re.Pattern):
        yield name, value
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _patterns_in(item, f"{name}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _patterns_in(item, f"{name}[{key!r}]")


def package_patterns() -> dict[str, tuple[re.Pattern[str], set[str]]]:
    """Every pattern of the package by a readable name, with the methods it is called with
    (``search`` when no call could be traced, the strictest use)."""
    found: dict[int, tuple[str, re.Pattern[str], set[str]]] = {}
    for module in _modules():
        short = module.__name__.rsplit(".", 1)[1]
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        names: dict[str, list[re.Pattern[str]]] = {}
        for name, value in vars(module).items():
            patterns = list(_patterns_in(value, name))
            if patterns:
                names[name] = [pattern for _, pattern in patterns]
                for full_name, pattern in patterns:
                    found.setdefault(id(pattern), (f"{short}.{full_name}", pattern, set()))
        for node in ast.walk(tree):  # `for pattern in _WORDS:` names each of them
            if (
                isinstance(node, ast.For)
                and isinstance(node.target, ast.Name)
                and isinstance(node.iter, ast.Name)
                and node.iter.id in names
            ):
                names[node.target.id] = names[node.iter.id]
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            owner, method = node.func.value, node.func.attr
            if isinstance(owner, ast.Name) and owner.id in names:
                for pattern in names[owner.id]:
                    found[id(pattern)][2].add(method)
            elif (
                isinstance(owner, ast.Name)
                and owner.id == "re"
                and method in SEARCHING | ANCHORED
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):  # re.sub(r"...", ...) written inline
                flags = re.IGNORECASE if "IGNORECASE" in ast.dump(node) else 0
                pattern = re.compile(node.args[0].value, flags)
                name = f"{short}:{node.lineno}"
                found.setdefault(id(pattern), (name, pattern, {method}))
    return {
        name: (pattern, (methods & (SEARCHING | ANCHORED)) or {"search"})
        for name, pattern, methods in found.values()
    }


PATTERNS = package_patterns()

# --------------------------------------------------------------------------------------
# Adversarial texts from a pattern's own characters
# --------------------------------------------------------------------------------------

_SAMPLES = " a0!\n\t-.,:;/{}()[]<>\"'#$^*@\\é"
_CATEGORIES: dict[Any, Callable[[str], bool]] = {
    sre_parse.CATEGORY_DIGIT: str.isdigit,
    sre_parse.CATEGORY_NOT_DIGIT: lambda c: not c.isdigit(),
    sre_parse.CATEGORY_SPACE: str.isspace,
    sre_parse.CATEGORY_NOT_SPACE: lambda c: not c.isspace(),
    sre_parse.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
    sre_parse.CATEGORY_NOT_WORD: lambda c: not (c.isalnum() or c == "_"),
}


def _in_class(items: list, char: str) -> bool:
    """Whether a parsed character class (``[...]``, ``\\s``) accepts ``char``."""
    negate = bool(items) and items[0][0] is sre_parse.NEGATE
    hit = False
    for op, value in items[negate:]:
        if op is sre_parse.LITERAL:
            hit |= ord(char) == value
        elif op is sre_parse.RANGE:
            hit |= value[0] <= ord(char) <= value[1]
        elif op is sre_parse.CATEGORY:
            hit |= _CATEGORIES.get(value, lambda c: False)(char)
    return hit != negate


def _representative(items: list) -> str:
    """A character a parsed class accepts: a common one if it can, else one it names."""
    for char in _SAMPLES:
        if _in_class(items, char):
            return char
    return next((chr(v if op is sre_parse.LITERAL else v[0]) for op, v in items), "a")


def _tokens(parsed: Any, choice: tuple[int, int] | None, groups: dict[int, list[str]]) -> list[str]:
    """One piece of text for each element of a parsed pattern, in order: literal runs whole,
    a character each class accepts, the text of its group for a backreference, and for an
    alternation every branch, or only branch ``k`` if ``choice`` is (its id, ``k``)."""
    tokens: list[str] = []
    run = ""
    for op, value in parsed:
        if op is sre_parse.LITERAL:
            run += chr(value)
            continue
        if run:
            tokens.append(run)
            run = ""
        if op is sre_parse.IN:
            tokens.append(_representative(value))
        elif op is sre_parse.NOT_LITERAL or op is sre_parse.ANY:
            tokens.append("a" if value != ord("a") else "b")
        elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT):
            tokens += _tokens(value[2], choice, groups)
        elif op is sre_parse.SUBPATTERN:
            groups[value[0]] = _tokens(value[3], choice, groups)
            tokens += groups[value[0]]
        elif op is sre_parse.BRANCH:
            branches = value[1]
            if choice is not None and choice[0] == id(value):
                branches = [branches[choice[1]]]
            for branch in branches:
                tokens += _tokens(branch, choice, groups)
        elif op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
            tokens += _tokens(value[1], choice, groups)
        elif op is sre_parse.GROUPREF:
            tokens += groups.get(value, [])
    if run:
        tokens.append(run)
    return tokens


def _alternations(parsed: Any) -> Iterator[tuple[int, int]]:
    """(id, number of branches) of every alternation in a parsed pattern."""
    for op, value in parsed:
        if op is sre_parse.BRANCH:
            yield id(value), len(value[1])
            for branch in value[1]:
                yield from _alternations(branch)
        elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT):
            yield from _alternations(value[2])
        elif op is sre_parse.SUBPATTERN:
            yield from _alternations(value[3])
        elif op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
            yield from _alternations(value[1])


def _sequences(pattern: re.Pattern[str]) -> list[list[str]]:
    """The token sequences of a pattern: through every branch of its alternations at once,
    and through each branch of each alternation on its own (``x(a|b)`` as ``xab``, ``xa``
    and ``xb``)."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    choices = [None] + [(node, k) for node, count in _alternations(parsed) for k in range(count)]
    return [_tokens(parsed, choice, {}) for choice in choices]


def adversarial(pattern: re.Pattern[str]) -> dict[str, Callable[[int], str]]:
    """Texts of any size from the pattern's characters: each token repeated, each prefix of
    the pattern (or of one branch of it) repeated, and each prefix followed by a long run of
    one character. Texts that come out alike are kept once."""
    texts: dict[str, Callable[[int], str]] = {}
    for tokens in _sequences(pattern):
        fillers = sorted({t for t in tokens if len(t) == 1} | {" ", "a"})
        for token in tokens:
            texts[f"{token!r} repeated"] = lambda size, t=token: repeat(t, size)
        for end in range(1, len(tokens) + 1):
            prefix = "".join(tokens[:end])
            texts[f"{prefix!r} repeated"] = lambda size, p=prefix: repeat(p, size)
            for filler in fillers:
                texts[f"{prefix!r} then {filler!r}"] = lambda size, p=prefix, f=filler: (
                    p + repeat(f, size - len(p))
                )
    unique = {make(4_000): name for name, make in texts.items()}
    return {name: texts[name] for name in unique.values()}


def _runner(pattern: re.Pattern[str], method: str) -> Callable[[str], Any]:
    if method in ANCHORED:
        return getattr(pattern, method)
    return lambda text: sum(1 for _ in pattern.finditer(text))


def test_the_package_patterns_are_all_found() -> None:
    """The walk finds module-level patterns, patterns in lists and inline ones, and how each
    is called."""
    assert PATTERNS["calls._FENCE"][1] == {"match"}
    assert PATTERNS["dates._WORDS[0]"][1] == {"fullmatch"}  # called in a loop over the list
    assert PATTERNS["rendering._ROW"][1] == {"sub"}
    assert any(name.startswith("people:") for name in PATTERNS)  # re.split(r"...", ...)
    assert len(PATTERNS) > 60


def test_the_texts_include_the_one_that_broke_the_old_author_marker_pattern() -> None:
    """The check itself: the pattern this package used for author markers is given the text
    that took it polynomial time, and that time grows far faster than the text."""
    old = re.compile(r"\$\s*\^\s*\{?\s*(?P<math>[^${}]+?)\s*\}?\s*\$\s*$")
    make = adversarial(old)["'$ ^ ' then ' '"]
    assert make(8) == "$ ^     "
    run = _runner(old, "search")
    assert _time(run, make(80)) > 16 * _time(run, make(20))  # linear would be 4x


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_every_pattern_runs_in_linear_time_on_adversarial_text(name: str) -> None:
    pattern, methods = PATTERNS[name]
    slow = []
    for method in sorted(methods & ANCHORED or {"search"}) + (
        ["search"] if methods & SEARCHING and methods & ANCHORED else []
    ):
        run = _runner(pattern, method)
        for text, make in adversarial(pattern).items():
            ratio, fast, large = growth(run, make)
            if large > FLOOR and ratio > BUDGET:
                # A second look: a neighbour on a shared machine seldom slows the same large
                # run twice, where real growth shows again.
                ratio, fast, large = min(growth(run, make), (ratio, fast, large))
            if large > FLOOR and ratio > BUDGET:
                slow.append(f"{method} on {text}: {fast:.4f} s -> {large:.4f} s ({ratio:.0f}x)")
    assert slow == []


# --------------------------------------------------------------------------------------
# The hand-written scanners, with hypothesis
# --------------------------------------------------------------------------------------

SCALING = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

MARKER_PIECES = ["$", "^", "{", "}", " ", "*", "†", ",", "m", "\\dag", "\\textsuperscript"]
PAGE_PIECES = [
    "{{",
    "}}",
    "publications(",
    ")",
    '"',
    "'",
    "\\",
    "`",
    "``",
    "<!--",
    "-->",
    "\n",
    " ",
]
BIB_PIECES = ["@article{", "a", ",", " title = ", "{", "}", '"', "#", "=", "\n", "@", "\\"]


def shapes(pieces: list[str]) -> st.SearchStrategy[tuple[str, str]]:
    """A prefix and a unit repeated after it, both made of ``pieces``."""
    piece = st.sampled_from(pieces)
    return st.tuples(
        st.lists(piece, max_size=4).map("".join),
        st.lists(piece, min_size=1, max_size=3).map("".join),
    )


def _shaped(prefix: str, unit: str, around: tuple[str, str] = ("", "")) -> Callable[[int], str]:
    before, after = around
    return lambda size: before + prefix + repeat(unit, size) + after


def _forget() -> None:
    """Empty the caches of names, so that every run reads them."""
    parse_people.cache_clear()
    parse_person.cache_clear()


@SCALING
@given(shapes(MARKER_PIECES))
def test_author_names_are_read_in_linear_time(shape: tuple[str, str]) -> None:
    make = _shaped(*shape, around=("Doe, Jane ", ""))
    assert within_budget(strip_markers, make)
    assert within_budget(lambda text: (_forget(), parse_people(text + " and Roe, R.")), make)
    assert within_budget(lambda text: (_forget(), NameMatcher([text])), make)


@SCALING
@given(shapes(PAGE_PIECES))
def test_pages_are_scanned_for_calls_in_linear_time(shape: tuple[str, str]) -> None:
    assert within_budget(lambda text: find_calls(text, Macros.names), _shaped(*shape))


@SCALING
@given(shapes(BIB_PIECES))
def test_bibtex_is_read_in_linear_time(shape: tuple[str, str]) -> None:
    make = _shaped(*shape, around=("@article{k, title = {T}, author = {", "}}\n"))
    assert within_budget(lambda text: load_bibtex(text, "x.bib"), make)


def test_the_reported_reproducers_are_linear() -> None:
    """The inputs of the review and of this suite: a name ending in ``$^`` and spaces, an
    unclosed ``<!--`` before many comments, calls whose quotes never close."""
    assert within_budget(strip_markers, lambda size: "Doe, Jane $^" + " " * size)
    assert within_budget(
        lambda text: find_calls(text, Macros.names),
        lambda size: "<!--" + repeat("<!-- x --> {{ cv() }} ", size),
    )
    assert within_budget(
        lambda text: find_calls(text, Macros.names), lambda size: repeat("<!-- {{ x ", size)
    )
    for unit in ('{{ cv(\\"', "{{ cv('\"\\'"):  # quotes that never close, or keep reopening
        assert within_budget(
            lambda text: find_calls(text, Macros.names), lambda size, u=unit: repeat(u, size)
        )
