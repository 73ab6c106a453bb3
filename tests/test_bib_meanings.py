"""What a ``.bib`` file means, wherever it is read: al-folio's fields as al-folio shows them,
BibLaTeX and Zotero fields, publishers' markup, citekeys repeated across files, and which
real-world oddities are harmless (no message) and which are problems (a message with the
file and line)."""

from __future__ import annotations

import bibtexparser
import pytest

from mkdocs_research.bibtex import load_bibtex
from mkdocs_research.coauthors import load_coauthors
from mkdocs_research.latex import latex_to_html, latex_to_text
from mkdocs_research.links import publication_links
from mkdocs_research.options import DEFAULT_ASSET_DIRS
from mkdocs_research.people import parse_people
from mkdocs_research.prose import markdown_line
from mkdocs_research.venues import Venue, load_venues
from mkdocs_research.yamlfile import load_yaml


def one(text: str):
    (publication,), problems = load_bibtex(text, "data/papers.bib")
    return publication, problems


def links(text: str) -> dict[str, str]:
    publication, _ = one(text)
    return {link.label: link.url for link in publication_links(publication, DEFAULT_ASSET_DIRS)}


# Files ----------------------------------------------------------------------------------------


def test_bare_file_names_resolve_in_alfolio_asset_folders_from_any_page(make_site):
    bib = """
        @article{a, title = {A}, year = 2020, pdf = {a.pdf}, supp = {a-supp.pdf},
          slides = {https://example.org/s.pdf}, html = {a.html}, preview = {a.png},
          poster = {posters/a.pdf}}
    """
    files = ["assets/pdf/a.pdf", "assets/pdf/a-supp.pdf", "assets/html/a.html"]
    files += ["assets/img/publication_preview/a.png", "posters/a.pdf"]
    site = make_site(
        {"research/deep/papers.md": "{{ publications() }}", **{f: "" for f in files}},
        {"papers.bib": bib},
    )
    assert site.warnings == []
    row = site.html("research/deep/papers/index.html").select_one("#pub-a")
    hrefs = {a.get_text(strip=True): a["href"] for a in row.select(".research-link")}
    assert hrefs == {
        "PDF": "../../../assets/pdf/a.pdf",
        "HTML": "../../../assets/html/a.html",
        "Supp": "../../../assets/pdf/a-supp.pdf",
        "Poster": "../../../posters/a.pdf",  # a path with a folder is relative to docs/
        "Slides": "https://example.org/s.pdf",  # a web address is used as it is
    }
    assert row.select_one("img")["src"] == "../../../assets/img/publication_preview/a.png"
    for name in files:
        assert (site.site_dir / name).is_file()


def test_asset_dirs_changes_the_folders_and_a_wrong_key_is_reported(make_site):
    bib = "@article{a, title = {A}, year = 2020, pdf = {a.pdf}, preview = {a.png}}"
    site = make_site(
        {"index.md": "{{ publications() }}", "papers/a.pdf": "", "a.png": ""},
        {"papers.bib": bib},
        plugin={"asset_dirs": {"pdf": "papers", "preview": "", "pfd": "x"}},
    )
    row = site.html().select_one("#pub-a")
    assert row.select_one(".research-link--pdf")["href"] == "papers/a.pdf"
    assert row.select_one("img")["src"] == "a.png"
    assert site.warnings == [
        "research: mkdocs.yml: option 'asset_dirs': 'pfd' is not a field that links to a file;"
        " did you mean 'pdf'?"
    ]


