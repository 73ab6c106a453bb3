"""CVs kept in another format: a JSON Resume (``data/resume.json``) and a RenderCV file
(``data/*_CV.yaml``) become the same profile and CV sections as ``profile.yml`` and ``cv.yml``.

Each loader returns ``((profile, sections), problems)`` and never raises.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from mkdocs_research.dates import DateRange, PartialDate
from mkdocs_research.model import Link, Problem, Profile
from mkdocs_research.resume_formats import load_json_resume, load_rendercv

RESUME = {
    "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
    "basics": {
        "name": "Ada Lovelace",
        "label": "Postdoctoral Researcher",
        "image": "images/ada.jpg",
        "email": "ada@example.org",
        "phone": "+44 20 7946 0000",
        "url": "https://ada.example.org",
        "summary": "I study how *analytical engines* learn.",
        "location": {"city": "London", "countryCode": "GB", "region": "England"},
        "profiles": [
            {"network": "Google Scholar", "username": "AbCdEfGAAAAJ"},
            {"network": "GitHub", "username": "ada", "url": "https://github.com/ada-lovelace"},
            {"network": "ORCID", "username": "0000-0002-1825-0097"},
            {"network": "Mastodon", "username": "@ada@mathstodon.xyz"},
        ],
    },
    "work": [
        {
            "name": "University of Cambridge",
            "position": "Postdoctoral Researcher",
            "location": "Cambridge, UK",
            "url": "https://www.cam.ac.uk",
            "startDate": "2022-09",
            "summary": "Probabilistic programming with Prof. Babbage.",
            "highlights": ["Led the *Engine* project", "Taught Bayesian statistics"],
        },
        {
            "name": "DeepMind",
            "position": "Research Intern",
            "startDate": "2020-06-01",
            "endDate": "2020-09-30",
        },
    ],
    "education": [
        {
            "institution": "University of London",
            "url": "https://www.london.ac.uk",
            "area": "Computer Science",
            "studyType": "PhD",
            "startDate": "2017",
            "endDate": "2022",
            "score": "Summa cum laude",
            "courses": ["CS101 - Analytical Engines", "MA201 - Measure Theory"],
        }
    ],
    "awards": [
        {
            "title": "Best Paper Award",
            "date": "2021-07-15",
            "awarder": "ICML",
            "summary": "For work on difference engines",
        }
    ],
    "skills": [
        {"name": "Programming", "level": "Expert", "keywords": ["Python", "Julia", "Rust"]},
        {"name": "Mathematics", "keywords": ["Probability", "Analysis"]},
    ],
    "languages": [{"language": "English", "fluency": "Native speaker"}],
    "references": [{"name": "Charles Babbage", "reference": "Ada is brilliant."}],
}


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def json_resume(tmp_path: Path, data: object) -> tuple[Profile | None, list, list[Problem]]:
    path = write(tmp_path, "resume.json", json.dumps(data, indent=2, ensure_ascii=False))
    (profile, sections), problems = load_json_resume(path, "data/resume.json")
    return profile, sections, problems


def rendercv(tmp_path: Path, text: str) -> tuple[Profile | None, list, list[Problem]]:
    path = write(tmp_path, "Ada_Lovelace_CV.yaml", textwrap.dedent(text))
    (profile, sections), problems = load_rendercv(path, "data/Ada_Lovelace_CV.yaml")
    return profile, sections, problems


def by_id(sections: list) -> dict:
    return {section.id: section for section in sections}


def line_number(text: str, needle: str) -> int:
    """The 1-based line of the first line of ``text`` containing ``needle``."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


# JSON Resume: the profile -------------------------------------------------------------------


def test_json_resume_basics_become_the_profile(tmp_path):
    profile, _, problems = json_resume(tmp_path, RESUME)

    assert problems == []
    assert profile.name == "Ada Lovelace"
    assert profile.position == "Postdoctoral Researcher"
    assert profile.photo == "images/ada.jpg"
    assert profile.emails == ["ada@example.org"]
    assert profile.summary == "I study how *analytical engines* learn."
    assert profile.affiliation == ""  # the location is not an affiliation


