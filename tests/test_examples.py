"""The two example sites in ``examples/`` rebuild two real seed pages from data files.

``examples/cv`` is a researcher's one-page CV, ``examples/publications`` a publications
homepage in the style of Jon Barron's template. Each is copied to a temporary folder and built
with the real ``mkdocs build --strict`` (once per module); then everything the seed page lists
is looked up, item by item, in the built HTML: sections, entries, dates, co-authors, author
markers, badges, notes, link labels, code stars, metrics, groups, talks and the CV sections.

The expected items are written out below as the seed shows them, and so is the BibTeX the
seed gives for each paper: formal proceedings names, titles and years, while the rows show
display names (``display_title``, ``display_venue``, ``display_year`` in the data). Every
check of a row has a name; where the plugin cannot express what the seed shows, the entry
lists that name in ``gap_checks`` (or a CV entry sets ``gap``) and its test ends in
``pytest.xfail("gap: ...")`` after checking everything else, so the gap stays visible in every
test run. No seed item is a gap at present.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from browser_helpers import SEEDS, BuiltExample, build_example

pytestmark = pytest.mark.slow

CV_SEED = SEEDS / "000_22ed22ad10c49b14.txt"
PUBLICATIONS_SEED = SEEDS / "002_bad25c1fc9e0d6a6.txt"


# Helpers -------------------------------------------------------------------------------------


def text(element) -> str:
    """An element's text as a reader sees it: whitespace collapsed."""
    return " ".join(element.get_text(" ").split()) if element is not None else ""


def squash(value: str) -> str:
    """Whitespace collapsed and spaces before punctuation dropped (inline tags leave some)."""
    value = " ".join(value.split())
    return re.sub(r"\s+([,.;:)])", r"\1", value).replace("( ", "(")


def dates(value: str) -> str:
    """A date range compared loosely: dashes and spaces do not matter (``Aug – Dec 2020``)."""
    return re.sub(r"\s+", "", value.replace("–", "-").replace("—", "-"))


def seed_text(path: Path) -> str:
    """A seed page as plain text: Markdown emphasis, escapes and ``<sup>`` removed."""
    raw = path.read_text(encoding="utf-8")
    raw = raw.replace("\\*", "*").replace("**", "")
    raw = re.sub(r"<sup>(.*?)</sup>", r"\1", raw)
    raw = raw.replace("$\\sim ", "∼").replace("$", "")
    raw = re.sub(r"\s+;", ";", raw)
    return unicodedata.normalize("NFC", " ".join(raw.split()))


def in_seed(seed: str, value: str) -> bool:
    value = unicodedata.normalize("NFC", " ".join(value.split()))
    return value in seed or value.replace("*", "") in seed.replace("*", "")


@dataclass
class Pub:
    """One publication as the seed lists it."""

    key: str
    title: str
    authors: list[str]  # reading order, markers appended: "Kyle Matoba*", "Suraj Srinivasm"
    venue: str
    year: str
    badges: list[tuple[str, str]] = field(default_factory=list)  # (text, "talk" | "award")
    notes: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # labels as the seed writes them
    abbr: str = ""
    group: str = ""
    stars: str = ""
    abstract: tuple[str, ...] = ()  # pieces of the abstract as the seed shows it
    bibtex: dict[str, str] = field(default_factory=dict)  # fields of the seed's own BibTeX
    # (venue, award): an award won at a further venue, shown as a badge beside that venue
    venue_awards: list[tuple[str, str]] = field(default_factory=list)
    show_authors: bool = True  # False: the seed shows no author line (BibTeX has them)
    abstract_paragraphs: int = 1
    # Items of the seed the plugin cannot show, by check name (see check_row and
    # test_publication_bibtex, whose checks are named ``bibtex-<field>``), and why.
    gap_checks: tuple[str, ...] = ()
    gap: str = ""


@dataclass
class Entry:
    """One dated entry of a CV section or of the talks."""

    section: str
    date: str  # as the page shows it
    texts: list[str]  # what the entry's body says, in the seed's words
    # When the plugin cannot write the seed's date: the seed's date, and the gap; the test
    # then checks ``date`` (the nearest the page shows) and ends in xfail.
    gap: str = ""
    seed_date: str = ""


def authors_of(row) -> list[str]:
    """Author names with their markers appended, as in :attr:`Pub.authors`."""
    names = []
    for span in row.select(".research-author"):
        markers = "".join(s.get_text() for s in span.select(".research-marker"))
        words = [
            t for t in span.find_all(string=True) if not t.find_parent(class_="research-marker")
        ]
        names.append(" ".join("".join(words).split()) + markers)
    return names


def link_labels(row) -> list[str]:
    """The labels of a row's link buttons, without the code button's stars."""
    labels = []
    for a in row.select(".research-pub__links a"):
        words = [t for t in a.find_all(string=True) if not t.find_parent(class_="research-stars")]
        labels.append(" ".join("".join(words).split()))
    return labels


def normalise_label(label: str) -> str:
    """Seed link labels against the plugin's: case-insensitive, ``datasets`` as ``dataset``."""
    label = label.strip().lower()
    return {"datasets": "dataset"}.get(label, label)


def seed_labels(labels: list[str]) -> list[str]:
    """``blog 1, 2`` in the seed is two links, ``Blog 1`` and ``Blog 2``."""
    result = []
    for label in labels:
        if label == "blog 1, 2":
            result += ["blog 1", "blog 2"]
        else:
            result.append(label)
    return [normalise_label(label) for label in result]


