"""Reading a Jekyll site as its author wrote it: ``_config.yml``, data files, pages and
collections with YAML front matter, and the Liquid template code left in their text.

What the new site shows comes from data files and macros, so Liquid is converted where its
meaning is plain (a site-relative address, an image include, a ``raw`` block) and removed
otherwise; every removal is reported with its file and line. Local links and images are
rewritten to the copies of the files they point at, which are planned for copying into
``docs/`` at the same relative place.
"""

from __future__ import annotations

import datetime
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from ..dates import parse_date
from .markup import html_to_markdown
from .plan import Plan, SourceError, counted

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?$\n?", re.S | re.M)
_DATED_NAME = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})-")


@dataclass
class Document:
    """A page or collection item: its front matter and its body (Markdown or HTML)."""

    path: Path
    source: str  # the path inside the site, for the report: ``_news/announcement_1.md``
    front: dict[str, Any]
    body: str
    body_line: int  # the line of the file where the body starts

    @property
    def stem(self) -> str:
        return self.path.stem

    @property
    def address(self) -> str:
        """Where Jekyll publishes the page, as ``/people`` (the permalink, else the name)."""
        permalink = plain(self.front.get("permalink")) or self.stem
        return "/" + permalink.strip("/").removesuffix(".html")


def date_text(value: Any, name: str = "") -> str:
    """A front matter date (``2015-10-22 15:59:00-0400``, a YAML date, or words such as
    ``09 November 2020``, which Jekyll reads too) as ``2015-10-22``; else the date a Jekyll
    file name starts with; ``""`` if neither gives one."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.strftime("%Y-%m-%d")
    text = str(value or "").strip()
    found = re.match(r"(\d{4}-\d{1,2}(?:-\d{1,2})?)", text)
    if found:
        return found.group(1)
    try:
        spelled = parse_date(text)
    except ValueError:
        spelled = None
    if spelled is not None and spelled.month:
        return spelled.iso()
    dated = _DATED_NAME.match(name)
    return dated.group(1) if dated else text


def plain(value: Any) -> str:
    """A front matter or configuration value as text (``None`` is empty)."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    return str(value).strip()


