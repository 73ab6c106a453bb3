"""An al-folio site as a mkdocs-research site.

al-folio keeps its bibliography in ``_bibliography/*.bib`` (read here as it is), the owner in
``_config.yml``, ``_data/socials.yml`` (or, in older versions, social keys in ``_config.yml``)
and the front matter of ``_pages/about.md``, news in ``_news/``, the CV in ``_data/cv.yml``
or ``assets/json/resume.json``, and the files entries link to under ``assets/``. Each becomes
the data file or page that means the same here; what has no counterpart is reported. A
multi-language site (jekyll-polyglot) keeps pages, news and the CV of each language in
folders named after it (``_pages/en-us/``, ``_data/en-us/cv.yml``): its default language is
brought over, and the folders of the others are reported.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from pathlib import Path
from typing import Any

from ..bibtex import load_bibtex_file
from ..options import DEFAULT_ASSET_DIRS
from ..people import NameMatcher, parse_person
from . import alfolio_cv
from .jekyll import Document, JekyllSite, date_text, plain
from .markup import plain_text
from .pages import NewSite, Page, convert_pages, page_addresses, text_pages, write_site
from .plan import Plan, SourceError, counted
from .profiles import ALFOLIO as ALFOLIO_SOCIALS
from .profiles import ProfileLinks

#: Collections and data al-folio has no counterpart for here, and why they stay behind.
LEFT_BEHIND = {
    "_posts": "blog posts; MkDocs pages are written by hand (or with Material's blog plugin)",
    "_projects": "project pages; write them as MkDocs pages",
    "_teachings": "course pages; write them as MkDocs pages, or as a teaching section of cv.yml",
    "_books": "book reviews; write them as MkDocs pages",
    "_data/repositories.yml": "GitHub repository cards have no counterpart here",
    "_data/citations.yml": "al-folio's Google Scholar counts; run `mkdocs-research citations`",
}
_BIBLIOGRAPHY_TAG = re.compile(r"\{%-?\s*bibliography\b([^%]*)%\}")
_STANDARD = {"about.md", "cv.md", "publications.md", "news.md", "404.md", "404.html"}


def import_alfolio(src: Path, dest: Path) -> Plan:
    """Plan the import of the al-folio site in ``src`` into ``dest``; nothing is written."""
    plan = Plan(src, dest)
    site = JekyllSite(src, plan)
    _check_kind(site)
    about = site.document(site.page("about.md")) if site.exists(site.page("about.md")) else None
    new = NewSite(
        name=_name(site.config) or "Homepage",
        url=f"{site.url}{site.baseurl}/" if site.url else "",
        description=plain_text(plain(site.config.get("description"))),
        language=site.language or plain(site.config.get("lang")),
    )
    bibliography = _bibliography_files(site)
    new.publications = bool(bibliography)
    news = site.collection("_news")
    new.news_count = len(news)
    new.news_limit = _news_limit(about, site.config) if about is not None else None
    cv_page = _cv_page(site)
    new.cv = ["{{ cv() }}"] if cv_page is not None else []
    new.pages = text_pages(site, _STANDARD, lambda document: bool(document.front.get("nav")))
    site.pages = page_addresses(new)
    convert_pages(site, new.pages)
    publications = _copy_bibliography(site, new, bibliography)
    profile = _profile(site, about, new)
    if about is not None:
        _home(site, about, new, publications)
    _news(site, news, new)
    if cv_page is not None:
        _cv(site, cv_page, new, profile)
    plan.write_yaml(
        "data/profile.yml",
        profile,
        "Who you are: from _config.yml, _data/socials.yml and _pages/about.md of the al-folio site.",
    )
    site.leave_behind(LEFT_BEHIND)
    site.leave_behind(_other_languages(site))
    write_site(plan, new)
    return plan


def _check_kind(site: JekyllSite) -> None:
    ours = ("_bibliography", "_news", "_data/cv.yml", "_data/socials.yml")
    if any((site.root / path).exists() for path in ours) or "scholar" in site.config:
        return
    if (site.root / "_publications").is_dir() or (site.root / "_talks").is_dir():
        raise SourceError(
            f"{site.root}: looks like an academicpages site (it has _publications/ or _talks/); "
            "use `mkdocs-research import academicpages`"
        )
    raise SourceError(
        f"{site.root}: does not look like an al-folio site (no _bibliography/, _news/, "
        "_data/cv.yml or scholar: settings)"
    )


def _name(config: dict[str, Any]) -> str:
    name = " ".join(plain(config.get(k)) for k in ("first_name", "middle_name", "last_name"))
    name = " ".join(name.split())
    title = plain(config.get("title"))
    return name or ("" if title == "blank" else title)


# Publications -------------------------------------------------------------------------------


def _bibliography_files(site: JekyllSite) -> list[str]:
    folder = site.root / "_bibliography"
    return sorted(p.name for p in folder.glob("*.bib") if p.is_file()) if folder.is_dir() else []


def _copy_bibliography(site: JekyllSite, new: NewSite, names: list[str]) -> list[Any]:
    """Copy every .bib file as it is, and the files its entries link to; list in the
    plugin's options the files al-folio's pages showed, when some were not shown."""
    publications = []
    for name in names:
        source = f"_bibliography/{name}"
        site.plan.copy(f"data/{name}", site.root / source)
        entries, _ = load_bibtex_file(site.root / source, source)
        publications += entries
        linked = sum(_copy_entry_files(site, entry) for entry in entries)
        selected = sum(entry.selected for entry in entries)
        details = (
            f"{counted(len(entries), 'entry', 'entries')} ({selected} selected), copied as they are"
        )
        if linked:
            details += f"; {counted(linked, 'linked file')} copied into docs/assets/"
        site.plan.done(f"{source} → data/{name}", details)
    shown = _shown_bibliographies(site, names)
    if shown and len(shown) < len(names):
        new.options["bibliography"] = [f"data/{name}" for name in shown]
        for name in sorted(set(names) - set(shown)):
            site.plan.leave(
                f"_bibliography/{name}",
                f"copied to data/{name} but not listed: no al-folio page showed it as a "
                "publication list; add it to `bibliography` in mkdocs.yml to show its entries",
            )
    for name in ("coauthors.yml", "venues.yml"):
        if site.exists(f"_data/{name}"):
            site.plan.copy(f"data/{name}", site.root / "_data" / name)
            site.plan.done(f"_data/{name} → data/{name}", "copied as it is")
    return publications


def _copy_entry_files(site: JekyllSite, entry: Any) -> int:
    """Copy the local files one entry links to (``pdf = {x.pdf}`` is ``assets/pdf/x.pdf``)."""
    copied = 0
    # al-folio's custom .bib fields that name a file, and the folder it lives in: the same
    # folders the plugin looks in (its default `asset_dirs`).
    for field, folder in DEFAULT_ASSET_DIRS.items():
        value = plain(entry.get(field))
        if not value or "://" in value:
            continue
        path = f"{folder}/{value.lstrip('/')}"
        if site.exists(path):
            site.bring(path)
            copied += 1
        elif spelled := _spelled_otherwise(site, path):
            site.plan.copy(f"docs/{posixpath.normpath(path)}", site.root / spelled)
            site.plan.leave(
                f"{entry.file}:{entry.line}",
                f"{field} = {{{value}}} of '{entry.key}': the file is {spelled}, its accents "
                "written as other Unicode characters; copied under the name the entry gives",
            )
            copied += 1
        else:
            site.plan.leave(
                f"{entry.file}:{entry.line}",
                f"{field} = {{{value}}} of '{entry.key}': {path} is not in the site",
            )
    return copied


def _spelled_otherwise(site: JekyllSite, path: str) -> str | None:
    """The file of the site whose name reads as ``path``'s but is other Unicode: a .bib
    file may write ``à`` as ``a`` and a combining accent where the file name has one
    character (as macOS, where both open the same file, often leaves them)."""
    folder, name = posixpath.split(posixpath.normpath(path))
    wanted = unicodedata.normalize("NFC", name)
    base = site.root / folder
    for candidate in sorted(base.iterdir()) if base.is_dir() else []:
        found = f"{folder}/{candidate.name}"
        if unicodedata.normalize("NFC", candidate.name) == wanted and site.exists(found):
            return found
    return None


def _shown_bibliographies(site: JekyllSite, names: list[str]) -> list[str]:
    """The .bib files al-folio's pages list: ``scholar.bibliography`` (papers.bib by
    default) and those named by ``{% bibliography --file x %}`` in a page."""
    scholar = site.config.get("scholar")
    main = plain(scholar.get("bibliography")) if isinstance(scholar, dict) else ""
    wanted = [main or "papers.bib"]
    for path in site.page_files("*.md"):
        text = path.read_text(encoding="utf-8", errors="replace")
        for found in _BIBLIOGRAPHY_TAG.finditer(text):
            named = re.search(r"--file\s+(\S+)", found.group(1))
            if named:
                wanted.append(named.group(1))
    shown = []
    for name in wanted:
        name = name if name.endswith(".bib") else f"{name}.bib"
        if name in names and name not in shown:
            shown.append(name)
    return shown


# Profile and home page ----------------------------------------------------------------------


def _profile(site: JekyllSite, about: Document | None, new: NewSite) -> dict[str, Any]:
    profile: dict[str, Any] = {"name": new.name}
    aliases = _aliases(site.config, new.name)
    if aliases:
        profile["aliases"] = aliases
    front = about.front if about is not None else {}
    page = about.source if about is not None else "_pages/about.md"
    subtitle = site.data_text(front.get("subtitle"), page)
    if subtitle:
        profile["position"] = plain_text(subtitle)
    photo = _photo(site, front.get("profile"), page)
    if photo:
        profile["photo"] = photo
    socials = site.yaml("_data/socials.yml") if site.exists("_data/socials.yml") else None
    if socials is not None and not isinstance(socials, dict):
        site.plan.leave("_data/socials.yml", "is not a mapping of network: id; left out")
    source = "_data/socials.yml" if isinstance(socials, dict) else "_config.yml"
    values = socials if isinstance(socials, dict) else site.config
    links = ProfileLinks(site, source)
    email = plain(values.get("email")) or plain(site.config.get("email"))
    for key, value in values.items():
        if values is socials or key in ALFOLIO_SOCIALS:  # _config.yml has other keys too
            links.add_alfolio(key, value)
    if email:
        profile["email"] = email
    if links.links:
        profile["links"] = links.links
    new.more_links = links.more
    site.plan.done(
        f"{source}, {page} → data/profile.yml",
        links.summary(),
    )
    return profile


def _aliases(config: dict[str, Any], name: str) -> list[str]:
    """al-folio highlights the names in ``scholar.first_name``/``last_name``: those the
    profile's name would not already match become aliases."""
    scholar = config.get("scholar")
    if not isinstance(scholar, dict):
        return []
    firsts, lasts = scholar.get("first_name"), scholar.get("last_name")
    firsts = [plain(f) for f in (firsts if isinstance(firsts, list) else [firsts]) if plain(f)]
    lasts = [plain(x) for x in (lasts if isinstance(lasts, list) else [lasts]) if plain(x)]
    known = NameMatcher([name] if name else [])
    aliases: list[str] = []
    for last in lasts:
        for first in firsts or [""]:
            alias = f"{first} {last}".strip()
            if not known.matches(parse_person(alias)) and alias not in aliases:
                aliases.append(alias)
                known = NameMatcher([name, *aliases])
    return aliases


