"""What a text backend provides, and the relevance boost both apply."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Select, case

from marketplace.search.models import SearchDocument as Doc

# Newer listings rank a little higher at equal relevance: a step, not a decay, so both engines
# compute it with a plain comparison.
FRESH_DAYS = ((7, 1.3), (30, 1.15))


def boost(now: datetime) -> ColumnElement:
    """Multiplies text relevance: up to 2x for the best sellers, up to 1.3x for the newest."""
    steps = [(Doc.published_at >= now - timedelta(days=days), factor) for days, factor in FRESH_DAYS]
    freshness = case(*steps, else_=1.0)
    return (1.0 + Doc.popularity) * freshness


Matched = tuple[Select, ColumnElement]  # the narrowed statement and its score


class TextBackend:
    def match(self, statement: Select, tokens: list[str], now: datetime) -> tuple[Select, ColumnElement]:
        """``statement`` narrowed to documents containing every token, and their score."""
        raise NotImplementedError

    def fuzzy_match(self, statement: Select, tokens: list[str], now: datetime) -> Matched | None:
        """Typo-tolerant matching, tried when the words found nothing; ``None`` if unsupported."""
        return None
