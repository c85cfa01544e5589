"""Fixtures: the app, a database rolled back after every test, clients and factories.

The database is SQLite (a temporary file) unless ``TEST_DATABASE_URL`` names another; with
``CI=true`` the suite runs against PostgreSQL and Redis and stops, failing, if either is
unreachable. Outside CI, tests that need a missing service skip with a notice.

Every test runs inside one outer transaction on one connection; the app's session joins it with
SAVEPOINTs, so ``commit()`` in app code works and everything is rolled back afterwards. Tests that
need data committed for real (other threads, an RQ worker process) use ``committed_db``.
"""
from __future__ import annotations

import os
import tempfile

import pytest

from tests import services_check
from tests.factories import Factories

CI = os.environ.get("CI", "").lower() == "true"


def database_url() -> str:
    if os.environ.get("TEST_DATABASE_URL"):
        return os.environ["TEST_DATABASE_URL"]
    return "sqlite:///" + os.path.join(tempfile.mkdtemp(prefix="haigou-test-"), "test.db")


def pytest_configure(config):
    services_check.require_in_ci(CI)


def pytest_report_header(config):
    return services_check.header()


@pytest.fixture(scope="session")
def app():
    from marketplace import create_app
    from marketplace.config import _sqlalchemy_url
    from marketplace.extensions import db

    instance = tempfile.mkdtemp(prefix="haigou-instance-")
    app = create_app({
        "TESTING": True,
        "APP_ENV": "testing",
        "SQLALCHEMY_DATABASE_URI": _sqlalchemy_url(database_url()),
        "INSTANCE_PATH": instance,
        "STORAGE_LOCAL_PATH": os.path.join(instance, "files"),
        "MAIL_OUTBOX_PATH": os.path.join(instance, "mail"),
        "REDIS_URL": None,
        "JOBS_INLINE": True,
        "WTF_CSRF_ENABLED": False,
        "SIGNIN_RATE_LIMIT": "10000 per minute",
        "RATELIMIT_STORAGE_URI": "memory://",
        "SERVER_NAME": None,
    })
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.drop_all()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def database(request, app):
    """One outer transaction per test, rolled back at the end."""
    if "committed_db" in request.fixturenames:
        yield None
        return
    from marketplace.extensions import db

    with app.app_context():
        connection = db.engine.connect()
        outer = connection.begin()
    original = db.session
    db.session = db._make_scoped_session({"bind": connection, "join_transaction_mode": "create_savepoint",
                                          "expire_on_commit": False})
    try:
        yield connection
    finally:
        with app.app_context():
            db.session.remove()
        db.session = original
        outer.rollback()
        connection.close()


@pytest.fixture
def committed_db(app):
    """Real commits, visible to other connections and processes; every table emptied after."""
    from marketplace.extensions import db

    yield db
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())


@pytest.fixture
def ctx(app):
    """An app context for calling services directly. Don't combine with page sign-in flows:
    requests inside a pushed context share its ``g``."""
    with app.app_context():
        yield


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make(app):
    return Factories(app)


@pytest.fixture
def api(app, make):
    """``api(user)`` gives a test client that sends that user's bearer token."""
    return make.api_client
