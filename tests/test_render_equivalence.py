"""Rows rendered the fast way are byte for byte the rows Jinja renders from the templates as
written.

The fast way compiles each row template with its static includes spliced in (see
:mod:`mkdocs_research.inlining`); the reference renders the same templates, packaged or
overridden, with plain Jinja. Both must agree on the benchmark's corpus, on generated
bibliographies, with a user's override of a fragment, and where splicing must step aside.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
import yaml
from conftest import _build, new_process, strict_build, write_site
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jinja2 import Environment, Template
from test_fuzz import HOSTILE, extra_values, word

from mkdocs_research.bibtex import load_bibtex
from mkdocs_research.coauthors import load_coauthors
from mkdocs_research.context import RenderContext
from mkdocs_research.extras import load_extras
from mkdocs_research.inlining import InlinedTemplates
from mkdocs_research.model import Publication
from mkdocs_research.options import Options
from mkdocs_research.people import NameMatcher
from mkdocs_research.queries import group
from mkdocs_research.rendering import KeySlugs, Renderer, _swap
from mkdocs_research.venues import Venue
from mkdocs_research.yamlfile import load_yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402


@contextmanager
def plain_templates() -> Iterator[None]:
    """The reference path: every row rendered by Jinja from its template as written."""

    def render(templates: InlinedTemplates, name: str, values: dict[str, Any]) -> str:
        return templates.env.get_template(name).render(values)

    with patch.object(InlinedTemplates, "render", render):
        yield


# A user's override of the author list, which includes a template of its own inside a loop,
# sets variables at its top and in the loop, and calls the environment's functions.
AUTHORS = """\
{#- A user's author list: numbered, co-authors linked. -#}
{% set count = pub.authors | length %}
<span class="my-authors" data-count="{{ count }}">
{%- for a in pub.authors %}{% include "research/my_author.html" %}{% if not loop.last %}; {% endif %}{% endfor -%}
</span>
"""
MY_AUTHOR = """\
{% set shown = a.name %}{% if a.url %}<a href="{{ url(a.url) }}">{{ shown }}</a>
{%- else %}<b data-i="{{ loop.index }}">{{ shown }}</b>{% endif %}{{ label("et_al") if a.others }}
"""
OVERRIDES = {"authors.html": AUTHORS, "my_author.html": MY_AUTHOR}

# --------------------------------------------------------------------------------------
# The benchmark's corpus, built as sites
# --------------------------------------------------------------------------------------

PAGE = """\
# Publications

{{ publications(group_by="year") }}

## In short

{{ publications(style="compact", group_by="type", filter=true) }}

## One

{{ publication("KEY") }}
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("seed", "overrides"), [(0, {}), (1, {}), (2, OVERRIDES)], ids=["seed0", "seed1", "authors"]
)
def test_the_benchmark_corpus_builds_alike_on_both_paths(
    tmp_path: Path, seed: int, overrides: dict[str, str]
) -> None:
    bib = generate.write(tmp_path / "corpus", 300, seed)["bib"].read_text(encoding="utf-8")
    first_key = re.search(r"^@(?!string)\w+\{([^,]+),", bib, re.MULTILINE)
    assert first_key is not None
    data = {"papers.bib": bib, "coauthors.yml": "Garcia:\n  - url: https://example.org/g\n"}
    plugin = {"highlight_names": ["Ada Lovelace"], "authors_limit": 4, "templates": "overrides"}
    pages = {}
    for path in ("fast", "plain"):
        page = {"index.md": PAGE.replace("KEY", first_key[1])}
        plugins = {"plugins": ["search", {"research": plugin}]}
        root = write_site(tmp_path / path, page, data, extra=plugins)
        (root / "overrides").mkdir()
        for name, text in overrides.items():
            (root / "overrides" / name).write_text(text, encoding="utf-8")
        new_process()
        with plain_templates() if path == "plain" else nullcontext():
            site = _build(root)
        assert site.warnings == []
        pages[path] = site
    fast, plain = pages["fast"], pages["plain"]
    for page in ("index.html", "search/search_index.json"):
        assert (fast.site_dir / page).read_bytes() == (plain.site_dir / page).read_bytes(), page
    rows = fast.html().select("li.research-pub")
    assert len(rows) == 601
    assert len(fast.html().select(".my-authors")) == (601 if overrides else 0)


