"""The PDF CV: ``cv_pdf: true`` makes every build write ``cv.pdf``, typeset offline by Typst
from the same data, in the order of the CV page.

The example CV is built without network (``unshare -n``); its PDF is read back with pypdf and
every item of the seed CV is looked up in its text, in the seed's order: the items transcribed
in ``test_examples.py`` (checked there against the seed file), every value of the example's
data files, and, where the seed file is present, every phrase the seed sets apart. A page is
rendered to ``tests/artifacts/`` for review.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from browser_helpers import ARTIFACTS, EXAMPLES, build_example
from bs4 import BeautifulSoup
from conftest import FIXTURES, run_cli, strict_build, write_site
from hypothesis import given, settings
from hypothesis import strategies as st
from test_examples import (
    CV_CODE_LINKS,
    CV_ENTRIES,
    CV_HEADINGS,
    CV_PUBS,
    CV_REVIEWING,
    CV_SEED,
    CV_TALKS,
    dates,
)

from mkdocs_research.config import resolve_options
from mkdocs_research.cv_pdf import cv_page, make_cv_pdf, markdown_pages, paper_size, typst_source
from mkdocs_research.latex import latex_to_text
from mkdocs_research.prose import markdown_to_text
from mkdocs_research.research import Research
from mkdocs_research.typst_markup import escape, html_to_typst, tex_to_typst

pytestmark = pytest.mark.slow  # each build typesets a PDF

ADVERSARIAL = Path(__file__).parent / "fixtures" / "adversarial"
pypdf = pytest.importorskip("pypdf")
typst = pytest.importorskip("typst")


# Reading a PDF -------------------------------------------------------------------------------


def squash(value: str) -> str:
    """Text compared across line breaks: no whitespace, no dashes (a wrapped line may have
    been hyphenated; the seed writes ``Aug-Dec`` where the PDF has ``Aug – Dec``)."""
    value = unicodedata.normalize("NFC", value)
    return re.sub(r"[\s\-–—\u00ad]+", "", value)


def pdf_text(pdf: Path | bytes) -> str:
    """The text of a PDF file (or of its bytes), page after page."""
    source = io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(source).pages)


def pdf_links(path: Path) -> set[str]:
    """The targets of the PDF's link annotations."""
    links = set()
    for page in pypdf.PdfReader(path).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                links.add(str(action["/URI"]))
    return links


def fonts(path: Path) -> dict[str, bool]:
    """Each font the pages use → whether its program is embedded."""
    found: dict[str, bool] = {}
    for page in pypdf.PdfReader(path).pages:
        resources = page["/Resources"].get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            found[str(font["/BaseFont"])] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    return found


class InOrder:
    """Finds items in a text one after the other, as a reader meets them."""

    def __init__(self, text: str) -> None:
        self.text = squash(text)
        self.position = 0

    def find(self, item: str) -> int:
        found = self.text.find(squash(item), self.position)
        assert found >= 0, (
            f"{item!r} not found after {self.text[self.position : self.position + 80]!r}"
        )
        self.position = found + len(squash(item))
        return found


# The example CV, built offline -------------------------------------------------------------


def _offline_prefix() -> list[str]:
    """``unshare -n`` (or ``unshare -rn`` without root): run without any network."""
    for prefix in (["unshare", "-n"], ["unshare", "-rn"]):
        if (
            shutil.which("unshare")
            and subprocess.run([*prefix, "true"], capture_output=True).returncode == 0
        ):
            return prefix
    pytest.skip("unshare cannot create a network namespace here: the offline build is not checked")


@pytest.fixture(scope="module")
def cv_example(tmp_path_factory):
    return build_example("cv", tmp_path_factory.mktemp("cv-pdf"), prefix=_offline_prefix())


@pytest.fixture(scope="module")
def cv_pdf(cv_example) -> Path:
    path = cv_example.site_dir / "cv.pdf"
    assert path.is_file(), "the example sets cv_pdf: true, so the build writes cv.pdf"
    return path


@pytest.fixture(scope="module")
def cv_text(cv_pdf) -> str:
    return pdf_text(cv_pdf)


