"""``mkdocs-research new``, ``check`` and ``generate``, run as a researcher would."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import _build, run_cli

from mkdocs_research.cli import main


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=cwd)


def digest(folder: Path) -> str:
    sha = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            sha.update(path.as_posix().encode() + path.read_bytes())
    return sha.hexdigest()


def test_new_scaffolds_a_site_that_builds_strict(tmp_path):
    result = run("new", "mysite", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "mysite"
    for name in (
        "mkdocs.yml",
        "docs/index.md",
        "docs/publications.md",
        "docs/talks.md",
        "docs/cv.md",
        "data/papers.bib",
        "data/profile.yml",
        "data/talks.yml",
        "data/news.yml",
        "data/cv.yml",
        "data/publications.yml",
        ".github/workflows/deploy.yml",
    ):
        assert (site / name).is_file(), name
    workflow = (site / ".github/workflows/deploy.yml").read_text()
    assert "mkdocs build --strict" in workflow and "mkdocs gh-deploy" in workflow
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=site,
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    built = _build(site)
    home = built.html()
    assert home.select_one(".research-profile h1").get_text() == "Your Name"
    assert len(home.select(".research-news__item")) == 2
    assert len(home.select(".research-pub")) == 2  # the selected ones
    assert len(built.html("cv/index.html").select(".research-cv__section")) == 7
    assert len(built.html("talks/index.html").select(".research-talk")) == 2
    assert run("check", cwd=site).returncode == 0


def test_new_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    result = run("new", "taken", cwd=tmp_path)
    assert result.returncode == 1
    assert "already exists and is not empty" in result.stderr
    assert (tmp_path / "taken" / "notes.txt").read_text() == "mine"


def test_check_reports_each_broken_file_with_line_and_exits_1(tmp_path):
    assert run("new", "s", cwd=tmp_path).returncode == 0
    site = tmp_path / "s"
    (site / "data/talks.yml").write_text("- date: Jully 2022\n  title: A talk\n  evnt: Somewhere\n")
    (site / "data/cv.yml").write_text(
        "- id: education\n  entries:\n    - degree: PhD\n   bad: indent\n"
    )
    (site / "data/papers.bib").write_text("@article{a,\n  title = {A}\n  year = 2020,\n}\n")
    (site / "docs/extra.md").write_text("# Extra\n\n{{ publication('aa') }}\n")
    before = digest(site / "data")
    result = run("check", cwd=site)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert (
        "data/talks.yml:1: 'date' must look like 2022, 2022-07 or 2022-07-15; got \"Jully 2022\""
        in lines
    )
    assert "data/talks.yml:3: unknown field 'evnt' in talk; did you mean 'event'?" in lines
    assert any(line.startswith("data/cv.yml:4: YAML syntax error") for line in lines)
    assert any(
        line.startswith("data/papers.bib:2: missing comma after field 'title'") for line in lines
    )
    assert "docs/extra.md:3: no publication with citekey 'aa'; did you mean 'a'?" in lines
    assert (
        "data/publications.yml:2: no publication has the citekey 'name2024journal'; "
        "check the citekey in your .bib file" in lines
    )
    assert lines[-1] == "6 problems found"
    assert digest(site / "data") == before  # check never writes to data files


GENERATE_CONFIG = """\
site_name: Gen
site_url: https://example.org/
theme:
  name: material
  custom_dir: overrides
not_in_nav: |
  /publications/
plugins:
  - search
markdown_extensions:
  - mkdocs_research.markdown:
      publication_pages: true
extra_css:
  - assets/research/research.css
  - assets/research/icons.css
extra_javascript:
  - assets/research/research.js
