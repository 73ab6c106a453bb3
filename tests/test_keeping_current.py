"""``mkdocs-research add``, ``sync`` and ``citations`` against a local replay of the scholarly
APIs (Crossref, DataCite, arXiv, dblp, OpenAlex, ORCID), as a researcher runs them."""

from __future__ import annotations

import datetime
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from api_replay import ReplayServer, Reply, fixture
from conftest import _build, run_cli, write_site

from mkdocs_research.bibtex import load_bibtex

pytestmark = pytest.mark.slow  # each test runs the command line against a local server

ORCID = "0000-0002-1825-0097"
PRIEM = "0000-0001-6187-6610"
NEXT = "IlsxMDAuMCwgMTg5MywgJ2h0dHBzOi8vb3BlbmFsZXgub3JnL1cxNTkwNDY2NDUzJ10i"

PAPERS = """\
% My publications. Comments and @string stay as they are.
@string{plos = {PLoS ONE}}

@article{quill2015first,
  title   = {A First Paper},
  author  = {Quill, Ada},
  journal = plos,
  year    = {2015},
}
"""

INDEX = """\
# Home

{{ profile() }}

{{ publications() }}
"""


@pytest.fixture
def api():
    """The replay server with every recorded reply routed."""
    replay = ReplayServer()
    replay.route(
        "/api.crossref.org/works/10.1371/journal.pone.0033693",
        fixture("crossref-10.1371-journal.pone.0033693.json"),
    )
    replay.route(
        "/api.crossref.org/works/10.4230/lipics.tqc.2013.93", fixture("crossref-404.txt", 404)
    )
    replay.route(
        "/api.datacite.org/dois/10.4230/lipics.tqc.2013.93",
        fixture("datacite-10.4230-lipics.tqc.2013.93.json"),
    )
    replay.route("/api.crossref.org/works/10.1234/unknown", fixture("crossref-404.txt", 404))
    replay.route("/api.datacite.org/dois/10.1234/unknown", fixture("datacite-404.json", 404))
    replay.route(
        "/export.arxiv.org/api/query", fixture("arxiv-1605.08386.xml"), id_list="1605.08386"
    )
    replay.route("/export.arxiv.org/api/query", fixture("arxiv-1111.2011.xml"), id_list="1111.2011")
    replay.route("/export.arxiv.org/api/query", fixture("arxiv-0000.0000.xml"), id_list="0000.0000")
    replay.route(
        "/dblp.org/rec/journals/cacm/Szalay08.xml", fixture("dblp-rec-journals-cacm-Szalay08.xml")
    )
    replay.route("/dblp.org/pid/00/1.xml", fixture("dblp-pid-00-1.xml"))
    replay.route("/api.openalex.org/works/W2741809807", fixture("openalex-work-W2741809807.json"))
    replay.route(
        f"/api.openalex.org/authors/orcid:{PRIEM}", fixture("openalex-author-A5023888391.json")
    )
    replay.route(
        "/api.openalex.org/authors/A5023888391", fixture("openalex-author-A5023888391.json")
    )
    by_author = {"filter": "author.id:A5023888391"}
    replay.route(
        "/api.openalex.org/works",
        fixture("openalex-works-author-page1.json"),
        cursor="*",
        **by_author,
    )
    replay.route(
        "/api.openalex.org/works",
        fixture("openalex-works-author-page2.json"),
        cursor=NEXT,
        **by_author,
    )
    for dois in (
        "10.1371/journal.pone.0033693",
        "10.1371/journal.pone.0033693|10.48550/arxiv.2205.01833|10.7717/peerj.4375",
    ):
        replay.route(
            "/api.openalex.org/works", fixture("openalex-works-doi.json"), filter=f"doi:{dois}"
        )
    replay.route(f"/pub.orcid.org/v3.0/{ORCID}/works", fixture("orcid-works.json"))
    replay.route(f"/pub.orcid.org/v3.0/{ORCID}/works/912990", fixture("orcid-works-912990.json"))
    yield from replay.serve()