def check_row(row, pub: Pub) -> list[str]:
    """Check everything a publication row shows, each item under a name; return the names of
    the failing checks that ``pub.gap_checks`` lists (the seed's items the plugin cannot
    show). Every other check must pass."""
    assert row is not None, f"no row for {pub.key}"
    failed: list[str] = []

    def check(name: str, ok: bool, message: str) -> None:
        if not ok and name in pub.gap_checks:
            failed.append(name)
        else:
            assert ok, f"{pub.key}: {message}"

    title = text(row.select_one(".research-pub__title"))
    check("title", title == pub.title, f"title {title!r}")
    authors = authors_of(row)
    if pub.show_authors:
        check("authors", authors == pub.authors, f"authors {authors}")
        owner = [text(a) for a in row.select(".research-author--owner strong")]
        check("owner", len(owner) == 1, f"the owner is highlighted exactly once: {owner}")
    else:
        line = row.select_one(".research-pub__authors")
        check("no-authors", line is None and not authors, f"an author line {authors}")
    venue = squash(text(row.select_one(".research-pub__venue")))
    check("venue", venue == squash(f"{pub.venue}, {pub.year}"), f"venue {venue!r}")
    badges = [
        (text(b), "talk" if "research-badge--talk" in b["class"] else "award")
        for b in row.select(".research-pub__head .research-badge")
    ]
    shown_badges = [b for b, _ in badges]
    check("badges", shown_badges == [b for b, _ in pub.badges], f"badges {shown_badges}")
    check("badge-style", badges == pub.badges, f"badge styles {badges}")
    notes = [text(n) for n in row.select(".research-pub__note, .research-pub__award")]
    for note in pub.notes:
        check("notes", any(note in n for n in notes), f"note {note!r} not in {notes}")
    check("notes", len(notes) == len(pub.notes), f"unexpected notes {notes}")
    for further, award in pub.venue_awards:
        # The award was given at a further venue: its badge stands beside that venue.
        line = next((n for n in row.select(".research-pub__note") if further in text(n)), None)
        beside = [
            (text(b), "research-badge--award" in b["class"])
            for b in (line.select(".research-badge") if line else [])
        ]
        check("venue-award", beside == [(award, True)], f"{further!r} shows badges {beside}")
    abbr = text(row.select_one(".research-abbr"))
    check("abbr", abbr == pub.abbr, f"abbr {abbr!r}")
    expected = sorted(seed_labels(pub.links))
    shown = sorted(normalise_label(label) for label in link_labels(row))
    check("links", shown == expected, f"links {shown} != {expected}")
    for a in row.select(".research-pub__links a"):
        assert a["href"].startswith("https://"), a["href"]
    stars = text(row.select_one(".research-stars"))
    check("stars", stars == pub.stars, f"stars {stars!r}")
    abstract = row.select_one(".research-abstract__text")
    if abstract is not None:
        paragraphs = len(abstract.select("p")) or 1
        check(
            "abstract-paragraphs",
            paragraphs == pub.abstract_paragraphs,
            f"{paragraphs} abstract paragraphs",
        )
    return failed


def end_with_gaps(failed: list[str], pub_gap_checks: tuple[str, ...], gap: str) -> None:
    """xfail with the gap when a check the plugin cannot pass failed; once the plugin can
    show the item, the test simply passes."""
    assert set(failed) <= set(pub_gap_checks)
    if failed:
        pytest.xfail(f"{gap} [failing: {', '.join(failed)}]")


# The CV seed --------------------------------------------------------------------------------

CV_HEADINGS = [
    "Summary",
    "Work Experience",
    "Education",
    "Internships",
    "Selected Publications",
    "Talks",
    "Reviewing",
    "Teaching",
    "Research Mentoring",
    "Awards and Honors",
]

CV_ENTRIES = [
    Entry(
        "cv-work",
        "Jan 2022 – Current",  # dates: 2022-01 - Current keeps the word written
        [
            "Postdoctoral Research Fellow",
            "Harvard University",
            "USA",
            "Advisor: Prof. Hima Lakkaraju",
            "Research Focus: Foundations of Post-hoc Interpretability.",
        ],
    ),
    Entry(
        "cv-education",
        "2017 – 2021",
        [
            "Doctor of Philosophy",
            "École Polytechnique Fédérale de Lausanne & Idiap Research Institute",
            "Switzerland",
            "Advisor: Prof. François Fleuret",
            "Thesis: Gradient-based Methods for Deep Model Interpretability.",
            "(EPFL Thesis Distinction Award for Top 8% thesis in EDEE)",
        ],
    ),
    Entry(
        "cv-education",
        "2014 – 2017",
        [
            "Master of Science (Engineering)",
            "Indian Institute of Science, Bangalore",
            "India",
            "Advisor: Prof. R. Venkatesh Babu",
            "Thesis: Learning Compact Architectures for Deep Neural Networks.",
        ],
    ),
    Entry(
        "cv-internships",
        "Aug – Dec 2020",
        [
            "Research Intern",
            "Qualcomm AI Research, Netherlands",
            "Research on algorithms to sparsify neural networks.",
        ],
    ),
    Entry(
        "cv-internships",
        "Jun – Aug 2016",
        [
            "Research Intern",
            "DataGrokr, India / Verisk Analytics, USA",
            "Speeding up inference on deep neural networks using tensor factorization.",
        ],
    ),
    Entry(
        "cv-internships",
        "Jan – Jun 2014",
        [
            "Engineering Intern",
            "Tonbo Imaging, Bangalore",
            "Implemented image processing algorithms on FPGA for a thermal imaging camera.",
        ],
    ),
    Entry(
        "cv-internships",
        "Jun – Aug 2013",
        [
            "Research Intern",
            "Indian Institute of Science, Bangalore",
            "Research on computational photography to perform camera jitter compensation.",
        ],
    ),
    # The next three dates are `when:` texts, shown instead of the parsed dates.
    Entry(
        "cv-teaching",
        "Spring 2023",
        ["Teaching Fellow for “Interpretability and Explainability in ML” at Harvard University"],
    ),
    Entry(
        "cv-teaching",
        "2018/'19/'21",
        ["Teaching Assistant for Deep Learning (EE-559) at EFPL, Lausanne"],
    ),
    Entry(
        "cv-teaching",
        "Apr 2021",
        [
            "Guest Lecture on Interpretability for Deep Learning for Computer Vision Course "
            "(DS-265) at IISc, Bangalore"
        ],
    ),
    Entry(
        "cv-mentoring",
        "2022-23",
        [
            "Tessa Han (PhD candidate, Harvard, supervised by Prof. Hima Lakkaraju)",
            "Local Function Approximation to Characterize Explanations, NeurIPS 2022",
            "Uncertainty Quantification via Local Linear Approximations, Ongoing",
        ],
    ),
    Entry(
        "cv-mentoring",
        "2023",
        [
            "Usha Bhalla (PhD candidate, Harvard, supervised by Prof. Hima Lakkaraju)",
            "Dataset Distillation for Interpretability, Ongoing",
        ],
    ),
    Entry(
        "cv-mentoring",
        "2017",
        [
            "Akshayvarun Subramanya (RA, IISc, supervised by Prof. R.V. Babu)",
            "Estimating Confidence for Deep Neural Networks through Density modeling",
            "Conference on Signal Processing and Communications (SPCOM), 2017",
        ],
    ),
    Entry(
        "cv-mentoring",
        "2016",
        [
            "Lokesh Boominathan (RA, IISc, supervised by Prof. R.V. Babu)",
            "Compensating for Large In-plane Rotations in Natural Images",
            "Indian Conference on Vision, Graphics and Image Processing (ICVGIP), 2016",
        ],
    ),
    Entry(
        "cv-awards",
        "2022",
        ["Best paper award at ICML Interpretable ML for Healthcare (IMLH) Workshop"],
    ),
    Entry(
        "cv-awards",
        "2022",
        ["Highlighted Reviewer at International Conference on Learning Representations (ICLR)"],
    ),
    Entry("cv-awards", "2021", ["EPFL PhD Thesis Distinction Award for top 8% thesis in EDEE"]),
    Entry("cv-awards", "2017", ["Best paper award at NeurIPS LLD Workshop"]),
    Entry(
        "cv-awards",
        "2014",
        [
            "Ranked 399 (out of ∼200k candidates) nation-wide in the Graduate Aptitude Test in "
            "Engineering for entrance to graduate school in electronics and communications "
            "engineering"
        ],
    ),
    Entry(
        "cv-awards",
        "2012",
        [
            "Won first place at the E-Yantra nation-wide robotics contest held at IIT-Bombay, "
            "and was featured in The Times of India, New Indian Express and DH Education"
        ],
    ),
    Entry(
        "cv-awards",
        "2010",
        [
            "Ranked 191 (out of ∼100k candidates) state-wide in the Karnataka Common Entrance "
            "Test for entrance to undergraduate engineering programmes."
        ],
    ),
]