class JekyllSite:
    """The source site of an import, read-only, with the plan the import fills in."""

    def __init__(self, root: Path, plan: Plan) -> None:
        if not root.is_dir():
            raise SourceError(f"{root}: not a folder")
        config_file = root / "_config.yml"
        if not config_file.is_file():
            raise SourceError(f"{root}: no _config.yml here, so this is not a Jekyll site")
        self.root = root
        self.plan = plan
        config, where, reason = self._load("_config.yml")
        if reason:
            raise SourceError(f"{root / where}: cannot be read ({reason})")
        if not isinstance(config, (dict, type(None))):
            raise SourceError(f"{config_file}: is not a mapping of settings, so not a Jekyll site")
        self.config: dict[str, Any] = config or {}
        self.baseurl = plain(self.config.get("baseurl")).rstrip("/")
        self.url = plain(self.config.get("url")).rstrip("/")
        parts = urlsplit(self.url)
        if self.url and not (parts.scheme in {"http", "https"} and parts.netloc):
            # Jekyll takes any text (``https:/host``); MkDocs stops at a site_url without host.
            plan.leave("_config.yml", f"url: {self.url} is not a web address; site_url left out")
            self.url = ""
        #: Jekyll page addresses (``/publications/``) → the new page that replaces each
        self.pages: dict[str, str] = {}
        #: the language brought over and the others, for a multi-language site
        self.language, self.other_languages = _languages(self.config)

    # Files --------------------------------------------------------------------------------

    def exists(self, path: str) -> bool:
        """Whether ``path`` is a file of the site: inside its folder, also once symbolic
        links are followed, so that no file from elsewhere is ever copied."""
        target = self.root / path
        return target.is_file() and target.resolve().is_relative_to(self.root.resolve())

    def page_files(self, pattern: str = "*") -> list[Path]:
        """The files of ``_pages/``, then of ``_pages/<language>/`` in a multi-language site,
        that Jekyll publishes, in name order: it skips names starting with ``.``, ``_``,
        ``#`` or ``~`` and backups ending in ``~``, which people use to hide a page without
        deleting it."""
        folders = ["_pages", f"_pages/{self.language}"] if self.language else ["_pages"]
        return [
            path
            for folder in folders
            for path in sorted((self.root / folder).glob(pattern))
            if path.is_file() and path.name[0] not in "._#~" and not path.name.endswith("~")
        ]

    def page(self, name: str) -> str:
        """Where the page ``name`` (``about.md``) is: in ``_pages/<language>/`` when a
        multi-language site has it there, else in ``_pages/``."""
        localized = f"_pages/{self.language}/{name}"
        return localized if self.language and self.exists(localized) else f"_pages/{name}"

    def source(self, path: Path) -> str:
        """A file's path inside the site, for the report: ``_pages/en-us/cv.md``."""
        return path.relative_to(self.root).as_posix()

    def yaml(self, path: str) -> Any:
        """A YAML (or JSON) file of the site; ``None`` and a note if it cannot be read."""
        value, where, reason = self._load(path)
        if reason:
            self.plan.leave(where, f"cannot be read ({reason}); left out")
        return value

    def _load(self, path: str) -> tuple[Any, str, str]:
        """The value of a YAML or JSON file, where it is (with the line of an error), and
        why it cannot be read (``""`` if it can)."""
        try:
            text = (self.root / path).read_text(encoding="utf-8-sig")
            return (json.loads(text) if path.endswith(".json") else _yaml(text)), path, ""
        except (OSError, UnicodeDecodeError, yaml.YAMLError, json.JSONDecodeError) as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 1 if mark is not None else getattr(error, "lineno", None)
            return None, f"{path}:{line}" if line else path, _reason(error)

    def document(self, path: str) -> Document | None:
        """A file with front matter; ``None`` (with a note) if it cannot be read."""
        try:
            text = (self.root / path).read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        except (OSError, UnicodeDecodeError) as error:
            self.plan.leave(path, f"cannot be read ({_reason(error)}); left out")
            return None
        found = _FRONT_MATTER.match(text)
        if found is None:
            return Document(self.root / path, path, {}, text, 1)
        try:
            front = _yaml(found.group(1)) or {}
        except yaml.YAMLError as error:
            self.plan.leave(path, f"its front matter cannot be read ({_reason(error)}); left out")
            return None
        if not isinstance(front, dict):
            front = {}
        body_line = found.group(0).count("\n") + 1
        return Document(self.root / path, path, front, text[found.end() :], body_line)

    def collection(self, folder: str) -> list[Document]:
        """The Markdown and HTML files of a collection (``_news``), in name order; hidden
        files (editor backups, notebook checkpoints) are not read."""
        base = self.root / folder
        if not base.is_dir():
            return []
        documents = []
        for path in sorted(base.rglob("*")):
            parts = path.relative_to(base).parts
            hidden = any(part.startswith(".") for part in parts)
            hidden |= any(part in self.other_languages for part in parts[:-1])  # reported
            if path.is_file() and path.suffix in {".md", ".markdown", ".html"} and not hidden:
                document = self.document(self.source(path))
                if document is not None:
                    documents.append(document)
        return documents

    def leave_behind(self, reasons: dict[str, str]) -> None:
        """Report the folders and files of ``reasons`` (path → why) that the site has."""
        for path, why in reasons.items():
            target = self.root / path
            if target.is_file():
                self.plan.leave(path, why)
            elif target.is_dir():
                count = sum(1 for p in target.rglob("*") if p.is_file())
                if count:
                    self.plan.leave(f"{path}/ ({counted(count, 'file')})", why)

    def bring(self, path: str) -> str:
        """Plan a copy of a file of the site into ``docs/`` at the same place; its path there."""
        path = posixpath.normpath(path)
        self.plan.copy(f"docs/{path}", self.root / path)
        return path

    # Addresses ----------------------------------------------------------------------------

    def site_path(self, url: str, base: str = "/") -> str | None:
        """The path inside the site an address points at, as ``/assets/pdf/x.pdf``: from a
        site-relative address, an address relative to the page at ``base``, or a full address
        on the site's own ``url``; ``None`` for other sites, anchors and e-mail."""
        url = url.strip()
        if self.url and url.startswith(self.url + "/"):
            url = url[len(self.url) :]
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path:
            return None
        path = unquote(parts.path)
        if self.baseurl and (path + "/").startswith(self.baseurl + "/"):
            path = path[len(self.baseurl) :] or "/"
        path = posixpath.normpath(posixpath.join(base, path))
        return None if path.startswith("/..") else path

    def local_path(self, url: str, base: str = "/") -> str | None:
        """The file of the site an address points at (``assets/pdf/x.pdf``), or ``None``."""
        path = self.site_path(url, base)
        return path.lstrip("/") if path and self.exists(path.lstrip("/")) else None

    def page_address(self, url: str, base: str = "/") -> str | None:
        """The new page replacing the Jekyll page an address points at (``/publications/``
        → ``publications.md``), or ``None``."""
        path = self.site_path(url, base)
        return self.pages.get(path.removesuffix(".html")) if path else None

    # Texts --------------------------------------------------------------------------------

    def page_text(self, document: Document, page: str) -> str:
        """A body for the new Markdown page ``page`` (``index.md``): Liquid converted, local
        links and images pointed at the copied files, pages at their new names."""
        text = convert_liquid(document.body, document.source, document.body_line, self.plan)
        text, comments = _COMMENT.subn("", text)
        if comments:  # invisible in Jekyll; Markdown would show those spanning paragraphs
            self.plan.leave(document.source, f"{comments} HTML comments removed")
        base, source = _page_base(document), document.source
        return _rewrite_links(text, lambda url, md: self._page_link(url, md, base, page, source))

    def data_text(self, text: Any, source: str, line: int = 1) -> str:
        """A text for a data file (a news item, a CV entry): Liquid converted, HTML turned
        into Markdown, local links pointed at the copied files (from the site root)."""
        converted = convert_liquid(str(text or ""), source, line, self.plan)
        markdown = html_to_markdown(converted, source, self.plan)
        return _rewrite_links(
            markdown, lambda url, md: self._page_link(url, md, "/", "index.md", source)
        )

    def _page_link(self, url: str, markdown: bool, base: str, page: str, source: str) -> str | None:
        """The new address of one link of ``page``, or ``None`` to keep it."""
        folder = posixpath.dirname(page)
        local = self.local_path(url, base)
        if local is not None:
            return posixpath.relpath(self.bring(local), folder or ".")
        target = self.page_address(url, base)
        if target is None:
            return self._old_site(url, base, source)
        if markdown:  # MkDocs checks and rewrites links to .md files
            return posixpath.relpath(target, folder or ".")
        address = "" if target == "index.md" else target.removesuffix(".md") + "/"
        depth = page.count("/") + (0 if page.endswith("index.md") else 1)
        return "../" * depth + address or "./"

    def _old_site(self, url: str, base: str, source: str) -> str | None:
        """A link to a page of the source site that is not brought over: to that page on the
        site as it is published (``url`` in ``_config.yml``), reported; ``None`` to keep it."""
        path = self.site_path(url, base)
        if path is None:
            return None
        if posixpath.splitext(path)[1] not in {"", ".html"}:
            self.plan.leave(source, f"links to {url}, which is not in the site; kept as it is")
            return None
        if not self.url:
            self.plan.leave(source, f"links to {url}, a page not brought over; kept as it is")
            return None
        parts = urlsplit(url)
        slash = "/" if parts.path.endswith("/") and path != "/" else ""
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        address = f"{self.url}{self.baseurl}{path}{slash}{fragment}"
        self.plan.leave(source, f"links to {url}, a page not brought over; now to {address}")
        return address


