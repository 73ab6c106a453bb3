"""Macro outputs and publication rows are cached, in memory under ``mkdocs serve`` and in
``.cache/plugin/research/`` (``calls.json``, ``rows.json``) across builds, and never
outlive what they show."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import Site, _build, kept_plugin, new_process, write_site
from mkdocs.config.defaults import MkDocsConfig

BIB = """\
@article{a, title={First}, author={Quill, Ada and Doe, Jane}, journal={J}, year=2020}
@article{b, title={Second}, author={Doe, Jane}, journal={K}, year=2021}
@misc{c, title={Third}, year=2022}
"""
PAGES = {
    "index.md": "# Papers\n\n{{ publications() }}\n",
    "short.md": "{{ publications(style='compact') }}",
}


def rows_file(root: Path, name: str = "rows") -> Path:
    return root / ".cache" / "plugin" / "research" / f"{name}.json"


def cached_rows(root: Path, name: str = "rows") -> dict[str, list[str]]:
    """What the cache file holds: a stamp, then one line of JSON an entry."""
    lines = rows_file(root, name).read_text(encoding="utf-8").split("\n")[1:]
    return {key: [html, search] for key, html, search in map(json.loads, lines)}


def tamper(root: Path, name: str) -> None:
    """Change the title 'First' in what the cache holds, to see whether a build uses it."""
    stamp, *lines = rows_file(root, name).read_text(encoding="utf-8").split("\n")
    entries = [json.loads(line) for line in lines]
    (index,) = [
        i for i, (_, html, _) in enumerate(entries) if ">First<" in html and "pub__body" in html
    ]
    key, html, search = entries[index]
    lines[index] = json.dumps([key, html.replace(">First<", ">From the cache<"), search])
    rows_file(root, name).write_text("\n".join([stamp, *lines]), encoding="utf-8")


def titles(site: Site, page: str = "index.html") -> list[str]:
    return [t.get_text() for t in site.html(page).select(".research-pub__title")]


def touch(path: Path, text: str) -> None:
    """Write ``text`` with a later modification time (the store compares mtimes)."""
    mtime = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(mtime + 10**9,) * 2)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    new_process()
    return write_site(
        tmp_path / "s", PAGES, {"papers.bib": BIB}, plugin={"highlight_names": ["Ada Quill"]}
    )


def test_a_second_build_writes_the_same_pages_from_the_cache(root: Path) -> None:
    first = _build(root)
    pages = {
        name: first.html(name).select_one(".research")
        for name in ("index.html", "short/index.html")
    }
    assert len(cached_rows(root)) == 6  # three entries in two styles
    new_process()
    second = _build(root)
    for name, html in pages.items():
        assert second.html(name).select_one(".research") == html


@pytest.mark.parametrize("name", ["calls", "rows"])
def test_what_the_cache_holds_is_what_the_next_build_shows(root: Path, name: str) -> None:
    """Proof that outputs and rows come from the cache: a change in the file shows on the
    page. Rows are used when the whole output is not cached."""
    _build(root)
    tamper(root, name)
    if name == "rows":
        rows_file(root, "calls").unlink()
    new_process()
    assert titles(_build(root)) == ["Third", "Second", "From the cache"]


def test_an_unrelated_page_edit_renders_no_macro_again(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs_research.macros import Macros

    rendered: list[str] = []
    call = Macros.call

    def counting(self: Macros, found):
        rendered.append(f"{found.name}{found.kwargs}")
        return call(self, found)

    monkeypatch.setattr(Macros, "call", counting)
    _build(root)
    assert sorted(rendered) == ["publications{'style': 'compact'}", "publications{}"]
    rendered.clear()
    (root / "docs" / "short.md").write_text("{{ publications(style='compact', year=2021) }}")
    site = _build(root)  # as under serve: the engine, with its outputs, is kept
    assert rendered == ["publications{'style': 'compact', 'year': 2021}"]
    assert titles(site) == ["Third", "Second", "First"]
    assert titles(site, "short/index.html") == ["Second"]


@pytest.mark.parametrize("process", ["serve", "new build"])
def test_an_edited_entry_is_rendered_again(root: Path, process: str) -> None:
    _build(root)
    if process == "new build":
        new_process()
    touch(root / "data" / "papers.bib", BIB.replace("{First}", "{First, revised}"))
    site = _build(root)
    assert titles(site) == ["Third", "Second", "First, revised"]
    assert len(cached_rows(root)) == 6  # the old row is dropped, not kept beside the new one


@pytest.mark.parametrize("process", ["serve", "new build"])
def test_publications_yml_and_templates_reach_cached_rows(root: Path, process: str) -> None:
    site = _build(root)
    assert site.html().select_one("#pub-a .research-author--owner").get_text() == "Ada Quill"

    def rebuild() -> Site:
        if process == "new build":
            new_process()
        return _build(root)

    touch(root / "data" / "publications.yml", "a:\n  award_name: Best Paper\n")
    assert rebuild().html().select_one("#pub-a .research-badge").get_text() == "Best Paper"

    overrides = root / "overrides"
    overrides.mkdir()
    (overrides / "authors.html").write_text('<span class="mine">{{ pub.authors | length }}</span>')
    config = (root / "mkdocs.yml").read_text()
    touch(
        root / "mkdocs.yml",
        config.replace("highlight_names:", "templates: overrides\n    highlight_names:"),
    )
    assert rebuild().html().select_one("#pub-a .mine").get_text() == "2"
    touch(overrides / "authors.html", '<span class="mine">n={{ pub.authors | length }}</span>')
    assert rebuild().html().select_one("#pub-a .mine").get_text() == "n=2"


@pytest.mark.parametrize("process", ["serve", "new build"])
def test_the_owner_named_in_profile_yml_reaches_cached_rows(tmp_path: Path, process: str) -> None:
    new_process()
    root = write_site(
        tmp_path / "s", PAGES, {"papers.bib": BIB, "profile.yml": "name: Ada Quill\n"}
    )
    owners = _build(root).html().select(".research-author--owner")
    assert [o.get_text() for o in owners] == ["Ada Quill"]
    if process == "new build":
        new_process()
    touch(root / "data" / "profile.yml", "name: Jane Doe\n")
    owners = _build(root).html().select(".research-author--owner")
    assert [o.get_text() for o in owners] == ["Jane Doe", "Jane Doe"]


@pytest.mark.parametrize("process", ["serve", "new build"])
def test_a_coauthors_page_from_coauthors_yml_reaches_cached_rows(root: Path, process: str) -> None:
    def doe_links() -> list[str]:
        if process == "new build":
            new_process()
        site = _build(root)
        return [a["href"] for a in site.html().select(".research-author a")]

    assert doe_links() == []
    touch(root / "data" / "coauthors.yml", "Doe:\n  - url: https://example.org/doe\n")
    assert doe_links() == ["https://example.org/doe"] * 2
    touch(root / "data" / "coauthors.yml", "Doe:\n  - url: https://example.org/jane\n")
    assert doe_links() == ["https://example.org/jane"] * 2


def test_a_damaged_cache_is_ignored_and_replaced(root: Path) -> None:
    _build(root)
    for name in ("calls", "rows"):
        rows_file(root, name).write_bytes(b"not json")
    new_process()
    assert titles(_build(root)) == ["Third", "Second", "First"]
    assert len(cached_rows(root, "calls")) == 2
    assert len(cached_rows(root)) == 6


def test_the_search_copy_of_a_list_is_what_the_page_scan_gives(root: Path) -> None:
    """Lists hand the search index their rows' cached text; it must equal what scanning the
    rendered page for rows, toggles and buttons gives."""
    from mkdocs_research.context import PageContext
    from mkdocs_research.options import Options
    from mkdocs_research.rendering import lean_for_search
    from mkdocs_research.research import Research

    engine = Research(Options.from_mapping(root, {"highlight_names": ["Ada Quill"]}))
    engine.refresh()
    text = "# Papers\n\n{{ publications(filter=true) }}\n\n{{ publications(style='compact') }}"
    page, _ = engine.expand(text, PageContext("index.md", "", search=True), lambda html: html)
    copies = engine.search_copies["index.md"]
    assert len(copies) == 2
    assert all("research-toggle" not in copy and "<li>" in copy for copy in copies.values())
    lean = engine.lean_for_search(page, "index.md")  # the copies swapped in
    assert engine.search_copies == {}  # and let go
    assert lean == lean_for_search(page)  # the page scanned
    assert "research-toggle" not in lean and "<form" not in lean
    assert lean.count("<li>") == 6 and "First" in lean


def test_serve_writes_the_cache_folder_once_when_it_stops(root: Path) -> None:
    """Writing some 20 MB of JSON after every rebuild of a long list would cost more than the
    rebuild itself: under ``mkdocs serve`` the cache lives in memory until the server stops."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    def serve_build() -> MkDocsConfig:
        config = load_config(config_file=str(root / "mkdocs.yml"))
        config.plugins.on_startup(command="serve", dirty=False)
        build(config)
        return config

    cache = root / ".cache" / "plugin" / "research"
    serve_build()
    touch(root / "data" / "papers.bib", BIB.replace("{First}", "{First, revised}"))
    config = serve_build()
    assert not cache.exists()
    config.plugins.on_shutdown()
    assert len(cached_rows(root)) == 6 and len(cached_rows(root, "calls")) == 2
    assert len([f for f in cache.iterdir() if f.stem not in {"rows", "calls"}]) == 1
    new_process()
    site = _build(root)
    assert kept_plugin().research.store.parse_count == 0
    assert titles(site) == ["Third", "Second", "First, revised"]


def test_a_compact_cache_and_a_serving_one_keep_and_write_the_same(tmp_path: Path) -> None:
    from mkdocs_research.cache import RenderCache

    row = ('<li class="research-pub">𝒪(n) in "quotes"\n</li>', "<li>𝒪(n)</li>")
    written = []
    for compact in (True, False):
        cache = RenderCache(tmp_path / f"{compact}.json", compact=compact)
        assert cache.put(b"k" * 16, row) == row
        assert cache.get(b"k" * 16) == row
        cache.end_build()
        cache.write()
        written.append((tmp_path / f"{compact}.json").read_bytes())
        again = RenderCache(tmp_path / f"{compact}.json", compact=compact)
        assert again.get(b"k" * 16) == row and again.get(b"x" * 16) is None
    assert written[0] == written[1]
    assert written[0].isascii()  # a line of JSON an entry, one byte a character
