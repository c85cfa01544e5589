"""What Alembic's autogenerate should compare. Search keeps engine-specific objects beside the
models (SQLite's FTS5 shadow tables, PostgreSQL-only GIN indexes); they are created by the
migration by hand and are not drift."""
from __future__ import annotations

ENGINE_SPECIFIC_TABLE_PREFIX = "search_fts"


def include_object(dialect_name: str):
    def include(obj, name, type_, reflected, compare_to) -> bool:
        if type_ == "table" and name and name.startswith(ENGINE_SPECIFIC_TABLE_PREFIX):
            return False
        only_for = getattr(getattr(obj, "_ddl_if", None), "dialect", None)
        return only_for is None or only_for == dialect_name

    return include
