"""Browser tests: Debian's chromium drives a real server thread.

The server has its own app and its own SQLite file, committed for real, because a server thread
cannot share the per-test rollback transaction the rest of the suite runs in; the catalogue it
shows is seeded once per session. Without /usr/bin/chromium these tests skip with a notice, but
in CI (CI=true) they fail: .ci/run installs chromium.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import threading

import pytest

from tests.conftest import CI, app_config
from tests.e2e import seed
from tests.web.catalogues import compile_if_stale

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(autouse=True)
def database():
    """Replaces the suite's rollback wrapper: the server thread needs committed data."""
    yield None


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if os.path.exists(CHROMIUM):
        return CHROMIUM
    if CI:
        pytest.fail(f"CI=true but {CHROMIUM} is missing: install Debian's chromium (.ci/run does)")
    print(f"\nnotice: {CHROMIUM} is not installed (apt-get install chromium); skipping browser tests")
    pytest.skip("chromium not installed")


@pytest.fixture(scope="session")
def live_app():
    from marketplace import create_app
    from marketplace.extensions import db

    compile_if_stale()
    folder = tempfile.mkdtemp(prefix="haigou-e2e-")
    app = create_app(app_config(TESTING=False, WTF_CSRF_ENABLED=True,
                                SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder}/e2e.db"))
    with app.app_context():
        db.create_all()
        seed.catalogue()
        db.session.commit()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def live_server(live_app):
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="e2e-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser profile (no cookies) per test, asking for Chinese like most shoppers."""
    context = browser.new_context(base_url=live_server, locale="zh-CN",
                                  extra_http_headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server, locale="zh-CN", is_mobile=True, has_touch=True,
                                  viewport={"width": 360, "height": 740}, device_scale_factor=2)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()
