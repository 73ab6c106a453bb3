"""Finding ``{{ name(args) }}`` macro calls in Markdown without running a template engine.

Pages are full of double braces that belong to others (mkdocs-macros, Jinja examples, Vue
snippets), so only calls of *our* macros are touched, and only their literal arguments are
evaluated. Calls inside fenced code, inline code and HTML comments are documentation and are
left as they are.
"""

from __future__ import annotations

import ast
import difflib
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from typing import Any

_FENCE = re.compile(r"^[ \t]*(?:[-*+>][ \t]+|\d+[.)][ \t]+)*(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`+")
_OPEN = re.compile(r"\{\{")
_CALL = re.compile(r"^\s*([A-Za-z_]\w*)\s*\((.*)\)\s*$", re.DOTALL)
#: The start of a call whose ``}}`` never comes: ``{{ publications(year=2021``.
_OPENED = re.compile(r"\s*([A-Za-z_]\w*)\s*\(")
_LITERAL_NAMES = {"true": True, "false": False, "null": None, "none": None}


@dataclass(frozen=True)
class Call:
    """One macro call: where it is, and its evaluated arguments."""

    name: str
    start: int
    end: int
    line: int
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    error: str = ""


def code_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges that are code or comments, where macros must not be expanded."""
    spans: list[tuple[int, int]] = []
    fence: str | None = None
    fence_start = 0
    offset = 0
    prose_start = 0
    for line in text.splitlines(keepends=True):
        match = _FENCE.match(line)
        if fence is None and match:
            spans.extend(_prose_spans(text, prose_start, offset))
            fence, fence_start = match.group(1), offset
        elif (
            fence is not None
            and match
            and match.group(1)[0] == fence[0]
            and (len(match.group(1)) >= len(fence) and not line[match.end() :].strip())
        ):
            spans.append((fence_start, offset + len(line)))
            fence, prose_start = None, offset + len(line)
        offset += len(line)
    if fence is not None:
        spans.append((fence_start, len(text)))
    else:
        spans.extend(_prose_spans(text, prose_start, len(text)))
    return spans


def _prose_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Inline code and HTML comments inside a stretch of prose, in order: whichever opens
    first wins, so a backtick inside a comment is comment and ``<!--`` inside code is code.

    One pass, without a pattern that could rescan the rest of the text for every unclosed
    opener: a backtick run closes at the next run of the same length (or is literal), a
    comment at the next ``-->`` (or, if there is none, no comment is closed any more).
    """
    chunk = text[start:end]
    if "`" not in chunk and "<!--" not in chunk:
        return
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(chunk)]
    closers = _closing_runs(runs)
    comment = chunk.find("<!--")
    index, position = 0, 0
    while True:
        while index < len(runs) and runs[index][0] < position:
            index += 1
        if 0 <= comment < position:
            comment = chunk.find("<!--", position)
        run = runs[index][0] if index < len(runs) else -1
        if comment >= 0 and (run < 0 or comment < run):
            close = chunk.find("-->", comment + 4)
            if close < 0:  # no comment can close after this one
                comment = -1
                continue
            yield (start + comment, start + close + 3)
            position = close + 3
        elif run >= 0:
            closer = closers[index]
            if closer is None:
                position = runs[index][1]
            else:
                yield (start + run, start + runs[closer][1])
                position = runs[closer][1]
        else:
            return


def _closing_runs(runs: list[tuple[int, int]]) -> list[int | None]:
    """For each backtick run, the index of the next run of the same length, if any."""
    closers: list[int | None] = [None] * len(runs)
    following: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        closers[index] = following.get(length)
        following[length] = index
    return closers


