"""A realistic, seeded publication list for the benchmarks, in three forms.

One list of N publications is generated from a seed and written as

* ``papers.bib``  — BibTeX as researchers have it: 1–10 authors with LaTeX accents
  (``M{\\"u}ller``, ``Fran{\\c{c}}ois``), author markers (``Lovelace, Ada*``), ``and others``,
  protective braces and math in titles (``{BERT}``, ``$\\ell_1$``), ``\\emph``, ``--``,
  ``@string`` venues, bare ``month = dec``, ~150-word abstracts, link fields (pdf, arxiv,
  code + stars, slides, doi, sometimes html/poster/video) and the al-folio custom fields
  (abbr, selected, award_name, keywords, category, bibtex_show). Entry types: article,
  inproceedings, misc, phdthesis; years 2000–2025.
* ``papers.md``   — the same list written by hand as plain Markdown (the *floor*): year
  headings, one numbered item per paper with title, venue badge, award, authors (owner in
  bold), venue and year, links, the abstract and the cleaned BibTeX as an indented code block.
* ``papers-lean.md`` — the lean floor: year headings and one item per paper with authors,
  **title** and year, nothing else (what a hand-written list costs at its least).
* ``papers.yml``  — the same data as YAML (``papers: [...]``) for the mkdocs-macros peer, whose
  Jinja loop (see :data:`MACROS_PAGE`) produces the same Markdown rows as ``papers.md``.

Everything is newest first (year, then month, then file order), the order in which
``{{ publications(group_by="year") }}`` shows it.

Usage::

    python benchmarks/generate.py 5000 OUTDIR [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path


def _words(text: str) -> list[str]:
    return text.split()


OWNER_FIRST, OWNER_LAST = "Ada", "Lovelace"
OWNER = f"{OWNER_FIRST} {OWNER_LAST}"

# (LaTeX, Unicode) pairs. Roughly a third carry accents, as in a real co-author list.
FIRST_NAMES = [
    ("Fran{\\c{c}}ois", "François"),
    ("Jos{\\'e}", "José"),
    ('J{\\"o}rg', "Jörg"),
    ("Ren{\\'e}e", "Renée"),
    ('Bj{\\"o}rn', "Björn"),
    ("S{\\o}ren", "Søren"),
    ('Zo{\\"e}', "Zoë"),
    ("{\\L}ukasz", "Łukasz"),
    ("In{\\^e}s", "Inês"),
    ("Ji{\\v{r}}{\\'\\i}", "Jiří"),
    ('Ana{\\"i}s', "Anaïs"),
    *[
        (n, n)
        for n in _words(
            "Wei Priya John Maria Chidi Yuki Ahmed Sofia Lars Elena Hiroshi Fatima Diego Olga "
            "Mei Arjun Emma Noah Kwame Ines Tomas Hana Rahul Laura Pedro Aisha Ivan Julia "
            "Kenji Amara Oliver Leila Mateo Nadia Samuel Yara Felix Chen Sara Daniel"
        )
    ],
]
LAST_NAMES = [
    ('M{\\"u}ller', "Müller"),
    ("Garc{\\'\\i}a", "García"),
    ("Gonz{\\'a}lez", "González"),
    ("Dvo{\\v{r}}{\\'a}k", "Dvořák"),
    ("{\\O}stergaard", "Østergaard"),
    ('Schr{\\"o}der', "Schröder"),
    ("Ni{\\~n}o", "Niño"),
    ("Erd{\\H{o}}s", "Erdős"),
    ("Br{\\aa}ten", "Bråten"),
    ("Lef{\\`e}vre", "Lefèvre"),
    ("{\\v{S}}imi{\\'c}", "Šimić"),
    ("Fran{\\c{c}}ois", "François"),
    ("Y{\\i}ld{\\i}z", "Yıldız"),
    ('J{\\"a}rvinen', "Järvinen"),
    *[
        (n, n)
        for n in _words(
            "Smith Chen Wang Kumar Okafor Lindqvist Tanaka Nguyen Kim Silva Rossi Ivanova "
            "Patel Cohen Haddad Mensah Novak Jensen Moreau Suzuki Zhang Li Liu Park Singh "
            "Brown Rahman Kowalski Fischer Costa Abebe Sato Ortiz Walker Yamamoto Dubois "
            "Hansen Romano Petrov Mahmoud"
        )
    ],
]

# Title pieces: (LaTeX, Markdown). Markdown keeps math as written (MathJax reads it), escapes
# the characters Markdown would take as emphasis, drops protective braces, turns \emph into *x*.
TITLE_STARTS = [
    ("Towards", "Towards"),
    ("On the Limits of", "On the Limits of"),
    ("Learning", "Learning"),
    ("\\emph{Provably} Efficient", "*Provably* Efficient"),
    ("Revisiting", "Revisiting"),
    ("Scaling", "Scaling"),
    ("Understanding", "Understanding"),
    ("Sparse", "Sparse"),
    ("Robust", "Robust"),
    ("Interpretable", "Interpretable"),
    ("Fast", "Fast"),
    ("Certified", "Certified"),
]
TITLE_SUBJECTS = [
    ("{BERT} Representations", "BERT Representations"),
    ("{GPT}-Style Language Models", "GPT-Style Language Models"),
    ("$\\ell_1$-Regularized Regression", "$\\ell\\_1$-Regularized Regression"),
    ("{Transformer} Circuits", "Transformer Circuits"),
    ("Graph Neural Networks", "Graph Neural Networks"),
    ("Diffusion Models", "Diffusion Models"),
    ("Attention Heads", "Attention Heads"),
    ("{ImageNet} Classifiers", "ImageNet Classifiers"),
    ("Kernel Methods in $\\mathbb{R}^d$", "Kernel Methods in $\\mathbb{R}^d$"),
    ("Mixture-of-Experts Models", "Mixture-of-Experts Models"),
    ("Causal Abstractions", "Causal Abstractions"),
    ("Reinforcement Learning Agents", "Reinforcement Learning Agents"),
    ("Sparse Autoencoders", "Sparse Autoencoders"),
    ("{LSTM} Language Models", "LSTM Language Models"),
]
TITLE_ENDS = [
    ("", ""),
    (" with $O(n \\log n)$ Memory", " with $O(n \\log n)$ Memory"),
    (" via Optimal Transport", " via Optimal Transport"),
    (": A Case Study in {NLP}", ": A Case Study in NLP"),
    (" at Scale", " at Scale"),
    (" under Distribution Shift", " under Distribution Shift"),
    (" for Low-Resource Languages", " for Low-Resource Languages"),
    (" -- Theory and Practice", " – Theory and Practice"),
    (" in the Wild", " in the Wild"),
    (" without Labels", " without Labels"),
]

WORDS = _words(
    "we model models data training learning network networks representation representations "
    "feature features sparse dense linear nonlinear method methods result results show prove "
    "bound bounds sample samples efficient efficiency robust robustness attention layer layers "
    "gradient gradients loss objective optimisation convergence generalisation benchmark "
    "benchmarks dataset datasets evaluate evaluation across tasks task language vision graph "
    "causal intervention interventions circuit circuits probe probes scale scaling law laws "
    "the the the of of of and and and to to in in a a is is that that for for with with on on "
    "by this our which as are from these can than under large small new simple strong weak "
    "theoretical empirical analysis framework approach algorithm algorithms quantify measure "
    "explain explanation faithful estimate estimator variance bias error errors accuracy"
)
ABSTRACT_EXTRAS = [
    " in $\\mathcal{O}(n)$ time",
    " using {BERT} and {GPT}",
    " with an $\\ell_2$ penalty",
    " (see \\emph{Appendix~A})",
    " by up to 40\\%",
]
ABSTRACT_EXTRAS_MD = [
    " in $\\mathcal{O}(n)$ time",
    " using BERT and GPT",
    " with an $\\ell\\_2$ penalty",
    " (see *Appendix A*)",
    " by up to 40%",
]

# (abbr, @string name or None, LaTeX name, Unicode name, publisher)
CONFERENCES = [
    (
        "NeurIPS",
        "neurips",
        "Advances in Neural Information Processing Systems",
        None,
        "Curran Associates, Inc.",
    ),
    ("ICML", "icml", "International Conference on Machine Learning", None, "PMLR"),
    ("ICLR", None, "International Conference on Learning Representations", None, None),
    (
        "ACL",
        None,
        "Proceedings of the Annual Meeting of the Association for Computational Linguistics",
        None,
        "Association for Computational Linguistics",
    ),
    (
        "EMNLP",
        None,
        "Proceedings of the Conference on Empirical Methods in Natural Language Processing",
        None,
        "Association for Computational Linguistics",
    ),
    (
        "CVPR",
        None,
        "{IEEE/CVF} Conference on Computer Vision and Pattern Recognition",
        "IEEE/CVF Conference on Computer Vision and Pattern Recognition",
        "IEEE",
    ),
    (
        "AAAI",
        None,
        "Proceedings of the {AAAI} Conference on Artificial Intelligence",
        "Proceedings of the AAAI Conference on Artificial Intelligence",
        "AAAI Press",
    ),
    (
        "KDD",
        None,
        "Proceedings of the {ACM} {SIGKDD} Conference on Knowledge Discovery {\\&} Data Mining",
        "Proceedings of the ACM SIGKDD Conference on Knowledge Discovery & Data Mining",
        "ACM",
    ),
    (
        "AISTATS",
        None,
        "International Conference on Artificial Intelligence and Statistics",
        None,
        "PMLR",
    ),
    (
        "FAccT",
        None,
        "Proceedings of the {ACM} Conference on Fairness, Accountability, and Transparency",
        "Proceedings of the ACM Conference on Fairness, Accountability, and Transparency",
        "ACM",
    ),
]
WORKSHOPS = [
    ("NeurIPS-W", None, "NeurIPS Workshop on Interpretable Machine Learning", None, None),
    ("ICML-W", None, "ICML Workshop on Mechanistic Interpretability", None, None),
]
JOURNALS = [
    ("JMLR", "jmlr", "Journal of Machine Learning Research", None, "JMLR"),
    ("TMLR", None, "Transactions on Machine Learning Research", None, None),
    (
        "TACL",
        "tacl",
        "Transactions of the Association for Computational Linguistics",
        None,
        "MIT Press",
    ),
    ("NMI", None, "Nature Machine Intelligence", None, "Springer Nature"),
    (
        "TPAMI",
        None,
        "{IEEE} Transactions on Pattern Analysis and Machine Intelligence",
        "IEEE Transactions on Pattern Analysis and Machine Intelligence",
        "IEEE",
    ),
    ("JAIR", None, "Journal of Artificial Intelligence Research", None, "AI Access Foundation"),
]
STRINGS = {
    "neurips": "Advances in Neural Information Processing Systems",
    "icml": "International Conference on Machine Learning",
    "jmlr": "Journal of Machine Learning Research",
    "tacl": "Transactions of the Association for Computational Linguistics",
}
SCHOOLS = [
    ("Universit{\\'e} de Montr{\\'e}al", "Université de Montréal"),
    ('ETH Z{\\"u}rich', "ETH Zürich"),
    ("University of Cambridge", "University of Cambridge"),
    ('Technische Universit{\\"a}t M{\\"u}nchen', "Technische Universität München"),
]
KEYWORDS = _words(
    "interpretability sparsity language-models vision theory optimisation fairness robustness "
    "causality graphs reinforcement-learning benchmarks scaling"
)
AWARDS = ["Best Paper Award", "Oral", "Spotlight", "Outstanding Paper Award", "Best Student Paper"]
MONTH_NAMES = _words("jan feb mar apr may jun jul aug sep oct nov dec")
MARKERS = ["*", "†"]


@dataclass
class Author:
    first: tuple[str, str]  # (LaTeX, Unicode)
    last: tuple[str, str]
    marker: str = ""
    others: bool = False

    @property
    def owner(self) -> bool:
        return self.last[1] == OWNER_LAST and self.first[1] == OWNER_FIRST

    def bibtex(self) -> str:
        return "others" if self.others else f"{self.last[0]}, {self.first[0]}{self.marker}"

    def clean_bibtex(self) -> str:
        return "others" if self.others else f"{self.last[0]}, {self.first[0]}"

    def unicode(self) -> str:
        return "et al." if self.others else f"{self.first[1]} {self.last[1]}"


@dataclass
class Paper:
    key: str
    entry_type: str
    year: int
    month: int  # 0: none
    title: tuple[str, str]  # (LaTeX, Markdown)
    authors: list[Author]
    abstract: tuple[str, str]
    venue_field: str  # journal / booktitle / howpublished / school
    venue: tuple[str, str, str | None]  # (LaTeX, Unicode, @string name)
    abbr: str
    fields: dict[str, str] = field(default_factory=dict)  # other standard fields
    links: dict[str, str] = field(default_factory=dict)  # pdf, arxiv, code, slides, doi, ...
    stars: int | None = None
    selected: bool = False
    award: str = ""
    keywords: list[str] = field(default_factory=list)
    category: str = ""
    order: int = 0

    # Forms --------------------------------------------------------------------------------

    def bibtex(self) -> str:
        rows: list[tuple[str, str]] = [("title", "{" + self.title[0] + "}")]
        rows.append(("author", "{" + " and ".join(a.bibtex() for a in self.authors) + "}"))
        latex, _, macro = self.venue
        rows.append((self.venue_field, macro if macro else "{" + latex + "}"))
        rows.append(("year", "{" + str(self.year) + "}"))
        if self.month:
            rows.append(("month", MONTH_NAMES[self.month - 1]))
        rows += [(k, "{" + v + "}") for k, v in self.fields.items()]
        if self.abbr:
            rows.append(("abbr", "{" + self.abbr + "}"))
        if self.selected:
            rows.append(("selected", "{true}"))
        if self.award:
            rows.append(("award_name", "{" + self.award + "}"))
        if self.keywords:
            rows.append(("keywords", "{" + ", ".join(self.keywords) + "}"))
        rows.append(("category", "{" + self.category + "}"))
        rows.append(("abstract", "{" + _wrap(self.abstract[0], 19) + "}"))
        for name, value in self.links.items():
            rows.append((name, "{" + value + "}"))
            if name == "code" and self.stars is not None:
                rows.append(("stars", "{" + str(self.stars) + "}"))
        rows.append(("bibtex_show", "{true}"))
        lines = [f"@{self.entry_type}{{{self.key},"]
        lines += [f"  {k:<13} = {v}," for k, v in rows]
        lines.append("}")
        return "\n".join(lines)

    def clean_bibtex(self) -> str:
        """What a reader copies: standard fields only, no markers, no custom fields."""
        rows = [("title", self.title[0])]
        rows.append(("author", " and ".join(a.clean_bibtex() for a in self.authors)))
        rows.append((self.venue_field, self.venue[0]))
        rows.append(("year", str(self.year)))
        if self.month:
            rows.append(("month", MONTH_NAMES[self.month - 1]))
        rows += list(self.fields.items())
        if "doi" in self.links:
            rows.append(("doi", self.links["doi"]))
        width = max(len(k) for k, _ in rows)
        lines = [f"@{self.entry_type}{{{self.key},"]
        lines += [f"  {k.ljust(width)} = {{{v}}}," for k, v in rows]
        lines.append("}")
        return "\n".join(lines)

    def link_list(self) -> list[tuple[str, str, int | None]]:
        """(label, URL, stars) in al-folio's button order."""
        out = []
        for name, label in LINK_LABELS:
            if name in self.links:
                value = self.links[name]
                url = {
                    "arxiv": f"https://arxiv.org/abs/{value}",
                    "doi": f"https://doi.org/{value}",
                }.get(name, value)
                out.append((label, url, self.stars if name == "code" else None))
        return out

    def markdown_authors(self) -> str:
        parts = []
        for a in self.authors:
            name = _md_escape(a.unicode())
            if a.owner:
                name = f"**{name}**"
            parts.append(name + _md_escape(a.marker))
        return ", ".join(parts)

    def markdown_row(self, lean: bool = False) -> str:
        """One item of the hand-written list (4-space continuation, 8-space code block);
        ``lean``: only authors, **title** and year."""
        if lean:
            return f"1. {self.markdown_authors()}, **{self.title[1]}**, {self.year}\n"
        head = f"**{self.title[1]}**"
        if self.abbr:
            head += f" · {self.abbr}"
        if self.award:
            head += f" · **{self.award}**"
        links = " · ".join(
            f"[{label}]({url})" + (f" ★ {stars}" if stars is not None else "")
            for label, url, stars in self.link_list()
        )
        lines = [
            f"1. {head}  ",
            f"    {self.markdown_authors()}  ",
            f"    *{_md_escape(self.venue[1])}*, {self.year}" + ("  " if links else ""),
        ]
        if links:
            lines.append(f"    {links}")
        lines += ["", "    " + self.abstract[1], ""]
        lines += ["        " + line for line in self.clean_bibtex().split("\n")]
        lines.append("")
        return "\n".join(lines)

    def yaml_record(self) -> dict:
        return {
            "key": self.key,
            "type": self.entry_type,
            "year": self.year,
            "title": self.title[1],
            "abbr": self.abbr,
            "award": self.award,
            "authors": [
                {"name": _md_escape(a.unicode()), "marker": _md_escape(a.marker)}
                for a in self.authors
            ],
            "venue": _md_escape(self.venue[1]),
            "links": [
                {"label": label, "url": url, "stars": stars}
                for label, url, stars in self.link_list()
            ],
            "selected": self.selected,
            "keywords": self.keywords,
            "category": self.category,
            "abstract": self.abstract[1],
            "bibtex": self.clean_bibtex(),
        }