def _photo(site: JekyllSite, profile: Any, page: str) -> str:
    if not isinstance(profile, dict) or not plain(profile.get("image")):
        return ""
    image = plain(profile["image"]).lstrip("/")
    path = image if image.startswith("assets/") else f"assets/img/{image}"
    if not site.exists(path):
        site.plan.leave(page, f"profile image {path} is not in the site; no photo")
        return ""
    return site.bring(path)


def _home(site: JekyllSite, about: Document, new: NewSite, publications: list[Any]) -> None:
    profile = about.front.get("profile")
    address = ""
    if isinstance(profile, dict):
        lines = site.data_text(profile.get("more_info") or profile.get("address"), about.source)
        address = "  \n".join(line.strip() for line in lines.splitlines() if line.strip())
    body = site.page_text(about, "index.md")
    new.home_text = "\n\n".join(part for part in (address, body.strip()) if part)
    selected = about.front.get("selected_papers")
    if selected and any(p.selected for p in publications):
        new.home_publications = "selected"
    site.plan.done(
        f"{about.source} → docs/index.md",
        "the home page: profile, text, news, selected publications",
    )


def _news_limit(about: Document, config: dict[str, Any]) -> int | None:
    """How many news items the home page shows: ``announcements`` in the page or the
    configuration (newer al-folio), or ``news: true`` (older, five items); ``None``: none."""
    if "announcements" not in about.front and "news" in about.front:
        return 5 if about.front.get("news") else None
    announcements = about.front.get("announcements", config.get("announcements"))
    if not isinstance(announcements, dict) or not announcements.get("enabled"):
        return None
    limit = announcements.get("limit")
    return limit if isinstance(limit, int) and limit > 0 else 100


