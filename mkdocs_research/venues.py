"""``venues.yml``: the colour and web page of each venue badge (``abbr``), in al-folio's
``_data/venues.yml`` format.

.. code-block:: yaml

    "AJP":
      url: https://aapt.scitation.org/journal/ajp
      color: "#00369f"

The badge's text is black or white, whichever reads better on the colour.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .links import safe_url
from .model import Problem
from .yamlfile import Fields, line_of

VENUE_FIELDS = ("url", "color")
_HEX = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


@dataclass(frozen=True)
class Venue:
    """A badge's link and colours (``""`` where ``venues.yml`` gives none)."""

    url: str = ""
    background: str = ""
    foreground: str = ""


def load_venues(value: Any, file: str) -> tuple[dict[str, Venue], list[Problem]]:
    """Venues by ``abbr`` from ``venues.yml`` (already read as YAML), with their problems."""
    problems: list[Problem] = []
    if value is None:
        return {}, problems
    if not isinstance(value, Mapping):
        message = 'must map badge texts to their url and color ("AJP": {url: ..., color: ...})'
        return {}, [Problem(file, line_of(value), message)]
    venues = {}
    for abbr, fields in value.items():
        if not isinstance(fields, Mapping):
            message = f"venue '{abbr}' must be a mapping with 'url' and 'color'"
            problems.append(Problem(file, line_of(value, abbr), message))
            continue
        venue = Fields(fields, file, f"venue '{abbr}'", problems)
        venue.check(VENUE_FIELDS)
        url = venue.text("url")
        if url and safe_url(url) is None:
            venue.report(
                "url", f"'url' of venue '{abbr}' must be an https:// address; got \"{url}\""
            )
            url = ""
        color = venue.text("color").strip()
        if color and not _HEX.fullmatch(color):
            message = (
                f"'color' of venue '{abbr}' must be a colour such as \"#00369f\"; got \"{color}\""
            )
            venue.report("color", message)
            color = ""
        venues[str(abbr)] = Venue(url or "", color, _readable_on(color) if color else "")
    return venues, problems


def _readable_on(color: str) -> str:
    """Black or white, whichever contrasts more with ``color`` (WCAG relative luminance)."""
    digits = color[1:]
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    # Contrast with white is 1.05 / (L + 0.05), with black (L + 0.05) / 0.05.
    return "#000" if (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) else "#fff"
