"""An academicpages site as a mkdocs-research site.

academicpages keeps one Markdown file per publication, talk and course (``_publications/``,
``_talks/``, ``_teaching/``: front matter with ``title``, ``date``, ``venue``, ``paperurl``,
``citation`` …), the owner in the ``author:`` block of ``_config.yml``, the home page in
``_pages/about.md``, the CV as Markdown in ``_pages/cv.md`` or as JSON Resume in
``_data/cv.json``, and the files it links in ``files/`` and ``images/``. Publications become
BibTeX (authors read from each ``citation``), talks ``talks.yml``, courses a teaching
section of ``cv.yml``; what has no counterpart is reported.
"""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path
from typing import Any

from ..resume_formats import load_json_resume
from . import alfolio_cv
from .jekyll import Document, JekyllSite, date_text, plain
from .markup import plain_text
from .pages import NewSite, convert_pages, page_addresses, text_pages, write_site
from .plan import Plan, SourceError, counted
from .profiles import ProfileLinks

#: academicpages' standard publication categories → BibTeX entry type and venue field.
ENTRY_TYPES = {
    "manuscripts": ("article", "journal"),
    "conferences": ("inproceedings", "booktitle"),
    "books": ("book", "publisher"),
}
LEFT_BEHIND = {
    "_posts": "blog posts; MkDocs pages are written by hand (or with Material's blog plugin)",
    "_portfolio": "portfolio pages; write them as MkDocs pages",
    "_data/authors.yml": "authors of blog posts; the profile comes from the author: block of _config.yml",
    "markdown_generator": "scripts that write the collections; edit data/*.bib and data/talks.yml instead",
}
#: Pages academicpages builds from its collections and templates, replaced by macros here.
_STANDARD = {
    "about.md",
    "cv.md",
    "cv-json.md",
    "publications.md",
    "publications.html",
    "talks.html",
    "talks.md",
    "teaching.html",
    "teaching.md",
    "404.md",
}
_LOOP = re.compile(r"\{%-?\s*for\s+\w+\s+in\s+site\.(publications|talks|teaching|portfolio)\b")
_HEADING = re.compile(r"^(?:(#{1,3})[ \t]+(.+?)[ \t#]*|([^\n]+)\n(?:=+|-+))[ \t]*$", re.M)
_YEAR = re.compile(r"\(?\b((?:19|20)\d\d)[a-z]?\b\)?")
_DOI = re.compile(r"(?:doi:\s*)?10\.\d{4,9}/\S+", re.I)
#: Where the authors of a citation end, if before the year: the title's opening quote, or
#: a full stop after a word's lowercase letters (``Regli. Title``, not ``C. Regli``, ``Md.``).
_AUTHORS_END = re.compile(r"[\"“]|(?<=[^\W\d_A-Z]{2})\.\s")


def import_academicpages(src: Path, dest: Path) -> Plan:
    """Plan the import of the academicpages site in ``src`` into ``dest``; nothing written."""
    plan = Plan(src, dest)
    site = JekyllSite(src, plan)
    _check_kind(site)
    block = site.config.get("author")
    author: dict[str, Any] = block if isinstance(block, dict) else {}
    locale = plain(site.config.get("locale"))
    new = NewSite(
        name=plain(author.get("name")) or plain(site.config.get("name")) or "Homepage",
        url=f"{site.url}{site.baseurl}/" if site.url else "",
        description=plain_text(plain(site.config.get("description"))),
        language=locale.split("-")[0] if locale else "",
    )
    publications = site.collection("_publications")
    talks = site.collection("_talks")
    teaching = site.collection("_teaching")
    new.publications, new.talks, new.teaching = bool(publications), bool(talks), bool(teaching)
    cv_document = site.document("_pages/cv.md") if site.exists("_pages/cv.md") else None
    navigation = _navigation(site)
    uses_json = _cv_uses_json(site, cv_document, navigation)
    if uses_json or cv_document is not None:
        new.cv = ["{{ cv() }}"]
    new.pages = text_pages(site, _STANDARD, lambda document: document.address in navigation)
    site.pages = page_addresses(new)
    convert_pages(site, new.pages)
    about = site.document("_pages/about.md") if site.exists("_pages/about.md") else None
    profile = _profile(site, author, new)
    if about is not None:
        new.home_text = site.page_text(about, "index.md").strip()
        site.plan.done("_pages/about.md → docs/index.md", "the home page: profile and text")
    sections: list[dict[str, Any]] = []
    taken: set[str] = set()
    if teaching:
        sections.append(_teaching(site, teaching, taken))
    if uses_json:
        new.cv = _json_cv(site, sections, taken)
        if cv_document is not None:
            site.plan.leave(
                "_pages/cv.md", "the site showed _data/cv.json instead; its text is left out"
            )
    elif cv_document is not None:
        new.cv = _markdown_cv(site, cv_document, sections, taken)
        if site.exists("_data/cv.json"):
            site.plan.leave("_data/cv.json", "the site showed _pages/cv.md instead; left out")
    if sections:
        plan.write_yaml("data/cv.yml", sections, "CV: from the academicpages site.")
    if publications:
        _publications(site, publications, new)
        new.home_publications = "recent"
    if talks:
        _talks(site, talks)
    plan.write_yaml(
        "data/profile.yml", profile, "Who you are: from the author: block of _config.yml."
    )
    site.leave_behind(LEFT_BEHIND)
    write_site(plan, new)
    return plan


