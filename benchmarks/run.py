"""The mkdocs-research benchmark: one command, real ``mkdocs build`` runs, side by side.

    python benchmarks/run.py                              # sizes 300 5000 20000, 3 repeats
    python benchmarks/run.py --sizes 300 5000 --repeat 3 --peers-max 5000
    python benchmarks/run.py --quick                      # a one-minute smoke run

For each size N a seeded list of N publications (``generate.py``) is written into temporary
projects that differ only in how the list gets onto the page. Every build is a fresh
``python -m mkdocs build`` process started by a fresh wrapper process (so ``ru_maxrss`` of
``RUSAGE_CHILDREN`` is the peak memory of that one build), with ``NO_MKDOCS_2_WARNING=1``.
Variants run interleaved and in a rotated order on every repeat, so that a noisy neighbour
hurts all of them alike; medians are reported.

Variants (see README.md for more):

  a  floor: the same list written as plain Markdown, Material + search
  a′ lean floor: the same entries as a plain list of authors, **title**, year (the bars)
  b  floor with our exact HTML pasted into the page as raw HTML
  c  our plugin, cold (``.cache/`` deleted before the build)
  d  our plugin, second build with whatever it left in ``.cache/``
  e  ``mkdocs serve``-style rebuild, in one process: after editing an unrelated page (ours and
     the floor), after editing one entry of the .bib (ours) and after editing one entry of the
     lean floor's page (the floor it is compared with)
  f  mkdocs-bibtex ``\\full_bibliography`` on the same .bib      (needs the ``bench`` extra)
  g  mkdocs-macros: a Jinja for-loop over the same data as YAML  (needs the ``bench`` extra)

Results go to stdout and to ``benchmarks/RESULTS.md`` (overwritten; ``--results`` elsewhere).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PACKAGE = REPO / "mkdocs_research"
OWNER = "Ada Lovelace"
SERVE_URL = "http://127.0.0.1:8000/"

VARIANT_NAMES = {
    "o": "empty site (start-up)",
    "a": "floor (plain Markdown)",
    "a_lean": "lean floor (author, title, year)",
    "b": "floor + our HTML pasted",
    "h": "our HTML for free (hook)",
    "p": "least plugin work, no MkDocs (scan + one Jinja row each)",
    "c": "ours, cold",
    "d": "ours, 2nd build (cache)",
    "e_floor": "serve rebuild, floor",
    "e_ours": "serve rebuild, ours",
    "e_page": "serve rebuild, lean floor, list page edited",
    "e_bib": "serve rebuild, ours, one .bib entry edited",
    "f": "mkdocs-bibtex",
    "g": "mkdocs-macros + YAML",
}
PEERS = ("f", "g")
LABELS = {"o": "0", "a_lean": "a′", "e_floor": "e", "e_ours": "e", "e_page": "e′", "e_bib": "e′"}
#: What each serve-style variant edits before its rebuild.
SERVE_EDITS = {"e_floor": "about", "e_ours": "about", "e_page": "page", "e_bib": "bib"}


def label(v: str) -> str:
    return f"({LABELS.get(v, v)}) {VARIANT_NAMES[v]}"


# --------------------------------------------------------------------------------------------
# Child modes: run in fresh processes, print one JSON line.
# --------------------------------------------------------------------------------------------


def child_measure(root: str, command: list[str]) -> None:
    """Run one build as a child of this (fresh) process: wall time, CPU time and peak RSS of
    exactly that child."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=root, capture_output=True, text=True)
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        json.dumps(
            {
                "wall": wall,
                "cpu": usage.ru_utime + usage.ru_stime,
                "maxrss_mb": usage.ru_maxrss / 1024,  # Linux: kilobytes
                "rc": done.returncode,
                "warnings": len(re.findall(r"^WARNING", done.stderr, re.M)),
                "stderr": done.stderr[-3000:],
            }
        )
    )


#: The plainest row a plugin could render with Jinja: what (p) renders for every entry.
LEAST_ROW = (
    '<li id="{{ e.key }}">{{ e.fields.author }}, <strong>{{ e.fields.title }}</strong>, '
    "{{ e.fields.year }}</li>"
)


def child_least(bib: str) -> None:
    """Variant (p): the least work any plugin must add to (h) to show this list: read the
    ``.bib`` with our C-speed scanner (no LaTeX, names, links or checks) and render one
    minimal Jinja row an entry. (h) + (p) is a floor for the cold build no plugin that
    parses BibTeX and renders with Jinja can go below, whatever it shows. Also reported: what
    importing our plugin takes once MkDocs and Material are loaded, a cost before any entry."""
    import material  # noqa: F401
    import mkdocs.commands.build  # noqa: F401
    from jinja2 import Environment

    begin = time.perf_counter()
    import mkdocs_research.plugin  # noqa: F401

    imported = time.perf_counter() - begin
    from mkdocs_research.bibscan import scan_bibtex

    row = Environment(autoescape=True).from_string(LEAST_ROW)
    start, cpu = time.perf_counter(), time.process_time()
    scanned = scan_bibtex(Path(bib).read_text(encoding="utf-8"))
    entries = scanned.entries if scanned else []
    html = "\n".join(row.render(e=entry) for entry in entries)
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(
        json.dumps(
            {
                "wall": wall,
                "cpu": time.process_time() - cpu,
                "maxrss_mb": usage.ru_maxrss / 1024,
                "rc": 0 if html else 1,
                "entries": len(entries),
                "import": imported,
            }
        )
    )


