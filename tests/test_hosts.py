"""One source, every host: the same fixture site built by MkDocs, MkDocs with mkdocs-macros
(in both plugin orders), ProperDocs and Zensical gives the same research markup.

Documented differences (docs/plugin/hosts.md) are normalised here, nothing else: Zensical
runs only the Markdown extension, so pages there carry no plugin-made head tags, feed or
publications.bib, the stylesheets come from `mkdocs-research assets`, and its search reads
and then removes the `data-search-exclude` attributes.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

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


def set_plugins(root: Path, plugins: list) -> None:
    config = yaml.safe_load((root / "mkdocs.yml").read_text())
    config["plugins"] = plugins
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config))


def run(command: list[str], root: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def needs(module: str, package: str) -> None:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{package} is not installed: pip install -e '.[test]'")


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> list[str]:
    root = copy_fixture(tmp_path_factory.mktemp("mkdocs"), "site")
    run([sys.executable, "-m", "mkdocs", "build", "--strict"], root)
    blocks = research_markup((root / "site" / "index.html").read_text())
    assert len(blocks) == 5  # profile, two publication lists, talks, CV
    return blocks


def test_mkdocs_renders_every_block(baseline):
    soup = BeautifulSoup("".join(baseline), "html.parser")
    assert len(soup.select("li.research-pub")) == 7
    assert len(soup.select(".research-talk")) == 4
    assert len(soup.select(".research-cv__section")) == 8
    name = soup.select_one(".research-profile .research-profile__name")
    assert (name.name, name.get_text()) == ("p", "Ada Quill")  # the page has a title: no 2nd h1


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
    run([sys.executable, "-m", "mkdocs", "build", "--strict"], root)
    assert research_markup((root / "site" / "index.html").read_text()) == baseline
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
    run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml"], root)
    assert research_markup((root / "site" / "index.html").read_text()) == baseline


def test_zensical_with_the_markdown_extension(tmp_path, baseline):
    needs("zensical", "zensical")
    root = copy_fixture(tmp_path, "site")
    config = yaml.safe_load((root / "mkdocs.yml").read_text())
    config["plugins"] = ["search"]
    config["markdown_extensions"].append({"mkdocs_research.markdown": {"data_dir": "data"}})
    config["extra_css"] = ["assets/research/research.css", "assets/research/icons.css"]
    config["extra_javascript"] = ["assets/research/research.js"]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config))
    run([sys.executable, "-m", "mkdocs_research.cli", "assets", "docs/assets/research"], root)
    zensical = shutil.which("zensical")
    assert zensical, "the zensical package installs a zensical command"
    run([zensical, "build"], root)
    html = (root / "site" / "index.html").read_text()
    assert research_markup(html) == baseline
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one('link[href$="assets/research/icons.css"]') is not None
    assert (root / "site" / "assets" / "research" / "research.js").is_file()
