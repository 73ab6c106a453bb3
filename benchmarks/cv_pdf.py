"""What the PDF CV costs a build: a site built with ``cv_pdf`` and without, side by side.

    python benchmarks/cv_pdf.py                       # examples/cv, 7 builds of each
    python benchmarks/cv_pdf.py --repeat 15 --site path/to/site

The site is copied twice into a temporary folder, one copy with ``cv_pdf: true`` and one with
``cv_pdf: false``; both are built in turn (order alternating), each build a fresh
``python -m mkdocs build`` measured by ``run.py``'s wrapper process, with ``.cache/`` deleted
before every build. Medians are reported, with the ratio (goal: at most 1.5×), and what the
PDF itself takes in one process: its Typst source, then its first and a repeated compile.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from run import REPO, Samples, fmt, machine, package_state, ratio, run_build

VARIANTS = {"without": "without cv_pdf", "with": "with cv_pdf: true"}


def copy_site(site: Path, root: Path, cv_pdf: bool) -> Path:
    """A copy of ``site`` with the ``cv_pdf`` option set as asked."""
    shutil.copytree(site, root, ignore=shutil.ignore_patterns("site", ".cache", "__pycache__"))
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    value = "true" if cv_pdf else "false"
    text, count = re.subn(r"^(\s+)cv_pdf:.*$", rf"\g<1>cv_pdf: {value}", text, flags=re.M)
    if count == 0:
        text, count = re.subn(
            r"^(\s*)- research:\s*$", rf"\g<0>\n\g<1>    cv_pdf: {value}", text, flags=re.M
        )
    if count != 1:
        raise SystemExit(
            f"{site}/mkdocs.yml: no 'cv_pdf:' line and no '- research:' line with options"
        )
    config.write_text(text, encoding="utf-8")
    return root


def typeset_alone(root: Path) -> tuple[float, float]:
    """Seconds for the first PDF in this process (importing typst, the template, the compile)
    and for the next with nothing changed (under ``mkdocs serve``: the source is made again,
    the compile is remembered)."""
    sys.path.insert(0, str(REPO))
    import yaml

    from mkdocs_research.config import resolve_options
    from mkdocs_research.cv_pdf import make_cv_pdf, markdown_pages
    from mkdocs_research.research import Research

    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    plugin = next(
        p["research"] for p in config["plugins"] if isinstance(p, dict) and "research" in p
    )
    research = Research(resolve_options(root, {"data_dir": plugin.get("data_dir", "data")}))
    research.refresh()
    pages = markdown_pages(root / config.get("docs_dir", "docs"))
    times = []
    for _ in range(2):
        start = time.perf_counter()
        pdf, problems = make_cv_pdf(research, pages)
        times.append(time.perf_counter() - start)
        assert pdf is not None, problems
    return times[0], times[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--site", type=Path, default=REPO / "examples" / "cv")
    parser.add_argument("--repeat", type=int, default=7, help="builds of each (default 7)")
    args = parser.parse_args(argv)

    samples = {name: Samples() for name in VARIANTS}
    with tempfile.TemporaryDirectory(prefix="cv-pdf-bench-") as work:
        roots = {
            name: copy_site(args.site.resolve(), Path(work) / name, name == "with")
            for name in VARIANTS
        }
        for root in roots.values():  # untimed: fills the OS file cache
            run_build(root, fresh_cache=True)
        for repeat in range(args.repeat):
            order = list(VARIANTS) if repeat % 2 == 0 else list(reversed(VARIANTS))
            for name in order:
                samples[name].add(run_build(roots[name], fresh_cache=True))
        written = (roots["with"] / "site" / "cv.pdf").is_file()
        first, again = typeset_alone(roots["with"])

    for name, result in samples.items():
        if result.failures:
            print(f"{VARIANTS[name]}: {len(result.failures)} failed builds\n{result.failures[0]}")
            return 1
    without, with_pdf = samples["without"], samples["with"]
    lines = [
        f"Site: {args.site}; {args.repeat} cold builds of each, medians; {package_state()}",
        "",
        "| build | wall | CPU | peak RSS |",
        "|---|---:|---:|---:|",
    ]
    for name, result in samples.items():
        lines.append(
            f"| {VARIANTS[name]} | {fmt(result.median())} s | {fmt(result.median('cpu'))} s "
            f"| {fmt(result.median('rss'), 0)} MB |"
        )
    lines.append(
        f"| **ratio** | **{fmt(ratio(with_pdf.median(), without.median()))}×** "
        f"| {fmt(ratio(with_pdf.median('cpu'), without.median('cpu')))}× "
        f"| {fmt(ratio(with_pdf.median('rss'), without.median('rss')))}× |"
    )
    spread = statistics.pstdev(with_pdf.wall) if len(with_pdf.wall) > 1 else 0.0
    lines += [
        "",
        f"cv.pdf written: {'yes' if written else 'NO'}; wall-time spread (with): ±{spread:.2f} s",
        f"The PDF alone, in one process: first {first * 1000:.0f} ms (typst imported, "
        f"template compiled), again with nothing changed {again * 1000:.0f} ms",
        "",
        "Machine: "
        + ", ".join(
            f"{k} {v}"
            for k, v in machine().items()
            if k in ("CPU", "cores", "Python", "load average at start")
        ),
    ]
    print("\n".join(lines))
    return 0 if written else 1


if __name__ == "__main__":
    sys.exit(main())
