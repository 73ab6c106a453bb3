"""HTML from the data model, through Jinja2 templates a researcher can override one by one.

Templates are looked up in the user's ``templates`` folder first and in the packaged
``templates/`` after it. Everything that comes from data is escaped by Jinja's autoescape;
only the output of the LaTeX, Markdown and math converters (which escape themselves) is
trusted as markup. Labels and dates are in the site's language (:mod:`mkdocs_research.labels`).
Icons are drawn by a generated stylesheet, so the SVG files never enter the pages.
"""

from __future__ import annotations

import base64
import hashlib
import marshal
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar

from jinja2 import (
    BaseLoader,
    BytecodeCache,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateNotFound,
    pass_context,
)
from jinja2.bccache import Bucket
from jinja2.runtime import Context
from markupsafe import Markup

from . import classes, codec, facts, parallel
from .cache import VERSION, RenderCache, digest
from .coauthors import Coauthors
from .context import RenderContext
from .cv import group_service
from .dates import DateRange, PartialDate, format_range, long, parse_date, short
from .inlining import InlinedTemplates
from .labels import Labels
from .latex import latex_to_html, latex_to_text
from .links import file_url, is_remote, publication_links, relative_url, safe_url
from .mathml import math_as_text, text_with_math
from .model import CVSection, Link, NewsItem, Person, Profile, Publication, Talk
from .options import Options
from .overrides import UserTemplates
from .people import NameMatcher
from .profile import link_groups
from .prose import (
    latex_with_links,
    markdown_inline,
    markdown_line,
    markdown_to_html,
    split_lines,
)
from .queries import KINDS, Group, kind
from .venues import Venue

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"

#: Badges about how a paper was presented rather than an award it won.
_TALK_WORDS = ("oral", "spotlight", "invited", "talk", "presentation", "poster", "highlight")
_PARAGRAPHS = re.compile(r"\n\s*\n")
#: Punctuation that starts an ``additional_info`` written to follow the venue in al-folio.
_LEADING = re.compile(r"^[\s.,;:]+")
#: The ``note`` Scopus writes into every entry it exports: the citations counted on the day of
#: the export, and its open-access labels (``cited By 12``, ``Cited by: 3; All Open Access,
#: Gold Open Access``). Stale from the next day on, it is not shown; the BibTeX keeps it.
_SCOPUS_NOTE = re.compile(r"cited by:?\s*\d+(?:\s*[;,]\s*(?:[a-z]+ )*open access)*", re.I)
_SLUG = re.compile(r"[^a-z0-9_]+")
_PATH_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
T = TypeVar("T")


class KeySlugs:
    """Citekeys made safe for URLs (``publications/<slug>/``, or ``publications/<slug>.html``
    on a site without directory URLs) and ids (``pub-<slug>``).

    ``doe:2020`` becomes ``doe-2020``; when two keys of the library would meet in one slug
    (``a/b`` and ``a-b``), the one that had to change gets a short hash of itself, so no
    page or anchor is shared. ``index`` would take over ``publications/``: it is hashed too,
    as are ``.`` and ``..``, which would point at ``publications/`` and the site's root.
    """

    def __init__(self, keys: Iterable[str] = (), with_pages: Iterable[str] | None = None) -> None:
        keys = list(keys)
        self.pages = _unique_slugs(keys, _PATH_UNSAFE)
        #: Citekeys that have a page of their own (``None``: all of them).
        self.with_pages = None if with_pages is None else frozenset(with_pages)
        self.ids = _unique_slugs(keys, _ID_UNSAFE)
        self.directory_urls = True

    def having_pages(self, keys: Iterable[str], directory_urls: bool = True) -> KeySlugs:
        """The same slugs, knowing that only ``keys`` got a page of their own, at URLs of
        the site's kind (``use_directory_urls``)."""
        slugs = KeySlugs()
        slugs.pages, slugs.ids, slugs.with_pages = self.pages, self.ids, frozenset(keys)
        slugs.directory_urls = directory_urls
        return slugs

    def has_page(self, key: str) -> bool:
        return self.with_pages is None or key in self.with_pages

    def path(self, key: str) -> str:
        """The source path of the key's page: ``publications/<slug>.md``."""
        return self._stem(key) + ".md"

    def page(self, key: str) -> str:
        """The URL of the key's page, relative to the site root."""
        return self._stem(key) + ("/" if self.directory_urls else ".html")

    def _stem(self, key: str) -> str:
        return f"publications/{self.pages.get(key) or _unique_slugs([key], _PATH_UNSAFE)[key]}"

    def anchor(self, key: str) -> str:
        return "pub-" + (self.ids.get(key) or _unique_slugs([key], _ID_UNSAFE)[key])


