"""Keeping a homepage current: ``add`` papers by identifier, ``sync`` a person's works, and
write ``citations.yml``. The only code that goes to the network, and only when asked.

Every command fetches everything it needs first and writes last, through a temporary file
that then takes the place of the old one: a failed request, at any point, leaves every data
file as it was. Existing entries are never edited or reordered.
"""

from __future__ import annotations

import contextlib
import datetime
import glob
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .citations import format_citations, h_index, load_citations
from .library import Identity, Library, identity_of
from .model import Citations, display_path
from .newentries import appended, bibtex_entry, citekey
from .sources import arxiv, crossref, datacite, dblp, openalex, orcid
from .sources.client import Client, NotFound
from .sources.identifiers import Identifier, normal_doi, parse_identifier, title_key
from .sources.work import Work
from .store import DataStore
from .yamlfile import load_yaml_file

Say = Callable[[str], None]


class UsageError(Exception):
    """A command asked for something it cannot do; nothing was fetched."""


def work_identity(work: Work) -> Identity:
    title = title_key(work.title, work.year) if work.title else ""
    return Identity(normal_doi(work.doi), work.arxiv, title)


def default_bibliography(store: DataStore) -> Path:
    """Where new entries go: the first file of the ``bibliography`` option, or
    ``papers.bib`` in the data folder."""
    options = store.options
    for pattern in options.bibliography:
        if not glob.has_magic(pattern):
            return (options.root / pattern).resolve()
    return options.data_dir / "papers.bib"


# Fetching ----------------------------------------------------------------------------------


def fetch_doi(client: Client, doi: str) -> Work:
    """A DOI's metadata from Crossref, or from DataCite for the DOIs Crossref does not have."""
    with contextlib.suppress(NotFound):
        return crossref.fetch(client, doi)
    try:
        return datacite.fetch(client, doi)
    except NotFound:
        raise NotFound(f"doi:{doi} is not known to api.crossref.org or api.datacite.org") from None


def fetch_works(client: Client, identifiers: list[Identifier]) -> list[Work]:
    """The work each identifier names, in order; arXiv ids in one request."""
    for identifier in identifiers:
        _check_addable(identifier)
    eprints = arxiv.fetch(client, [i.value for i in identifiers if i.kind == "arxiv"])
    works = []
    for identifier in identifiers:
        try:
            if identifier.kind == "doi":
                works.append(fetch_doi(client, identifier.value))
            elif identifier.kind == "arxiv":
                works.append(eprints[identifier.value])
            elif identifier.kind == "dblp":
                works.append(dblp.fetch_record(client, identifier.value))
            else:
                works.append(openalex.fetch_work(client, identifier.value))
        except NotFound as error:
            raise _unknown(identifier, error) from None
    return works


def _check_addable(identifier: Identifier) -> None:
    person = (
        identifier.kind == "orcid"
        or (identifier.kind == "dblp" and identifier.value.startswith("pid/"))
        or (identifier.kind == "openalex" and identifier.value.startswith("A"))
    )
    if person:
        raise UsageError(
            f"{identifier} names a person, not a paper; use: mkdocs-research sync {identifier}"
        )


def person_works(client: Client, person: Identifier, library: Library) -> list[Work]:
    """The works of a person (ORCID iD, dblp person id or OpenAlex author) that ``library``
    does not have; for ORCID, only those are fetched in full."""
    author = person.kind == "openalex" and person.value.startswith("A")
    if person.kind not in {"dblp", "orcid"} and not author:
        raise UsageError(f"{person} is not a person; sync takes orcid:ID, dblp:PID or openalex:A…")
    try:
        if person.kind == "orcid":
            return _orcid_works(client, person.value, library)
        if person.kind == "dblp":
            works = dblp.fetch_person(client, person.value.removeprefix("pid/"))
        else:
            found = openalex.author_works(client, person.value)
            works = [openalex.work_from_openalex(w) for w in found]
    except NotFound as error:
        raise _unknown(person, error) from None
    return [w for w in works if library.find(work_identity(w)) is None]


