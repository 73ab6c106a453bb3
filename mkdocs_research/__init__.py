"""mkdocs-research: a researcher's homepage from BibTeX and YAML data files.

The core (model, loaders, queries, rendering) imports no MkDocs; the MkDocs plugin
(:mod:`mkdocs_research.plugin`) and the Markdown extension (:mod:`mkdocs_research.markdown`)
are thin hosts around :class:`Research`.
"""

from __future__ import annotations

from .model import Link, Person, Problem, Publication
from .options import Options
from .research import Research

__all__ = ["Link", "Options", "Person", "Problem", "Publication", "Research"]
__version__ = "0.1.0"