def _unique_slugs(keys: Iterable[str], unsafe: re.Pattern[str]) -> dict[str, str]:
    # Dots at either end go too: `..` would make `publications/../`, the site's root.
    safe = {key: unsafe.sub("-", key).strip("-.") or "entry" for key in dict.fromkeys(keys)}
    count = Counter(safe.values())
    return {
        key: slug
        if (slug == key or count[slug] == 1) and slug != "index"
        else f"{slug}-{hashlib.sha1(key.encode()).hexdigest()[:6]}"
        for key, slug in safe.items()
    }


@dataclass(frozen=True)
class AuthorView:
    """One author as displayed: name, whether it is the site's owner, markers, and the
    page ``coauthors.yml`` gives for a co-author."""

    name: Markup
    owner: bool
    markers: tuple[str, ...]
    others: bool
    url: str = ""


class _once(Generic[T]):  # a decorator, named like cached_property
    """A view's value, computed on first use and from then on an ordinary attribute: as
    ``functools.cached_property``, without the lock that one takes on each first use
    before Python 3.12 (a list of 5,000 rows computes some 100,000 values)."""

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute, self.name = compute, compute.__name__

    def __get__(self, view: object, owner: type | None = None) -> T:
        value = vars(view)[self.name] = self.compute(view)
        return value


