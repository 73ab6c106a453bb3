"""Every visitor: on a phone, on paper, with a screen reader, with a dark system theme.

The demo site (this repository's homepage of a fictional researcher, and the plugin's
documentation) is built once with ``mkdocs build --strict``, served on 127.0.0.1 and opened
in headless Chromium; a site made by ``mkdocs-research new`` too. Screenshots of the demo
pages at 390 and 1280 px and the printed PDFs are written to ``tests/artifacts/`` for a
developer to look at.

Needs Debian's ``chromium`` and ``pip install playwright pypdf``; the accessibility tests
also need axe-core from npm (``.ci/run`` installs it into ``tests/.node``). Without them the
tests skip and say why.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser_helpers import (
    ARTIFACTS,
    axe_violations,
    build_demo,
    expect,
    missing_axe,
    missing_browser,
    screenshot,
    serve,
    switch_to_dark,
)
from conftest import _build, write_site

pytestmark = pytest.mark.browser

#: The researcher's pages of the demo (the rest of the site is the plugin's documentation).
DEMO_PAGES = ["", "publications/", "talks/", "cv/"]
#: Real researchers' bibliographies, as they keep them (see fixtures/real/SOURCE.md).
REAL = Path(__file__).parent / "fixtures" / "real"


@dataclass
class Served:
    """A built site served on 127.0.0.1: its URL and the paths of all its pages."""

    url: str
    pages: list[str]


def _pages(site_dir: Path) -> list[str]:
    return sorted(
        "" if page.parent == site_dir else page.parent.relative_to(site_dir).as_posix() + "/"
        for page in site_dir.rglob("index.html")
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Iterator[Served]:
    if reason := missing_browser():
        pytest.skip(reason)
    workdir = tmp_path_factory.mktemp("devices")
    with serve(workdir / "demo" / "site") as url:
        built = build_demo(workdir, site_url=url)
        yield Served(url, _pages(built.site_dir))


def name(path: str) -> str:
    return "demo-" + (path.strip("/").replace("/", "-") or "home")


def words(text: str) -> str:
    """Text compared as words: line breaks and hyphenation of a PDF do not matter."""
    return " ".join(text.replace("-\n", "").split())


# Phones -------------------------------------------------------------------------------------

_ROWS = """() => [...document.querySelectorAll('article li.research-pub')]
  .filter(row => !row.classList.contains('research-pub--compact'))
  .map(row => {
    const box = e => e ? e.getBoundingClientRect() : null;
    const r = box(row), b = box(row.querySelector('.research-pub__body'));
    const p = box(row.querySelector('.research-pub__preview'));
    return {id: row.id, row: r.width, body: b.width, bodyLeft: b.left, rowLeft: r.left,
            preview: p && {width: p.width, right: p.right}};
  })"""


@pytest.mark.parametrize("width", [390, 768])
def test_rows_give_their_text_the_width_on_phones_and_tablets(visit, demo, width):
    """Writes tests/artifacts/demo-<page>-390.png."""
    checked = 0
    for path in DEMO_PAGES:
        opened = visit(demo.url + path, viewport={"width": width, "height": 844})
        page = opened.page
        assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
        if width == 390:
            screenshot(page, f"{name(path)}-390")
        # Open toggles (long BibTeX lines, abstracts) scroll or wrap inside the row.
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
        opened.assert_clean()
        rows = page.evaluate(_ROWS)
        if not rows:
            continue
        checked += len(rows)
        with_preview = [row for row in rows if row["preview"]]
        assert with_preview, "the demo has thumbnails"
        if width == 390:
            # The text takes the row; a small thumbnail floats at its start.
            narrow = [
                f"{r['id']}: {r['body'] / r['row']:.0%}"
                for r in rows
                if r["body"] < 0.85 * r["row"]
            ]
            assert narrow == [], f"rows whose text is narrow at {width} px: {narrow}"
            assert all(r["preview"]["width"] <= 0.25 * r["row"] for r in with_preview)
        else:
            # Thumbnails beside the text, and the text of every row starts at the same place.
            assert all(r["preview"]["right"] <= r["bodyLeft"] for r in with_preview)
            assert len({round(r["bodyLeft"]) for r in rows}) == 1, rows
            assert all(r["body"] >= 0.75 * r["row"] for r in rows)
    assert checked >= 15


def test_rows_align_and_links_and_toggles_share_one_row(visit, demo):
    page = visit(demo.url).page
    rows = page.evaluate(_ROWS)
    assert {bool(r["preview"]) for r in rows} == {True, False}
    assert len({round(r["bodyLeft"]) for r in rows}) == 1, rows

    buttons = page.locator("#pub-quill2020thesis").locator(
        ".research-link, .research-toggle > summary"
    )
    assert buttons.count() == 5
    tops = {round(box["y"]) for box in (b.bounding_box() for b in buttons.all())}
    styles = buttons.evaluate_all(
        "els => [...new Set(els.map(e => {const s = getComputedStyle(e); "
        "return [s.borderTopWidth, s.borderRadius, s.fontSize].join(' ')}))]"
    )
    assert len(tops) == 1, "links and toggles should sit on one line when there is room"
    assert len(styles) == 1, f"links and toggles look different: {styles}"


# Print --------------------------------------------------------------------------------------


def printed(page, file: str):
    """The page printed to A4 as a visitor's browser would, written to tests/artifacts/.

    Printing fires ``beforeprint``, on which Material opens every ``<details>`` of the page
    (and ``afterprint``, on which it closes them again): what the print stylesheet faces."""
    from pypdf import PdfReader

    page.evaluate(
        "() => addEventListener('beforeprint', () => { window.__closedForPrint ="
        " document.querySelectorAll('details.research-toggle:not([open])').length; })"
    )
    page.emulate_media(media="print")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{file}.pdf"
    page.pdf(path=str(path), format="A4", print_background=True)
    assert page.evaluate("() => window.__closedForPrint") == 0, "Material opened every toggle"
    return PdfReader(path)


def test_publications_print_compactly_with_only_the_toggles_the_reader_opened(visit, demo):
    pytest.importorskip("pypdf", reason="pip install pypdf")
    opened = visit(demo.url + "publications/")
    page = opened.page
    abstracts = page.locator("details.research-abstract")
    texts = [words(t) for t in abstracts.locator(".research-abstract__text").all_text_contents()]
    assert len(texts) >= 5
    abstracts.nth(1).locator("> summary").click()  # the reader opens one abstract
    pdf = printed(page, "demo-publications")
    assert len(pdf.pages) <= 4, f"{len(pdf.pages)} A4 pages"

    text = words("\n".join(p.extract_text() for p in pdf.pages))
    assert texts[1][:80] in text, "the abstract the reader opened is printed"
    assert [t[:80] for t in texts if t[:80] in text] == [texts[1][:80]]
    assert "@article{" not in text and "@inproceedings{" not in text  # no BibTeX
    groups = page.locator("article .research-group").all_inner_texts()
    for number, sheet in enumerate(pdf.pages[:-1], start=1):
        lines = [line.strip() for line in sheet.extract_text().splitlines() if line.strip()]
        assert lines[-1] not in groups, f"heading {lines[-1]!r} alone at the end of page {number}"

    # After printing, Material closes what it opened; the reader's abstract stays open.
    expect(page.locator("details.research-toggle[open]")).to_have_count(1)
    assert abstracts.nth(1).evaluate("details => details.open")
    opened.assert_clean()


def test_cv_prints_without_navigation_or_toggles(visit, demo):
    pytest.importorskip("pypdf", reason="pip install pypdf")
    opened = visit(demo.url + "cv/")
    page = opened.page
    pdf = printed(page, "demo-cv")
    text = words("\n".join(p.extract_text() for p in pdf.pages))
    assert len(pdf.pages) <= 4, f"{len(pdf.pages)} A4 pages"
    assert text.startswith("Ada Quill"), text[:200]  # no header, tabs or navigation first
    for absent in ("Search", "Table of contents", "Made with", "A PDF of this page"):
        assert absent not in text
    assert "Education" in text and "Open Problems in Mechanistic Interpretability" in text
    opened.assert_clean()


# Screen readers and axe-core ----------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", DEMO_PAGES)
def test_axe_finds_nothing_in_the_demo_pages(visit, demo, path, scheme):
    """Writes tests/artifacts/demo-<page>-1280.png and -dark.png."""
    page = visit(demo.url + path).page
    if scheme == "dark":
        switch_to_dark(page)
    screenshot(page, f"{name(path)}-{'dark' if scheme == 'dark' else 1280}")
    if reason := missing_axe():
        pytest.skip(reason)
    assert axe_violations(page, "article") == []


def test_axe_finds_nothing_in_the_plugins_blocks_in_the_dark(visit, demo):
    """The documentation of the macros shows them with most options (filter, BibTeX blocks,
    compact lists, single entries); every page is checked in light in the test below."""
    if reason := missing_axe():
        pytest.skip(reason)
    page = visit(demo.url + "plugin/macros/").page
    switch_to_dark(page)
    assert axe_violations(page, {"include": [["article .research"]]}) == []


def test_more_authors_button_shows_and_hides_them_and_keeps_focus(visit, demo):
    page = visit(demo.url + "cv/").page
    row = page.locator("li.research-pub--compact", has=page.locator(".research-authors__toggle"))
    button = row.first.locator(".research-authors__toggle")
    more = row.first.locator(".research-authors__more")
    expect(more).to_be_hidden()
    expect(button).to_have_text(re.compile(r"^and \d+ more$"))
    label = button.inner_text()
    # A compact row stays one flowing line: the list, the button and the title inline.
    displays = row.first.evaluate(
        "li => ['.research-pub__authors', '.research-authors__more', '.research-authors__toggle']"
        ".map(s => getComputedStyle(li.querySelector(s)).display)"
    )
    assert displays[:2] == ["inline", "none"] and displays[2] in {"inline", "inline-block"}

    button.focus()
    page.keyboard.press("Enter")
    expect(more).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(button).to_be_focused()
    assert more.evaluate("e => getComputedStyle(e).display") == "inline"
    page.keyboard.press("Space")
    expect(more).to_be_hidden()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_have_text(label)
    expect(button).to_be_focused()

    no_js = visit(demo.url + "cv/", java_script_enabled=False).page
    row = no_js.locator("li.research-pub--compact", has=no_js.locator(".research-authors__toggle"))
    expect(row.first.locator(".research-authors__more")).to_be_visible()  # everyone is there
    expect(row.first.locator(".research-authors__toggle")).to_be_hidden()


def test_one_copy_button_per_bibtex_block_and_it_says_it_copied(visit, demo):
    """The demo turns on Material's ``content.code.copy``, which adds a button to code."""
    opened = visit(demo.url + "plugin/macros/")
    page = opened.page
    material_copy = "pre [data-md-type=copy], pre .md-clipboard"
    expect(page.locator(f"article {material_copy}").first).to_be_attached()  # Material's is on
    blocks = page.locator("article .research-bibtex")
    assert blocks.count() >= 1
    for block in blocks.all():
        assert block.locator(material_copy).count() == 0
        assert block.locator("button").count() == 1
    block = blocks.first
    if not block.is_visible():
        block.locator("xpath=ancestor::details[1]/summary").click()
    status = block.locator("[role=status]")
    expect(status).to_have_text("")
    block.locator(".research-copy").click()
    expect(status).to_have_text("Copied")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == block.locator("code").text_content()
    opened.assert_clean()