def test_profiles_become_links_preferring_the_url_over_the_username(tmp_path):
    profile, _, _ = json_resume(tmp_path, RESUME)

    assert profile.links == [
        Link("homepage", "Homepage", "https://ada.example.org", "homepage"),
        Link(
            "scholar",
            "Google Scholar",
            "https://scholar.google.com/citations?user=AbCdEfGAAAAJ",
            "scholar",
        ),
        Link("github", "GitHub", "https://github.com/ada-lovelace", "github"),
        Link("orcid", "ORCID", "https://orcid.org/0000-0002-1825-0097", "orcid"),
        Link("mastodon", "Mastodon", "https://mathstodon.xyz/@ada", "mastodon"),
    ]


@pytest.mark.parametrize(
    ("network", "kind"),
    [
        ("google scholar", "scholar"),
        ("Scholar", "scholar"),
        ("Twitter", "twitter"),
        ("X", "x"),
        ("LinkedIn", "linkedin"),
        ("dblp", "dblp"),
        ("Bluesky", "bluesky"),
        ("ResearchGate", "researchgate"),
        ("Semantic Scholar", "semantic_scholar"),
    ],
)
def test_network_names_are_matched_whatever_their_case_and_spacing(tmp_path, network, kind):
    data = {"basics": {"name": "Ada", "profiles": [{"network": network, "username": "ada"}]}}

    profile, _, problems = json_resume(tmp_path, data)

    assert problems == []
    assert [link.kind for link in profile.links] == [kind]


def test_an_unknown_network_is_a_plain_link_named_after_it(tmp_path):
    # JSON Resume's own sample has a SoundCloud profile: no icon here, but a link all the same.
    data = {
        "basics": {
            "name": "Ada",
            "profiles": [
                {"network": "GitHub", "username": "ada"},
                {"network": "SoundCloud", "username": "ada", "url": "https://soundcloud.com/ada"},
                {"network": "MySpace", "username": "ada"},
            ],
        }
    }

    profile, _, problems = json_resume(tmp_path, data)

    assert [(link.kind, link.label, link.url, link.icon) for link in profile.links] == [
        ("github", "GitHub", "https://github.com/ada", "github"),
        ("other", "SoundCloud", "https://soundcloud.com/ada", "website"),
    ]
    # Without an address no link can be made: that is worth a message.
    [problem] = problems
    assert problem.line == line_number(json.dumps(data, indent=2), "MySpace")
    assert problem.message == (
        "cannot make a MySpace link without its address; give the profile's https:// address"
        " as 'url'"
    )


def test_a_resume_without_basics_has_no_profile(tmp_path):
    profile, sections, problems = json_resume(tmp_path, {"work": [{"name": "MIT"}]})

    assert profile is None
    assert [s.id for s in sections] == ["experience"]
    assert problems == []


# JSON Resume: the CV sections ---------------------------------------------------------------


def test_json_resume_sections_keep_the_schema_order_and_references_are_left_out(tmp_path):
    _, sections, _ = json_resume(tmp_path, RESUME)

    assert [(s.id, s.title, s.kind) for s in sections] == [
        ("experience", "Experience", "experience"),
        ("education", "Education", "education"),
        ("awards", "Awards", "awards"),
        ("skills", "Skills", "text"),
        ("languages", "Languages", "text"),
    ]


