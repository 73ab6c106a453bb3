"""A real ``mkdocs serve`` survives bad edits: it keeps serving, shows the last good data,
reports the problem, and picks up the repair. And no command ever changes the user's files.

The server is a subprocess on a free loopback port; pages are fetched with urllib, with
timeouts and bounded polling. Every server is terminated in the fixture's teardown. When no
loopback port can be bound the tests are skipped.
"""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import write_site
from test_robustness import copy_corpus

pytestmark = pytest.mark.slow

#: How long a rebuild may take to land, and the first build to be served.
REBUILD_TIMEOUT = 30.0
START_TIMEOUT = 60.0


def free_port() -> int:
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind(("127.0.0.1", 0))
            return probe.getsockname()[1]
    except OSError as error:
        pytest.skip(f"cannot bind a loopback port: {error}")


class Server:
    """``python -m mkdocs serve`` on ``127.0.0.1:<port>`` for the site at ``root``."""

    def __init__(self, root: Path, log: Path) -> None:
        self.root = root
        self.port = free_port()
        self.log_path = log
        self._log = log.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=root,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )

    @property
    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def get(self, path: str = "") -> str | None:
        """The page at ``path``, or ``None`` when the server does not answer with 200."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=5) as r:
                return r.read().decode("utf-8") if r.status == 200 else None
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            return None

    def wait_for(
        self, predicate: Callable[[str], bool], path: str = "", timeout: float = REBUILD_TIMEOUT
    ) -> str:
        """Poll ``path`` until its text satisfies ``predicate``; fail after ``timeout``."""
        deadline = time.monotonic() + timeout
        page = None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                if "Address already in use" in self.log:
                    pytest.skip(f"port {self.port} was taken before mkdocs serve could bind it")
                pytest.fail(f"mkdocs serve exited with {self.process.returncode}:\n{self.log}")
            page = self.get(path)
            if page is not None and predicate(page):
                return page
            time.sleep(0.25)
        pytest.fail(f"no page satisfying the condition within {timeout} s:\n{page}\n{self.log}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._log.close()


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[[Path], Server]]:
    servers: list[Server] = []

    def start(root: Path) -> Server:
        server = Server(root, tmp_path / f"serve{len(servers)}.log")
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def edit(path: Path, text: str) -> None:
    """Write a file as an editor does, making sure its modification time moves on."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns <= before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


PAGE = "# Home\n\nRevision {n}\n\n{{{{ {macro}() }}}}\n\n## Talks\n\n{{{{ talks() }}}}\n"
GOOD_BIB = (
    "@article{first, title = {First Paper}, year = 2020}\n"
    "@article{third, title = {Third Paper}, year = 2018}\n"
)
BROKEN_BIB = (
    "@article{first, title = {First Paper}, year = 2020}\n"
    "@article{third, title = {Third Paper, year = 2018\n"
    "@article{second, title = {Second Paper}, year = 2019}\n"
)
GOOD_TALKS = "- date: 2022-01-01\n  title: Good Talk\n"
BROKEN_TALKS = '- date: 2022-01-01\n  title: "Good Talk\n'


def _site(root: Path) -> Path:
    return write_site(
        root,
        {"index.md": PAGE.format(n=1, macro="publications")},
        {"papers.bib": GOOD_BIB, "talks.yml": GOOD_TALKS},
        theme="mkdocs",
    )


def _revision(server: Server, root: Path, n: int, macro: str = "publications") -> BeautifulSoup:
    """Edit the page last, so that the rebuild showing ``Revision n`` has read every data
    file written before it."""
    edit(root / "docs" / "index.md", PAGE.format(n=n, macro=macro))
    page = server.wait_for(lambda text: f"Revision {n}" in text)
    return BeautifulSoup(page, "html.parser")


def _titles(soup: BeautifulSoup) -> list[str]:
    return [t.get_text() for t in soup.select(".research-pub__title")]


