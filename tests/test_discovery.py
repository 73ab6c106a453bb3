"""Being found: publication pages with Google Scholar tags, JSON-LD and OpenGraph, the
site-wide ``publications.bib`` and the Atom feed."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import bibtexparser
import pytest

HOSTILE = '</script><script>alert(1)</script> "quoted" & <b>bold</b>'
#: What a reader sees of it: the tags are text, except <b>, which exports use for bold.
HOSTILE_READ = '</script><script>alert(1)</script> "quoted" & bold'

BIB = r"""
@article{journal2021,
  title = {A Journal Article on M{\"o}bius Things},
  author = {Quill, Ada and M{\"u}ller, Karl and others},
  journal = {Journal of Examples},
  volume = {12}, number = {3}, pages = {101--115},
  year = {2021}, month = may,
  doi = {10.1234/jex.2021.5},
  pdf = {papers/journal2021.pdf},
  abstract = {We study things.},
  keywords = {topology, examples},
  preview = {images/j.png},
}
@inproceedings{conf2022,
  title = {A Conference Paper},
  author = {Quill, Ada},
  booktitle = {Conference on Examples (CoE)},
  year = {2022},
  arxiv = {2201.01234},
  pdf = {https://example.org/conf.pdf},
}
@phdthesis{thesis2020,
  title = {A Thesis},
  author = {Quill, Ada},
  school = {Example University},
  year = {2020},
}
@techreport{report2019,
  title = {A Report},
  author = {Quill, Ada},
  institution = {Example Lab},
  year = {2019},
}
@software{soft2018,
  title = {A Tool},
  author = {Quill, Ada},
  year = {2018},
  code = {https://github.com/example/tool},
}
@misc{hostile,
  title = {__HOSTILE__},
  author = {Quill, Ada},
  year = {2017},
  abbr = {x},
  selected = {true},
}
""".replace("__HOSTILE__", HOSTILE.replace("&", r"\&"))

NEWS = """\
- date: 2023-02-01
  text: "Hostile news </title><script>alert(1)</script> & more"
- date: 2022-06
  text: A **plain** news item.
"""


#: The files the entries of BIB link to.
FILES = {"papers/journal2021.pdf": "%PDF-1.4", "images/j.png": "PNG"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from conftest import _build, write_site

    root = write_site(
        tmp_path_factory.mktemp("disc"),
        {
            "index.md": "# Home\n\n{{ publications(filter=true) }}\n",
            "papers/journal2021.pdf": "%PDF-1.4",
            "images/j.png": "PNG",
        },
        {"papers.bib": BIB, "news.yml": NEWS},
        extra={"plugins": ["search", {"research": {"publication_pages": True}}]},
    )
    return _build(root)


def meta(soup, name):
    return [m["content"] for m in soup.select(f'meta[name="{name}"]')]


def test_every_publication_has_its_page_and_rows_link_to_it(site):
    soup = site.html()
    for row in soup.select("li.research-pub"):
        link = row.select_one(".research-pub__title a")
        assert link["href"] == f"publications/{row['id'][4:]}/"
        assert (site.site_dir / link["href"] / "index.html").is_file()
    page = site.html("publications/journal2021/index.html")
    assert page.select_one("h1").get_text() == "A Journal Article on Möbius Things"
    assert page.select_one(".research-abstract__text").get_text() == "We study things."
    assert page.select_one(".research-bibtex code").get_text().startswith("@article{journal2021,")
    assert page.select_one("img.research-publication-page__preview")["src"] == "../../images/j.png"
    assert page.select_one(".research-link--pdf")["href"] == "../../papers/journal2021.pdf"
    assert page.title.get_text().startswith("A Journal Article on Möbius Things")
    assert site.warnings == []


def test_rows_link_to_publication_pages_without_directory_urls(make_site):
    site = make_site(
        {
            "index.md": "{{ publications() }}\n",
            "papers/list.md": "# All\n\n{{ publications() }}\n",
            **FILES,
        },
        {"papers.bib": BIB},
        extra={"use_directory_urls": False, "plugins": [{"research": {"publication_pages": True}}]},
    )
    for page, prefix in (("index.html", ""), ("papers/list.html", "../")):
        rows = site.html(page).select("li.research-pub")
        links = [row.select_one(".research-pub__title a")["href"] for row in rows]
        assert links == [f"{prefix}publications/{row['id'][4:]}.html" for row in rows]
        assert all((site.site_dir / Path(page).parent / link).is_file() for link in links)
    assert site.warnings == []


def test_rows_on_a_nested_page_link_to_the_folder_of_the_publication_page(make_site):
    site = make_site(
        {"index.md": "# Home\n", "papers/list.md": "# All\n\n{{ publications() }}\n", **FILES},
        {"papers.bib": BIB},
        extra={"plugins": [{"research": {"publication_pages": True}}]},
    )
    rows = site.html("papers/list/index.html").select("li.research-pub")
    assert rows and all(
        row.select_one(".research-pub__title a")["href"] == f"../../publications/{row['id'][4:]}/"
        for row in rows
    )


def test_highwire_tags_for_a_journal_article(site):
    soup = site.html("publications/journal2021/index.html")
    assert meta(soup, "citation_title") == ["A Journal Article on Möbius Things"]
    assert meta(soup, "citation_author") == ["Quill, Ada", "Müller, Karl"]
    assert meta(soup, "citation_publication_date") == ["2021/05"]
    assert meta(soup, "citation_journal_title") == ["Journal of Examples"]
    assert meta(soup, "citation_volume") == ["12"]
    assert meta(soup, "citation_issue") == ["3"]
    assert meta(soup, "citation_firstpage") == ["101"]
    assert meta(soup, "citation_lastpage") == ["115"]
    assert meta(soup, "citation_doi") == ["10.1234/jex.2021.5"]
    assert meta(soup, "citation_pdf_url") == ["https://example.org/papers/journal2021.pdf"]
    assert meta(soup, "citation_keywords") == ["topology", "examples"]


@pytest.mark.parametrize(
    ("key", "tag", "value", "schema"),
    [
        (
            "conf2022",
            "citation_conference_title",
            "Conference on Examples (CoE)",
            "ScholarlyArticle",
        ),
        ("thesis2020", "citation_dissertation_institution", "Example University", "Thesis"),
        ("report2019", "citation_technical_report_institution", "Example Lab", "Report"),
        ("soft2018", "citation_title", "A Tool", "SoftwareSourceCode"),
        ("journal2021", "citation_journal_title", "Journal of Examples", "ScholarlyArticle"),
    ],
)
def test_tags_and_schema_type_by_entry_type(site, key, tag, value, schema):
    soup = site.html(f"publications/{key}/index.html")
    assert meta(soup, tag) == [value]
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == schema
    assert data["url"] == f"https://example.org/publications/{key}/"


def test_arxiv_id_and_absolute_pdf(site):
    soup = site.html("publications/conf2022/index.html")
    assert meta(soup, "citation_arxiv_id") == ["2201.01234"]
    assert meta(soup, "citation_pdf_url") == ["https://example.org/conf.pdf"]


def test_json_ld_and_open_graph(site):
    soup = site.html("publications/journal2021/index.html")
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert data["name"] == "A Journal Article on Möbius Things"
    assert [a["name"] for a in data["author"]] == ["Ada Quill", "Karl Müller"]
    assert data["datePublished"] == "2021-05"
    assert data["identifier"]["value"] == "10.1234/jex.2021.5"
    assert data["abstract"] == "We study things."
    og = {m["property"]: m["content"] for m in soup.select("meta[property]")}
    assert og["og:title"] == "A Journal Article on Möbius Things"
    assert og["og:url"] == "https://example.org/publications/journal2021/"
    assert og["og:image"] == "https://example.org/images/j.png"
    assert meta(soup, "twitter:card") == ["summary_large_image"]


def test_hostile_title_is_escaped_everywhere(site):
    soup = site.html("publications/hostile/index.html")
    assert soup.select_one("h1").get_text() == HOSTILE_READ
    assert soup.select_one("h1 strong").get_text() == "bold"
    assert meta(soup, "citation_title") == [HOSTILE_READ]
    scripts = soup.select("script")
    assert not any(
        "alert(1)" in (s.string or "") and s.get("type") != "application/ld+json" for s in scripts
    )
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert data["name"] == HOSTILE_READ
    assert soup.select("b") == []  # no tag of the data reaches the page
    assert soup.title.get_text().startswith(HOSTILE_READ)


def test_pages_are_in_sitemap_and_search(site):
    sitemap = ET.parse(site.site_dir / "sitemap.xml").getroot()
    urls = {loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert "https://example.org/publications/journal2021/" in urls
    index = json.loads((site.site_dir / "search/search_index.json").read_text())
    locations = {doc["location"] for doc in index["docs"]}
    assert "publications/journal2021/" in locations


def test_site_wide_bib_parses_and_has_no_custom_fields(site):
    library = bibtexparser.parse_string((site.site_dir / "publications.bib").read_text())
    assert library.failed_blocks == []
    keys = [e.key for e in library.entries]
    assert keys == ["conf2022", "journal2021", "thesis2020", "report2019", "soft2018", "hostile"]
    fields = {f.key for e in library.entries for f in e.fields}
    assert not fields & {"pdf", "abbr", "selected", "preview", "abstract", "arxiv", "code"}
    article = library.entries_dict["journal2021"]
    assert article["author"] == 'Quill, Ada and M{\\"u}ller, Karl and others'
    assert article["doi"] == "10.1234/jex.2021.5"


def test_atom_feed_parses_and_holds_publications_and_news(site):
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(site.site_dir / "feed.xml").getroot()
    assert feed.tag == f"{atom}feed"
    entries = feed.findall(f"{atom}entry")
    titles = [e.findtext(f"{atom}title") for e in entries]
    assert titles[0] == "Hostile news </title><script>alert(1)</script> & more"
    assert titles[1] == "A plain news item."
    assert titles[2] == "A Conference Paper"
    assert len(entries) == 8
    links = {e.findtext(f"{atom}title"): e.find(f"{atom}link").get("href") for e in entries}
    assert links["A Thesis"] == "https://example.org/publications/thesis2020/"
    news = entries[1].findtext(f"{atom}content")
    assert news == "<p>A <strong>plain</strong> news item.</p>"
    head = site.html().select_one('link[type="application/atom+xml"]')
    assert head["href"] == "feed.xml"
    nested = site.html("publications/conf2022/index.html").select_one(
        'link[type="application/atom+xml"]'
    )
    assert nested["href"] == "../../feed.xml"


def test_filter_controls_list_the_shown_values(site):
    form = site.html().select_one("form.research-filter")
    assert [o["value"] for o in form.select(".research-filter__type option")] == [
        "",
        "journal",
        "conference",
        "thesis",
        "report",
        "software",
        "other",
    ]
    assert [o["value"] for o in form.select(".research-filter__year option")][:3] == [
        "",
        "2022",
        "2021",
    ]
    assert [o["value"] for o in form.select(".research-filter__tag option")] == [
        "",
        "examples",
        "topology",
    ]
    row = site.html().select_one("#pub-journal2021")
    assert row["data-tags"] == "topology|examples"


def test_search_index_holds_titles_not_abstracts_unless_asked(make_site):
    pages = {"index.md": "# Papers\n\n{{ publications() }}\n"}
    bib = "@article{a, title={Searchable Title}, author={Quill, Ada}, journal={J}, year=2020, abstract={Unique abstract words}}"
    for option, expected in ((False, False), (True, True)):
        site = make_site(
            pages,
            {"p.bib": bib},
            extra={"plugins": ["search", {"research": {"search_abstracts": option}}]},
        )
        index = (site.site_dir / "search/search_index.json").read_text()
        assert "Searchable Title" in index and "Ada Quill" in index
        assert ("Unique abstract words" in index) is expected
        # the page itself always keeps its toggles
        assert site.html().select_one("details.research-abstract") is not None


def test_display_fields_show_wherever_the_entry_is_shown(tmp_path):
    """``display_title``/``display_venue``/``display_year`` are what visitors read: in the
    row, the feed, the link preview and JSON-LD. Google Scholar's tags keep the record."""
    from conftest import _build, write_site

    bib = r"""
@inproceedings{short2024,
  title = {The Formal Title},
  display_title = {The Short Title},
  author = {Quill, Ada and Doe, Jane},
  booktitle = {Advances in Neural Information Processing Systems 37},
  display_venue = {NeurIPS},
  display_year = {2024 (spotlight)},
  year = {2024},
}
"""
    root = write_site(
        tmp_path,
        {"index.md": "{{ publications() }}\n"},
        {"papers.bib": bib},
        plugin={"publication_pages": True},
    )
    site = _build(root)
    row = site.html().select_one("#pub-short2024")
    assert row.select_one(".research-pub__title").get_text() == "The Short Title"
    assert row.select_one(".research-pub__venue").get_text() == "NeurIPS, 2024 (spotlight)"
    atom = "{http://www.w3.org/2005/Atom}"
    (entry,) = ET.parse(site.site_dir / "feed.xml").getroot().findall(f"{atom}entry")
    assert entry.findtext(f"{atom}title") == "The Short Title"
    summary = "Ada Quill, Jane Doe · NeurIPS · 2024 (spotlight)"
    assert entry.findtext(f"{atom}summary") == summary
    page = site.html("publications/short2024/index.html")
    og = {m["property"]: m["content"] for m in page.select("meta[property]")}
    assert og["og:title"] == "The Short Title"
    assert og["og:description"] == summary
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["name"] == "The Short Title"
    assert data["isPartOf"]["name"] == "NeurIPS"
    assert meta(page, "citation_title") == ["The Formal Title"]
    assert meta(page, "citation_conference_title") == [
        "Advances in Neural Information Processing Systems 37"
    ]
    assert page.select_one("h1").get_text() == "The Short Title"