LINK_LABELS = [
    ("pdf", "PDF"),
    ("arxiv", "arXiv"),
    ("html", "HTML"),
    ("code", "Code"),
    ("video", "Video"),
    ("poster", "Poster"),
    ("slides", "Slides"),
    ("doi", "DOI"),
]

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _wrap(text: str, indent: int, width: int = 100) -> str:
    """Wrap a long value as BibTeX files have it (continuation lines indented)."""
    words, lines, line = text.split(" "), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width - indent:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return ("\n" + " " * indent).join(lines)


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", plain) or "x"


def _abstract(rng: random.Random, words: int = 150) -> tuple[str, str]:
    """~``words`` words of sentences; some with LaTeX (math, braces, \\emph, \\%)."""
    latex, md, count = [], [], 0
    while count < words:
        length = rng.randint(12, 26)
        sentence = [rng.choice(WORDS) for _ in range(length)]
        sentence[0] = sentence[0].capitalize()
        text = " ".join(sentence)
        count += length
        if rng.random() < 0.3:
            i = rng.randrange(len(ABSTRACT_EXTRAS))
            latex.append(text + ABSTRACT_EXTRAS[i] + ".")
            md.append(text + ABSTRACT_EXTRAS_MD[i] + ".")
        else:
            latex.append(text + ".")
            md.append(text + ".")
    return " ".join(latex), " ".join(md)


