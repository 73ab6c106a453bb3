"""Moving in: whole Jekyll sites (al-folio, academicpages) as mkdocs-research sites.

Each importer reads the source site without changing it and returns a :class:`Plan` of the
new site's files and a report; nothing is written until the plan is executed.
"""

from __future__ import annotations

from .academicpages import import_academicpages
from .alfolio import import_alfolio
from .plan import Note, Plan, SourceError

#: Source kinds as the command line names them.
IMPORTERS = {"al-folio": import_alfolio, "academicpages": import_academicpages}

__all__ = ["IMPORTERS", "Note", "Plan", "SourceError", "import_academicpages", "import_alfolio"]