class PublicationView:
    """What a template needs of one publication, each value computed on first use only."""

    def __init__(self, publication: Publication, renderer: Renderer, page_url: str | None):
        self.publication = publication
        self.key = publication.key
        self.id = renderer.slugs.anchor(publication.id)
        self._renderer = renderer
        self.page_url = page_url
        #: The row as one line of text for the search index, once :meth:`Renderer.row` made it.
        self.search_text: str | None = None
        #: The digests of its rows, by style and heading (see :meth:`Renderer._row_key`).
        self.row_keys: dict[tuple[str, object], bytes] = {}

    def _html(self, name: str) -> Markup:
        value = self.publication.get(name)
        return Markup(latex_to_html(str(value))) if value not in (None, "") else Markup("")

    @_once
    def page(self) -> str:
        """The URL of the publication's own page from the current page, if pages are on."""
        slugs = self._renderer.slugs
        if not self._renderer.options.publication_pages or not slugs.has_page(self.publication.id):
            return ""
        return relative_url(slugs.page(self.publication.id), self.page_url)

    @_once
    def tags(self) -> list[str]:
        """Keywords, lower-cased, as the in-page filter compares them."""
        return [k.casefold() for k in self.publication.keywords]

    @_once
    def kind(self) -> str:
        return kind(self.publication)

    @_once
    def title(self) -> Markup:
        """The title as shown: ``display_title`` when the row should differ from the BibTeX."""
        return Markup(latex_to_html(facts.title(self.publication)))

    @_once
    def show_authors(self) -> bool:
        return str(self.publication.get("show_authors", True)).strip().lower() not in _NO

    @_once
    def authors(self) -> list[AuthorView]:
        return [self._renderer.author(person) for person in self.publication.authors]

    @_once
    def authors_limit(self) -> int:
        """Show all authors when only one or two would be hidden."""
        limit = self._renderer.options.authors_limit
        return limit if len(self.authors) > limit + 2 else len(self.authors)

    @_once
    def venue(self) -> Markup:
        """Where it appeared (``display_venue`` overrides), as al-folio writes it: "In"
        before a book's title, and the ``location`` after; a thesis also says its kind."""
        parts = facts.venue_parts(self.publication, self._renderer.labels)
        return Markup(", ").join(Markup(latex_to_html(part)) for part in parts)

    @_once
    def year(self) -> str:
        """The year; one written as a word (``forthcoming``, ``in press``) in the site's
        language."""
        return self._renderer.year(facts.year(self.publication))

    @_once
    def when(self) -> str:
        """The date after the venue: the year, after the month when the entry gives one."""
        publication = self.publication
        month = publication.fields.get("month", "")
        if publication.get("display_year") or not month.strip():
            return self.year
        if publication.month and publication.year is not None:
            return short(
                PartialDate(publication.year, publication.month), self._renderer.labels.locale
            )
        return f"{latex_to_text(month)} {self.year}".strip()

    @_once
    def abbr(self) -> Markup:
        """The venue badge's text; ``<br>`` in it breaks the line, as in al-folio."""
        value = str(self.publication.get("abbr") or "")
        return Markup("<br>").join(Markup(latex_to_html(line)) for line in split_lines(value))

    @_once
    def abbr_venue(self) -> Venue | None:
        """The colour and link ``venues.yml`` gives this entry's badge."""
        return self._renderer.venues.get(str(self.publication.get("abbr") or "").strip())

    @_once
    def badges(self) -> list[tuple[str, Markup]]:
        """Award and presentation badges: (style, text). ``award_name`` may list several,
        as a YAML list or separated by ``;``; a short ``award`` alone is a badge too."""
        names = self.publication.get("award_name", "") or ""
        if not names and len(str(self.publication.get("award", ""))) <= 40:
            names = self.publication.get("award", "") or ""
        items = names if isinstance(names, list) else str(names).split(";")
        from_award = not self.publication.get("award_name")
        badges = []
        for name in (str(n).strip() for n in items):
            if name:
                low = name.lower()
                talk = any(word in low for word in _TALK_WORDS)
                text = self._renderer.markdown_line(name) if from_award else latex_to_html(name)
                badges.append(("talk" if talk else "award", Markup(text)))
        return badges

    @_once
    def award(self) -> Markup:
        """A longer award text (Markdown, as in al-folio), shown under the entry when it is
        not already a badge."""
        text = str(self.publication.get("award", "") or "")
        if not text or (not self.publication.get("award_name") and len(text) <= 40):
            return Markup("")
        return Markup(self._renderer.markdown_line(text))

    @_once
    def also(self) -> list[tuple[Markup, Markup]]:
        """Further venues (``also``, LaTeX like every BibTeX field), each with the award won
        there, if any."""
        return [_also(item) for item in _as_items(self.publication.get("also"))]

    @_once
    def remarks(self) -> list[Markup]:
        """``additional_info`` and ``annotation`` (Markdown within a line, as al-folio reads
        them). ``additional_info`` written to follow the venue (``. More at ...``) loses its
        leading punctuation on a line of its own."""
        lines = []
        for name in ("additional_info", "annotation"):
            text = str(self.publication.get(name) or "")
            if name == "additional_info":
                text = _LEADING.sub("", text)
            if line := self._renderer.markdown_line(text):
                lines.append(Markup(line))
        return lines

    @_once
    def notes(self) -> list[Markup]:
        """The lines under the venue: the ``note`` (but not Scopus's count of citations),
        further venues with their award badges, then remarks."""
        text = str(self.publication.get("note") or "")
        note = [self._html("note")] if text and not _SCOPUS_NOTE.fullmatch(text.strip()) else []
        badge = Markup('%s <span class="research-badge research-badge--award">%s</span>')
        venues = [badge % (venue, award) if award else venue for venue, award in self.also]
        return note + venues + self.remarks

    @_once
    def links(self) -> list[Link]:
        return [
            Link(
                link.kind, link.label, relative_url(link.url, self.page_url), link.icon, link.extra
            )
            for link in publication_links(
                self.publication, self._renderer.options.asset_dirs, self._renderer.labels
            )
        ]

    @_once
    def preview(self) -> str:
        """The thumbnail's address; a bare file name is in al-folio's preview folder. One on
        another site only where the site allows it (``remote_images``)."""
        url = file_url(self.publication, "preview", self._renderer.options.asset_dirs)
        if url and self._renderer.image_url(url) is None:
            return ""
        return relative_url(url, self.page_url) if url else ""

    @_once
    def abstract(self) -> Markup:
        """The abstract; blank lines in it separate paragraphs, Markdown links are links."""
        text = str(self.publication.get("abstract") or "")
        paragraphs = [p for p in _PARAGRAPHS.split(text) if p.strip()]
        if len(paragraphs) < 2:
            return Markup(latex_with_links(text))
        return Markup("").join(
            Markup("<p>%s</p>") % Markup(latex_with_links(p)) for p in paragraphs
        )

    @_once
    def citations(self) -> int | None:
        """How often it was cited (``citations.yml``), when ``citation_counts`` is on."""
        return self.publication.citations if self._renderer.options.citation_counts else None

    @_once
    def show_bibtex(self) -> bool:
        return str(self.publication.get("bibtex_show", True)).strip().lower() not in _NO

    @_once
    def bibtex(self) -> str:
        return self.publication.bibtex