def test_work_becomes_experience_with_highlights_as_a_bullet_list(tmp_path):
    _, sections, _ = json_resume(tmp_path, RESUME)
    current, internship = by_id(sections)["experience"].entries

    assert current.fields["position"] == "Postdoctoral Researcher"
    assert current.fields["organisation"] == "University of Cambridge"
    assert current.fields["location"] == "Cambridge, UK"
    assert current.fields["url"] == "https://www.cam.ac.uk"
    assert current.fields["description"] == (
        "Probabilistic programming with Prof. Babbage.\n\n"
        "- Led the *Engine* project\n"
        "- Taught Bayesian statistics"
    )
    assert current.dates == DateRange(PartialDate(2022, 9), None, present=True)
    assert internship.dates == DateRange(PartialDate(2020, 6, 1), PartialDate(2020, 9, 30))
    assert internship.fields["description"] == ""


def test_every_entry_has_all_the_fields_of_its_kind(tmp_path):
    """Templates can use ``entry.fields.advisor`` even when the source has no advisor."""
    _, sections, _ = json_resume(tmp_path, RESUME)
    internship = by_id(sections)["experience"].entries[1]

    assert internship.fields == {
        "position": "Research Intern",
        "organisation": "DeepMind",
        "advisor": "",
        "focus": "",
        "when": "",
        "location": "",
        "description": "",
        "url": "",
    }


def test_education_joins_study_type_and_area_into_the_degree(tmp_path):
    _, sections, _ = json_resume(tmp_path, RESUME)
    [phd] = by_id(sections)["education"].entries

    assert phd.fields["degree"] == "PhD in Computer Science"
    assert phd.fields["institution"] == "University of London"
    assert phd.fields["distinction"] == "Summa cum laude"
    assert phd.fields["description"] == ("- CS101 - Analytical Engines\n- MA201 - Measure Theory")
    assert phd.dates == DateRange(PartialDate(2017), PartialDate(2022))


def test_awards_read_as_title_awarder_and_summary(tmp_path):
    _, sections, _ = json_resume(tmp_path, RESUME)
    [award] = by_id(sections)["awards"].entries

    assert award.fields["text"] == "Best Paper Award — ICML: For work on difference engines"
    assert award.dates == DateRange(PartialDate(2021, 7, 15))


def test_skills_and_languages_become_text_entries(tmp_path):
    _, sections, _ = json_resume(tmp_path, RESUME)
    skills = [entry.fields["text"] for entry in by_id(sections)["skills"].entries]
    languages = [entry.fields["text"] for entry in by_id(sections)["languages"].entries]

    assert skills == [
        "**Programming** (Expert): Python, Julia, Rust",
        "**Mathematics**: Probability, Analysis",
    ]
    assert languages == ["English (Native speaker)"]


def test_certificates_publications_interests_and_projects_become_text_sections(tmp_path):
    data = {
        "certificates": [
            {
                "name": "Deep Learning",
                "issuer": "Coursera",
                "date": "2019-03",
                "url": "https://coursera.org/c/1",
            }
        ],
        "publications": [
            {
                "name": "Notes on the Engine",
                "publisher": "Taylor's Scientific Memoirs",
                "releaseDate": "1843",
            }
        ],
        "interests": [{"name": "Poetry", "keywords": ["Byron"]}],
        "volunteer": [
            {
                "organization": "Women in ML",
                "position": "Mentor",
                "startDate": "2021",
                "endDate": "2023",
            }
        ],
        "projects": [
            {
                "name": "engine.jl",
                "description": "A Julia package.",
                "highlights": ["1k stars"],
                "url": "https://github.com/ada/engine.jl",
                "startDate": "2021-01",
                "endDate": "2022-12",
            }
        ],
    }

    _, sections, problems = json_resume(tmp_path, data)
    found = by_id(sections)

    assert problems == []
    assert [s.id for s in sections] == [
        "volunteer",
        "certificates",
        "publications",
        "interests",
        "projects",
    ]
    assert found["volunteer"].kind == "experience"
    assert found["volunteer"].entries[0].fields["organisation"] == "Women in ML"
    assert found["certificates"].entries[0].fields["text"] == (
        "[Deep Learning](https://coursera.org/c/1), Coursera"
    )
    assert found["certificates"].entries[0].dates == DateRange(PartialDate(2019, 3))
    assert found["publications"].entries[0].fields["text"] == (
        "Notes on the Engine, Taylor's Scientific Memoirs"
    )
    assert found["publications"].entries[0].dates == DateRange(PartialDate(1843))
    assert found["interests"].entries[0].fields["text"] == "**Poetry**: Byron"
    project = found["projects"].entries[0]
    assert project.fields["text"] == "**[engine.jl](https://github.com/ada/engine.jl)**"
    assert project.fields["description"] == "A Julia package.\n\n- 1k stars"
    assert project.dates == DateRange(PartialDate(2021, 1), PartialDate(2022, 12))


