r"""Math in data fields reaches visitors as MathML, built into the page: no script.

A site whose titles, abstracts, venues, notes, talks, news and CV hold ``$…$`` math is built
and read as a visitor's browser would get it; plain-text copies (page title, Google Scholar
tags, JSON-LD, feed, search index) read the TeX; broken math shows as written and is
reported with its file and line. One Chromium test lays the math out with JavaScript off.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from browser_helpers import CHROMIUM, CHROMIUM_ARGS, missing_browser, serve
from bs4 import BeautifulSoup
from conftest import Site, _build, write_site
from test_cli import run

from mkdocs_research.mathml import math_as_text, math_problem, tex_to_mathml, text_with_math
from mkdocs_research.prose import markdown_inline, markdown_to_text

BIB = r"""@inproceedings{quill2024bound,
  title     = {An $\mathcal{O}(n)$ Bound for \(\ell_1\) Pruning},
  author    = {Quill, Ada and Stone, Bo},
  booktitle = {Workshop on $k$-Sparse Models},
  year      = {2024},
  award     = {Best paper for proving $\sum_{i=1}^n x_i^2 \le 1$ in a long award text},
  abstract  = {We show $$\|w\|_1 \le \sqrt{k}\,\|w\|_2$$ for all $w \in \mathbb{R}^d$.},
  annotation = {Extends the $\ell_2$ case},
}

@article{quill2023broken,
  title   = {Broken $\frac{1}$ and $\R^n$ Math},
  author  = {Quill, Ada},
  journal = {Journal of Typos},
  year    = {2023},
}
"""
TALKS = r"""- date: 2024-05-03
  title: Why $\ell_1$ works
  event: Seminar
"""
NEWS = r"""- date: 2024-06-01
  text: Our $\mathcal{O}(n)$ bound is out; it costs $5 and $6 to print.
"""
CV = r"""- id: awards
  entries:
    - year: 2022
      text: Prize for the \(\epsilon\)-net lemma
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = write_site(
        tmp_path_factory.mktemp("math"),
        {
            "index.md": "# Papers\n\n{{ publications() }}\n",
            "talks.md": "# Talks\n\n{{ talks() }}\n",
            "news.md": "# News\n\n{{ news() }}\n",
            "cv.md": "# CV\n\n{{ cv() }}\n",
        },
        {"papers.bib": BIB, "talks.yml": TALKS, "news.yml": NEWS, "cv.yml": CV},
        extra={"plugins": ["search", {"research": {"publication_pages": True}}]},
    )
    return _build(root)


def formulas(element) -> list[str]:
    """The TeX of each formula of the plugin inside ``element``."""
    return [m.annotation.get_text() for m in element.select("math.research-math")]


def test_data_math_reaches_the_page_as_mathml(site: Site) -> None:
    row = site.html().select_one("#pub-quill2024bound")
    assert formulas(row.select_one(".research-pub__title")) == [r"\mathcal{O}(n)", r"\ell_1"]
    assert formulas(row.select_one(".research-pub__venue")) == ["k"]
    assert formulas(row.select_one(".research-pub__award")) == [r"\sum_{i=1}^n x_i^2 \le 1"]
    assert formulas(row.select_one(".research-pub__note")) == [r"\ell_2"]
    abstract = row.select_one(".research-abstract__text")
    assert formulas(abstract) == [r"\|w\|_1 \le \sqrt{k}\,\|w\|_2", r"w \in \mathbb{R}^d"]
    display = abstract.select("math.research-math")
    assert [m.get("display") for m in display] == ["block", None]
    # 𝒪 is the script O of \mathcal; ℓ carries its subscript 1
    title = row.select_one(".research-pub__title")
    assert title.select_one("mi").get_text() == "𝒪"
    assert title.select("msub")[0].get_text(strip=True).startswith("ℓ1")
    assert "$" not in title.get_text()


def test_yaml_math_reaches_the_page_as_mathml(site: Site) -> None:
    talk = site.html("talks/index.html").select_one(".research-talk__title")
    assert formulas(talk) == [r"\ell_1"]
    news = site.html("news/index.html").select_one(".research-news__item")
    assert formulas(news) == [r"\mathcal{O}(n)"]
    assert "costs $5 and $6 to print" in news.get_text()  # money is not math
    cv = site.html("cv/index.html").select_one(".research-cv__section")
    assert formulas(cv) == [r"\epsilon"]


def test_no_script_is_involved(site: Site) -> None:
    page = site.html()
    sources = [s.get("src", "") for s in page.select("script")]
    assert not [s for s in sources if "math" in s.lower() or "katex" in s.lower()]
    assert not page.select(".arithmatex")


