"""One option schema: the plugin, the Markdown extension, ``check`` and the documentation
agree on every option's name, type and default."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import write_site
from test_cli import run

from mkdocs_research.config import OptionsError, ResearchConfig, option_docs, resolve_options
from mkdocs_research.options import Options

DOCS = Path(__file__).parent.parent / "docs" / "plugin" / "configuration.md"
BIB = "@article{a, author = {Quill, Ada and Stone, Bo}, title = {First}, year = {2024}}\n"


def test_every_option_has_a_type_a_default_and_documentation():
    schema = [name for name, _ in ResearchConfig._schema if name != "enabled"]
    assert schema == list(Options.defaults())
    assert set(option_docs()) == {"enabled", *schema}
    assert all(option_docs().values())


def test_the_configuration_page_lists_every_option_with_its_default():
    text = DOCS.read_text(encoding="utf-8")
    block = re.search(
        r'```yaml title="mkdocs.yml — every option with its default"\n(.*?)```', text, re.S
    )
    assert block is not None
    documented = yaml.safe_load(block.group(1))["plugins"][1]["research"]
    expected = {
        name: str(v) if isinstance(v, Path) else v for name, v in Options.defaults().items()
    }
    assert documented == {"enabled": True, **expected}
    table = re.findall(r"^\| \[`(\w+)`\]", text, re.M)
    assert table == ["enabled", *Options.defaults()]


def test_hosts_validate_like_mkdocs(tmp_path):
    with pytest.raises(OptionsError, match="authors_limit"):
        resolve_options(tmp_path, {"authors_limit": "many"})
    with pytest.raises(OptionsError, match="author_limit"):  # unknown: fails, as --strict does
        resolve_options(tmp_path, {"author_limit": 3})
    options = resolve_options(tmp_path, {"templates": "over", "highlight_names": None})
    assert options.templates == (tmp_path / "over").resolve()
    assert options.highlight_names is None and options.authors_limit == 12


def test_check_reports_an_invalid_option_and_reads_no_data(tmp_path):
    root = write_site(
        tmp_path / "s", {"index.md": "x"}, {"papers.bib": BIB}, {"authors_limit": "many"}
    )
    result = run("check", cwd=root)
    assert result.returncode == 1
    assert "option 'authors_limit'" in result.stdout
    assert "Expected type: <class 'int'>" in result.stdout


def test_the_extension_takes_options_as_given(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "papers.bib").write_text(BIB)
    monkeypatch.chdir(tmp_path)

    def owners(names: list[str]) -> list[str]:
        html = markdown.markdown(
            "{{ publications() }}",
            extensions=["mkdocs_research.markdown"],
            extension_configs={"mkdocs_research.markdown": {"highlight_names": names}},
        )
        soup = BeautifulSoup(html, "html.parser")
        return [tag.get_text() for tag in soup.select(".research-author--owner")]

    assert owners(["Bo Stone"]) == ["Bo Stone"]
    assert owners([]) == []  # nobody, as documented, not "the profile's name"
    with pytest.raises(KeyError, match="author_limit"):
        markdown.markdown("x", extensions=[markdown_extension(author_limit=3)])


def markdown_extension(**options: object) -> markdown.Extension:
    from mkdocs_research.markdown import ResearchExtension

    return ResearchExtension(**options)