CV_REVIEWING = [
    "Conferences AAAI, CVPR, ECCV, NeurIPS (2020); WACV, ICML, ICCV, NeurIPS (2021); "
    "ICLR, ICML, NeurIPS (2022); ICLR, AISTATS (2023)",
    "Journals IEEE SP-Letters, Elsevier Neural Networks, IEEE T-PAMI, Nature Communications",
]

CV_TALKS = [
    ("Jul 2022", "Pitfalls and Opportunities for Feature Attribution Methods", "Simons Institute, UC Berkeley"),
    ("Jun 2022", "Pitfalls and Opportunities for Feature Attribution Methods", "Vanderbilt University, USA"),
    ("Mar 2022", "Cyclical Pruning for Neural Network Sparsity", "Google Sparsity Reading Group"),
    ("Aug 2021", "Pitfalls of Saliency Map Interpretation in Deep Neural Networks", "HES-SO, Sierre, Switzerland"),
    ("May 2021", "Pitfalls of Saliency Map Interpretation in Deep Neural Networks", "Harvard University, USA"),
    ("Apr 2021", "Rethinking the Role of Gradient-based Attribution Methods for Model Interpretability", "ICLR (virtual)"),
    ("Jan 2020", "Neural Network Interpretability using Full-Gradient Representation", "Indian Institute of Science, Bangalore"),
    ("Jan 2020", "Full-Gradient Representation for Neural Network Visualization", "ML for Astrophysicists Club"),
    ("Nov 2019", "Full-Gradient Representation for Neural Network Visualization", "Swiss Machine Learning Day, Lausanne"),
    ("May 2019", "Complete Saliency Maps using Full-Jacobians", "Valais / Wallis AI workshop, Martigny"),
    ("Jul 2018", "Knowledge Transfer with Jacobian Matching", "ICML, Stockholm"),
    ("Jul 2016", "Making Deep Neural Networks Smaller and Faster", "Deep Learning Conf, Bangalore"),
]  # fmt: skip

NEURIPS = "Neural Information Processing Systems (NeurIPS)"
CVPRW = "Computer Vision and Pattern Recognition Workshops (CVPRW)"
BMVC = "British Computer Vision Conference (BMVC)"

