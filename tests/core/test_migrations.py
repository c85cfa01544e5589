"""The Alembic migrations build exactly the schema the models describe, on a fresh database of
the engine under test (``make run`` and production build their schema this way)."""
import os
import tempfile
import uuid

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from marketplace import create_app
from marketplace.config import _sqlalchemy_url
from marketplace.core.migrating import include_object
from marketplace.extensions import db
from tests.conftest import DATABASE_URL, app_config


@pytest.fixture
def fresh_database_url():
    if DATABASE_URL.startswith("sqlite"):
        yield "sqlite:///" + os.path.join(tempfile.mkdtemp(prefix="haigou-migrate-"), "fresh.db")
        return
    name = f"haigou_migrate_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(_sqlalchemy_url(DATABASE_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    base = DATABASE_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def schema_differences(app) -> list:
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={
            "compare_type": True, "include_object": include_object(connection.dialect.name)})
        return compare_metadata(context, db.metadata)


def test_upgrade_builds_the_models_schema_and_downgrade_undoes_it(database, fresh_database_url):
    app = create_app(app_config(SQLALCHEMY_DATABASE_URI=_sqlalchemy_url(fresh_database_url)))
    with app.app_context():
        upgrade()
    assert schema_differences(app) == []
    with app.app_context():
        downgrade(revision="base")
        tables = set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}
        db.engine.dispose()
    assert tables == set()