def site(tmp_path: Path, papers: str = PAPERS, **data: str) -> Path:
    files = {"papers.bib": papers, "profile.yml": "name: Ada Quill\nemails: [ada@example.org]\n"}
    return write_site(tmp_path / "site", {"index.md": INDEX}, {**files, **data})


def run(root: Path, base: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The command, with every request going to ``base``."""
    return run_cli(*args, cwd=root, env={"MKDOCS_RESEARCH_API_BASE": base, "OPENALEX_API_KEY": ""})


def digest(folder: Path) -> str:
    sha = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            sha.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    return sha.hexdigest()


def entries(path: Path) -> dict:
    publications, problems = load_bibtex(path.read_text(encoding="utf-8"), "papers.bib")
    assert problems == []
    return {p.key: p for p in publications}


# add ---------------------------------------------------------------------------------------


def test_add_fetches_each_kind_of_identifier_and_appends_clean_bibtex(tmp_path, api):
    root = site(tmp_path)
    bib = root / "data" / "papers.bib"
    result = run(
        root,
        api.base,
        "add",
        "doi:10.1371/journal.pone.0033693",  # Crossref
        "https://doi.org/10.4230/LIPIcs.TQC.2013.93",  # DataCite, as a doi.org URL
        "arXiv:1605.08386v1",  # arXiv, with a version
        "dblp:journals/cacm/Szalay08",
        "openalex:W2741809807",
    )
    assert result.returncode == 0, result.stderr
    text = bib.read_text(encoding="utf-8")
    assert text.startswith(PAPERS)  # what was there stays, byte for byte
    found = entries(bib)
    assert list(found) == [
        "quill2015first",
        "sadasivan2012methylphenidate",
        "johnston2013minimum",
        "stanley2016heat",
        "szalay2008jim",
        "piwowar2018state",
    ]
    crossref = found["sadasivan2012methylphenidate"]
    assert crossref.entry_type == "article"
    assert crossref.fields["author"].startswith("Sadasivan, Shankar and Pond, Brooks B. and")
    assert crossref.fields["journal"] == "PLoS ONE"
    assert (crossref.fields["doi"], crossref.fields["month"]) == (
        "10.1371/journal.pone.0033693",
        "mar",
    )
    assert crossref.fields["url"] == "https://doi.org/10.1371/journal.pone.0033693"
    datacite = found["johnston2013minimum"]
    assert datacite.fields["author"] == "Johnston, Nathaniel"
    assert datacite.entry_type == "inproceedings"
    assert datacite.fields["doi"] == "10.4230/lipics.tqc.2013.93"
    arxiv = found["stanley2016heat"]
    assert (arxiv.entry_type, arxiv.fields["eprint"], arxiv.fields["archiveprefix"]) == (
        "misc",
        "1605.08386",
        "arXiv",
    )
    assert arxiv.fields["arxiv"] == "1605.08386"
    assert arxiv.fields["url"] == "https://arxiv.org/abs/1605.08386"
    assert arxiv.fields["author"] == "Stanley, Caprice and Windisch, Tobias"
    dblp = found["szalay2008jim"]
    assert (dblp.fields["title"], dblp.fields["pages"]) == ("Jim Gray, astronomer", "58--65")
    assert dblp.fields["doi"] == "10.1145/1400214.1400231"
    openalex = found["piwowar2018state"]
    assert openalex.fields["journal"] == "PeerJ"
    assert "Larivière, Vincent" in openalex.fields["author"]
    assert (
        openalex.fields["title"]
        == "The state of {OA}: a large-scale analysis of the prevalence and impact of Open Access articles"
    )
    assert "Added 5 entries to data/papers.bib." in result.stdout
    # a polite client: a contact address in every request
    assert all("mailto:ada@example.org" in r.headers["User-Agent"] for r in api.requests)
    # and the site builds with them, strictly
    built = _build(root)
    assert built.warnings == []
    titles = [t.get_text() for t in built.html().select(".research-pub__title")]
    assert "Heat-bath random walks with Markov bases" in titles
    assert (
        "The state of OA: a large-scale analysis of the prevalence and impact of Open Access articles"
        in titles
    )


def test_add_skips_what_the_bibliography_has_and_says_why(tmp_path, api):
    papers = PAPERS + textwrap.dedent("""
        @article{known2012,
          title = {Methylphenidate exposure induces dopamine neuron loss},
          author = {Sadasivan, S.},
          year = {2012},
          doi = {https://doi.org/10.1371/JOURNAL.PONE.0033693},
        }
        @misc{heat2016,
          title = {Heat-bath random walks},
          author = {Stanley, C.},
          year = {2016},
          eprint = {1605.08386v2},
        }
        @article{oa2018,
          title = {The State of {OA}: A Large-Scale Analysis of the Prevalence and Impact of Open Access Articles},
          author = {Piwowar, Heather},
          year = {2018},
        }
        """)
    root = site(tmp_path, papers)
    before = digest(root / "data")
    result = run(
        root,
        api.base,
        "add",
        "10.1371/journal.pone.0033693",
        "arxiv:1605.08386",
        "openalex:W2741809807",
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert (
        "skipped doi:10.1371/journal.pone.0033693: already in data/papers.bib as known2012 (same DOI)"
        in lines
    )
    assert (
        "skipped arxiv:1605.08386: already in data/papers.bib as heat2016 (same arXiv id)" in lines
    )
    assert (
        "skipped openalex:W2741809807: already in data/papers.bib as oa2018 (same title and year)"
        in lines
    )
    assert digest(root / "data") == before
    # a DOI or arXiv id already there is not even fetched
    assert api.asked("api.crossref.org") == [] and api.asked("export.arxiv.org") == []


def test_add_the_same_paper_twice_in_one_run_adds_it_once(tmp_path, api):
    root = site(tmp_path)
    result = run(root, api.base, "add", "arxiv:1111.2011", "arxiv:1111.2011v2")
    assert result.returncode == 0, result.stderr
    found = entries(root / "data" / "papers.bib")
    assert list(found) == ["quill2015first", "murray2011quantum"]
    assert found["murray2011quantum"].fields["doi"] == "10.1103/PhysRevB.85.115117"
    assert found["murray2011quantum"].fields["note"] == "Phys. Rev. B 85, 115117 (2012)"
    assert (
        "skipped arxiv:1111.2011: already in data/papers.bib as murray2011quantum (same DOI)"
        in result.stdout
    )


def test_add_dry_run_prints_the_entries_and_writes_nothing(tmp_path, api):
    root = site(tmp_path)
    before = digest(root / "data")
    result = run(root, api.base, "add", "--dry-run", "doi:10.1371/journal.pone.0033693")
    assert result.returncode == 0, result.stderr
    assert "@article{sadasivan2012methylphenidate," in result.stdout
    assert "Dry run: 1 entries not written to data/papers.bib." in result.stdout
    assert digest(root / "data") == before


def test_add_to_another_file_creates_it(tmp_path, api):
    root = site(tmp_path)
    result = run(root, api.base, "add", "--to", "data/new.bib", "arxiv:1605.08386")
    assert result.returncode == 0, result.stderr
    assert list(entries(root / "data" / "new.bib")) == ["stanley2016heat"]
    assert (root / "data" / "papers.bib").read_text(encoding="utf-8") == PAPERS


# sync --------------------------------------------------------------------------------------


def test_sync_orcid_adds_only_the_works_not_there_yet(tmp_path, api):
    papers = (
        PAPERS
        + "\n@article{oa,\n  title = {The state of OA},\n  year = {2018},\n  doi = {10.7717/peerj.4375},\n}\n"
    )
    root = site(tmp_path, papers)
    bib = root / "data" / "papers.bib"
    result = run(root, api.base, "sync", f"orcid:{ORCID}")
    assert result.returncode == 0, result.stderr
    assert bib.read_text(encoding="utf-8").startswith(papers)
    found = entries(bib)
    assert list(found) == [
        "quill2015first",
        "oa",
        "sadasivan2012methylphenidate",
        "stanley2016heat",
        "hu2000cmb",
    ]
    orcid_only = found["hu2000cmb"]  # no DOI, no arXiv id: ORCID's own full record
    assert orcid_only.entry_type == "inproceedings"
    assert orcid_only.fields["author"] == "Hu, Wayne and Carberry, Josiah"
    assert orcid_only.fields["booktitle"].startswith("4th RESCEU International Symposium")
    assert f"orcid:{ORCID}: 3 works not in the bibliography yet" in result.stdout
    # the work that is there was not fetched
    assert [r.path for r in api.asked("api.crossref.org")] == [
        "/api.crossref.org/works/10.1371/journal.pone.0033693"
    ]
    # a second sync finds nothing new and changes nothing
    after = digest(root / "data")
    again = run(root, api.base, "sync", f"orcid:{ORCID}")
    assert again.returncode == 0, again.stderr
    assert "Nothing to add; data/papers.bib was not changed." in again.stdout
    assert digest(root / "data") == after


def sync_into(tmp_path: Path, api: ReplayServer, known: str, person: str) -> tuple[str, list]:
    """``sync person`` into a bibliography that has one of their papers already: what it
    said, and the entries it appended."""
    papers = PAPERS + known
    root = site(tmp_path, papers)
    result = run(root, api.base, "sync", person)
    assert result.returncode == 0, result.stderr
    bib = root / "data" / "papers.bib"
    assert bib.read_text(encoding="utf-8").startswith(papers)
    return result.stdout, list(entries(bib).values())[2:]


def test_sync_dblp_person(tmp_path, api):
    known = "@article{ley2009,\n  title = {{DBLP} -- Some Lessons Learned},\n  doi = {10.14778/1687553.1687577},\n}\n"
    said, added = sync_into(tmp_path, api, known, "dblp:00/1")
    assert [p.key for p in added] == ["michels2017oxpath", "ackermann2020dblp"]
    jcdl, corr = added
    assert jcdl.fields["booktitle"] == "JCDL"
    assert jcdl.fields["author"].split(" and ")[2] == "Ley, Michael"
    assert (corr.entry_type, corr.fields["eprint"]) == ("misc", "2012.04789")  # dblp's CoRR: arXiv
    assert corr.fields["title"] == "The dblp Computer Science Bibliography: Now Open"
    assert "dblp:00/1: 2 works not in the bibliography yet" in said


def test_sync_openalex_author(tmp_path, api):
    known = "@article{oa,\n  title = {The state of OA},\n  doi = {10.7717/PEERJ.4375},\n}\n"
    said, added = sync_into(tmp_path, api, known, "openalex:A5023888391")
    assert [(p.fields.get("eprint"), p.year) for p in added] == [("2205.01833", 2022), (None, 2010)]
    assert "openalex:A5023888391: 2 works not in the bibliography yet" in said


def test_sync_refuses_a_paper_and_add_refuses_a_person(tmp_path, api):
    root = site(tmp_path)
    wrong = run(root, api.base, "add", f"orcid:{ORCID}")
    assert wrong.returncode == 1
    assert (
        wrong.stderr
        == f"orcid:{ORCID} names a person, not a paper; use: mkdocs-research sync orcid:{ORCID}; nothing was changed\n"
    )
    nonsense = run(root, api.base, "add", "not-an-id")
    assert nonsense.returncode == 1 and "'not-an-id' is not an identifier" in nonsense.stderr
    assert api.requests == []


# citations ---------------------------------------------------------------------------------

CITED = (
    PAPERS
    + """
@article{piwowar2018state,
  title  = {The state of {OA}},
  author = {Piwowar, Heather and Priem, Jason},
  year   = {2018},
  doi    = {10.7717/peerj.4375},
}
@misc{priem2022openalex,
  title  = {{OpenAlex}: A fully-open index of scholarly works},
  author = {Priem, Jason},
  year   = {2022},
  eprint = {2205.01833},
}
@misc{priem2010altmetrics,
  title  = {Altmetrics: A Manifesto},
  author = {Priem, Jason},
  year   = {2011},
}
@article{sadasivan2012,
  title  = {Methylphenidate},
  author = {Sadasivan, S. and Priem, Jason},
  year   = {2012},
  doi    = {10.1371/journal.pone.0033693},
}
"""
)
PRIEM_PROFILE = f"name: Jason Priem\nemails: [jason@example.org]\nlinks:\n  orcid: {PRIEM}\n"


def test_citations_writes_the_documented_file_and_the_site_shows_it(tmp_path, api):
    root = site(tmp_path, CITED, **{"profile.yml": PRIEM_PROFILE})
    day = datetime.date.today()
    today = day.isoformat()
    result = run(root, api.base, "citations")
    assert result.returncode == 0, result.stderr
    written = (root / "data" / "citations.yml").read_text(encoding="utf-8")
    assert written == textwrap.dedent(f"""\
        # Written by `mkdocs-research citations`: run it again to update the counts.
        as_of: {today}
        source: openalex
        profile: {{citations: 1893, h_index: 45, i10_index: 205}}
        publications:            # citekey: count
          piwowar2018state: 382
          priem2022openalex: 311
          priem2010altmetrics: 1204
          sadasivan2012: 72
        """)
    assert "not found on OpenAlex (1): quill2015first" in result.stdout
    # matched by DOI and arXiv id among the author's works first; only the rest by DOI
    assert [r.query.get("filter") for r in api.asked("api.openalex.org")[1:]] == [
        "author.id:A5023888391",
        "author.id:A5023888391",
        "doi:10.1371/journal.pone.0033693",
    ]

    built = _build(root)
    assert built.warnings == []
    metrics = built.html().select_one(".research-metrics")
    assert [i.get_text() for i in metrics.select(".research-metrics__item")] == [
        "Citations: 1893",
        "h-index: 45",
        "i10-index: 205",
    ]
    assert (
        metrics.select_one(".research-metrics__as-of").get_text()
        == f"(as of {day.day} {day:%B %Y}, OpenAlex)"
    )
    assert built.html().select(".research-pub__citations") == []  # rows: off by default

    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("research: {}", "research:\n    citation_counts: true")
    )
    counted = _build(root).html()
    rows = {row["id"]: row for row in counted.select(".research-pub")}
    assert (
        rows["pub-piwowar2018state"].select_one(".research-pub__citations").get_text()
        == "Cited by 382"
    )
    assert rows["pub-quill2015first"].select_one(".research-pub__citations") is None


def test_profile_metrics_written_by_hand_win_over_citations_yml(tmp_path, api):
    profile = PRIEM_PROFILE + "metrics:\n  citations: 10\n  as_of: 2020-01\n"
    root = site(tmp_path, CITED, **{"profile.yml": profile})
    assert run(root, api.base, "citations").returncode == 0
    metrics = _build(root).html().select_one(".research-metrics")
    assert metrics.get_text(" ", strip=True) == "Citations: 10 (as of January 2020)"


def test_citations_without_an_author_totals_the_entries_counts(tmp_path, api):
    root = site(tmp_path, CITED)  # no ORCID in the profile
    result = run(root, api.base, "citations", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "profile: {citations: 72, h_index: 1, i10_index: 1}" in result.stdout
    assert "  sadasivan2012: 72" in result.stdout
    assert not (root / "data" / "citations.yml").exists()


def test_citations_keeps_the_file_when_no_count_changed(tmp_path, api):
    old = textwrap.dedent("""\
        as_of: 2020-01-01
        source: openalex
        profile: {citations: 1893, h_index: 45, i10_index: 205}
        publications:
          piwowar2018state: 382
          priem2022openalex: 311
          priem2010altmetrics: 1204
          sadasivan2012: 72
        """)
    root = site(tmp_path, CITED, **{"profile.yml": PRIEM_PROFILE, "citations.yml": old})
    result = run(root, api.base, "citations")
    assert result.returncode == 0, result.stderr
    assert "data/citations.yml: no count changed since 2020-01-01; left as it is" in result.stdout
    assert (root / "data" / "citations.yml").read_text() == old


def test_citations_yml_problems_are_reported_with_file_and_line(tmp_path):
    bad = "as_of: 2026-13-01\nsource: scholar\nprofile: {citations: lots}\npublications:\n  quill2015first: -3\n"
    root = site(tmp_path, **{"citations.yml": bad})
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs_research.cli", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    problems = [
        line for line in result.stdout.splitlines() if line.startswith("data/citations.yml")
    ]
    assert problems[0].startswith("data/citations.yml:1: 'as_of'")
    assert (
        problems[1] == "data/citations.yml:2: unknown source 'scholar'; expected one of: openalex"
    )
    assert problems[2].startswith(
        "data/citations.yml:3: the count of 'citations' must be a whole number"
    )
    assert problems[3].startswith(
        "data/citations.yml:5: the count of 'quill2015first' must be a whole number"
    )


# failures ----------------------------------------------------------------------------------


def _closed_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


FAILURES = {
    "offline": (None, "could not reach export.arxiv.org: connection refused"),
    "timeout": (Reply(hang=True), "could not reach api.crossref.org: no answer within 0.5 s"),
    "unknown DOI": (
        fixture("crossref-404.txt", 404),
        "doi:10.1371/journal.pone.0033693 is not known to api.crossref.org or api.datacite.org",
    ),
    "malformed JSON": (
        Reply(200, b'{"status":"ok","message":{"DOI":'),
        "api.crossref.org sent a reply that is not valid JSON",
    ),
    "server error": (
        Reply(503, b"busy", {"Retry-After": "3600"}),
        "api.crossref.org is busy (503) and asks to wait 3600 s; try again later",
    ),
}


@pytest.mark.parametrize("failure", FAILURES)
def test_a_failed_request_changes_nothing_and_says_so_in_one_line(tmp_path, failure):
    reply, message = FAILURES[failure]
    root = site(tmp_path)
    before = digest(root / "data")
    replay = ReplayServer()
    doi = "/api.crossref.org/works/10.1371/journal.pone.0033693"
    replay.route(doi, reply or Reply())
    replay.route(
        "/api.datacite.org/dois/10.1371/journal.pone.0033693", fixture("datacite-404.json", 404)
    )
    replay.route("/export.arxiv.org/api/query", fixture("arxiv-1605.08386.xml"))
    for _ in replay.serve():
        base = _closed_port() if reply is None else replay.base
        # the arXiv id is fetched first and fine: still nothing may be written
        result = run(
            root,
            base,
            "add",
            "--timeout",
            "0.5",
            "arxiv:1605.08386",
            "doi:10.1371/journal.pone.0033693",
        )
    assert result.returncode == 1
    assert result.stdout == "" or "added" not in result.stdout
    assert result.stderr == f"{message}; nothing was changed\n"
    assert digest(root / "data") == before


@pytest.mark.parametrize(
    "command", [["sync", f"orcid:{ORCID}"], ["citations"], ["add", "dblp:journals/cacm/Szalay08"]]
)
def test_every_command_fails_cleanly_offline(tmp_path, command):
    root = site(tmp_path, CITED, **{"profile.yml": PRIEM_PROFILE})
    before = digest(root / "data")
    result = run(root, _closed_port(), *command)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("could not reach ") and result.stderr.endswith(
        "; nothing was changed\n"
    )
    assert digest(root / "data") == before


@pytest.mark.parametrize("source", ["arxiv", "orcid"])
def test_malformed_replies_of_other_services_change_nothing(tmp_path, source):
    root = site(tmp_path)
    before = digest(root / "data")
    replay = ReplayServer()
    replay.route("/export.arxiv.org/api/query", Reply(200, b"<feed><entry>"))
    replay.route(
        f"/pub.orcid.org/v3.0/{ORCID}/works", Reply(200, b'{"group": [{"work-summary": []}]}')
    )
    for _ in replay.serve():
        args = ["add", "arxiv:1605.08386"] if source == "arxiv" else ["sync", f"orcid:{ORCID}"]
        result = run(root, replay.base, *args)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "sent a reply" in result.stderr
    assert digest(root / "data") == before


def test_busy_service_answering_429_then_200_succeeds(tmp_path):
    root = site(tmp_path)
    replay = ReplayServer()
    doi = "/api.crossref.org/works/10.1371/journal.pone.0033693"
    replay.route(
        doi,
        Reply(429, b"slow down", {"Retry-After": "0"}),
        fixture("crossref-10.1371-journal.pone.0033693.json"),
    )
    for _ in replay.serve():
        result = run(root, replay.base, "add", "doi:10.1371/journal.pone.0033693")
        asked = len(replay.asked("api.crossref.org"))
    assert result.returncode == 0, result.stderr
    assert asked == 2
    assert "sadasivan2012methylphenidate" in entries(root / "data" / "papers.bib")


# the scaffold's workflow ---------------------------------------------------------------------


def _git(*args: str, cwd: Path) -> str:
    command = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=True).stdout


def test_the_new_site_updates_weekly_and_commits_only_a_change(tmp_path):
    assert (
        subprocess.run(
            [sys.executable, "-m", "mkdocs_research.cli", "new", "s"], cwd=tmp_path, check=False
        ).returncode
        == 0
    )
    workflow = yaml.safe_load((tmp_path / "s/.github/workflows/current.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["schedule"][0]["cron"].split()[-1] == "1"  # weekly, on Mondays
    assert "workflow_dispatch" in triggers
    steps = workflow["jobs"]["update"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "mkdocs-research citations" in runs
    assert any(run.startswith("mkdocs-research sync") for run in runs)
    deploy = yaml.safe_load((tmp_path / "s/.github/workflows/deploy.yml").read_text())
    assert "workflow_dispatch" in deploy[True]  # what the last step starts

    # The commit step, run for real in a clone of a repository with a remote.
    commit = next(step["run"] for step in steps if step.get("id") == "commit")
    remote, clone = tmp_path / "remote.git", tmp_path / "clone"
    _git("init", "--bare", "-b", "main", str(remote), cwd=tmp_path)
    _git("clone", str(remote), str(clone), cwd=tmp_path)
    shutil.copytree(tmp_path / "s", clone, dirs_exist_ok=True)
    _git("add", "-A", cwd=clone)
    _git("commit", "-m", "site", cwd=clone)
    _git("push", "origin", "HEAD:main", cwd=clone)

    def step() -> str:
        output = tmp_path / "output"
        output.write_text("")
        environment = {**os.environ, "GITHUB_OUTPUT": str(output)}
        subprocess.run(
            ["bash", "-e", "-c", commit],
            cwd=clone,
            env=environment,
            check=True,
            capture_output=True,
        )
        return output.read_text().strip()

    assert step() == "changed=false"
    (clone / "docs" / "index.md").write_text("not data\n")
    assert step() == "changed=false"  # only data/ is committed
    citations = clone / "data" / "citations.yml"
    citations.write_text(citations.read_text().replace("name2025first: 12", "name2025first: 13"))
    assert step() == "changed=true"
    assert _git("log", "-1", "--name-only", "--format=%s", "main", cwd=remote).split() == [
        "Update",
        "publications",
        "and",
        "citation",
        "counts",
        "data/citations.yml",
    ]
