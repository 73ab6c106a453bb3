"""``news.yml``: dated news items in Markdown, shown newest first."""

from __future__ import annotations

from typing import Any

from .model import NewsItem, Problem
from .yamlfile import records

NEWS_FIELDS = ("date", "text")


def load_news(value: Any, file: str) -> tuple[list[NewsItem], list[Problem]]:
    """News items from ``news.yml`` (a list, or a mapping with a ``news:`` list)."""
    problems: list[Problem] = []
    items = []
    for order, fields in enumerate(records(value, file, "news item", problems, key="news")):
        fields.check(NEWS_FIELDS)
        date = fields.date("date", required=True)
        text = fields.text("text", required=True)
        if date is not None and text:
            items.append(NewsItem(date=date, text=text, order=order))
    return items, problems