class _Closer:
    """Finds the ``}}`` closing each call of one text, honouring quotes, so that
    ``{{ publications(tag="}}") }}`` is read whole.

    A quote that never closes (or quotes that keep opening each other) would be scanned to
    the end of the text once for every call opened before them: ``{{ cv(\\"`` repeated took
    quadratic time. So the outcome of every state the scan passes (a position, in or out of
    which quote) is remembered, and a later call that reaches a known state stops there: the
    text is read at most three times in all.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.known: dict[str, dict[int, int]] = {"": {}, '"': {}, "'": {}}

    def close(self, start: int) -> int:
        """Index just past the ``}}`` closing the call opened at ``start``, or -1."""
        text, n, known = self.text, len(self.text), self.known
        i, quote, end = start + 2, "", -1
        passed: list[tuple[str, int]] = []
        while i < n:
            if (outcome := known[quote].get(i)) is not None:
                end = outcome
                break
            passed.append((quote, i))
            char = text[i]
            if quote:
                if char == quote:
                    quote = ""
                i += 2 if char == "\\" else 1
            elif char in "\"'":
                quote = char
                i += 1
            elif text.startswith("}}", i):
                end = i + 2
                break
            elif text.startswith("{{", i):
                break
            else:
                i += 1
        for state, position in passed:
            known[state][position] = end
        return end


class _NotLiteral(ValueError):
    """An argument that is a name rather than a value, with what to write instead."""


def _literal(node: ast.expr) -> Any:
    """A literal argument; ``true``/``false``/``null`` are accepted as in YAML and Jinja."""
    if isinstance(node, ast.Name):
        word = node.id.lower()
        if word in _LITERAL_NAMES:
            return _LITERAL_NAMES[word]
        guess = nearest(word, ("true", "false", "null"))
        hint = f"did you mean {guess}?" if guess else f'put text in quotes: "{node.id}"'
        raise _NotLiteral(f"'{node.id}' is not a value; {hint}")
    if isinstance(node, (ast.List, ast.Tuple)):
        return [_literal(e) for e in node.elts]
    return ast.literal_eval(node)


def _parse(name: str, source: str) -> tuple[tuple[Any, ...], dict[str, Any], str]:
    """Evaluate the arguments of a call; on failure return an error message."""
    try:
        tree = ast.parse(f"{name}({source})", mode="eval").body
        assert isinstance(tree, ast.Call)
        if any(k.arg is None for k in tree.keywords):
            return (), {}, f"{name}() cannot take '**'; write each argument as name=value"
        args = tuple(_literal(a) for a in tree.args)
        kwargs = {k.arg: _literal(k.value) for k in tree.keywords if k.arg}
    except _NotLiteral as error:
        return (), {}, f"cannot read the arguments of {name}(): {error}"
    except (SyntaxError, ValueError, TypeError, AssertionError, RecursionError) as error:
        detail = getattr(error, "msg", "") or "not a literal"
        return (
            (),
            {},
            (
                f"cannot read the arguments of {name}(): {detail}; write literals only, "
                'e.g. type="journal", year=2021, selected=true or keys=["a", "b"]'
            ),
        )
    return args, kwargs, ""


def nearest(name: str, choices: Collection[str], cutoff: float = 0.6) -> str | None:
    """The closest valid name, for 'did you mean' hints."""
    found = difflib.get_close_matches(name, list(choices), n=1, cutoff=cutoff)
    return found[0] if found else None


def find_calls(text: str, names: Collection[str]) -> list[Call]:
    """Every call of one of ``names`` (or of a near misspelling of one) outside code, and
    every such call that is opened but never closed (an error, so that it is not silent)."""
    if "{{" not in text:
        return []
    spans = code_spans(text)
    closer = _Closer(text)
    calls: list[Call] = []
    span_index = 0
    position = 0
    line, counted = 1, 0
    while (match := _OPEN.search(text, position)) is not None:
        start = match.start()
        while span_index < len(spans) and spans[span_index][1] <= start:
            span_index += 1
        if span_index < len(spans) and spans[span_index][0] <= start:
            position = spans[span_index][1]
            continue
        end = closer.close(start)
        inner = _CALL.match(text[start + 2 : end - 2]) if end >= 0 else None
        source = inner.group(2) if inner else None
        if inner is None:  # `{{ name(` without its `) }}`, or without its `)`
            inner = _OPENED.match(text, start + 2)
            end = max(end, start + 2)
        position = end
        if not inner:
            continue
        name = inner.group(1)
        line += text.count("\n", counted, start)
        counted = start
        if name not in names:
            guess = nearest(name, names, cutoff=0.75)
            if guess is not None:
                error = f"unknown macro '{name}'; did you mean '{guess}'?"
                calls.append(Call(name, start, end, line, error=error))
        elif source is None:
            error = (
                f"the call of {name}() is not closed; end it with ') }}}}' "
                "(and close any quote it opens)"
            )
            calls.append(Call(name, start, end, line, error=error))
        else:
            args, kwargs, error = _parse(name, source)
            calls.append(Call(name, start, end, line, args, kwargs, error))
    return calls


def replace_calls(text: str, calls: list[Call], render: Callable[[Call], str]) -> str:
    """``text`` with each call replaced by what ``render`` returns for it."""
    parts, last = [], 0
    for call in calls:
        parts.append(text[last : call.start])
        parts.append(render(call))
        last = call.end
    parts.append(text[last:])
    return "".join(parts)