CV_PUBS = [
    Pub(
        "srinivas2022lcnn",
        "Efficient Training of Low-Curvature Neural Networks",
        ["Suraj Srinivas*", "Kyle Matoba*", "Hima Lakkaraju", "François Fleuret"],
        NEURIPS,
        "2022",
        notes=["Jointly authored"],
        links=["Code"],
    ),
    Pub(
        "han2022explanation",
        "Which Explanation Should I Choose? A Function Approximation Perspective to "
        "Characterizing Post hoc Explanations",
        ["Tessa Han", "Suraj Srinivasm", "Hima Lakkaraju"],
        NEURIPS,
        "2022",
        notes=["ICML Interpretable ML for Healthcare Workshop", "Mentoring Role"],
        # also: [{venue: ..., award: Best Paper Award}] in data/publications.yml
        venue_awards=[("ICML Interpretable ML for Healthcare Workshop", "Best Paper Award")],
    ),
    Pub(
        "elhalabi2022pruning",
        "Data-Efficient Structured Pruning via Submodular Optimization",
        ["Marwa El Halabi", "Suraj Srinivas", "Simon Lacoste-Julien"],
        NEURIPS,
        "2022",
    ),
    Pub(
        "srinivas2022cyclical",
        "Cyclical Pruning for Sparse Neural Networks",
        [
            "Suraj Srinivas",
            "Andrey Kuzmin",
            "Markus Nagel",
            "Mart van Baalen",
            "Andrii Skliar",
            "Tijmen Blankevoort",
        ],
        CVPRW,
        "2022",
        badges=[("Oral", "talk")],
    ),
    Pub(
        "srinivas2021rethinking",
        "Rethinking the Role of Gradient-based Attribution Methods in Model Interpretability",
        ["Suraj Srinivas", "François Fleuret"],
        "International Conference on Learning Representations (ICLR)",
        "2021",
        badges=[("Oral", "talk")],
        links=["Code"],
    ),
    Pub(
        "srinivas2019fullgrad",
        "Full-Gradient Representation for Neural Network Visualization",
        ["Suraj Srinivas", "François Fleuret"],
        NEURIPS,
        "2019",
        links=["Code"],
        stars="169",
    ),
    Pub(
        "srinivas2018jacobian",
        "Knowledge Transfer with Jacobian Matching",
        ["Suraj Srinivas", "François Fleuret"],
        "International Conference on Machine Learning (ICML)",
        "2018",
        notes=["NeurIPS Learning with Limited Data (LLD) Workshop"],
        venue_awards=[("NeurIPS Learning with Limited Data (LLD) Workshop", "Best Paper Award")],
    ),
    Pub(
        "srinivas2017sparse",
        "Training Sparse Neural Networks",
        ["Suraj Srinivas", "Akshayvarun Subramanya", "R. Venkatesh Babu"],
        CVPRW,
        "2017",
        badges=[("Oral", "talk")],
    ),
    Pub(
        "srinivas2016architecture",
        "Learning the Architecture of Deep Neural Networks",
        ["Suraj Srinivas", "R. Venkatesh Babu"],
        BMVC,
        "2016",
    ),
    Pub(
        "srinivas2015datafree",
        "Data-free Parameter Pruning for Deep Neural Networks",
        ["Suraj Srinivas", "R. Venkatesh Babu"],
        BMVC,
        "2015",
        notes=["500+ citations"],
    ),
]

CV_CODE_LINKS = {
    "srinivas2022lcnn": "https://github.com/kylematoba/lcnn",
    "srinivas2021rethinking": "https://github.com/idiap/rethinking-saliency",
    "srinivas2019fullgrad": "https://github.com/idiap/fullgrad-saliency",
}


# The publications seed ----------------------------------------------------------------------

PUB_GROUPS = [
    "Under Review",
    "Conference Publications",
    "Workshop Publications",
    "Thesis",
    "Open-Source Software",
]


# The seed's BibTeX names the proceedings formally where its rows show a display name
# (display_venue in the data); a title or year that differs is display_title / display_year.
NEURIPS_BIB = "Advances in Neural Information Processing Systems"