def edit(root: Path, what: str) -> None:
    """The edit before a serve-style rebuild: ``about`` appends to the unrelated page, ``page``
    changes the first title of the Markdown list, ``bib`` the first title in the .bib."""
    if what == "about":
        page = root / "docs" / "about.md"
        page.write_text(page.read_text() + f"\nEdited at {time.time()}.\n", encoding="utf-8")
        return
    path = root / ("data/papers.bib" if what == "bib" else "docs/publications.md")
    text = path.read_text(encoding="utf-8")
    mark = re.search(
        r"^\s*title\s*=\s*\{" if what == "bib" else r"\*\*(?=[^*]+\*\*, \d{4}$)", text, re.M
    )
    if mark is None:
        raise SystemExit(f"nothing to edit in {path}")
    path.write_text(text[: mark.end()] + "Edited " + text[mark.end() :], encoding="utf-8")


def child_serve(root: str, plugin_module: str, what: str) -> None:
    """What ``mkdocs serve`` does, in one process: load the config and build, make one edit
    (see ``edit``), load the config again and rebuild. Only the rebuild (config reload + build)
    is timed; module-level state (our engine cache) survives between the two, as it does under
    serve."""
    import logging

    os.chdir(root)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = tempfile.mkdtemp(prefix="mkdocs_")
    config_file = str(Path(root) / "mkdocs.yml")

    def get_config():
        config = load_config(config_file=config_file, site_dir=site_dir)
        config.site_url = SERVE_URL
        return config

    def parse_count() -> int | None:
        """How often our store has parsed a data file (None: not our plugin / unknown)."""
        if not plugin_module:
            return None
        try:
            from mkdocs.config.defaults import MkDocsConfig

            # The plugin declares on_startup, so MkDocs keeps its instance across rebuilds.
            plugin = MkDocsConfig.plugins.plugin_cache.get("research")
            engine = getattr(plugin, "research", None)
            return None if engine is None else engine.store.parse_count
        except Exception:
            return None

    first_start = time.perf_counter()
    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url=SERVE_URL)
    first = time.perf_counter() - first_start
    parses_first = parse_count()

    edit(Path(root), what)

    cpu_start = time.process_time()
    start = time.perf_counter()
    build(get_config(), serve_url=SERVE_URL)
    wall = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    parses_second = parse_count()
    config.plugins.on_shutdown()
    entries = site_entries(Path(site_dir), "e_ours" if plugin_module else "e_floor")
    shutil.rmtree(site_dir, ignore_errors=True)
    print(
        json.dumps(
            {
                "wall": wall,
                "cpu": cpu,
                "first_build": first,
                "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "rc": 0,
                "entries": entries,
                "reparsed": None
                if parses_first is None or parses_second is None
                else parses_second - parses_first,
            }
        )
    )


# --------------------------------------------------------------------------------------------
# Projects
# --------------------------------------------------------------------------------------------

MKDOCS_YML = """\
site_name: Benchmark ({variant}, N={n})
site_url: https://example.org/
theme:
  name: material
  font: false
plugins:
  - search
{plugins}
markdown_extensions:
  - attr_list
  - md_in_html
  - footnotes
  - toc:
      permalink: true
extra:
  owner: {owner}
nav:
  - Home: index.md
  - Publications: publications.md
  - About: about.md
"""

INDEX_MD = """# Ada Lovelace

I work on interpretable machine learning. My [publications](publications.md) are listed by
year; see also [about](about.md).
"""

ABOUT_MD = """# About

A short unrelated page: the serve-style rebuild (column e) edits this page and rebuilds.

- Office: 1.23
- Hours: Tuesdays
"""

PLUGINS = {
    "o": "",
    "a": "",
    "a_lean": "",
    "b": "",
    "h": "",
    "c": '  - research:\n      bibliography: [data/papers.bib]\n      highlight_names: ["Ada Lovelace"]\n',
    "f": "  - bibtex:\n      bib_file: data/papers.bib\n",
    "g": "  - macros:\n      include_yaml: [data/papers.yml]\n",
}
OURS_PAGE = '# Publications\n\n{{ publications(group_by="year") }}\n'
EMPTY_PAGE = "# Publications\n\nNo list: what MkDocs and Material cost before any entry.\n"
BIBTEX_PAGE = "# Publications\n\n\\full_bibliography\n"


def write_project(root: Path, variant: str, n: int, data: dict[str, Path], page: str) -> Path:
    """A project with mkdocs.yml, three pages and the data file(s) the variant reads."""
    if root.exists():
        shutil.rmtree(root)
    (root / "docs").mkdir(parents=True)
    (root / "data").mkdir()
    (root / "mkdocs.yml").write_text(
        MKDOCS_YML.format(variant=variant, n=n, plugins=PLUGINS[variant], owner=OWNER),
        encoding="utf-8",
    )
    (root / "docs" / "index.md").write_text(INDEX_MD, encoding="utf-8")
    (root / "docs" / "about.md").write_text(ABOUT_MD, encoding="utf-8")
    (root / "docs" / "publications.md").write_text(page, encoding="utf-8")
    if variant in ("c", "f"):
        shutil.copy(data["bib"], root / "data" / "papers.bib")
    if variant == "g":
        shutil.copy(data["yml"], root / "data" / "papers.yml")
    return root


LIST_MARK = "RESEARCH-LIST-GOES-HERE"
FREE_PAGE = f"# Publications\n\n{LIST_MARK}\n"
#: (h): the list our plugin renders, finished and free, put in after Markdown by a hook, with
#: the same lean copy for the search plugin: what any plugin with this output must cost.
FREE_HOOK = f"""\
from pathlib import Path

from mkdocs.plugins import event_priority

HERE = Path(__file__).parent
MARK = "<p>{LIST_MARK}</p>"
FULL = (HERE / "list.html").read_text(encoding="utf-8")
LEAN = (HERE / "lean.html").read_text(encoding="utf-8")
pages = {{}}


def on_page_content(html, page, **kwargs):
    if MARK in html:
        pages[page.url] = html.replace(MARK, FULL)
        return html.replace(MARK, LEAN)  # what the search plugin reads
    return html


@event_priority(-100)  # after the search plugin, before the theme
def on_page_context(context, page, **kwargs):
    if page.url in pages:
        page.content = pages.pop(page.url)
    return context
"""


