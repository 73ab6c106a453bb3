"""URLs from data: one check decides which become links and images, wherever they are written
(link fields, Markdown, ``\\url`` and ``\\href`` in BibTeX); images from other sites are left
out, with a warning at their line, unless the site allows them."""

from __future__ import annotations

import pytest
from conftest import Site

from mkdocs_research.latex import latex_to_html
from mkdocs_research.links import safe_url
from mkdocs_research.prose import markdown_inline

SAFE = [
    "https://example.org/a?b=c#d",
    "http://example.org",
    "mailto:ada@example.org",
    "papers/x.pdf",
    "/papers/x.pdf",
    "#pub-x",
    "papers/my paper.pdf",
]
UNSAFE = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:x",
    "//evil.example",
    "\\\\evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "https://example.org/\u202egpj.exe",  # right-to-left override
    "https://exa\u200bmple.org",  # zero-width space
    "https://example.org/\x7f",
    "https://example.org/\x00",
    "https://example.org/\u2066x\u2069",
    "a:b/c",
]


@pytest.mark.parametrize("url", SAFE)
def test_safe_urls_pass_unchanged(url: str) -> None:
    assert safe_url(url) == url


@pytest.mark.parametrize("url", UNSAFE)
def test_unsafe_urls_are_refused(url: str) -> None:
    assert safe_url(url) is None


@pytest.mark.parametrize("url", [u for u in UNSAFE if not any(c.isspace() for c in u)])
def test_markdown_links_from_data_use_the_same_check(url: str) -> None:
    assert "href" not in markdown_inline(f"[x]({url})")


@pytest.mark.parametrize(
    "latex",
    [
        r"\href{javascript:alert(1)}{x}",
        r"\url{//evil.example}",
        r"\href{/\evil.example}{x}",  # \e is a command: the URL keeps its backslash
        r"\url{\\evil.example}",
        "\\href{https://example.org/\u202egpj.exe}{x}",
    ],
)
def test_latex_links_use_the_same_check(latex: str) -> None:
    assert "href" not in latex_to_html(latex)


def test_safe_links_stay_links_everywhere() -> None:
    assert latex_to_html(r"\href{https://example.org}{site}") == (
        '<a href="https://example.org">site</a>'
    )
    assert markdown_inline("[site](https://example.org)") == (
        '<a href="https://example.org">site</a>'
    )


BIB = r"""
@article{thumb,
  title = {With a thumbnail},
  year = {2020},
  preview = {https://cdn.example.org/thumb.png},
  annotation = {See ![the figure](https://cdn.example.org/fig.png) here},
}
"""
PROFILE = "name: Ada Quill\nphoto: https://cdn.example.org/me.jpg\n"
NEWS = "- date: 2024-01-02\n  text: A prize ![medal](https://cdn.example.org/medal.png)\n"
PAGE = "{{ profile() }}\n\n{{ news() }}\n\n{{ publications() }}\n"


def images(site: Site) -> list[str]:
    return [img["src"] for img in site.html().select(".research img")]


def test_remote_images_are_left_out_with_a_warning_at_their_line(make_site) -> None:
    site = make_site(
        {"index.md": PAGE}, {"papers.bib": BIB, "profile.yml": PROFILE, "news.yml": NEWS}
    )
    assert images(site) == []
    assert (
        site.html()
        .select_one(".research-news__item")
        .get_text(" ", strip=True)
        .startswith("2 Jan 2024 A prize")
    )
    where = sorted(w.split(": '")[0] for w in site.warnings)
    assert where == [
        "research: data/news.yml:2",
        "research: data/papers.bib:2",
        "research: data/papers.bib:2",
        "research: data/profile.yml:2",
    ]
    assert all("set remote_images: true" in w for w in site.warnings)


def test_remote_images_show_when_the_site_allows_them(make_site) -> None:
    site = make_site(
        {"index.md": PAGE},
        {"papers.bib": BIB, "profile.yml": PROFILE, "news.yml": NEWS},
        plugin={"remote_images": True},
    )
    assert site.warnings == []
    assert sorted(images(site)) == [
        "https://cdn.example.org/fig.png",
        "https://cdn.example.org/me.jpg",
        "https://cdn.example.org/medal.png",
        "https://cdn.example.org/thumb.png",
    ]


def test_local_images_need_no_permission(make_site) -> None:
    site = make_site(
        {"index.md": PAGE},
        {
            "profile.yml": "name: Ada Quill\nphoto: images/me.jpg\n",
            "news.yml": NEWS.replace("https://cdn.example.org/", "images/"),
        },
    )
    assert site.warnings == []
    assert sorted(images(site)) == ["images/me.jpg", "images/medal.png"]