def _news(site: JekyllSite, documents: list[Document], new: NewSite) -> None:
    items = []
    for document in documents:
        date = date_text(document.front.get("date"), document.path.name)
        if not re.match(r"\d{4}-\d{1,2}", date):
            site.plan.leave(document.source, "has no date (front matter or file name); left out")
            continue
        title = plain(document.front.get("title"))
        redirect = plain(document.front.get("redirect"))
        if redirect:
            text = f"[{title or redirect}]({redirect})"
        elif document.front.get("inline") is False and title:
            path = f"news/{document.stem}.md"
            new.pages.append(Page(path, title, site.page_text(document, path)))
            # Links in data are not resolved per page: the full address works everywhere
            # (and is where al-folio published it); without one, only from the home page.
            text = f"[{title}]({new.url}news/{document.stem}/)"
        else:
            text = site.data_text(document.body, document.source, document.body_line)
        if text:
            items.append({"date": date, "text": text})
    if items:
        site.plan.write_yaml("data/news.yml", items, "News: from _news/ of the al-folio site.")
        site.plan.done("_news/ → data/news.yml", counted(len(items), "news item"))
    if items and new.news_limit is None:
        site.plan.done(
            "_news/ → docs/news.md", "the home page showed no news: a News page lists them"
        )


# CV -----------------------------------------------------------------------------------------