_NO = frozenset({"false", "no", "0", "off"})


def _as_items(value: object) -> list:
    """A field that may hold one value or a YAML list of them."""
    if value in (None, ""):
        return []
    return value if isinstance(value, list) else [value]


def _also(item: object) -> tuple[Markup, Markup]:
    """One further venue: a text, or ``{venue: ..., award: ...}``."""
    if not isinstance(item, dict):
        return Markup(latex_to_html(str(item))), Markup("")
    award = str(item.get("award", "") or "")
    return Markup(latex_to_html(str(item.get("venue", "")))), Markup(latex_to_html(award))


def _author_view(person: Person, owner: NameMatcher, coauthors: Coauthors) -> AuthorView:
    is_owner = owner.matches(person)
    return AuthorView(
        name=Markup(latex_to_html(person.display)),
        owner=is_owner,
        markers=person.markers,
        others=person.is_others,
        url="" if is_owner or person.is_others else coauthors.url(person),
    )


class _CompiledTemplates(BytecodeCache):
    """Compiled templates, shared by every renderer of the process: each engine (a site,
    or a site with other options) would compile the same files again. Jinja checks each
    entry against the template's source; every renderer compiles with the same settings."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self._code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


class Renderer:
    """Turns queried data into HTML with the (possibly overridden) templates."""

    def __init__(self, options: Options, rows: RenderCache | None = None) -> None:
        self.options = options
        #: Whose names rows highlight, and the slugs of the citekeys: the engine hands both
        #: over after each refresh (see :meth:`use`).
        self.owner = NameMatcher([])
        self.labels = Labels(options.language, options.labels)
        self.coauthors = Coauthors({})
        #: Authors as shown, by name, for the owner and co-authors above.
        self._authors: dict[Person, AuthorView] = {}
        self.venues: Mapping[str, Venue] = {}
        self._links = digest(self.coauthors, self.venues)
        self.slugs = KeySlugs()
        #: Rendered rows; in memory only unless the engine gives a cache on disk.
        self.rows = rows or RenderCache(None)
        #: Rows made ahead of a list's template (see :meth:`_make_rows`), until it shows them.
        self._made: dict[bytes, tuple[str, str]] = {}
        #: What every row depends on besides its entry: the package's code and the options.
        self._options = VERSION + repr(options)
        # The user's folder holds overrides of ``research/*`` (``publication_row.html``,
        # ``icons/pdf.svg``, ...) directly; the packaged templates are the fallback.
        loaders: list[BaseLoader] = [FileSystemLoader(PACKAGE_TEMPLATES)]
        if options.templates is not None:
            user = PrefixLoader({"research": UserTemplates(options.templates)}, delimiter="/")
            loaders.insert(0, user)
        self.env = Environment(
            loader=ChoiceLoader(loaders),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,
            bytecode_cache=_COMPILED,
        )
        labels = self.labels
        self.env.globals.update(
            icon=self.icon, url=_page_relative, service=group_service, row=self.row, label=labels
        )
        self.env.filters.update(
            markdown=lambda text: Markup(self.markdown(text)),
            markdown_block=lambda text: Markup(markdown_to_html(str(text), options.remote_images)),
            math=lambda text: Markup(text_with_math(str(text))),
            short_date=lambda date: short(date, labels.locale),
            long_date=lambda date: long(_as_date(date), labels.locale),
            date_range=self._date_range,
            tag_value=tag_value,
            talk_type=lambda word: labels.word(_word_key("talk", str(word)), str(word)),
            stop=_full_stop,
            slug=slug,
        )
        self.env.globals["search_exclude"] = (
            Markup("") if options.search_abstracts else Markup(" data-search-exclude")
        )
        #: The row templates, each one compiled function (see :mod:`~mkdocs_research.inlining`).
        self._row_templates = InlinedTemplates(self.env, _CONTEXT_NAMES, _PURE)

        self._templates = self._template_digest()

    def year(self, year: str) -> str:
        """A year as shown; one written as a word (``forthcoming``, ``in press``) in the
        site's language."""
        return year if year.isdigit() else self.labels.word(_word_key("year", year), year)

    def _date_range(self, dates: DateRange) -> str:
        """A CV range in the site's language; an open end in its word for "present"."""
        present = self.labels.word("present", dates.present_word)
        return format_range(dates, self.labels.locale, present)

    def markdown(self, text: object) -> str:
        """Inline Markdown from data as safe HTML, with the site's image policy."""
        return markdown_inline(str(text), self.options.remote_images)

    def markdown_line(self, text: str) -> str:
        """A BibTeX value holding Markdown (al-folio's notes and awards), with the site's
        image policy."""
        return markdown_line(text, self.options.remote_images)

    def image_url(self, value: object) -> str | None:
        """An image's URL from data if it may be shown: safe, and on this site unless the
        site allows others (``remote_images``)."""
        url = safe_url(value)
        if url is None or (is_remote(url) and not self.options.remote_images):
            return None
        return url

    def use(self, owner: NameMatcher, slugs: KeySlugs) -> None:
        """The site's owner and citekey slugs, as of the data just read."""
        self.owner, self.slugs = owner, slugs
        self._authors.clear()

    def author(self, person: Person) -> AuthorView:
        """An author as rows show them, made once: a long list names the same co-authors
        again and again."""
        view = self._authors.get(person)
        if view is None:
            view = self._authors[person] = _author_view(person, self.owner, self.coauthors)
        return view

    def forget_templates(self) -> None:
        """Drop compiled templates, after the user edited their overrides."""
        if self.env.cache is not None:
            self.env.cache.clear()
        self._row_templates.clear()
        self._templates = self._template_digest()

    def use_links(self, coauthors: Coauthors, venues: Mapping[str, Venue]) -> None:
        """The co-authors' pages and venue badges of ``coauthors.yml`` and ``venues.yml``."""
        self.coauthors, self.venues = coauthors, venues
        self._links = digest(coauthors, dict(venues))
        self._authors.clear()

    @property
    def signature(self) -> tuple[str, bytes, tuple, bytes]:
        """What everything this renderer writes depends on besides its data: the package's
        code and the options, the template sources, the owner's names, the co-authors'
        pages and the venue badges."""
        return self._options, self._templates, self.owner.signature, self._links

    def _template_digest(self) -> bytes:
        """The sources of every template a row may include, packaged or overridden (font
        files for the PDF CV may share the folder: they are no template)."""
        assert self.env.loader is not None
        sources = hashlib.blake2b(digest_size=16)
        for name in sorted(self.env.loader.list_templates()):
            try:
                source = self.env.loader.get_source(self.env, name)[0]
            except (TemplateNotFound, UnicodeDecodeError):  # unreadable, and reported
                continue
            sources.update(name.encode() + source.encode())
        return sources.digest()

    @pass_context
    def row(self, context: Context, pub: PublicationView, style: str = "full") -> Markup:
        """One publication row, rendered once and then taken from :attr:`rows` as long as
        nothing it shows changes (its entry, the page, the options, owner or templates).
        Its search copy comes with it, for the second pass of :meth:`publications`."""
        if context.get("for_search") and pub.search_text is not None:
            return Markup(pub.search_text)
        heading = context.get("heading")
        key = self._row_key(pub, style, heading)
        row = self._made.pop(key, None) or self.rows.get(key)
        if row is None:
            row = self.rows.put(key, self._make_row(pub, style, heading))
        html, pub.search_text = row
        return Markup(pub.search_text if context.get("for_search") else html)

    def _row_key(self, pub: PublicationView, style: str, heading: object) -> bytes:
        """The digest of everything a row shows; made once a row and list."""
        key = pub.row_keys.get((style, heading))
        if key is None:
            publication = pub.publication
            key = pub.row_keys[(style, heading)] = digest(
                self.signature,
                heading,
                style,
                pub.page_url,
                pub.id,
                pub.page,
                publication.key,
                publication.entry_type,
                publication.fields,
                publication.extras,
                publication.citations,
                publication.found_at,
            )
        return key

    def _make_row(self, pub: PublicationView, style: str, heading: object) -> tuple[str, str]:
        """A row's HTML and its search copy, rendered."""
        name = f"research/publication_{'compact' if style == 'compact' else 'row'}.html"
        values = {"pub": pub, "style": style, "page_url": pub.page_url, "heading": heading}
        try:
            html = self._row_templates.render(name, values)
        except Exception:  # the plain templates name the file and line that failed
            html = self.env.get_template(name).render(values)
        return html, search_text(html)

    def _make_rows(self, pubs: Sequence[PublicationView], style: str, heading: object) -> None:
        """The rows a list lacks in :attr:`rows`, made before its template asks for them one
        by one: a long list's are shared with a second process (see :mod:`.parallel`). They
        wait in :attr:`_made` (a compact cache would decode them again)."""
        missing: dict[bytes, PublicationView] = {}
        for pub in pubs:
            key = self._row_key(pub, style, heading)
            if key not in self.rows and key not in missing:
                missing[key] = pub
        if len(missing) < parallel.MIN_ITEMS:
            return  # the template makes them as it goes
        made = parallel.split_map(
            lambda pub: self._make_row(pub, style, heading),
            list(missing.values()),
            marshal.dumps,
            _rows_sent,
        )
        for key, row in zip(missing, made, strict=True):
            self._made[key] = self.rows.put(key, row)

    @staticmethod
    @lru_cache(maxsize=256)
    def icon(name: str) -> Markup:
        """An icon as an empty, CSS-drawn element: the SVGs live once in ``icons_css()``
        instead of thousands of times in a long publication list."""
        return Markup(
            f'<span class="{classes.ICON} {classes.ICON}--{slug(name)}" aria-hidden="true"></span>'
        )

    def icons_css(self) -> str:
        """A stylesheet drawing every icon in ``research/icons/`` (packaged or overridden)
        as a CSS mask, so icons take the text colour of the light and dark schemes."""
        assert self.env.loader is not None
        rules = []
        for name in sorted(self.env.loader.list_templates()):
            if name.startswith("research/icons/") and name.endswith(".svg"):
                try:
                    source, _, _ = self.env.loader.get_source(self.env, name)
                except TemplateNotFound:  # an icon of the user's that cannot be read
                    continue
                data = base64.b64encode(source.strip().encode()).decode()
                icon = name.removeprefix("research/icons/").removesuffix(".svg")
                rules.append(
                    f'.research-icon--{icon} {{ --research-icon: url("data:image/svg+xml;base64,{data}"); }}'
                )
        return "\n".join(rules) + "\n"

    def views(
        self, publications: Sequence[Publication], page_url: str | None
    ) -> list[PublicationView]:
        return [PublicationView(p, self, page_url) for p in publications]

    def legend(self, publications: Sequence[Publication]) -> list[tuple[str, str]]:
        """The markers used by these publications that have a meaning configured (by
        default ``*``, ``†`` and ``m``, in the site's language)."""
        used = {m for p in publications for a in p.authors for m in a.markers}
        markers = self.options.author_markers
        if markers is None:
            markers = {m: self.labels(key) for m, key in _DEFAULT_MARKERS.items()}
        return [(m, text) for m, text in markers.items() if m in used]

    def group_heading(self, group: Group) -> tuple[str, str]:
        """The title of a group of publications in the site's language, and its anchor,
        which is the same in every language (``group-2021``, ``group-journal``)."""
        if group.by == "none":
            return "", ""
        if group.by == "type":
            title = self.labels("group_" + group.key)
        elif group.by == "year":
            title = self.year(group.key) if group.key else self.labels("undated")
        else:
            title = group.key or self.labels("no_category")
        return title, "group-" + slug(group.key or ("undated" if group.by == "year" else "other"))

    def _render(self, name: str, context: RenderContext, **values: object) -> str:
        """One packaged (or overridden) template, with what every template may use."""
        template = self.env.get_template(f"research/{name}.html")
        return template.render(
            values,
            page_url=context.page_url,
            heading=context.heading,
            page_has_title=context.page_has_title,
        )

    def publications(
        self,
        groups: Sequence[Group],
        style: str,
        context: RenderContext,
        filters: bool = False,
    ) -> Rendered:
        """A publication list, and (when ``context.search``) the same list with each row as
        its line of text: the copy a search index reads (see :func:`lean_for_search`)."""
        shown = [p for g in groups for p in g.publications]
        views = [
            (*self.group_heading(g), self.views(g.publications, context.page_url)) for g in groups
        ]
        values = {
            "groups": views,
            "style": style,
            # Rows without a thumbnail leave its space when others in the list have one.
            "previews": style == "full" and any(v.preview for _, _, group in views for v in group),
            "legend": self.legend(shown),
            "filters": self._filter_choices(shown) if filters else None,
        }
        self._make_rows([v for _, _, group in views for v in group], style, context.heading)
        try:
            html = self._render("publications", context, **values)
        finally:
            self._made.clear()
        rows = [view for _, _, group in views for view in group]
        if not context.search or any(view.search_text is None for view in rows):
            return Rendered(html)
        return Rendered(html, self._render("publications", context, **values, for_search=True))

    def _filter_choices(self, publications: Sequence[Publication]) -> dict[str, list]:
        """The values the in-page filter offers: kinds (with their names), years and tags of
        the shown entries."""
        kinds = {kind(p) for p in publications}
        years = sorted(
            {p.year_text for p in publications if p.year_text},
            key=lambda y: (y.isdigit(), y),
            reverse=True,
        )
        return {
            "types": [(k, self.labels("group_" + k)) for k in KINDS if k in kinds],
            "years": [self.year(y) for y in years],
            "tags": sorted({k.casefold() for p in publications for k in p.keywords}),
        }

    def publication(self, publication: Publication, context: RenderContext) -> str:
        return self._render(
            "publication",
            context,
            pub=PublicationView(publication, self, context.page_url),
            legend=self.legend([publication]),
        )

    def bibtex(self, publication: Publication) -> str:
        return self._render("bibtex", RenderContext(), pub=PublicationView(publication, self, None))

    def publication_page(self, publication: Publication, page_url: str) -> str:
        return self._render(
            "publication_page",
            RenderContext(page_url),
            pub=PublicationView(publication, self, page_url),
            legend=self.legend([publication]),
        )

    def publication_head(
        self,
        citation: list[tuple[str, str]],
        open_graph: list[tuple[str, str]],
        json_ld: dict,
    ) -> str:
        template = self.env.get_template("research/publication_head.html")
        return template.render(citation=citation, open_graph=open_graph, json_ld=json_ld)

    def profile(self, profile: Profile, show: dict[str, bool], context: RenderContext) -> str:
        if profile.photo and self.image_url(profile.photo) is None:
            profile = replace(profile, photo="")
        return self._render(
            "profile", context, profile=profile, show=show, link_groups=link_groups(profile)
        )

    def talks(self, groups: list[tuple[str, list[Talk]]], context: RenderContext) -> str:
        return self._render("talks", context, groups=groups)

    def news(self, items: list[NewsItem], context: RenderContext) -> str:
        return self._render("news", context, items=items)

    def cv(self, sections: list[CVSection], show_titles: bool, context: RenderContext) -> str:
        return self._render("cv", context, sections=sections, show_titles=show_titles)

    def cv_pdf_link(self, link: Link, page_url: str | None) -> str:
        return self._render("cv_pdf_link", RenderContext(page_url), link=link)