# JSON Resume: problems ----------------------------------------------------------------------


def test_invalid_json_is_one_problem_at_the_line_of_the_mistake(tmp_path):
    path = write(
        tmp_path,
        "resume.json",
        '{\n  "basics": {\n    "name": "Ada Lovelace"\n    "label": "Researcher"\n  }\n}\n',
    )

    (profile, sections), problems = load_json_resume(path, "data/resume.json")

    assert (profile, sections) == (None, [])
    assert problems == [
        Problem(
            "data/resume.json",
            4,
            "the file is not valid JSON: Expecting ',' delimiter; "
            "check the commas and quotes near this line",
        )
    ]


def test_a_bad_date_is_reported_at_its_line_and_the_entry_kept_without_dates(tmp_path):
    data = {"work": [{"name": "MIT", "position": "Lecturer", "startDate": "2021-13"}]}
    text = json.dumps(data, indent=2)

    _, sections, problems = json_resume(tmp_path, data)

    [entry] = sections[0].entries
    assert entry.fields["organisation"] == "MIT"
    assert entry.dates is None
    [problem] = problems
    assert problem.line == line_number(text, "startDate")
    assert "'startDate'" in problem.message and "month must be 1 to 12" in problem.message


def test_an_end_before_the_start_is_reported(tmp_path):
    data = {"education": [{"institution": "MIT", "startDate": "2020", "endDate": "2018"}]}

    _, sections, problems = json_resume(tmp_path, data)

    assert sections[0].entries[0].dates is None
    assert ["must not end before it starts" in p.message for p in problems] == [True]


def test_wrong_shapes_are_reported_and_the_rest_is_kept(tmp_path):
    data = {
        "basics": {"name": "Ada", "email": "not an address"},
        "work": "MIT",
        "awards": ["Best Paper", {"title": "Fellowship", "date": "2020"}],
    }

    profile, sections, problems = json_resume(tmp_path, data)

    assert profile.emails == []
    assert [s.id for s in sections] == ["awards"]
    assert [str(p) for p in problems] == [
        "data/resume.json:4: 'not an address' is not an e-mail address",
        "data/resume.json:6: 'work' must be a list of objects ([{...}])",
        "data/resume.json:8: each entry of 'awards' must be an object",
    ]


def test_a_resume_that_is_not_an_object_or_not_utf8_is_one_problem(tmp_path):
    (result, problems) = load_json_resume(write(tmp_path, "a.json", "[1, 2]"), "a.json")
    assert result == (None, [])
    assert [p.message for p in problems] == [
        'must be a JSON object ({"basics": {...}, "work": [...], ...})'
    ]

    latin1 = tmp_path / "b.json"
    latin1.write_bytes('{\n"basics": {"name": "Zoë"}}'.encode("latin-1"))
    (result, problems) = load_json_resume(latin1, "b.json")
    assert result == (None, [])
    assert [(p.line, p.message.split(";")[0]) for p in problems] == [
        (2, "the file is not UTF-8 text")
    ]


def test_a_byte_order_mark_is_fine(tmp_path):
    path = tmp_path / "resume.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"basics": {"name": "Ada"}}).encode())

    (profile, _), problems = load_json_resume(path, "data/resume.json")

    assert profile.name == "Ada" and problems == []


