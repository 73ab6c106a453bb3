"""One source, every host: the same fixture site built by MkDocs, MkDocs with mkdocs-macros
(in both plugin orders), ProperDocs and Zensical gives the same research markup, table of
contents, publication pages with their head tags, publications.bib and feed.xml.

Documented differences (docs/plugin/hosts.md) are normalised here, nothing else: Zensical
runs only the Markdown extension, after `mkdocs-research generate` has written the files the
plugin makes under MkDocs, and its search reads and then removes the `data-search-exclude`
attributes.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

#: Each host builds in a process of its own (MkDocs, ProperDocs, Zensical).
pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "fixtures" / "hosts"


def research_markup(html: str) -> list[str]:
    """The top-level research blocks of a page, whitespace-normalised."""
    soup = BeautifulSoup(html, "html.parser")
    blocks = [
        element
        for element in soup.select(".research")
        if not any("research" in (p.get("class") or []) for p in element.parents)
    ]
    for element in soup.select("[data-search-exclude]"):
        del element["data-search-exclude"]  # Zensical removes them after indexing
    return [re.sub(r">\s+<", "><", " ".join(str(b).split())) for b in blocks]


def copy_fixture(tmp_path: Path, name: str) -> Path:
    root = tmp_path / name
    shutil.copytree(FIXTURE, root)
    return root


def set_plugins(root: Path, plugins: list[str]) -> None:
    """Plugins in this order, ``research`` with the fixture's options."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text())
    (research,) = [p for p in config["plugins"] if isinstance(p, dict)]
    config["plugins"] = [research if name == "research" else name for name in plugins]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config))


def run(command: list[str], root: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def needs(module: str, package: str) -> None:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{package} is not installed: pip install -e '.[test]'")


NESTED = "# All papers\n\n{{ publications(style='compact') }}\n"


@dataclass
class Built:
    """What a visitor and a crawler get from one build of the fixture."""

    site: Path
    blocks: list[str]

    def page(self, path: str) -> BeautifulSoup:
        return BeautifulSoup((self.site / path).read_text(encoding="utf-8"), "html.parser")

    def toc(self, path: str = "index.html") -> list[tuple[str, str]]:
        nav = self.page(path).select_one("nav.md-nav--secondary")
        return [(a.get_text(strip=True), a["href"]) for a in nav.select("a.md-nav__link")]

    def publication_pages(self) -> dict[str, tuple[list[tuple[str, str]], str]]:
        """Each publication page: its head tags for crawlers, and its article."""
        pages = {}
        for index in sorted((self.site / "publications").glob("*/index.html")):
            soup = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
            tags = [
                (meta.get("name") or meta["property"], meta["content"])
                for meta in soup.head.select("meta[name^=citation_], meta[property^='og:']")
            ]
            tags += [("json-ld", soup.head.select_one("script[type='application/ld+json']").string)]
            article = soup.select_one("article.research")
            pages[index.parent.name] = (
                tags,
                re.sub(r">\s+<", "><", " ".join(str(article).split())),
            )
        return pages


def build(root: Path, command: list[str]) -> Built:
    (root / "docs" / "papers").mkdir(exist_ok=True)
    (root / "docs" / "papers" / "all.md").write_text(NESTED)
    run(command, root)
    site = root / "site"
    blocks = research_markup((site / "index.html").read_text())
    blocks += research_markup((site / "papers" / "all" / "index.html").read_text())
    return Built(site, blocks)


@pytest.fixture(scope="module")
def mkdocs_site(tmp_path_factory) -> Built:
    root = copy_fixture(tmp_path_factory.mktemp("mkdocs"), "site")
    return build(root, [sys.executable, "-m", "mkdocs", "build", "--strict"])


@pytest.fixture(scope="module")
def baseline(mkdocs_site: Built) -> list[str]:
    assert len(mkdocs_site.blocks) == 6  # profile, two publication lists, talks, CV; nested
    return mkdocs_site.blocks


def test_mkdocs_renders_every_block(baseline):
    soup = BeautifulSoup("".join(baseline[:5]), "html.parser")
    assert len(soup.select("li.research-pub")) == 7
    assert len(soup.select(".research-talk")) == 4
    assert len(soup.select(".research-cv__section")) == 8
    name = soup.select_one(".research-profile .research-profile__name")
    assert (name.name, name.get_text()) == ("p", "Ada Quill")  # the page has a title: no 2nd h1
    nested = BeautifulSoup(baseline[5], "html.parser")
    assert nested.select_one("#pub-quill2022lowcurv a[href='../lcnn.pdf']")  # papers/lcnn.pdf


@pytest.mark.parametrize("order", ["macros first", "research first"])
def test_mkdocs_macros_in_either_order(tmp_path, baseline, order):
    needs("mkdocs_macros", "mkdocs-macros-plugin")
    root = copy_fixture(tmp_path, "site")
    plugins = (
        ["search", "macros", "research"]
        if order == "macros first"
        else ["search", "research", "macros"]
    )
    set_plugins(root, plugins)
    (root / "docs" / "jinja.md").write_text(
        "# Jinja\n\n{% for y in [2022, 2019] %}\n## {{ y }}\n\n{{ publications(year=y) }}\n{% endfor %}\n"
        "Site: {{ config.site_name }}\n"
    )
    assert build(root, [sys.executable, "-m", "mkdocs", "build", "--strict"]).blocks == baseline
    jinja = BeautifulSoup((root / "site" / "jinja" / "index.html").read_text(), "html.parser")
    assert [r["id"] for r in jinja.select("li.research-pub")] == [
        "pub-quill2022lowcurv",
        "pub-quill2019workshop",
    ]
    assert "Site: Hosts" in jinja.get_text()  # the macros plugin's own variables still work
    assert "{{" not in jinja.select_one(".md-content").get_text()


def test_properdocs(tmp_path, baseline):
    needs("properdocs", "properdocs")
    root = copy_fixture(tmp_path, "site")
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml"]
    assert build(root, command).blocks == baseline


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Built:
    """The fixture under Zensical: the Markdown extension with the plugin's options, and
    what `mkdocs-research generate` writes."""
    needs("zensical", "zensical")
    root = copy_fixture(tmp_path_factory.mktemp("zensical"), "site")
    config = yaml.safe_load((root / "mkdocs.yml").read_text())
    options = config["plugins"][1]["research"]
    config["plugins"] = ["search"]
    config["theme"]["custom_dir"] = "overrides"
    config["markdown_extensions"].append({"mkdocs_research.markdown": options})
    config["extra_css"] = ["assets/research/research.css", "assets/research/icons.css"]
    config["extra_javascript"] = ["assets/research/research.js"]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config))
    generated = run([sys.executable, "-m", "mkdocs_research.cli", "generate"], root)
    assert "Next:" not in generated.stdout  # nothing left to configure
    zensical = shutil.which("zensical")
    assert zensical, "the zensical package installs a zensical command"
    return build(root, [zensical, "build"])