def test_a_link_goes_where_its_file_is_and_a_missing_file_is_a_warning(make_site):
    bib = """
        @article{a,
          title = {A},
          year = 2020,
          pdf = {a.pdf},
          html = {10.1000/xyz},
          preview = {../shots/a.png},
        }
    """
    site = make_site(
        {"index.md": "{{ publications() }}", "a.pdf": "", "assets/img/shots/a.png": ""},
        {"papers.bib": bib, "publications.yml": "a:\n  poster: nowhere.pdf\n"},
    )
    row = site.html().select_one("#pub-a")
    # Not in assets/pdf/ but in docs/; a path not in docs/ but beside al-folio's folder.
    assert row.select_one(".research-link--pdf")["href"] == "a.pdf"
    assert row.select_one("img")["src"] == "assets/img/shots/a.png"
    assert site.warnings == [
        "research: data/papers.bib:6: 'html' of entry 'a' links to docs/10.1000/xyz, which does"
        " not exist (nor docs/assets/html/10.1000/xyz); add the file or correct the name (it"
        " looks like a DOI: write it in 'doi')",
        "research: data/publications.yml:2: 'poster' of entry 'a' links to"
        " docs/assets/pdf/nowhere.pdf, which does not exist (nor docs/nowhere.pdf); add the"
        " file or correct the name",
    ]


def test_links_follow_their_files_from_build_to_build(tmp_path):
    from conftest import _build, write_site

    bib = "@article{a, title = {A}, year = 2020, pdf = {a.pdf}}"
    root = write_site(
        tmp_path / "s", {"index.md": "{{ publications() }}", "a.pdf": ""}, {"p.bib": bib}
    )
    assert _build(root).html().select_one(".research-link--pdf")["href"] == "a.pdf"
    (root / "docs" / "assets" / "pdf").mkdir(parents=True)
    (root / "docs" / "a.pdf").rename(root / "docs" / "assets" / "pdf" / "a.pdf")
    site = _build(root)  # the cached rows and macro output must not keep the old link
    assert site.html().select_one(".research-link--pdf")["href"] == "assets/pdf/a.pdf"
    assert site.warnings == []


def test_dot_slash_names_a_file_in_docs_and_pages_count_as_files(make_site):
    bib = "@article{a, title = {A}, year = 2020, pdf = {./a.pdf}, project = {projects/a/}}"
    site = make_site(
        {"index.md": "{{ publications() }}", "a.pdf": "", "projects/a.md": "# A"},
        {"papers.bib": bib},
    )
    assert site.warnings == []
    assert site.html().select_one(".research-link--pdf")["href"] == "./a.pdf"


# Link fields of real exports ------------------------------------------------------------------


def test_doi_may_hold_a_handle_or_a_web_address_without_a_warning():
    assert links("@misc{a, title={A}, doi = {hdl:1721.1/12345}}") == {
        "Handle": "https://hdl.handle.net/1721.1/12345"
    }
    assert links("@misc{a, title={A}, doi = {https://doi.org/10.1038/s41550}}") == {
        "DOI": "https://doi.org/10.1038/s41550"
    }
    assert links("@misc{a, title={A}, doi = {https://repository.tudelft.nl/record/x}}") == {
        "URL": "https://repository.tudelft.nl/record/x"
    }
    for value in ("hdl:1721.1/12345", "https://repository.tudelft.nl/record/x"):
        assert one(f"@misc{{a, title={{A}}, doi = {{{value}}}}}")[1] == []
    _, problems = one("@misc{a, title={A}, doi = {not a doi}}")
    assert [p.line for p in problems] == [1]  # a real problem still is one


def test_biblatex_and_zotero_fields():
    publication, problems = one(
        "@article{a, title = {A}, date = {2021-05-03}, journaltitle = {J. Things},"
        " eprint = {2101.00001}, eprinttype = {arXiv}, urldate = {2024-01-01},"
        " url = {https://example.org/a}}"
    )
    assert problems == []
    assert (publication.year, publication.month, publication.get("journal")) == (
        2021,
        5,
        "J. Things",
    )
    shown = {link.label: link.url for link in publication_links(publication)}
    assert shown == {"arXiv": "https://arxiv.org/abs/2101.00001", "URL": "https://example.org/a"}
    assert "journaltitle" in publication.bibtex and "  journal " not in publication.bibtex


def test_a_zotero_file_path_is_never_published():
    publication, _ = one(
        "@article{a, title = {A}, year = 2020, file = {C:\\Users\\ada\\Zotero\\a.pdf}}"
    )
    assert "file" not in publication.bibtex and "Zotero" not in publication.bibtex