def _check_kind(site: JekyllSite) -> None:
    ours = ("_publications", "_talks", "_teaching", "_data/cv.json", "_pages/cv-json.md")
    if any((site.root / path).exists() for path in ours):
        return
    if (site.root / "_bibliography").is_dir() or "scholar" in site.config:
        raise SourceError(
            f"{site.root}: looks like an al-folio site (it has _bibliography/ or scholar: "
            "settings); use `mkdocs-research import al-folio`"
        )
    author = site.config.get("author")
    if not (isinstance(author, dict) and "avatar" in author):
        raise SourceError(
            f"{site.root}: does not look like an academicpages site (no _publications/, "
            "_talks/, _teaching/ or author: block with an avatar)"
        )


def _navigation(site: JekyllSite) -> set[str]:
    """The addresses in the site's menu (``_data/navigation.yml``), as ``/cv``."""
    value = site.yaml("_data/navigation.yml") if site.exists("_data/navigation.yml") else None
    items = value.get("main") if isinstance(value, dict) else None
    return {
        "/" + plain(item.get("url")).strip("/")
        for item in (items if isinstance(items, list) else [])
        if isinstance(item, dict) and plain(item.get("url")).startswith("/")
    }


def _cv_uses_json(site: JekyllSite, cv: Document | None, navigation: set[str]) -> bool:
    """Whether the CV the site shows is ``_data/cv.json``: its CV page includes
    ``cv-template.html``, or the menu links the JSON CV page."""
    if not site.exists("_data/cv.json"):
        return False
    return "/cv-json" in navigation or (cv is not None and "cv-template.html" in cv.body)


# Profile ------------------------------------------------------------------------------------


def _profile(site: JekyllSite, author: dict[str, Any], new: NewSite) -> dict[str, Any]:
    profile: dict[str, Any] = {"name": new.name}
    site_name = plain(site.config.get("name"))
    if site_name and site_name != new.name:
        profile["aliases"] = [site_name]  # the name in the site's title, often the fuller one
    if plain(author.get("bio")):
        profile["position"] = plain(author["bio"])
    affiliation = alfolio_cv.joined(author.get("employer"), author.get("location"))
    if affiliation:
        profile["affiliation"] = affiliation
    avatar = plain(author.get("avatar"))
    if avatar:
        path = site.local_path(avatar if "/" in avatar else f"/images/{avatar}")
        if path:
            profile["photo"] = site.bring(path)
        else:
            site.plan.leave("_config.yml", f"author avatar {avatar} is not in the site; no photo")
    links = ProfileLinks(site, "_config.yml")
    for key, value in author.items():
        links.add_academicpages(key, value)
    if plain(author.get("email")):
        profile["email"] = plain(author["email"])
    if links.links:
        profile["links"] = links.links
    new.more_links = links.more
    site.plan.done(
        "_config.yml (author:) → data/profile.yml",
        links.summary(),
    )
    return profile


# Publications -------------------------------------------------------------------------------