PUBS = [
    Pub(
        "wallingford2022fluid",
        "FLUID: A Unified Evaluation Framework for Flexible Sequential Data",
        [
            "Matthew Wallingford",
            "Aditya Kusupati",
            "Keivan Alizadeh-Vahid",
            "Aaron Walsman",
            "Aniruddha Kembhavi",
            "Ali Farhadi",
        ],
        "Under Review",
        "2022",
        group="Under Review",
        links=["pdf", "arXiv", "code", "project page"],
        abstract=(
            "Enabling robust intelligence in the real-world entails systems that offer "
            "continuous inference while learning from varying amounts of data and supervision.",
            "we construct a new framework, FLUID, which removes certain assumptions",
            "which further questions our progress towards robust, real-world systems.",
        ),
        bibtex={
            "title": "FLUID: A Unified Evaluation Framework for Flexible Sequential Data.",
            "booktitle": "arXiv preprint arXiv:2007.02519",
            "year": "2020",
        },
    ),
    Pub(
        "zellers2022merlot",
        "MERLOT RESERVE: Neural Script Knowledge through Vision and Language and Sound",
        [
            "Rowan Zellers",
            "Jiasen Lu",
            "Ximing Lu",
            "Youngjae Yu",
            "Yanpeng Zhao",
            "Mohammadreza Salehi",
            "Aditya Kusupati",
            "Jack Hessel",
            "Ali Farhadi",
            "Yejin Choi",
        ],
        "Conference on Computer Vision and Pattern Recognition (CVPR)",
        "2022",
        abbr="CVPR'22",
        group="Conference Publications",
        links=["pdf", "arXiv", "code", "project page"],
        abstract=(
            "As humans, we navigate the world through all our senses",
            "We conclude by discussing ethical and societal implications of multimodal "
            "pretraining..",
        ),
        bibtex={
            "title": "MERLOT Reserve: Multimodal Neural Script Knowledge through Vision and "
            "Language and Sound"
        },
    ),
    Pub(
        "jain2022protosound",
        "ProtoSound: Personalized, Scalable Sound Recognition for d/Deaf and Hard of Hearing "
        "Users through In-the-Wild Few-Shot Interactions",
        [
            "Dhruv Jain",
            "Khoa Nguyen",
            "Steven Goodman",
            "Rachel Grossman-Kahn",
            "Hung Ngo",
            "Aditya Kusupati",
            "Ruofei Du",
            "Alex Olwal",
            "Leah Findlater",
            "Jon Froehlich",
        ],
        "Conference on Human Factors in Computing Systems (CHI)",
        "2022",
        abbr="CHI'22",
        group="Conference Publications",
        links=["pdf", "reviews", "arXiv", "code", "video"],
        abstract=(
            "Recent advances have enabled automatic sound recognition systems for deaf and "
            "hard of hearing (DHH) users on mobile devices.",
            "including the need for better recording interfaces and algorithmic improvements.",
        ),
    ),
    Pub(
        "kusupati2021llc",
        "LLC: Accurate, Multi-purpose Learnt Low-dimensional Binary Codes",
        [
            "Aditya Kusupati",
            "Matthew Wallingford",
            "Vivek Ramanujan",
            "Raghav Somani",
            "Jae Sung Park",
            "Krishna Pillutla",
            "Prateek Jain",
            "Sham Kakade",
            "Ali Farhadi",
        ],
        NEURIPS,
        "2021",
        abbr="NeurIPS'21",
        group="Conference Publications",
        links=["pdf", "reviews", "arXiv", "code", "video", "poster"],
        abstract=(
            "Learning binary representations of instances and classes is a classical problem",
            "learns extremely low-dimensional binary codes (~20 bits for ImageNet-1K)",
            "as accurately as a baseline that needs ~3000 samples to tune its threshold, while "
            "we require none. Code and pre-trained models are available at",
        ),
        bibtex={
            "title": "LLC: Accurate, Multi-purpose Learnt Low-dimensional Binary Codes",
            "booktitle": NEURIPS_BIB,
            "month": "dec",
            "year": "2021",
        },
    ),
    Pub(
        "saha2020rnnpool",
        "RNNPool: Efficient Non-linear Pooling for RAM Constrained Inference",
        [
            "Oindrila Saha",
            "Aditya Kusupati",
            "Harsha Vardhan Simhadri",
            "Manik Varma",
            "Prateek Jain",
        ],
        NEURIPS,
        "2020",
        abbr="NeurIPS'20",
        group="Conference Publications",
        badges=[("Virtual Spotlight presentation", "talk")],
        notes=["Also presented at the WiCV workshop @ CVPR, 2020"],
        links=["pdf", "reviews", "arXiv", "code", "video", "poster", "blog 1, 2"],
        abstract=(
            "Standard Convolutional Neural Networks (CNNs) designed for computer vision tasks",
            "microcontrollers with under 256 KB of RAM. Code is released at",
        ),
        bibtex={
            "title": "RNNPool: Efficient Non-linear Pooling for RAM Constrained Inference",
            "booktitle": NEURIPS_BIB,
            "month": "dec",
            "year": "2020",
        },
    ),
    Pub(
        "kusupati2020str",
        "Soft Threshold Weight Reparameterization for Learnable Sparsity",
        [
            "Aditya Kusupati",
            "Vivek Ramanujan*",
            "Raghav Somani*",
            "Mitchell Wortsman*",
            "Prateek Jain",
            "Sham Kakade",
            "Ali Farhadi",
        ],
        "International Conference on Machine Learning (ICML)",
        "2020",
        abbr="ICML'20",
        group="Conference Publications",
        badges=[("Virtual Talk", "talk")],
        links=["pdf", "reviews", "arXiv", "code", "video"],
        abstract=(
            "Sparsity in Deep Neural Networks (DNNs) is studied extensively",
            "reduce the FLOPs by up to 50%. Notably, STR boosts the accuracy over existing "
            "results by up to 10% in the ultra sparse (99%) regime",
        ),
        bibtex={
            "title": "Soft Threshold Weight Reparameterization for Learnable Sparsity",
            "booktitle": "Proceedings of the International Conference on Machine Learning",
            "month": "jul",
            "year": "2020",
        },
    ),
    Pub(
        "prabhu2020xreg",
        "Extreme Regression for Dynamic Search Advertising",
        ["Yashoteja Prabhu", "Aditya Kusupati", "Nilesh Gupta", "Manik Varma"],
        "International Conference on Web Search and Data Mining (WSDM)",
        "2020",
        abbr="WSDM'20",
        group="Conference Publications",
        badges=[("Long Oral presentation", "talk")],
        notes=[
            "Also presented at the Workshop on eXtreme Classification: Theory and "
            "Applications @ ICML, 2020"
        ],
        links=["pdf", "reviews", "arXiv", "code", "poster", "XML Repository"],
        abstract=(
            "This paper introduces a new learning paradigm called eXtreme Regression (XR)",
            "new labelwise prediction algorithm in XReg useful for DSA and other "
            "recommendation tasks.",
            "Experiments on benchmark datasets demonstrated that XReg can outperform",
            "XReg's source code can be downloaded from",
        ),
        bibtex={
            "title": "Extreme Regression for Dynamic Search Advertising",
            "booktitle": "Proceedings of the ACM International Conference on Web Search and "
            "Data Mining",
            "month": "feb",
            "year": "2020",
        },
        abstract_paragraphs=2,  # a blank line in the abstract
    ),
    Pub(
        "roy2019msc",
        "One Size Does Not Fit All: Multi-Scale, Cascaded RNNs for Radar Classification",
        [
            "Dhrubojyoti Roy*",
            "Sangeeta Srivastava*",
            "Aditya Kusupati",
            "Pranshu Jain",
            "Manik Varma",
            "Anish Arora",
        ],
        "International Conference on Systems for Energy-Efficient Buildings, Cities, and "
        "Transportation (BuildSys)",
        "2019",
        abbr="BuildSys'19",
        group="Conference Publications",
        badges=[("Oral presentation", "talk"), ("Best Paper Runner-Up Award", "award")],
        notes=["Invited Paper in ACM Transactions on Sensor Networks (TOSN), 2021"],
        links=["pdf", "reviews", "arXiv", "code", "poster", "dataset", "news"],
        abstract=(
            "Edge sensing with micro-power pulse-Doppler radars is an emergent domain",
            "while also being up to ~3x more efficient than a competitive solution.",
        ),
        bibtex={
            "title": "One Size Does Not Fit All: Multi-Scale, Cascaded RNNs for Radar "
            "Classification",
            "booktitle": "Proceedings of the ACM International Conference on Systems for "
            "Energy-Efficient Buildings, Cities, and Transportation",
            "month": "nov",
            "year": "2019",
        },
    ),
    Pub(
        "kusupati2018fastgrnn",
        "FastGRNN: A Fast, Accurate, Stable and Tiny Kilobyte Sized Gated Recurrent Neural Network",
        [
            "Aditya Kusupati",
            "Manish Singh",
            "Kush Bhatia",
            "Ashish Kumar",
            "Prateek Jain",
            "Manik Varma",
        ],
        NEURIPS,
        "2018",
        abbr="NeurIPS'18",
        group="Conference Publications",
        links=["pdf", "reviews", "arXiv", "code", "video", "poster", "datasets", "blog"],
        abstract=(
            "This paper develops the FastRNN and FastGRNN algorithms",
            'This allowed FastGRNN to accurately recognize the "Hey Cortana" wakeword',
            "FastGRNN's code is available at",
        ),
        bibtex={
            "title": "{FastGRNN}: A Fast, Accurate, Stable and Tiny Kilobyte Sized Gated "
            "Recurrent Neural Network.",
            "booktitle": NEURIPS_BIB,
            "month": "dec",
            "year": "2018",
        },
    ),
    Pub(
        "evtimov2021disrupting",
        "Disrupting Model Training with Adversarial Shortcuts",
        ["Ivan Evtimov", "Ian Covert", "Aditya Kusupati", "Tadayoshi Kohno"],
        "Workshop on Adversarial Machine Learning @ ICML",
        "2021",
        abbr="AdvML@ICML'21",
        group="Workshop Publications",
        links=["pdf", "arXiv", "code"],
        abstract=(
            "When data is publicly released for human consumption",
            "from achieving high accuracy on real, unmodified data examples.",
        ),
        bibtex={
            "title": "Disrupting Model Training with Adversarial Shortcuts",
            "booktitle": "arXiv preprint arXiv:2106.06654",
            "year": "2021",
        },
    ),
    Pub(
        "dhoot2017entity",
        "Efficient Spatial Representation for Entity-Typing",
        ["Anand Dhoot*", "Aditya Kusupati*", "Soumen Chakrabarti"],
        "Undergraduate Thesis, CSE IIT Bombay",
        "2016-17",
        abbr="UG Thesis'17",
        group="Thesis",
        links=["pdf"],
        abstract=(
            "The project aims at creating a efficient spatial embeddings for entities and "
            "types which would be useful for various downstream tasks such as Knowledge Base "
            "Completion, Fine-Type Tagging and Question Answering.",
        ),
        bibtex={"title": "Efficient Spatial Representation for Entity-Typing", "year": "2016-17"},
    ),
    Pub(
        "edgeml2017",
        "EdgeML: Machine Learning for resource-constrained edge devices",
        [
            "Don Kurian Dennis",
            "Yash Gaurkar",
            "Sridhar Gopinath",
            "Sachin Goyal",
            "Chirag Gupta",
            "Moksh Jain",
            "Ashish Kumar",
            "Aditya Kusupati",
            "Chris Lovett",
            "Shishir Girish Patil",
            "Oindrila Saha",
            "Harsha Vardhan Simhadri",
        ],
        "Github, Microsoft Research India",
        "2017-present",
        group="Open-Source Software",
        notes=[
            "Work of many amazing collaborators. I was one of the initial and primary contributors."
        ],
        bibtex={
            "title": "EdgeML: Machine Learning for resource-constrained edge devices",
            "version": "0.3",
        },
        show_authors=False,  # the authors are only in its BibTeX
    ),
]


# Fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cv_site(tmp_path_factory) -> BuiltExample:
    return build_example("cv", tmp_path_factory.mktemp("example-cv"))


@pytest.fixture(scope="module")
def pub_site(tmp_path_factory) -> BuiltExample:
    return build_example("publications", tmp_path_factory.mktemp("example-publications"))


@pytest.fixture(scope="module")
def cv_page(cv_site):
    return cv_site.html()


@pytest.fixture(scope="module")
def pub_page(pub_site):
    return pub_site.html()


# Both examples ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["cv", "publications"])
def test_example_is_a_material_site_with_instant_navigation_and_palette_toggle(name):
    import yaml

    config = yaml.safe_load(
        (Path(__file__).parent.parent / "examples" / name / "mkdocs.yml").read_text()
    )
    theme = config["theme"]
    assert theme["name"] == "material"
    assert theme["font"] is False
    assert "navigation.instant" in theme["features"]
    schemes = [p["scheme"] for p in theme["palette"]]
    assert schemes == ["default", "slate"]
    assert all("toggle" in p for p in theme["palette"])
    assert any(
        (p if isinstance(p, str) else next(iter(p))) == "research" for p in config["plugins"]
    )


@pytest.mark.parametrize("example", ["cv_site", "pub_site"])
def test_builds_strict_without_warnings_or_errors(example, request):
    site = request.getfixturevalue(example)
    assert "WARNING" not in site.output, site.output
    for page in site.site_dir.rglob("*.html"):
        soup = site.html(str(page.relative_to(site.site_dir)))
        article = soup.select_one("article")
        if article is None:
            continue
        assert not article.select(".research-error"), page
        for block in article.select("pre"):
            block.decompose()  # BibTeX legitimately holds {{...}}
        assert not re.search(r"\{\{\s*\w+\s*\(", article.get_text()), f"macro left in {page}"


@pytest.mark.parametrize("example", ["cv", "publications"])
def test_pages_hold_only_prose_and_macros(example):
    """Every listed item comes from data: the pages have no HTML tags and no lists."""
    docs = Path(__file__).parent.parent / "examples" / example / "docs"
    for page in docs.rglob("*.md"):
        source = page.read_text(encoding="utf-8")
        assert not re.search(r"<\s*[a-zA-Z]", source), f"HTML in {page}"
        assert not re.search(r"^\s*([-*+]|\d+\.)\s", source, re.M), f"a hand-written list in {page}"


@pytest.mark.parametrize("example", ["cv_site", "pub_site"])
def test_no_personal_email_addresses(example, request):
    site = request.getfixturevalue(example)
    for page in site.site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for address in re.findall(r"mailto:([^\"'>\s]+)", html):
            assert address.endswith("@example.org"), f"{address} in {page}"
        assert "seas.harvard.edu" not in html and "gmail.com" not in html


SEED_MONTHS = {"feb": "February", "jul": "July", "nov": "November", "dec": "December"}