def test_url_is_a_button_only_where_it_adds_one():
    # The DOI again, in another spelling: one button.
    assert links("@misc{a, title={A}, doi={10.1000/X}, url={http://dx.doi.org/10.1000/x}}") == {
        "DOI": "https://doi.org/10.1000/X"
    }
    # al-folio's `html` is the same page: no second button.
    assert list(links("@misc{a, title={A}, html={https://a.org}, url={https://b.org}}")) == ["HTML"]
    # Not a web address: no button and no message (BibTeX's `url` is no al-folio field).
    publication, problems = one("@misc{a, title={A}, url={see the paper}}")
    assert (publication_links(publication), problems) == ([], [])


def test_pubmed_identifiers_are_links_and_an_old_pmc_address_is_not_shown_twice():
    # Zotero's names, with `url` at NCBI's older address of the same PMC page.
    assert links(
        "@article{a, title={A}, pmid={22955616}, pmcid={PMC3439153},"
        " url={https://www.ncbi.nlm.nih.gov/pmc/articles/PMC3439153/}}"
    ) == {
        "PubMed": "https://pubmed.ncbi.nlm.nih.gov/22955616/",
        "PMC": "https://pmc.ncbi.nlm.nih.gov/articles/PMC3439153/",
    }
    assert links(
        "@article{a, title={A}, pmid={17284678}, url={http://www.ncbi.nlm.nih.gov/pubmed/17284678}}"
    ) == {"PubMed": "https://pubmed.ncbi.nlm.nih.gov/17284678/"}
    # PubMed's and BibDesk's name, `Pmc`.
    assert links("@article{a, title={A}, Pmc={PMC4668558}}") == {
        "PMC": "https://pmc.ncbi.nlm.nih.gov/articles/PMC4668558/"
    }
    publication, problems = one("@article{a, title={A}, pmid={n/a}}")
    assert publication_links(publication) == []
    assert [p.message for p in problems] == [
        "'pmid' of entry 'a' is not a link this site can show (\"n/a\"); use a PubMed id such"
        " as 26631642. The entry is shown without it"
    ]


def test_print_and_electronic_isbn_are_kept_quietly_other_repeats_are_reported():
    publication, problems = one(
        "@book{a, title={A}, ISBN={978-91-7914-031-1}, ISBN={978-91-7914-032-8},"
        " langid={english}, langid={english}, year={2020}, year={2021}}"
    )
    assert publication.fields["isbn"] == "978-91-7914-031-1, 978-91-7914-032-8"
    assert publication.fields["year"] == "2020"
    assert [p.message.split(";")[0] for p in problems] == [
        "field 'year' is given twice in entry 'a' (first at line 1)"
    ]


# Authors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("author", "last", "markers"),
    [
        ("*Pang, Yuan", "Pang", ("*",)),
        ("Yuan *Pang", "Pang", ("*",)),
        ("∗Yadav, Ankit", "Yadav", ("*",)),  # U+2217 is the equal-contribution star
        ("Yadav∗, Ankit", "Yadav", ("*",)),
        ("†Doe, Jane*", "Doe", ("†", "*")),
        ("Sch\\*aefer, A.", "Sch\\*aefer", ()),
    ],
)
def test_author_markers_before_a_name_and_as_u2217(author, last, markers):
    (person,) = parse_people(author)
    assert (person.last, person.markers) == (last, markers)


