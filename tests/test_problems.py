"""Problems in data and pages: reported as ``file:line: what; what to do``, never silent,
and never hiding the entries around them."""

from __future__ import annotations

from conftest import strict_build, write_site

from mkdocs_research.bibtex import load_bibtex

BROKEN = """\
@string{nips = {NeurIPS}}

@inproceedings{missingcomma,
  title = {Missing Comma},
  author = {Doe, Jane}
  year = {2020},
  booktitle = nips,
}

@inproceedings{concat,
  title = {Concatenated},
  booktitle = nips # { 2021},
  year = 2021,
}

@article{undefined,
  title = {Undefined String},
  journal = jmlr,
  year = 2019,
}

@article{dupfield,
  title = {First Title},
  title = {Second Title},
  year = 2018,
}

@article{good, title = {Good One}, year = 2017}
@article{good, title = {Good Twin}, year = 2016}

@article{broken, title = {Unclosed, year = 2015,

@article{after, title = {After The Break}, year = 2014}
"""


def messages(problems):
    return [str(p) for p in problems]


def test_each_problem_has_file_line_and_advice():
    publications, problems = load_bibtex(BROKEN, "data/papers.bib")
    assert messages(problems) == [
        "data/papers.bib:24: field 'title' is given twice in entry 'dupfield' (first at line 23);"
        " the first value is used, delete the other",
        "data/papers.bib:29: citekey 'good' is used twice (first at line 28); give one entry"
        " another key. Both entries are shown",
        "data/papers.bib:31: could not read the block starting '@article{broken, title = {Unclosed,"
        " year = 2015,': Unexpected block start: `@article`. Was still looking for field-value"
        " closing `}`; check its braces, quotes and commas. The entries around it are still shown",
        "data/papers.bib:5: missing comma after field 'author' (before 'year'); add a comma at the"
        " end of the line. The entry was read as if it were there",
        "data/papers.bib:18: field 'journal' uses the @string 'jmlr', which is not defined; define"
        " it with @string{jmlr = {...}} or write the value in braces: journal = {...}",
    ]
    by_key = {p.key: p for p in publications}
    assert by_key["missingcomma"].fields["author"] == "Doe, Jane"
    assert by_key["missingcomma"].year == 2020
    assert by_key["missingcomma"].fields["booktitle"] == "NeurIPS"
    assert by_key["concat"].fields["booktitle"] == "NeurIPS 2021"
    assert by_key["dupfield"].fields["title"] == "First Title"
    assert [p.fields["title"] for p in publications if p.key == "good"] == ["Good One", "Good Twin"]
    assert "after" in by_key


def test_site_shows_recovered_entries_and_warns(make_site):
    site = make_site({"index.md": "{{ publications() }}"}, {"papers.bib": BROKEN})
    shown = [t.get_text() for t in site.html().select(".research-pub__title")]
    assert shown == [
        "Concatenated",
        "Missing Comma",
        "Undefined String",
        "First Title",
        "Good One",
        "Good Twin",
        "After The Break",
    ]
    assert len(site.warnings) == 5
    assert all(w.startswith("research: data/papers.bib:") for w in site.warnings)


def test_misspelt_macro_and_argument_name_page_line_and_nearest(make_site):
    page = "# Title\n\n{{ publicatons() }}\n\n{{ publications(grup_by='year') }}\n\n{{ publication('nope') }}\n"
    site = make_site(
        {"index.md": "---\ntitle: Front matter shifts lines\n---\n" + page},
        {"p.bib": "@article{real, title={Real}, year=2020}"},
    )
    assert site.warnings == [
        "research: index.md:6: unknown macro 'publicatons'; did you mean 'publications'?",
        "research: index.md:8: publications() has no argument 'grup_by'; did you mean 'group_by'?",
        "research: index.md:10: no publication with citekey 'nope'; check the citekey in your"
        " .bib file",
    ]
    notices = site.html().select(".research-error")
    assert len(notices) == 3


def test_bad_argument_values(make_site):
    page = (
        '{{ publications(group_by="yaer") }}\n\n{{ publications(limit="five") }}\n\n'
        "{{ publications(year=2020 + 1) }}\n"
    )
    site = make_site({"index.md": page}, {"p.bib": "@article{real, title={Real}, year=2020}"})
    assert site.warnings[0] == (
        "research: index.md:1: group_by='yaer' is not a valid value; did you mean 'year'?"
    )
    assert (
        site.warnings[1] == "research: index.md:3: publications(): limit='five' has the wrong type"
    )
    assert site.warnings[2].startswith(
        "research: index.md:5: cannot read the arguments of publications()"
    )


