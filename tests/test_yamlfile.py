"""The YAML loader: line numbers, YAML 1.1 traps turned into messages, and the shared
helpers for unknown fields and dates."""

from __future__ import annotations

import datetime
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_research.dates import DateRange, PartialDate, parse_date, parse_date_range
from mkdocs_research.model import Problem
from mkdocs_research.yamlfile import (
    BOOLEAN_KEYS,
    LocatedDict,
    LocatedList,
    check_keys,
    line_of,
    load_yaml,
    load_yaml_file,
)


def load(text: str, **kwargs):
    return load_yaml(textwrap.dedent(text), "data/cv.yml", **kwargs)


def messages(problems: list[Problem]) -> list[str]:
    return [str(problem) for problem in problems]


# Values and line numbers --------------------------------------------------------------------


def test_mappings_and_lists_are_plain_dicts_and_lists_that_know_their_lines():
    data, problems = load(
        """\
        name: Ada Lovelace
        education:
          - degree: PhD
            years: 2019 - 2023

          - degree: MSc
            topics: [logic, engines]
        """
    )
    assert problems == []
    assert data == {
        "name": "Ada Lovelace",
        "education": [
            {"degree": "PhD", "years": "2019 - 2023"},
            {"degree": "MSc", "topics": ["logic", "engines"]},
        ],
    }
    assert isinstance(data, dict) and isinstance(data, LocatedDict)
    assert isinstance(data["education"], list) and isinstance(data["education"], LocatedList)
    assert line_of(data) == 1
    assert line_of(data, "name") == 1
    assert line_of(data, "education") == 2
    education = data["education"]
    assert line_of(education) == 3
    assert [line_of(education, 0), line_of(education, 1)] == [3, 6]
    assert line_of(education, -1) == 6
    assert line_of(education[1], "topics") == 7
    assert line_of(education[1]["topics"], 1) == 7


def test_line_of_is_none_when_unknown():
    data, _ = load("a: 1\n")
    assert line_of(data, "missing") is None
    assert line_of(data["a"]) is None  # plain values do not know their line
    assert line_of({"a": 1}, "a") is None
    assert line_of(data, ["unhashable"]) is None  # type: ignore[arg-type]


def test_keys_are_always_text():
    data, problems = load(
        """\
        2021: a
        yes: b
        3.10: c
        """
    )
    assert problems == []
    assert list(data) == ["2021", "yes", "3.10"]


def test_empty_values_and_null_are_none():
    data, problems = load("a:\nb: null\nc: ~\nlist:\n  -\n  - x\n")
    assert problems == []
    assert data == {"a": None, "b": None, "c": None, "list": [None, "x"]}


def test_dates_and_timestamps_become_iso_text_without_a_problem():
    data, problems = load(
        """\
        date: 2021-05-03
        when: 2021-05-03 10:30:00
        month: 2021-05
        year: 2021
        """
    )
    assert problems == []
    assert data == {
        "date": "2021-05-03",
        "when": "2021-05-03T10:30:00",
        "month": "2021-05",
        "year": 2021,
    }


def test_an_impossible_date_stays_text_for_the_date_fields_to_report():
    data, problems = load("date: 2021-02-30\n")
    assert data == {"date": "2021-02-30"}
    assert problems == []  # reported once, by the field that reads it as a date
    with pytest.raises(ValueError, match="day must be 1 to 28 in February 2021"):
        parse_date(data["date"])


def test_anchors_and_merge_keys_work_and_explicit_keys_win():
    data, problems = load(
        """\
        base: &base
          venue: ICML
          city: Vienna
        talk:
          <<: *base
          city: Honolulu
        """
    )
    assert problems == []
    assert data["talk"] == {"venue": "ICML", "city": "Honolulu"}
    assert line_of(data["talk"], "city") == 6


def test_an_empty_file_is_none_without_problems():
    assert load_yaml("", "news.yml") == (None, [])
    assert load_yaml("# nothing yet\n\n", "news.yml") == (None, [])


# Duplicate keys -----------------------------------------------------------------------------


def test_a_duplicate_key_keeps_the_first_value_and_reports_the_second():
    data, problems = load(
        """\
        talks:
          - venue: ICML

            title: First
            title: Second
        """
    )
    assert data == {"talks": [{"venue": "ICML", "title": "First"}]}
    assert messages(problems) == [
        "data/cv.yml:5: duplicate key 'title' (first at line 4); keep one"
    ]


