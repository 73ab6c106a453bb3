"""The macros a page can call, with their arguments checked against their signatures.

Each public method of :class:`Macros` is one macro; its keyword-only parameters are the
macro's arguments. Hosts (the MkDocs plugin, the Markdown extension, mkdocs-macros) only find
calls and hand them here.
"""

from __future__ import annotations

import inspect
import types
import typing
from typing import Any

from .calls import Call, nearest
from .queries import GROUPS, SORTS, group, order, select
from .rendering import Renderer
from .store import DataStore

STYLES = ("full", "compact")


class MacroError(ValueError):
    """A call that cannot be rendered; the message says what to change."""


class Macros:
    """The macro functions of one site, bound to its data and templates."""

    names = ("publications", "publication", "bibtex")

    def __init__(self, store: DataStore, renderer: Renderer) -> None:
        self.store = store
        self.renderer = renderer
        #: URL of the page being rendered, relative to the site root; hosts set it.
        self.page_url: str | None = None

    # Calling -----------------------------------------------------------------------------

    def call(self, call: Call) -> str:
        """Render one call found in a page, or raise :class:`MacroError`."""
        if call.error:
            raise MacroError(call.error)
        function = getattr(self, call.name)
        _check_arguments(function, call)
        return function(*call.args, **call.kwargs)

    # Macros ------------------------------------------------------------------------------

    def publications(
        self,
        *,
        selected: bool | None = None,
        type: str | list[str] | None = None,
        year: int | str | list[int | str] | None = None,
        since: int | None = None,
        until: int | None = None,
        keys: list[str] | None = None,
        tag: str | list[str] | None = None,
        author: str | list[str] | None = None,
        category: str | list[str] | None = None,
        group_by: str | None = None,
        sort: str | None = None,
        limit: int | None = None,
        style: str = "full",
    ) -> str:
        """A publication list, filtered, ordered and grouped."""
        _check_choice("group_by", group_by or "none", GROUPS)
        _check_choice("sort", sort or "newest", SORTS)
        _check_choice("style", style, STYLES)
        chosen = select(
            self.store.publications,
            selected=selected,
            type=type,
            year=year,
            since=since,
            until=until,
            keys=keys,
            tag=tag,
            author=author,
            category=category,
        )
        if keys is None or sort is not None:
            chosen = order(chosen, sort or "newest")
        if limit is not None:
            chosen = chosen[: max(limit, 0)]
        return self.renderer.publications(group(chosen, group_by), style, self.page_url)

    def publication(self, key: str) -> str:
        """One publication, in the full style."""
        return self.renderer.publication(self._lookup(key), self.page_url)

    def bibtex(self, key: str) -> str:
        """The cleaned BibTeX of one publication, with a copy button."""
        return self.renderer.bibtex(self._lookup(key))

    # Helpers -----------------------------------------------------------------------------

    def _lookup(self, key: str):
        try:
            return self.store.by_key[key]
        except KeyError:
            guess = nearest(key, self.store.by_key)
            hint = (
                f"; did you mean '{guess}'?" if guess else "; check the citekey in your .bib file"
            )
            raise MacroError(f"no publication with citekey '{key}'{hint}") from None


def _check_choice(name: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        guess = nearest(str(value), choices)
        hint = f"did you mean '{guess}'?" if guess else f"expected one of: {', '.join(choices)}"
        raise MacroError(f"{name}={value!r} is not a valid value; {hint}")


def _check_arguments(function: Any, call: Call) -> None:
    """Reject unknown keywords (with the nearest valid one) and values of the wrong type."""
    parameters = inspect.signature(function).parameters
    positional = [p for p in parameters.values() if p.kind is p.POSITIONAL_OR_KEYWORD]
    if len(call.args) > len(positional):
        raise MacroError(
            f"{call.name}() takes {len(positional)} positional argument(s); "
            "name the others, e.g. year=2021"
        )
    hints = typing.get_type_hints(function)
    for name, value in call.kwargs.items():
        if name not in parameters:
            guess = nearest(name, parameters)
            hint = (
                f"did you mean '{guess}'?" if guess else f"expected one of: {', '.join(parameters)}"
            )
            raise MacroError(f"{call.name}() has no argument '{name}'; {hint}")
        if not _accepts(hints.get(name, Any), value):
            raise MacroError(f"{call.name}(): {name}={value!r} has the wrong type")
    for parameter, value in zip(positional, call.args, strict=False):
        if not _accepts(hints.get(parameter.name, Any), value):
            raise MacroError(f"{call.name}(): {value!r} has the wrong type for '{parameter.name}'")


def _accepts(hint: Any, value: Any) -> bool:
    """A small structural type check of a literal against a parameter's annotation."""
    if hint is Any:
        return True
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_accepts(h, value) for h in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if origin is list:
        (item,) = typing.get_args(hint) or (Any,)
        return isinstance(value, list) and all(_accepts(item, v) for v in value)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, hint)
