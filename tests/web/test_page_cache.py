"""Anonymous public pages come from a short cache; anyone with a session never does."""
import pytest

from marketplace import create_app
from marketplace.extensions import db
from marketplace.web import page_cache
from tests.catalog_builders import listing
from tests.conftest import app_config
from tests.factories import Factories

EN = {"Accept-Language": "en"}
ZH = {"Accept-Language": "zh-CN"}  # the builder's listings show their Chinese titles there


@pytest.fixture(scope="module")
def cached_app():
    return create_app(app_config(PAGE_CACHE_SECONDS=30))


@pytest.fixture
def clock(monkeypatch):
    """The cache's clock, moved by hand."""
    now = [1000.0]
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: now[0])
    return now


def add_live_listing(app, make, title):
    with app.app_context():
        listing(make.buyer().shop.id, title=title, currency="CNY")
        db.session.commit()


def test_an_anonymous_page_is_served_from_the_cache_until_it_expires(cached_app, clock):
    make = Factories(cached_app)
    client = cached_app.test_client()
    first = client.get("/", headers=ZH)
    assert first.status_code == 200 and "Set-Cookie" not in first.headers
    assert "csrf_token" not in first.get_data(as_text=True)
    add_live_listing(cached_app, make, "缓存测试面霜")
    assert client.get("/", headers=ZH).get_data() == first.get_data()
    clock[0] += 31
    assert "缓存测试面霜" in client.get("/", headers=ZH).get_data(as_text=True)


def test_each_language_has_its_own_copy(cached_app, clock):
    client = cached_app.test_client()
    english = client.get("/", headers=EN).get_data(as_text=True)
    chinese = client.get("/", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert 'lang="en"' in english and 'lang="zh-CN"' in chinese


def test_signed_in_visitors_always_see_the_current_page(cached_app, clock):
    make = Factories(cached_app)
    client = make.signed_in(make.user())
    client.get("/", headers=ZH)
    add_live_listing(cached_app, make, "登录后可见面霜")
    assert "登录后可见面霜" in client.get("/", headers=ZH).get_data(as_text=True)


def test_a_request_with_a_session_bypasses_the_cache(cached_app, clock):
    make = Factories(cached_app)
    anonymous = cached_app.test_client()
    anonymous.get("/", headers=ZH)
    add_live_listing(cached_app, make, "会话面霜")
    with_session = cached_app.test_client()
    with_session.set_cookie("session", "something")
    assert "会话面霜" in with_session.get("/", headers=ZH).get_data(as_text=True)


def test_the_cache_is_off_at_zero(app, make):
    client = app.test_client()
    client.get("/", headers=ZH)
    add_live_listing(app, make, "不缓存面霜")
    assert "不缓存面霜" in client.get("/", headers=ZH).get_data(as_text=True)


def test_the_cache_keeps_a_bounded_number_of_pages():
    cache = page_cache.PageCache(max_entries=2)
    for number in range(3):
        cache.put((f"/p/{number}", "en"), (100.0, b"", 200, []))
    assert cache.get(("/p/0", "en"), 0.0) is None
    assert cache.get(("/p/2", "en"), 0.0) is not None
    assert cache.get(("/p/2", "en"), 100.0) is None  # expired