def write_free_project(root: Path, n: int, data: dict[str, Path], page_with_list: str) -> Path:
    """Variant (h): the floor project plus a hook that inserts our finished list."""
    from mkdocs_research.rendering import lean_for_search

    write_project(root, "h", n, data, FREE_PAGE)
    html = page_with_list.split("\n\n", 1)[1]  # without the "# Publications" heading
    (root / "list.html").write_text(html, encoding="utf-8")
    (root / "lean.html").write_text(lean_for_search(html), encoding="utf-8")
    (root / "hooks.py").write_text(FREE_HOOK, encoding="utf-8")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("hooks:\n  - hooks.py\n")
    return root


def child_html(root: str, out: str) -> None:
    """Write our plugin's HTML for the list page into ``out`` (a fresh process, so that it is
    the package's current code, not what this runner imported earlier)."""
    Path(out).write_text(_engine_html(Path(root)), encoding="utf-8")
    print(json.dumps({"rc": 0}))


def our_html(root: Path) -> str:
    """The HTML our plugin renders for the list (the macro's exact output), for variant (b).

    Through the engine the plugin itself uses, in a fresh process; if its API has moved, cut
    the list out of the page a build of (c) wrote."""
    out = root / "our-html.md"
    result = run_child(["--child-html", str(root), str(out)])
    if result.get("rc") == 0 and out.exists():
        return out.read_text(encoding="utf-8")
    print(
        "note: engine API failed; cutting our HTML out of a built page:",
        result.get("stderr", "")[-300:],
    )
    return _built_html(root)


def _engine_html(root: Path) -> str:
    page_text = (root / "docs" / "publications.md").read_text(encoding="utf-8")
    try:
        from mkdocs_research.context import PageContext
        from mkdocs_research.options import Options
        from mkdocs_research.research import Research

        options = Options.from_mapping(
            root, {"bibliography": ["data/papers.bib"], "highlight_names": [OWNER]}
        )
        engine = Research(options)
        engine.refresh()
        page = PageContext("publications.md", "publications/")
        html, _ = engine.expand(page_text, page, lambda h: h)
        return html
    except Exception as error:  # pragma: no cover - depends on the package's evolution
        print(f"note: engine API failed ({error!r}); cutting our HTML out of a built page")
    return _built_html(root)


def _built_html(root: Path) -> str:
    run_build(root, fresh_cache=True)
    built = (root / "site" / "publications" / "index.html").read_text(encoding="utf-8")
    start = built.index('<div class="research research-publications')
    depth, pos = 0, start
    for match in re.finditer(r"<div\b|</div>", built[start:]):
        depth += 1 if match.group(0) == "<div" else -1
        if depth == 0:
            pos = start + match.end()
            break
    return "# Publications\n\n" + built[start:pos] + "\n"


# --------------------------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------------------------


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    # As on a researcher's machine, Python keeps the package's compiled modules (without
    # them every build compiles ours from source, some 60 ms, while MkDocs' come installed).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


TIMEOUT = 3600.0


