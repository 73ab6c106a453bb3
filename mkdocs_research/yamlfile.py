"""Reading the YAML data files (``profile.yml``, ``cv.yml``, ``talks.yml``, ``news.yml``,
``publications.yml``) with line numbers, and turning YAML's traps into clear messages.

YAML 1.1, which PyYAML implements, quietly changes what people write: ``country: NO`` becomes
``False``, ``version: 3.10`` becomes ``3.1``, ``time: 10:30`` becomes ``630``. Here such values
stay the text that was written, and each one is reported as a :class:`Problem` saying how to
quote it. Nothing ever raises: a broken file gives ``None`` and a problem with its line.

Mappings and lists come back as :class:`LocatedDict` and :class:`LocatedList`, ordinary
``dict`` and ``list`` objects that also remember the line of every key and item, so the code
that checks a data kind can point at the exact line. Mapping keys are always strings, dates and
timestamps become ISO strings, and ``null``, ``~`` or an empty value is ``None``.

:func:`check_keys` reports unknown fields with the nearest valid name; every data kind uses it.
"""

from __future__ import annotations

import datetime
import difflib
import logging
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mkdocs_research.characters import visible
from mkdocs_research.dates import DateRange, PartialDate, parse_date, parse_date_range
from mkdocs_research.mathml import prose_math_problems
from mkdocs_research.model import Problem

#: Where the tracebacks of unexpected failures go (``mkdocs build --verbose`` shows them).
log = logging.getLogger("mkdocs.plugins.research")

__all__ = [
    "BOOLEAN_KEYS",
    "LocatedDict",
    "LocatedList",
    "check_keys",
    "line_of",
    "load_yaml",
    "load_yaml_file",
]

#: Keys whose values are meant to be yes/no switches: ``selected: yes`` is fine for them.
BOOLEAN_KEYS: frozenset[str] = frozenset(
    {"selected", "highlight", "bibtex_show", "show_authors", "hidden", "show", "enabled", "current"}
)

# Containers ---------------------------------------------------------------------------------


