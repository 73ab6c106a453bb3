"""Profile one ``mkdocs build`` of N generated publications under cProfile.

    python benchmarks/profile_build.py                 # N=5000, our plugin, cold
    python benchmarks/profile_build.py 20000 --top 40
    python benchmarks/profile_build.py 5000 --variant floor     # the plain-Markdown floor
    python benchmarks/profile_build.py 5000 --warm     # 2nd build (after one in a subprocess)
    python benchmarks/profile_build.py 5000 --save build.prof   # for snakeviz / pstats

The project is the one ``run.py`` builds for that variant (Material + search, the same page);
the build runs in this process (``load_config`` + ``build``) so that cProfile sees every call.
Prints the top functions by cumulative and by own (total) time, and the top functions of the
package itself (``mkdocs_research/``). cProfile slows pure-Python code down by roughly 1.5–2×,
so compare shares, not absolute seconds, with ``run.py``.
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import run  # noqa: E402

VARIANTS = {"ours": "c", "floor": "a", "static": "b", "bibtex": "f", "macros": "g"}


def short(filename: str) -> str:
    """``.../site-packages/markdown/core.py`` → ``markdown/core.py``; the repo's files
    relative to the repo."""
    path = filename.replace("\\", "/")
    repo = str(run.REPO).replace("\\", "/") + "/"
    if path.startswith(repo):
        return path[len(repo) :]
    for marker in ("site-packages/", "dist-packages/", "/lib/python3"):
        if marker in path:
            tail = path.split(marker, 1)[1]
            return tail.split("/", 1)[1] if marker == "/lib/python3" and "/" in tail else tail
    return path


def table(stats: pstats.Stats, key: str, top: int, only: str | None = None) -> str:
    """The ``top`` functions by ``key`` ("cumulative" or "tottime") as a Markdown table."""
    rows = []
    for (filename, line, name), (cc, nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if only and only not in filename.replace("\\", "/"):
            continue
        rows.append((ct if key == "cumulative" else tt, tt, ct, nc, cc, filename, line, name))
    rows.sort(key=lambda r: r[0], reverse=True)
    out = [
        "| # | function | file:line | calls | own s | cumulative s |",
        "|---:|---|---|---:|---:|---:|",
    ]
    for i, (_, tt, ct, nc, cc, filename, line, name) in enumerate(rows[:top], start=1):
        calls = f"{nc}" if nc == cc else f"{nc}/{cc}"
        where = short(filename) + (f":{line}" if line else "")
        out.append(f"| {i} | `{name}` | {where} | {calls} | {tt:.3f} | {ct:.3f} |")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "n", type=int, nargs="?", default=5000, help="number of entries (default 5000)"
    )
    parser.add_argument("--variant", choices=sorted(VARIANTS), default="ours")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument(
        "--warm", action="store_true", help="profile a 2nd build (cache left by a first one)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--save", type=Path, help="also write the raw profile here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary project")
    args = parser.parse_args()

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    variant = VARIANTS[args.variant]
    base = Path(tempfile.mkdtemp(prefix="mkdocs-research-profile-"))
    try:
        data = generate.write(base / "data", args.n, args.seed)
        pages = {
            "a": data["md"].read_text(encoding="utf-8"),
            "c": run.OURS_PAGE,
            "f": run.BIBTEX_PAGE,
            "g": generate.MACROS_PAGE,
        }
        if variant == "b":
            ours = run.write_project(base / "c", "c", args.n, data, run.OURS_PAGE)
            root = run.write_project(base / "b", "b", args.n, data, run.our_html(ours))
        else:
            root = run.write_project(base / variant, variant, args.n, data, pages[variant])
        shutil.rmtree(root / ".cache", ignore_errors=True)
        if args.warm:
            subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "-q"],
                cwd=root,
                env=run.child_env(),
                check=True,
            )

        os.chdir(root)
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        profiler = cProfile.Profile()
        start = time.perf_counter()
        profiler.enable()
        config = load_config(config_file=str(root / "mkdocs.yml"))
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        config.plugins.on_shutdown()
        profiler.disable()
        elapsed = time.perf_counter() - start

        stats = pstats.Stats(profiler)
        if args.save:
            stats.dump_stats(str(args.save))
        print(
            f"# Profile: {args.variant} ({variant}), N={args.n:,}, {'warm' if args.warm else 'cold'} build"
        )
        print(
            f"\nWall time under cProfile: {elapsed:.2f} s (total {stats.total_tt:.2f} s profiled)\n"
        )  # type: ignore[attr-defined]
        print(f"## Top {args.top} by cumulative time\n")
        print(table(stats, "cumulative", args.top))
        print(f"\n## Top {args.top} by own (total) time\n")
        print(table(stats, "tottime", args.top))
        if variant in ("c",):
            print(f"\n## Top {args.top} functions of mkdocs_research by cumulative time\n")
            print(table(stats, "cumulative", args.top, only="mkdocs_research/"))
            print(f"\n## Top {args.top} functions of mkdocs_research by own time\n")
            print(table(stats, "tottime", args.top, only="mkdocs_research/"))
    finally:
        if args.keep:
            print(f"\n(project kept in {base})")
        else:
            os.chdir(HERE)
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
