"""Dates as researchers write them in data files: ``2021``, ``2021-05``, ``2021-05-03``,
``May 2021``, ranges such as ``2019 – 2021`` and open ones such as ``2022 – present``.

A date is kept only as precise as it was written (:class:`PartialDate`), so a CV entry dated
``2021`` never claims to be from January. Pages show dates in the site's language, with the
month names and the order of day, month and year that Babel knows for it.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from babel.dates import format_skeleton

_MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    _MONTHS[calendar.month_name[_number].lower()] = _number
    _MONTHS[calendar.month_abbr[_number].lower()] = _number
_MONTHS["sept"] = 9

_DATE_FORMAT = "must look like 2022, 2022-07 or 2022-07-15"
_RANGE_FORMAT = "must look like 2022, 2022-07, 2019 – 2021 or 2019-09 – present"
_PRESENT = {"present", "now", "today", "ongoing", "current"}
_MONTH_NAMES = [
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

_ISO = re.compile(
    r"(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{1,2}(?::?\d{2})?)?)?)?)?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_WORDS = [
    re.compile(r"(?P<month>[a-z]+)\.?,?\s+(?P<year>\d{4})", re.IGNORECASE),
    re.compile(rf"(?P<day>\d{{1,2}}){_ORDINAL}\s+(?P<month>[a-z]+)\.?,?\s+(?P<year>\d{{4}})", re.I),
    re.compile(rf"(?P<month>[a-z]+)\.?\s+(?P<day>\d{{1,2}}){_ORDINAL},?\s+(?P<year>\d{{4}})", re.I),
]
#: A separator starts where a run of spaces starts (``(?<!\s)``), so that a long run of
#: spaces is tried once rather than from each of its positions.
_RANGE_SEPARATOR = re.compile(r"(?<!\s)(?:\s*[–—]\s*|\s*--\s*|\s+-\s+|\s+to\s+)", re.IGNORECASE)
_YEAR_RANGE = re.compile(r"(\d{4})\s*-\s*(\d{4})")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day; ``0`` means unknown.

    Ordering compares (year, month, day), so ``2021`` sorts before ``2021-01``.
    """

    year: int
    month: int = 0
    day: int = 0

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year must be 1 to 9999; got {self.year}")
        if not 0 <= self.month <= 12:
            raise ValueError(f"month must be 1 to 12; got {self.month}")
        if self.day and not self.month:
            raise ValueError("a day needs a month")
        if self.day:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                month = _MONTH_NAMES[self.month]
                raise ValueError(f"day must be 1 to {last} in {month} {self.year}")

    def iso(self) -> str:
        """``2021``, ``2021-05`` or ``2021-05-03``."""
        if not self.month:
            return f"{self.year:04d}"
        if not self.day:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        """``2021``, ``May 2021`` or ``3 May 2021``."""
        if not self.month:
            return str(self.year)
        if not self.day:
            return f"{_MONTH_NAMES[self.month]} {self.year}"
        return f"{self.day} {_MONTH_NAMES[self.month]} {self.year}"


@dataclass(frozen=True)
class DateRange:
    """When something happened: one date (``end`` is ``None``), a span, or an open-ended span
    (``present``: ``2021 – present``). ``"present"`` alone has no start."""

    start: PartialDate | None
    end: PartialDate | None = None
    present: bool = False
    #: The word the researcher used for an open end (``present``, ``Current``, ``now``).
    present_word: str = "present"

    @property
    def single(self) -> bool:
        """One date rather than a span."""
        return self.end is None and not self.present

    @property
    def sort_key(self) -> tuple[int, ...]:
        """Sorts chronologically by the end (``present`` last), then by the start; reverse it
        for newest first."""
        last = self.end or self.start
        first = self.start
        return (
            int(self.present),
            *((last.year, last.month, last.day) if last else (0, 0, 0)),
            *((first.year, first.month, first.day) if first else (0, 0, 0)),
        )

    def __str__(self) -> str:
        """``2021``, ``2019 – 2021``, ``September 2019 – present``."""
        start = "" if self.start is None else str(self.start)
        if self.present:
            return f"{start} – {self.present_word}" if start else self.present_word
        if self.end is None or self.end == self.start:
            return start
        return f"{start} – {self.end}"


def _got(value: Any) -> str:
    text = "" if value is None else str(value).strip()
    return f'got "{text}"' if text else "got nothing"


def _date_from_text(text: str) -> PartialDate | None:
    """The date ``text`` spells, ``None`` if it does not look like a date at all; raises
    ``ValueError`` for a month or day that does not exist."""
    text = " ".join(text.split())
    found = _ISO.fullmatch(text)
    if found is None:
        for pattern in _WORDS:
            found = pattern.fullmatch(text)
            if found is not None:
                break
        else:
            return None
    parts = found.groupdict()
    month_text = parts.get("month") or ""
    if month_text.isdigit() or not month_text:
        month = int(month_text or 0)
        if not 1 <= month <= 12 and month_text:
            raise ValueError(f"month must be 1 to 12; {_got(text)}")
    else:
        if month_text.lower() not in _MONTHS:
            return None
        month = _MONTHS[month_text.lower()]
    day = int(parts.get("day") or 0)
    try:
        return PartialDate(int(parts["year"]), month, day)
    except ValueError as error:
        raise ValueError(f"{error}; {_got(text)}") from None