def _publications(site: JekyllSite, documents: list[Document], new: NewSite) -> None:
    categories = site.config.get("publication_category")
    titles = {
        key: plain(value.get("title")) or key
        for key, value in (categories.items() if isinstance(categories, dict) else [])
        if isinstance(value, dict)
    }
    keys: set[str] = set()
    entries = []
    guessed = 0
    for document in documents:
        entry, from_citation = _entry(site, document, titles, keys)
        guessed += from_citation
        entries.append(entry)
    if titles and all("category" in entry for entry in entries):
        new.publications_group = "category"
    header = "% Publications: from _publications/ of the academicpages site.\n\n"
    site.plan.write("data/publications.bib", header + "\n\n".join(entries) + "\n")
    site.plan.done(
        "_publications/ → data/publications.bib", counted(len(entries), "entry", "entries")
    )
    if guessed:
        site.plan.leave(
            "_publications/",
            f"the authors of {counted(guessed, 'entry', 'entries')} were read from their "
            "citation text; "
            "check them in data/publications.bib",
        )


def _entry(
    site: JekyllSite, document: Document, titles: dict[str, str], keys: set[str]
) -> tuple[str, bool]:
    """One publication file as a BibTeX entry, and whether its authors were guessed."""
    front = document.front
    title = _latex(_inline(site, front.get("title"), document.source))
    date = date_text(front.get("date"), document.path.name)
    year, month = ([*date.split("-"), "", ""])[:2]
    citation = _inline(site, front.get("citation"), document.source)
    listed = _listed_authors(site, front.get("authors"), document.source)
    authors = listed or _authors(citation)
    category = plain(front.get("category"))
    entry_type, venue_field = ENTRY_TYPES.get(category, ("misc", "howpublished"))
    fields: dict[str, str] = {
        "author": " and ".join(authors),
        "title": title,
        venue_field: _latex(_inline(site, front.get("venue"), document.source)),
        "year": year,
        "month": month.lstrip("0"),
    }
    if category:
        fields["category"] = titles.get(category, category)
    for name, field in (("paperurl", "pdf"), ("slidesurl", "slides")):
        url = plain(front.get(name))
        local = site.local_path(url) if url else None
        if local:
            fields[field] = site.bring(local)
        elif field == "pdf" and _DOI.fullmatch(url):
            fields["doi"] = url  # a bare DOI, a broken relative link on the old site
        elif field == "pdf" and url and not url.lower().endswith(".pdf"):
            fields["html"] = url  # a landing page, as al-folio's html field
        elif url:
            fields[field] = url
    abstract = site.data_text(document.body, document.source, document.body_line)
    fields["abstract"] = plain_text(
        abstract or site.data_text(front.get("excerpt"), document.source)
    )
    if citation and not authors:
        fields["note"] = citation
    key = _citekey(authors, year, title, keys)
    body = ",\n".join(f"  {name} = {{{_braced(value)}}}" for name, value in fields.items() if value)
    return f"@{entry_type}{{{key},\n{body}\n}}", bool(authors) and not listed


def _listed_authors(site: JekyllSite, value: Any, source: str) -> list[str]:
    """The ``authors`` many academicpages sites add to a publication's front matter, and
    show above its venue: a list, or one line of names (``<u>C. D. Woodgate</u>, J. B.
    Staunton``)."""
    if isinstance(value, list):
        return [name for item in value for name in _names(_inline(site, item, source))]
    return _names(_inline(site, value, source))


def _inline(site: JekyllSite, value: Any, source: str) -> str:
    """A short front matter text (a title, a citation) as one line."""
    return " ".join(site.data_text(html.unescape(plain(value)), source).split())


def _latex(markdown: str) -> str:
    """A title or venue, which academicpages shows as Markdown or HTML (turned into Markdown
    on the way), as a BibTeX field shows it: bold and italics as ``\\textbf`` and ``\\emph``,
    and a backslash escape as its character (``6\\. Title`` is ``6. Title``, where LaTeX
    would read ``\\.`` as an accent)."""
    text = re.sub(r"(?<!\\)\*\*(\S(?:.*?\S)?)\*\*", r"\\textbf{\1}", markdown)
    text = re.sub(r"(?<![\\\w])\*(\S(?:.*?\S)?)\*(?!\w)", r"\\emph{\1}", text)
    return re.sub(r"\\([.'\"`~^=()\[\]!*+\-])", r"\1", text)