def test_serve_survives_broken_data_and_pages_and_picks_up_the_repair(serve, tmp_path) -> None:
    root = _site(tmp_path / "site")
    server = serve(root)
    first = BeautifulSoup(
        server.wait_for(lambda text: "Revision 1" in text, timeout=START_TIMEOUT), "html.parser"
    )
    assert _titles(first) == ["First Paper", "Third Paper"]
    assert first.select_one(".research-talk__title").get_text() == "Good Talk"

    # A .bib file with a syntax error: the entries around the broken one stay.
    edit(root / "data" / "papers.bib", BROKEN_BIB)
    soup = _revision(server, root, 2)
    assert _titles(soup) == ["First Paper", "Second Paper"]
    assert "data/papers.bib:2: could not read the block starting '@article{third" in server.log

    # A YAML file with a syntax error: the server keeps serving, the rest of the page stays,
    # and so do the last good talks.
    edit(root / "data" / "talks.yml", BROKEN_TALKS)
    soup = _revision(server, root, 3)
    assert _titles(soup) == ["First Paper", "Second Paper"]
    assert [t.get_text() for t in soup.select(".research-talk__title")] == ["Good Talk"]
    assert "data/talks.yml:2: YAML syntax error: the quoted value" in server.log

    # A misspelt macro: a visible notice naming the page, line and the nearest macro.
    soup = _revision(server, root, 4, macro="publicatons")
    notice = soup.select_one(".research-error")
    assert notice is not None
    assert notice.get_text() == (
        "index.md:5: unknown macro 'publicatons'; did you mean 'publications'?"
    )
    assert _titles(soup) == []

    # The repair of all three is picked up.
    edit(root / "data" / "papers.bib", GOOD_BIB)
    edit(root / "data" / "talks.yml", GOOD_TALKS.replace("Good Talk", "Repaired Talk"))
    soup = _revision(server, root, 5)
    assert _titles(soup) == ["First Paper", "Third Paper"]
    assert soup.select_one(".research-talk__title").get_text() == "Repaired Talk"
    assert soup.select(".research-error") == []
    assert server.process.poll() is None
    assert "Traceback" not in server.log


def test_a_broken_yaml_file_keeps_the_last_good_data(serve, tmp_path) -> None:
    """Under ``mkdocs serve`` a half-saved YAML file keeps its last good data on the page;
    the problem is reported all the same, and a good edit after it is picked up."""
    root = _site(tmp_path / "site")
    server = serve(root)
    server.wait_for(lambda text: "Good Talk" in text, timeout=START_TIMEOUT)
    edit(root / "data" / "talks.yml", BROKEN_TALKS)
    soup = _revision(server, root, 2)
    talks = soup.select_one(".research-talks")
    assert talks is not None
    assert [t.get_text() for t in talks.select(".research-talk__title")] == ["Good Talk"]
    assert "data/talks.yml:2: YAML syntax error: the quoted value" in server.log
    edit(root / "data" / "talks.yml", GOOD_TALKS.replace("Good Talk", "Newer Talk"))
    soup = _revision(server, root, 3)
    assert [t.get_text() for t in soup.select(".research-talk__title")] == ["Newer Talk"]


def test_a_half_written_bib_keeps_the_last_good_entries(serve, tmp_path) -> None:
    """A ``.bib`` file that ends inside an entry (an editor's save caught half-way) keeps its
    last good entries on the pages, as a YAML file that does not parse does."""
    root = _site(tmp_path / "site")
    server = serve(root)
    server.wait_for(lambda text: "Revision 1" in text, timeout=START_TIMEOUT)
    half = GOOD_BIB[: GOOD_BIB.index("Third Paper") + 5]
    edit(root / "data" / "papers.bib", half)
    soup = _revision(server, root, 2)
    assert _titles(soup) == ["First Paper", "Third Paper"]
    assert "data/papers.bib:2: the block starting '@article{third" in server.log
    assert "is not closed before the end of the file" in server.log
    edit(root / "data" / "papers.bib", GOOD_BIB.replace("Third Paper", "Finished Paper"))
    soup = _revision(server, root, 3)
    assert _titles(soup) == ["First Paper", "Finished Paper"]


