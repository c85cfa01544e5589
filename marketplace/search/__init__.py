"""Catalogue search: search documents per live listing, a PostgreSQL (tsvector + GIN, pg_trgm)
and a SQLite (FTS5) backend behind one ``services.search``, kept current by jobs."""