#: Jekyll reads YAML with libyaml, which takes tabs between a key and its colon
#: (``type\t\t: "date"``) where PyYAML's own parser refuses them: read as Jekyll does.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _languages(config: dict[str, Any]) -> tuple[str, list[str]]:
    """jekyll-polyglot's ``languages``: the one a new site is made of (``default_lang``, else
    the first, as Polyglot falls back to it) and the others; ``("", [])`` for one language."""
    listed = config.get("languages")
    languages = [plain(code) for code in listed if plain(code)] if isinstance(listed, list) else []
    if not languages:
        return "", []
    default = plain(config.get("default_lang")) or languages[0]
    return default, [code for code in languages if code != default]


def _yaml(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)  # a safe loader: only plain data


def _reason(error: Exception) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    if isinstance(error, UnicodeDecodeError):
        return "not UTF-8 text"
    return str(getattr(error, "problem", None) or error).strip()


def _page_base(document: Document) -> str:
    """The folder a page's relative links start from: its permalink's."""
    permalink = plain(document.front.get("permalink")) or "/"
    return permalink if permalink.endswith("/") else posixpath.dirname(permalink) + "/"


# Links --------------------------------------------------------------------------------------

_COMMENT = re.compile(r"<!--.*?-->\n?", re.S)
_MD_LINK = re.compile(
    r"(!?\[(?:[^\[\]]|\[[^\]]*\])*\]\()\s*(<[^>]*>|[^\s)]+)((?:\s+\"[^\"]*\")?\s*\))"
)
_HTML_LINK = re.compile(r"""(\b(?:href|src)\s*=\s*)(["'])(.*?)\2""", re.I)


def _rewrite_links(text: str, new_url: Any) -> str:
    """Every Markdown and HTML link of ``text`` through ``new_url(url, markdown)``."""

    def markdown(match: re.Match[str]) -> str:
        url = match.group(2).strip("<>")
        replaced = new_url(url, True)
        return match.group(0) if replaced is None else f"{match.group(1)}{replaced}{match.group(3)}"

    def html(match: re.Match[str]) -> str:
        replaced = new_url(match.group(3), False)
        quote = match.group(2)
        return match.group(0) if replaced is None else f"{match.group(1)}{quote}{replaced}{quote}"

    return _HTML_LINK.sub(html, _MD_LINK.sub(markdown, text))


# Liquid -------------------------------------------------------------------------------------

