"""A visitor's view of publication lists built by the real ``mkdocs build``."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
CUSTOM = (FIXTURES / "custom.bib").read_text(encoding="utf-8")
#: The file custom.bib's ``pdf = {papers/lcnn.pdf}`` links to.
PAPER = {"papers/lcnn.pdf": "%PDF-1.4"}


def rows(soup):
    return soup.select("li.research-pub")


def titles(soup) -> list[str]:
    return [r.select_one(".research-pub__title").get_text() for r in rows(soup)]


@pytest.fixture
def custom_site(make_site):
    return make_site(
        {**PAPER, "index.md": "# Papers\n\n{{ publications() }}\n"},
        {"papers.bib": CUSTOM},
        plugin={"highlight_names": ["Ada Quill"]},
    )


#: The files al-folio's sample bibliography links to, where al-folio keeps them.
ALFOLIO_FILES = {
    "assets/html/relativity.html": "<p>Relativity</p>",
    "assets/pdf/example_pdf.pdf": "%PDF-1.4",
    "assets/img/publication_preview/brownian-motion.gif": "GIF89a",
    "assets/img/publication_preview/wave-mechanics.gif": "GIF89a",
}


def test_alfolio_bib_renders_every_entry(make_site, alfolio_bib):
    site = make_site(
        {"index.md": "{{ publications(group_by='year') }}\n", **ALFOLIO_FILES},
        {"papers.bib": alfolio_bib},
    )
    soup = site.html()
    assert len(rows(soup)) == 9
    groups = [h.get_text() for h in soup.select("h2.research-group")]
    assert groups == ["1967", "1956", "1950", "1935", "1920", "1905"]
    assert site.warnings == []


def test_alfolio_fields(make_site, alfolio_bib):
    pages = {"index.md": "{{ publications() }}\n", **ALFOLIO_FILES}
    soup = make_site(pages, {"papers.bib": alfolio_bib}).html()
    epr = soup.select_one("#pub-PhysRev-47-777")
    assert epr.select_one(".research-abbr").get_text() == "PhysRev"
    links = {a.get_text(strip=True): a["href"] for a in epr.select(".research-link")}
    assert links["HTML"] == "https://journals.aps.org/pr/abstract/10.1103/PhysRev.47.777"
    assert links["PDF"] == "assets/pdf/example_pdf.pdf"
    assert links["DOI"] == "https://doi.org/10.1103/PhysRev.47.777"
    assert "Video" in links
    abstract = epr.select_one("details.research-abstract")
    assert abstract.name == "details" and "element of reality" in abstract.get_text()
    markers = [s.get_text() for s in epr.select(".research-author .research-marker")]
    assert markers == ["*†", "*", "*"]
    legend = soup.select_one(".research-legend").get_text()
    assert "Equal contribution" in legend and "Corresponding author" in legend
    photo = soup.select_one("#pub-einstein1905photoelectriceffect")
    assert photo.select_one(".research-badge").get_text() == "Nobel Prize"
    assert "photoelectric effect" in photo.select_one(".research-pub__award").get_text()
    assert "Über einen" in photo.select_one(".research-pub__title").get_text()
    thumb = soup.select_one("#pub-przibram1967letters img.research-pub__preview")
    assert thumb["src"] == "assets/img/publication_preview/wave-mechanics.gif"


def test_every_link_button_has_icon_and_label(custom_site):
    row = custom_site.html().select_one("#pub-quill2022lowcurv")
    labels = [
        a.select_one(".research-link__label").get_text() for a in row.select(".research-link")
    ]
    assert labels == [
        "PDF",
        "arXiv",
        "HAL",
        "Supp",
        "Reviews",
        "Code",
        "Dataset",
        "Video",
        "Poster",
        "Slides",
        "Blog 1",
        "Blog 2",
        "Website",
        "Project page",
        "News",
        "DOI",
    ]
    icons = [a.select_one(".research-icon")["class"][1] for a in row.select(".research-link")]
    assert icons[:3] == ["research-icon--pdf", "research-icon--arxiv", "research-icon--hal"]
    css = (custom_site.site_dir / "assets/research/icons.css").read_text()
    assert all(f".research-icon--{name} {{" in css for name in ("pdf", "arxiv", "code", "star"))
    code = row.select_one(".research-link--code")
    assert code["href"] == "https://github.com/example/lcnn"
    assert code.select_one(".research-stars").get_text() == "169"
    hrefs = {
        a.select_one(".research-link__label").get_text(): a["href"]
        for a in row.select(".research-link")
    }
    assert hrefs["arXiv"] == "https://arxiv.org/abs/2206.07144"
    assert hrefs["HAL"] == "https://hal.science/hal-01234567"


def test_badges_notes_and_toggles(custom_site):
    row = custom_site.html().select_one("#pub-quill2022lowcurv")
    badges = [(b["class"][1], b.get_text()) for b in row.select(".research-badge")]
    assert badges == [
        ("research-badge--talk", "Oral"),
        ("research-badge--award", "Best Paper Award"),
    ]
    notes = [n.get_text() for n in row.select(".research-pub__note")]
    assert notes == [
        "Also presented at the ICML Workshop on Interpretable ML",
        "Invited Paper in the Journal of Things",
        "Jointly authored",
    ]
    math = row.select("details.research-abstract math.research-math")
    assert [m.annotation.get_text() for m in math] == [r"\ell_1", r"O(n \log n)"]
    assert [m.msub is not None for m in math] == [True, False]  # ℓ with subscript 1
    bibtex = row.select_one("details.research-bibtex-toggle code").get_text()
    assert bibtex.startswith("@inproceedings{quill2022lowcurv,")
    for custom in ("abbr", "selected", "stars", "code", "award_name", "category", "abstract"):
        assert f"  {custom} " not in bibtex and f"  {custom}=" not in bibtex
    assert "Quill, Ada and Matoba, Kyle" in bibtex  # markers are not BibTeX
    assert "Neural Information Processing Systems (NeurIPS)" in bibtex  # @string resolved
    block = row.select_one(".research-bibtex")
    assert block.select_one("button.research-copy") is not None
    assert "no-copy" in block["class"]  # Material adds no second copy button
    assert block.select_one("[role=status]").get_text() == ""  # says "Copied" after a copy


def test_owner_highlighted_in_every_spelling(custom_site):
    soup = custom_site.html()
    owners = {
        r["id"]: [a.get_text() for a in r.select(".research-author--owner")] for r in rows(soup)
    }
    assert owners == {
        "pub-quill2025forth": ["A. M. Quill"],
        "pub-quill2022lowcurv": ["Ada Quill*"],
        "pub-quill2021preprint": ["Ada Quillm"],
        "pub-quill2020thesis": ["Ada Quill"],
        "pub-quill2019workshop": ["A. Quill"],
        "pub-quill2018soft": ["Ada Quill"],
    }
    assert soup.select_one(".research-author--others").get_text() == "et al."


def test_latex_in_titles_and_venues(custom_site):
    soup = custom_site.html()
    assert soup.select_one("#pub-quill2021preprint .research-pub__title").get_text() == (
        "A BERT Study of “Quoted” Things – and Dashes"
    )
    venue = soup.select_one("#pub-quill2020thesis .research-pub__venue").get_text()
    assert venue == "PhD thesis, École Polytechnique Fédérale de Lausanne, 2020"
    authors = soup.select_one("#pub-quill2022lowcurv .research-pub__authors").get_text()
    assert "François Fleuret" in authors


def test_order_newest_first_with_non_numeric_year_on_top(custom_site):
    assert titles(custom_site.html()) == [
        "Forthcoming Work",
        "Efficient Training of Low-Curvature Neural Networks",
        "A BERT Study of “Quoted” Things – and Dashes",
        "Gradient-based Methods for Interpretability",
        "Cyclical Pruning",
        "fullgrad-saliency",
    ]


def test_long_author_lists_collapse(make_site):
    authors = " and ".join(f"Author{i}, A." for i in range(20))
    bib = f"@article{{big, title={{Big}}, author={{{authors}}}, year=2020}}"
    soup = make_site({"index.md": "{{ publications() }}"}, {"p.bib": bib}).html()
    authors = soup.select_one(".research-pub__authors")
    assert authors.name == "span" and authors.select("div, details, p") == []  # phrasing only
    more = authors.select_one(".research-authors__more")
    assert len(more.select(".research-author")) == 8
    assert len(authors.select(".research-author")) == 20
    button = more.find_next_sibling("button")
    assert button["class"] == ["research-authors__toggle"] and button["type"] == "button"
    assert (button.get_text(), button["aria-expanded"]) == ("and 8 more", "false")


CASES = [
    ("selected=true", ["Efficient Training of Low-Curvature Neural Networks"]),
    ('type="preprint"', ["A BERT Study of “Quoted” Things – and Dashes"]),
    ('type="workshop"', ["Cyclical Pruning"]),
    ('type="thesis"', ["Gradient-based Methods for Interpretability"]),
    ('type="software"', ["fullgrad-saliency"]),
    ('type="journal"', ["Forthcoming Work"]),
    ('type="phdthesis"', ["Gradient-based Methods for Interpretability"]),
    (
        'type=["workshop", "thesis"]',
        ["Gradient-based Methods for Interpretability", "Cyclical Pruning"],
    ),
    ("year=2019", ["Cyclical Pruning"]),
    ('year="forthcoming"', ["Forthcoming Work"]),
    (
        "since=2021",
        [
            "Forthcoming Work",
            "Efficient Training of Low-Curvature Neural Networks",
            "A BERT Study of “Quoted” Things – and Dashes",
        ],
    ),
    ("until=2019", ["Cyclical Pruning", "fullgrad-saliency"]),
    (
        'keys=["quill2019workshop", "quill2022lowcurv"]',
        ["Cyclical Pruning", "Efficient Training of Low-Curvature Neural Networks"],
    ),
    ('tag="pruning"', ["Cyclical Pruning"]),
    (
        'author="Lakkaraju, H."',
        [
            "Efficient Training of Low-Curvature Neural Networks",
            "A BERT Study of “Quoted” Things – and Dashes",
        ],
    ),
    ('author="Francois Fleuret"', ["Efficient Training of Low-Curvature Neural Networks"]),
    ('category="Thesis"', ["Gradient-based Methods for Interpretability"]),
    ("limit=2", ["Forthcoming Work", "Efficient Training of Low-Curvature Neural Networks"]),
    ('sort="oldest", limit=2', ["fullgrad-saliency", "Cyclical Pruning"]),
    ('sort="title", limit=2', ["A BERT Study of “Quoted” Things – and Dashes", "Cyclical Pruning"]),
]


@pytest.fixture(scope="module")
def filters_site(tmp_path_factory):
    """One site with a page for each case below (one build for all of them)."""
    from conftest import _build, write_site

    pages = {
        **PAPER,
        **{f"case{i}.md": f"{{{{ publications({args}) }}}}\n" for i, (args, _) in enumerate(CASES)},
    }
    root = write_site(tmp_path_factory.mktemp("filters"), pages, {"papers.bib": CUSTOM})
    return _build(root)


@pytest.mark.parametrize(
    ("case", "expected"), enumerate(c[1] for c in CASES), ids=[c[0] for c in CASES]
)
def test_filters(filters_site, case, expected):
    assert titles(filters_site.html(f"case{case}/index.html")) == expected
    assert filters_site.warnings == []


GROUPINGS = [
    ("year", ["forthcoming", "2022", "2021", "2020", "2019", "2018"]),
    (
        "type",
        [
            "Preprints",
            "Journal articles",
            "Conference papers",
            "Workshop papers",
            "Theses",
            "Software",
        ],
    ),
    (
        "category",
        [
            "Conference Publications",
            "Under Review",
            "Thesis",
            "Workshop Papers",
            "Open-Source Software",
            "Other",
        ],
    ),
]


@pytest.mark.parametrize(("by", "expected"), GROUPINGS)
def test_grouping(make_site, by, expected):
    site = make_site(
        {**PAPER, "index.md": f'{{{{ publications(group_by="{by}") }}}}'}, {"p.bib": CUSTOM}
    )
    assert [h.get_text() for h in site.html().select("h2.research-group")] == expected


def test_compact_style_is_one_line_per_entry(custom_site, make_site):
    site = make_site(
        {**PAPER, "index.md": '{{ publications(style="compact", keys=["quill2019workshop"]) }}'},
        {"p.bib": CUSTOM},
    )
    row = site.html().select_one("li.research-pub--compact")
    assert " ".join(row.get_text().split()) == (
        "A. Quill, Andrey Kuzmin. Cyclical Pruning. In CVPR Workshop on Efficient Deep Learning, 2019."
    )
    assert row.select_one("details") is None


def test_single_publication_and_bibtex_macros(make_site):
    site = make_site(
        {
            **PAPER,
            "index.md": '{{ publication("quill2020thesis") }}\n\n{{ bibtex("quill2019workshop") }}\n',
        },
        {"p.bib": CUSTOM},
    )
    soup = site.html()
    assert titles(soup) == ["Gradient-based Methods for Interpretability"]
    blocks = soup.select(".md-content .research-bibtex code")
    assert blocks[-1].get_text().startswith("@inproceedings{quill2019workshop,")
    assert site.warnings == []


def test_macros_in_code_are_left_alone(make_site):
    page = """
        # Docs

        Inline `{{ publications() }}` stays.

        ```
        {{ publications(type="journal") }}
        ```

        ~~~~markdown
        {{ bibtex("quill2020thesis") }}
        ~~~~

        <!-- {{ publications() }} -->

        {{ some_other_tool(x) }} and {{ variable }} and {{ publication("quill2020thesis") }}
    """
    soup = make_site({**PAPER, "index.md": page}, {"p.bib": CUSTOM}).html()
    code = [c.get_text() for c in soup.select(".md-content code")]
    assert "{{ publications() }}" in code
    assert any('{{ publications(type="journal") }}' in c for c in code)
    assert any('{{ bibtex("quill2020thesis") }}' in c for c in code)
    text = soup.select_one(".md-content").get_text()
    assert "{{ some_other_tool(x) }}" in text and "{{ variable }}" in text
    assert len(rows(soup)) == 1


def test_relative_links_work_from_nested_pages(make_site):
    site = make_site(
        {**PAPER, "research/papers.md": "{{ publications(keys=['quill2022lowcurv']) }}"},
        {"p.bib": CUSTOM},
    )
    link = site.html("research/papers/index.html").select_one(".research-link--pdf")
    assert link["href"] == "../../papers/lcnn.pdf"


def test_assets_are_shipped_and_linked(custom_site):
    soup = custom_site.html()
    assert soup.select_one('link[href$="assets/research/research.css"]') is not None
    assert soup.select_one('script[src$="assets/research/research.js"]') is not None
    assert (custom_site.site_dir / "assets/research/research.css").is_file()
    assert (custom_site.site_dir / "assets/research/research.js").is_file()


def test_builtin_mkdocs_theme_reads_cleanly(make_site):
    site = make_site(
        {**PAPER, "index.md": "{{ publications() }}"}, {"p.bib": CUSTOM}, theme="mkdocs"
    )
    soup = site.html()
    assert len(rows(soup)) == 6
    assert soup.select_one('link[href$="assets/research/research.css"]') is not None


def test_templates_can_be_overridden(make_site, tmp_path):
    override = tmp_path / "overrides" / "research"
    (override / "icons").mkdir(parents=True)
    (override / "links.html").write_text('<p class="my-links">{{ pub.links | length }} links</p>')
    (override / "icons" / "bibtex.svg").write_text('<svg class="mine"></svg>')
    site = make_site(
        {**PAPER, "index.md": "{{ publications(keys=['quill2022lowcurv']) }}"},
        {"p.bib": CUSTOM},
        plugin={"templates": str(override)},
    )
    soup = site.html()
    assert soup.select_one(".my-links").get_text() == "16 links"
    assert soup.select_one(".research-link") is None
    icons = (site.site_dir / "assets/research/icons.css").read_text()
    mine = base64.b64encode(b'<svg class="mine"></svg>').decode()
    assert (
        f'.research-icon--bibtex {{ --research-icon: url("data:image/svg+xml;base64,{mine}"); }}'
        in icons
    )
    # Under `mkdocs serve` the same engine is reused: an edited override is picked up.
    (override / "links.html").write_text('<p class="my-links">edited</p>')
    assert site.rebuild().html().select_one(".my-links").get_text() == "edited"


def test_markers_in_math_with_commas(make_site):
    bib = r"@article{m, title={M}, author={Quill, Ada$^{*,m}$ and Ada Doe$^{\dagger}$}, year=2020}"
    soup = make_site({"index.md": "{{ publications() }}"}, {"p.bib": bib}).html()
    authors = [a.get_text() for a in soup.select(".research-author")]
    assert authors == ["Ada Quill*m", "Ada Doe†"]
    assert [s.get_text() for s in soup.select(".research-legend sup")] == ["*", "†", "m"]


def test_filters_that_match_nothing_name_the_nearest_value(make_site):
    page = (
        "{{ publications(type='jounral') }}\n\n{{ publications(tag='pruningg') }}\n\n"
        "{{ publications(category='Thesiss') }}\n\n{{ publications(keys=['quill2019worksop']) }}\n"
    )
    site = make_site({**PAPER, "index.md": page}, {"p.bib": CUSTOM})
    assert site.warnings == [
        "research: index.md:1: type='jounral' matches no publication; did you mean 'journal'?",
        "research: index.md:3: tag='pruningg' matches no publication; did you mean 'pruning'?",
        "research: index.md:5: category='Thesiss' matches no publication; did you mean 'Thesis'?",
        "research: index.md:7: keys='quill2019worksop' matches no publication;"
        " did you mean 'quill2019workshop'?",
    ]


def test_anchors_of_entries_pass_mkdocs_link_validation(make_site):
    site = make_site(
        {
            **PAPER,
            "index.md": "{{ publications() }}",
            "other.md": "See [the thesis](index.md#pub-quill2020thesis) and [nothing](index.md#nope).",
        },
        {"p.bib": CUSTOM},
        extra={"validation": {"anchors": "warn"}},
    )
    assert len(site.warnings) == 1
    assert "#nope" in site.warnings[0]