def run_child(args: list[str]) -> dict:
    """Start a fresh wrapper process (this file in a child mode) and read its JSON line."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), *args],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=TIMEOUT,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"rc": done.returncode or 1, "stderr": (done.stderr or done.stdout)[-3000:]}
    return json.loads(lines[-1])


def run_build(root: Path, fresh_cache: bool) -> dict:
    if fresh_cache:
        shutil.rmtree(root / ".cache", ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build"]
    return run_child(["--child-measure", str(root), json.dumps(command)])


def run_serve(root: Path, variant: str, data: dict[str, Path], page: str) -> dict:
    """One serve-style first build + edit + rebuild of ``variant``, from unedited files."""
    shutil.rmtree(root / ".cache", ignore_errors=True)
    (root / "docs" / "about.md").write_text(ABOUT_MD, encoding="utf-8")
    (root / "docs" / "publications.md").write_text(page, encoding="utf-8")
    ours = variant in ("e_ours", "e_bib")
    if ours:
        shutil.copy(data["bib"], root / "data" / "papers.bib")
    module = "mkdocs_research.plugin" if ours else ""
    return run_child(["--child-serve", str(root), module, SERVE_EDITS[variant]])


@dataclass
class Samples:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    def add(self, result: dict, expected: int | None = None) -> None:
        if result.get("rc", 1) != 0:
            self.failures.append(result.get("stderr", "")[-1500:])
            return
        entries = result.get("entries")
        if expected is not None and entries != expected:
            self.invalid.append(
                f"{result['wall']:.2f} s, {result['maxrss_mb']:.0f} MB but the page showed "
                f"{entries} entries, not {expected}"
            )
            return
        self.wall.append(result["wall"])
        self.cpu.append(result["cpu"])
        self.rss.append(result["maxrss_mb"])
        for key in ("reparsed", "first_build", "warnings", "import"):
            if key in result:
                self.extra.setdefault(key, []).append(result[key])

    def median(self, what: str = "wall") -> float | None:
        values = getattr(self, what)
        return statistics.median(values) if values else None


def count_entries(html: str, variant: str) -> int:
    """How many publications a built list page shows (to catch a build that "succeeded"
    without rendering the list)."""
    if variant == "f":
        return len(re.findall(r'<li id="fn:', html))
    if variant in ("a", "a_lean", "g", "e_floor", "e_page"):
        return len(re.findall(r"<li>", html))
    return max(
        len(re.findall(r"@(?:article|inproceedings|misc|phdthesis)\{", html)),
        len(re.findall(r'<li [^>]*\bid="pub-', html)),
    )


def site_entries(site: Path, variant: str) -> int | None:
    page = site / "publications" / "index.html"
    if not page.exists():
        return None
    return count_entries(page.read_text(encoding="utf-8", errors="replace"), variant)


def output_stats(root: Path, variant: str) -> dict:
    """Size of the built list page and search index, and how many entries it shows."""
    page = root / "site" / "publications" / "index.html"
    index = root / "site" / "search" / "search_index.json"
    if not page.exists():
        return {}
    entries = site_entries(root / "site", variant)
    return {
        "page_mb": page.stat().st_size / 1e6,
        "index_mb": index.stat().st_size / 1e6 if index.exists() else 0.0,
        "entries": entries,
        "persistent_cache": (root / ".cache" / "plugin" / "research").exists(),
    }


def checked(result: dict, root: Path, variant: str) -> dict:
    """The result with the number of entries the built page shows."""
    if result.get("rc") == 0:
        result["entries"] = site_entries(root / "site", variant)
    return result


def peers_installed() -> dict[str, bool]:
    from importlib.util import find_spec

    return {
        "f": find_spec("mkdocs_bibtex") is not None,
        "g": find_spec("mkdocs_macros") is not None,
    }


# --------------------------------------------------------------------------------------------
# Machine and report
# --------------------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    info: dict[str, str] = {}
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        models = re.findall(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
        info["CPU"] = models[0].strip() if models else platform.processor() or "unknown"
    except OSError:
        info["CPU"] = platform.processor() or "unknown"
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    info["cores"] = f"{os.cpu_count()} logical, {usable} usable"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        info["RAM"] = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        info["RAM"] = "unknown"
    info["OS"] = f"{platform.system()} {platform.release()}"
    info["Python"] = f"{platform.python_version()} ({platform.python_implementation()})"
    for name in (
        "mkdocs",
        "mkdocs-material",
        "markdown",
        "pymdown-extensions",
        "jinja2",
        "pyyaml",
        "bibtexparser",
        "mkdocs-research",
        "mkdocs-bibtex",
        "pybtex",
        "mkdocs-macros-plugin",
    ):
        try:
            info[name] = version(name)
        except PackageNotFoundError:
            info[name] = "not installed"
    info["load average at start"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return info


def package_state() -> str:
    """The git commit of the package and a hash of its sources (others edit it meanwhile)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(PACKAGE)).encode())
            digest.update(path.read_bytes())
    try:
        head = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--", "mkdocs_research"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        head, dirty = "unknown", ""
    return f"commit {head or 'unknown'}{' + uncommitted changes' if dirty else ''}, sources sha256 {digest.hexdigest()[:12]}"


def net(r: dict[str, Samples], x: str, y: str) -> str:
    """``x`` over ``y`` after taking away what an empty site costs: the work each does."""
    if not all(v in r and r[v].wall for v in (x, y, "o")):
        return "–"
    start = r["o"].median()
    return f"{fmt(ratio(r[x].median() - start, r[y].median() - start))}×"


def fmt(value: float | None, digits: int = 2, suffix: str = "") -> str:
    return "–" if value is None else f"{value:.{digits}f}{suffix}"


def ratio(top: float | None, bottom: float | None) -> float | None:
    return None if top is None or bottom is None or bottom == 0 else top / bottom


