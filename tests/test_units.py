"""The core's small parts on their own, without building a site: choosing and ordering
publications, finding macro calls in a page, recognising the owner's name, and the slugs of
citekeys. (The site tests show the same behaviour through pages; these say precisely which
part does what.)"""

from __future__ import annotations

import pytest

from mkdocs_research.bibtex import load_bibtex
from mkdocs_research.calls import find_calls, nearest, replace_calls
from mkdocs_research.macros import Macros, choices
from mkdocs_research.people import NameMatcher, parse_person
from mkdocs_research.queries import GROUPS, SORTS, group, kind, order, select
from mkdocs_research.rendering import KeySlugs

BIB = r"""
@inproceedings{work2022, title = {Workshop Paper}, author = {Quill, Ada and Doe, Jane},
  booktitle = {ICML Workshop on Things}, year = 2022, keywords = {Robustness, vision},
  category = {Workshops}}
@article{journal2021, title = {Journal Article}, author = {Doe, Jane}, journal = {J. Ex.},
  year = 2021, month = may, keywords = {robustness}, selected = {true}}
@article{pre2021, title = {A Preprint}, author = {Lov{\'e}lace, A.}, journal = {arXiv preprint},
  year = 2021, month = jan}
@misc{soon, title = {Forthcoming Work}, author = {Quill, Ada}, year = {forthcoming},
  category = {Workshops}}
@article{shown, title = {Shown as a preprint}, journal = {Proceedings}, year = 2019,
  display_venue = {Under review}}
@misc{undated, title = {Undated}}
"""
PUBLICATIONS, PROBLEMS = load_bibtex(BIB, "data/x.bib")
for number, entry in enumerate(PUBLICATIONS):
    entry.order = number


def keys(publications) -> list[str]:
    return [p.key for p in publications]


# Choosing ------------------------------------------------------------------------------


def test_the_fixture_reads_cleanly() -> None:
    assert PROBLEMS == []


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("work2022", "workshop"),  # an @inproceedings whose venue says workshop
        ("journal2021", "journal"),
        ("pre2021", "preprint"),  # an @article in arXiv
        ("shown", "preprint"),  # what the row says wins over the formal venue
        ("soon", "other"),
    ],
)
def test_kind_reads_the_venue_as_well_as_the_entry_type(key: str, expected: str) -> None:
    (publication,) = select(PUBLICATIONS, keys=[key])
    assert kind(publication) == expected


def test_filters() -> None:
    assert keys(select(PUBLICATIONS, selected=True)) == ["journal2021"]
    assert keys(select(PUBLICATIONS, type="preprint")) == ["pre2021", "shown"]
    assert keys(select(PUBLICATIONS, type=["workshop", "misc"])) == ["work2022", "soon", "undated"]
    assert keys(select(PUBLICATIONS, year=2021)) == ["journal2021", "pre2021"]
    assert keys(select(PUBLICATIONS, year=["forthcoming", 2022])) == ["work2022", "soon"]
    assert keys(select(PUBLICATIONS, tag="ROBUSTNESS")) == ["work2022", "journal2021"]
    assert keys(select(PUBLICATIONS, category="workshops")) == ["work2022", "soon"]


def test_since_counts_forthcoming_as_new_and_until_leaves_it_out() -> None:
    assert keys(select(PUBLICATIONS, since=2022)) == ["work2022", "soon"]
    assert keys(select(PUBLICATIONS, until=2019)) == ["shown"]


def test_keys_keep_the_order_they_are_asked_in() -> None:
    assert keys(select(PUBLICATIONS, keys=["shown", "work2022"])) == ["shown", "work2022"]


def test_author_filter_matches_any_spelling() -> None:
    assert keys(select(PUBLICATIONS, author="Ada Lovelace")) == ["pre2021"]
    assert keys(select(PUBLICATIONS, author=["Jane Doe"])) == ["work2022", "journal2021"]


# Ordering and grouping -----------------------------------------------------------------