def test_coauthors_link_names_as_alfolio_does(make_site):
    coauthors = """
        "schrodinger":
          - firstname: ["Erwin", "E."]
            url: https://en.wikipedia.org/wiki/Erwin_Schr%C3%B6dinger
        "Planck":
          - firstname: ["Max"]
            url: https://en.wikipedia.org/wiki/Max_Planck
        "bohr":
          - url: https://en.wikipedia.org/wiki/Niels_Bohr
    """
    bib = """
        @book{a, title = {A}, year = 1967,
          author = {Schr{\\"o}dinger, E. and Planck, Maxwell and Bohr, Niels and Quill, Ada}}
    """
    soup = make_site(
        {"index.md": "{{ publications() }}"},
        {"papers.bib": bib, "coauthors.yml": coauthors},
        plugin={"highlight_names": ["Ada Quill"]},
    ).html()
    linked = {a.get_text(): a["href"] for a in soup.select(".research-author a")}
    assert linked == {
        "E. Schrödinger": "https://en.wikipedia.org/wiki/Erwin_Schr%C3%B6dinger",
        "Niels Bohr": "https://en.wikipedia.org/wiki/Niels_Bohr",  # no firstname: everyone
    }  # "Maxwell" is not one of Planck's first names; the owner is never linked


def test_coauthors_and_venues_are_type_checked_with_lines():
    value, _ = load_yaml(
        '"doe":\n  - firstname: Jane\n    url: javascript:alert(1)\n  - fristname: [J.]\n'
        '"roe": just a url\n',
        "data/coauthors.yml",
    )
    _, problems = load_coauthors(value, "data/coauthors.yml")
    assert [str(p) for p in problems] == [
        "data/coauthors.yml:3: 'url' of co-author 'doe' must be an https:// address; got"
        ' "javascript:alert(1)"',
        "data/coauthors.yml:4: unknown field 'fristname' in co-author; did you mean 'firstname'?",
        "data/coauthors.yml:5: 'roe' must list people, each starting with '- ' (- firstname: ...)",
    ]
    value, _ = load_yaml('AJP:\n  color: blue\n  link: https://a.org\n"X": 3\n', "v.yml")
    venues, problems = load_venues(value, "v.yml")
    assert venues == {"AJP": Venue()}  # the bad colour is left out, the badge kept
    assert [str(p) for p in problems] == [
        "v.yml:3: unknown field 'link' in venue 'AJP'; expected one of: color, url",
        "v.yml:2: 'color' of venue 'AJP' must be a colour such as \"#00369f\"; got \"blue\"",
        "v.yml:4: venue 'X' must be a mapping with 'url' and 'color'",
    ]
    value, _ = load_yaml('"Pale":\n  color: "#fafafa"\n', "v.yml")
    assert load_venues(value, "v.yml")[0]["Pale"].foreground == "#000"  # readable on light


# The venue line and notes ---------------------------------------------------------------------


def test_the_venue_line_and_notes_as_alfolio_shows_them(make_site):
    bib = """
        @string{aps = {American Physical Society,}}
        @inproceedings{a, title = {A}, booktitle = {Proc. Things}, location = {Lyon, France},
          year = 2021, month = may, note = {Extended version},
          additional_info = {, with a *demo*}, annotation = {* equal contribution<br>† lead},
          award = {**Best Paper** at Things}, abbr = {ICML<br>Workshop}}
        @book{b, title = {B}, publisher = aps, year = 1935, month = {Spring}}
    """
    soup = make_site({"index.md": "{{ publications() }}"}, {"papers.bib": bib}).html()
    a = soup.select_one("#pub-a")
    assert (
        a.select_one(".research-pub__venue").get_text() == "In Proc. Things, Lyon, France, May 2021"
    )
    notes = [n.get_text(" ", strip=True) for n in a.select(".research-pub__note")]
    assert notes == ["Extended version", "with a demo", "* equal contribution † lead"]
    assert not a.select(".research-pub__note ul, .research-pub__note li")
    assert a.select_one(".research-badge strong").get_text() == "Best Paper"
    assert a.select_one(".research-abbr br") is not None
    assert a.select_one(".research-abbr").get_text(" ") == "ICML Workshop"
    b = soup.select_one("#pub-b .research-pub__venue").get_text()
    assert b == "American Physical Society, Spring 1935"  # no "Society,, 1935"