# --------------------------------------------------------------------------------------
# Generated bibliographies, rendered by the renderer itself
# --------------------------------------------------------------------------------------

LAST_NAMES = ["Lovelace", "Doe", 'M{\\"u}ller', "Garc{\\'\\i}a", "van der Berg", "{Ng}"]
FIRST_NAMES = ["Ada", "A.", "Jane", "Jos{\\'e}", ""]
MARKERS = ["", "", "*", "†", "m", "*†"]
PIECES = [
    *('{\\"u}ber', "{\\'e}t{\\'e}", "\\emph{new}", "\\textbf{bold}", "$x^2$", "$\\alpha_1$"),
    *("--", "~", "``quoted''", "{BERT}", "\\&", "<br>", "*em*", "**strong**"),
    *("[code](https://example.org/c)", "https://example.org/p", "https://arxiv.org/abs/1"),
    *("paper.pdf", "assets/pdf/x.pdf", "10.1000/xyz", "2101.00001", "oral", "Best Paper"),
    *HOSTILE,
]
values = st.lists(st.one_of(st.sampled_from(PIECES), word), max_size=6).map(" ".join)
people = st.lists(
    st.tuples(st.sampled_from(LAST_NAMES), st.sampled_from(FIRST_NAMES), st.sampled_from(MARKERS))
    .map(lambda p: f"{p[0]}, {p[1]}{p[2]}" if p[1] else f"{p[0]}{p[2]}")
    .filter(lambda name: name.strip()),
    max_size=7,
).map(lambda names: " and ".join(names))
FIELDS = [
    *("journal", "booktitle", "school", "publisher", "location", "note", "abstract"),
    *("pdf", "code", "html", "slides", "poster", "video", "doi", "arxiv", "url", "preview"),
    *("abbr", "award", "award_name", "keywords", "category", "stars", "additional_info"),
    *("annotation", "display_title", "display_venue", "display_year", "selected"),
]
entries = st.fixed_dictionaries(
    {
        "type": st.sampled_from(["article", "inproceedings", "misc", "phdthesis", "book"]),
        "title": values,
        "fields": st.dictionaries(st.sampled_from(FIELDS), values, max_size=8),
    },
    optional={
        "author": st.one_of(people, people.map(lambda names: f"{names} and others")),
        "year": st.one_of(st.integers(1990, 2030).map(str), st.sampled_from(["in press", ""])),
        "month": st.sampled_from(["jan", "dec", "May", "13", ""]),
        "bibtex_show": st.sampled_from(["true", "false"]),
        "show_authors": st.sampled_from(["true", "false"]),
        "citations": st.integers(0, 5000),
        "extras": extra_values,
    },
)
options = st.fixed_dictionaries(
    {
        "authors_limit": st.integers(1, 4),
        "citation_counts": st.booleans(),
        "publication_pages": st.booleans(),
        "search_abstracts": st.booleans(),
    }
)


def bibliography(drawn: list[dict[str, Any]]) -> list[Publication]:
    """The drawn entries as a ``.bib`` file read by the loader, with their YAML extras."""
    text = ""
    for number, entry in enumerate(drawn):
        fields = {"title": entry["title"], **entry["fields"]}
        fields |= {k: entry[k] for k in ("author", "year", "month") if k in entry}
        fields |= {k: entry[k] for k in ("bibtex_show", "show_authors") if k in entry}
        body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields.items())
        text += f"@{entry['type']}{{k{number},\n{body}}}\n\n"
    publications, _ = load_bibtex(text, "data/papers.bib")
    by_key = {p.key: p for p in publications}
    extras_yml = {f"k{n}": e["extras"] for n, e in enumerate(drawn) if "extras" in e}
    yml = yaml.safe_dump(extras_yml, allow_unicode=True, width=1_000_000)
    extras, _ = load_extras(load_yaml(yml, "data/publications.yml")[0], "x.yml", by_key)
    for number, entry in enumerate(drawn):
        if (publication := by_key.get(f"k{number}")) is not None:
            publication.extras = extras.get(publication.key, {})
            publication.citations = entry.get("citations")
    return publications


