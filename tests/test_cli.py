"""``mkdocs-research new`` and ``mkdocs-research check``, run as a researcher would."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from conftest import _build, run_cli


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