def _authors(citation: str) -> list[str]:
    """The authors in a citation text (``Round, Erich R., T. Mark Ellison & Sacha B. 2020.
    Title…``, ``Schneider et al. (2018)``, ``A. Li and B. Wu. Title. Venue, 2019``): what
    comes before the year, the title's opening quote or the first sentence's end, whichever
    is first, as names."""
    found = _YEAR.search(citation)
    if found is None:
        return []
    text = citation[: found.start()]
    end = _AUTHORS_END.search(text)
    return _names(text[: end.start()] if end else text)


def _names(text: str) -> list[str]:
    """A list of names as a citation or an ``authors`` line writes it (``Round, Erich R.,
    T. Mark Ellison & Sacha B.``, ``Botta, F., & del Genio, C. I.``), with ``others`` for
    *et al.*"""
    text = re.sub(r"<[^>]+>|[*_\"“”]", "", text).strip(" ,;:(")
    if not text:
        return []
    others = bool(re.search(r"\bet\s+al\b\.?", text))
    text = re.sub(r",?\s*\bet\s+al\b\.?", "", text)
    parts = [p.strip() for p in re.split(r";|\s*&\s+|,?\s+and\s+|,", text) if p.strip()]
    if len(parts) == 2 and "," in text and _given(parts[1]):
        return [f"{parts[0]}, {parts[1]}"] + (["others"] if others else [])  # Name, Your
    names: list[str] = []
    index = 0
    while index < len(parts):
        part = parts[index]
        following = parts[index + 1] if index + 1 < len(parts) else ""
        if _family(part) and following and _given(following):
            names.append(f"{part}, {following}")  # Round, Erich R.
            index += 2
        else:
            names.append(part)
            index += 1
    return names + (["others"] if others else [])


def _family(text: str) -> bool:
    """Whether a piece of a citation can be a family name alone: one word, or one after
    lowercase particles (``del Genio``, ``van der Berg``)."""
    words = text.split()
    return all(word.islower() for word in words[:-1])


def _given(text: str) -> bool:
    """Whether a piece of a citation is given names after a family name (``Erich R.``,
    ``J. C.``) rather than a whole name (``T. Mark Ellison``)."""
    words = text.split()
    return (
        len(words) <= 2
        and all(w[0].isupper() for w in words)
        and (len(words) == 1 or words[-1].endswith("."))
    )


def _citekey(authors: list[str], year: str, title: str, keys: set[str]) -> str:
    """``round2020automated``: first author's family name, year, first long title word."""
    first = authors[0] if authors and authors[0] != "others" else ""
    family = first.split(",")[0] if "," in first else (first.split() or [""])[-1]
    words = [w for w in re.findall(r"[^\W\d_]+", title) if len(w) > 3]
    base = _ascii(family) + year + _ascii(words[0] if words else "paper")
    key, suffix = base or "paper", 0
    while key in keys:
        suffix += 1
        key = f"{base}{chr(ord('a') + suffix - 1)}" if suffix <= 26 else f"{base}{suffix}"
    keys.add(key)
    return key


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def _braced(value: str) -> str:
    """A value that is safe between BibTeX braces: unbalanced braces are dropped."""
    depth = 0
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            break
    return value if depth == 0 else value.replace("{", "").replace("}", "")


# Talks and teaching -------------------------------------------------------------------------


def _talks(site: JekyllSite, documents: list[Document]) -> None:
    talks = []
    for document in documents:
        front = document.front
        date = date_text(front.get("date"), document.path.name)
        title = _latex(_inline(site, front.get("title"), document.source))
        if not re.match(r"\d{4}", date) or not title:
            site.plan.leave(document.source, "has no date or no title; left out")
            continue
        talk: dict[str, str] = {"date": date, "title": title}
        for name, field in (("venue", "event"), ("location", "location"), ("type", "type")):
            if plain(front.get(name)):
                talk[field] = _inline(site, front.get(name), document.source)
        note = site.data_text(document.body, document.source, document.body_line)
        note = note or site.data_text(front.get("excerpt"), document.source)
        if note:
            talk["note"] = note
        for name, field in (
            ("talkurl", "url"),
            ("link", "url"),
            ("slidesurl", "slides"),
            ("videourl", "video"),
            ("paperurl", "paper"),
        ):
            url = plain(front.get(name))
            if url and field not in talk:
                local = site.local_path(url)
                talk[field] = site.bring(local) if local else url
        talks.append(talk)
    if talks:
        site.plan.write_yaml(
            "data/talks.yml", talks, "Talks: from _talks/ of the academicpages site."
        )
        site.plan.done("_talks/ → data/talks.yml", counted(len(talks), "talk"))