def _authors(rng: random.Random) -> list[Author]:
    count = rng.choices(range(1, 11), weights=[4, 10, 14, 16, 14, 11, 9, 8, 7, 7])[0]
    authors = [Author(rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)) for _ in range(count)]
    owner = Author((OWNER_FIRST, OWNER_FIRST), (OWNER_LAST, OWNER_LAST))
    authors[rng.randrange(count)] = owner
    if count >= 2 and rng.random() < 0.15:  # equal contribution of the first two
        authors[0].marker = authors[1].marker = "*"
    if rng.random() < 0.1:
        authors[-1].marker += "†"
    if count >= 6 and rng.random() < 0.1:
        authors.append(Author(("", ""), ("", ""), others=True))
    return authors


def generate(n: int, seed: int = 0) -> list[Paper]:
    """``n`` papers, newest first; the same ``n`` and ``seed`` always give the same list."""
    rng = random.Random(f"mkdocs-research-bench:{seed}")
    papers: list[Paper] = []
    keys: set[str] = set()
    for _ in range(n):
        year = 2000 + min(25, int(rng.triangular(0, 26, 24)))
        kind = rng.choices(
            ["inproceedings", "workshop", "article", "misc", "phdthesis"],
            weights=[48, 7, 30, 14, 1],
        )[0]
        title = (
            rng.choice(TITLE_STARTS),
            rng.choice(TITLE_SUBJECTS),
            rng.choice(TITLE_ENDS),
        )
        title_tex = f"{title[0][0]} {title[1][0]}{title[2][0]}"
        title_md = f"{title[0][1]} {title[1][1]}{title[2][1]}"
        authors = _authors(rng)
        first = authors[0]
        stem = f"{_ascii(first.last[1]) if not first.others else 'anon'}{year}{_ascii(title[1][1].split()[0])}"
        key, suffix = stem, 1
        while key in keys:
            suffix += 1
            key = f"{stem}{suffix}"
        keys.add(key)
        fields: dict[str, str] = {}
        links: dict[str, str] = {}
        if kind in ("inproceedings", "workshop"):
            abbr, macro, venue_tex, venue_uni, publisher = rng.choice(
                CONFERENCES if kind == "inproceedings" else WORKSHOPS
            )
            entry_type, venue_field = "inproceedings", "booktitle"
            fields["pages"] = f"{(p := rng.randint(1, 9000))}--{p + rng.randint(8, 20)}"
            if publisher:
                fields["publisher"] = publisher
            category = "Conference Papers" if kind == "inproceedings" else "Workshop Papers"
            abbr = f"{abbr} {year}" if rng.random() < 0.5 else abbr
        elif kind == "article":
            abbr, macro, venue_tex, venue_uni, publisher = rng.choice(JOURNALS)
            entry_type, venue_field = "article", "journal"
            fields["volume"] = str(rng.randint(1, 60))
            fields["number"] = str(rng.randint(1, 12))
            fields["pages"] = f"{(p := rng.randint(1, 400))}--{p + rng.randint(10, 40)}"
            if publisher:
                fields["publisher"] = publisher
            category = "Journal Articles"
        elif kind == "misc":
            abbr, macro = "Preprint", None
            venue_tex = venue_uni = rng.choice(
                ["arXiv preprint", "Under review", "Technical report"]
            )
            entry_type, venue_field = "misc", "howpublished"
            category = "Preprints"
        else:
            abbr, macro = "PhD", None
            venue_tex, venue_uni = rng.choice(SCHOOLS)
            entry_type, venue_field = "phdthesis", "school"
            category = "Theses"
        venue = (venue_tex, venue_uni or venue_tex, macro)
        if rng.random() < 0.85:
            links["pdf"] = f"https://example.org/papers/{key}.pdf"
        if year >= 2007 and rng.random() < 0.55:
            links["arxiv"] = f"{year % 100:02d}{rng.randint(1, 12):02d}.{rng.randint(1, 19999):05d}"
        if rng.random() < 0.08:
            links["html"] = f"https://example.org/projects/{key}/"
        if rng.random() < 0.4:
            links["code"] = f"https://github.com/example/{key}"
        if rng.random() < 0.05:
            links["video"] = f"https://video.example.org/watch?v={key}"
        if rng.random() < 0.1:
            links["poster"] = f"https://example.org/posters/{key}.pdf"
        if rng.random() < 0.2:
            links["slides"] = f"https://example.org/slides/{key}.pdf"
        if entry_type in ("article", "inproceedings") and rng.random() < 0.7:
            links["doi"] = f"10.{rng.randint(1000, 9999)}/{key}.{rng.randint(100, 99999)}"
        paper = Paper(
            key=key,
            entry_type=entry_type,
            year=year,
            month=rng.randint(1, 12) if rng.random() < 0.7 else 0,
            title=(title_tex, title_md),
            authors=authors,
            abstract=_abstract(rng),
            venue_field=venue_field,
            venue=venue,
            abbr=abbr,
            fields=fields,
            links=links,
            stars=rng.choice([rng.randint(0, 80), rng.randint(50, 5000)])
            if "code" in links and rng.random() < 0.7
            else None,
            selected=rng.random() < 0.04,
            award=rng.choice(AWARDS) if rng.random() < 0.04 else "",
            keywords=rng.sample(KEYWORDS, rng.randint(1, 4)),
            category=category,
        )
        papers.append(paper)
    for order, paper in enumerate(papers):
        paper.order = order
    papers.sort(key=lambda p: (-p.year, -p.month, p.order))
    return papers