def test_orders_are_stable_and_put_non_numeric_years_where_expected() -> None:
    assert keys(order(PUBLICATIONS, "newest")) == [
        "soon",  # forthcoming: newer than any year
        "work2022",
        "journal2021",  # May before January of the same year
        "pre2021",
        "shown",
        "undated",
    ]
    assert keys(order(PUBLICATIONS, "oldest")) == [
        "shown",
        "pre2021",
        "journal2021",
        "work2022",
        "soon",
        "undated",
    ]
    assert keys(order(PUBLICATIONS, "title"))[:2] == ["pre2021", "soon"]
    assert keys(order(PUBLICATIONS, "file")) == keys(PUBLICATIONS)


def test_groups_by_year_type_and_category() -> None:
    """Groups carry what they share (the templates title them in the site's language)."""
    newest = order(PUBLICATIONS)
    assert [g.key for g in group(newest, "year")] == ["forthcoming", "2022", "2021", "2019", ""]
    by_type = group(newest, "type")
    assert [g.key for g in by_type] == ["preprint", "journal", "workshop", "other"]
    assert keys(by_type[0].publications) == ["pre2021", "shown"]
    # categories in the order the data first uses them; entries without one last
    assert [g.key for g in group(newest, "category")] == ["Workshops", ""]
    assert [(g.by, g.key) for g in group(newest, None)] == [("none", "")]
    assert group([], "year") == [] and group([], None) == []


def test_the_macro_signature_is_the_schema_of_its_choices() -> None:
    import typing

    hints = typing.get_type_hints(Macros.publications)
    assert choices(hints["sort"]) == SORTS == ("newest", "oldest", "title", "file")
    assert choices(hints["group_by"]) == GROUPS
    assert choices(hints["style"]) == ("full", "compact")
    assert choices(hints["limit"]) == ()


# Finding calls -------------------------------------------------------------------------

PAGE = """\
# Papers

{{ publications(type="journal", selected=true) }}

Inline `{{ publications() }}` and a fence:

```markdown
{{ publications() }}
```

<!-- {{ cv() }} -->
{{ publications(tag="}}") }} and {{ config.site_name }} and {{ talk(year=2020) }}
{{ cv(section) }}
"""


def test_calls_outside_code_with_their_lines_and_arguments() -> None:
    calls = find_calls(PAGE, Macros.names)
    assert [(c.name, c.line) for c in calls] == [
        ("publications", 3),
        ("publications", 12),
        ("talk", 12),
        ("cv", 13),
    ]
    first, quoted, misspelt, variable = calls
    assert first.kwargs == {"type": "journal", "selected": True} and first.error == ""
    assert quoted.kwargs == {"tag": "}}"}
    assert misspelt.error == "unknown macro 'talk'; did you mean 'talks'?"
    assert variable.error.startswith("cannot read the arguments of cv(): ")


def test_literals_as_in_yaml_and_lists() -> None:
    (call,) = find_calls(
        '{{ publications(keys=["a", "b"], selected=false, year=null) }}', ["publications"]
    )
    assert call.kwargs == {"keys": ["a", "b"], "selected": False, "year": None}


def test_an_unclosed_call_is_reported_and_the_next_one_still_read() -> None:
    unclosed, cv = find_calls("{{ publications( and {{ cv() }}", Macros.names)
    assert unclosed.name == "publications" and unclosed.error.startswith("the call of")
    assert (cv.name, cv.error) == ("cv", "")
    (alone,) = find_calls("{{ publications()", Macros.names)
    assert "is not closed" in alone.error and alone.end == len("{{")


def test_replace_calls_puts_the_rendering_where_each_call_was() -> None:
    text = "a {{ cv() }} b {{ news() }} c"
    calls = find_calls(text, Macros.names)
    assert replace_calls(text, calls, lambda call: call.name.upper()) == "a CV b NEWS c"


def test_nearest_name() -> None:
    assert nearest("grup_by", ["group_by", "sort"]) == "group_by"
    assert nearest("xyz", ["group_by", "sort"]) is None


# Recognising the owner -----------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "Lovelace, Ada",
        "Ada Lovelace",
        "A. Lovelace",
        "Lovelace, A. M.",
        "Lov{\\'e}lace, Ada",
        "Lovelace, Ada*",
        "Ada Lovelace$^\\dagger$",
        "LOVELACE, Ada",
    ],
)
def test_the_owner_in_any_spelling(written: str) -> None:
    assert NameMatcher(["Ada Lovelace"]).matches(parse_person(written))