# YAML 1.1 traps -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "kept", "message"),
    [
        (
            "country: NO",
            "NO",
            """'country' is read as false because NO is unquoted; """
            """write "NO" in quotes if you meant the text""",
        ),
        (
            "answer: yes",
            "yes",
            """'answer' is read as true because yes is unquoted; """
            """write "yes" in quotes if you meant the text""",
        ),
        (
            "switch: Off",
            "Off",
            """'switch' is read as false because Off is unquoted; """
            """write "Off" in quotes if you meant the text""",
        ),
        (
            "python: 3.10",
            "3.10",
            """'python' is read as the number 3.1, not the text "3.10"; quote it: "3.10\"""",
        ),
        (
            "price: 2.50",
            "2.50",
            """'price' is read as the number 2.5, not the text "2.50"; quote it: "2.50\"""",
        ),
        (
            "time: 10:30",
            "10:30",
            """'time' is read as the number 630, not the text "10:30"; quote it: "10:30\"""",
        ),
        (
            "room: 0123",
            "0123",
            """'room' is read as the number 83, not the text "0123"; quote it: "0123\"""",
        ),
    ],
)
def test_a_trap_keeps_the_text_written_and_says_how_to_quote_it(source, kept, message):
    data, problems = load(f"title: Talk\n{source}\n")
    key = source.split(":")[0]
    assert data[key] == kept
    assert problems == [Problem("data/cv.yml", 2, message)]


def test_numbers_written_the_way_python_writes_them_are_numbers():
    data, problems = load("version: 1.0\npi: 3.14\ncount: 12\nneg: -5\n")
    assert problems == []
    assert data == {"version": 1.0, "pi": 3.14, "count": 12, "neg": -5}


def test_true_false_and_text_are_not_traps():
    data, problems = load('published: true\nwithdrawn: false\ncountry: "NO"\nanswer: y\n')
    assert problems == []
    assert data == {"published": True, "withdrawn": False, "country": "NO", "answer": "y"}


def test_traps_in_lists_name_the_item():
    data, problems = load("tags: [python, 3.10, yes]\n")
    assert data == {"tags": ["python", "3.10", "yes"]}
    assert [p.message.split(" is read")[0] for p in problems] == [
        "item 2 of 'tags'",
        "item 3 of 'tags'",
    ]
    assert all(p.line == 1 for p in problems)


def test_boolean_keys_may_say_yes_and_no():
    data, problems = load(
        """\
        selected: yes
        highlight: No
        bibtex_show: true
        hidden: off
        current: Y
        """
    )
    assert problems == []
    assert data == {
        "selected": True,
        "highlight": False,
        "bibtex_show": True,
        "hidden": False,
        "current": True,
    }
    assert "selected" in BOOLEAN_KEYS


def test_boolean_keys_can_be_chosen_per_call():
    data, problems = load("featured: yes\nselected: yes\n", boolean_keys=frozenset({"featured"}))
    assert data == {"featured": True, "selected": "yes"}
    assert [p.line for p in problems] == [2]


# Tags ---------------------------------------------------------------------------------------


def test_python_tags_are_never_executed():
    data, problems = load(
        """\
        title: ok
        payload: !!python/object/apply:os.system ["echo hacked"]
        other: !!python/name:os.system
        """
    )
    assert data == {"title": "ok", "payload": None, "other": None}
    assert messages(problems) == [
        "data/cv.yml:2: unsupported YAML tag '!!python/object/apply:os.system'; "
        "remove it, or quote the value if it is text",
        "data/cv.yml:3: unsupported YAML tag '!!python/name:os.system'; "
        "remove it, or quote the value if it is text",
    ]


def test_a_value_starting_with_an_exclamation_mark_is_a_tag():
    data, problems = load("note: !important talk\n")
    assert data == {"note": None}
    assert "quote the value" in problems[0].message


def test_standard_tags_are_fine():
    data, problems = load("zip: !!str 0123\nn: !!int '12'\n")
    assert problems == []
    assert data == {"zip": "0123", "n": 12}


def test_a_standard_tag_that_does_not_fit_its_value_is_reported():
    data, problems = load("n: !!int twelve\nwhen: !!timestamp soon\n")
    assert data == {"n": None, "when": None}
    assert [p.line for p in problems] == [1, 2]
    assert problems[0].message.startswith("'n' cannot be read as !!int")