def _teaching(site: JekyllSite, documents: list[Document], taken: set[str]) -> dict[str, Any]:
    entries = []
    for document in documents:
        front = document.front
        course = _inline(site, front.get("title"), document.source)
        kind = _inline(site, front.get("type"), document.source)
        entry = {
            "course": f"{course} ({kind})" if course and kind else course or kind,
            "institution": _inline(site, front.get("venue"), document.source),
            **alfolio_cv.dates(date_text(front.get("date"), document.path.name)),
            "location": _inline(site, front.get("location"), document.source),
            "description": site.data_text(document.body, document.source, document.body_line),
        }
        entries.append({key: value for key, value in entry.items() if value})
    site.plan.done(
        "_teaching/ → data/cv.yml", f"section 'teaching': {counted(len(entries), 'course')}"
    )
    return alfolio_cv.section("Teaching", "teaching", entries, taken)


# The Markdown CV ----------------------------------------------------------------------------


def _markdown_cv(
    site: JekyllSite, document: Document, sections: list[dict[str, Any]], taken: set[str]
) -> list[str]:
    """``_pages/cv.md`` as CV sections: each heading a section whose bullets are entries
    (nested bullets their description); loops over a collection become its macro. Returns
    the blocks of the CV page, in the order of the file."""
    body = document.body
    headings = list(_HEADING.finditer(body))
    blocks: list[str] = []
    intro = body[: headings[0].start()] if headings else body
    intro_document = Document(
        document.path, document.source, document.front, intro, document.body_line
    )
    intro_text = site.page_text(intro_document, "cv.md").strip()
    if intro_text:
        blocks.append(intro_text)
    for index, heading in enumerate(headings):
        end = headings[index + 1].start() if index + 1 < len(headings) else len(body)
        title = (heading.group(2) or heading.group(3)).strip()
        content = body[heading.end() : end]
        line = document.body_line + body.count("\n", 0, heading.start())
        loop = _LOOP.search(content)
        if loop is not None:
            blocks.append(_collection_block(title, loop.group(1), sections))
            continue
        text = site.data_text(content, f"{document.source}:{line}", line)
        entries = _cv_entries(text)
        if entries:
            section = alfolio_cv.section(title, "text", entries, taken)
            sections.append(section)
            blocks.append(f'## {title}\n\n{{{{ cv("{section["id"]}") }}}}')
    site.plan.done("_pages/cv.md → data/cv.yml, docs/cv.md", counted(len(headings), "section"))
    return blocks


#: The order of academicpages' JSON CV (``cv-template.html``) → the section id here.
_JSON_ORDER = {
    "education": "education",
    "work": "experience",
    "volunteer": "volunteer",
    "awards": "awards",
    "certificates": "certificates",
    "skills": "skills",
    "publications": "publications",
    "presentations": "",
    "teaching": "",
    "portfolio": "",
    "projects": "projects",
    "languages": "languages",
    "interests": "interests",
}


def _json_cv(site: JekyllSite, sections: list[dict[str, Any]], taken: set[str]) -> list[str]:
    """``_data/cv.json`` copied as ``data/resume.json``, which the plugin reads as JSON
    Resume; academicpages' own sections (``presentations``, ``teaching``, ``portfolio``)
    become ``cv.yml`` sections. Returns the CV page's blocks in academicpages' order."""
    site.plan.copy("data/resume.json", site.root / "_data" / "cv.json")
    (_, resume), _ = load_json_resume(site.root / "_data" / "cv.json", "_data/cv.json")
    titles = {section.id: section.title for section in resume}
    value = site.yaml("_data/cv.json")
    value = value if isinstance(value, dict) else {}
    blocks = []
    for key, section_id in _JSON_ORDER.items():
        items = value.get(key)
        if not section_id and isinstance(items, list) and items:
            section = _JSON_EXTRAS[key](site, [i for i in items if isinstance(i, dict)], taken)
            sections.append(section)
            section_id = section["id"]
        title = titles.get(section_id) or next(
            (s["title"] for s in sections if s["id"] == section_id), ""
        )
        if section_id and title:
            blocks.append(f'## {title}\n\n{{{{ cv("{section_id}") }}}}')
    site.plan.done(
        "_data/cv.json → data/resume.json, data/cv.yml",
        f"copied as it is (JSON Resume); {counted(len(blocks), 'section')} on the CV page",
    )
    if value.get("references"):
        site.plan.leave("_data/cv.json", "references are private and not shown here")
    return blocks