COAUTHORS = load_coauthors({"Doe": [{"firstname": ["Jane"], "url": "people/doe/"}]}, "c.yml")[0]
VENUES = {
    "Best Paper": Venue("https://example.org/v", "#00369f", "#fff"),
    "oral": Venue("", "#ffe", "#000"),
}


def render(publications: list[Publication], values: dict[str, Any], root: Path) -> list[str]:
    """Every way rows are shown: lists in both styles, grouped or not, with their search
    copies, and single publications, by a renderer that has rendered nothing yet."""
    renderer = Renderer(Options.from_mapping(root, values))
    renderer.use(NameMatcher(["Ada Lovelace"]), KeySlugs(p.id for p in publications))
    renderer.use_links(COAUTHORS, VENUES)
    shown = []
    for style in ("full", "compact"):
        for by in ("year", "type", None):
            context = RenderContext("publications/", 3, search=True)
            shown.extend(renderer.publications(group(publications, by), style, context, True))
    shown += [renderer.publication(p, RenderContext("a/b/")) for p in publications[:3]]
    return shown


def assert_alike(publications: list[Publication], values: dict[str, Any], root: Path) -> str:
    """The fast and the reference HTML, compared; the fast one, for further checks."""
    fast = render(publications, values, root)
    with plain_templates():
        plain = render(publications, values, root)
    assert fast == plain
    return "".join(fast)


BIB_FILES = sorted(
    p for folder in ("data", "examples", "tests/fixtures") for p in (ROOT / folder).rglob("*.bib")
)