def test_a_list_that_contains_itself_does_not_hang():
    data, problems = load("loop: &loop [1, *loop]\n")
    assert problems == []
    assert data["loop"][1] is data["loop"]


# Syntax errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "line", "message"),
    [
        (
            "title: Attention: all you need\n",
            1,
            "mapping values are not allowed here; check the indentation and quote values "
            "that contain ': '",
        ),
        ("talk:\n\ttitle: x\n", 2, "YAML does not allow tabs for indentation; use spaces"),
        (
            "a: 1\nb: 2\n\tc: 3\n",
            3,
            "YAML does not allow tabs for indentation; use spaces",
        ),
        (
            "talk:\n  title: x\n venue: y\n",
            3,
            "the indentation is inconsistent; the keys of one mapping and the items of one "
            "list must start in the same column",
        ),
        (
            "name: Ada\njust text\nrole: PI\n",
            2,
            "a line is missing ':' after its key, or continues a value without being "
            "indented; add ': ' or indent the line",
        ),
        (
            'title: "Unclosed\nvenue: x\n',
            1,
            "the quoted value that starts here is not closed; add the missing quote",
        ),
        (
            "tags: [a, b\nvenue: x\n",
            2,
            "the '[' opened at line 1 is not closed, or a value inside it contains ': ' or "
            "'#'; close it and quote such values",
        ),
        ("handle: @ada\n", 1, "a value cannot start with '@'; put the value in quotes"),
        (
            "note: *important\n",
            1,
            "'*important' refers to an anchor '&important' that is not defined; put the "
            "value in quotes if the '*' is part of the text",
        ),
        (
            "note: *important*\n",
            1,
            "a value cannot start with '*' or '&' like this; put the value in quotes",
        ),
        (
            'path: "C:\\data"\n',
            1,
            "inside double quotes a backslash starts an escape sequence; write \\\\ for a "
            "backslash, or use single quotes",
        ),
        ("%complete\n", 1, "a line cannot start with '%'; put the value in quotes"),
    ],
)
def test_a_syntax_error_gives_its_line_and_a_hint(source, line, message):
    data, problems = load_yaml(source, "talks.yml")
    assert data is None
    assert problems == [Problem("talks.yml", line, f"YAML syntax error: {message}")]


def test_a_forbidden_control_character_is_reported_with_its_line():
    data, problems = load_yaml("a: 1\nb: \x07\n", "news.yml")
    assert data is None
    assert messages(problems) == [
        "news.yml:2: the file contains a character YAML does not allow (U+0007); remove it"
    ]


def test_absurd_nesting_is_a_problem_not_a_crash():
    data, problems = load_yaml("[" * 5000, "news.yml")
    assert data is None
    assert messages(problems) == ["news.yml: the data is nested too deeply to read"]


def test_only_the_first_of_several_documents_is_used():
    data, problems = load_yaml("name: Ada\n---\nname: Grace\n", "profile.yml")
    assert data == {"name": "Ada"}
    assert messages(problems) == [
        "profile.yml:2: a second YAML document starts here ('---'); only the first one is "
        "read, so remove this '---' or move the data into the first document"
    ]


def test_a_leading_document_marker_is_fine():
    assert load_yaml("---\nname: Ada\n", "profile.yml") == ({"name": "Ada"}, [])


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_load_yaml_never_raises(text):
    _, problems = load_yaml(text, "any.yml")
    assert isinstance(problems, list)
    assert all(isinstance(problem, Problem) for problem in problems)
    assert all(problem.file == "any.yml" for problem in problems)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}'\"#&*!|>%@ \t\n,?0123.yes")), max_size=60))
def test_load_yaml_never_raises_on_yaml_like_text(text):
    _, problems = load_yaml(text, "any.yml")
    assert all(isinstance(problem, Problem) for problem in problems)


# Files --------------------------------------------------------------------------------------


def test_a_file_with_a_byte_order_mark_is_fine(tmp_path):
    path = tmp_path / "profile.yml"
    path.write_bytes("\ufeffname: Ada Lovelace\n".encode())
    assert load_yaml_file(path, "profile.yml") == ({"name": "Ada Lovelace"}, [])


def test_a_latin1_file_is_reported_at_the_line_of_its_first_bad_byte(tmp_path):
    path = tmp_path / "profile.yml"
    path.write_bytes("name: Ada\ncity: Zürich\nother: Paris\n".encode("latin-1"))
    data, problems = load_yaml_file(path, "data/profile.yml")
    assert data is None
    assert messages(problems) == [
        "data/profile.yml:2: the file is not UTF-8 text; save it as UTF-8 "
        "(byte 0xFC here is not valid UTF-8)"
    ]


