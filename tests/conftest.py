"""Test helpers: build real MkDocs sites into temporary folders and read them as a visitor.

``make_site`` writes ``mkdocs.yml``, pages and data files, runs the real ``mkdocs build``
in-process and returns the built site with the warnings MkDocs logged.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from browser_helpers import CHROMIUM, CHROMIUM_ARGS, Visit, missing_browser, open_visit
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass
class Site:
    """A built site: its folders and what MkDocs logged while building it."""

    root: Path
    site_dir: Path
    warnings: list[str] = field(default_factory=list)

    def html(self, page: str = "index.html") -> BeautifulSoup:
        """A built page, parsed with a real HTML parser."""
        return BeautifulSoup((self.site_dir / page).read_text(encoding="utf-8"), "html.parser")

    def rebuild(self) -> Site:
        return _build(self.root)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _build(root: Path) -> Site:
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(config_file=str(root / "mkdocs.yml"))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        logger.removeHandler(handler)
    return Site(root, root / "site", handler.messages)


def kept_plugin():
    """The ``research`` plugin instance MkDocs keeps across builds in this process (as it
    does across ``mkdocs serve`` rebuilds), if one was made."""
    return MkDocsConfig.plugins.plugin_cache.get("research")


def new_process() -> None:
    """What a fresh ``mkdocs build`` starts with: no plugin instance, so no engine, kept."""
    MkDocsConfig.plugins.plugin_cache.pop("research", None)


def strict_build(root: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` in a separate process, as a user runs it; not checked."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def run_cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``mkdocs-research ARGS`` in a separate process, as a user runs it; not checked."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs_research.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def write_site(
    root: Path,
    pages: dict[str, str],
    data: dict[str, str] | None = None,
    plugin: dict[str, Any] | None = None,
    theme: str = "material",
    extra: dict[str, Any] | None = None,
) -> Path:
    """Write a site's files; texts are dedented so tests can indent them."""
    config: dict[str, Any] = {
        "site_name": "Test",
        "site_url": "https://example.org/",
        "theme": {"name": theme},
        "plugins": [{"research": plugin or {}}],
        "markdown_extensions": ["attr_list", "md_in_html", "pymdownx.superfences"],
        **(extra or {}),
    }
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    for name, text in pages.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    for name, text in (data or {}).items():
        path = root / "data" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Site]:
    """``make_site(pages, data, plugin=..., theme=...)`` → a freshly built :class:`Site`."""
    counter = iter(range(1000))

    def make(pages: dict[str, str], data: dict[str, str] | None = None, **kwargs: Any) -> Site:
        root = write_site(tmp_path / f"site{next(counter)}", pages, data, **kwargs)
        return _build(root)

    return make


@pytest.fixture
def alfolio_bib() -> str:
    """An al-folio ``papers.bib`` as al-folio ships it, plus this project's fields."""
    return (FIXTURES / "alfolio.bib").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium (Debian's) driven by Playwright; skips, saying why, without them."""
    if reason := missing_browser():
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def visit(browser: Any) -> Iterator[Callable[..., Visit]]:
    """``visit(url, **context)`` opens ``url`` in a new browser context (see
    :func:`browser_helpers.open_visit`); the contexts close after the test."""
    contexts = []

    def open_page(url: str, **context: Any) -> Visit:
        browser_context, opened = open_visit(browser, url, **context)
        contexts.append(browser_context)
        return opened

    yield open_page
    for browser_context in contexts:
        browser_context.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests, and property-based tests (hundreds of examples each), are slow: like
    the serve, fuzz and example-site tests, they are left out of the quick loop
    (``-m "not slow"``)."""
    for item in items:
        hypothesis = getattr(getattr(item, "obj", None), "is_hypothesis_test", False)
        if hypothesis or item.get_closest_marker("browser") is not None:
            item.add_marker(pytest.mark.slow)
