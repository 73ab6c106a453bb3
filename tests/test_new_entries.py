"""The pieces behind ``add``, ``sync`` and ``citations``: identifiers as people paste them,
BibTeX that is safe to append, and a client that waits politely for busy services."""

from __future__ import annotations

import pytest
from api_replay import ReplayServer, Reply

from mkdocs_research.bibtex import load_bibtex
from mkdocs_research.citations import h_index
from mkdocs_research.latex import latex_to_text
from mkdocs_research.newentries import appended, bibtex_entry, citekey
from mkdocs_research.sources.client import Client, FetchError
from mkdocs_research.sources.identifiers import Identifier, parse_identifier
from mkdocs_research.sources.work import Name, Work


@pytest.mark.parametrize(
    ("typed", "kind", "value"),
    [
        ("doi:10.1145/3191779", "doi", "10.1145/3191779"),
        ("10.1145/3191779", "doi", "10.1145/3191779"),
        ("https://doi.org/10.1016/0029-5582(61)90469-2", "doi", "10.1016/0029-5582(61)90469-2"),
        ("DOI: 10.1371/JOURNAL.PONE.0033693", "doi", "10.1371/journal.pone.0033693"),
        ("arxiv:2401.01234", "arxiv", "2401.01234"),
        ("2401.01234v3", "arxiv", "2401.01234"),
        ("https://arxiv.org/abs/hep-th/9901001v1", "arxiv", "hep-th/9901001"),
        ("https://arxiv.org/pdf/2401.01234.pdf", "arxiv", "2401.01234"),
        ("doi:10.48550/arXiv.2401.01234", "doi", "10.48550/arxiv.2401.01234"),
        ("dblp:conf/nips/VaswaniSPUJGKP17", "dblp", "conf/nips/VaswaniSPUJGKP17"),
        ("https://dblp.org/pid/00/1.html", "dblp", "pid/00/1"),
        ("https://dblp.org/rec/journals/cacm/Szalay08.html", "dblp", "journals/cacm/Szalay08"),
        ("openalex:w2741809807", "openalex", "W2741809807"),
        ("openalex:https://openalex.org/A5023888391", "openalex", "A5023888391"),
        ("orcid:0000-0002-1825-0097", "orcid", "0000-0002-1825-0097"),
        ("https://orcid.org/0000-0002-1694-233x", "orcid", "0000-0002-1694-233X"),
    ],
)
def test_identifiers_as_people_paste_them(typed, kind, value):
    assert parse_identifier(typed) == Identifier(kind, value)


@pytest.mark.parametrize("typed", ["", "hello", "doi:not-a-doi", "arxiv:12345", "openalex:X1"])
def test_what_is_no_identifier(typed):
    assert parse_identifier(typed) is None


def _work(**changes) -> Work:
    values = {
        "entry_type": "article",
        "title": "Q&A for BERT: 50% faster_models with $x^2$ and {braces}",
        "authors": [Name("Lovelace", "Ada"), Name("Google DeepMind"), Name("O'Neil", "Cathy")],
        "year": 2024,
        "month": 5,
        "fields": {"journal": "Journal of #1 Results"},
        "doi": "10.1000/xyz",
    }
    return Work(**(values | changes))


def test_entries_escape_latex_and_read_back_as_written():
    work = _work()
    text = bibtex_entry(work, "lovelace2024bert")
    assert (
        r"title   = {Q\&A for {BERT}: 50\% faster\_models with \$x\textasciicircum{}2\$ and \{braces\}},"
        in text
    )
    assert r"author  = {Lovelace, Ada and {Google DeepMind} and O'Neil, Cathy}," in text
    assert "month   = may," in text
    (entry,), problems = load_bibtex(text, "new.bib")
    assert problems == []
    names = [latex_to_text(p.display) for p in entry.authors]
    assert names == ["Ada Lovelace", "Google DeepMind", "Cathy O'Neil"]
    assert entry.fields["journal"] == r"Journal of \#1 Results"


def test_tex_titles_keep_their_math():
    work = _work(title="On $\\sigma$-models & GPUs", tex=True)
    assert bibtex_entry(work, "k").splitlines()[1] == r"  title   = {On $\sigma$-models \& {GPUs}},"


def test_citekeys_follow_the_house_style_and_never_collide():
    taken = {"lovelace2024bert"}
    assert citekey(_work(title="The BERT Models"), taken) == "lovelace2024bertb"
    assert citekey(_work(title="On BERT"), taken) == "lovelace2024bertc"
    assert (
        citekey(_work(title="The Élan of a Model", authors=[Name("van Çelik", "Ö")]), taken)
        == "celik2024elan"
    )
    assert citekey(_work(title="", authors=[], year=None), taken) == "anon"


def test_appending_keeps_every_byte_and_the_line_endings():
    old = b"% mine\r\n@misc{a,\r\n  title = {A},\r\n}"
    new = appended(old, ["@misc{b,\n  title = {B},\n}"])
    assert new == old + b"\r\n\r\n@misc{b,\r\n  title = {B},\r\n}\r\n"
    assert appended(b"", ["@misc{b}"]) == b"@misc{b}\n"


def test_h_index():
    assert h_index([]) == 0
    assert h_index([10, 8, 5, 4, 3]) == 4
    assert h_index([25, 8, 5, 3, 3]) == 3


# The client ---------------------------------------------------------------------------------


def test_busy_services_are_retried_after_a_growing_pause():
    replay = ReplayServer()
    replay.route("/api.crossref.org/works", Reply(503), Reply(502), Reply(200, b"{}"))
    replay.route(
        "/api.openalex.org/works", Reply(429, b"", {"Retry-After": "7"}), Reply(200, b"[]")
    )
    waits: list[float] = []
    for _ in replay.serve():
        client = Client(sleep=waits.append)
        client.base = replay.base
        assert client.json("https://api.crossref.org/works") == {}
        assert waits == [1.0, 2.0]
        assert client.json("https://api.openalex.org/works") == []
        assert waits == [1.0, 2.0, 7.0]  # as the service asked


def test_retries_are_bounded():
    replay = ReplayServer()
    replay.route("/api.crossref.org/works", Reply(500))
    replay.route("/api.openalex.org/works", Reply(429, b"", {"Retry-After": "86400"}))
    waits: list[float] = []
    for _ in replay.serve():
        client = Client(sleep=waits.append)
        client.base = replay.base
        with pytest.raises(
            FetchError, match=r"^api\.crossref\.org answered 500 Internal Server Error$"
        ):
            client.json("https://api.crossref.org/works")
        assert waits == [1.0, 2.0, 4.0]
        with pytest.raises(FetchError, match="asks to wait 86400 s; try again later"):
            client.json("https://api.openalex.org/works")
        assert waits == [1.0, 2.0, 4.0]  # a day is not worth waiting for