def _cv_page(site: JekyllSite) -> Document | None:
    """The page al-folio shows the CV on (``layout: cv``), if any."""
    for path in site.page_files("*.md"):
        document = site.document(site.source(path))
        if document is not None and plain(document.front.get("layout")) == "cv":
            return document
    for name in _cv_files(site):
        if site.exists(name):
            site.plan.leave(name, "no page of the site shows it (none has layout: cv); left out")
    return None


def _cv(site: JekyllSite, page: Document, new: NewSite, profile: dict[str, Any]) -> None:
    pdf = plain(page.front.get("cv_pdf"))
    # al-folio looks in assets/pdf/, a multi-language one in assets/pdf/<language>/
    folders = ["/", *([f"/assets/pdf/{site.language}/"] if site.language else []), "/assets/pdf/"]
    path = next(filter(None, (site.local_path(pdf, base) for base in folders)), None)
    if pdf and (path or "://" in pdf):
        target = site.bring(path) if path else pdf
        new.cv.insert(0, f"[Download the CV as PDF]({target})")
        profile.setdefault("links", {}).setdefault("cv", target)
    elif pdf:
        site.plan.leave(page.source, f"cv_pdf {pdf} is not in the site; no CV download link")
    source = _cv_source(site, page)
    if source is not None and source.endswith(".json"):
        site.plan.copy("data/resume.json", site.root / source)
        site.plan.done(f"{source} → data/resume.json", "copied as it is (JSON Resume)")
        return
    if source is None:
        new.cv = [block for block in new.cv if block != "{{ cv() }}"]
        site.plan.leave(
            page.source, "shows a CV, but {} and {} are missing".format(*_cv_files(site))
        )
        return
    value = site.yaml(source)

    def text(item: Any) -> str:
        return site.data_text(item, source)

    def leave(message: str) -> None:
        site.plan.leave(source, message)

    if isinstance(value, dict) and isinstance(value.get("cv"), dict):
        sections = alfolio_cv.new_sections(value["cv"], text, leave)
        leave(
            "name, label, e-mail, social networks and address under cv: are not used; the profile comes from _config.yml and _data/socials.yml"
        )
    elif isinstance(value, list):
        sections = alfolio_cv.old_sections(value, text, leave)
    else:
        sections = []
        leave("is neither al-folio's list of sections nor a cv: mapping; left out")
    if sections:
        site.plan.write_yaml("data/cv.yml", sections, f"CV: from {source} of the al-folio site.")
        titles = ", ".join(section["title"] for section in sections)
        site.plan.done(f"{source} → data/cv.yml", f"{counted(len(sections), 'section')}: {titles}")
    else:
        new.cv = [block for block in new.cv if block != "{{ cv() }}"]


