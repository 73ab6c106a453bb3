"""Helpers for the example-site tests: build an example with the real ``mkdocs`` command,
serve a built site on 127.0.0.1, and find the system's Chromium for Playwright.

Kept out of ``conftest.py`` so that the example tests stay self-contained.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "seeds"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

#: axe-core, installed from npm by ``.ci/run`` (``npm install --prefix tests/.node axe-core``).
AXE = Path(__file__).resolve().parent / ".node" / "node_modules" / "axe-core" / "axe.min.js"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class BuiltExample:
    """An example copied to a temporary folder and built there with ``mkdocs build --strict``."""

    root: Path
    site_dir: Path
    output: str

    def html(self, page: str = "index.html") -> BeautifulSoup:
        return BeautifulSoup((self.site_dir / page).read_text(encoding="utf-8"), "html.parser")


def build_example(
    name: str, workdir: Path, site_url: str | None = None, prefix: Sequence[str] = ()
) -> BuiltExample:
    """Copy ``examples/<name>`` into ``workdir`` and build it as a user would, in a separate
    process; a failed build raises with MkDocs' own output.

    ``site_url`` replaces the example's own in the copy: Material's instant navigation only
    takes over links whose host, port and path match the sitemap, which is written from
    ``site_url`` (``mkdocs serve`` does the same rewrite). ``prefix`` runs the build under
    another command, e.g. ``unshare -n`` for a build without network.
    """
    root = workdir / name
    shutil.copytree(
        EXAMPLES / name, root, ignore=shutil.ignore_patterns("site", "__pycache__", ".cache")
    )
    return _build_copy(root, site_url, f"examples/{name}", prefix)


def build_demo(workdir: Path, site_url: str | None = None) -> BuiltExample:
    """The repository's own site (the demo homepage and the plugin's documentation), copied
    into ``workdir`` with the files its pages include, and built like :func:`build_example`."""
    root = workdir / "demo"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root)
    for folder in ("docs", "data"):
        shutil.copytree(ROOT / folder, root / folder)
    pages = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md"))
    for included in re.findall(r'--8<-- "([^"]+)"', pages):
        if not (root / included).exists():
            (root / included).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / included, root / included)
    return _build_copy(root, site_url, "the demo site", ())


def _build_copy(root: Path, site_url: str | None, what: str, prefix: Sequence[str]) -> BuiltExample:
    if site_url is not None:
        config = root / "mkdocs.yml"
        text, count = re.subn(
            r"^site_url:.*$",
            f"site_url: {site_url}",
            config.read_text(encoding="utf-8"),
            flags=re.M,
        )
        assert count == 1, f"{what}: mkdocs.yml has no site_url line"
        config.write_text(text, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--site-dir",
        str(root / "site"),
    ]
    result = subprocess.run(
        [*prefix, *command],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    if result.returncode != 0:
        raise AssertionError(f"mkdocs build --strict failed for {what}:\n{output}")
    return BuiltExample(root, root / "site", output)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 at a free port, in a thread; yields the base URL
    (``http://127.0.0.1:PORT/``) and stops the server on exit. The folder is read at each
    request, so it may be built after the server started (once its URL is known)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="example-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def missing_axe() -> str | None:
    """Why the accessibility tests cannot run here, or ``None`` when they can."""
    if AXE.exists():
        return None
    return f"axe-core not found at {AXE}: npm install --prefix tests/.node axe-core"


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or ``None`` when they can."""
    if not CHROMIUM.exists():
        return f"Chromium not found at {CHROMIUM}: apt-get install chromium"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed: pip install playwright"
    return None


@dataclass
class Visit:
    """A page opened in a fresh browser context, with what it requested and logged."""

    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        """Nothing fetched from outside this machine, no console error."""
        outside = [url for url in self.requests if not is_local(url)]
        assert outside == [], f"requests outside 127.0.0.1/localhost: {outside}"
        assert self.errors == [], f"console errors: {self.errors}"


def open_visit(browser: Any, url: str, **context: Any) -> tuple[Any, Visit]:
    """Open ``url`` in a new browser context (1280 × 900 unless ``context`` says otherwise,
    e.g. ``viewport``, ``color_scheme``, ``java_script_enabled``) that may use the clipboard.
    Returns the context, for the caller to close, and the visit."""
    parts = urlsplit(url)
    options = {"viewport": {"width": 1280, "height": 900}, **context}
    browser_context = browser.new_context(**options)
    browser_context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=f"{parts.scheme}://{parts.netloc}"
    )
    page = browser_context.new_page()
    page.set_default_timeout(15_000)
    result = Visit(page)
    page.on("request", lambda request: result.requests.append(request.url))
    page.on(
        "console",
        lambda message: result.errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: result.errors.append(str(error)))
    page.goto(url, wait_until="networkidle")
    return browser_context, result


def expect(locator: Any) -> Any:
    """Playwright's assertions, which wait for the page to catch up."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def switch_to_dark(page: Any) -> None:
    """Click the palette toggle in the header, as a visitor would."""
    toggle = page.locator("form[data-md-component='palette'] label.md-header__button:visible")
    toggle.first.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.wait_for_timeout(300)  # let colour transitions settle


def screenshot(page: Any, name: str) -> None:
    """The whole page, lazy images loaded, as ``tests/artifacts/<name>.png``."""
    page.evaluate(
        "() => document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')"
    )
    page.wait_for_load_state("networkidle")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    assert (ARTIFACTS / f"{name}.png").stat().st_size > 10_000


def axe_violations(page: Any, context: str | dict) -> list[str]:
    """What axe-core finds in ``context`` (a selector, or axe's ``{include, exclude}``) of
    the page as it is now: one line per rule, with the help text and the elements."""
    if not page.evaluate("() => 'axe' in window"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "context => axe.run(context, {resultTypes: ['violations']}).then(r => r.violations.map("
        "v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`))",
        context,
    )
    return list(found)


def is_local(url: str) -> bool:
    """Whether a request stays on this machine (or never leaves the page: data:, blob:)."""
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about"}:
        return True
    return parts.hostname in {"127.0.0.1", "localhost", "::1"}


def relative_luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2.x relative luminance of an sRGB colour given as 0–255 components."""

    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """WCAG contrast ratio between two opaque colours."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