# RenderCV -----------------------------------------------------------------------------------

RENDERCV = """\
cv:
  name: Ada Lovelace
  headline: Postdoctoral Researcher
  location: London, UK
  email: ada@example.org
  phone: "+44 20 7946 0000"
  website: https://ada.example.org
  photo: images/ada.jpg
  social_networks:
    - network: LinkedIn
      username: ada-lovelace
    - network: Google Scholar
      username: AbCdEfGAAAAJ
    - network: YouTube
      username: adalovelace
    - network: Mastodon
      username: "@ada@mathstodon.xyz"
  sections:
    education:
      - institution: University of London
        area: Computer Science
        degree: PhD
        location: London, UK
        start_date: 2017-09
        end_date: 2022-06
        highlights:
          - "Thesis: *Notes on the Analytical Engine*"
    experience:
      - company: University of Cambridge
        position: Postdoctoral Researcher
        start_date: 2022-09
        end_date: present
        summary: Probabilistic programming.
        highlights:
          - Led the Engine project
      - company: DeepMind
        position: Research Intern
        date: 2020
        custom_key: ignored
    selected_honors:
      - name: Best Paper Award
        date: 2021-07
        summary: ICML 2021
    publications:
      - title: Notes on the Analytical Engine
        authors:
          - "**Ada Lovelace**"
          - Charles Babbage
        doi: 10.1000/engine.1843
        journal: Taylor's Scientific Memoirs
        date: 1843-09
    Skills & Tools:
      - label: Languages
        details: Python, Julia
      - label: Maths
        details: Probability
    summary:
      - I study how analytical engines learn.
    service:
      - bullet: Reviewer for NeurIPS
      - reversed_number: Chair of the Engine Workshop
design:
  theme: classic
  page:
    size: a4
locale:
  language: en
rendercv_settings:
  render_command:
    dont_generate_png: true
"""


def test_rendercv_header_becomes_the_profile(tmp_path):
    profile, _, problems = rendercv(tmp_path, RENDERCV)

    assert problems == []
    assert profile.name == "Ada Lovelace"
    assert profile.position == "Postdoctoral Researcher"
    assert profile.emails == ["ada@example.org"]
    assert profile.photo == "images/ada.jpg"
    assert [(link.kind, link.url) for link in profile.links] == [
        ("homepage", "https://ada.example.org"),
        ("linkedin", "https://www.linkedin.com/in/ada-lovelace"),
        ("scholar", "https://scholar.google.com/citations?user=AbCdEfGAAAAJ"),
        ("mastodon", "https://mathstodon.xyz/@ada"),  # YouTube has no link here: left out
    ]


def test_rendercv_sections_keep_their_titles_and_get_slug_ids(tmp_path):
    _, sections, _ = rendercv(tmp_path, RENDERCV)

    assert [(s.id, s.title, s.kind) for s in sections] == [
        ("education", "Education", "education"),
        ("experience", "Experience", "experience"),
        ("selected-honors", "Selected Honors", "text"),
        ("publications", "Publications", "text"),
        ("skills-tools", "Skills & Tools", "text"),
        ("summary", "Summary", "text"),
        ("service", "Service", "text"),
    ]


def test_rendercv_education_and_experience_entries(tmp_path):
    _, sections, _ = rendercv(tmp_path, RENDERCV)
    found = by_id(sections)
    [phd] = found["education"].entries
    postdoc, internship = found["experience"].entries

    assert phd.fields["degree"] == "PhD in Computer Science"
    assert phd.fields["institution"] == "University of London"
    assert phd.fields["location"] == "London, UK"
    assert phd.fields["description"] == "- Thesis: *Notes on the Analytical Engine*"
    assert phd.dates == DateRange(PartialDate(2017, 9), PartialDate(2022, 6))
    assert postdoc.fields["position"] == "Postdoctoral Researcher"
    assert postdoc.fields["organisation"] == "University of Cambridge"
    assert postdoc.fields["description"] == "Probabilistic programming.\n\n- Led the Engine project"
    assert postdoc.dates == DateRange(PartialDate(2022, 9), None, present=True)
    assert internship.dates == DateRange(PartialDate(2020))
    assert "custom_key" not in internship.fields


