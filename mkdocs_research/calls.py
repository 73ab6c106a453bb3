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
_INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_OPEN = re.compile(r"\{\{")
_CALL = re.compile(r"^\s*([A-Za-z_]\w*)\s*\((.*)\)\s*$", re.DOTALL)
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
    """Inline code and HTML comments inside a stretch of prose."""
    chunk = text[start:end]
    if "`" not in chunk and "<!--" not in chunk:
        return
    for pattern in (_INLINE_CODE, _COMMENT):
        for match in pattern.finditer(chunk):
            yield (start + match.start(), start + match.end())


def _close(text: str, start: int) -> int:
    """Index just past the ``}}`` closing the call opened at ``start``, or -1.

    Quotes are honoured so that ``{{ publications(tag="}}") }}`` is read whole.
    """
    i, quote, n = start + 2, "", len(text)
    while i < n:
        char = text[i]
        if quote:
            if char == "\\":
                i += 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif text.startswith("}}", i):
            return i + 2
        elif text.startswith("{{", i):
            return -1
        i += 1
    return -1


def _literal(node: ast.expr) -> Any:
    """A literal argument; ``true``/``false``/``null`` are accepted as in YAML and Jinja."""
    if isinstance(node, ast.Name) and node.id.lower() in _LITERAL_NAMES:
        return _LITERAL_NAMES[node.id.lower()]
    if isinstance(node, (ast.List, ast.Tuple)):
        return [_literal(e) for e in node.elts]
    return ast.literal_eval(node)


def _parse(name: str, source: str) -> tuple[tuple[Any, ...], dict[str, Any], str]:
    """Evaluate the arguments of a call; on failure return an error message."""
    try:
        tree = ast.parse(f"{name}({source})", mode="eval").body
        assert isinstance(tree, ast.Call)
        args = tuple(_literal(a) for a in tree.args)
        kwargs = {k.arg: _literal(k.value) for k in tree.keywords if k.arg}
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
    """Every call of one of ``names`` (or of a near misspelling of one) outside code."""
    if "{{" not in text:
        return []
    spans = code_spans(text)
    calls: list[Call] = []
    span_index = 0
    position = 0
    while (match := _OPEN.search(text, position)) is not None:
        start = match.start()
        while span_index < len(spans) and spans[span_index][1] <= start:
            span_index += 1
        if span_index < len(spans) and spans[span_index][0] <= start:
            position = spans[span_index][1]
            continue
        end = _close(text, start)
        if end < 0:
            position = start + 2
            continue
        inner = _CALL.match(text[start + 2 : end - 2])
        position = end
        if not inner:
            continue
        name, source = inner.groups()
        line = text.count("\n", 0, start) + 1
        if name in names:
            args, kwargs, error = _parse(name, source)
            calls.append(Call(name, start, end, line, args, kwargs, error))
        elif (guess := nearest(name, names, cutoff=0.75)) is not None:
            calls.append(
                Call(
                    name, start, end, line, error=f"unknown macro '{name}'; did you mean '{guess}'?"
                )
            )
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
