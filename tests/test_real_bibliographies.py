"""Real bibliographies from public sites build as they are: every entry shows, nothing of
their LaTeX, Markdown, markup or markers is left in what visitors read, and a site whose
only oddities are harmless builds without a warning (so ``mkdocs build --strict`` passes).

The excerpts and where they come from: ``fixtures/real/SOURCE.md``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import bibtexparser
import pytest
from conftest import strict_build, write_site
from leftovers import leftovers

REAL = Path(__file__).parent / "fixtures" / "real"
PAGE = "# Publications\n\n{{ publications(group_by='year') }}\n"
#: Files the sites' repositories have where al-folio looks for them (empty stand-ins here).
STAND_INS = {
    "alfolio-3diglab": [
        "assets/html/relativity.html",
        "assets/pdf/example_pdf.pdf",
        "assets/img/publication_preview/brownian-motion.gif",
        "assets/img/publication_preview/wave-mechanics.gif",
    ],
    "alfolio-594zyc": [
        "assets/pdf/aaai20_damd.pdf",
        "assets/pdf/emnlp23_illusion.pdf",
        "assets/pdf/cvpr24_groundhog.pdf",
        "assets/img/publication_preview/aaai20_fig.png",
        "assets/img/publication_preview/emnlp23_illusion.png",
        "assets/img/publication_preview/cvpr24_groundhog.png",
    ],
    "alfolio-ab-ares": ["assets/img/publication_preview/NatAstro.png"],
}


def build_real(tmp_path: Path, folder: str, page: str = PAGE, **plugin):
    """A site whose data folder holds one real excerpt, built as a visitor would get it."""
    from conftest import _build

    pages = {"index.md": page, **{name: "" for name in STAND_INS.get(folder, [])}}
    root = write_site(tmp_path / folder, pages, plugin={"publication_pages": True, **plugin})
    shutil.copytree(REAL / folder, root / "data")
    return _build(root)


def entries(folder: str) -> int:
    return sum(len(re.findall(r"^\s*@(?!string|comment|preamble)\w+\s*\{", f.read_text(), re.M | re.I))
               for f in (REAL / folder).glob("*.bib"))  # fmt: skip


CLEAN = [
    "alfolio-3diglab",
    "alfolio-594zyc",
    "alfolio-ab-ares",
    "ngram-lab",
    "calibrated-explanations",
    "ieee-tvcg",
    "crossref-titles",
    "ads-exports",
    "bibdesk-pubmed",
    "acm-ieee-exports",
    "reference-managers",
    "inspire-hep",
    "pubmed-ids",
    "jekyll-scholar-kwiat",
    "springer-acl-itacotron",
]


@pytest.mark.parametrize("folder", CLEAN)
def test_every_entry_shows_with_nothing_left_over_and_no_warning(tmp_path, folder):
    site = build_real(tmp_path, folder)
    soup = site.html()
    assert len(soup.select("li.research-pub")) == entries(folder)
    assert leftovers(soup) == []
    for page in sorted((site.site_dir / "publications").glob("*/index.html")):
        publication = site.html(str(page.relative_to(site.site_dir)))
        assert leftovers(publication) == [], page
        assert not re.search(r"[<>{}\\]|&\w+;", publication.title.get_text()), page
    assert site.warnings == []


def test_an_alfolio_site_passes_strict_as_it_is(tmp_path):
    site = build_real(tmp_path, "alfolio-3diglab")
    result = strict_build(site.root)
    assert result.returncode == 0, result.stderr


def test_alfolio_meanings_on_its_own_sample(tmp_path):
    soup = build_real(tmp_path, "alfolio-3diglab").html()
    epr = soup.select_one("#pub-PhysRev-47-777")
    links = {a.get_text(strip=True): a["href"] for a in epr.select(".research-link")}
    assert links["PDF"] == "assets/pdf/example_pdf.pdf"
    assert "URL" not in links  # `url` repeats what `html` links to, as al-folio shows it
    venue = epr.select_one(".research-pub__venue").get_text()
    assert venue == "Phys. Rev., New Jersey, May 1935"
    notes = [n.get_text(" ", strip=True) for n in epr.select(".research-pub__note")]
    assert notes == [
        "More Information can be found here",  # no orphan ". " before it
        "* Example use of superscripts † Albert Einstein",  # the star is not a list
    ]
    assert epr.select_one(".research-pub__note em").get_text() == "More Information"
    assert epr.select(".research-pub__note br")  # <br> is a line break
    coauthors = {a.get_text(): a["href"] for a in epr.select(".research-author a")}
    assert coauthors == {
        "B. Podolsky": "https://en.wikipedia.org/wiki/Boris_Podolsky",
        "N. Rosen": "https://en.wikipedia.org/wiki/Nathan_Rosen",
    }
    badge = epr.select_one(".research-abbr a")
    assert (badge.get_text(), badge["href"]) == ("PhysRev", "https://journals.aps.org/")
    ajp = soup.select_one("#pub-einstein1950meaning .research-abbr")
    assert ajp["style"] == "--research-abbr-bg: #00369f; --research-abbr-fg: #fff"
    nobel = soup.select_one("#pub-einstein1905photoelectriceffect .research-pub__award")
    assert nobel.select_one("strong").get_text() == "Nobel Prize in Physics"
    letters = soup.select_one("#pub-przibram1967letters")
    assert letters.select_one("img")["src"] == "assets/img/publication_preview/wave-mechanics.gif"
    linked = [a.get_text() for a in letters.select(".research-author a")]
    assert linked == ["Erwin Schrödinger", "Max Planck", "Hendrik Antoon Lorentz", "Karl Przibram"]
    relativity = soup.select_one("#pub-einstein1920relativity .research-link--html")
    assert relativity["href"] == "assets/html/relativity.html"


def test_a_lab_with_two_bibliographies_sharing_citekeys(tmp_path):
    site = build_real(tmp_path, "4c-multiphysics")
    soup = site.html()
    assert len(soup.select("li.research-pub")) == 6  # nothing merged, nothing lost
    assert site.warnings == [
        "research: data/phdtheses.bib:16: citekey 'Wirthl2024' is also used at"
        " data/papers.bib:11; both entries are shown, this one as 'Wirthl2024-phdtheses' (its"
        ' anchor and page), while publication("Wirthl2024") and publications.yml mean the'
        " entry in data/papers.bib. Give one of them another key",
        "research: data/phdtheses.bib:27: citekey 'Steinbrecher2022' is also used at"
        " data/papers.bib:21; both entries are shown, this one as 'Steinbrecher2022-phdtheses'"
        ' (its anchor and page), while publication("Steinbrecher2022") and publications.yml'
        " mean the entry in data/papers.bib. Give one of them another key",
    ]
    paper = soup.select_one("#pub-Wirthl2024")
    thesis = soup.select_one("#pub-Wirthl2024-phdtheses")
    assert paper.select_one(".research-pub__title a")["href"] == "publications/Wirthl2024/"
    assert thesis.select_one(".research-pub__title a")["href"] == (
        "publications/Wirthl2024-phdtheses/"
    )
    page = site.html("publications/Wirthl2024-phdtheses/index.html")
    assert page.select_one("h1").get_text().startswith("Physics-based and probabilistic")
    # `url = {doi:<a href="https://doi.org/...">...</a>}` is the DOI it links to.
    doi = paper.select_one(".research-link--url")
    assert (doi.get_text(strip=True), doi["href"]) == (
        "DOI",
        "https://doi.org/10.1007/s10544-023-00685-9",
    )
    library = bibtexparser.parse_string((site.site_dir / "publications.bib").read_text())
    keys = {entry.key for entry in library.entries}
    assert {"Wirthl2024", "Wirthl2024-phdtheses", "Steinbrecher2022-phdtheses"} <= keys
    assert library.failed_blocks == []


def test_zotero_and_institutional_exports(tmp_path):
    soup = build_real(tmp_path, "alfolio-ab-ares").html()
    # Zotero writes the $ of math in a plain-text abstract as \$: it is math again.
    abstract = soup.select_one("#pub-Santangelo2025 .research-abstract__text")
    assert abstract.select("math msup")
    doi = soup.select_one("#pub-BroquetHanna2023a .research-link--doi")
    assert doi["href"] == "https://doi.org/10.1038/s41550-022-01836-3"
    thesis = build_real(tmp_path, "calibrated-explanations")
    bib = (thesis.site_dir / "publications.bib").read_text()
    assert "978-91-7914-031-1, 978-91-7914-032-8" in bib  # print and electronic, both kept
    soup = thesis.html()
    venue = soup.select_one("#pub-lofstrom2024ce_multiclass .research-pub__venue").get_text()
    assert venue.endswith(", 09–11 Sep 2024")
    arxiv = soup.select_one("#pub-lofstrom2024ce_ensured .research-link--arxiv")
    assert arxiv["href"] == "https://arxiv.org/abs/2410.05479"


def test_acl_anthology_abstracts_and_coauthors(tmp_path):
    soup = build_real(tmp_path, "alfolio-594zyc").html()
    abstract = soup.select_one("#pub-zhang-etal-2023-grounding .research-abstract__text")
    link = abstract.select_one("a")
    assert (link.get_text(), link["href"]) == (
        "github.com/vl-illusion/dataset",
        "https://github.com/vl-illusion/dataset",
    )
    soup = build_real(tmp_path, "ngram-lab").html()
    linked = {a.get_text() for a in soup.select("#pub-keith2024effects .research-author a")}
    assert linked == {"Erica Cai", "Ankita Gupta", "Katherine Keith", "Brendan O'Connor"}


def test_publisher_markup_in_titles_and_abstracts(tmp_path):
    site = build_real(tmp_path, "crossref-titles")
    soup = site.html()
    title = soup.select_one("#pub-PhysRevLett-59-2987 .research-pub__title")
    assert title.get_text(" ", strip=True).startswith("Solid-State Amorphization of Zr 3 Al:")
    assert [t.name for t in title.select("math *")] == ["mrow", "msub", "mrow", "mi", "mrow", "mn"]
    kresse = soup.select_one("#pub-PhysRevB-47-558 .research-pub__title")
    assert kresse.get_text() == "Ab initio molecular dynamics for liquid metals"
    page = site.html("publications/PhysRevLett.59.2987/index.html")
    expected = (
        "Solid-State Amorphization of Zr3Al: Evidence of an Elastic Instability and"
        " First-Order Phase Transformation"
    )
    assert page.select_one('meta[name="citation_title"]')["content"] == expected
    assert page.title.get_text().startswith(expected)
    feed = (site.site_dir / "feed.xml").read_text()
    assert "mml:" not in feed and "&lt;mml" not in feed
    soup = build_real(tmp_path, "ieee-tvcg").html()
    abstract = soup.select_one("#pub-braun2023reclaiming .research-abstract__text")
    assert [e.get_text() for e in abstract.select("em")][:1] == ["order of magnitude horizon"]
    assert len(abstract.select("math")) == 3


def test_the_official_json_resume_sample_builds_strict(tmp_path):
    site = build_real(tmp_path, "jsonresume-sample", page="{{ profile() }}\n")
    links = {a.get_text(strip=True): a["href"] for a in site.html().select(".research-link")}
    assert links["SoundCloud"] == "https://soundcloud.example.com/dandymusicnl"
    assert site.warnings == []


def test_nasa_ads_exports(tmp_path):
    site = build_real(tmp_path, "ads-exports")
    soup = site.html()
    venues = [v.get_text() for v in soup.select(".research-pub__venue")]
    # ADS writes the AAS journal macros: \apjl, \aap, \mnras print their abbreviations.
    assert venues == ["A&A, Jun 2026", "ApJL, Dec 2025", "The Open Journal of Astrophysics, Dec 2024",
                      "A&A, Dec 2021", "MNRAS, Mar 2018"]  # fmt: skip
    # {\ensuremath{\beta}} is math, not a command to drop with its letter.
    exomoon = soup.select_one("#pub-2024OJAp-7E-109P .research-pub__title")
    assert [mi.get_text() for mi in exomoon.select("math mi")] == ["β"]
    # {\ensuremath{\sim}} is the operator ∼, not the identifier ~ the converter would make.
    cgm = soup.select_one("#pub-2026A-A-710L-32M .research-pub__title math")
    assert [(m.name, m.get_text()) for m in cgm.select("mi, mo")] == [("mo", "∼")]
    page = site.html("publications/2024OJAp....7E.109P/index.html")
    expected = "A potential exomoon from the predicted planet obliquity of β Pictoris b"
    assert page.select_one('meta[name="citation_title"]')["content"] == expected
    authors = [a.get_text() for a in soup.select("#pub-2018MNRAS-475-79H .research-author")]
    assert authors[:3] == ["Alexander J. Harding", "R. Di Stefano", "S. Lépine"]


def test_bibdesk_and_pubmed_fields_and_a_commented_out_entry(tmp_path):
    site = build_real(tmp_path, "bibdesk-pubmed")
    soup = site.html()
    # `%@article{...` commented out line by line is a comment, as biber and JabRef read it.
    assert soup.select_one("#pub-Avino-2017b") is None
    assert site.warnings == []
    # `Mu\~noz` in a name: the tilde is an accent, not a tie between two words.
    authors = [a.get_text() for a in soup.select("#pub-munoz2021clustering .research-author")]
    assert authors == ["Laura Muñoz-Baena", "Art Poon"]
    page = site.html("publications/Le-2015/index.html")
    title = page.select_one('meta[name="citation_title"]')["content"]
    assert "CCR5δ32/δ32 hosts" in title


def test_acm_and_ris_exports_link_their_doi_once(tmp_path):
    soup = build_real(tmp_path, "acm-ieee-exports").html()

    def links(key: str) -> list[tuple[str, str, list[str]]]:
        return [
            (a.get_text(strip=True), a["href"], a.select_one(".research-icon")["class"])
            for a in soup.select(f"#pub-{key} .research-link")
        ]

    # ACM's `url = {http://doi.acm.org/10.1145/...}` is the DOI again: one button.
    assert links("khassanov2014inertial") == [
        ("DOI", "https://doi.org/10.1145/2559636.2559812", ["research-icon", "research-icon--doi"])
    ]
    # A `url` that is a DOI resolver's address is labelled and drawn as a DOI.
    assert links("saudabayev2018human") == [
        ("DOI", "http://dx.doi.org/10.1038/sdata.2018.101", ["research-icon", "research-icon--doi"])
    ]


def test_reference_manager_exports_keep_local_files_private(tmp_path):
    """Zotero (Better BibLaTeX), Mendeley and JabRef: a ``file`` field naming the owner's
    computer is never a link nor copied; biblatex's ``date``, ``journaltitle`` and
    ``eprinttype = {arxiv}`` give the year, the venue and the arXiv link."""
    site = build_real(tmp_path, "reference-managers")
    soup = site.html()
    rows = {row["id"]: row for row in soup.select("li.research-pub")}
    bachmann = rows["pub-BachmannDybalskiNaaijkens14"]
    assert bachmann["data-year"] == "2014"
    assert [a["href"] for a in bachmann.select(".research-pub__actions a")] == [
        "https://arxiv.org/abs/1412.2970"
    ]
    venue = rows["pub-Frit2"].select_one(".research-pub__venue").get_text()
    assert venue.startswith("Actes du 4ème Congrès Français d'Acoustique")
    assert "imbalance datasets" in rows["pub-Elyan2020"]["data-tags"].split("|")
    written = [
        *(a["href"] for a in soup.select("a[href]")),
        soup.get_text(),
        (site.site_dir / "publications.bib").read_text(),
    ]
    for private in ("Users/carlos", "Volumes/iDisk", "backslash"):
        assert not any(private in text for text in written), private


def test_inspire_exports_link_an_article_and_its_erratum(tmp_path):
    """INSPIRE-HEP writes the DOI of an erratum after the article's, in one ``doi`` field
    (also across a line break): both are links, with no warning; ``eprint`` with
    ``archivePrefix = "arXiv"`` (old and new identifiers) is the arXiv link."""
    site = build_real(tmp_path, "inspire-hep")
    soup = site.html()

    def links(key: str) -> list[tuple[str, str]]:
        return [
            (a.get_text(strip=True), a["href"]) for a in soup.select(f"#pub-{key} .research-link")
        ]

    assert links("Denicol-2012cn") == [
        ("arXiv", "https://arxiv.org/abs/1202.4551"),
        ("DOI 1", "https://doi.org/10.1103/PhysRevD.85.114047"),
        ("DOI 2", "https://doi.org/10.1103/PhysRevD.91.039902"),
    ]
    assert links("Andronic-2008gu")[1:] == [
        ("DOI 1", "https://doi.org/10.1016/j.physletb.2009.02.014"),
        ("DOI 2", "https://doi.org/10.1016/j.physletb.2009.06.021"),
    ]
    assert links("Andrade-2005tx")[0] == ("arXiv", "https://arxiv.org/abs/nucl-th/0511021")
    page = site.html("publications/Denicol-2012cn/index.html")
    assert page.select_one('meta[name="citation_doi"]')["content"] == "10.1103/PhysRevD.85.114047"
    assert site.warnings == []


@pytest.mark.parametrize(
    ("folder", "key", "pmid", "pmcid"),
    [
        ("pubmed-ids", "Goebl2025", "40195318", "PMC11976987"),  # `pmid`, `pmcid`
        ("bibdesk-pubmed", "Le-2015", "26631642", "PMC4668558"),  # BibDesk's `Pmid`, `Pmc`
    ],
)
def test_pubmed_identifiers_are_links(tmp_path, folder, key, pmid, pmcid):
    soup = build_real(tmp_path, folder).html()
    links = {a.get_text(strip=True): a["href"] for a in soup.select(f"#pub-{key} .research-link")}
    assert links["PubMed"] == f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"
    assert links["PMC"] == f"https://pmc.ncbi.nlm.nih.gov/articles/{pmcid}/"
    assert "DOI" in links


def test_escaped_entities_and_math_in_abstracts(tmp_path):
    """Optica escapes the entities of its abstracts for LaTeX (``\\&\\#x223C;``), Mendeley
    ``&copy;`` as ``{\\&}copy;`` and ``$\\sigma$`` as ``{\\$}\\backslashsigma{\\$}``: each
    shows as the original site (and the publisher's page) showed it."""
    soup = build_real(tmp_path, "jekyll-scholar-kwiat").html()
    optica = soup.select_one("#pub-Kaneda-17 .research-abstract__text").get_text()
    assert "(∼30×)" in optica
    cakes = soup.select_one("#pub-Kwiat2000a .research-abstract__text").get_text()
    assert cakes.endswith("©2000 American Association of Physics Teachers.")
    sigma = soup.select_one("#pub-Kwiat1999 .research-abstract__text math")
    assert sigma.select_one("mi").get_text() == "σ"


def test_mendeley_addresses_and_old_arxiv_identifiers(tmp_path):
    """Mendeley escapes ``_`` and ``&`` in addresses (``{\\_}``, ``{\\&}``), and its
    ``eprint`` of an old arXiv paper lacks the archive that its ``arxivId`` has."""
    soup = build_real(tmp_path, "jekyll-scholar-kwiat").html()

    def links(key: str) -> dict[str, str]:
        return {
            a.get_text(strip=True): a["href"] for a in soup.select(f"#pub-{key} .research-link")
        }

    bright = links("Kwiat1999")
    assert bright["arXiv"] == "https://arxiv.org/abs/quant-ph/9810003"
    assert bright["URL 1"] == "http://pra.aps.org/abstract/PRA/v60/i2/pR773_1"
    assert "URL 3" not in bright  # the arXiv page again
    assert links("Kwiat2000a")["URL"] == "http://link.aip.org/link/AJPIAS/v68/i1/p33/s1&Agg=doi"


def test_scopus_and_web_of_science_exports(tmp_path):
    """Scopus writes the citations counted on the day of the export as the ``note`` (older
    ``cited By 0``, newer ``Cited by: 4; All Open Access, ...``): it is not shown, but kept in
    the BibTeX. Web of Science's capitalised fields, ``@article{ WOS:...`` with a space before
    the key and ``Month = {DEC 1}`` read as they mean; an entry right after a ``}`` shows."""
    site = build_real(tmp_path, "scopus-wos")
    soup = site.html()
    assert site.warnings == []
    assert len(soup.select("li.research-pub")) == 6
    assert leftovers(soup) == []
    assert soup.select(".research-pub__note") == []
    assert "Cited by: 4" in soup.select_one("#pub-Ferguson2022 .research-bibtex").get_text()
    venue = soup.select_one("#pub-WOS-000831139000005 .research-pub__venue").get_text()
    assert venue == "IEEE TRANSACTIONS ON PARALLEL AND DISTRIBUTED SYSTEMS, Dec 2022"
    assert soup.select_one("#pub-Holmes2018 .research-pub__title").get_text().startswith("CD36")


def test_a_rendercv_file_with_markdown_links_in_its_institutions(tmp_path):
    """RenderCV reads Markdown in every field: a section whose ``institution`` holds a link is
    shown as text entries with the link, never as raw Markdown; a plain education section
    keeps its kind."""
    site = build_real(tmp_path, "rendercv-denolle", page="{{ cv() }}\n")
    assert site.warnings == []
    soup = site.html()
    workshops = soup.select("#cv-training-workshops .research-cv__entry")
    assert len(workshops) == 3
    assert not any("](" in entry.get_text() for entry in workshops)
    link = workshops[0].select_one("a")
    assert (link.get_text(), link["href"]) == (
        "CRESCENT-SCOPED Workshop",
        "https://scoped-mlscience-book.readthedocs.io/",
    )
    assert workshops[1].select_one(".research-dated__date").get_text() == "2021 – present"
    assert soup.select_one("#cv-education.research-cv__section--education")


def test_a_month_macro_joined_to_days_reads_as_its_name(tmp_path):
    soup = build_real(tmp_path, "springer-acl-itacotron").html()
    venue = soup.select_one("#pub-favaro-etal-2021-itacotron .research-pub__venue").get_text()
    assert venue.endswith("(ICNLSP 2021), 12–13 November 2021")  # `{12--13 } # nov`
    springer = soup.select_one("#pub-favaro-etal-2022-itacotron")
    links = {a.get_text(strip=True): a["href"] for a in springer.select(".research-link")}
    assert links == {"DOI": "https://doi.org/10.1007/978-3-031-11035-1_1"}  # `\\_` dropped


def test_a_json_resume_list_right_under_a_line_of_text(tmp_path):
    """A summary whose bullet lines follow a line of text with no blank line between, as
    CommonMark (JSON Resume's themes) reads a list: a list, no ``-`` left in the text."""
    site = build_real(tmp_path, "jsonresume-elissaoui", page="{{ cv() }}\n")
    assert site.warnings == []
    figaro, wedia = site.html().select("#cv-experience .research-cv__entry")
    items = [li.get_text() for li in figaro.select("li")]
    assert len(items) == 13
    assert items[0].startswith("étude produits de sauvegardes (netvault,")
    assert not re.search(r"(^|\s)- ", figaro.get_text())
    assert "thin-provisionning)" in figaro.select_one("p").get_text()
    assert wedia.select("li") == []  # its lines start with a middle dot, which is no marker


def test_biblatex_as_its_own_examples_write_it(tmp_path):
    site = build_real(tmp_path, "biblatex-examples")
    assert site.warnings == []  # a @set has no title of its own, and needs none
    soup = site.html()
    rows = [row["id"] for row in soup.select("li.research-pub")]
    assert len(rows) == entries("biblatex-examples") - 1 and "pub-set" not in rows
    assert {"pub-aksin", "pub-herrmann", "pub-yoon"} <= set(rows)  # its members, each listed
    assert leftovers(soup) == []
    title = soup.select_one("#pub-spiegelberg .research-pub__title").get_text()
    assert title.startswith("“Intention” und “Intentionalität” in der Scholastik")  # \mkbibquote
    title = soup.select_one("#pub-kastenholz .research-pub__title").get_text()
    assert title.startswith("Computation of methodology-independent ionic")  # \hyphen
    note = soup.select_one("#pub-britannica .research-pub__note").get_text()
    assert "under ‘E’ rather than ‘T’" in note  # \enquote*{E}: inner quotes
    venues = [soup.select_one(f"#pub-{key} .research-pub__venue em").get_text() for key in ("loh", "geer")]  # fmt: skip
    assert venues == [
        "Master's thesis, Massachusetts Institute of Technology, Cambridge, Mass.",  # mathesis
        "PhD thesis, Uppsala Universitet, Uppsala",  # phdthesis
    ]
    arxiv = soup.select_one("#pub-baez-online .research-link--arxiv")
    assert arxiv["href"] == "https://arxiv.org/abs/math/0307200v3"


def test_spacing_commands_and_character_codes_print_as_tex_prints_them(tmp_path):
    """TUGboat's bibliography kerns logos (``Meta\\kern-.1em Type1``), raises boxes and names
    commands by their character codes (``{\\tt\\char`\\\\let}``)."""
    site = build_real(tmp_path, "tugboat")
    soup = site.html()
    assert len(soup.select("li.research-pub")) == entries("tugboat")
    titles = {row["id"][4:]: row.select_one(".research-pub__title") for row in soup.select("li.research-pub")}  # fmt: skip
    assert {key: title.get_text() for key, title in titles.items() if key != "Beeton-TB2-3-35"} == {
        "Trevorrow-TB7-1-25": "DVItoVDU: A TeX page previewer",
        "Schmidt-TB23-3-301": "Euler-VM: Generic math fonts for use with LaTeX",
        "Jackowski-TB24-3-575": "Programming Type 1 fonts using MetaType1: Auditing, enhancing, creating",
        "Dagnat-TB24-3-472": "BibTeXc++: Toward higher-order BibTeXing",
        "Laguna-TB26-2-125": "Hóng-Z`ı: A Chinese",  # \MF is the journal's own macro
    }
    beeton = titles["Beeton-TB2-3-35"]
    assert [code.get_text() for code in beeton.select("code")] == ["\\let", "\\raise", "\\lower"]
    assert beeton.get_text() == "Don't just \\let TeX hang, \\raise or \\lower it"
    for code in soup.select(".research-pub__title code"):
        code.decompose()  # a backslash in code is the command the title is about
    # ``{\`{}\i}`` is a grave accent on nothing, which prints ` (then a dotless i)
    assert [found for found in leftovers(soup) if not found.startswith("pub-Laguna")] == []
