"""The ``mkdocs-research`` command: ``new DIR`` scaffolds a homepage, ``check [DIR]``
validates its data files and pages and prints ``file:line: message`` for each problem;
``generate [DIR]`` writes what hosts without plugins need into its ``docs/``; ``add``,
``sync`` and ``citations`` keep its data current from scholarly services;
``import KIND SRC DEST`` brings a whole al-folio or academicpages site over."""

from __future__ import annotations

import argparse
import datetime
import shutil
import sys
from collections.abc import Sequence
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load

from . import updates
from .cache import DiskCache
from .citations import format_citations
from .config import OptionsError, resolve_options
from .context import PageContext
from .generate import generate, generated_paths
from .importers import IMPORTERS, Plan, SourceError
from .model import Problem
from .research import Research
from .sources.client import Client, FetchError
from .sources.identifiers import Identifier, parse_identifier
from .store import DataStore

SCAFFOLD = files("mkdocs_research") / "scaffold"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="mkdocs-research", description="A researcher's homepage from BibTeX and YAML."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="create a homepage site in DIR")
    new.add_argument("dir", type=Path)
    check = commands.add_parser("check", help="validate the data files and pages of a site")
    check.add_argument("dir", type=Path, nargs="?", default=Path("."))
    generate_command = commands.add_parser(
        "generate",
        help="write stylesheets, script, publication pages, publications.bib and feed.xml "
        "into docs/, for hosts that run no plugins (Zensical)",
    )
    generate_command.add_argument("dir", type=Path, nargs="?", default=Path("."))
    _add_update_commands(commands)
    move = commands.add_parser(
        "import", help="make a new site in DEST from an al-folio or academicpages site in SRC"
    )
    move.add_argument("kind", choices=list(IMPORTERS))
    move.add_argument("src", type=Path)
    move.add_argument("dest", type=Path)
    args = parser.parse_args(argv)
    if args.command == "new":
        return _new(args.dir)
    if args.command == "import":
        return _import(args.kind, args.src, args.dest)
    if args.command == "generate":
        return _generate(args.dir)
    if args.command in {"add", "sync", "citations"}:
        return _update(args)
    return _check(args.dir)


def _add_update_commands(commands: argparse._SubParsersAction) -> None:
    """``add``, ``sync`` and ``citations``: the commands that use the network."""
    network = argparse.ArgumentParser(add_help=False)
    network.add_argument(
        "--dir", type=Path, default=Path("."), help="the site (folder of mkdocs.yml)"
    )
    network.add_argument("--dry-run", action="store_true", help="print instead of writing")
    network.add_argument(
        "--mailto",
        default="",
        help="contact address sent to the services (default: the first e-mail in profile.yml)",
    )
    network.add_argument(
        "--timeout", type=float, default=30.0, help="seconds to wait for a reply (default: 30)"
    )
    for name, help_text, what in (
        (
            "add",
            "append papers to the bibliography by DOI, arXiv id, dblp key or OpenAlex id",
            "doi:…, arxiv:…, dblp:…, openalex:W…, or a DOI/arXiv id/URL",
        ),
        (
            "sync",
            "append a person's works that the bibliography does not have yet",
            "orcid:ID, dblp:PID or openalex:A…",
        ),
    ):
        command = commands.add_parser(name, help=help_text, parents=[network])
        command.add_argument("ids", nargs="+", metavar="ID", help=what)
        command.add_argument(
            "--to", type=Path, help="the .bib file to append to (default: data/papers.bib)"
        )
    citations = commands.add_parser(
        "citations", help="write data/citations.yml with counts from OpenAlex", parents=[network]
    )
    citations.add_argument(
        "--author", default="", help="orcid:ID or openalex:A… (default: the ORCID in profile.yml)"
    )


