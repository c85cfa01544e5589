"""Which language a page or API answer is in, and Babel formatting per locale."""
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from flask_babel import format_datetime

from marketplace.accounts.models import User
from marketplace.extensions import db
from marketplace.money.money import Money
from marketplace.web.i18n import format_money
from tests.web.conftest import csrf_token


def page_language(response) -> str:
    html = response.get_data(as_text=True)
    return html.split('<html lang="', 1)[1].split('"', 1)[0]


def stored_locale(app, user) -> str | None:
    with app.app_context():
        return db.session.get(User, user.id).locale


def test_pages_default_to_simplified_chinese(client):
    response = client.get("/sign-in")
    assert response.status_code == 200
    assert page_language(response) == "zh-CN"
    assert "<h1>登录</h1>" in response.get_data(as_text=True)


@pytest.mark.parametrize(("header", "language"), [
    ("en-US,en;q=0.9", "en"), ("en", "en"), ("zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"), ("zh", "zh-CN"),
    ("fr-FR,fr;q=0.9", "zh-CN"), ("fr, en;q=0.5", "en"),
])
def test_accept_language_picks_a_supported_locale(client, header, language):
    response = client.get("/sign-in", headers={"Accept-Language": header})
    assert page_language(response) == language


def test_english_page_is_english(client):
    html = client.get("/sign-in", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "<h1>Sign in</h1>" in html
    assert "Skip to content" in html


def test_switcher_sets_a_cookie_that_beats_the_header(csrf_app):
    client = csrf_app.test_client()
    response = client.post("/locale", data={"csrf_token": csrf_token(client), "locale": "en",
                                            "next": "/register"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/register"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("locale=en;") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    page = client.get("/register", headers={"Accept-Language": "zh-CN"})
    assert page_language(page) == "en"


def test_switcher_refuses_a_post_without_csrf_token(csrf_app):
    client = csrf_app.test_client()
    response = client.post("/locale", data={"locale": "en"})
    assert response.status_code == 400
    assert "Set-Cookie" not in response.headers or "locale=" not in response.headers["Set-Cookie"]
    assert page_language(client.get("/")) == "zh-CN"


def test_switcher_refuses_an_unknown_locale(client):
    response = client.post("/locale", data={"locale": "xx", "next": "/"})
    assert response.status_code == 422
    assert "请从列表中选择语言。" in response.get_data(as_text=True)
    assert "locale=" not in response.headers.get("Set-Cookie", "")


def test_switcher_saves_the_signed_in_users_setting(csrf_app, make):
    user = make.user(locale="zh_CN")
    client = csrf_app.test_client()
    client.post("/sign-in", data={"csrf_token": csrf_token(client), "email": user.email,
                                  "password": "Corr3ct-horse-battery"})
    response = client.post("/locale", data={"csrf_token": csrf_token(client, "/"), "locale": "en"})
    assert response.status_code == 302
    assert stored_locale(csrf_app, user) == "en"


def test_user_setting_beats_cookie_and_header_on_pages(make):
    user = make.user(locale="en")
    client = make.signed_in(user)
    client.set_cookie("locale", "zh_CN")
    response = client.get("/", headers={"Accept-Language": "zh-CN"})
    assert page_language(response) == "en"


def test_api_uses_accept_language_before_the_users_setting(make, api):
    client = api(make.user(locale="en"))
    chinese = client.post("/api/v1/auth/tokens", json={}, headers={"Accept-Language": "zh-CN"})
    assert chinese.status_code == 422
    assert chinese.get_json()["error"]["message"] == "部分内容填写有误。"
    assert chinese.get_json()["error"]["fields"]["email"] == ["此项为必填项。"]
    english = client.post("/api/v1/auth/tokens", json={})
    assert english.get_json()["error"]["message"] == "Some values are not valid."


def test_api_defaults_to_chinese(client):
    response = client.get("/api/v1/nothing-here")
    assert response.get_json()["error"] == {"code": "not_found", "message": "找不到您要访问的内容。",
                                            "fields": {}}


@pytest.mark.parametrize(("locale", "amount", "currency", "expected"), [
    ("zh-CN", "1234.5", "CNY", "¥1,234.50"), ("zh-CN", "1234.5", "JPY", "JP¥1,235"),
    ("zh-CN", "1234.5", "USD", "US$1,234.50"), ("en", "1234.5", "CNY", "CN¥1,234.50"),
    ("en", "1234.5", "JPY", "¥1,235"), ("en", "1234.5", "USD", "$1,234.50"),
    ("en", "0.005", "USD", "$0.01"),
])
def test_money_is_formatted_for_the_page_locale(app, locale, amount, currency, expected):
    with app.test_request_context("/", headers={"Accept-Language": locale}):
        assert format_money(Money.of(amount, currency)) == expected


def test_dates_are_formatted_in_shanghai_time_for_the_locale(app):
    moment = datetime(2026, 3, 5, 14, 30, tzinfo=UTC)
    with app.test_request_context("/", headers={"Accept-Language": "zh-CN"}):
        assert format_datetime(moment, "medium") == "2026年3月5日 22:30:00"
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        assert format_datetime(moment, "medium") == "Mar 5, 2026, 10:30:00\u202fPM"


def test_templates_see_the_formatting_helpers(app):
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        template = app.jinja_env.from_string("{{ format_money(price) }} {{ format_decimal(number) }}")
        assert template.render(price=Money.of("12", "CNY"), number=Decimal("1234.5")) == "CN¥12.00 1,234.5"


def test_an_anonymous_visitor_switches_language_with_a_get(client):
    response = client.get("/locale?locale=en&next=/search")
    assert response.status_code == 302 and response.location.endswith("/search")
    assert "locale=en" in response.headers["Set-Cookie"]
    assert 'lang="en"' in client.get("/").get_data(as_text=True)


def test_a_get_never_changes_the_account_setting(app, make):
    from marketplace.accounts.models import User
    from marketplace.extensions import db

    user = make.user(locale="zh_CN")
    client = make.signed_in(user)
    assert client.get("/locale?locale=en&next=/").status_code == 302
    with app.app_context():
        assert db.session.get(User, user.id).locale == "zh_CN"


def test_a_bad_language_in_a_get_is_refused(client):
    response = client.get("/locale?locale=fr", headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert "Set-Cookie" not in response.headers
