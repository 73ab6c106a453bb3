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
"""

from __future__ import annotations

from jinja2 import Environment, Template, TemplateError, nodes
from jinja2.visitor import NodeTransformer


class InlinedTemplates:
    """Templates of ``env`` loaded with their static includes spliced in, kept until
    :meth:`clear` (after the user edited their templates)."""

    def __init__(self, env: Environment, context_names: frozenset[str]) -> None:
        self.env = env
        self.context_names = context_names
        self._loaded: dict[str, Template] = {}

    def get_template(self, name: str) -> Template:
        """The template with its includes spliced in; the plain one where it cannot be
        loaded at all, which then fails as it always did."""
        template = self._loaded.get(name)
        if template is None:
            try:
                template = self._splice(name)
            except TemplateError:
                template = self.env.get_template(name)
            self._loaded[name] = template
        return template

    def clear(self) -> None:
        self._loaded.clear()

    def _splice(self, name: str) -> Template:
        tree, filename = self._parse(name)
        if not self._assigns_context_names(tree):
            tree = _Splicer(self, (name,)).visit(tree)
        code = self.env.compile(tree, name, filename)
        return self.env.template_class.from_code(self.env, code, self.env.make_globals(None))

    def _parse(self, name: str) -> tuple[nodes.Template, str | None]:
        assert self.env.loader is not None
        source, filename, _ = self.env.loader.get_source(self.env, name)
        return self.env.parse(source, name, filename), filename

    def _assigns_context_names(self, tree: nodes.Template) -> bool:
        return any(
            node.ctx in ("store", "param") and node.name in self.context_names
            for node in tree.find_all(nodes.Name)
        )

    def fragment(self, name: str) -> nodes.Template | None:
        """An included template's tree if it may be spliced in, else ``None``."""
        try:
            tree = self._parse(name)[0]
        except TemplateError:  # missing or broken: the include reports it when it runs
            return None
        if tree.find(nodes.Extends) or tree.find(nodes.Block):
            return None
        return None if self._assigns_context_names(tree) else tree


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