def test_strict_build_fails_on_data_problems(tmp_path):
    root = write_site(tmp_path / "s", {"index.md": "{{ publications() }}"}, {"papers.bib": BROKEN})
    result = strict_build(root)
    assert result.returncode == 1
    assert "data/papers.bib:5: missing comma after field 'author'" in result.stderr
    assert "Aborted with 5 warnings in strict mode!" in result.stdout + result.stderr


def test_latin1_file_is_read_and_reported(make_site, tmp_path):
    root = write_site(tmp_path / "l", {"index.md": "{{ publications() }}"})
    (root / "data").mkdir()
    (root / "data" / "old.bib").write_bytes(
        "@article{x, title={Caf\u00e9}, author={M\u00fcller, K.}, year=2001}".encode("latin-1")
    )
    from conftest import _build

    site = _build(root)
    assert site.warnings == [
        "research: data/old.bib:1: is not UTF-8 text; it was read as Latin-1, check accented names and save"
        " the file as UTF-8"
    ]
    assert site.html().select_one(".research-pub__title").get_text() == "Café"


def test_unsafe_link_values_are_reported_and_dropped(make_site):
    bib = """@article{x,
  title = {X},
  pdf = {JaVaScRiPt:alert(1)},
  code = { java\tscript:alert(1)},
  doi = {not a doi},
  html = {https://example.org/ok},
  year = 2020,
}"""
    site = make_site({"index.md": "{{ publications() }}"}, {"papers.bib": bib})
    advice = "use an https:// address or a path. The entry is shown without it"
    assert site.warnings == [
        "research: data/papers.bib:3: 'pdf' of entry 'x' is not a link this site can show"
        f' ("JaVaScRiPt:alert(1)"); {advice}',
        "research: data/papers.bib:4: 'code' of entry 'x' is not a link this site can show"
        f' ("java\tscript:alert(1)"); {advice}',
        "research: data/papers.bib:5: 'doi' of entry 'x' is not a link this site can show"
        ' ("not a doi"); use a DOI such as 10.1000/xyz, a handle or an https:// address.'
        " The entry is shown without it",
    ]
    assert [a["href"] for a in site.html().select(".research-link")] == ["https://example.org/ok"]


def test_a_failing_override_template_is_a_warning_naming_it_and_the_page(tmp_path):
    """Whatever a template does wrong (arithmetic on a string, a division by zero), the build
    goes on: a warning names the template's file and line and the page; no traceback."""
    overrides = tmp_path / "site" / "overrides"
    overrides.mkdir(parents=True)
    (overrides / "publication_row.html").write_text(
        '<li id="{{ pub.id }}">\n{{ pub.year + 1 }}</li>\n'
    )
    (overrides / "cv.html").write_text("<div>\n\n{{ 1/0 }}</div>\n")
    root = write_site(
        tmp_path / "site",
        {"index.md": "# Me\n\n{{ publications() }}\n\n{{ cv() }}\n"},
        {
            "papers.bib": "@article{a, title={A}, year=2020}\n",
            "cv.yml": "- id: jobs\n  title: Jobs\n  entries:\n    - text: One\n",
        },
        plugin={"templates": "overrides"},
    )
    result = strict_build(root)
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    warnings = [line for line in result.stderr.splitlines() if "template error" in line]
    assert len(warnings) == 2, result.stderr
    row, cv = warnings
    assert "overrides/publication_row.html:2: template error while rendering index.md:3" in row
    assert "TypeError" in row
    assert "overrides/cv.html:3: template error while rendering index.md:5" in cv
    assert "ZeroDivisionError: division by zero" in cv


def test_a_loader_that_fails_unexpectedly_logs_its_traceback_for_debugging(
    tmp_path, monkeypatch, caplog
):
    import logging

    from mkdocs_research import resume_formats

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(resume_formats, "_json_records", broken)
    path = tmp_path / "resume.json"
    path.write_text('{"basics": {"name": "Ada"}, "work": []}')
    with caplog.at_level(logging.DEBUG, logger="mkdocs.plugins.research"):
        _, problems = resume_formats.load_json_resume(path, "data/resume.json")
    assert [str(p) for p in problems] == [
        "data/resume.json: cannot read this JSON Resume file: a bug"
    ]
    (record,) = [r for r in caplog.records if r.levelno == logging.DEBUG]
    assert record.exc_info is not None and "data/resume.json" in record.getMessage()