"""
TWO = """\
@article{first, title = {First Paper}, author = {Quill, Ada}, journal = {J}, year = 2020}
@article{second, title = {Second Paper}, author = {Quill, Ada}, journal = {J}, year = 2021}
"""


def generate_in(root: Path, capsys: pytest.CaptureFixture[str]) -> subprocess.CompletedProcess[str]:
    """``mkdocs-research generate ROOT`` in this process: the same code as the command, a
    second faster (the first test runs the command itself)."""
    code = main(["generate", str(root)])
    out = capsys.readouterr()
    return subprocess.CompletedProcess(["mkdocs-research", "generate"], code, out.out, out.err)


def generate_site(tmp_path: Path) -> Path:
    root = tmp_path / "gen"
    (root / "docs").mkdir(parents=True)
    (root / "data").mkdir()
    (root / "mkdocs.yml").write_text(GENERATE_CONFIG)
    (root / "docs" / "index.md").write_text("# Home\n\n{{ publications() }}\n")
    (root / "data" / "papers.bib").write_text(TWO)
    return root


def files_under(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "site" not in p.relative_to(root).parts
    }


def test_generate_writes_what_the_plugin_adds_and_is_idempotent(tmp_path):
    root = generate_site(tmp_path)
    first = run("generate", cwd=root)
    assert first.returncode == 0, first.stderr
    assert "8 written, 0 removed, 0 unchanged" in first.stdout
    assert "Next:" not in first.stdout
    written = files_under(root)
    for name in (
        "docs/assets/research/research.css",
        "docs/assets/research/icons.css",
        "docs/assets/research/research.js",
        "docs/publications.bib",
        "docs/feed.xml",
        "docs/publications/first.md",
        "docs/publications/second.md",
        "overrides/research-publication.html",
        ".mkdocs-research-generated.json",
    ):
        assert name in written, name
    page = written["docs/publications/first.md"].decode()
    assert page.startswith('---\ntitle: "First Paper"\nresearch_head: "<link rel=')
    assert "citation_title" in page and 'template: "research-publication.html"' in page
    mtimes = {p: (root / p).stat().st_mtime_ns for p in written}
    again = run("generate", cwd=root)
    assert "0 written, 0 removed, 8 unchanged" in again.stdout
    assert files_under(root) == written
    assert {p: (root / p).stat().st_mtime_ns for p in written} == mtimes  # not even touched


def test_generate_removes_what_is_no_longer_wanted(tmp_path, capsys):
    root = generate_site(tmp_path)
    generate_in(root, capsys)
    (root / "data" / "papers.bib").write_text(TWO.splitlines()[0] + "\n")
    result = generate_in(root, capsys)
    assert "removed" in result.stdout and "1 removed" in result.stdout
    assert not (root / "docs" / "publications" / "second.md").exists()
    assert "second" not in (root / "docs" / "feed.xml").read_text()
    # no more pages at all: the pages, their folder and the template go
    config = root / "mkdocs.yml"
    config.write_text(
        GENERATE_CONFIG.replace("publication_pages: true", "publication_pages: false")
    )
    generate_in(root, capsys)
    assert not (root / "docs" / "publications").exists()
    assert not (root / "overrides").exists()
    assert (root / "docs" / "feed.xml").is_file()


def test_generate_never_overwrites_or_deletes_a_file_it_did_not_write(tmp_path, capsys):
    root = generate_site(tmp_path)
    (root / "docs" / "publications.bib").write_text("% my own\n")
    result = generate_in(root, capsys)
    assert "docs/publications.bib: left as it is (not ours)" in result.stdout
    assert (root / "docs" / "publications.bib").read_text() == "% my own\n"
    # a generated file edited since stays, even when no longer wanted
    page = root / "docs" / "publications" / "second.md"
    page.write_text(page.read_text() + "\nMy note.\n")
    (root / "data" / "papers.bib").write_text(TWO.splitlines()[0] + "\n")
    result = generate_in(root, capsys)
    assert "docs/publications/second.md: left as it is (edited since generate wrote it)" in (
        result.stdout
    )
    assert page.read_text().endswith("My note.\n")


def test_generate_says_what_mkdocs_yml_still_needs(tmp_path, capsys):
    root = generate_site(tmp_path)
    (root / "mkdocs.yml").write_text(
        "site_name: Gen\nmarkdown_extensions:\n  - mkdocs_research.markdown:\n"
        "      publication_pages: true\n"
    )
    result = generate_in(root, capsys)
    hints = [line for line in result.stdout.splitlines() if line.startswith("Next:")]
    assert len(hints) == 3
    assert "extra_css" in hints[0] and "theme.custom_dir" in hints[1]
    assert "not_in_nav" in hints[2]
    assert "template:" not in (root / "docs" / "publications" / "first.md").read_text()


def test_the_plugin_builds_a_site_that_generate_wrote_into(tmp_path, capsys):
    """Generated files do not stand in the plugin's way: it makes them afresh."""
    from conftest import strict_build

    root = generate_site(tmp_path)
    generate_in(root, capsys)
    (root / "mkdocs.yml").write_text(
        "site_name: Gen\nsite_url: https://example.org/\ntheme: {name: material}\n"
        "plugins:\n  - search\n  - research:\n      publication_pages: true\n"
    )
    (root / "data" / "papers.bib").write_text(TWO.replace("First Paper", "First, Renamed"))
    result = strict_build(root)
    assert result.returncode == 0, result.stderr
    page = (root / "site" / "publications" / "first" / "index.html").read_text()
    assert "First, Renamed" in page and "First Paper" not in page
    assert "First, Renamed" in (root / "site" / "feed.xml").read_text()
    checked = run("check", cwd=root)
    assert checked.returncode == 0, checked.stdout


def test_generate_writes_the_pdf_cv_too(tmp_path, capsys):
    pytest.importorskip(
        "typst", reason="the PDF CV needs the typst package: pip install -e '.[pdf]'"
    )
    root = generate_site(tmp_path)
    (root / "mkdocs.yml").write_text(
        GENERATE_CONFIG.replace("publication_pages: true", "cv_pdf: true")
    )
    (root / "data" / "cv.yml").write_text(
        "- id: jobs\n  title: Jobs\n  entries:\n    - text: Researcher\n"
    )
    (root / "docs" / "cv.md").write_text("# CV\n\n{{ cv() }}\n")
    result = generate_in(root, capsys)
    assert result.returncode == 0, result.stderr
    assert (root / "docs" / "cv.pdf").read_bytes().startswith(b"%PDF")
    assert "docs/cv.pdf" in (root / ".mkdocs-research-generated.json").read_text()


def test_new_on_bad_targets_prints_one_line_not_a_traceback(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    expected = {
        "notes.txt": "notes.txt: is a file; choose a new folder",
        "notes.txt/site": "notes.txt/site: cannot write the site there (Not a directory); "
        "choose a folder you can write to",
    }
    for target, message in expected.items():
        result = run("new", target, cwd=tmp_path)
        assert (result.returncode, result.stderr, result.stdout) == (1, message + "\n", "")
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_check_and_generate_with_a_broken_mkdocs_yml_or_page_print_one_line(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: [unclosed\n")
    for command in ("check", "generate"):
        result = run(command, cwd=tmp_path)
        assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
        assert "mkdocs.yml: cannot be read (line 2: " in result.stdout + result.stderr
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nplugins:\n  - research: [1]\n")
    result = run("check", cwd=tmp_path)
    assert result.stdout.splitlines() == [
        "mkdocs.yml: the options of 'research' must be a mapping of name: value",
        "1 problem found",
    ]
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nplugins:\n  - research\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_bytes("# Café".encode("utf-16"))
    result = run("check", cwd=tmp_path)
    assert result.stdout.splitlines() == [
        "docs/index.md: cannot read the page (it is not UTF-8 text)",
        "1 problem found",
    ]