def _unknown(identifier: Identifier, error: NotFound) -> NotFound:
    """A 404 said in terms of what the user asked for."""
    if not error.host:
        return error
    return NotFound(f"{identifier} is not known to {error.host}", error.host)


def _orcid_works(client: Client, orcid_id: str, library: Library) -> list[Work]:
    """New works of an ORCID record, each from the best source: its DOI's registry, arXiv,
    or else ORCID's own full record."""
    summaries = orcid.fetch_works(client, orcid_id)
    new = {code: w for code, w in summaries.items() if library.find(work_identity(w)) is None}
    eprints = arxiv.fetch(client, [w.arxiv for w in new.values() if w.arxiv and not w.doi])
    works: dict[int, Work] = {}
    for code, summary in new.items():
        if summary.doi:
            # A DOI neither registry knows: ORCID's own record will do.
            with contextlib.suppress(NotFound):
                works[code] = fetch_doi(client, summary.doi)
        elif summary.arxiv:
            works[code] = eprints[summary.arxiv]
    missing = [code for code in new if code not in works]
    works |= orcid.fetch_details(client, orcid_id, missing) if missing else {}
    return [works[code] for code in new if code in works]


# Commands ----------------------------------------------------------------------------------


@dataclass
class Addition:
    """What ``add`` or ``sync`` would append, and to which file."""

    target: Path
    entries: list[str]


def plan_additions(
    store: DataStore, works: list[tuple[str, Work]], target: Path, say: Say
) -> Addition:
    """BibTeX for each work the bibliography does not have yet (``label``: how the user
    named it), skipping duplicates, also among the new ones."""
    library = Library(store.publications)
    taken = {p.key.lower() for p in store.publications}
    shown = display_path(target, store.options.root)
    entries = []
    for label, work in works:
        identity = work_identity(work)
        if known := library.find(identity):
            say(f"skipped {label}: already in {known.file} as {known.key} ({known.reason})")
            continue
        key = citekey(work, taken)
        entries.append(bibtex_entry(work, key))
        library.add(identity, key, shown)
        say(f"added {key}: {work.title} ({label})")
    return Addition(target, entries)


def add(
    store: DataStore, client: Client, identifiers: list[Identifier], target: Path, say: Say
) -> Addition:
    """``mkdocs-research add``: what to append for these identifiers. Identifiers whose DOI or
    arXiv id is already in the bibliography are not even fetched."""
    library = Library(store.publications)
    wanted = []
    for identifier in identifiers:
        identity = Identity(
            identifier.value if identifier.kind == "doi" else "",
            identifier.value if identifier.kind == "arxiv" else "",
            "",
        )
        if known := library.find(identity):
            say(f"skipped {identifier}: already in {known.file} as {known.key} ({known.reason})")
        else:
            wanted.append(identifier)
    works = fetch_works(client, wanted)
    return plan_additions(
        store, [(str(i), w) for i, w in zip(wanted, works, strict=True)], target, say
    )


def sync(
    store: DataStore, client: Client, people: list[Identifier], target: Path, say: Say
) -> Addition:
    """``mkdocs-research sync``: what to append for the works of these people."""
    library = Library(store.publications)
    works: list[tuple[str, Work]] = []
    for person in people:
        found = person_works(client, person, library)
        say(
            f"{person}: {len(found)} work{'s' if len(found) != 1 else ''} not in the bibliography yet"
        )
        works += [(str(person), work) for work in found]
    return plan_additions(store, works, target, say)


def write_additions(addition: Addition) -> None:
    old = addition.target.read_bytes() if addition.target.exists() else b""
    write_atomically(addition.target, appended(old, addition.entries))


