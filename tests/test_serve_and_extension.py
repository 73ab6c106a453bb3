"""``mkdocs serve`` keeps parsed data between rebuilds, and the Markdown extension renders the
same macros where no MkDocs plugin runs."""

from __future__ import annotations

import os
from pathlib import Path

import markdown
from bs4 import BeautifulSoup
from conftest import _build, kept_plugin, write_site

BIB = "@article{a, title={First}, author={Quill, Ada}, year=2020}\n"


def engine_of(root: Path):
    """The engine the plugin keeps for this site across rebuilds."""
    engine = kept_plugin().research
    assert engine.options.root == root.resolve()
    return engine


def test_rebuilds_reuse_parsed_data_until_a_file_changes(tmp_path):
    root = write_site(
        tmp_path / "s",
        {"index.md": "{{ publications() }}", "other.md": "# Other"},
        {"papers.bib": BIB, "talks.yml": "- {date: 2020, title: T}\n"},
    )
    _build(root)
    engine = engine_of(root)
    parsed = engine.store.parse_count
    assert parsed == 2  # papers.bib and talks.yml
    (root / "docs" / "other.md").write_text("# Other, edited")
    _build(root)
    assert engine.store.parse_count == parsed  # an unrelated page edit re-parses nothing
    bib = root / "data" / "papers.bib"
    bib.write_text(BIB + "@article{b, title={Second}, year=2021}\n")
    os.utime(bib, ns=(bib.stat().st_mtime_ns + 10**9,) * 2)
    site = _build(root)
    assert engine.store.parse_count == parsed + 1  # only the edited file
    assert [t.get_text() for t in site.html().select(".research-pub__title")] == ["Second", "First"]


def test_serve_watches_data_templates_and_outside_bibliographies(tmp_path):
    templates = tmp_path / "overrides"
    templates.mkdir()
    (tmp_path / "refs.bib").write_text(BIB)
    root = write_site(
        tmp_path / "s",
        {"index.md": "x"},
        {"profile.yml": "name: Ada Quill\n"},
        plugin={"templates": str(templates), "bibliography": ["../refs.bib"]},
    )
    _build(root)
    (templates / "icons").mkdir()
    watched, parents = _serve_watches(root)
    assert watched[(root / "data").resolve()] is True  # with its subfolders
    assert watched[templates.resolve()] is False  # only where templates are read
    assert watched[templates.resolve() / "icons"] is False
    assert watched[(tmp_path / "refs.bib").resolve()] is False
    assert templates.resolve() / "cv" not in watched  # not there (yet)
    # and the folders holding them, to watch each again when it is moved away and back
    assert parents == {root.resolve(), tmp_path.resolve(), templates.resolve()}


def _serve_watches(root: Path) -> tuple[dict[Path, bool], set[Path]]:
    """What the plugin watches under ``mkdocs serve`` (and whether with subfolders), and the
    folders it observes for watched paths that are created again."""
    from mkdocs.config import load_config

    class Observer:
        def __init__(self) -> None:
            self.folders: set[Path] = set()

        def schedule(self, handler: object, path: str) -> None:
            self.folders.add(Path(path))

    class Server:
        def __init__(self) -> None:
            self.paths: dict[Path, bool] = {}
            self.observer = Observer()

        def watch(self, path: str, *, recursive: bool = True) -> None:
            self.paths[Path(path)] = recursive

    config = load_config(config_file=str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)
    server = Server()
    config.plugins.on_serve(server, config=config, builder=lambda: None)
    return server.paths, server.observer.folders


def test_markdown_extension_renders_macros_without_mkdocs(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "papers.bib").write_text(BIB)
    monkeypatch.chdir(tmp_path)
    html = markdown.markdown(
        "# Papers\n\n{{ publications() }}\n\n`{{ publications() }}`\n",
        extensions=["mkdocs_research.markdown"],
        extension_configs={"mkdocs_research.markdown": {"highlight_names": ["Ada Quill"]}},
    )
    soup = BeautifulSoup(html, "html.parser")
    assert [t.get_text() for t in soup.select(".research-pub__title")] == ["First"]
    assert soup.select_one(".research-author--owner").get_text() == "Ada Quill"
    assert soup.select_one("p > code").get_text() == "{{ publications() }}"
    assert soup.select("p > div") == []  # block HTML is not wrapped in a paragraph


def test_plain_python_markdown_gets_the_groups_and_sections_in_its_toc(tmp_path, monkeypatch):
    """The table of contents is built inside the extension: any host running ``toc`` sees
    the headings of the macros' HTML, once, where they are, nested under the page's own."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "papers.bib").write_text(BIB + "@article{b, title={Second}, year=2021}\n")
    (tmp_path / "data" / "cv.yml").write_text(
        "- id: jobs\n  title: Jobs & Roles\n  entries:\n    - text: One\n"
    )
    monkeypatch.chdir(tmp_path)
    md = markdown.Markdown(extensions=["toc", "mkdocs_research.markdown"])
    text = "# Me\n\n## Papers\n\n{{ publications(group_by='year') }}\n\n## CV\n\n{{ cv() }}\n"
    html = md.convert(text)

    papers, cv = md.toc_tokens[0]["children"]
    assert [(t["id"], t["name"]) for t in papers["children"]] == [
        ("group-2021", "2021"),
        ("group-2020", "2020"),
    ]
    assert [(t["level"], t["id"], t["name"]) for t in cv["children"]] == [
        (3, "cv-jobs", "Jobs &amp; Roles")
    ]
    soup = BeautifulSoup(html, "html.parser")
    assert [h["id"] for h in soup.select("h3.research-group")] == ["group-2021", "group-2020"]
    assert soup.select("[data-research-toc]") == []  # shown to toc only, then taken out
    assert len(soup.select("h3")) == 3  # two years and one section title, nothing twice
    md.reset()
    assert "group-" not in md.convert("# Plain page\n")  # nothing carries over to the next


def test_disk_cache_skips_parsing_on_the_next_build_and_is_safe_to_delete(tmp_path):
    import shutil

    from mkdocs_research.options import Options
    from mkdocs_research.research import Research

    root = write_site(tmp_path / "s", {"index.md": "x"}, {"papers.bib": BIB})
    first = Research(Options.from_mapping(root, {}))
    first.refresh()
    first.finish()
    assert first.store.parse_count == 1
    cache = root / ".cache" / "plugin" / "research"
    assert len(list(cache.glob("*.json"))) == 1
    second = Research(Options.from_mapping(root, {}))  # a new process, in effect
    second.refresh()
    second.finish()
    assert second.store.parse_count == 0
    assert [p.key for p in second.store.publications] == ["a"]
    (cache / next(cache.iterdir()).name).write_bytes(b"garbage")  # a damaged entry is re-made
    third = Research(Options.from_mapping(root, {}))
    third.refresh()
    third.finish()
    assert third.store.parse_count == 1
    shutil.rmtree(root / ".cache")
    fourth = Research(Options.from_mapping(root, {}))
    fourth.refresh()
    fourth.finish()
    assert fourth.store.parse_count == 1 and fourth.store.publications[0].key == "a"
