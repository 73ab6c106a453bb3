"""Labels and dates in the site's language: a French site reads French, a German one shows
German dates, the ``labels`` option wins over every language, and an unknown language is
English without a word of complaint."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import Site, _build, write_site

from mkdocs_research.labels import LABELS, Labels
from mkdocs_research.options import Options
from mkdocs_research.rendering import Renderer

AUTHORS = " and ".join(f"Author{i}, A." for i in range(14))
BIB = f"""@article{{quill2024journal,
  title    = {{A Journal Article}},
  author   = {{Quill, Ada* and Stone, Bo* and {AUTHORS}}},
  journal  = {{Journal of Examples}},
  year     = {{2024}},
  abstract = {{What it shows.}},
  pdf      = {{https://example.org/a.pdf}},
  code     = {{https://github.com/example/a}},
  slides   = {{https://example.org/slides.pdf}},
}}

@phdthesis{{quill2021thesis,
  title  = {{My Thesis}},
  author = {{Quill, Ada}},
  school = {{Université de Genève}},
  year   = {{2021}},
}}

@article{{quill2025next,
  title   = {{Coming Soon}},
  author  = {{Quill, Ada}},
  journal = {{Journal of Examples}},
  year    = {{forthcoming}},
}}
"""
TALKS = """- date: 2024-05-03
  title: A Talk
  event: A Workshop
  type: invited
  url: https://example.org/event
"""
NEWS = """- date: 2024-06-01
  text: Something happened.
"""
CV = """- id: experience
  entries:
    - position: Researcher
      organisation: Lab
      dates: 2019-09 - present
      advisor: Prof. Stone
    - position: Intern
      organisation: Company
      dates: 2020-08 - 2020-12
"""
PROFILE = """name: Ada Quill
metrics:
  citations: 100
  as_of: 2023-01
"""
PAGES = {
    "index.md": "# Home\n\n{{ profile() }}\n\n## Papers\n\n"
    "{{ publications(group_by='type', filter=true) }}\n",
    "talks.md": "# Talks\n\n{{ talks() }}\n",
    "news.md": "# News\n\n{{ news() }}\n",
    "cv.md": "# CV\n\n{{ cv() }}\n",
}
DATA = {
    "papers.bib": BIB,
    "talks.yml": TALKS,
    "news.yml": NEWS,
    "cv.yml": CV,
    "profile.yml": PROFILE,
}


def site_in(tmp_path: Path, theme_language: str | None, **options: object) -> Site:
    theme = {"name": "material", "font": False}
    if theme_language is not None:
        theme["language"] = theme_language
    root = write_site(tmp_path, PAGES, DATA, plugin=dict(options), extra={"theme": theme})
    return _build(root)


def text(element) -> str:
    return " ".join(element.get_text(" ").split()).replace(" ,", ",")


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return site_in(tmp_path_factory.mktemp("fr"), "fr")


def test_a_french_site_shows_french_labels(french: Site) -> None:
    assert french.warnings == []
    home = french.html()
    row = home.select_one("#pub-quill2024journal")
    assert text(row.select_one("details.research-abstract summary")) == "Résumé"
    assert text(row.select_one(".research-authors__toggle")) == "et 4 autres"
    assert [text(a) for a in row.select(".research-link__label")] == ["PDF", "Code", "Diapositives"]
    assert row.select_one(".research-authors__toggle")["data-other"] == "en afficher moins"
    assert row.select_one(".research-copy")["aria-label"] == "Copier le BibTeX"
    assert row.select_one(".research-copy")["data-done"] == "Copié"  # said once copied
    assert text(home.select_one(".research-legend")) == "* Contribution égale"
    headings = [(h["id"], text(h)) for h in home.select("h3.research-group")]
    assert headings == [
        ("group-journal", "Articles de revue"),
        ("group-thesis", "Thèses et mémoires"),
    ]
    thesis = home.select_one("#pub-quill2021thesis .research-pub__venue")
    assert text(thesis) == "Thèse de doctorat, Université de Genève, 2021"
    assert text(home.select_one("#pub-quill2025next .research-pub__venue")).endswith("à paraître")
    form = home.select_one("form.research-filter")
    assert (
        form.select_one("input")["placeholder"]
        == "Filtrer par titre, auteur ou lieu de publication"
    )
    assert form["data-none"] == "Aucune publication ne correspond"
    assert form["aria-label"] == "Filtrer les publications"
    assert text(form.select_one(".research-filter__type option")) == "Tous les types"
    assert text(home.select_one(".research-metrics")) == "Citations: 100 (données de janvier 2023)"


def test_a_french_site_shows_french_dates_and_words(french: Site) -> None:
    talk = french.html("talks/index.html").select_one(".research-talk")
    assert text(talk.select_one(".research-dated__date")) == "3 mai 2024"
    assert text(talk.select_one(".research-badge--talk")) == "invité"
    assert text(talk.select_one(".research-link__label")) == "Page de l'événement"
    news = french.html("news/index.html").select_one(".research-dated__date")
    assert text(news) == "1 juin 2024"
    cv = french.html("cv/index.html")
    dates = [text(d) for d in cv.select(".research-dated__date")]
    assert dates == ["sept. 2019 – aujourd'hui", "août – déc. 2020"]
    assert "Direction: Prof. Stone" in text(cv.select_one(".research-cv__entry"))


def test_labels_option_wins_over_the_language(tmp_path: Path) -> None:
    site = site_in(tmp_path, "fr", labels={"abstract": "Summary", "present": "now"})
    row = site.html().select_one("#pub-quill2024journal")
    assert text(row.select_one("details.research-abstract summary")) == "Summary"
    assert text(row.select_one(".research-authors__toggle")) == "et 4 autres"
    dates = [text(d) for d in site.html("cv/index.html").select(".research-dated__date")]
    assert dates[0] == "sept. 2019 – now"


def test_a_german_site_shows_german_dates(tmp_path: Path) -> None:
    site = site_in(tmp_path, "de")
    assert text(site.html("talks/index.html").select_one(".research-dated__date")) == "3. Mai 2024"
    assert text(site.html("news/index.html").select_one(".research-dated__date")) == "1. Juni 2024"
    dates = [text(d) for d in site.html("cv/index.html").select(".research-dated__date")]
    assert dates == ["Sept. 2019 – heute", "Aug – Dez. 2020"]
    summary = site.html().select_one("details.research-abstract summary")
    assert text(summary) == "Zusammenfassung"


@pytest.mark.parametrize(
    ("theme", "option"), [(None, "xx-YY"), ("en", None), (None, None)], ids=["xx", "en", "none"]
)
def test_an_unknown_language_is_english_without_a_warning(tmp_path: Path, theme, option) -> None:
    site = site_in(tmp_path, theme, **({"language": option} if option else {}))
    assert site.warnings == []
    home = site.html()
    assert text(home.select_one("details.research-abstract summary")) == "Abstract"
    assert text(home.select_one("h3.research-group")) == "Journal articles"
    talk = site.html("talks/index.html").select_one(".research-talk")
    assert text(talk.select_one(".research-dated__date")) == "3 May 2024"
    assert text(talk.select_one(".research-badge--talk")) == "invited"  # as written
    dates = [text(d) for d in site.html("cv/index.html").select(".research-dated__date")]
    assert dates == ["Sept 2019 – present", "Aug – Dec 2020"]


def test_an_unknown_label_is_reported_with_the_nearest_one(tmp_path: Path) -> None:
    site = site_in(tmp_path, None, labels={"abstarct": "Summary"})
    assert site.warnings == [
        "research: mkdocs.yml: option 'labels': no label 'abstarct'; did you mean 'abstract'?"
    ]


def test_changing_the_language_or_a_label_renders_again(tmp_path: Path) -> None:
    """Rows and macro outputs are cached on disk by everything they show: the language and
    the labels are part of their keys."""
    site = site_in(tmp_path, "en")
    assert (tmp_path / ".cache" / "plugin" / "research" / "rows.json").is_file()
    summary = "#pub-quill2024journal details.research-abstract summary"
    assert text(site.html().select_one(summary)) == "Abstract"
    config = tmp_path / "mkdocs.yml"
    values = yaml.safe_load(config.read_text(encoding="utf-8"))
    values["theme"]["language"] = "fr"
    config.write_text(yaml.safe_dump(values, allow_unicode=True), encoding="utf-8")
    assert text(_build(tmp_path).html().select_one(summary)) == "Résumé"
    values["plugins"] = [{"research": {"labels": {"abstract": "Synthèse"}}}]
    config.write_text(yaml.safe_dump(values, allow_unicode=True), encoding="utf-8")
    assert text(_build(tmp_path).html().select_one(summary)) == "Synthèse"

    signatures = {
        Renderer(Options(tmp_path, **given)).signature
        for given in ({}, {"language": "fr"}, {"labels": {"abstract": "Summary"}})
    }
    assert len(signatures) == 3


def test_the_markdown_extension_takes_a_language(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "papers.bib").write_text(BIB, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    html = markdown.markdown(
        "{{ publications(keys=['quill2024journal']) }}",
        extensions=["mkdocs_research.markdown"],
        extension_configs={"mkdocs_research.markdown": {"language": "ja"}},
    )
    row = BeautifulSoup(html, "html.parser")
    assert text(row.select_one("details.research-abstract summary")) == "概要"
    assert text(row.select_one(".research-authors__toggle")) == "ほか 4 名"


def test_regional_languages_fall_back_to_their_language_then_to_english() -> None:
    brazil = Labels("pt-BR")
    assert brazil("phdthesis") == "Tese de doutorado"  # pt-BR's own
    assert brazil("abstract") == "Resumo"  # from pt
    assert brazil("bibtex") == "BibTeX"  # from English
    assert brazil.locale == "pt_BR"
    assert Labels("zh-TW")("abstract") == Labels("zh-Hant")("abstract") == "摘要"
    assert Labels("zh-TW")("copy") == "複製到剪貼簿"  # traditional, not simplified
    assert Labels("nn")("abstract") == "Sammendrag"  # Nynorsk reads the Bokmål labels
    assert Labels("ru")("abstract") == "Abstract" and Labels("ru").locale == "ru"
    assert Labels("xx-YY").locale == "en_001"


def test_chapters_and_stars_are_said_in_the_language() -> None:
    expected = {
        "fr": ("Dans", "étoiles sur GitHub"),
        "es": ("En", "estrellas en GitHub"),
        "pt-BR": ("Em", "estrelas no GitHub"),  # from pt
        "de": ("In", "GitHub-Sterne"),
        "zh": ("载于", "GitHub 星标"),
    }
    said = {lang: (Labels(lang)("in_book"), Labels(lang)("github_stars")) for lang in expected}
    assert said == expected


def test_a_label_fills_in_its_values_and_escapes_nothing_itself() -> None:
    labels = Labels("en", {"and_more": "<b>+{n}</b>"})
    assert labels("and_more", n=4) == "<b>+4</b>"  # Jinja's autoescape escapes it in pages
    assert labels("no_such_label", "fallback") == "fallback"
    assert labels.word("talk_invited", "Invited") == "Invited"
    assert Labels("de").word("talk_invited", "Invited") == "eingeladen"


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


@pytest.mark.parametrize("table", sorted(LABELS.glob("*.yml")), ids=lambda p: p.stem)
def test_every_table_translates_known_labels_with_their_placeholders(table: Path) -> None:
    english = yaml.safe_load((LABELS / "en.yml").read_text(encoding="utf-8"))
    labels = yaml.safe_load(table.read_text(encoding="utf-8"))
    assert set(labels) <= set(english)
    for key, value in labels.items():
        assert isinstance(value, str) and value.strip(), key
        assert _placeholders(value) == _placeholders(english[key]), key


def test_the_languages_material_ships_for_western_europe_and_east_asia_have_tables() -> None:
    names = {path.stem for path in LABELS.glob("*.yml")}
    wanted = {"en", "de", "fr", "es", "it", "pt", "nl", "da", "sv", "nb", "fi", "ca", "zh", "ja"}
    assert wanted <= names
    english = yaml.safe_load((LABELS / "en.yml").read_text(encoding="utf-8"))
    for name in wanted - {"en"}:
        labels = yaml.safe_load((LABELS / f"{name}.yml").read_text(encoding="utf-8"))
        assert len(labels) >= len(english) // 2, name  # the words, not just the brands