def test_the_example_turns_the_pdf_on():
    config = (EXAMPLES / "cv" / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^\s+cv_pdf: true\b", config, re.M)


def test_sections_in_the_order_of_the_cv_page(cv_text):
    lines = [line.strip() for line in cv_text.splitlines()]
    assert [line for line in lines if line in CV_HEADINGS] == CV_HEADINGS


def test_header_name_contact_and_summary(cv_text, cv_pdf):
    reader = InOrder(cv_text)
    for item in (
        "Suraj Srinivas",
        "ssrinivas@example.org",
        "suraj.srinivas@example.org",
        "suraj-srinivas.github.io",
        "Google Scholar",
        "I am a machine learning researcher interested in building robust, interpretable and "
        "computationally efficient deep neural network models.",
        "Google Scholar Profile",
        "Citations: 1400+",
        "h-index: 9",
    ):
        reader.find(item)
    assert {
        "mailto:ssrinivas@example.org",
        "https://suraj-srinivas.github.io",
        "https://scholar.google.com/citations?user=EXAMPLE0000",
    } <= pdf_links(cv_pdf)


def test_every_cv_entry_of_the_seed_in_order_with_its_dates(cv_text):
    reader = InOrder(cv_text)
    for entry in CV_ENTRIES:
        start = reader.find(dates(entry.seed_date or entry.date) + entry.texts[0])
        rest = InOrder(cv_text)
        rest.text, rest.position = reader.text, start
        for item in entry.texts[1:]:
            rest.find(item)


def test_every_publication_of_the_seed_in_order(cv_text, cv_pdf):
    reader = InOrder(cv_text)
    for pub in CV_PUBS:
        reader.find(pub.year + ", ".join(pub.authors))
        reader.find(f"“{pub.title}”")
        reader.find(pub.venue)
        for badge, _ in pub.badges:
            reader.find(badge)
        for venue, award in pub.venue_awards:
            reader.find(f"{venue} – {award}")
        for note in pub.notes:
            assert squash(note) in reader.text
        if pub.stars:
            reader.find(f"({pub.stars} stars)")
    reader.find("*co-first-author")
    reader.find("mMentoring role")
    assert set(CV_CODE_LINKS.values()) <= pdf_links(cv_pdf)


def test_talks_reviewing_in_order(cv_text, cv_pdf):
    reader = InOrder(cv_text)
    for date, title, event in CV_TALKS:
        reader.find(date + title)
        reader.find(event)
    for line in CV_REVIEWING:
        reader.find(line)
    assert "https://example.org/ml-for-astrophysicists" in pdf_links(cv_pdf)


def test_every_value_of_the_data_files_is_in_the_pdf(cv_example, cv_text):
    """Whatever the seed's transcription may miss: each text of profile.yml, cv.yml,
    talks.yml, papers.bib and publications.yml the CV page shows is in the PDF."""
    research = Research(resolve_options(cv_example.root, {"data_dir": "data"}))
    research.refresh()
    store = research.store
    expected = [store.profile.name, *store.profile.emails]
    for section in store.cv:
        expected.append(section.title)
        for entry in section.entries:
            for value in entry.fields.values():
                for item in value if isinstance(value, list) else [value]:
                    expected.append(markdown_to_text(str(item)))
    for talk in store.talks:
        expected += [talk.title, talk.event, talk.location]
    for publication in store.publications:
        expected.append(latex_to_text(publication.fields["title"]))
        expected.append(latex_to_text(publication.fields["booktitle"]))
        expected += [latex_to_text(a.display) for a in publication.authors]
        for also in publication.get("also", []):
            expected += [also["venue"], also["award"]]
    text = squash(cv_text)
    missing = [item for item in expected if item and squash(item) not in text]
    assert not missing
    assert len(expected) > 150


def test_every_phrase_the_seed_sets_apart(cv_text):
    """With the seed file at hand: each bold, italic and quoted phrase of the seed after its
    header, each link text, and each dated line's date with what follows it."""
    if not CV_SEED.exists():
        pytest.skip(f"seed file not found: {CV_SEED}")
    seed = CV_SEED.read_text(encoding="utf-8").split("## Summary", 1)[1]
    seed = seed.replace("\\*", "*").replace("$\\sim ", "∼").replace("$", "")
    seed = re.sub(r"<sup>(.*?)</sup>", r"\1", seed)
    phrases = re.findall(r"\*\*(.+?)\*\*", seed)
    phrases += re.findall(r"(?<![*\w])\*([^*\n]+?)\*(?![*\w])", seed.replace("**", ""))
    phrases += re.findall(r"“(.+?)”", " ".join(seed.split()))
    phrases += [t for t in re.findall(r"\[([^\]]+)\]\(", seed) if t != "Google Scholar Profile"]
    dated = re.findall(r"^- ((?:[A-Z][a-z]+ )?\d{4}(?:[-/]\S+)?) \**([^*,(“\n]+)", seed, re.M)
    text = squash(cv_text)
    missing = [p for p in phrases if squash(p.rstrip(",.")) not in text]
    missing += [f"{d} {t}" for d, t in dated if squash(d + t) not in text]
    assert not missing
    assert len(phrases) > 60 and len(dated) > 30


def test_every_font_is_embedded(cv_pdf):
    used = fonts(cv_pdf)
    assert used and all(used.values()), used


def test_title_and_author_in_the_metadata(cv_pdf):
    metadata = pypdf.PdfReader(cv_pdf).metadata
    assert metadata.title == "Suraj Srinivas — Curriculum Vitae"
    assert metadata.author == "Suraj Srinivas"


def test_the_cv_page_and_its_profile_link_point_at_the_pdf(cv_example):
    page = cv_example.html()
    links = page.select(".research-profile a.research-link--cv")
    assert [a["href"] for a in links] == ["cv.pdf"]


def test_a_rendered_page_for_review(cv_pdf):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (Debian's poppler-utils) is not installed")
    ARTIFACTS.mkdir(exist_ok=True)
    for old in ARTIFACTS.glob("cv-pdf-*.png"):
        old.unlink()
    prefix = ARTIFACTS / "cv-pdf"
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(cv_pdf), str(prefix)], check=True)
    pages = sorted(ARTIFACTS.glob("cv-pdf-*.png"))
    assert len(pages) == len(pypdf.PdfReader(cv_pdf).pages) >= 2
    assert pages[0].stat().st_size > 20_000  # a page with text on it, not a blank one