def test_a_utf16_file_is_named_as_such(tmp_path):
    path = tmp_path / "profile.yml"
    path.write_bytes("name: Ada\n".encode("utf-16"))
    _, problems = load_yaml_file(path, "profile.yml")
    assert "is not UTF-8 text; save it as UTF-8 (it is saved as UTF-16)" in problems[0].message


def test_file_problems_use_the_display_name(tmp_path):
    path = tmp_path / "talks.yml"
    path.write_text("- title: x\n  title: y\n", encoding="utf-8")
    data, problems = load_yaml_file(path, "data/talks.yml")
    assert data == [{"title": "x"}]
    assert messages(problems) == [
        "data/talks.yml:2: duplicate key 'title' (first at line 1); keep one"
    ]


def test_a_missing_file_is_a_problem(tmp_path):
    data, problems = load_yaml_file(tmp_path / "nope.yml", "nope.yml")
    assert data is None
    assert problems[0].message.startswith("cannot read the file")


# Unknown fields -----------------------------------------------------------------------------


def test_check_keys_suggests_the_closest_field():
    talk, _ = load("title: Engines\ndate: 2021\ntitel: Typo\nvenu: ICML\n")
    assert messages(check_keys(talk, ["title", "date", "venue"], "talks.yml", "a talk")) == [
        "talks.yml:3: unknown field 'titel' in a talk; did you mean 'title'?",
        "talks.yml:4: unknown field 'venu' in a talk; did you mean 'venue'?",
    ]


def test_check_keys_lists_the_fields_when_nothing_is_close():
    talk, _ = load("title: Engines\nzzz: 1\n")
    assert messages(check_keys(talk, {"title", "date", "venue"}, "talks.yml", "a talk")) == [
        "talks.yml:2: unknown field 'zzz' in a talk; expected one of: date, title, venue"
    ]


def test_check_keys_accepts_known_fields_and_plain_dicts():
    assert check_keys({"title": 1}, ["title"], "f.yml", "a talk") == []
    assert check_keys({"Title": 1}, ["title"], "f.yml", "a talk") == [
        Problem("f.yml", None, "unknown field 'Title' in a talk; did you mean 'title'?")
    ]


# Dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected", "iso", "text"),
    [
        (2021, PartialDate(2021), "2021", "2021"),
        ("2021", PartialDate(2021), "2021", "2021"),
        ("2021-05", PartialDate(2021, 5), "2021-05", "May 2021"),
        ("2021-5", PartialDate(2021, 5), "2021-05", "May 2021"),
        ("2021-05-03", PartialDate(2021, 5, 3), "2021-05-03", "3 May 2021"),
        ("2021-05-03T10:30:00", PartialDate(2021, 5, 3), "2021-05-03", "3 May 2021"),
        ("May 2021", PartialDate(2021, 5), "2021-05", "May 2021"),
        ("aug 2020", PartialDate(2020, 8), "2020-08", "August 2020"),
        ("Sept. 2020", PartialDate(2020, 9), "2020-09", "September 2020"),
        ("3 May 2021", PartialDate(2021, 5, 3), "2021-05-03", "3 May 2021"),
        ("May 3, 2021", PartialDate(2021, 5, 3), "2021-05-03", "3 May 2021"),
        ("  December  2020 ", PartialDate(2020, 12), "2020-12", "December 2020"),
        (datetime.date(2021, 5, 3), PartialDate(2021, 5, 3), "2021-05-03", "3 May 2021"),
    ],
)
def test_parse_date_accepts(value, expected, iso, text):
    date = parse_date(value)
    assert date == expected
    assert date.iso() == iso
    assert str(date) == text


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Jully 2022", 'must look like 2022, 2022-07 or 2022-07-15; got "Jully 2022"'),
        ("Spring 2023", 'must look like 2022, 2022-07 or 2022-07-15; got "Spring 2023"'),
        ("2022/07/15", 'must look like 2022, 2022-07 or 2022-07-15; got "2022/07/15"'),
        ("22", 'must look like 2022, 2022-07 or 2022-07-15; got "22"'),
        (22, 'must look like 2022, 2022-07 or 2022-07-15; got "22"'),
        (True, 'must look like 2022, 2022-07 or 2022-07-15; got "True"'),
        (None, "must look like 2022, 2022-07 or 2022-07-15; got nothing"),
        ("", "must look like 2022, 2022-07 or 2022-07-15; got nothing"),
        ("2022-13", 'month must be 1 to 12; got "2022-13"'),
        ("2022-02-30", 'day must be 1 to 28 in February 2022; got "2022-02-30"'),
        ("2019 - 2021", 'must look like 2022, 2022-07 or 2022-07-15; got "2019 - 2021"'),
    ],
)
def test_parse_date_rejects(value, message):
    with pytest.raises(ValueError) as error:
        parse_date(value)
    assert str(error.value) == message


