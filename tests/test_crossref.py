"""Entries that take fields from another entry: BibTeX's ``crossref`` (DBLP's "BibTeX with
crossref" export) and biblatex's ``xdata``, across files and under ``mkdocs serve``."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import bibtexparser
from conftest import _build, new_process, run_cli, write_site
from leftovers import leftovers

REAL = Path(__file__).parent / "fixtures" / "real" / "dblp-crossref"
PAGE = "{{ publications() }}\n"

#: A paper that says only what is its own, as BibTeX users write it with ``crossref``.
PAPER = """\
@inproceedings{quill2020,
  author   = {Ada Quill and Bo Reed},
  title    = {Tracing Light},
  pages    = {1--10},
  crossref = {conf2020},
}
"""
VOLUME = """\
@proceedings{conf2020,
  editor    = {Cy Stone},
  title     = {Proceedings of the Conference on Light},
  subtitle  = {Twenty Years},
  publisher = {ACM},
  year      = {2020},
  month     = jun,
}
"""


def site(tmp_path: Path, data: dict[str, str], **plugin) -> Path:
    new_process()
    return write_site(
        tmp_path / "site",
        {"index.md": PAGE},
        data,
        plugin={"highlight_names": ["Ada Quill"], **plugin},
    )


def rows(soup) -> dict[str, str]:
    return {
        row["id"].removeprefix("pub-"): " ".join(
            row.select_one(".research-pub__venue").get_text().split()
        )
        for row in soup.select("li.research-pub")
    }


def test_a_dblp_export_with_crossref_lists_the_paper_with_its_venue_not_the_volume(tmp_path):
    root = write_site(tmp_path / "dblp", {"index.md": PAGE}, plugin={"publication_pages": True})
    shutil.copytree(REAL, root / "data")
    built = _build(root)
    soup = built.html()
    (venue,) = rows(soup).values()
    assert "Mining Software Repositories" in venue and "2018" in venue
    assert leftovers(soup) == []
    assert built.warnings == []
    assert not (built.site_dir / "publications" / "DBLP-conf-msr-2018").exists()
    # The site-wide publications.bib stands on its own: the paper with what it inherited.
    exported = bibtexparser.parse_string((built.site_dir / "publications.bib").read_text())
    (entry,) = exported.entries
    assert entry.key == "DBLP:conf/msr/BaltesDT008"
    assert entry["publisher"] == "{ACM}"
    assert "crossref" not in entry.fields_dict


def test_a_paper_inherits_venue_year_and_publisher_from_a_volume_in_another_file(tmp_path):
    root = site(tmp_path, {"a.bib": PAPER, "b.bib": VOLUME})
    built = _build(root)
    assert built.warnings == []
    soup = built.html()
    assert rows(soup) == {"quill2020": "In Proceedings of the Conference on Light, Jun 2020"}
    row = soup.select_one("#pub-quill2020")
    assert row["data-year"] == "2020"
    copied = bibtexparser.parse_string(row.select_one(".research-bibtex code").get_text())
    fields = copied.entries[0].fields_dict
    assert fields["booktitle"].value == "Proceedings of the Conference on Light"
    assert fields["booksubtitle"].value == "Twenty Years"
    assert fields["publisher"].value == "ACM"
    assert fields["title"].value == "Tracing Light"  # its own title, not the volume's
    assert "crossref" not in fields


def test_editing_the_volume_updates_the_paper_under_serve(tmp_path):
    root = site(tmp_path, {"a.bib": PAPER, "b.bib": VOLUME})
    assert "2020" in rows(_build(root).html())["quill2020"]
    volume = root / "data" / "b.bib"
    mtime = volume.stat().st_mtime_ns
    volume.write_text(VOLUME.replace("2020}", "2021}").replace("on Light", "on Shade"))
    os.utime(volume, ns=(mtime + 10**9,) * 2)
    rebuilt = _build(root)  # the plugin and its parsed files are kept, as under serve
    assert rows(rebuilt.html()) == {
        "quill2020": "In Proceedings of the Conference on Shade, Jun 2021"
    }


def test_a_volume_the_owner_edited_is_listed(tmp_path):
    root = site(tmp_path, {"a.bib": PAPER, "b.bib": VOLUME}, highlight_names=["Cy Stone"])
    assert sorted(rows(_build(root).html())) == ["conf2020", "quill2020"]


def test_a_missing_target_and_a_cycle_are_problems_at_the_entry(tmp_path):
    cycle = "@misc{x, title={X}, crossref={y}}\n@misc{y, title={Y}, crossref={x}}\n"
    root = site(tmp_path, {"a.bib": PAPER + cycle})
    result = run_cli("check", str(root), cwd=root)
    assert result.returncode == 1
    assert (
        "data/a.bib:1: entry 'quill2020': crossref 'conf2020' is not in any .bib file; "
        "add it or remove the field"
    ) in result.stdout
    assert "crossref 'x' leads back to itself (x → y → x)" in result.stdout
    # The paper still shows; the link that closes the cycle counts for nothing, so y is the
    # volume of x (and not listed), as if y had no crossref.
    shown = _build(root).html().select("li.research-pub")
    assert sorted(row["id"] for row in shown) == ["pub-quill2020", "pub-x"]


def test_biblatex_xdata_fills_fields_and_is_never_listed(tmp_path):
    data = """\
    @xdata{light, publisher = {ACM}, year = {2019}, booktitle = {Light Workshop}}
    @inproceedings{reed2019, author = {Bo Reed}, title = {Shade}, xdata = {light}}
    """
    built = _build(site(tmp_path, {"a.bib": data}))
    assert built.warnings == []
    assert rows(built.html()) == {"reed2019": "In Light Workshop, 2019"}
