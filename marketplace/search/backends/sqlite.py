"""SQLite: FTS5 over the same segmented text, ranked by bm25.

Each token goes into the MATCH expression as a double-quoted string, so nothing in it (``*``,
``:``, ``-``, ``NEAR``, ``^``, quotes) is read as FTS syntax; tokens side by side mean AND.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, Select, column, func, literal_column, table

from marketplace.search.backends.base import TextBackend, boost
from marketplace.search.ddl import FTS_TABLE
from marketplace.search.models import SearchDocument as Doc

fts = table(FTS_TABLE, column("rowid"))
FTS_COLUMN = literal_column(FTS_TABLE)


def match_expression(tokens: list[str]) -> str:
    return " ".join('"' + token.replace('"', '""') + '"' for token in tokens)


class SqliteBackend(TextBackend):
    def match(self, statement: Select, tokens: list[str], now: datetime) -> tuple[Select, ColumnElement]:
        statement = (statement.join(fts, fts.c.rowid == Doc.listing_id)
                     .where(FTS_COLUMN.op("MATCH")(match_expression(tokens))))
        # bm25 is negative, better matches more so.
        return statement, -func.bm25(FTS_COLUMN) * boost(now)