# --------------------------------------------------------------------------------------
# No command changes what the user wrote
# --------------------------------------------------------------------------------------


def fingerprint(root: Path) -> dict[str, tuple[str, int]]:
    """Content hash and modification time of every file the user wrote (not site/, not the
    cache)."""
    files = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and relative.parts[0] not in {"site", ".cache"}:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            files[relative.as_posix()] = (digest, path.stat().st_mtime_ns)
    return files


def test_build_serve_and_check_never_change_the_users_files(serve, tmp_path) -> None:
    root = copy_corpus("hostile", tmp_path)
    before = fingerprint(root)
    assert "data/papers.bib" in before and "data/latin1.bib" in before
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

    def run(*module_and_args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", *module_and_args],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
            env=env,
        )

    build = run("mkdocs", "build")
    assert build.returncode == 0, build.stderr[-2000:]
    assert fingerprint(root) == before

    server = serve(root)
    page = server.wait_for(
        lambda text: "Good Neighbour Before" in text, "publications/", timeout=START_TIMEOUT
    )
    assert "Good Neighbour After" in page
    server.stop()
    assert fingerprint(root) == before

    check = run("mkdocs_research.cli", "check")
    assert check.returncode == 1
    assert "data/broken.bib:6: missing comma after field 'author'" in check.stdout
    assert "Traceback" not in check.stdout + check.stderr
    assert fingerprint(root) == before


def test_serve_answers_a_missing_citekey_and_a_five_digit_year(serve, tmp_path) -> None:
    """Both once took serve down: a traceback for ``publication()``, and every request hung
    while ``year = {20255}`` crashed the feed."""
    root = _site(tmp_path / "site")
    server = serve(root)
    server.wait_for(lambda text: "Revision 1" in text, timeout=START_TIMEOUT)
    soup = _revision(server, root, 2, macro="publication")
    assert [n.get_text() for n in soup.select(".research-error")] == [
        "index.md:5: publication() needs its 'key' argument, e.g. {{ publication(\"doe2021\") }}"
    ]
    edit(root / "data" / "papers.bib", GOOD_BIB.replace("year = 2018", "year = {20255}"))
    soup = _revision(server, root, 3)
    assert _titles(soup) == ["Third Paper", "First Paper"]  # as if forthcoming: first
    assert "data/papers.bib:2: year '20255' of entry 'third'" in server.log
    assert server.get("feed.xml") is not None
    assert "Traceback" not in server.log


# --------------------------------------------------------------------------------------
# Folders that go away and come back
# --------------------------------------------------------------------------------------


def test_data_moved_away_and_back_still_rebuilds_on_later_edits(serve, tmp_path) -> None:
    """Moving ``data/`` away ends MkDocs' watch of it; once it is back, edits in it must
    still rebuild the site (here no page is edited: only the data file)."""
    root = _site(tmp_path / "site")
    server = serve(root)
    server.wait_for(lambda text: "First Paper" in text, timeout=START_TIMEOUT)
    data, away = root / "data", tmp_path / "away"
    time.sleep(1.5)  # the data folder's watcher notices that it has gone, and stops
    data.rename(away)
    time.sleep(1.5)
    away.rename(data)
    deadline = time.monotonic() + REBUILD_TIMEOUT
    revision = 0
    while time.monotonic() < deadline:  # edit until one edit lands after the watch is back
        revision += 1
        edit(data / "papers.bib", GOOD_BIB.replace("First Paper", f"Edited Paper {revision}"))
        page = server.get() or ""
        if "Edited Paper" in page:
            break
        time.sleep(1.0)
    assert "Edited Paper" in (server.get() or ""), server.log
    assert "Traceback" not in server.log