def _update(args: argparse.Namespace) -> int:
    """Run ``add``, ``sync`` or ``citations``: one line and exit status 1 on any failure,
    with nothing written."""
    root = args.dir
    config = root / "mkdocs.yml"
    try:
        values = _plugin_options(_read_config(config)) if config.is_file() else {}
        options = resolve_options(root, values)
    except (OptionsError, ConfigError) as error:
        return _fail(f"{config}: {error}")
    store = DataStore(options, DiskCache(options.cache_dir, writable=False))
    store.refresh()
    emails = store.profile.emails
    client = Client(mailto=args.mailto or (emails[0] if emails else ""), timeout=args.timeout)
    try:
        if args.command == "citations":
            return _citations(args, store, client)
        identifiers = [_identifier(text) for text in args.ids]
        target = (root / args.to).resolve() if args.to else updates.default_bibliography(store)
        run = updates.add if args.command == "add" else updates.sync
        addition = run(store, client, identifiers, target, print)
    except (FetchError, updates.UsageError) as error:
        print(f"{error}; nothing was changed", file=sys.stderr)
        return 1
    shown = target.relative_to(root.resolve()) if target.is_relative_to(root.resolve()) else target
    if not addition.entries:
        print(f"Nothing to add; {shown} was not changed.")
    elif args.dry_run:
        print("\n\n".join(addition.entries))
        print(f"Dry run: {len(addition.entries)} entries not written to {shown}.")
    else:
        updates.write_additions(addition)
        print(
            f"Added {len(addition.entries)} entr{'y' if len(addition.entries) == 1 else 'ies'} to {shown}."
        )
    return 0


def _citations(args: argparse.Namespace, store: DataStore, client: Client) -> int:
    author = _identifier(args.author) if args.author else updates.profile_orcid(store)
    citations = updates.count_citations(store, client, author, datetime.date.today(), print)
    if args.dry_run:
        print(format_citations(citations), end="")
    else:
        updates.write_citations(store, citations, print)
    return 0


def _identifier(text: str) -> Identifier:
    identifier = parse_identifier(text)
    if identifier is None:
        raise updates.UsageError(
            f"'{text}' is not an identifier this tool knows; write doi:…, arxiv:…, dblp:…, "
            "openalex:… or orcid:…"
        )
    return identifier


def _new(target: Path) -> int:
    """Copy the scaffold; never overwrite anything that is already there."""
    try:
        if target.exists() and not target.is_dir():
            return _fail(f"{target}: is a file; choose a new folder")
        if target.exists() and any(target.iterdir()):
            return _fail(f"{target}: already exists and is not empty; choose a new folder")
        with as_file(SCAFFOLD) as source:
            shutil.copytree(source, target, dirs_exist_ok=True)
    except OSError as error:
        return _fail(
            f"{target}: cannot write the site there ({error.strerror}); "
            "choose a folder you can write to"
        )
    print(f"Created {target}. Next:\n  cd {target}\n  mkdocs serve")
    return 0


def _fail(message: str) -> int:
    """One line on standard error, and the exit code of a failure: no traceback."""
    print(message, file=sys.stderr)
    return 1


def _import(kind: str, source: Path, target: Path) -> int:
    """Plan the new site, write it only if no file is in the way, then report and check it."""
    try:
        plan = IMPORTERS[kind](source, target)
    except (SourceError, OSError) as error:
        print(error, file=sys.stderr)
        return 1
    obstacles = plan.obstacles()
    if obstacles:
        print("\n".join(obstacles), file=sys.stderr)
        print("Nothing was written; import into a new or empty folder.", file=sys.stderr)
        return 1
    written = plan.execute()
    _report(plan)
    print(f"\nWrote {len(written)} files into {target}. Checking the new site:")
    status = _check(target)
    print(f"Next:\n  cd {target}\n  mkdocs serve")
    return status


def _report(plan: Plan) -> None:
    for title, notes in (("Converted", plan.converted), ("Left behind", plan.left)):
        if notes:
            print(f"{title}:")
            print("\n".join(f"  {note}" for note in notes))


