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
from flask_sqlalchemy.session import Session as FlaskSession

from tests import services_check
from tests.factories import Factories

CI = os.environ.get("CI", "").lower() == "true"


class ConnectionBoundSession(FlaskSession):
    """Flask-SQLAlchemy picks the engine by table; a test session must use its connection."""

    def get_bind(self, *args, **kwargs):
        return self.bind


def database_url() -> str:
    """Each xdist worker gets a database of its own: a temporary SQLite file, or on PostgreSQL
    ``<database>_<worker>``, created on first use."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        return "sqlite:///" + os.path.join(tempfile.mkdtemp(prefix="haigou-test-"), "test.db")
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return worker_database(url, worker) if worker and url.startswith("postgres") else url


def worker_database(url: str, worker: str) -> str:
    import sqlalchemy as sa

    from marketplace.config import _sqlalchemy_url

    base, name = url.rsplit("/", 1)
    own = f"{name}_{worker}"
    engine = sa.create_engine(_sqlalchemy_url(url), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        exists = connection.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": own})
        if not exists:
            connection.execute(sa.text(f'CREATE DATABASE "{own}"'))
    engine.dispose()
    return f"{base}/{own}"


DATABASE_URL = database_url()


def pytest_configure(config):
    from marketplace.accounts.passwords import use_cheap_hashing_for_tests

    services_check.require_in_ci(CI)
    use_cheap_hashing_for_tests()


def pytest_report_header(config):
    return services_check.header()


def app_config(**overrides) -> dict:
    """Settings for a test app: its own instance folder, jobs inline, no CSRF on forms."""
    from marketplace.config import _sqlalchemy_url

    instance = tempfile.mkdtemp(prefix="haigou-instance-")
    config = {
        "TESTING": True,
        "APP_ENV": "testing",
        "SQLALCHEMY_DATABASE_URI": _sqlalchemy_url(DATABASE_URL),
        "INSTANCE_PATH": instance,
        "STORAGE_LOCAL_PATH": os.path.join(instance, "files"),
        "MAIL_OUTBOX_PATH": os.path.join(instance, "mail"),
        "REDIS_URL": None,
        "JOBS_INLINE": True,
        "WTF_CSRF_ENABLED": False,
        "SIGNIN_RATE_LIMIT": "10000 per minute",
        "RATELIMIT_STORAGE_URI": "memory://",
        "FX_FEED_URL": None,  # never fetch the ECB feed from a test
        "PAGE_CACHE_SECONDS": 0,  # tests change the catalogue between requests
    }
    config.update(overrides)
    return config


@pytest.fixture(scope="session")
def app():
    from marketplace import create_app
    from marketplace.extensions import db
    from tests.web.catalogues import compile_if_stale

    compile_if_stale()  # pages are asserted in both languages; .mo files are build products
    app = create_app(app_config())
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
    db.session = db._make_scoped_session({"class_": ConnectionBoundSession, "bind": connection,
                                          "join_transaction_mode": "create_savepoint",
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


@pytest.fixture
def decide(make):
    """``decide(listing_id, "approve", reasons=[...], note=...)``: the review queue's final
    decision on a listing (the certification tests have their own, for applications)."""
    reviewer = make.reviewer()
    return lambda listing_id, decision="approve", reasons=(), note=None: make.final_decision(
        "listing", listing_id, decision, reviewer=reviewer, reasons=reasons, note=note)