def count_citations(
    store: DataStore, client: Client, author: Identifier | None, today: datetime.date, say: Say
) -> Citations:
    """``mkdocs-research citations``: OpenAlex's counts for the bibliography's entries, matched
    by DOI, then arXiv id, then title among the author's works; and the author's totals (or,
    without an author, totals computed from the entries' counts)."""
    totals = None
    works: list[dict] = []
    if author is not None:
        totals = _author(client, author)
        works = openalex.author_works(client, totals.id, select=openalex.COUNT_FIELDS)
    index = _CountIndex(works)
    publications = store.publications
    unmatched = [p for p in publications if index.count(identity_of(p)) is None]
    dois = {identity_of(p).doi for p in unmatched if identity_of(p).doi}
    dois |= {f"10.48550/arxiv.{identity_of(p).arxiv}" for p in unmatched if identity_of(p).arxiv}
    if dois:
        index.extend(openalex.works_by_doi(client, sorted(dois), select=openalex.COUNT_FIELDS))
    counts: dict[str, int] = {}
    for publication in publications:
        count = index.count(identity_of(publication))
        if count is not None:
            counts.setdefault(publication.key, count)
    missing = [p.key for p in publications if p.key not in counts]
    if missing:
        say(f"not found on OpenAlex ({len(missing)}): {', '.join(missing)}")
    if totals is not None:
        profile = {
            "citations": totals.citations,
            "h_index": totals.h_index,
            "i10_index": totals.i10_index,
        }
    else:
        values = list(counts.values())
        profile = {
            "citations": sum(values),
            "h_index": h_index(values),
            "i10_index": sum(1 for v in values if v >= 10),
        }
    return Citations(today.isoformat(), "openalex", profile, counts)


def _author(client: Client, author: Identifier) -> openalex.Author:
    if author.kind == "orcid":
        name = f"orcid:{author.value}"
    elif author.kind == "openalex" and author.value.startswith("A"):
        name = author.value
    else:
        raise UsageError(f"{author} is not an author; use orcid:ID or openalex:A…")
    try:
        return openalex.fetch_author(client, name)
    except NotFound:
        raise NotFound(
            f"api.openalex.org has no author {author}; name one with --author openalex:A…"
        ) from None


class _CountIndex:
    """OpenAlex works by DOI, arXiv id and title, for looking up counts."""

    def __init__(self, works: list[dict]) -> None:
        self.by: dict[str, dict[str, int]] = {"doi": {}, "arxiv": {}, "title": {}}
        self.extend(works)

    def extend(self, works: list[dict]) -> None:
        for work in works:
            doi, arxiv_id, title = openalex.work_ids(work)
            count = int(work.get("cited_by_count") or 0)
            for kind, value in (
                ("doi", doi),
                ("arxiv", arxiv_id),
                ("title", title_key(title, None)),
            ):
                if value and value != "/":
                    self.by[kind].setdefault(value, count)

    def count(self, identity: Identity) -> int | None:
        # Among an author's own works the title alone is enough: a preprint and its
        # published version often carry different years.
        title = identity.title.rsplit("/", 1)[0] + "/" if identity.title else ""
        for kind, value in (("doi", identity.doi), ("arxiv", identity.arxiv), ("title", title)):
            if value and value in self.by[kind]:
                return self.by[kind][value]
        return None


def write_citations(store: DataStore, citations: Citations, say: Say) -> None:
    """Write ``citations.yml``, unless only its date would change: a weekly job then commits
    nothing when no count moved."""
    path = store.options.data_dir / "citations.yml"
    shown = display_path(path, store.options.root)
    if path.is_file():
        old, _ = load_citations(load_yaml_file(path, shown)[0], shown)
        if (old.profile, old.publications, old.source) == (
            citations.profile,
            citations.publications,
            citations.source,
        ):
            say(f"{shown}: no count changed since {old.as_of}; left as it is")
            return
    write_atomically(path, format_citations(citations).encode("utf-8"))
    say(f"wrote {shown}: {len(citations.publications)} counts, as of {citations.as_of}")


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` beside ``path`` and let it take the file's place (keeping its
    permissions): readers see the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def profile_orcid(store: DataStore) -> Identifier | None:
    """The ORCID iD in ``profile.yml``'s links, if there is one."""
    for link in store.profile.links:
        if link.kind == "orcid" and (found := parse_identifier(link.url)) is not None:
            return found
    return None
