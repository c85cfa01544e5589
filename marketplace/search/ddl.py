"""Database objects the models cannot declare: the pg_trgm extension on PostgreSQL, and the FTS5
table with its sync triggers on SQLite. A migration calls these functions with its connection
(``op.get_bind()``); ``db.create_all`` runs them through the table events below.

SQLite's FTS5 table is an external-content index of ``search_documents.search_text`` kept in
step by triggers rather than by the indexing service, because rows also disappear without the
service: deleting a listing cascades to its document, and only a trigger sees that.
"""
from __future__ import annotations

from sqlalchemy import event

from marketplace.search.models import SearchDocument

FTS_TABLE = "search_fts"

SQLITE_FTS = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "search_text, content='search_documents', content_rowid='listing_id', tokenize='unicode61')",
    f"CREATE TRIGGER IF NOT EXISTS search_documents_fts_insert AFTER INSERT ON search_documents BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.listing_id, new.search_text); END",
    f"CREATE TRIGGER IF NOT EXISTS search_documents_fts_delete AFTER DELETE ON search_documents BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) "
    f"VALUES ('delete', old.listing_id, old.search_text); END",
    f"CREATE TRIGGER IF NOT EXISTS search_documents_fts_update "
    f"AFTER UPDATE OF search_text ON search_documents BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) "
    f"VALUES ('delete', old.listing_id, old.search_text); "
    f"INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.listing_id, new.search_text); END",
)


def create_postgres_extras(connection) -> None:
    """pg_trgm, needed by the trigram index; it ships with PostgreSQL's contrib package."""
    connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")


def create_sqlite_fts(connection) -> None:
    for statement in SQLITE_FTS:
        connection.exec_driver_sql(statement)


def drop_sqlite_fts(connection) -> None:
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {FTS_TABLE}")


def rebuild_sqlite_fts(connection) -> None:
    """Re-read every document into the FTS index: a repair tool, the triggers keep it current."""
    connection.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


@event.listens_for(SearchDocument.__table__, "before_create")
def _before_create(table, connection, **kwargs) -> None:
    if connection.dialect.name == "postgresql":
        create_postgres_extras(connection)


@event.listens_for(SearchDocument.__table__, "after_create")
def _after_create(table, connection, **kwargs) -> None:
    if connection.dialect.name == "sqlite":
        create_sqlite_fts(connection)


@event.listens_for(SearchDocument.__table__, "before_drop")
def _before_drop(table, connection, **kwargs) -> None:
    if connection.dialect.name == "sqlite":
        drop_sqlite_fts(connection)