def test_zensical_renders_the_same_blocks(zensical_site, baseline):
    assert zensical_site.blocks == baseline
    soup = zensical_site.page("index.html")
    assert soup.select_one('link[href$="assets/research/icons.css"]') is not None
    assert (zensical_site.site / "assets" / "research" / "research.js").is_file()


def test_zensical_lists_cv_sections_and_year_groups_in_the_toc(zensical_site, mkdocs_site):
    toc = zensical_site.toc()
    assert toc == mkdocs_site.toc()
    assert ("Education", "#cv-education") in toc and ("2022", "#group-2022") in toc
    assert len([href for _, href in toc if href.startswith("#cv-")]) == 8


def test_zensical_has_the_same_publication_pages(zensical_site, mkdocs_site):
    pages = zensical_site.publication_pages()
    assert pages == mkdocs_site.publication_pages()
    assert len(pages) == 6
    tags, _ = pages["quill2022lowcurv"]
    assert ("citation_title", "Efficient Training of Low-Curvature Neural Networks") in tags
    assert ("og:url", "https://example.org/hosts/publications/quill2022lowcurv/") in tags
    nav = zensical_site.page("index.html").select_one("nav.md-nav--primary")
    assert "quill2022lowcurv" not in str(nav)  # kept out of the navigation, as under MkDocs


def test_zensical_has_the_same_bibliography_and_feed(zensical_site, mkdocs_site):
    for name in ("publications.bib", "feed.xml"):
        assert (zensical_site.site / name).read_bytes() == (mkdocs_site.site / name).read_bytes()
    assert b"<entry>" in (zensical_site.site / "feed.xml").read_bytes()
