"""The rest of a homepage: profile, talks, news, CV and the publications.yml side file."""

from __future__ import annotations

from pathlib import Path

import pytest

HOMEPAGE = Path(__file__).parent / "fixtures" / "homepage"
DATA = {p.name: p.read_text(encoding="utf-8") for p in HOMEPAGE.iterdir()}


def text(element) -> str:
    return " ".join(element.get_text().split())


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from conftest import _build, write_site

    pages = {
        "index.md": "{{ profile() }}\n\n## News\n\n{{ news(limit=2) }}\n",
        "talks.md": "# Talks\n\n{{ talks() }}\n",
        "cv.md": "# CV\n\n{{ cv() }}\n",
        "parts.md": (
            "# Parts\n\n## Education\n\n{{ cv('education') }}\n\n"
            "{{ talks(type='invited', limit=1) }}\n\n{{ talks(year=2020) }}\n\n"
            "{{ profile(photo=false, summary=false, links=false, name=false, position=false) }}\n\n"
            "{{ cv('edcation') }}\n\n{{ publications() }}\n"
        ),
    }
    return _build(write_site(tmp_path_factory.mktemp("home"), pages, DATA))


def test_profile_header(site):
    soup = site.html()
    header = soup.select_one(".research-profile")
    assert header.select_one("h1").get_text() == "Ada Quill"
    assert soup.select("h1") == [header.select_one("h1")]  # Material adds no second title
    assert text(header.select_one(".research-profile__position")) == (
        "Postdoctoral Research Fellow, Example University"
    )
    assert header.select_one("img.research-profile__photo")["src"] == "images/ada.jpg"
    links = {text(a): a["href"] for a in header.select(".research-profile__links a")}
    assert links == {
        "ada@example.org": "mailto:ada@example.org",
        "ada.quill@example.com": "mailto:ada.quill@example.com",
        "Homepage": "https://example.org/~ada",
        "Google Scholar": "https://scholar.google.com/citations?user=AbCdEfGhIjK",
        "ORCID": "https://orcid.org/0000-0002-1825-0097",
        "dblp": "https://dblp.org/pid/00/0000",
        "GitHub": "https://github.com/adaquill",
        "X": "https://x.com/adaquill",
        "LinkedIn": "https://www.linkedin.com/in/ada-quill",
        "CV": "cv.pdf",
        "Calendar": "https://calendar.example.org/ada",
    }
    groups = {
        group["class"][1].removeprefix("research-profile__group--"): [
            a.select_one(".research-icon")["class"][1].removeprefix("research-icon--")
            for a in group.select("a")
        ]
        for group in header.select(".research-profile__group")
    }
    assert groups == {
        "contact": ["email", "email", "homepage", "cv", "calendar"],
        "scholarly": ["scholar", "orcid", "dblp", "github"],
        "social": ["x", "linkedin"],
    }
    for a in header.select(".research-profile__group--social a"):  # icons, named for all
        assert a["title"] == text(a.select_one(".research-link__label"))
    assert text(header.select_one(".research-metrics")) == (
        "Citations: 1400+ · h-index: 9 (as of January 2023)"
    )
    summary = soup.select_one(".research-profile__summary")
    assert [p.name for p in summary.find_all(recursive=False)] == ["p", "p"]
    assert summary.select_one("strong").get_text() == "robust, interpretable"


def test_news_newest_first_and_limited(site):
    items = site.html().select(".research-news__item")
    assert [text(i.select_one(".research-dated__date")) for i in items] == [
        "1 Mar 2023",
        "15 Jan 2023",
    ]
    assert items[1].select_one("strong").get_text() == "ICLR 2023"
    assert items[1].select_one("a")["href"] == "https://github.com/example"


def test_talks_newest_first_with_links(site):
    talks = site.html("talks/index.html").select(".research-talk")
    assert [text(t.select_one(".research-dated__date")) for t in talks] == [
        "Jul 2022",
        "Jun 2022",
        "Mar 2022",
        "Jan 2020",
    ]
    first = talks[0]
    assert text(first.select_one(".research-talk__event")) == "Simons Institute, UC Berkeley"
    assert text(first.select_one(".research-badge")) == "invited"
    assert [(text(a), a["href"]) for a in first.select(".research-link")] == [
        ("Event page", "https://simons.example.org/event"),
        ("Slides", "https://example.org/slides.pdf"),
        ("Video", "https://example.org/video"),
    ]


