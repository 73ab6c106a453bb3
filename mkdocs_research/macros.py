"""The macros a page can call, with their arguments checked against their signatures.

Each public method of :class:`Macros` is one macro; its keyword-only parameters are the
macro's arguments. Hosts (the MkDocs plugin, the Markdown extension, mkdocs-macros) only find
calls and hand them here.
"""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Sequence
from typing import Any, Generic, Literal, Protocol, TypeVar

from .calls import Call, nearest
from .context import RenderContext
from .model import CVSection, NewsItem, Profile, Publication, Talk
from .queries import KINDS, Group, GroupBy, Sort, YearFilter, group, order, select
from .store import DataStore

Style = Literal["full", "compact"]
T = TypeVar("T", Talk, NewsItem)
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


class MacroError(ValueError):
    """A call that cannot be rendered; the message says what to change."""


class Output(Protocol[R_co]):
    """What the macros hand their selection to: the HTML renderer of the pages, or the PDF
    CV, which lays out the same selection in Typst."""

    def publications(
        self,
        groups: Sequence[Group],
        style: str,
        context: RenderContext,
        filters: bool = False,
    ) -> R_co: ...
    def publication(self, publication: Publication, context: RenderContext) -> R_co: ...
    def bibtex(self, publication: Publication) -> R_co: ...
    def profile(self, profile: Profile, show: dict[str, bool], context: RenderContext) -> R_co: ...
    def talks(self, groups: list[tuple[str, list[Talk]]], context: RenderContext) -> R_co: ...
    def news(self, items: list[NewsItem], context: RenderContext) -> R_co: ...
    def cv(self, sections: list[CVSection], show_titles: bool, context: RenderContext) -> R_co: ...


class Macros(Generic[R]):
    """The macro functions of one site, bound to its data, to what renders them and to what
    one call renders for (the page's URL, the heading level): make one for each call, and
    nothing carries over from call to call."""

    names = ("publications", "publication", "bibtex", "profile", "talks", "news", "cv")

    def __init__(
        self, store: DataStore, renderer: Output[R], context: RenderContext | None = None
    ) -> None:
        self.store = store
        self.renderer = renderer
        self.context = context or RenderContext()

    # Calling -----------------------------------------------------------------------------

    def check(self, call: Call) -> None:
        """Raise :class:`MacroError` unless ``call`` is written right: its syntax, argument
        names, types and values. Runs before any cache is asked, so a call that is wrong is
        reported on every build."""
        if call.error:
            raise MacroError(call.error)
        _check_arguments(getattr(self, call.name), call)
        limit = call.kwargs.get("limit")
        if limit is not None and limit < 1:
            raise MacroError(
                f"{call.name}(): limit={limit} would show nothing; write a number of 1 or more, "
                "or leave limit out to show everything"
            )

    def call(self, call: Call) -> R:
        """Render one call found in a page, or raise :class:`MacroError`."""
        self.check(call)
        return getattr(self, call.name)(*call.args, **call.kwargs)

    # Macros ------------------------------------------------------------------------------

    def publications(
        self,
        *,
        selected: bool | None = None,
        type: str | list[str] | None = None,
        year: YearFilter | None = None,
        since: int | None = None,
        until: int | None = None,
        keys: list[str] | None = None,
        tag: str | list[str] | None = None,
        author: str | list[str] | None = None,
        category: str | list[str] | None = None,
        group_by: GroupBy | None = None,
        sort: Sort | None = None,
        limit: int | None = None,
        style: Style = "full",
        filter: bool = False,
    ) -> R:
        """A publication list, filtered, ordered and grouped; ``filter=true`` adds controls
        for visitors to filter it in the page."""
        self._check_values(type=type, keys=keys, tag=tag, category=category)
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
            chosen = chosen[:limit]
        return self.renderer.publications(group(chosen, group_by), style, self.context, filter)

    def publication(self, key: str) -> R:
        """One publication, in the full style."""
        return self.renderer.publication(self._lookup(key), self.context)

    def bibtex(self, key: str) -> R:
        """The cleaned BibTeX of one publication, with a copy button."""
        return self.renderer.bibtex(self._lookup(key))

    def profile(
        self,
        *,
        name: bool = True,
        photo: bool = True,
        position: bool = True,
        links: bool = True,
        summary: bool = True,
        metrics: bool = True,
    ) -> R:
        """The page header from ``profile.yml``; each part can be switched off."""
        show = {
            "name": name,
            "photo": photo,
            "position": position,
            "links": links,
            "summary": summary,
            "metrics": metrics,
        }
        return self.renderer.profile(self.store.profile, show, self.context)

    def talks(
        self,
        *,
        year: int | list[int] | None = None,
        since: int | None = None,
        until: int | None = None,
        type: str | list[str] | None = None,
        limit: int | None = None,
        group_by: Literal["year", "none"] | None = None,
    ) -> R:
        """Talks, newest first."""
        talks = [
            t for t in newest_first(self.store.talks) if _in_years(t.date.year, year, since, until)
        ]
        if type is not None:
            types = {t.casefold() for t in ([type] if isinstance(type, str) else type)}
            talks = [t for t in talks if t.type.casefold() in types]
        talks = talks[:limit] if limit is not None else talks
        if group_by == "year":
            groups: dict[str, list[Talk]] = {}
            for talk in talks:
                groups.setdefault(str(talk.date.year), []).append(talk)
            return self.renderer.talks(list(groups.items()), self.context)
        return self.renderer.talks([("", talks)] if talks else [], self.context)

    def news(
        self,
        *,
        limit: int | None = None,
        year: int | list[int] | None = None,
        since: int | None = None,
        until: int | None = None,
    ) -> R:
        """News items, newest first."""
        items = [
            n for n in newest_first(self.store.news) if _in_years(n.date.year, year, since, until)
        ]
        return self.renderer.news(items[:limit] if limit is not None else items, self.context)

    def cv(self, section: str | None = None, *, title: bool | None = None) -> R:
        """The whole CV, or one section by its id (without its title unless ``title=true``)."""
        sections = self.store.cv
        if section is not None:
            by_id = {s.id: s for s in sections}
            if section not in by_id:
                guess = nearest(section, by_id)
                hint = f"did you mean '{guess}'?" if guess else "check the ids in cv.yml"
                raise MacroError(f"no CV section with id '{section}'; {hint}")
            sections = [by_id[section]]
        show_titles = title if title is not None else section is None
        return self.renderer.cv(sections, show_titles, self.context)

    # Helpers -----------------------------------------------------------------------------

    def _check_values(self, **given: str | list[str] | None) -> None:
        """A filter value no publication has is almost always a typo: say so, with the
        nearest value that exists, instead of rendering an empty list."""
        publications = self.store.publications
        known = {
            "type": set(KINDS) | {p.entry_type for p in publications},
            "keys": set(self.store.by_key),
            "tag": {k for p in publications for k in p.keywords},
            "category": {p.category for p in publications if p.category},
        }
        for name, value in given.items():
            if value is None:
                continue
            values = known[name]
            folded = {v.casefold() for v in values}
            for item in [value] if isinstance(value, str) else value:
                if item.casefold() not in folded:
                    guess = nearest(item, values)
                    hint = f"did you mean '{guess}'?" if guess else "no publication has it"
                    raise MacroError(f"{name}={item!r} matches no publication; {hint}")

    def _lookup(self, key: str) -> Publication:
        try:
            return self.store.by_key[key]
        except KeyError:
            guess = nearest(key, self.store.by_key)
            hint = (
                f"; did you mean '{guess}'?" if guess else "; check the citekey in your .bib file"
            )
            raise MacroError(f"no publication with citekey '{key}'{hint}") from None