class Rendered(NamedTuple):
    """A macro's HTML and, for a publication list, the copy of it a search index reads."""

    html: str
    search: str = ""


def _element(opening: str, end: str, attributes: str = "") -> str:
    """A pattern for an element that starts with the text ``opening`` (then ``attributes``)
    and ends at the first ``end``. It never looks past the next ``opening``: where ``end``
    is missing, each element is searched once, not once for every later one (which takes
    quadratic time on a page full of unclosed ones)."""
    start, stop = re.escape(opening), re.escape(end)
    return rf"{start}{attributes}[^<]*(?:<(?!{stop[1:]}|{start[1:]})[^<]*)*{stop}"


_NOT_FOR_SEARCH = re.compile(
    "|".join(
        (
            _element(f'<details class="{classes.TOGGLE}', "</details>", r'[^"<]*"[^<>]*>'),
            _element(f'<div class="{classes.LINKS}">', "</div>"),
            rf'<span class="{classes.ICON} [^"<]*" aria-hidden="true"></span>',
            _element(f'<form class="{classes.FILTER}"', "</form>"),
        )
    )
)
_ROW = re.compile(_element(f'<li class="{classes.ROW}', "</li>", r"\b"))
_TAG = re.compile(r"<[^<>]+>")


def lean_for_search(html: str, copies: Mapping[str, str] | None = None) -> str:
    """The page without what a search index has no use for: abstract and BibTeX toggles,
    link buttons, icons and filter controls, and with math as its TeX rather than the
    characters of its MathML. Returns ``html`` itself when there are none.

    Each publication row becomes one ``<li>`` of plain text (title, authors, venue, notes):
    the search plugin's cost is per tag, and a row has two dozen of them. Lists rendered
    with their search copies (``copies``: HTML → copy) are swapped whole, without a scan."""
    if f'class="{classes.PREFIX}' not in html:
        return html
    for full, copy in (copies or {}).items():
        html = _swap(html, full, copy)
    return math_as_text(
        _ROW.sub(lambda row: search_text(row.group()), _NOT_FOR_SEARCH.sub("", html))
    )