def _generate(root: Path) -> int:
    """Write what a plugin-less host needs into the site's docs folder (see
    :mod:`mkdocs_research.generate`), and say what was done."""
    config = _config(root)
    if config is None:
        return 1
    try:
        values = dict(_plugin_options(config))
        theme = config.get("theme")
        if not values.get("language") and isinstance(theme, dict):  # as the plugin does
            language = theme.get("language") or theme.get("locale")
            values["language"] = str(language).replace("_", "-") if language else None
        options = resolve_options(root, values, docs_dir=config.get("docs_dir", "docs"))
    except (OptionsError, ConfigError) as error:
        return _fail(f"{root / 'mkdocs.yml'}: {error}")
    try:
        outcome = generate(root, config, options)
    except OSError as error:
        where = error.filename or root
        return _fail(f"{where}: cannot write there ({error.strerror}); nothing more was written")
    for problem in outcome.problems:
        print(problem, file=sys.stderr)
    for path, why in outcome.kept:
        print(f"{path}: left as it is ({why}); delete it to let generate write it")
    counts = (
        f"{len(outcome.written)} written, {len(outcome.removed)} removed, "
        f"{len(outcome.unchanged)} unchanged"
    )
    print(f"Generated files in {root}: {counts}.")
    for hint in outcome.hints:
        print(f"Next: {hint}")
    return 0


def _config(root: Path) -> dict[str, Any] | None:
    """The site's ``mkdocs.yml``, or ``None`` (and a message) when there is none."""
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        print(f"{config_file}: not found; run this in the folder of mkdocs.yml", file=sys.stderr)
        return None
    try:
        return _read_config(config_file)
    except ConfigError as error:
        print(f"{config_file}: {error}", file=sys.stderr)
        return None


def _check(root: Path) -> int:
    """Print every problem in the site's data files and in its pages' macros."""
    config = _config(root)
    if config is None:
        return 1
    try:
        options = resolve_options(
            root, _plugin_options(config), docs_dir=config.get("docs_dir", "docs")
        )
        research = Research(options, write_cache=False)
    except (OptionsError, ConfigError) as error:  # as MkDocs would stop: no data is read
        print(f"{root / 'mkdocs.yml'}: {error}")
        print("1 problem found")
        return 1
    problems = research.refresh()
    docs = root / str(config.get("docs_dir", "docs"))
    generated = {docs / path for path in generated_paths(root, docs)}
    for page in sorted(set(docs.rglob("*.md")) - generated):
        name = page.relative_to(root).as_posix()
        try:
            text = page.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            reason = (
                "it is not UTF-8 text" if isinstance(error, UnicodeDecodeError) else error.strerror
            )
            problems.append(Problem(name, None, f"cannot read the page ({reason})"))
            continue
        _, found = research.expand(text, PageContext(name=name), lambda html: "")
        problems += found
    for problem in problems:
        print(problem)
    count = len(problems)
    print(f"{count} problem{'s' if count != 1 else ''} found" if count else "No problems found.")
    return 1 if problems else 0


class ConfigError(ValueError):
    """A ``mkdocs.yml`` that cannot be read, in one line."""


def _read_config(path: Path) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8") as stream:
            config = yaml_load(stream) or {}
    except Exception as error:  # it may even run code (python tags): any error is one line
        cause = error.__cause__ or error.__context__ or error
        if isinstance(cause, yaml.MarkedYAMLError) and cause.problem_mark is not None:
            reason = f"line {cause.problem_mark.line + 1}: {cause.problem}"
        else:
            reason = str(cause).splitlines()[0] if str(cause) else type(cause).__name__
        raise ConfigError(f"cannot be read ({reason}); MkDocs could not build it either") from None
    if not isinstance(config, dict):
        raise ConfigError("must be a mapping of settings (site_name: ..., plugins: ...)")
    return config


def _plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """The ``research`` plugin's options in ``mkdocs.yml`` (or the extension's)."""
    found: Any = {}
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):  # MkDocs takes `plugins: {research: {...}}` too
        plugins = [{name: value} for name, value in plugins.items()]
    for plugin in plugins:
        if isinstance(plugin, dict) and "research" in plugin:
            found = plugin["research"] or {}
            break
    else:
        for extension in config.get("markdown_extensions") or []:
            if isinstance(extension, dict) and "mkdocs_research.markdown" in extension:
                found = extension["mkdocs_research.markdown"] or {}
                break
    if not isinstance(found, dict):
        raise ConfigError("the options of 'research' must be a mapping of name: value")
    return found


if __name__ == "__main__":
    raise SystemExit(main())