@pytest.mark.parametrize("written", ["Alan Lovelace", "Lovelace, B.", "Ada Byron", "Love, Ada"])
def test_not_the_owner(written: str) -> None:
    assert not NameMatcher(["Ada Lovelace"]).matches(parse_person(written))


def test_markers_are_split_off_the_name() -> None:
    person = parse_person("Quill, Ada*†")
    assert (person.last, person.first, person.markers) == ("Quill", "Ada", ("*", "†"))
    assert parse_person("van der Berg, Jan").von == "van der"


def test_no_names_match_nobody() -> None:
    assert not NameMatcher([]) and not NameMatcher([]).matches(parse_person("Ada Quill"))


# Slugs ---------------------------------------------------------------------------------


def test_citekeys_become_url_and_id_safe_slugs() -> None:
    slugs = KeySlugs(["doe:2020", "plain2021"])
    assert slugs.page("doe:2020") == "publications/doe-2020/"
    assert slugs.anchor("doe:2020") == "pub-doe-2020"
    assert slugs.page("plain2021") == "publications/plain2021/"


def test_keys_meeting_in_one_slug_are_told_apart() -> None:
    slugs = KeySlugs(["a/b", "a-b"])
    assert slugs.page("a-b") == "publications/a-b/"  # unchanged keys keep their slug
    assert slugs.page("a/b").startswith("publications/a-b-")  # the one that changed: hashed
    assert slugs.anchor("a/b") != slugs.anchor("a-b")


def test_index_never_becomes_the_publications_page() -> None:
    assert KeySlugs(["index"]).page("index") != "publications/index/"


def test_dots_are_kept_in_paths_but_not_in_ids() -> None:
    slugs = KeySlugs(["v1.2"])
    assert slugs.page("v1.2") == "publications/v1.2/"
    assert slugs.anchor("v1.2") == "pub-v1-2"


def test_which_keys_have_pages() -> None:
    slugs = KeySlugs(["a", "b"])
    assert slugs.has_page("a") and slugs.has_page("b")  # not known yet: all of them
    some = slugs.having_pages(["a"])
    assert some.has_page("a") and not some.has_page("b")
    assert some.page("b") == slugs.page("b")


# Class names ---------------------------------------------------------------------------


def test_the_class_names_python_reads_back_are_the_ones_the_templates_write() -> None:
    from mkdocs_research import classes
    from mkdocs_research.rendering import PACKAGE_TEMPLATES

    templates = "".join(p.read_text() for p in PACKAGE_TEMPLATES.rglob("*.html"))
    read_back = ("GROUP_HEADING", "CV_SECTION", "CV_TITLE", "ROW", "TOGGLE", "LINKS", "FILTER")
    for name in read_back:
        assert f'class="{getattr(classes, name)}' in templates, name


# Rendering for a page ------------------------------------------------------------------


def test_each_call_renders_for_its_own_page_and_heading(tmp_path) -> None:
    """Nothing a call renders for is kept between calls: a list under a deeper heading, or
    on another page, does not change the next one (the renderer is re-entrant)."""
    from bs4 import BeautifulSoup

    from mkdocs_research.calls import Call
    from mkdocs_research.context import RenderContext
    from mkdocs_research.options import Options
    from mkdocs_research.research import Research

    bib = tmp_path / "data" / "papers.bib"
    bib.parent.mkdir()
    bib.write_text("@article{a, title={A}, year=2020, pdf={papers/a.pdf}}\n")
    engine = Research(Options(root=tmp_path))
    engine.refresh()
    call = Call("publications", 0, 0, 1, kwargs={"group_by": "year"})

    def render(context: RenderContext) -> BeautifulSoup:
        rendered = Macros(engine.store, engine.renderer, context).call(call)
        return BeautifulSoup(rendered.html, "html.parser")

    deep, top, nested = (
        render(RenderContext("", 4)),
        render(RenderContext("", 2)),
        render(RenderContext("a/b/", 2)),
    )
    assert deep.select_one(".research-group").name == "h4"
    assert top.select_one(".research-group").name == "h2"
    assert top.select_one(".research-link--pdf")["href"] == "papers/a.pdf"
    assert nested.select_one(".research-link--pdf")["href"] == "../../papers/a.pdf"
    assert render(RenderContext("", 4)).select_one(".research-group").name == "h4"