def test_partial_dates_sort_with_unknown_parts_first():
    assert sorted([PartialDate(2021, 5, 3), PartialDate(2021), PartialDate(2021, 5)]) == [
        PartialDate(2021),
        PartialDate(2021, 5),
        PartialDate(2021, 5, 3),
    ]


Y, M, D = PartialDate, PartialDate, PartialDate


@pytest.mark.parametrize(
    ("value", "expected", "text"),
    [
        ("2021", DateRange(Y(2021)), "2021"),
        (2021, DateRange(Y(2021)), "2021"),
        ("2021-05", DateRange(M(2021, 5)), "May 2021"),
        ("2021-05-03", DateRange(D(2021, 5, 3)), "3 May 2021"),
        ("2019 - 2021", DateRange(Y(2019), Y(2021)), "2019 – 2021"),
        ("2020–2022", DateRange(Y(2020), Y(2022)), "2020 – 2022"),
        ("2020 — 2022", DateRange(Y(2020), Y(2022)), "2020 – 2022"),
        ("2020--2022", DateRange(Y(2020), Y(2022)), "2020 – 2022"),
        ("2019-2021", DateRange(Y(2019), Y(2021)), "2019 – 2021"),
        ("2019 to 2021", DateRange(Y(2019), Y(2021)), "2019 – 2021"),
        (
            "2019-09 – present",
            DateRange(M(2019, 9), None, present=True),
            "September 2019 – present",
        ),
        ("2019-present", DateRange(Y(2019), None, present=True), "2019 – present"),
        (
            "Jan 2022 - present",
            DateRange(M(2022, 1), None, present=True),
            "January 2022 – present",
        ),
        ("Jan – May 2022", DateRange(M(2022, 1), M(2022, 5)), "January 2022 – May 2022"),
        ("present", DateRange(None, None, present=True), "present"),
        ("2021-05 - 2021", DateRange(M(2021, 5), Y(2021)), "May 2021 – 2021"),
    ],
)
def test_parse_date_range_accepts(value, expected, text):
    found = parse_date_range(value)
    assert found == expected
    assert str(found) == text


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "Spring 2023",
            'must look like 2022, 2022-07, 2019 – 2021 or 2019-09 – present; got "Spring 2023"',
        ),
        (
            "2019 –",
            'must look like 2022, 2022-07, 2019 – 2021 or 2019-09 – present; got "2019 –"',
        ),
        (None, "must look like 2022, 2022-07, 2019 – 2021 or 2019-09 – present; got nothing"),
        ("Jully 2022 - present", 'must look like 2022, 2022-07 or 2022-07-15; got "Jully 2022"'),
        ("2021 - 2019", 'must not end before it starts; got "2021 - 2019"'),
        ("2022-13 - 2023", 'month must be 1 to 12; got "2022-13"'),
    ],
)
def test_parse_date_range_rejects(value, message):
    with pytest.raises(ValueError) as error:
        parse_date_range(value)
    assert str(error.value) == message


def test_date_ranges_sort_by_their_end_with_present_last():
    ranges = [parse_date_range(v) for v in ["2019-09 – present", "2018 - 2020", "2021"]]
    assert [str(r) for r in sorted(ranges, key=lambda r: r.sort_key)] == [
        "2018 – 2020",
        "2021",
        "September 2019 – present",
    ]
    assert parse_date_range("2021").single
    assert not parse_date_range("2019 - 2021").single


def test_dates_loaded_from_yaml_parse():
    data, problems = load("date: 2021-05-03\nyear: 2021\nwhen: 2021-05-03 10:30\n")
    assert problems == []
    assert [parse_date(v) for v in data.values()] == [
        PartialDate(2021, 5, 3),
        PartialDate(2021),
        PartialDate(2021, 5, 3),
    ]