def _json_presentations(site: JekyllSite, items: list[dict], taken: set[str]) -> dict[str, Any]:
    def entry(item: dict[str, Any]) -> dict[str, Any]:
        head = alfolio_cv.joined(
            f"**{plain(item.get('name'))}**" if plain(item.get("name")) else "", item.get("event")
        )
        text = site.data_text(head, "_data/cv.json")
        return {
            "text": text,
            **alfolio_cv.dates(item.get("date")),
            "location": plain(item.get("location")),
            "description": site.data_text(item.get("description"), "_data/cv.json"),
        }

    entries = [{k: v for k, v in entry(item).items() if v} for item in items]
    return alfolio_cv.section("Presentations", "text", entries, taken)


def _json_teaching(site: JekyllSite, items: list[dict], taken: set[str]) -> dict[str, Any]:
    keys = ("course", "institution", "role", "location", "description")
    entries = [
        {
            **{k: site.data_text(item.get(k), "_data/cv.json") for k in keys if plain(item.get(k))},
            **alfolio_cv.dates(item.get("date")),
        }
        for item in items
    ]
    return alfolio_cv.section("Teaching", "teaching", entries, taken)


def _json_portfolio(site: JekyllSite, items: list[dict], taken: set[str]) -> dict[str, Any]:
    def entry(item: dict[str, Any]) -> dict[str, Any]:
        name, url = plain(item.get("name")), plain(item.get("url"))
        head = f"[{name}]({url})" if name and url else name
        return {
            "text": alfolio_cv.joined(f"**{head}**" if head else "", item.get("category")),
            **alfolio_cv.dates(item.get("date")),
            "description": site.data_text(item.get("description"), "_data/cv.json"),
        }

    entries = [{k: v for k, v in entry(item).items() if v} for item in items]
    return alfolio_cv.section("Portfolio", "text", entries, taken)


_JSON_EXTRAS = {
    "presentations": _json_presentations,
    "teaching": _json_teaching,
    "portfolio": _json_portfolio,
}


def _collection_block(title: str, collection: str, sections: list[dict[str, Any]]) -> str:
    macros = {
        "publications": "{{ publications() }}",
        "talks": "{{ talks() }}",
        "teaching": '{{ cv("teaching") }}' if any(s["id"] == "teaching" for s in sections) else "",
        "portfolio": "",
    }
    macro = macros[collection]
    return f"## {title}\n\n{macro}" if macro else f"## {title}"


def _cv_entries(text: str) -> list[dict[str, str]]:
    """Entries of one CV section: each top-level bullet (the indented lines under it, such
    as nested bullets, as its description), and each paragraph that is not a list."""
    entries: list[tuple[list[str], list[str]]] = []  # (the entry's lines, the indented ones)
    in_paragraph = False
    for line in text.splitlines():
        bullet = re.match(r"^ ?[*+-]\s+(.*)$", line)
        if bullet:
            entries.append(([bullet.group(1).strip()], []))
            in_paragraph = False
        elif not line.strip():
            in_paragraph = False
        elif entries and line[:1] in " \t" and not in_paragraph:
            entries[-1][1].append(line)
        elif in_paragraph:
            entries[-1][0].append(line.strip())
        else:
            entries.append(([line.strip()], []))
            in_paragraph = True
    return [
        {"text": " ".join(head), **({"description": _dedent(nested)} if nested else {})}
        for head, nested in entries
    ]


def _dedent(lines: list[str]) -> str:
    indent = min(len(line) - len(line.lstrip()) for line in lines)
    return "\n".join(line[indent:].rstrip() for line in lines)