def newest_first(items: list[T]) -> list[T]:
    """Dated items newest first; items of the same date keep the file's order."""
    return sorted(
        items, key=lambda item: (-item.date.year, -item.date.month, -item.date.day, item.order)
    )


def _in_years(
    year: int, years: int | list[int] | None, since: int | None, until: int | None
) -> bool:
    if years is not None and year not in ([years] if isinstance(years, int) else years):
        return False
    return (since is None or year >= since) and (until is None or year <= until)


def _check_arguments(function: Any, call: Call) -> None:
    """Reject unknown keywords (with the nearest valid one), values of the wrong type, and
    a required argument missing or given twice."""
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
        _check_choice(name, hints.get(name, Any), value)
        if not _accepts(hints.get(name, Any), value):
            raise MacroError(f"{call.name}(): {name}={value!r} has the wrong type")
    for parameter, value in zip(positional, call.args, strict=False):
        _check_choice(parameter.name, hints.get(parameter.name, Any), value)
        if not _accepts(hints.get(parameter.name, Any), value):
            raise MacroError(f"{call.name}(): {value!r} has the wrong type for '{parameter.name}'")
    for parameter in positional[: len(call.args)]:
        if parameter.name in call.kwargs:  # publication("a", key="b")
            raise MacroError(f"{call.name}() got its '{parameter.name}' argument twice")
    for parameter in positional[len(call.args) :]:
        if parameter.name not in call.kwargs and parameter.default is parameter.empty:
            example = f'{call.name}("doe2021")' if parameter.name == "key" else call.name + "(...)"
            raise MacroError(
                f"{call.name}() needs its '{parameter.name}' argument, e.g. {{{{ {example} }}}}"
            )


def choices(hint: Any) -> tuple[str, ...]:
    """The values a ``Literal`` annotation allows (inside ``X | None`` too); empty for others."""
    if typing.get_origin(hint) is Literal:
        return typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return tuple(c for h in typing.get_args(hint) for c in choices(h))
    return ()


def _check_choice(name: str, hint: Any, value: Any) -> None:
    """A string that is not one of a ``Literal``'s values, with the nearest one as a hint."""
    allowed = choices(hint)
    if allowed and isinstance(value, str) and value not in allowed:
        guess = nearest(value, allowed)
        hint_text = (
            f"did you mean '{guess}'?" if guess else f"expected one of: {', '.join(allowed)}"
        )
        raise MacroError(f"{name}={value!r} is not a valid value; {hint_text}")


def _accepts(hint: Any, value: Any) -> bool:
    """A small structural type check of a literal against a parameter's annotation."""
    if hint is Any:
        return True
    origin = typing.get_origin(hint)
    if origin is Literal:
        return value in typing.get_args(hint)
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