def test_talk_filters(site):
    soup = site.html("parts/index.html")
    lists = soup.select(".research-talks")
    assert [
        text(t.select_one(".research-talk__event")) for t in lists[0].select(".research-talk")
    ] == ["Simons Institute, UC Berkeley"]
    assert [
        text(t.select_one(".research-talk__title")) for t in lists[1].select(".research-talk")
    ] == ["Full-Gradient Representation"]


def test_cv_sections_in_file_order_with_every_kind(site):
    soup = site.html("cv/index.html")
    sections = soup.select(".research-cv__section")
    assert [(s["id"], text(s.select_one("h2"))) for s in sections] == [
        ("cv-experience", "Work Experience"),
        ("cv-education", "Education"),
        ("cv-internships", "Internships"),
        ("cv-teaching", "Teaching"),
        ("cv-mentoring", "Research Mentoring"),
        ("cv-reviewing", "Reviewing"),
        ("cv-awards", "Awards and Honors"),
        ("cv-skills", "Skills"),
    ]
    experience = sections[0].select_one(".research-cv__entry")
    assert text(experience.select_one(".research-dated__date")) == "Jan 2022 – present"
    assert "Advisor: Prof. Hima Lakkaraju" in text(experience)
    assert "Research Focus: Foundations of Post-hoc Interpretability." in text(experience)
    education = sections[1].select_one(".research-cv__entry")
    assert text(education.select_one(".research-dated__date")) == "2017 – 2021"
    assert text(education.select_one(".research-cv__head")) == (
        "Doctor of Philosophy, École Polytechnique Fédérale de Lausanne"
    )
    assert "Thesis: Gradient-based Methods for Deep Model Interpretability." in text(education)
    assert "Top 8% thesis" in text(education.select_one(".research-cv__distinction"))
    internship = sections[2].select_one(".research-cv__entry")
    assert text(internship.select_one(".research-dated__date")) == "Aug – Dec 2020"
    teaching = sections[3].select_one(".research-cv__entry")
    assert text(teaching.select_one(".research-cv__head")) == (
        "Teaching Fellow for “Interpretability and Explainability in ML” at Harvard University"
    )
    mentoring = sections[4].select_one(".research-cv__entry")
    assert text(mentoring.select_one(".research-cv__head")) == (
        "Tessa Han (PhD candidate, Harvard, supervised by Prof. Hima Lakkaraju)"
    )
    assert len(mentoring.select(".research-cv__outcome")) == 2
    assert text(mentoring.select_one(".research-dated__date")) == "2022 – 2023"
    reviewing = [text(li) for li in sections[5].select("li")]
    assert reviewing == [
        "Conferences AAAI, CVPR, ECCV, NeurIPS (2020); WACV, ICML, ICCV, NeurIPS (2021)",
        "Journals IEEE T-PAMI, Nature Communications",
    ]
    awards = sections[6].select(".research-cv__entry")
    assert [text(a.select_one(".research-dated__date")) for a in awards] == ["2022", "2014"]
    assert awards[1].select_one("strong").get_text() == "399"
    skills = sections[7].select("li")
    assert [text(li) for li in skills] == ["Python, PyTorch, JAX", "LaTeX and Markdown"]


def test_one_cv_section_without_title_and_misspelt_id(site):
    soup = site.html("parts/index.html")
    section = soup.select_one(".research-cv__section")
    assert section["id"] == "cv-education" and section.select_one("h2") is None
    assert "research: parts.md:13: no CV section with id 'edcation'; did you mean 'education'?" in (
        site.warnings
    )


def test_profile_parts_can_be_switched_off(site):
    soup = site.html("parts/index.html")
    profile = soup.select_one(".research-profile")
    assert profile.select_one("h1, img, .research-profile__links") is None
    assert text(profile.select_one(".research-metrics")).startswith("Citations: 1400+")


def test_profile_name_is_the_title_only_on_a_page_without_one(make_site):
    pages = {
        "index.md": "{{ profile(summary=false) }}\n",
        "about.md": "# About me\n\n{{ profile(summary=false) }}\n",
        "underlined.md": "About me\n========\n\n{{ profile(summary=false) }}\n",
    }
    built = make_site(pages, {"profile.yml": "name: Ada Quill\n"})
    assert [text(h) for h in built.html().select("h1")] == ["Ada Quill"]  # the page's title
    for page in ("about/index.html", "underlined/index.html"):
        soup = built.html(page)
        assert [text(h) for h in soup.select("h1")] == ["About me"], page
        assert text(soup.select_one("p.research-profile__name")) == "Ada Quill"