class LocatedDict(dict):
    """A ``dict`` that remembers where it came from.

    ``line`` is the 1-based line where the mapping starts; ``lines[key]`` the line of each key.
    """

    def __init__(self, *args: Any, line: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line: int | None = line
        self.lines: dict[Any, int] = {}


class LocatedList(list):
    """A ``list`` that remembers where it came from.

    ``line`` is the 1-based line where the list starts; ``lines[index]`` the line of each item.
    """

    def __init__(self, *args: Any, line: int | None = None) -> None:
        super().__init__(*args)
        self.line: int | None = line
        self.lines: dict[int, int] = {}


def line_of(container: Any, key: str | int | None = None) -> int | None:
    """The 1-based line of a mapping key or list item, or of ``container`` itself.

    ``None`` when the line is unknown: a value that did not come from :func:`load_yaml`, a
    missing key, or a plain value such as a string (only containers know their lines).
    """
    if key is None:
        return getattr(container, "line", None)
    lines = getattr(container, "lines", None)
    if not isinstance(lines, dict):
        return None
    if isinstance(key, int) and isinstance(container, list) and key < 0:
        key += len(container)
    try:
        return lines.get(key)
    except TypeError:  # an unhashable key
        return None


# Loading ------------------------------------------------------------------------------------

_TAG = "tag:yaml.org,2002:"
_MAP, _SEQ, _STR, _MERGE = _TAG + "map", _TAG + "seq", _TAG + "str", _TAG + "merge"
_SCALAR_TAGS = {_TAG + t for t in ("null", "bool", "int", "float", "binary", "timestamp", "str")}
_MAPPING_TAGS = {_MAP, _TAG + "set"}
_SEQUENCE_TAGS = {_SEQ, _TAG + "omap", _TAG + "pairs"}
_TRAP_WORDS = {"yes", "no", "on", "off"}
_BOOLEAN_WORDS = {
    "yes": True,
    "y": True,
    "true": True,
    "on": True,
    "no": False,
    "n": False,
    "false": False,
    "off": False,
}
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, used only to compose nodes and to construct plain scalars.

    The pure-Python loader is used on purpose: libyaml's composer recurses in C and crashes the
    process on absurdly nested input, and its error messages differ; the data files are small
    and parsed once per change.
    """


def _line(node: Node | None) -> int | None:
    return None if node is None or node.start_mark is None else node.start_mark.line + 1


def _show_tag(tag: str | None) -> str:
    tag = tag or "!"
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


#: Values that aliases (``*name``) may repeat in one file, all aliases together.
ALIAS_LIMIT = 100_000


class _TooManyAliases(Exception):
    """Aliases that stand for more than :data:`ALIAS_LIMIT` values; ``node`` is the
    anchored value that went over."""

    def __init__(self, node: Node) -> None:
        super().__init__()
        self.node = node


class _Builder:
    """Turns a composed node graph into Python values, collecting problems on the way."""

    def __init__(self, loader: _Loader, file: str, boolean_keys: frozenset[str]) -> None:
        self.loader = loader
        self.file = file
        self.boolean_keys = boolean_keys
        self.problems: list[Problem] = []
        self.memo: dict[int, Any] = {}  # aliased containers are built once and shared
        #: How many values each container stands for, its aliases expanded; how many values
        #: the file stands for so far, and how many of them come from aliases.
        self.sizes: dict[int, int] = {}
        self.count = 0
        self.repeated = 0

    def report(self, node: Node | None, message: str) -> None:
        self.problems.append(Problem(self.file, _line(node), message))

    def build(self, node: Node, key: Any, label: str) -> Any:
        """The value of ``node``; ``key`` is the mapping key it belongs to (or ``None``) and
        ``label`` names it in messages (``'title'``, ``item 2 of 'tags'``)."""
        if isinstance(node, ScalarNode):
            self.count += 1
            value = self.scalar(node, key, label)
            return visible(value) if isinstance(value, str) else value
        if id(node) in self.memo:
            return self.alias(node)
        before = self.count
        value = self.container(node, label)
        self.count += 1
        self.sizes[id(node)] = self.count - before
        return value

    def alias(self, node: Node) -> Any:
        """An aliased container, shared. Aliases of aliases stand for exponentially many
        values ("billion laughs"): whatever walks them later would take hours and all the
        memory there is, so a file whose aliases stand for too many values is refused."""
        size = self.sizes.get(id(node), 1)
        self.count += size
        self.repeated += size
        if self.repeated > ALIAS_LIMIT:
            raise _TooManyAliases(node)
        return self.memo[id(node)]

    def container(self, node: Node, label: str) -> Any:
        if isinstance(node, MappingNode) and node.tag == _MAP:
            return self.mapping(node)
        if isinstance(node, SequenceNode) and node.tag == _SEQ:
            return self.sequence(node, label)
        allowed = _MAPPING_TAGS if isinstance(node, MappingNode) else _SEQUENCE_TAGS
        if node.tag not in allowed:
            self.unsupported_tag(node)
            return None
        try:  # !!set, !!omap, !!pairs: rare but valid, so let PyYAML build them
            value = self.loader.construct_object(node, deep=True)
        except Exception as error:
            self.report(node, f"{label} cannot be read as {_show_tag(node.tag)}: {error}")
            return None
        self.memo[id(node)] = value
        return value

    def unsupported_tag(self, node: Node) -> None:
        tag = _show_tag(node.tag)
        self.report(
            node, f"unsupported YAML tag '{tag}'; remove it, or quote the value if it is text"
        )

    def mapping(self, node: MappingNode) -> LocatedDict:
        result = LocatedDict(line=_line(node))
        self.memo[id(node)] = result
        merges: list[Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merges.append(value_node)
                continue
            key = self.key(key_node)
            if key is None:
                continue
            if key in result:
                first = result.lines.get(key)
                self.report(key_node, f"duplicate key '{key}' (first at line {first}); keep one")
                continue
            result.lines[key] = _line(key_node)  # type: ignore[assignment]
            result[key] = self.build(value_node, key, f"'{key}'")
        for merge_node in merges:  # YAML's `<<: *base`: keys written here win over merged ones
            sources = merge_node.value if isinstance(merge_node, SequenceNode) else [merge_node]
            for source in sources:
                if not (isinstance(source, MappingNode) and source.tag == _MAP):
                    self.report(source, "'<<' must be followed by a mapping or a list of them")
                    continue
                merged = self.build(source, None, "'<<'")
                for merged_key, value in merged.items():
                    if merged_key not in result:
                        result[merged_key] = value
                        if merged_key in merged.lines:
                            result.lines[merged_key] = merged.lines[merged_key]
        return result

    def key(self, node: Node) -> str | None:
        """A mapping key as text: keys are names, so ``yes:``, ``2021:`` or ``3.10:`` stay the
        text written. ``None`` (after a problem) for keys that cannot be used."""
        if not isinstance(node, ScalarNode):
            kind = "mapping" if isinstance(node, MappingNode) else "list"
            self.report(node, f"a key must be plain text, not a {kind}; quote it")
            return None
        if node.tag not in _SCALAR_TAGS or node.tag == _TAG + "binary":
            self.unsupported_tag(node)
            return None
        return visible(node.value)

    def sequence(self, node: SequenceNode, label: str) -> LocatedList:
        result = LocatedList(line=_line(node))
        self.memo[id(node)] = result
        for index, item in enumerate(node.value):
            result.lines[index] = _line(item)  # type: ignore[assignment]
            result.append(self.build(item, None, f"item {index + 1} of {label}"))
        return result

    def scalar(self, node: ScalarNode, key: Any, label: str) -> Any:
        if node.tag not in _SCALAR_TAGS:
            self.unsupported_tag(node)
            return None
        text = node.value
        plain = not node.style
        if plain and key in self.boolean_keys and text.lower() in _BOOLEAN_WORDS:
            return _BOOLEAN_WORDS[text.lower()]
        constructor = self.loader.yaml_constructors[node.tag]
        try:
            value = constructor(self.loader, node)
        except Exception as error:  # an explicit tag on a value that does not fit it
            if node.tag == _TAG + "timestamp" and isinstance(error, ValueError):
                # Kept as text: the date fields that read it say what is wrong, once.
                return text
            self.report(node, f"{label} cannot be read as {_show_tag(node.tag)}: {error}")
            return None
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()
        implicit = plain and node.tag == self.loader.resolve(ScalarNode, text, (True, False))
        if not implicit:
            return value
        if isinstance(value, bool):
            if text.lower() in _TRAP_WORDS:
                self.report(
                    node,
                    f"{label} is read as {str(value).lower()} because {text} is unquoted; "
                    f'write "{text}" in quotes if you meant the text',
                )
                return text
            return value
        if isinstance(value, (int, float)) and str(value) != text:
            self.report(
                node,
                f'{label} is read as the number {value}, not the text "{text}"; quote it: "{text}"',
            )
            return text
        return value


def load_yaml(
    text: str, file: str, *, boolean_keys: frozenset[str] = BOOLEAN_KEYS
) -> tuple[Any, list[Problem]]:
    """Parse ``text`` (the contents of ``file``, named in problems) into located values.

    Never raises: a file that cannot be read gives ``(None, problems)``; an empty file gives
    ``(None, [])``. ``boolean_keys`` are the keys whose unquoted ``yes``/``no``/``on``/``off``/
    ``y``/``n``/``true``/``false`` values are meant as booleans.
    """
    try:
        if not isinstance(text, str):
            raise TypeError(f"expected text, got {type(text).__name__}")
        return _load(text.removeprefix("\ufeff"), file, boolean_keys)
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(error, text, file)]
    except yaml.reader.ReaderError as error:
        return None, [_reader_problem(error, text, file)]
    except RecursionError:
        return None, [Problem(file, None, "the data is nested too deeply to read")]
    except Exception as error:  # never let a data file crash the build
        log.debug("reading %s failed", file, exc_info=True)  # shown by `mkdocs build -v`
        return None, [Problem(file, None, f"cannot read this YAML file: {error}")]


def _load(text: str, file: str, boolean_keys: frozenset[str]) -> tuple[Any, list[Problem]]:
    loader = _Loader(text)
    try:
        node = loader.get_node() if loader.check_node() else None
        if node is None:
            return None, []
        builder = _Builder(loader, file, boolean_keys)
        try:
            value = builder.build(node, None, "the value")
        except _TooManyAliases as error:
            message = (
                f"aliases repeat the value anchored here (and what it holds) more than "
                f"{ALIAS_LIMIT:,} times in all; write the data out instead of aliases of aliases"
            )
            return None, [Problem(file, _line(error.node), message)]
        problems = builder.problems
        try:
            if loader.check_event(yaml.DocumentStartEvent):
                start = loader.peek_event().start_mark.line + 1
                problems.append(
                    Problem(
                        file,
                        start,
                        "a second YAML document starts here ('---'); only the first one is "
                        "read, so remove this '---' or move the data into the first document",
                    )
                )
        except yaml.MarkedYAMLError as error:
            problems.append(_syntax_problem(error, text, file))
        return value, list(dict.fromkeys(problems))
    finally:
        loader.dispose()


def load_yaml_file(
    path: Path, display_name: str, *, boolean_keys: frozenset[str] = BOOLEAN_KEYS
) -> tuple[Any, list[Problem]]:
    """Read a UTF-8 file (a byte order mark is fine) and parse it with :func:`load_yaml`."""
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        return None, [Problem(display_name, None, f"cannot read the file: {error.strerror}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = len(_LINE_BREAK.findall(raw[: error.start].decode("latin-1"))) + 1
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            detail, line = "it is saved as UTF-16", 1
        else:
            detail = f"byte 0x{raw[error.start]:02X} here is not valid UTF-8"
        message = f"the file is not UTF-8 text; save it as UTF-8 ({detail})"
        return None, [Problem(display_name, line, message)]
    return load_yaml(text, display_name, boolean_keys=boolean_keys)


# Syntax errors in plain words ---------------------------------------------------------------

_HINTS: list[tuple[str, str]] = [
    (
        "mapping values are not allowed",
        "mapping values are not allowed here; check the indentation and quote values that "
        "contain ': '",
    ),
    (
        "sequence entries are not allowed",
        "a '- ' list item is not allowed here; check the indentation, and quote values that "
        "start with '- '",
    ),
    (
        "expected <block end>",
        "the indentation is inconsistent; the keys of one mapping and the items of one list "
        "must start in the same column",
    ),
    (
        "expected '<document start>'",
        "there is text after the end of the data; check the indentation of this line",
    ),
    (
        "expected the node content",
        "a value is missing or starts with a character that needs quotes; quote the value",
    ),
    (
        "found unknown escape character",
        "inside double quotes a backslash starts an escape sequence; write \\\\ for a "
        "backslash, or use single quotes",
    ),
]


def _source_line(text: str, line: int) -> str:
    lines = _LINE_BREAK.split(text)
    return lines[line] if 0 <= line < len(lines) else ""


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    problem = error.problem or ""
    context = error.context or ""
    mark = error.problem_mark or error.context_mark
    line = None if mark is None else mark.line + 1
    context_line = None if error.context_mark is None else error.context_mark.line + 1
    directive = next(
        (n for n, text_line in enumerate(_LINE_BREAK.split(text), 1) if text_line[:1] == "%"),
        None,
    )
    indentation = "" if mark is None else _source_line(text, mark.line)
    indentation = indentation[: len(indentation) - len(indentation.lstrip(" \t"))]
    if "\\t" in problem or "tab" in problem or "\t" in indentation:
        message = "YAML does not allow tabs for indentation; use spaces"
    elif "could not find expected ':'" in problem:
        message = (
            "a line is missing ':' after its key, or continues a value without being indented; "
            "add ': ' or indent the line"
        )
        line = context_line or line
    elif "end of stream" in problem and "quoted" in context:
        message = "the quoted value that starts here is not closed; add the missing quote"
        line = context_line or line
    elif "directive" in context or ("<document start>" in problem and directive is not None):
        message = "a line cannot start with '%'; put the value in quotes"
        line = line if "directive" in context else directive
    elif "expected alphabetic or numeric character" in problem:
        char = "!" if "tag" in context else "*' or '&"
        message = f"a value cannot start with '{char}' like this; put the value in quotes"
    elif "expected ','" in problem and "flow" in context:
        bracket = "[" if "sequence" in context else "{"
        message = (
            f"the '{bracket}' opened at line {context_line} is not closed, or a value inside "
            "it contains ': ' or '#'; close it and quote such values"
        )
    elif "undefined alias" in problem:
        name = problem.split("'")[1] if problem.count("'") >= 2 else ""
        message = (
            f"'*{name}' refers to an anchor '&{name}' that is not defined; put the value in "
            "quotes if the '*' is part of the text"
        )
    elif "duplicate anchor" in context:
        message = f"{context} at line {context_line}; rename one of them"
    elif "cannot start any token" in problem:
        found = re.search(r"character (.{1,12}?) that", problem)  # a character's repr: '\t'
        char = found.group(1) if found else "this character"
        message = f"a value cannot start with {char}; put the value in quotes"
    else:
        message = next((hint for start, hint in _HINTS if start in problem), "")
        if not message:
            message = problem or context or "the file is not valid YAML"
            if context and problem and context_line is not None:
                message += f" ({context} started at line {context_line})"
    return Problem(file, line, f"YAML syntax error: {message}")


def _reader_problem(error: yaml.reader.ReaderError, text: Any, file: str) -> Problem:
    before = text[: error.position] if isinstance(text, str) else ""
    line = len(_LINE_BREAK.findall(before)) + 1
    character = error.character
    code = f"U+{ord(character) if isinstance(character, str) else character:04X}"
    return Problem(
        file, line, f"the file contains a character YAML does not allow ({code}); remove it"
    )


# Checking fields ----------------------------------------------------------------------------


def check_keys(mapping: Mapping, allowed: Iterable[str], file: str, what: str) -> list[Problem]:
    """A problem for every key of ``mapping`` not in ``allowed``, at that key's line,
    suggesting the closest allowed name (``unknown field 'titel' in a talk; did you mean
    'title'?``). ``what`` names the thing being checked: ``a talk``, ``profile.yml``."""
    if not isinstance(mapping, Mapping):
        return []
    names = sorted(set(allowed))
    lowered = {name.lower(): name for name in names}
    problems = []
    for key in mapping:
        if key in names:
            continue
        text = str(key)
        close = difflib.get_close_matches(text.lower(), list(lowered), n=1, cutoff=0.6)
        if close:
            message = f"unknown field '{text}' in {what}; did you mean '{lowered[close[0]]}'?"
        else:
            message = f"unknown field '{text}' in {what}; expected one of: {', '.join(names)}"
        problems.append(Problem(file, line_of(mapping, key), message))
    return problems


# Reading typed fields -----------------------------------------------------------------------


class Fields:
    """One mapping of a data file, read field by field into plain Python values.

    Each accessor reports a wrong type or a bad date as a :class:`Problem` at the field's line
    and returns an empty value, so one bad field never hides the rest of the entry.
    """

    def __init__(self, mapping: Mapping, file: str, what: str, problems: list[Problem]) -> None:
        self.mapping = mapping
        self.file = file
        self.what = what
        self.problems = problems
        self.line = line_of(mapping)

    def check(self, allowed: Iterable[str]) -> None:
        """Report the keys not in ``allowed``, with the nearest valid name."""
        self.problems.extend(check_keys(self.mapping, allowed, self.file, self.what))

    def report(self, key: str | None, message: str) -> None:
        line = line_of(self.mapping, key) if key is not None else None
        self.problems.append(Problem(self.file, line or self.line, message))

    def __contains__(self, key: str) -> bool:
        return self.mapping.get(key) not in (None, "")

    def text(self, key: str, required: bool = False) -> str:
        """A string field; numbers are accepted as their text (``year: 2021``)."""
        value = self.mapping.get(key)
        if value is None or value == "":
            if required:
                self.report(None, f"{self.what} has no '{key}'; add {key}: ...")
            return ""
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.report(key, f"'{key}' in {self.what} must be text; got {_kind(value)}")
            return ""
        self._check_math(key, str(value))
        return str(value)

    def texts(self, key: str) -> list[str]:
        """A list of strings; a single string counts as a list of one."""
        value = self.mapping.get(key)
        if value is None or value == "":
            return []
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            self._check_math(key, str(value))
            return [str(value)]
        if isinstance(value, list) and all(
            isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value
        ):
            for index, item in enumerate(value):
                self._check_math(key, str(item), line_of(value, index))
            return [str(v) for v in value]
        self.report(key, f"'{key}' in {self.what} must be a list of texts; got {_kind(value)}")
        return []

    def _check_math(self, key: str, text: str, line: int | None = None) -> None:
        """Report each formula in a text that cannot be shown as MathML."""
        for message in prose_math_problems(text):
            where = line or line_of(self.mapping, key) or self.line
            self.problems.append(Problem(self.file, where, f"'{key}' in {self.what}: {message}"))

    def mapping_of(self, key: str) -> Mapping:
        """A nested mapping (``links:``, ``metrics:``)."""
        value = self.mapping.get(key)
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            self.report(key, f"'{key}' in {self.what} must be a mapping of name: value")
            return {}
        return value

    def date(self, key: str, required: bool = False) -> PartialDate | None:
        """A single date: ``2021``, ``2021-05``, ``2021-05-03`` or ``May 2021``."""
        if key not in self:
            if required:
                self.report(None, f"{self.what} has no '{key}'; add {key}: 2021-05-03")
            return None
        try:
            return parse_date(self.mapping[key])
        except ValueError as error:
            self.report(key, f"'{key}' {error}")
            return None

    def dates(self, *keys: str) -> DateRange | None:
        """A date or range from the first of ``keys`` present (``dates``, ``date``, ``year``)."""
        for key in keys:
            if key in self:
                try:
                    return parse_date_range(self.mapping[key])
                except ValueError as error:
                    self.report(key, f"'{key}' {error}")
                    return None
        return None


def _kind(value: Any) -> str:
    """A value's type in a researcher's words."""
    if isinstance(value, bool):
        return f"yes/no ({str(value).lower()})"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f'"{value}"'


def records(
    value: Any, file: str, what: str, problems: list[Problem], key: str | None = None
) -> list[Fields]:
    """The mappings of a list-shaped data file (``talks.yml``: a list of talks).

    ``key`` also accepts a mapping holding the list under that key (``talks: [...]``).
    """
    if value is None:
        return []
    if key is not None and isinstance(value, Mapping) and key in value:
        value = value[key]
    if not isinstance(value, list):
        problems.append(
            Problem(file, line_of(value), f"must be a list of {what}s, each starting with '- '")
        )
        return []
    result = []
    for index, item in enumerate(value):
        if isinstance(item, Mapping):
            result.append(Fields(item, file, what, problems))
        else:
            problems.append(
                Problem(
                    file, line_of(value, index), f"each {what} must be a mapping of field: value"
                )
            )
    return result
