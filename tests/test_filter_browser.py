"""A visitor filters a publication list in the page (``publications(filter=true)``), in
headless Chromium; the same list is complete without JavaScript."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_helpers import CHROMIUM, CHROMIUM_ARGS, missing_browser, serve
from conftest import _build, write_site

pytestmark = pytest.mark.browser

BIB = (Path(__file__).parent / "fixtures" / "custom.bib").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = write_site(
        tmp_path_factory.mktemp("filter"),
        {"index.md": "# Papers\n\n{{ publications(group_by='year', filter=true) }}\n"},
        {"papers.bib": BIB},
        extra={"theme": {"name": "material", "font": False, "features": ["navigation.instant"]}},
    )
    return _build(root).site_dir


def visible_titles(page) -> list[str]:
    return page.locator("li.research-pub:visible .research-pub__title").all_inner_texts()


def test_filters_narrow_the_visible_rows(site: Path) -> None:
    if reason := missing_browser():
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url)
        form = page.locator("form.research-filter")
        assert (form.get_attribute("role"), form.get_attribute("aria-label")) == (
            "search",
            "Filter publications",
        )
        count = page.locator(".research-filter__count")
        assert count.get_attribute("role") == "status"  # read out as it changes
        assert len(visible_titles(page)) == 6
        page.fill(".research-filter__text", "pruning")
        assert visible_titles(page) == ["Cyclical Pruning"]
        assert count.inner_text() == "1 of 6"
        assert page.locator("h2.research-group:visible").all_inner_texts() == ["2019"]
        page.fill(".research-filter__text", "")
        page.select_option(".research-filter__type", "thesis")
        assert visible_titles(page) == ["Gradient-based Methods for Interpretability"]
        page.select_option(".research-filter__type", "")
        page.select_option(".research-filter__year", "2022")
        page.select_option(".research-filter__tag", "robustness")
        assert visible_titles(page) == ["Efficient Training of Low-Curvature Neural Networks"]
        page.select_option(".research-filter__tag", "pruning")
        assert visible_titles(page) == []
        assert count.inner_text() == "No publications match"
        page.keyboard.press("Enter")  # submitting the form must not reload the page
        assert page.url == url

        no_js = browser.new_page(java_script_enabled=False)
        no_js.goto(url)
        assert len(visible_titles(no_js)) == 6
        assert not no_js.locator(".research-filter").is_visible()
        browser.close()


def test_a_tag_with_a_bar_can_be_picked(tmp_path: Path) -> None:
    """``data-tags`` joins a row's tags with ``|``; a tag holding one must still match."""
    if reason := missing_browser():
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    bib = (
        "@article{a, title = {Piped}, year = 2021, keywords = {in|out, 100% sure}}\n"
        "@article{b, title = {Split}, year = 2020, keywords = {in, out}}\n"
    )
    root = write_site(
        tmp_path / "s", {"index.md": "{{ publications(filter=true) }}\n"}, {"papers.bib": bib}
    )
    site = _build(root).site_dir
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url)
        options = page.locator(".research-filter__tag option").all_inner_texts()
        assert options == ["All tags", "100% sure", "in", "in|out", "out"]
        page.select_option(".research-filter__tag", label="in|out")
        assert visible_titles(page) == ["Piped"]
        page.select_option(".research-filter__tag", label="in")
        assert visible_titles(page) == ["Split"]
        page.select_option(".research-filter__tag", label="100% sure")
        assert visible_titles(page) == ["Piped"]
        browser.close()