def _swap(html: str, full: str, copy: str) -> str:
    """``html.replace(full, copy)`` for a long list's HTML: looking for a 20 MB needle
    takes far longer than comparing it where its first line occurs (0.18 s against 0.01 s
    for 5,000 rows)."""
    start, parts = 0, []
    head = full[: full.find("\n") + 1 or len(full)]
    at = html.find(head)
    while at >= 0:
        if html.startswith(full, at):
            parts += [html[start:at], copy]
            start = at + len(full)
        at = html.find(head, max(start, at + 1))
    return "".join([*parts, html[start:]]) if parts else html


def _rows_sent(data: bytes, count: int) -> list[tuple[str, str]]:
    """The rows a child process rendered (see :meth:`Renderer._make_rows`), if they are
    what it sends: ``count`` pairs of strings."""
    rows = codec.sent(data, count)
    for row in rows:
        if type(row) is not tuple or len(row) != 2 or {type(row[0]), type(row[1])} != {str}:
            raise codec.Invalid("not a row")
    return rows


def search_text(row: str) -> str:
    """One rendered row as the search index should read it: a line of text, its math as TeX."""
    text = " ".join(_TAG.sub(" ", math_as_text(_NOT_FOR_SEARCH.sub("", row))).split())
    return "<li>" + text.replace(" ,", ",") + "</li>"