def test_markdown_in_a_line_never_becomes_blocks():
    assert markdown_line("* starred") == "* starred"
    assert markdown_line("1. first") == "1. first"
    assert markdown_line("# not a heading") == "# not a heading"
    assert markdown_line("a<br/>b") == "a<br>b"
    assert markdown_line("[x](https://a.org/~b--c)") == '<a href="https://a.org/~b--c">x</a>'
    assert markdown_line("[x](javascript:alert(1))") == "<a>x</a>"
    assert markdown_line("<script>") == "&lt;script&gt;"
    line = markdown_line(r"M{\"u}ller's $x_1*y$, *not* emphasis in math")
    assert line.startswith("Müller&#x27;s <math")  # math is MathML; its * is not Markdown
    assert "<mo>*</mo>" in line and line.endswith(", <em>not</em> emphasis in math")


# Publishers' markup -----------------------------------------------------------------------------


def test_mathml_is_sanitised_mathml_in_pages_and_text_elsewhere():
    title = (
        'On <mml:math xmlns:mml="http://www.w3.org/1998/Math/MathML" onload="alert(1)">'
        '<mml:msub><mml:mi mathvariant="bold" href="javascript:x">L</mml:mi><mml:mn>2</mml:mn>'
        "</mml:msub><mml:annotation>L_2</mml:annotation><script>x</script></mml:math> bounds"
    )
    assert latex_to_html(title) == (
        'On <math class="research-math"><msub><mi mathvariant="bold">L</mi><mn>2</mn></msub>x</math>'
        " bounds"
    )
    assert latex_to_text(title) == "On L2x bounds"


def test_formulas_tags_and_entities_of_exports():
    ieee = 'a (<inline-formula> <tex-math notation="LaTeX">$\\Delta $ </tex-math></inline-formula>)'
    assert latex_to_html(ieee).startswith('a (<math class="research-math"><semantics><mrow><mi>Δ')
    assert latex_to_text("Science &amp; Technology &#215; 2") == "Science & Technology × 2"
    assert latex_to_html("&lt;i&gt;Escaped&lt;/i&gt; twice") == "<em>Escaped</em> twice"
    assert latex_to_html("&lt;script&gt;") == "&lt;script&gt;"  # text, never a tag
    assert latex_to_text("a < b and <SEG> tokens") == "a < b and <SEG> tokens"
    assert latex_to_html("costs \\$5 and \\$10") == "costs $5 and $10"


# Citekeys in two files ------------------------------------------------------------------------


def test_a_citekey_in_two_files_keeps_both_entries_apart(make_site):
    site = make_site(
        {
            "index.md": '{{ publication("x") }}\n\n{{ publication("x-theses") }}\n\n'
            "{{ publications(keys=['x-theses']) }}",
        },
        {
            "papers.bib": "@article{x, title = {The Paper}, year = 2020}",
            "theses.bib": "@phdthesis{x, title = {The Thesis}, school = {U}, year = 2021}",
            "publications.yml": "x:\n  abbr: J\nx-theses:\n  abbr: PhD\n",
        },
        plugin={"publication_pages": True},
    )
    soup = site.html()
    rows = soup.select("li.research-pub")
    shown = [(r["id"], r.select_one(".research-pub__title").get_text()) for r in rows]
    assert shown == [
        ("pub-x", "The Paper"),
        ("pub-x-theses", "The Thesis"),
        ("pub-x-theses", "The Thesis"),
    ]
    assert [r.select_one(".research-abbr").get_text() for r in rows] == ["J", "PhD", "PhD"]
    assert rows[1].select_one(".research-pub__title a")["href"] == "publications/x-theses/"
    assert site.html("publications/x/index.html").select_one("h1").get_text() == "The Paper"
    assert site.html("publications/x-theses/index.html").select_one("h1").get_text() == (
        "The Thesis"
    )
    assert site.warnings == [
        "research: data/theses.bib:1: citekey 'x' is also used at data/papers.bib:1; both"
        " entries are shown, this one as 'x-theses' (its anchor and page), while"
        ' publication("x") and publications.yml mean the entry in data/papers.bib. Give one'
        " of them another key"
    ]
    library = bibtexparser.parse_string((site.site_dir / "publications.bib").read_text())
    assert sorted(e.key for e in library.entries) == ["x", "x-theses"]