def test_expected_items_are_transcribed_from_the_seeds():
    """The lists in this file say what the seeds say (checked when the seeds are present)."""
    if not CV_SEED.exists() or not PUBLICATIONS_SEED.exists():
        pytest.skip(f"seed pages not found in {SEEDS}")
    cv, pubs = seed_text(CV_SEED), seed_text(PUBLICATIONS_SEED)
    seed_bibtex = re.sub(r"\s*=\s*", "=", pubs)  # title = {...} and title={...} alike
    for heading in CV_HEADINGS:
        assert in_seed(cv, f"## {heading}") or in_seed(cv, heading), heading
    for entry in CV_ENTRIES:
        for item in entry.texts:
            assert in_seed(cv, item), item
        # Each entry starts with its date; the seed's work entry alone prints its range over
        # two lines ("Jan 2022 - Postdoctoral Research Fellow, Current Harvard University").
        start = dates(f"{entry.seed_date or entry.date} {entry.texts[0]}")
        assert start in dates(cv).replace("*", "") or entry.section == "cv-work", entry.date
    for line in CV_REVIEWING:
        assert in_seed(cv, line), line
    for date, title, event in CV_TALKS:
        assert in_seed(cv, f"{date} {title}"), title
        assert in_seed(cv, event), event
    for pub in CV_PUBS:
        assert in_seed(cv, pub.title), pub.title
        assert in_seed(cv, pub.venue), pub.venue
        for name in pub.authors:
            assert in_seed(cv, name), name
        for text_ in [*pub.notes, *(b for b, _ in pub.badges)]:
            assert in_seed(cv, text_), text_
        for further, award in pub.venue_awards:
            assert in_seed(cv, f"{further} - {award}"), further
    for pub in PUBS:
        for item in [pub.title, pub.venue, pub.abbr, *pub.notes, *(b for b, _ in pub.badges)]:
            assert in_seed(pubs, item), item
        listed = ", ".join(pub.authors[:-1]) + " and " + pub.authors[-1]
        assert in_seed(pubs, listed) or not pub.show_authors, pub.key  # authors: BibTeX only
        assert in_seed(pubs, f"{pub.venue}, {pub.year}"), pub.key
        assert in_seed(pubs, " / ".join(["abstract", "bibtex", *pub.links])), pub.key
        for piece in pub.abstract:
            assert in_seed(pubs, piece), piece
        for name, value in pub.bibtex.items():
            # The seed writes months out (month = {December}); the copied BibTeX uses macros.
            value = SEED_MONTHS.get(value, value) if name == "month" else value
            written = [f"{name}={{{value}}}", f"{name}={{{{{value}}}}}"]
            assert any(w in seed_bibtex for w in written), f"{pub.key}: {name} = {{{value}}}"
    for group in PUB_GROUPS[1:3]:
        assert in_seed(pubs, group), group


# The CV -------------------------------------------------------------------------------------


def test_cv_sections_in_the_seed_order(cv_page):
    headings = [text(h).rstrip("¶").strip() for h in cv_page.select("article h2")]
    assert headings == CV_HEADINGS


def test_cv_header_name_homepage_emails_and_summary(cv_page):
    header = cv_page.select_one(".research-profile")
    assert text(header.select_one("h1")) == "Suraj Srinivas"
    links = {a["href"] for a in header.select(".research-profile__links a")}
    assert "https://suraj-srinivas.github.io" in links
    emails = [a["href"] for a in header.select("a.research-link--email")]
    assert emails == ["mailto:ssrinivas@example.org", "mailto:suraj.srinivas@example.org"]
    summary = text(cv_page.select_one(".research-profile__summary"))
    assert summary == (
        "I am a machine learning researcher interested in building robust, interpretable and "
        "computationally efficient deep neural network models."
    )
    strong = [text(s) for s in cv_page.select(".research-profile__summary strong")]
    assert strong == ["robust, interpretable", "computationally efficient"]


def _cv_entries(cv_page, section: str) -> list:
    return cv_page.select(f"#{section} .research-cv__entry")


@pytest.mark.parametrize(
    "index,entry",
    list(enumerate(CV_ENTRIES)),
    ids=[
        f"{e.section}-" + re.sub(r"[^A-Za-z0-9]+", "-", e.texts[0][:28]).strip("-")
        for e in CV_ENTRIES
    ],
)
def test_cv_entry(cv_page, index, entry):
    position = sum(1 for e in CV_ENTRIES[:index] if e.section == entry.section)
    entries = _cv_entries(cv_page, entry.section)
    assert len(entries) == sum(1 for e in CV_ENTRIES if e.section == entry.section)
    element = entries[position]
    body = squash(text(element.select_one(".research-dated__body")))
    for item in entry.texts:
        assert squash(item) in body, f"{item!r} not in {body!r}"
    shown_date = text(element.select_one(".research-dated__date"))
    if entry.gap and dates(shown_date) != dates(entry.seed_date):
        assert dates(shown_date) == dates(entry.date)  # the nearest the plugin can show
        pytest.xfail(entry.gap)
    assert dates(shown_date) == dates(entry.seed_date or entry.date)


def test_cv_reviewing_grouped_by_year(cv_page):
    lines = [squash(text(li)) for li in cv_page.select("#cv-reviewing li")]
    assert lines == [squash(line) for line in CV_REVIEWING]
    groups = [text(s) for s in cv_page.select("#cv-reviewing .research-cv__service-group")]
    assert groups == ["Conferences", "Journals"]


def test_cv_mentoring_outcomes_are_separate_lines(cv_page):
    outcomes = [
        [text(o) for o in e.select(".research-cv__outcome")]
        for e in _cv_entries(cv_page, "cv-mentoring")
    ]
    assert [len(o) for o in outcomes] == [2, 1, 2, 2]


def test_cv_talks_newest_first_with_dates_titles_and_events(cv_page):
    talks = cv_page.select(".research-talk")
    shown = [
        (
            text(t.select_one(".research-dated__date")),
            text(t.select_one(".research-talk__title")),
            text(t.select_one(".research-talk__event")),
        )
        for t in talks
    ]
    assert shown == CV_TALKS
    club = talks[7]
    assert [a["href"] for a in club.select("a")] == ["https://example.org/ml-for-astrophysicists"]