def tag_value(tag: str) -> str:
    """A tag as the in-page filter matches it: ``data-tags`` joins a row's tags with ``|``,
    so a ``|`` inside one (and the ``%`` that escapes it) is written ``%7c`` (``%25``)."""
    return tag.replace("%", "%25").replace("|", "%7c")


def slug(text: object) -> str:
    """A value from data made safe and tidy inside a class name or id: ``Invited talk`` →
    ``invited-talk``."""
    return _SLUG.sub("-", str(text).strip().lower()).strip("-")


def _full_stop(text: Markup) -> str:
    """A full stop after a sentence unless it already ends with one (``Why?``, ``et al.``)."""
    plain = text.striptags().rstrip()
    return "" if plain.endswith((".", "?", "!")) else "."


_DEFAULT_MARKERS = {"*": "equal_contribution", "†": "corresponding_author", "m": "mentoring_role"}


def _word_key(kind: str, word: str) -> str:
    """The label id of a word from the data: ``in press`` → ``year_in_press``."""
    return f"{kind}_{'_'.join(word.casefold().split())}"


def _as_date(value: PartialDate | str) -> PartialDate:
    """A date that templates may hold as text (a metric's ``as_of``: ``January 2023``)."""
    return value if isinstance(value, PartialDate) else parse_date(str(value))


#: The names that :meth:`Renderer.row` and :func:`_page_relative` read from the context of
#: the template that calls them.
_CONTEXT_NAMES = frozenset({"heading", "for_search", "page_url"})
#: The functions of the environment that give the same value for the same arguments, as
#: long as the renderer lives (the labels are the site's language's).
_PURE = frozenset({"icon", "label"})


@pass_context
def _page_relative(context: Context, url: str) -> str:
    """A site-relative path from data (``images/me.jpg``) as seen from the current page."""
    return relative_url(url, context.get("page_url"))
