"""SQLite, made to behave: foreign keys on, and transactions that SQLAlchemy controls (so
SAVEPOINTs work: a bad import row rolls back alone). See SQLAlchemy's pysqlite notes on
"Serializable isolation / Savepoints / Transactional DDL"."""
from sqlalchemy import event
from sqlalchemy.engine import Engine


@event.listens_for(Engine, "connect")
def _on_connect(dbapi_connection, connection_record) -> None:
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


@event.listens_for(Engine, "begin")
def _on_begin(connection) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN")
