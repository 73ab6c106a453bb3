"""The HTML class names that Python reads back from rendered HTML, or writes itself.

Templates may be overridden, but the table of contents (:mod:`mkdocs_research.toc`) and the
search copies (:func:`mkdocs_research.rendering.lean_for_search`) find headings, rows, toggles
and buttons by these names; an override that keeps them keeps those features. A test checks
that the packaged templates use every one of them.
"""

from __future__ import annotations

#: Every class of ours starts with it; HTML without it has nothing of ours.
PREFIX = "research"
#: A heading over a group of a list (a year, a kind): in the table of contents.
GROUP_HEADING = "research-group"
#: A CV section (its id is the anchor) and its title: in the table of contents.
CV_SECTION = "research-cv__section"
CV_TITLE = "research-cv__title"
#: One publication row: a line of text in the search copy.
ROW = "research-pub"
#: What the search copy leaves out: abstract and BibTeX toggles, link buttons, icons and
#: filter controls.
TOGGLE = "research-toggle"
LINKS = "research-pub__links"
ICON = "research-icon"
FILTER = "research-filter"
#: A macro call that failed, shown where its output would be.
ERROR = "research-error"