# Options, links and the page order ---------------------------------------------------------

PROFILE = "name: Ada Quill\nemails: [ada@example.org]\nlinks: {github: adaquill}\n"
BIB = '@inproceedings{q24, author = {Quill, Ada and Stone, Bo}, title = {Tracing {Neural} Nets with $O(n^2)$ {\\"o}ps}, booktitle = {NeurIPS}, year = {2024}}\n'
CV = """\
- id: education
  entries:
    - {degree: PhD, institution: Uni A, dates: 2019 - 2023}
- id: awards
  entries:
    - {year: 2022, text: "Best *paper* award"}
"""
TALKS = "- {date: 2023-05, title: On Tracing, event: Workshop B}\n"


def _site(tmp_path, pages: dict[str, str], plugin: dict, data: dict[str, str] | None = None, **kw):
    files = {"profile.yml": PROFILE, "papers.bib": BIB, "cv.yml": CV, "talks.yml": TALKS}
    return write_site(tmp_path / "site", pages, {**files, **(data or {})}, plugin, **kw)


def test_a_named_pdf_and_a_cv_page_without_profile_header(tmp_path):
    root = _site(
        tmp_path,
        {
            "index.md": "# Home\n",
            "cv.md": "# CV\n\n## Awards\n\n{{ cv('awards') }}\n\n## Education\n\n{{ cv('education') }}\n",
        },
        {"cv_pdf": "ada-quill-cv.pdf", "cv_pdf_paper": "letter"},
    )
    result = strict_build(root)
    assert result.returncode == 0, result.stderr
    pdf = root / "site" / "ada-quill-cv.pdf"
    assert pdf.is_file() and not (root / "site" / "cv.pdf").exists()
    page = pypdf.PdfReader(pdf).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)
    reader = InOrder(pdf_text(pdf))
    for item in (
        "Ada Quill",
        "Awards",
        "2022Best paper award",
        "Education",
        "2019 – 2023PhD, Uni A",
    ):
        reader.find(item)
    lines = pdf_text(pdf).splitlines()
    assert "Home" not in lines and "CV" not in lines  # not the CV page; its title
    cv = BeautifulSoup(
        (root / "site" / "cv" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert [a["href"] for a in cv.select(".research-cv__pdf a")] == ["../ada-quill-cv.pdf"]


def test_a_cv_named_in_the_profile_is_the_one_linked(tmp_path):
    profile = "name: Ada Quill\nlinks:\n  github: adaquill\n  cv: files/my-cv.pdf\n"
    root = _site(
        tmp_path,
        {"index.md": "{{ profile() }}\n\n{{ cv() }}\n"},
        {"cv_pdf": True},
        {"profile.yml": profile},
    )
    result = strict_build(root)
    assert result.returncode == 0, result.stderr
    assert (root / "site" / "cv.pdf").is_file()
    page = BeautifulSoup((root / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [a["href"] for a in page.select("a.research-link--cv")] == ["files/my-cv.pdf"]
    assert not page.select(".research-cv__pdf")  # the profile header already links to it


def test_without_a_cv_page_the_pdf_follows_cv_yml(tmp_path):
    root = _site(tmp_path, {"index.md": "# Home\n"}, {"cv_pdf": True})
    research = Research(resolve_options(root, {"cv_pdf": True}))
    research.refresh()
    pdf, problems = make_cv_pdf(research, [("index.md", "# Home\n")])
    assert not problems and pdf is not None
    reader = InOrder(pdf_text(pdf))
    for item in (
        "Education",
        "PhD",
        "Awards",
        "Best paper award",
        "Publications",
        "Tracing Neural Nets",
        "Talks",
        "On Tracing",
    ):
        reader.find(item)


def test_the_cv_page_is_the_one_with_the_whole_cv():
    pages = [("a.md", "{{ cv('x') }}"), ("b.md", "```\n{{ cv() }}\n```"), ("c.md", "{{ cv() }}")]
    assert cv_page(pages) == ("c.md", "{{ cv() }}")
    assert cv_page(pages[:2]) == ("a.md", "{{ cv('x') }}")
    assert cv_page([("a.md", "# Nothing")]) is None


@pytest.mark.parametrize(
    "option,language,paper",
    [
        (None, None, "a4"),
        (None, "en", "a4"),
        (None, "de", "a4"),
        (None, "en-US", "us-letter"),
        (None, "en_CA", "us-letter"),
        (None, "es-MX", "us-letter"),
        (None, "en-GB", "a4"),
        ("a4", "en-US", "a4"),
        ("letter", "fr", "us-letter"),
    ],
)
def test_paper_size_follows_the_option_then_the_language(option, language, paper):
    assert paper_size(option, language) == paper


def test_math_accents_and_emphasis_come_out_right(tmp_path):
    root = _site(tmp_path, {"index.md": "{{ publications() }}\n\n{{ cv() }}\n"}, {"cv_pdf": True})
    research = Research(resolve_options(root, {"cv_pdf": True}))
    research.refresh()
    source = typst_source(research, "{{ publications() }}\n\n{{ cv() }}\n")
    assert "$O \\( n^(2) \\)$" in source  # math stays math
    assert "#emph[paper]" in source
    assert "Tracing Neural Nets" in source and "öps" in source  # braces gone, accents composed
    pdf, problems = make_cv_pdf(research, [("index.md", "{{ publications() }}\n\n{{ cv() }}\n")])
    assert pdf is not None, problems
    text = pdf_text(pdf)
    assert "$" not in text and "\\" not in text and "öps" in text
    assert "Ada Quill, Bo Stone" in text and "Best paper award" in text


# Hostile data --------------------------------------------------------------------------------

HOSTILE = [
    '#import "x.typ": *',
    '#eval("1 + 1") and #read("/etc/passwd")',
    "a ] b [ c",
    "$x^2$ costs $5",
    "back\\slash \\\\ and \\u{41}",
    "// not a comment /* nor this */",
    "= not a heading",
    "- not a list",
    "1. not an enumeration",
    "<label> @reference *strong* _emph_ `raw` ~ -- ... 'q' \"d\"",
    "#set page(width: 1cm) #show: none",
]


def test_hostile_values_render_literally(tmp_path):
    import yaml

    cv = [
        {
            "id": "hostile",
            "kind": "experience",
            "entries": [{"position": v, "organisation": v, "date": 2020} for v in HOSTILE],
        }
    ]
    talks = [{"date": "2021-01", "title": v, "event": v} for v in HOSTILE]
    root = _site(
        tmp_path,
        {"index.md": "{{ profile() }}\n\n{{ cv() }}\n\n{{ talks() }}\n"},
        {"cv_pdf": True},
        {
            "profile.yml": yaml.safe_dump(
                {"name": HOSTILE[0], "position": HOSTILE[1], "affiliation": HOSTILE[9]}
            ),
            "cv.yml": yaml.safe_dump(cv),
            "talks.yml": yaml.safe_dump(talks),
        },
    )
    result = strict_build(root)
    assert result.returncode == 0, result.stderr
    text = squash(pdf_text(root / "site" / "cv.pdf"))
    for value in HOSTILE:
        assert text.count(squash(value)) >= 3, value  # position, organisation, talk


@pytest.mark.parametrize("corpus", ["hostile", "formats"])
def test_the_adversarial_corpus_typesets(tmp_path, corpus):
    """Hostile values in every field (tests/fixtures/adversarial), and JSON Resume and
    RenderCV files: a PDF, no problem, and the values as written."""
    root = tmp_path / corpus
    shutil.copytree(ADVERSARIAL / corpus, root)
    research = Research(resolve_options(root, {"cv_pdf": True}))
    research.refresh()
    pdf, problems = make_cv_pdf(research, markdown_pages(root / "docs"))
    assert pdf is not None and not problems
    text = squash(pdf_text(pdf))
    assert squash(research.store.profile.name) in text
    if corpus == "hostile":
        assert squash('<script>alert("degree")</script> PhD') in text


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.characters(codec="ascii", exclude_categories=["Cc"]), min_size=1))
def test_any_text_prints_as_itself(value):
    pdf = typst.compile(
        f"#set page(width: 40cm, height: auto)\n{escape(value)}".encode(), format="pdf"
    )
    assert squash(pdf_text(pdf)) == squash(value)


MATH_TOKENS = [
    *"ab1 {}^_',;:()[]|&#$\"/*.-+=<>@~`%",
    *[
        r"\frac",
        r"\sqrt",
        r"\text",
        r"\left",
        r"\alpha",
        r"\sum",
        r"\mathbb",
        r"\\",
        r"\{",
        r"\sin",
        r"\foo",
    ],
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(MATH_TOKENS)).map("".join))
def test_any_math_compiles(tex):
    typst.compile(
        f"{tex_to_typst(tex)} {html_to_typst('<em>' + tex + '</em>')}".encode(), format="pdf"
    )


def test_without_cv_pdf_typst_is_not_imported(tmp_path):
    root = _site(tmp_path, {"index.md": "{{ cv() }}\n"}, {})
    script = (
        "import sys\n"
        "from mkdocs.commands.build import build\n"
        "from mkdocs.config import load_config\n"
        "build(load_config(config_file='mkdocs.yml'))\n"
        "print('typst' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=True,
    )
    assert result.stdout.strip() == "False"
    assert not (root / "site" / "cv.pdf").exists()


# Overrides and problems ----------------------------------------------------------------------


def test_an_overridden_template_sets_the_look(tmp_path):
    override = '#set document(title: "Mine")\nMy own CV of {{ profile.name }}: {% for block in blocks %}{{ block.kind }} {% endfor %}\n'
    root = _site(tmp_path, {"index.md": "{{ cv() }}\n"}, {"cv_pdf": True, "templates": "overrides"})
    (root / "overrides").mkdir()
    (root / "overrides" / "cv.typ").write_text(override, encoding="utf-8")
    result = strict_build(root)
    assert result.returncode == 0, result.stderr
    text = pdf_text(root / "site" / "cv.pdf")
    assert "My own CV of Ada Quill: cv" in " ".join(text.split())


def test_an_edited_template_is_read_again(tmp_path):
    """Under ``mkdocs serve`` the engine (and its compiled template) lives on across
    rebuilds; saving the override changes the next PDF."""
    root = _site(tmp_path, {"index.md": "{{ cv() }}\n"}, {"cv_pdf": True, "templates": "over"})
    template = root / "over" / "cv.typ"
    template.parent.mkdir()
    research = Research(resolve_options(root, {"cv_pdf": True, "templates": "over"}))
    pages = [("index.md", "{{ cv() }}\n")]
    for number, text in enumerate(("First look", "Second look")):
        template.write_text(text, encoding="utf-8")
        os.utime(template, (1_000_000 + number, 1_000_000 + number))
        research.refresh()
        pdf, problems = make_cv_pdf(research, pages)
        assert pdf is not None and pdf_text(pdf).strip() == text, problems


def test_fonts_in_the_templates_folder_can_be_used(tmp_path):
    import mkdocs

    font = Path(mkdocs.__file__).parent / "themes/readthedocs/css/fonts/fontawesome-webfont.ttf"
    root = _site(tmp_path, {"index.md": "{{ cv() }}\n"}, {"cv_pdf": True, "templates": "over"})
    (root / "over").mkdir()
    shutil.copy(font, root / "over")
    (root / "over" / "cv.typ").write_text(
        '#text(font: "FontAwesome")[\\u{f09b}] {{ profile.name }}\n', encoding="utf-8"
    )
    result = strict_build(root)
    assert result.returncode == 0, result.stderr
    used = fonts(root / "site" / "cv.pdf")
    assert any("FontAwesome" in name for name in used) and all(used.values()), used


def test_a_broken_template_is_a_problem_naming_it(tmp_path):
    root = _site(tmp_path, {"index.md": "{{ cv() }}\n"}, {"cv_pdf": True, "templates": "overrides"})
    (root / "overrides").mkdir()
    (root / "overrides" / "cv.typ").write_text("#let x = (\n", encoding="utf-8")
    result = strict_build(root)
    assert result.returncode != 0
    assert "overrides/cv.typ" in result.stderr and "PDF CV could not be typeset" in result.stderr
    assert not (root / "site" / "cv.pdf").exists()


def test_an_invalid_file_name_is_an_option_error(tmp_path):
    root = _site(tmp_path, {"index.md": "x\n"}, {"cv_pdf": "../cv.pdf"})
    result = strict_build(root)
    assert result.returncode != 0
    assert "cv_pdf" in result.stderr and "ending in .pdf" in result.stderr


def test_a_missing_typst_package_says_what_to_install(tmp_path, monkeypatch):
    root = _site(tmp_path, {"index.md": "{{ cv() }}\n"}, {"cv_pdf": True})
    research = Research(resolve_options(root, {"cv_pdf": True}))
    research.refresh()
    monkeypatch.setitem(sys.modules, "typst", None)
    pdf, problems = make_cv_pdf(research, [("index.md", "{{ cv() }}\n")])
    assert pdf is None
    assert "pip install 'mkdocs-research[pdf]'" in str(problems[0])


def test_a_real_al_folio_cv_moves_in_and_prints_every_description(tmp_path):
    """Descriptions are lists under a dated entry or a named one; a grid cell that set them
    in a paragraph dropped every one of them from the PDF."""
    root = tmp_path / "site"
    moved = run_cli(
        "import", "al-folio", str(FIXTURES / "real" / "alfolio-roberts"), str(root), cwd=tmp_path
    )
    assert moved.returncode == 0, moved.stdout + moved.stderr
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("- research\n", "- research:\n    cv_pdf: true\n"))
    result = strict_build(root)
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((root / "site" / "cv" / "index.html").read_text(), "html.parser")
    coursework = page.find(
        lambda tag: tag.name == "li" and tag.get_text().startswith("Selected coursework")
    )
    assert [li.get_text() for li in coursework.select("ul > li")][-1] == "Fluids (74)"
    assert len(coursework.find_parent("ul").find_all("li", recursive=False)) == 2
    reader = InOrder(pdf_text(root / "site" / "cv.pdf"))
    for item in (
        "PhD in Physical Oceanography, University of Southampton",
        "Working thesis title: 'The Role of Antarctic Sea Ice in Configuring the Global Ocean'",
        "Supervisors: Alberto Naveira Garabato (Southampton)",
        "First Class Honours (3rd in cohort)",
        "General Relativity (83)",
        "Honors and Awards",
        "2024",
        "Gibbs Prize in Physics for best performance",
        "Johnson Memorial Prize",
        "2022",
        "Best Individual Second Year Physics Presentation ('How Heavy is an Atom?')",
        "Technical Skills",
        "Programming",
        "Python (advanced): NumPy, Matplotlib, Pandas, Xarray, Cartopy",
        "Research Methods",
        "Writing sustainable research software",
    ):
        reader.find(item)
