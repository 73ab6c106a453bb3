"""Templates with their static includes spliced in, so that a publication row renders as
one compiled function.

A long list renders its row template thousands of times, and each ``{% include %}`` in it
costs a template lookup and a new context per row: a fifth of the time Jinja spends on a
row. Here each ``{% include "name" %}`` whose name is a constant is replaced, when the
template is loaded, by the parsed body of the included template (packaged or the user's
override of it) in a scope of its own, as ``{% with %}`` opens one. Each file is still read
by Jinja's own lexer, so whitespace control works per file exactly as before.

An include stays as it is where splicing could change what it renders: ``ignore missing``
or ``without context``, an included template that extends another or has blocks, one that
cannot be read or parsed (it fails where the include runs, as before), one already being
spliced (an include of itself), and a template that assigns a name that functions of the
environment read from the context (``context_names``): in a scope such a name would not
reach them.

Calls of the environment's pure functions (``pure``: ``icon("copy")``, ``label("bibtex")``)
with constant arguments are then made once, at load time, unless the template assigns the
function's name: each would otherwise cost a call through Jinja's context in every row.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import Environment, Template, TemplateError, nodes
from jinja2.visitor import NodeTransformer


class InlinedTemplates:
    """Templates of ``env`` rendered with their static includes spliced in; each is loaded
    once and kept until :meth:`clear` (after the user edited their templates)."""

    def __init__(
        self, env: Environment, context_names: frozenset[str], pure: frozenset[str]
    ) -> None:
        self.env = env
        self.context_names = context_names
        self.pure = pure
        #: Each template, with the globals it sees as one plain mapping.
        self._loaded: dict[str, tuple[Template, dict[str, Any]]] = {}

    def render(self, name: str, values: Mapping[str, Any]) -> str:
        """What ``get_template(name).render(values)`` gives. Jinja would merge the globals
        (a chain of mappings) into each row's context anew; they are copied once here, as
        Jinja allows no change to them once templates are loaded."""
        loaded = self._loaded.get(name)
        if loaded is None:
            template = self._load(name)
            loaded = self._loaded[name] = (template, dict(template.globals))
        template, globals_ = loaded
        context = template.new_context({**globals_, **values}, shared=True)
        return self.env.concat(template.root_render_func(context))

    def clear(self) -> None:
        self._loaded.clear()

    def _load(self, name: str) -> Template:
        """The template with its includes spliced in; the plain one where it cannot be
        loaded at all, which then fails as it always did."""
        try:
            return self._splice(name)
        except TemplateError:
            return self.env.get_template(name)

    def _splice(self, name: str) -> Template:
        tree, filename = self._parse(name)
        if not _assigned(tree) & self.context_names:
            tree = _Splicer(self, (name,)).visit(tree)
        tree = _Folder(self.env, self.pure - _assigned(tree)).visit(tree)
        code = self.env.compile(tree, name, filename)
        return self.env.template_class.from_code(self.env, code, self.env.make_globals(None))

    def _parse(self, name: str) -> tuple[nodes.Template, str | None]:
        assert self.env.loader is not None
        source, filename, _ = self.env.loader.get_source(self.env, name)
        return self.env.parse(source, name, filename), filename

    def fragment(self, name: str) -> nodes.Template | None:
        """An included template's tree if it may be spliced in, else ``None``."""
        try:
            tree = self._parse(name)[0]
        except TemplateError:  # missing or broken: the include reports it when it runs
            return None
        if tree.find(nodes.Extends) or tree.find(nodes.Block):
            return None
        return None if _assigned(tree) & self.context_names else tree


def _assigned(tree: nodes.Node) -> set[str]:
    """Every name a template sets, loops over, imports, defines as a macro or takes as a
    macro's argument."""
    names = {node.name for node in tree.find_all(nodes.Name) if node.ctx in ("store", "param")}
    names |= {node.name for node in tree.find_all(nodes.Macro)}
    names |= {node.target for node in tree.find_all(nodes.Import)}
    for node in tree.find_all(nodes.FromImport):
        names |= {name if isinstance(name, str) else name[1] for name in node.names}
    return names


class _Splicer(NodeTransformer):
    """Replaces the static includes of one template by the bodies they include."""

    def __init__(self, templates: InlinedTemplates, within: tuple[str, ...]) -> None:
        self.templates = templates
        #: The templates being spliced, outermost first: one of them is never spliced again.
        self.within = within

    def visit_Include(self, node: nodes.Include) -> nodes.Node:
        target = node.template
        if not (
            isinstance(target, nodes.Const)
            and isinstance(target.value, str)
            and node.with_context
            and not node.ignore_missing
            and target.value not in self.within
        ):
            return node
        tree = self.templates.fragment(target.value)
        if tree is None:
            return node
        spliced = _Splicer(self.templates, (*self.within, target.value)).visit(tree)
        return nodes.Scope(spliced.body, lineno=node.lineno)


class _Folder(NodeTransformer):
    """Replaces calls of the pure functions ``names`` with constant arguments by their
    values."""

    def __init__(self, env: Environment, names: set[str] | frozenset[str]) -> None:
        self.env = env
        self.names = names

    def visit_Call(self, node: nodes.Call) -> nodes.Node:
        self.generic_visit(node)
        function, arguments = node.node, node.args
        if (
            isinstance(function, nodes.Name)
            and function.name in self.names
            and all(isinstance(argument, nodes.Const) for argument in arguments)
            and not node.kwargs
            and node.dyn_args is None
            and node.dyn_kwargs is None
        ):
            call = self.env.globals[function.name]
            assert callable(call)
            return nodes.Const(call(*(a.as_const() for a in arguments)), lineno=node.lineno)
        return node