def test_profile_links_in_groups_and_x_or_twitter_once(make_site):
    profile = (
        "name: Ada\nemails: [ada@example.org]\n"
        "links:\n  twitter: ada\n  github: ada\n  x: ada\n  homepage: https://ada.example\n"
    )
    home = make_site({"index.md": "{{ profile() }}"}, {"profile.yml": profile}).html()
    groups = [
        (group["class"][1], [a["href"] for a in group.select("a")])
        for group in home.select(".research-profile__group")
    ]
    assert groups == [
        ("research-profile__group--contact", ["mailto:ada@example.org", "https://ada.example"]),
        ("research-profile__group--scholarly", ["https://github.com/ada"]),
        ("research-profile__group--social", ["https://x.com/ada"]),
    ]


def test_publications_yml_extras_win_and_typos_are_reported(site):
    soup = site.html("parts/index.html")
    row = soup.select_one("#pub-quill2022")
    assert text(row.select_one(".research-abbr")) == "NeurIPS"
    assert [text(b) for b in row.select(".research-badge")] == ["Oral", "Best Paper Award"]
    assert [text(a) for a in row.select(".research-link")] == ["Code 169", "Blog 1", "Blog 2"]
    assert (
        "research: data/publications.yml:10: no publication has the citekey 'qill2021'; "
        "did you mean 'quill2021'?" in site.warnings
    )
    assert len(site.warnings) == 2


def test_print_stylesheet_hides_navigation(site):
    css = (site.site_dir / "assets/research/research.css").read_text()
    media = css[css.index("@media print") :]
    for selector in (".md-header", ".md-sidebar", ".md-footer", ".md-search", ".md-tabs"):
        assert selector in media
    assert "break-inside: avoid" in css


def test_table_of_contents_lists_cv_sections_and_year_groups(make_site):
    site = make_site(
        {
            "index.md": "# CV\n\n## Before\n\n{{ cv() }}\n\n## Papers\n\n{{ publications(group_by='year') }}\n"
        },
        DATA,
        extra={"markdown_extensions": ["attr_list", "toc"]},
    )
    toc = site.html().select_one("nav.md-nav--secondary")
    entries = [(a.get_text(strip=True), a["href"]) for a in toc.select("a.md-nav__link")]
    assert entries[:3] == [
        ("Before", "#before"),
        ("Work Experience", "#cv-experience"),
        ("Education", "#cv-education"),
    ]
    assert ("Papers", "#papers") in entries and ("2022", "#group-2022") in entries
    papers = toc.select_one('a[href="#papers"]').find_parent("li")
    assert [a.get_text(strip=True) for a in papers.find("nav").find_all("a")] == ["2022", "2021"]
    assert site.html().select_one("#group-2022").name == "h3"  # one below "## Papers"
    assert site.html().select_one("#cv-education h3.research-cv__title") is not None


def test_lists_in_data_nest_as_written_for_jekyll_and_hugo(make_site):
    """Markdown in data files nests lists under the text of the item above, as Jekyll,
    Hugo and Prettier write them (two spaces after ``-``, three after ``1.``); four spaces
    nest too, and code stays code."""
    cv = """\
        - id: experience
          title: Experience
          entries:
            - position: Postdoc
              organisation: Lab
              description: |
                - Led two projects:
                  - sparse models
                  - causal probes
                - Taught a course
            - position: Engineer
              organisation: Company
              description: |
                1. Built a compiler
                   - with a team of four
                2. Wrote the manual
                    - the index too
                3. Ran it:

                       make docs
        """
    soup = make_site({"index.md": "{{ cv('experience') }}"}, {"cv.yml": cv}).html()
    postdoc, engineer = soup.select(".research-cv__description")
    assert [li.get_text(strip=True) for li in postdoc.select(":scope > ul > li > ul > li")] == [
        "sparse models",
        "causal probes",
    ]
    assert len(postdoc.select(":scope > ul > li")) == 2
    steps = engineer.select(":scope > ol > li")
    assert [li.find(string=True).strip() for li in steps] == [
        "Built a compiler",
        "Wrote the manual",
        "Ran it:",
    ]
    assert [ul.li.get_text(strip=True) for ul in (step.find("ul") for step in steps[:2])] == [
        "with a team of four",
        "the index too",
    ]
    assert steps[2].select_one("pre code").get_text() == "make docs\n"