def bibtex_text(papers: list[Paper]) -> str:
    head = [
        "% Generated by benchmarks/generate.py: a fictional researcher's publications.",
        "",
        *[f"@string{{{name:<8}= {{{value}}}}}" for name, value in STRINGS.items()],
        "",
    ]
    return "\n".join(head) + "\n" + "\n\n".join(p.bibtex() for p in papers) + "\n"


def markdown_text(papers: list[Paper], title: str = "Publications", lean: bool = False) -> str:
    """The floor: the list as a researcher would write it by hand in Markdown (``lean``:
    authors, **title** and year only)."""
    out = [f"# {title}", ""]
    year = None
    for paper in papers:
        if paper.year != year:
            year = paper.year
            out += [f"## {year}", ""]
        out.append(paper.markdown_row(lean))
    return "\n".join(out) + "\n"


def yaml_text(papers: list[Paper]) -> str:
    import yaml

    return yaml.dump(
        {"papers": [p.yaml_record() for p in papers]},
        Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )


#: The mkdocs-macros page: a Jinja loop over ``papers`` (from papers.yml) producing the same
#: Markdown rows as :func:`markdown_text`. ``owner`` comes from ``extra`` in mkdocs.yml.
#: (``<<BR>>`` marks the two trailing spaces of a hard line break.)
MACROS_PAGE = """# Publications

{% for year, items in papers | groupby("year") | reverse %}
## {{ year }}

{% for p in items %}
1. **{{ p.title }}**{% if p.abbr %} · {{ p.abbr }}{% endif %}{% if p.award %} · **{{ p.award }}**{% endif %}<<BR>>
    {% for a in p.authors %}{% if a.name == owner %}**{{ a.name }}**{% else %}{{ a.name }}{% endif %}{{ a.marker }}{% if not loop.last %}, {% endif %}{% endfor %}<<BR>>
    *{{ p.venue }}*, {{ p.year }}{% if p.links %}<<BR>>
    {% for l in p.links %}[{{ l.label }}]({{ l.url }}){% if l.stars is not none %} ★ {{ l.stars }}{% endif %}{% if not loop.last %} · {% endif %}{% endfor %}{% endif %}

    {{ p.abstract }}

{{ p.bibtex | indent(8, true) }}

{% endfor %}
{% endfor %}
""".replace("<<BR>>", "  ")  # Markdown hard line breaks


def write(outdir: Path, n: int, seed: int = 0) -> dict[str, Path]:
    """Write papers.bib, papers.md, papers-lean.md and papers.yml for ``n`` papers."""
    outdir.mkdir(parents=True, exist_ok=True)
    papers = generate(n, seed)
    paths = {
        "bib": outdir / "papers.bib",
        "md": outdir / "papers.md",
        "md_lean": outdir / "papers-lean.md",
        "yml": outdir / "papers.yml",
    }
    paths["bib"].write_text(bibtex_text(papers), encoding="utf-8")
    paths["md"].write_text(markdown_text(papers), encoding="utf-8")
    paths["md_lean"].write_text(markdown_text(papers, lean=True), encoding="utf-8")
    paths["yml"].write_text(yaml_text(papers), encoding="utf-8")
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("n", type=int, help="number of publications")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    for kind, path in write(args.outdir, args.n, args.seed).items():
        print(f"{kind}: {path} ({path.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
