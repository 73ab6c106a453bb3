"""Our macros inside mkdocs-macros' Jinja: ``{{ publications(year=y) }}`` in a ``{% for %}``.

mkdocs-macros renders a page with Jinja before Markdown runs. Each of our macros is
registered there as a function that writes its own call back out with literal arguments
(``{{ publications(year=2021) }}``), which our Markdown extension then renders, once, like
any other call. So the two plugins work in either order, Jinja logic can drive our macros,
and our HTML never goes through Jinja or Markdown.

The MkDocs plugin registers these through mkdocs-macros' ``register_macros`` hook; a site
using only the Markdown extension can list this module as a pluglet instead
(``plugins: - macros: {modules: [mkdocs_research.pluglet]}``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .macros import Macros


def _literal(value: Any) -> str:
    """A value as a literal our call parser reads back (``true``/``false`` as Python)."""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    return repr(value)


def _writer(name: str) -> Callable[..., str]:
    def write(*args: Any, **kwargs: Any) -> str:
        arguments = [_literal(a) for a in args] + [f"{k}={_literal(v)}" for k, v in kwargs.items()]
        return f"{{{{ {name}({', '.join(arguments)}) }}}}"

    write.__name__ = name
    write.__doc__ = getattr(Macros, name).__doc__
    return write


def jinja_macros() -> dict[str, Callable[..., str]]:
    """Our macros as Jinja functions for mkdocs-macros."""
    return {name: _writer(name) for name in Macros.names}


def define_env(env: Any) -> None:
    """mkdocs-macros' pluglet entry point."""
    for name, function in jinja_macros().items():
        env.macro(function, name)