def test_cv_metrics_and_scholar_link(cv_page):
    heading = cv_page.select_one("#selected-publications")
    metrics = heading.find_next(class_="research-metrics")
    assert text(metrics) == "Citations: 1400+ · h-index: 9"
    scholar = heading.find_next("a", string="Google Scholar Profile")
    assert scholar["href"].startswith("https://scholar.google.com/")
    assert metrics.find_next(class_="research-pub") is not None  # above the list


def test_cv_marker_legend(cv_page):
    legend = text(cv_page.select_one(".research-legend"))
    assert "* co-first-author" in legend
    assert "m Mentoring role" in legend


def test_cv_publications_in_seed_order(cv_page):
    rows = cv_page.select(".research-publications .research-pub")
    assert [row["id"] for row in rows] == [f"pub-{p.key}" for p in CV_PUBS]


def test_cv_shows_no_bibtex_toggles(cv_page):
    """The seed CV has no BibTeX toggles; the entries say bibtex_show = {false}."""
    assert not cv_page.select(".research-bibtex-toggle")


@pytest.mark.parametrize("pub", CV_PUBS, ids=[p.key for p in CV_PUBS])
def test_cv_publication(cv_page, pub):
    row = cv_page.select_one(f"#pub-{pub.key}")
    if pub.key in CV_CODE_LINKS:
        assert row.select_one("a.research-link--code")["href"] == CV_CODE_LINKS[pub.key]
    end_with_gaps(check_row(row, pub), pub.gap_checks, pub.gap)


# The publications homepage -----------------------------------------------------------------


def test_publications_header_bio_and_links(pub_page):
    header = pub_page.select_one(".research-profile")
    assert text(header.select_one("h1")) == "Aditya Kusupati"
    labels = [text(a) for a in header.select(".research-profile__links a")]
    for label in ["CV", "Scholar", "dblp", "Github", "Twitter", "Calendar"]:
        assert any(label.lower() in shown.lower() for shown in labels), label
    bio = text(pub_page.select_one(".research-profile__summary"))
    for piece in [
        "I am a CS PhD student at University of Washington jointly advised by Ali Farhadi and "
        "Sham Kakade",
        "My research interests lie in the intersection of Machine Learning & Computer Vision "
        "with a focus on real-world deployability.",
        "Before joining PhD, I spent two amazing years as a Research Fellow at Microsoft "
        "Research India with Manik Varma and Prateek Jain.",
        "Pro Bono: I have set aside 1 hr every week",
        "Contact me via email to set up the slot.",
    ]:
        assert piece in bio, piece
    assert [text(p) for p in pub_page.select(".research-profile__summary > p")][2].startswith(
        "Pro Bono:"
    )


def test_publications_legend_and_groups(pub_page):
    assert text(pub_page.select_one(".research-legend")) == "* equal contribution"
    groups = [text(h) for h in pub_page.select("h2.research-group")]
    assert groups == PUB_GROUPS


def test_publications_in_seed_order_within_their_groups(pub_page):
    order = []
    for heading in pub_page.select("h2.research-group"):
        rows = heading.find_next_sibling("ol").select(".research-pub")
        order += [(text(heading), row["id"]) for row in rows]
    assert order == [(p.group, f"pub-{p.key}") for p in PUBS]


def test_publications_closing_prose(pub_page):
    article = text(pub_page.select_one("article"))
    assert "Teaching, Service & Talks" in article
    assert "Check my CV for these details." in article
    assert "Template: this, this and this" in squash(article)


@pytest.mark.parametrize("pub", PUBS, ids=[p.key for p in PUBS])
def test_publication_row(pub_page, pub):
    row = pub_page.select_one(f"#pub-{pub.key}")
    failed = check_row(row, pub)
    # Every row of the seed has the abstract and bibtex toggles.
    abstract = row.select_one("details.research-abstract")
    assert abstract is not None and abstract.select_one("summary") is not None
    assert row.select_one("details.research-bibtex-toggle .research-copy") is not None
    shown = " ".join(text(abstract.select_one(".research-abstract__text")).split())
    for piece in pub.abstract:
        assert piece.replace("--", "–") in shown, piece
    end_with_gaps(failed, pub.gap_checks, pub.gap)


@pytest.mark.parametrize("pub", PUBS, ids=[p.key for p in PUBS])
def test_publication_bibtex(pub_page, pub):
    """The copied BibTeX is the seed's: formal title, proceedings and year, even where the
    row shows display names; the custom fields (display_* included) stay out of it."""
    code = pub_page.select_one(f"#pub-{pub.key} .research-bibtex code").get_text()
    assert code.startswith("@") and f"{{{pub.key}," in code
    # Values are braced, except BibTeX's month macros (month = dec).
    fields = {
        name: braced or bare
        for name, braced, bare in re.findall(r"^\s+(\w+)\s*=\s*(?:\{(.*)\}|(\w+)),$", code, re.M)
    }
    differ = [
        f"bibtex-{name}"
        for name, value in pub.bibtex.items()
        if not (fields.get(name) == value or fields.get(name, "").strip("{}") == value)
    ]
    assert set(differ) <= set(pub.gap_checks), f"{pub.key}: BibTeX fields differ: {differ}"
    authors = [a.strip() for a in fields["author"].split(" and ")]
    assert len(authors) == len(pub.authors)
    assert "Kusupati, Aditya" in authors
    assert "*" not in fields["author"], "markers are not part of the copied BibTeX"
    for custom in (
        *("abstract", "abbr", "category", "award_name", "pdf", "code", "also", "links"),
        *("show_authors", "display_title", "display_venue", "display_year"),
    ):
        assert custom not in fields, custom
    end_with_gaps(differ, pub.gap_checks, pub.gap)


def test_compact_page_lists_every_publication(pub_site):
    page = pub_site.html("glance/index.html")
    rows = page.select(".research-pub--compact")
    assert [row["id"] for row in rows] == [f"pub-{p.key}" for p in PUBS]
    assert [text(h) for h in page.select("h2.research-group")] == PUB_GROUPS