# Scripts: none fails, MathJax only where there is math ---------------------------------------


def test_every_page_logs_no_error_and_loads_mathjax_only_for_math(visit, demo):
    """And axe-core finds nothing in the plugin's blocks on any page."""
    assert len(demo.pages) >= 10
    with_math, violations = [], {}
    for path in demo.pages:
        opened = visit(demo.url + path)
        page = opened.page
        math = page.locator("article .arithmatex").count()
        loaded = any("/mathjax/tex-" in url for url in opened.requests)
        assert loaded == bool(math), f"{path or '/'}: {math} formulas, MathJax loaded: {loaded}"
        if math:
            with_math.append(path)
            expect(page.locator("article .arithmatex mjx-container")).to_have_count(math)
        blocks = not missing_axe() and page.locator("article .research").count()
        if blocks and (found := axe_violations(page, {"include": [["article .research"]]})):
            violations[path] = found
        opened.assert_clean()
        page.context.close()
    assert "plugin/fields/" in with_math  # the documentation's own example of page math
    assert violations == {}


def test_math_is_typeset_after_instant_navigation(visit, demo):
    opened = visit(demo.url + "talks/")
    page = opened.page
    page.evaluate("() => { window.__marker = 1; }")
    page.locator(".md-tabs a.md-tabs__link", has_text="Plugin").click()
    page.wait_for_url(re.compile(r"/plugin/$"))
    page.locator(".md-sidebar--primary a.md-nav__link[href$='fields/']").first.click()
    page.wait_for_url(re.compile(r"/plugin/fields/$"))
    # Instant navigation changes the address before it swaps the content in.
    page.locator("article .arithmatex").first.wait_for()
    formulas = page.locator("article .arithmatex").count()
    assert formulas >= 1
    expect(page.locator("article .arithmatex mjx-container")).to_have_count(formulas)
    page.go_back()
    page.wait_for_url(re.compile(r"/plugin/$"))
    page.go_forward()
    page.wait_for_url(re.compile(r"/plugin/fields/$"))
    expect(page.locator("article .arithmatex mjx-container")).to_have_count(formulas)
    assert page.evaluate("() => window.__marker") == 1, "the page was fully reloaded"
    opened.assert_clean()