def parse_date(value: Any) -> PartialDate:
    """A :class:`PartialDate` from ``2021``, ``"2021-05"``, ``"2021-5"``, ``"2021-05-03"``,
    ``"May 2021"``, ``"3 May 2021"``, ``"May 3, 2021"`` or a ``datetime.date``.

    Raises ``ValueError`` with a message meant for the user:
    ``must look like 2022, 2022-07 or 2022-07-15; got "Jully 2022"``.
    """
    if isinstance(value, datetime.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool):
        if 1000 <= value <= 9999:
            return PartialDate(value)
        raise ValueError(f"{_DATE_FORMAT}; {_got(value)}")
    if isinstance(value, str):
        date = _date_from_text(value)
        if date is not None:
            return date
    raise ValueError(f"{_DATE_FORMAT}; {_got(value)}")


def _ends_before(end: PartialDate, start: PartialDate) -> bool:
    """Whether ``end`` is before ``start``, comparing only the parts both know."""
    if not (end.month and start.month):
        return end.year < start.year
    if not (end.day and start.day):
        return (end.year, end.month) < (start.year, start.month)
    return end < start


def _open_range(text: str) -> tuple[str, str] | None:
    """``2022-present`` → (``2022``, ``present``): a start, a dash and an open end."""
    lowered = text.lower()
    for word in _PRESENT:
        if lowered.endswith(word):
            head = text[: -len(word)].rstrip()
            start = head[:-1].rstrip() if head.endswith("-") else ""
            if start:
                return start, text[-len(word) :]
    return None


def parse_date_range(value: Any) -> DateRange:
    """A :class:`DateRange` from one date (anything :func:`parse_date` accepts) or a span:
    ``"2019 - 2021"``, ``"2020–2022"``, ``"2019-09 – present"``, ``"Jan 2022 to present"``,
    ``"Jan – May 2022"``, or ``"present"`` alone.

    A span is split on a spaced hyphen, an en or em dash, ``--`` or `` to ``; an unspaced
    hyphen splits only two years (``2019-2021``) or a date and ``present``, so ``2021-05`` is
    May 2021. Raises ``ValueError`` with a message meant for the user.
    """
    if isinstance(value, (datetime.date, int)) and not isinstance(value, bool):
        try:
            return DateRange(parse_date(value))
        except ValueError:
            raise ValueError(f"{_RANGE_FORMAT}; {_got(value)}") from None
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{_RANGE_FORMAT}; {_got(value)}")
    text = " ".join(value.split())
    if text.lower() in _PRESENT:
        return DateRange(None, None, present=True, present_word=text)
    parts = _RANGE_SEPARATOR.split(text)
    if len(parts) == 1:
        year_range = _YEAR_RANGE.fullmatch(text)
        found = year_range.groups() if year_range else _open_range(text)
        if found is None:
            date = _date_from_text(text)
            if date is None:
                raise ValueError(f"{_RANGE_FORMAT}; {_got(text)}")
            return DateRange(date)
        parts = list(found)
    if len(parts) != 2 or not all(parts):
        raise ValueError(f"{_RANGE_FORMAT}; {_got(text)}")
    start_text, end_text = parts
    present = end_text.lower() in _PRESENT
    end = None if present else parse_date(end_text)
    if end is not None and start_text.lower().rstrip(".") in _MONTHS:  # "Jan – May 2022"
        start = PartialDate(end.year, _MONTHS[start_text.lower().rstrip(".")])
    else:
        start = parse_date(start_text)
    if end is not None and _ends_before(end, start):
        raise ValueError(f"must not end before it starts; {_got(text)}")
    return DateRange(start, end, present, end_text if present else "present")


#: Babel's locale for dates when none is given: English, day before month (``3 May 2021``).
ENGLISH = "en_001"


@lru_cache(maxsize=4096)
def _format(date: PartialDate, skeleton: str, locale: str) -> str:
    when = datetime.date(date.year, date.month or 1, date.day or 1)
    return format_skeleton(skeleton, when, locale=locale)


def short(date: PartialDate, locale: str = ENGLISH) -> str:
    """``2021``, ``May 2021`` or ``3 May 2021`` with abbreviated months, as CVs print them,
    in the language of a Babel ``locale`` (``mai 2021`` in ``fr``, ``2021年5月`` in ``ja``)."""
    if not date.month:
        return str(date.year)
    return _format(date, "yMMMd" if date.day else "yMMM", locale)


def long(date: PartialDate, locale: str = ENGLISH) -> str:
    """``2021``, ``May 2021`` or ``3 May 2021`` with the month written out."""
    if not date.month:
        return str(date.year)
    return _format(date, "yMMMMd" if date.day else "yMMMM", locale)


def format_range(dates: DateRange, locale: str = ENGLISH, present: str | None = None) -> str:
    """A range as a CV prints it: ``Aug – Dec 2020``, ``2017 – 2021``, ``Jan 2022 – present``.

    The year is written once when a span starts and ends in the same year; ``present`` is
    the word for an open end (default: the one the researcher wrote).
    """
    start, end = dates.start, dates.end
    if dates.present:
        word = present or dates.present_word
        return f"{short(start, locale)} – {word}" if start else word
    if start is None:
        return ""
    if end is None or end == start:
        return short(start, locale)
    if start.year == end.year and start.month and end.month and not (start.day or end.day):
        return f"{_format(start, 'MMM', locale)} – {short(end, locale)}"
    return f"{short(start, locale)} – {short(end, locale)}"
