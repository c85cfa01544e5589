"""The engine-specific part of a search: matching text and scoring relevance. Everything else
(filters, facets, sorting, paging) is shared and lives in ``marketplace.search.filters``."""
from __future__ import annotations

from marketplace.search.backends.base import TextBackend
from marketplace.search.backends.postgres import PostgresBackend
from marketplace.search.backends.sqlite import SqliteBackend

BACKENDS: dict[str, TextBackend] = {"postgresql": PostgresBackend(), "sqlite": SqliteBackend()}


def backend_for(dialect_name: str) -> TextBackend:
    return BACKENDS.get(dialect_name, BACKENDS["sqlite"])