def linear_fit(xs: list[float], ys: list[float]) -> dict:
    """Least squares y = a + b·x, R², and the marginal slope of each segment."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    a = my - b * mx
    ss_tot = sum((y - my) ** 2 for y in ys)
    ss_res = sum((y - a - b * x) ** 2 for x, y in zip(xs, ys, strict=True))
    segments = [
        (ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i]) for i in range(n - 1) if xs[i + 1] != xs[i]
    ]
    return {
        "slope": b,
        "intercept": a,
        "r2": 1 - ss_res / ss_tot if ss_tot else 1.0,
        "segments": segments,
        # Super-linear growth shows as a marginal cost that rises from segment to segment.
        "growth": segments[-1] / segments[0] if len(segments) >= 2 and segments[0] > 0 else None,
    }


LINEAR_TOLERANCE = 1.25  # last segment's marginal cost at most 25 % above the first's


def report(
    args: argparse.Namespace,
    command: str,
    info: dict[str, str],
    state_start: str,
    state_end: str,
    results: dict[int, dict[str, Samples]],
    outputs: dict[int, dict[str, dict]],
    notes: list[str],
    elapsed: float,
) -> str:
    sizes = sorted(results)
    lines: list[str] = []
    add = lines.append
    add("# mkdocs-research benchmark results")
    add("")
    add(f"Command: `{command}`  ")
    add(f"Date: {time.strftime('%Y-%m-%d %H:%M %Z')}; total run time {elapsed / 60:.1f} min  ")
    add(f"Package: {state_start}")
    if state_end != state_start:
        add("")
        add(
            f"**The package changed during the run** (now {state_end}): later sizes/repeats may "
            "have measured different code."
        )
    add("")
    add("## Machine")
    add("")
    for key, value in info.items():
        add(f"- {key}: {value}")
    add("")
    add(
        f"Each number is the median of {args.repeat} build(s); every build is a fresh process; "
        "variants alternate in rotated order on every repeat. Times are wall-clock seconds."
    )
    add("")

    # Times --------------------------------------------------------------------------------
    columns = [v for v in VARIANT_NAMES if any(v in results[n] for n in sizes)]
    add("## Wall time (s, median)")
    add("")
    add("| N | " + " | ".join(label(v) for v in columns) + " |")
    add("|---:|" + "---:|" * len(columns))
    for n in sizes:
        row = [fmt(results[n][v].median() if v in results[n] else None) for v in columns]
        add(f"| {n:,} | " + " | ".join(row) + " |")
    add("")

    add("## Ratios (wall-time medians; CPU-time ratio in brackets)")
    add("")
    add(
        "| N | c/a′ cold ÷ lean floor | d/a′ 2nd build ÷ lean floor | e′ .bib edit ÷ page edit | "
        "c/h cold ÷ free HTML | f/c bibtex ÷ ours | (f−0)/(c−0) net of start-up | f/d bibtex ÷ ours 2nd | "
        "c/a cold ÷ floor | b/a pasted HTML ÷ floor | c/b plugin overhead | e ours/floor serve rebuild | "
        "g/c macros ÷ ours | peak memory c/h |"
    )
    add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        r = results[n]

        def pair(x: str, y: str, r: dict[str, Samples] = r) -> str:
            if x not in r or y not in r:
                return "–"
            wall = ratio(r[x].median(), r[y].median())
            cpu = ratio(r[x].median("cpu"), r[y].median("cpu"))
            return f"{fmt(wall)}× [{fmt(cpu)}×]" if wall is not None else "–"

        memory = (
            ratio(r["c"].median("rss"), r["h"].median("rss")) if "c" in r and "h" in r else None
        )
        add(
            f"| {n:,} | {pair('c', 'a_lean')} | {pair('d', 'a_lean')} | {pair('e_bib', 'e_page')} | "
            f"{pair('c', 'h')} | {pair('f', 'c')} | {net(r, 'f', 'c')} | {pair('f', 'd')} | "
            f"{pair('c', 'a')} | {pair('b', 'a')} | {pair('c', 'b')} | {pair('e_ours', 'e_floor')} | "
            f"{pair('g', 'c')} | {fmt(memory)}× |"
        )
    add("")

    add("## Peak memory (max RSS of the build process, MB, median)")
    add("")
    add("| N | " + " | ".join(label(v) for v in columns) + " |")
    add("|---:|" + "---:|" * len(columns))
    for n in sizes:
        row = [fmt(results[n][v].median("rss"), 0) if v in results[n] else "–" for v in columns]
        add(f"| {n:,} | " + " | ".join(row) + " |")
    add("")
    add("(e) is the peak of the whole serve-style process (first build + rebuild).")
    add("")

    # Outputs ------------------------------------------------------------------------------
    add("## What was built")
    add("")
    add("| N | variant | entries in page | page MB | search index MB | other |")
    add("|---:|---|---:|---:|---:|---|")
    for n in sizes:
        for v in columns:
            out = outputs.get(n, {}).get(v)
            if not out:
                continue
            other = []
            if v == "c":
                other.append(
                    f"persistent cache in .cache/plugin/research: {'yes' if out.get('persistent_cache') else 'no'}"
                )
            samples = results[n].get(v)
            if samples and samples.extra.get("warnings"):
                other.append(f"{max(samples.extra['warnings'])} WARNING lines")
            add(
                f"| {n:,} | {label(v)} | {out.get('entries', '–')} | "
                f"{fmt(out.get('page_mb'))} | {fmt(out.get('index_mb'))} | {'; '.join(other)} |"
            )
    add("")
    for n in sizes:
        r = results[n]
        if "e_ours" in r and r["e_ours"].extra.get("reparsed"):
            reparsed = r["e_ours"].extra["reparsed"]
            known = [x for x in reparsed if x is not None]
            if known:
                add(
                    f"- N={n:,}: data files re-parsed by our plugin during the serve rebuild: "
                    f"{max(known)} (should be 0)"
                )
        for v in ("e_floor", "e_ours", "e_page", "e_bib"):
            if v in r and r[v].extra.get("first_build"):
                add(
                    f"- N={n:,}: {label(v)}: first in-process build "
                    f"{fmt(statistics.median(r[v].extra['first_build']))} s, rebuild "
                    f"{fmt(r[v].median())} s"
                )
    add("")

    # Growth -------------------------------------------------------------------------------
    add("## Growth with N")
    add("")
    growth_lines = {}
    if len(sizes) >= 2:
        add(
            "Least-squares fit over the sizes; *marginal* is the cost per 1,000 extra entries on "
            "each step between sizes. Growth counts as linear when the last step's marginal cost "
            f"is at most {LINEAR_TOLERANCE:.2f}× the first step's."
        )
        add("")
        add(
            "| variant | quantity | slope per 1,000 entries | intercept | R² | marginal per step | last ÷ first | linear? |"
        )
        add("|---|---|---:|---:|---:|---|---:|---|")
        for v in ("c", "a", "d", "b"):
            xs = [n for n in sizes if v in results[n] and results[n][v].wall]
            if len(xs) < 2:
                continue
            for what, unit, digits in (("wall", "s", 3), ("rss", "MB", 1)):
                ys = [results[n][v].median(what) for n in xs]
                fit = linear_fit([x / 1000 for x in xs], ys)
                growth = fit["growth"]
                linear = None if growth is None else growth <= LINEAR_TOLERANCE
                growth_lines[(v, what)] = linear
                add(
                    f"| {label(v)} | {'time' if what == 'wall' else 'peak memory'} | "
                    f"{fmt(fit['slope'], digits, ' ' + unit)} | {fmt(fit['intercept'], digits, ' ' + unit)} | "
                    f"{fmt(fit['r2'], 4)} | "
                    + ", ".join(fmt(s, digits) for s in fit["segments"])
                    + f" | {fmt(growth)} | {'–' if linear is None else ('yes' if linear else 'NO')} |"
                )
        add("")
    else:
        add("Needs at least two sizes.")
        add("")

    # Bars ---------------------------------------------------------------------------------
    add("## Bars")
    add("")
    bar_n = 5000 if 5000 in results else None
    r = results.get(bar_n, {}) if bar_n else {}

    def verdict(ok: bool | None) -> str:
        return "not measured" if ok is None else ("**met**" if ok else "**NOT met**")

    def others(r: dict[str, Samples], x: str, y: str) -> str:
        """The same ratio from the fastest build of each (noise only ever adds time) and
        from CPU time, to judge a verdict on a noisy machine."""
        best = ratio(min(r[x].wall), min(r[y].wall))
        cpu = ratio(r[x].median("cpu"), r[y].median("cpu"))
        return f" (best-of-{args.repeat}: {fmt(best)}×, CPU: {fmt(cpu)}×)"

    def measured(r: dict[str, Samples], *names: str) -> bool:
        return all(name in r and r[name].wall for name in names)

    def bar(
        r: dict[str, Samples], text: str, x: str, y: str, limit: float, what: str = "wall"
    ) -> None:
        """One bar: x ÷ y at most ``limit`` (at least, for a negative ``limit``)."""
        value = ratio(r[x].median(what), r[y].median(what)) if measured(r, x, y) else None
        ok = None if value is None else (value >= -limit if limit < 0 else value <= limit)
        detail = others(r, x, y) if value is not None and what == "wall" else ""
        add(f"- {text}: {x}/{y} = {fmt(value)}×{detail} → {verdict(ok)}")

    def least(r: dict[str, Samples], limit: float) -> None:
        """Why a cold bar can or cannot be met: what the bar leaves for the plugin once our
        list costs nothing (h), and what the least plugin work (p) and our import take."""
        if not measured(r, "h", "p", "a_lean", "c"):
            return
        free, work, lean = r["h"].median(), r["p"].median(), r["a_lean"].median()
        imports = statistics.median(r["p"].extra.get("import") or [0.0])
        add(
            f"  - the bar is {fmt(limit * lean)} s; with our finished list for free (h, "
            f"{fmt(free)} s) it leaves {fmt(limit * lean - free)} s for the plugin. The least "
            f"work of any plugin, a C-speed scan of the .bib and one minimal Jinja row an "
            f"entry (p), takes {fmt(work)} s, so (h) + (p) = {fmt(ratio(free + work, lean))}× "
            f"the lean floor before any LaTeX, names, links, abstracts or toggles; importing "
            f"our plugin takes {fmt(imports, 3)} s; ours adds {fmt(r['c'].median() - free)} s "
            f"to (h) in all"
        )
        least_ours = ratio(free + work + imports, lean)
        if least_ours is not None and least_ours > limit:
            add(
                f"  - (h) + (p) + importing our plugin = {fmt(least_ours)}× the lean floor, "
                f"beyond the bar: no build of this plugin can meet it on this machine"
            )

    bar(r, "N=5,000, cold ≤ 2.0× the lean floor", "c", "a_lean", 2.0)
    least(r, 2.0)
    bar(r, "N=5,000, ≥ 8× faster than mkdocs-bibtex, cold", "f", "c", -8.0)
    if measured(r, "f", "o"):
        # What the bar asks of the clock, next to what MkDocs needs before any entry.
        bibtex, empty = r["f"].median(), r["o"].median()
        free = (
            f"; with our finished list costing nothing to make (h), a build takes "
            f"{fmt(r['h'].median())} s, so no plugin showing this list can be more than "
            f"{fmt(ratio(bibtex, r['h'].median()))}× faster than mkdocs-bibtex"
            if measured(r, "h")
            else ""
        )
        add(
            f"  - for scale: 8× is {fmt(bibtex / 8)} s, while an empty site (0) takes "
            f"{fmt(empty)} s{free}. Net of start-up, mkdocs-bibtex ÷ ours cold = {net(r, 'f', 'c')}"
        )
        if measured(r, "h", "p", "a_lean"):
            least_ours = r["h"].median() + r["p"].median()
            least_ours += statistics.median(r["p"].extra.get("import") or [0.0])
            add(
                f"  - 8× is {fmt(ratio(bibtex / 8, r['a_lean'].median()))}× the lean floor "
                f"(mkdocs-bibtex takes {fmt(ratio(bibtex, r['a_lean'].median()))}× it); "
                f"(h) + (p) + importing our plugin take {fmt(least_ours)} s, which leaves "
                f"{fmt(bibtex / 8 - least_ours)} s for the LaTeX, names, links, abstracts and "
                f"toggles of every entry"
            )
    bar(r, "N=5,000, 2nd build ≤ 1.1× the lean floor", "d", "a_lean", 1.1)
    bar(
        r,
        "N=5,000, serve rebuild after editing one .bib entry ≤ 1.2× the lean floor's after editing the page",
        "e_bib",
        "e_page",
        1.2,
    )
    bar(r, "N=5,000, peak memory ≤ 1.3× our HTML for free (h)", "c", "h", 1.3, "rss")
    small = results.get(300, {})
    bar(small, "N=300, cold ≤ 1.1× the lean floor", "c", "a_lean", 1.1)
    least(small, 1.1)
    bar(
        small,
        "N=300, serve rebuild after editing one .bib entry ≤ 1.1× the lean floor's after editing the page",
        "e_bib",
        "e_page",
        1.1,
    )
    if "e_ours" in r and r["e_ours"].extra.get("reparsed"):
        known = [x for x in r["e_ours"].extra["reparsed"] if x is not None]
        if known:
            add(
                f"- Serve rebuild re-parses no unchanged data file: {max(known)} re-parsed → "
                f"{verdict(max(known) == 0)}"
            )
    if 20000 in results and len(sizes) >= 3:
        t, m = growth_lines.get(("c", "wall")), growth_lines.get(("c", "rss"))
        both = None if t is None or m is None else (t and m)
        add(
            f"- 20,000 entries, time and memory grow linearly: time {'linear' if t else 'super-linear' if t is not None else '–'}, "
            f"memory {'linear' if m else 'super-linear' if m is not None else '–'} → {verdict(both)}"
        )
    else:
        add("- 20,000 entries, linear growth: not measured (run with --sizes 1000 5000 20000)")
    add("")

    if notes:
        add("## Notes")
        add("")
        for note in notes:
            add(f"- {note}")
        add("")

    # Raw samples --------------------------------------------------------------------------
    add("## All samples (wall s / CPU s / max RSS MB)")
    add("")
    for n in sizes:
        for v, samples in results[n].items():
            cells = ", ".join(
                f"{w:.2f}/{c:.2f}/{m:.0f}"
                for w, c, m in zip(samples.wall, samples.cpu, samples.rss, strict=True)
            )
            failed = f" — {len(samples.failures)} failed" if samples.failures else ""
            if samples.invalid:
                failed += f" — left out: {'; '.join(samples.invalid)}"
            add(f"- N={n:,} ({v}): {cells or 'none'}{failed}")
    add("")
    add(f"Load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child-measure":
        child_measure(argv[1], json.loads(argv[2]))
        return 0
    if argv and argv[0] == "--child-html":
        child_html(argv[1], argv[2])
        return 0
    if argv and argv[0] == "--child-serve":
        child_serve(argv[1], argv[2], argv[3])
        return 0
    if argv and argv[0] == "--child-least":
        child_least(argv[1])
        return 0

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", type=int, nargs="+", help="numbers of entries (default 300 5000 20000)"
    )
    parser.add_argument("--repeat", type=int, help="builds per variant and size (default 3)")
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: sizes 200 1000, 1 repeat, no warm-up"
    )
    parser.add_argument(
        "--peers-max",
        type=int,
        default=5000,
        help="run mkdocs-bibtex/mkdocs-macros only up to this N (default 5000; 0: never)",
    )
    parser.add_argument(
        "--only", default="", help="comma-separated variants, e.g. a,c,e (default: all)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-warmup", action="store_true", help="skip the untimed warm-up builds")
    parser.add_argument(
        "--results", type=Path, default=HERE / "RESULTS.md", help="where to write the report"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    parser.add_argument("--workdir", type=Path, help="build here instead of a temporary folder")
    args = parser.parse_args(argv)
    args.sizes = args.sizes or ([200, 1000] if args.quick else [300, 5000, 20000])
    args.repeat = args.repeat or (1 if args.quick else 3)
    warmup = not (args.no_warmup or args.quick)
    only = {x.strip() for x in args.only.split(",") if x.strip()}

    def wanted(v: str) -> bool:
        return not only or v in only or v[0] in only

    sys.path.insert(0, str(HERE))
    import generate

    command = "python benchmarks/run.py" + ("" if not argv else " " + shlex.join(argv))
    started = time.perf_counter()
    info = machine()
    state_start = package_state()
    notes: list[str] = []
    installed = peers_installed()
    for peer, name in (("f", "mkdocs-bibtex"), ("g", "mkdocs-macros-plugin")):
        if wanted(peer) and not installed[peer]:
            notes.append(f'({peer}) skipped: {name} is not installed (pip install -e ".[bench]")')
    big = [n for n in args.sizes if n > args.peers_max]
    if big and any(wanted(p) and installed[p] for p in PEERS):
        notes.append(
            f"(f)/(g) skipped for N = {', '.join(f'{n:,}' for n in big)} (--peers-max {args.peers_max})"
        )

    base = args.workdir or Path(tempfile.mkdtemp(prefix="mkdocs-research-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    print(f"# {command}\n# working in {base}\n# {state_start}", flush=True)
    results: dict[int, dict[str, Samples]] = {}
    outputs: dict[int, dict[str, dict]] = {}
    size_states: dict[int, str] = {}
    try:
        for n in sorted(args.sizes):
            t0 = time.perf_counter()
            size_states[n] = package_state()
            data = generate.write(base / f"data-{n}", n, args.seed)
            papers_md = data["md"].read_text(encoding="utf-8")
            pages = {
                "o": EMPTY_PAGE,
                "a": papers_md,
                "a_lean": data["md_lean"].read_text(encoding="utf-8"),
                "c": OURS_PAGE,
                "f": BIBTEX_PAGE,
                "g": generate.MACROS_PAGE,
            }
            serve_pages = {
                "e_floor": pages["a"],
                "e_ours": OURS_PAGE,
                "e_page": pages["a_lean"],
                "e_bib": OURS_PAGE,
            }
            dirs: dict[str, Path] = {}
            for v in ("o", "a", "a_lean", "c", "f", "g"):
                if v in PEERS and (not installed[v] or n > args.peers_max or not wanted(v)):
                    continue
                dirs[v] = write_project(base / f"n{n}" / v, v, n, data, pages[v])
            if wanted("b") or wanted("h"):
                html = our_html(dirs["c"])
                if wanted("b"):
                    dirs["b"] = write_project(base / f"n{n}" / "b", "b", n, data, html)
                if wanted("h"):
                    dirs["h"] = write_free_project(base / f"n{n}" / "h", n, data, html)
            if wanted("e"):
                dirs["e_floor"] = write_project(
                    base / f"n{n}" / "e_floor", "a", n, data, pages["a"]
                )
                dirs["e_ours"] = write_project(base / f"n{n}" / "e_ours", "c", n, data, OURS_PAGE)
                dirs["e_page"] = write_project(
                    base / f"n{n}" / "e_page", "a_lean", n, data, pages["a_lean"]
                )
                dirs["e_bib"] = write_project(base / f"n{n}" / "e_bib", "c", n, data, OURS_PAGE)
            print(f"## N={n:,}: projects written in {time.perf_counter() - t0:.1f} s", flush=True)

            # Tasks; (c) and (d) stay together: (d) is the build right after a cold (c).
            tasks = [
                t
                for t in (
                    "o",
                    "a",
                    "a_lean",
                    "b",
                    "h",
                    "p",
                    "cd",
                    "e_floor",
                    "e_ours",
                    "e_page",
                    "e_bib",
                    "f",
                    "g",
                )
                if (t == "cd" and (wanted("c") or wanted("d")))
                or (t == "p" and wanted("p"))
                or (t not in ("cd", "p") and t in dirs and wanted(t))
            ]
            samples = {
                v: Samples()
                for v in VARIANT_NAMES
                if (v in dirs and wanted(v))
                or (v in ("c", "d") and "cd" in tasks and wanted(v))
                or (v == "p" and "p" in tasks)
            }
            if warmup:
                for v in ("a", "c"):
                    if v in dirs:
                        run_build(dirs[v], fresh_cache=True)
            for rep in range(args.repeat):
                shift = rep % len(tasks)
                for task in tasks[shift:] + tasks[:shift]:
                    if task == "cd":
                        cold = checked(run_build(dirs["c"], fresh_cache=True), dirs["c"], "c")
                        if "c" in samples:
                            samples["c"].add(cold, n)
                        if rep == 0:
                            outputs.setdefault(n, {})["c"] = output_stats(dirs["c"], "c")
                        if "d" in samples:
                            samples["d"].add(
                                checked(run_build(dirs["c"], fresh_cache=False), dirs["c"], "c"), n
                            )
                            samples["d"].extra.setdefault("persistent_cache", []).append(
                                (dirs["c"] / ".cache" / "plugin" / "research").exists()
                            )
                        done = [("c", cold)]
                    elif task == "p":
                        result = run_child(["--child-least", str(data["bib"])])
                        samples["p"].add(result, n)
                        done = [("p", result)]
                    elif task.startswith("e_"):
                        result = run_serve(dirs[task], task, data, serve_pages[task])
                        samples[task].add(result, n)
                        done = [(task, result)]
                    else:
                        result = checked(run_build(dirs[task], fresh_cache=True), dirs[task], task)
                        samples[task].add(result, 0 if task == "o" else n)
                        if rep == 0:
                            outputs.setdefault(n, {})[task] = output_stats(dirs[task], task)
                        done = [(task, result)]
                    for v, result in done:
                        status = (
                            f"{result['wall']:.2f} s, {result['maxrss_mb']:.0f} MB"
                            if result.get("rc") == 0
                            else "FAILED: " + result.get("stderr", "")[-400:]
                        )
                        if result.get("rc") == 0 and result.get("entries") != (
                            0 if v == "o" else n
                        ):
                            status += f" — INVALID: the page shows {result.get('entries')} entries"
                        print(
                            f"   N={n:,} rep {rep + 1}/{args.repeat} {label(v)}: {status}",
                            flush=True,
                        )
                        if (
                            v == "c"
                            and "d" in samples
                            and samples["d"].wall
                            and result.get("rc") == 0
                        ):
                            print(
                                f"   N={n:,} rep {rep + 1}/{args.repeat} (d) {VARIANT_NAMES['d']}: "
                                f"{samples['d'].wall[-1]:.2f} s, {samples['d'].rss[-1]:.0f} MB",
                                flush=True,
                            )
            results[n] = samples
            for v, s in samples.items():
                for problem in s.invalid:
                    notes.append(f"N={n:,} ({v}): a build left out of the medians: {problem}")
                if s.failures:
                    notes.append(
                        f"N={n:,} ({v}): {len(s.failures)} build(s) failed; last error: "
                        + " ".join(s.failures[-1].split())[-300:]
                    )
            caches = samples["d"].extra.get("persistent_cache", []) if "d" in samples else []
            if "c" in outputs.get(n, {}):
                outputs[n]["c"]["persistent_cache"] = any(caches) or outputs[n]["c"].get(
                    "persistent_cache"
                )
                if caches and any(caches) and not all(caches):
                    notes.append(
                        f"N={n:,}: the persistent cache appeared in only {sum(caches)} of {len(caches)} repeats (the package changed during the run)"
                    )
            if "c" in outputs.get(n, {}) and not outputs[n]["c"].get("persistent_cache"):
                note = (
                    "(d) ours on a second build: the plugin left no persistent cache in "
                    ".cache/plugin/research/, so (d) is just another cold build"
                )
                if note not in notes:
                    notes.append(note)
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(base, ignore_errors=True)

    elapsed = time.perf_counter() - started
    state_end = package_state()
    if state_end != state_start:
        for n, state in size_states.items():
            notes.append(f"package when N={n:,} started: {state}")
    text = report(args, command, info, state_start, state_end, results, outputs, notes, elapsed)
    print()
    print(text)
    args.results.write_text(text, encoding="utf-8")
    print(f"(written to {args.results})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