def test_rendercv_text_like_entries(tmp_path):
    _, sections, _ = rendercv(tmp_path, RENDERCV)
    found = by_id(sections)
    [honor] = found["selected-honors"].entries
    [paper] = found["publications"].entries

    assert honor.fields["text"] == "**Best Paper Award**"
    assert honor.fields["description"] == "ICML 2021"
    assert honor.dates == DateRange(PartialDate(2021, 7))
    assert paper.fields["text"] == (
        "**Ada Lovelace**, Charles Babbage. "
        "*[Notes on the Analytical Engine](https://doi.org/10.1000/engine.1843)*. "
        "Taylor's Scientific Memoirs"
    )
    assert paper.dates == DateRange(PartialDate(1843, 9))
    assert [e.fields["text"] for e in found["skills-tools"].entries] == [
        "**Languages:** Python, Julia",
        "**Maths:** Probability",
    ]
    assert [e.fields["text"] for e in found["summary"].entries] == [
        "I study how analytical engines learn."
    ]
    assert [e.fields["text"] for e in found["service"].entries] == [
        "Reviewer for NeurIPS",
        "Chair of the Engine Workshop",
    ]


def test_a_section_mixing_entry_types_becomes_text(tmp_path):
    _, sections, problems = rendercv(
        tmp_path,
        """\
        cv:
          name: Ada
          sections:
            background:
              - company: MIT
                position: Lecturer
                date: 2019
              - A line of text.
        """,
    )

    assert problems == []
    [section] = sections
    assert section.kind == "text"
    assert [e.fields["text"] for e in section.entries] == ["**Lecturer**, *MIT*", "A line of text."]
    assert section.entries[0].dates == DateRange(PartialDate(2019))


def test_a_free_text_rendercv_date_is_reported_and_the_entry_kept(tmp_path):
    text = """\
    cv:
      name: Ada
      sections:
        talks:
          - name: Invited talk at the Royal Society
            date: Fall 2023
    """

    _, sections, problems = rendercv(tmp_path, text)

    [entry] = sections[0].entries
    assert entry.fields["text"] == "**Invited talk at the Royal Society**"
    assert entry.dates is None
    [problem] = problems
    assert problem.line == 6
    assert '"Fall 2023"' in problem.message


def test_an_entry_rendercv_cannot_recognise_is_reported(tmp_path):
    _, sections, problems = rendercv(
        tmp_path,
        """\
        cv:
          name: Ada
          sections:
            misc:
              - what: something
              - Kept
        """,
    )

    assert [e.fields["text"] for e in sections[0].entries] == ["Kept"]
    assert [(p.line, p.message.split(";")[0]) for p in problems] == [
        (5, "cannot tell which kind of RenderCV entry this is")
    ]


def test_a_rendercv_yaml_syntax_error_is_a_problem_with_its_line(tmp_path):
    (result, problems) = load_rendercv(
        write(tmp_path, "Ada_CV.yaml", 'cv:\n  name: Ada\n  sections:\n    talks: [a, "b\n'),
        "data/Ada_CV.yaml",
    )

    assert result == (None, [])
    [problem] = problems
    assert problem.file == "data/Ada_CV.yaml"
    assert problem.line == 4
    assert problem.message.startswith("YAML syntax error")


def test_a_yaml_file_without_cv_is_a_problem(tmp_path):
    _, sections, problems = rendercv(tmp_path, "design:\n  theme: classic\n")

    assert sections == []
    assert [p.message.split(";")[0] for p in problems] == ["has no 'cv:' mapping"]