# The `new` site -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def new_site(tmp_path_factory) -> Iterator[Served]:
    if reason := missing_browser():
        pytest.skip(reason)
    workdir = tmp_path_factory.mktemp("new")
    subprocess.run(
        [sys.executable, "-m", "mkdocs_research.cli", "new", "site"], cwd=workdir, check=True
    )
    built = _build(workdir / "site")
    with serve(built.site_dir) as url:
        yield Served(url, _pages(built.site_dir))


@pytest.mark.parametrize("system,scheme", [("dark", "slate"), ("light", "default")])
def test_new_site_follows_the_system_scheme_and_fetches_nothing_outside(
    visit, new_site, system, scheme
):
    assert len(new_site.pages) >= 4
    for path in new_site.pages:
        opened = visit(new_site.url + path, color_scheme=system)
        expect(opened.page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
        opened.assert_clean()


# Real bibliographies ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real(tmp_path_factory) -> Iterator[Served]:
    """Every ``.bib`` of ``fixtures/real/`` on one publications page, with a page for each
    publication, in Material with a light and a dark scheme to toggle between."""
    if reason := missing_browser():
        pytest.skip(reason)
    palette = [
        {"scheme": scheme, "toggle": {"icon": icon, "name": f"Switch to {name} mode"}}
        for scheme, icon, name in [
            ("default", "material/brightness-7", "dark"),
            ("slate", "material/brightness-4", "light"),
        ]
    ]
    root = write_site(
        tmp_path_factory.mktemp("real") / "site",
        {"index.md": "# Publications\n\n{{ publications(group_by='year') }}\n"},
        plugin={"publication_pages": True},
        extra={"theme": {"name": "material", "font": False, "palette": palette}},
    )
    (root / "data").mkdir()
    for bib in sorted(REAL.rglob("*.bib")):
        parts = [part for part in bib.relative_to(REAL).parts if part != "_bibliography"]
        shutil.copy(bib, root / "data" / "-".join(parts))
    built = _build(root)
    with serve(built.site_dir) as url:
        yield Served(url, _pages(built.site_dir))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_open_abstract_and_bibtex_toggles_keep_their_contrast(visit, real, scheme):
    """An open toggle's label sits on the code background; in the dark scheme the link
    colour there fell below 4.5:1."""
    if reason := missing_axe():
        pytest.skip(reason)
    page = visit(real.url).page
    if scheme == "dark":
        switch_to_dark(page)
    rows = ["Kwiat1999", "Goebl2025", "Andronic-2008gu", "Santangelo2025"]
    for row in rows:
        for summary in page.locator(f"[id='pub-{row}'] details.research-toggle > summary").all():
            summary.click()
    expect(page.locator("details.research-toggle[open]")).to_have_count(6)
    selector = ", ".join(f"[id='pub-{row}']" for row in rows)
    assert axe_violations(page, selector) == []


_OVERFLOW = """() => [...document.querySelectorAll('article li.research-pub')]
  .filter(row => row.scrollWidth > row.clientWidth + 1
    || row.getBoundingClientRect().right > document.documentElement.clientWidth)
  .map(row => row.id)"""


def test_real_bibliographies_fit_phones_and_desktops_and_print_every_row(visit, real):
    """Long author lists (``and others``, 24 names), MathML titles, three URLs and two DOIs in
    a row, long BibTeX lines: nothing wider than the screen, open or closed; on paper every
    row, no toggle and nothing cut at the right edge."""
    for width in (390, 768, 1280):
        opened = visit(real.url, viewport={"width": width, "height": 844})
        page = opened.page
        rows = page.locator("article li.research-pub").count()
        assert rows >= 80
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        for button in page.locator(".research-authors__toggle").all():
            button.click()
        expect(page.locator(".research-authors__more--shown")).to_have_count(2)
        assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
        assert page.evaluate(_OVERFLOW) == []

    page = visit(real.url, viewport={"width": 794, "height": 1123}).page  # A4 at 96 dpi
    page.emulate_media(media="print")
    visible = page.locator("article li.research-pub:visible")
    expect(visible).to_have_count(rows)
    expect(page.locator("article details.research-toggle:visible")).to_have_count(0)
    expect(
        page.locator(".md-header:visible, .md-sidebar:visible, .md-footer:visible")
    ).to_have_count(0)
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
    assert page.evaluate(_OVERFLOW) == []