@pytest.mark.parametrize("path", BIB_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_bib_file_of_the_project_renders_alike_on_both_paths(
    tmp_path: Path, path: Path
) -> None:
    publications, _ = load_bibtex(path.read_text(encoding="utf-8", errors="replace"), "x.bib")
    html = assert_alike(publications, {"citation_counts": True, "authors_limit": 3}, tmp_path)
    assert html.count('<li class="research-pub') >= 6 * len(publications)


@pytest.fixture(scope="module")
def overridden(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose ``templates`` folder overrides the author list."""
    root = tmp_path_factory.mktemp("overridden")
    (root / "overrides").mkdir()
    for name, text in OVERRIDES.items():
        (root / "overrides" / name).write_text(text, encoding="utf-8")
    return root


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(entries, max_size=6), options, st.booleans())
def test_generated_bibliographies_render_alike_on_both_paths(
    overridden: Path, drawn: list[dict[str, Any]], values: dict[str, Any], override: bool
) -> None:
    publications = bibliography(drawn)
    templates = "overrides" if override else None
    html = assert_alike(publications, {**values, "templates": templates}, overridden)
    # The override, where there is one, replaces the packaged author list everywhere.
    assert not ('class="research-pub__authors"' in html and override)
    assert not ('class="my-authors"' in html and not override)


@settings(max_examples=300, deadline=None)
@given(st.text("ab\n", max_size=30), st.text("ab\n", max_size=6), st.text("xy"))
def test_a_list_is_swapped_for_its_search_copy_as_str_replace_does(
    html: str, full: str, copy: str
) -> None:
    assert _swap(html, full, copy) == html.replace(full, copy)


# --------------------------------------------------------------------------------------
# Where splicing steps aside
# --------------------------------------------------------------------------------------

BIB = """\
@article{a, title={First}, author={Lovelace, Ada and Doe, Jane and Roe, Rich}, journal={J},
  year=2020, abbr={Best Paper}, pdf={a.pdf}}
@misc{b, title={Second}, year=2021}
"""
#: Templates Jinja looks up while a list renders, outside the rows.
AROUND_ROWS = {"research/publications.html", "research/legend.html", "research/filter.html"}
AROUND_ROWS |= {"research/publication.html"}
#: Overrides → what the page shows, and which templates stay included while rows render.
CASES: dict[str, tuple[dict[str, str], str, set[str]]] = {
    "nothing overridden": ({}, "research-pub__authors", set()),
    "an author list that includes its own template": (OVERRIDES, "my-authors", set()),
    # A name the environment's functions read from the context, set by an override.
    "sets page_url": (
        {"authors.html": '{% set page_url = "deep/er/" %}<span>{{ url("x/y.pdf") }}</span>'},
        "../../x/y.pdf",
        {"research/authors.html"},
    ),
    # Around an include, a loop variable reaches the included template's context.
    "loops over page_url": (
        {
            "abbr.html": "{% for page_url in ['deep/er/'] %}{% include 'research/my.html' %}"
            "{% endfor %}",
            "my.html": "<i>{{ url('z.pdf') }}</i>",
        },
        "<i>../../z.pdf</i>",
        {"research/abbr.html", "research/my.html"},
    ),
    # A name of a function called with constant arguments, given to something else.
    "a macro named label": (
        {"bibtex.html": '{% macro label(key) %}[{{ key }}]{% endmacro %}<i>{{ label("x") }}</i>'},
        "<i>[x]</i>",
        set(),
    ),
    "loops over icon": (
        {"bibtex.html": '{% for icon in [label] %}<i>{{ icon("copy") }}</i>{% endfor %}'},
        "<i>Copy to clipboard</i>",
        set(),
    ),
    "imports a macro as icon": (
        {
            "bibtex.html": '{% from "research/my.html" import fancy as icon %}{{ icon("copy") }}',
            "my.html": "{% macro fancy(name) %}<i>({{ name }})</i>{% endmacro %}",
        },
        "<i>(copy)</i>",
        {"research/my.html"},
    ),
    "extends": (
        {
            "authors.html": '{% extends "research/base.html" %}{% block who %}W{% endblock %}',
            "base.html": "<span>[{% block who %}{% endblock %}]</span>",
        },
        "<span>[W]</span>",
        {"research/authors.html", "research/base.html"},
    ),
    "has a block": (
        {"authors.html": "<s>{% block who %}B{% endblock %}{{ self.who() }}</s>"},
        "<s>BB</s>",
        {"research/authors.html"},
    ),
    "includes itself": (
        {"authors.html": '<u>{% if false %}{% include "research/authors.html" %}{% endif %}</u>'},
        "<u></u>",
        set(),
    ),
    "ignores a missing template": (
        {"authors.html": '<u>{% include "research/none.html" ignore missing %}</u>'},
        "<u></u>",
        {"research/none.html"},
    ),
    "never reaches a broken template": (
        {
            "authors.html": '<u>{% if false %}{% include "research/broken.html" %}{% endif %}</u>',
            "broken.html": "{% if %}",
        },
        "<u></u>",
        set(),
    ),
    "whitespace control at either end": (
        {"abbr.html": "\n  {%- if pub.abbr %} <b> {{ pub.abbr }} </b> \n{% endif -%}\n\n"},
        "<b> Best Paper </b>",
        set(),
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_overrides_render_alike_and_are_spliced_where_they_can_be(
    tmp_path: Path, case: str
) -> None:
    """Both paths agree; on the fast one, a row looks up no template while it renders
    except the includes that splicing must leave as they are."""
    files, expected, included = CASES[case]
    (tmp_path / "overrides").mkdir()
    for name, text in files.items():
        (tmp_path / "overrides" / name).write_text(text, encoding="utf-8")
    publications, _ = load_bibtex(BIB, "data/papers.bib")
    values = {"templates": "overrides"}
    html = assert_alike(publications, values, tmp_path)
    assert expected in html
    looked_up: set[str] = set()
    get_template = Environment.get_template

    def recording(env: Environment, name: Any, *args: Any, **kwargs: Any) -> Template:
        looked_up.add(name)
        return get_template(env, name, *args, **kwargs)

    with patch.object(Environment, "get_template", recording):
        render(publications, values, tmp_path)
    assert looked_up - AROUND_ROWS == included


def test_a_failing_fragment_is_reported_at_its_own_file_and_line(tmp_path: Path) -> None:
    """A row renders as one function, yet an error in a fragment it includes names the
    fragment's file and line, as when Jinja includes it."""
    root = write_site(
        tmp_path / "site",
        {"index.md": "# Me\n\n{{ publications() }}\n"},
        {"papers.bib": BIB},
        plugin={"templates": "overrides"},
    )
    (root / "overrides").mkdir()
    (root / "overrides" / "authors.html").write_text("<span>\n{{ pub.year + 1 }}</span>\n")
    result = strict_build(root)
    assert result.returncode != 0
    warnings = [line for line in result.stderr.splitlines() if "template error" in line]
    assert len(warnings) == 1, result.stderr
    assert "overrides/authors.html:2: template error while rendering index.md:3" in warnings[0]