_LIQUID = re.compile(r"\{%-?\s*(\w+)(.*?)-?%\}|\{\{-?(.*?)-?\}\}", re.S)
_SITE_ROOT = re.compile(r"^\s*(?:site\.baseurl|site\.url|base_path)\s*$")
_STRING = r"""(?:'[^']*'|"[^"]*")"""
_FILTERED = re.compile(rf"^\s*({_STRING})\s*((?:\|\s*\w+\s*(?::\s*{_STRING})?\s*)*)$")
_FILTER = re.compile(rf"\|\s*(\w+)\s*(?::\s*({_STRING}))?")
_ATTRIBUTE = re.compile(rf"""(\w+)\s*=\s*({_STRING}|[^\s%]+)""")
#: Blocks whose content means nothing without Jekyll: removed whole.
_DROPPED_BLOCKS = {"for", "capture", "tablerow", "case"}
#: Tags removed with their content kept: the text shows whatever the condition, every tab.
_KEPT_CONTENT = {"if", "unless", "elsif", "else", "endif", "endunless"}
_KEPT_CONTENT |= {f"{end}{tag}" for tag in ("details", "tabs", "tab") for end in ("", "end")}


def convert_liquid(text: str, source: str, first_line: int, plan: Plan) -> str:
    """``text`` without Liquid: site-relative addresses kept as paths, ``figure`` includes
    as Markdown images, ``raw`` blocks as their text, ``highlight`` blocks as fenced code;
    the rest removed and reported."""
    out: list[str] = []
    position = 0
    while (found := _LIQUID.search(text, position)) is not None:
        out.append(text[position : found.start()])
        position = found.end()
        where = f"{source}:{first_line + text.count(chr(10), 0, found.start())}"
        written = found.group(0).strip()
        if found.group(1) is None:
            out.append(_output(found.group(3), where, written, plan))
            continue
        tag, argument = found.group(1), found.group(2)
        if tag == "comment":
            position = _block_end(text, position, "comment")[1]
        elif tag == "raw":
            end, after = _block_end(text, position, "raw")
            out.append(text[position:end])
            position = after
        elif tag == "highlight":  # a code block
            end, after = _block_end(text, position, "highlight")
            language = argument.split()[0] if argument.split() else ""
            out.append(f"\n```{language}\n{text[position:end].strip(chr(10))}\n```\n")
            position = after
        elif tag in _DROPPED_BLOCKS:
            position = _block_end(text, position, tag)[1]
            plan.leave(where, f"{_short(written)} … end{tag}: Jekyll template code, removed")
        elif tag == "include" and (image := _figure(argument)):
            out.append(image)
        elif tag in _KEPT_CONTENT:
            plan.leave(where, f"{_short(written)}: Liquid tag removed, its text kept")
        elif not (tag == "include" and argument.split()[:1] == ["base_path"]):
            plan.leave(where, f"{_short(written)}: Jekyll template code, removed")
    out.append(text[position:])
    return "".join(out)


def _output(expression: str, where: str, written: str, plan: Plan) -> str:
    """``{{ site.baseurl }}`` → ``""``; ``{{ '/x.pdf' | relative_url }}`` → ``/x.pdf``;
    anything else removed and reported."""
    if _SITE_ROOT.match(expression):
        return ""
    filtered = _FILTERED.match(expression)
    if filtered is not None:
        value = filtered.group(1)[1:-1]
        for name, argument in _FILTER.findall(filtered.group(2)):
            if name in {"relative_url", "absolute_url"}:
                continue
            if name in {"prepend", "append"} and argument:
                value = argument[1:-1] + value if name == "prepend" else value + argument[1:-1]
                continue
            break
        else:
            return value
    plan.leave(where, f"{_short(written)}: Jekyll template value, removed")
    return ""


def _figure(argument: str) -> str:
    """al-folio's ``{% include figure.liquid path="assets/img/x.jpg" title="..." %}`` as a
    Markdown image; ``""`` for any other include."""
    name, _, rest = argument.strip().partition(" ")
    if not name.startswith("figure."):
        return ""
    values = {key: value.strip("'\"") for key, value in _ATTRIBUTE.findall(rest)}
    path = values.get("path", "")
    if not path or "{" in path:
        return ""
    alt = values.get("alt") or values.get("title") or values.get("caption") or ""
    return f"![{alt}](/{path.lstrip('/')})"


def _block_end(text: str, start: int, tag: str) -> tuple[int, int]:
    """Where the block opened just before ``start`` ends: (its closing tag's start and end),
    nesting included; the end of the text if it is never closed."""
    depth = 1
    pattern = re.compile(rf"\{{%-?\s*(end)?{tag}\b.*?-?%\}}", re.S)
    for found in pattern.finditer(text, start):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            return found.start(), found.end()
    return len(text), len(text)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "…"