def _cv_source(site: JekyllSite, page: Document) -> str | None:
    """Which CV file al-folio shows: ``cv_format`` in the page (newer al-folio), else
    resume.json when ``jekyll_get_json`` loads it (mid versions), else ``_data/cv.yml``."""
    cv_format = plain(page.front.get("cv_format"))
    yml, resume = _cv_files(site)
    loaders = site.config.get("jekyll_get_json")
    loads_resume = any(
        isinstance(item, dict)
        and plain(item.get("data")) == Path(resume).stem
        and plain(item.get("json"))
        for item in (loaders if isinstance(loaders, list) else [])
    )
    if cv_format == "jsonresume" or (not cv_format and loads_resume and site.exists(resume)):
        chosen = resume
    else:
        chosen = yml
    other = yml if chosen == resume else resume
    if site.exists(other):
        site.plan.leave(other, f"al-folio showed {chosen} instead; left out")
    return chosen if site.exists(chosen) else None


def _cv_files(site: JekyllSite) -> tuple[str, str]:
    """al-folio's two CV files: ``_data/cv.yml`` and ``assets/json/resume.json``, or in a
    multi-language site its language's, ``_data/<language>/cv.yml`` and
    ``assets/json/resume_<language>.json``."""
    if site.language:
        return f"_data/{site.language}/cv.yml", f"assets/json/resume_{site.language}.json"
    return "_data/cv.yml", "assets/json/resume.json"


# Other languages ----------------------------------------------------------------------------


def _other_languages(site: JekyllSite) -> dict[str, str]:
    """The folders and files of a multi-language site's other languages, and why they stay
    behind: a new site is in one language, ``site.language``."""
    reasons = {}
    for code in site.other_languages:
        why = f"in another language ({code}); the new site is the {site.language} one"
        reasons[f"_pages/{code}"] = f"pages {why}"
        reasons[f"_news/{code}"] = f"news {why}"
        reasons[f"_data/{code}"] = f"data (the CV, the theme's words) {why}"
        reasons[f"assets/json/resume_{code}.json"] = f"the CV {why}"
    return reasons