def test_plain_text_copies_read_the_tex(site: Site) -> None:
    page = site.html("publications/quill2024bound/index.html")
    assert page.title.get_text().startswith(r"An \mathcal{O}(n) Bound for \ell_1 Pruning")
    tags = {m["name"]: m["content"] for m in page.select("meta[name^=citation_]")}
    assert tags["citation_title"] == r"An \mathcal{O}(n) Bound for \ell_1 Pruning"
    data = json.loads(page.select_one('script[type="application/ld+json"]').get_text())
    assert data["name"] == r"An \mathcal{O}(n) Bound for \ell_1 Pruning"
    assert formulas(page.select_one("h1")) == [r"\mathcal{O}(n)", r"\ell_1"]

    feed = ET.parse(site.site_dir / "feed.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    titles = [e.findtext(f"{atom}title") for e in feed.iter(f"{atom}entry")]
    assert r"An \mathcal{O}(n) Bound for \ell_1 Pruning" in titles
    assert r"Our \mathcal{O}(n) bound is out; it costs $5 and $6 to print." in titles

    index = json.loads((site.site_dir / "search" / "search_index.json").read_text())
    texts = " ".join(doc["text"] for doc in index["docs"])
    assert r"An \mathcal{O}(n) Bound for \ell_1 Pruning" in texts
    assert "<math" not in texts and "𝒪" not in texts


def test_broken_math_shows_as_written_and_is_reported(site: Site) -> None:
    title = site.html().select_one("#pub-quill2023broken .research-pub__title")
    assert title.get_text() == r"Broken $\frac{1}$ and $\R^n$ Math"
    assert not title.select("math")
    expected = [
        "data/papers.bib:12: 'title' of entry 'quill2023broken': the math '$\\frac{1}$' is "
        "shown as written: a command lacks one of its arguments",
        "data/papers.bib:12: 'title' of entry 'quill2023broken': the math '$\\R^n$' is shown "
        "as written: \\R is not supported in math on this site",
    ]
    assert site.warnings == [f"research: {message}" for message in expected]
    result = run("check", cwd=site.root)
    assert result.returncode == 1
    assert result.stdout.splitlines()[:2] == expected


def test_broken_math_in_yaml_names_its_line(tmp_path: Path) -> None:
    talks = "- date: 2024-05-03\n  title: Fine\n- date: 2024-06-03\n  title: Bad \\(\\frac{1}\\)\n"
    root = write_site(tmp_path / "s", {"index.md": "{{ talks() }}"}, {"talks.yml": talks})
    built = _build(root)
    assert built.warnings == [
        "research: data/talks.yml:4: 'title' in talk: the math '\\(\\frac{1}\\)' is shown as written: "
        "a command lacks one of its arguments"
    ]
    assert built.html().select_one(".research-talk__title").get_text() == r"Bad \(\frac{1}\)"


@pytest.mark.parametrize(
    "tex",
    [
        r"\text{<img src=x onerror=alert(1)>}",
        r"\text{</mtext></math><script>alert(1)</script>}",
        r"\href{javascript:alert(1)}{x}",
        r"\style{background:url(javascript:alert(1))}{x}",
        r"\class{evil}{x} \cssId{a}{b}",
        r"a < b \& c > d",
    ],
)
def test_hostile_math_is_inert(tex: str) -> None:
    mathml = tex_to_mathml(tex)
    if mathml is None:  # refused: shown as escaped text by its caller
        assert math_problem(tex)
        return
    soup = BeautifulSoup(mathml, "html.parser")
    assert [e.name for e in soup.find_all(["script", "img", "a"])] == []
    attributes = {name for e in soup.find_all(True) for name in e.attrs}
    assert attributes <= {"class", "display", "encoding", "stretchy", "fence", "form"}
    assert soup.annotation.get_text() == tex  # the source survives, as text


def test_converter_output_is_checked_not_trusted() -> None:
    assert math_problem(r"x^{2") == (
        "its braces are unbalanced; every '{' needs a '}' (write \\{ for a brace)"
    )
    assert math_problem(r"\frac{1}") == "a command lacks one of its arguments"
    assert math_problem(r"x^") == "'^' or '_' has nothing after it"
    assert (
        math_problem(r"\newcommand{\a}{b}\a") == "it defines commands, which data fields cannot do"
    )
    assert math_problem("x" * 2001) == "it is longer than 2,000 characters"
    assert math_problem("{" * 900 + "x" + "}" * 900) in (None, "it cannot be read as math")
    assert tex_to_mathml("  ") == ""


def test_text_helpers() -> None:
    assert text_with_math("a <b> $x$") == "a &lt;b&gt; " + tex_to_mathml("x")
    assert math_as_text(text_with_math(r"a $\ell_1$ & b")) == r"a \ell_1 &amp; b"
    assert markdown_to_text(r"**Bold** $a<b$") == "Bold a<b"
    assert markdown_inline(r"`$x$` and $x$") == "<code>$x$</code> and " + tex_to_mathml("x")
    assert markdown_inline("from $10 to $20") == "from $10 to $20"


def test_the_new_site_shows_its_sample_math_without_a_script(tmp_path: Path) -> None:
    assert run("new", "s", cwd=tmp_path).returncode == 0
    built = _build(tmp_path / "s")
    assert built.warnings == []
    title = built.html("publications/index.html").select_one("#pub-name2025first")
    assert formulas(title) == [r"\mathcal{O}(n)"]
    for annotation in title.select("annotation"):
        annotation.decompose()
    shown = title.select_one(".research-pub__title").get_text()
    assert "𝒪" in shown and "mathcal" not in shown


@pytest.mark.browser
def test_math_is_laid_out_with_javascript_off(site: Site) -> None:
    if reason := missing_browser():
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with serve(site.site_dir) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(java_script_enabled=False)
        page.goto(url)
        math = page.locator("#pub-quill2024bound .research-pub__title math").first
        box = math.bounding_box()
        assert box is not None and box["width"] > 10 and box["height"] > 8
        # MathML layout, not the TeX source as text: the annotation takes no room
        annotation = page.locator("#pub-quill2024bound .research-pub__title annotation").first
        assert annotation.bounding_box() is None
        browser.close()
