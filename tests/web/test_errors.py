"""Friendly, translated error pages in the layout; JSON errors on the API."""
import pytest

from tests.web.conftest import session_user_id


def assert_in_layout(html: str):
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html and "<footer" in html


@pytest.mark.parametrize(("language", "title", "message"), [
    ("zh-CN", "页面不存在", "找不到您要访问的内容。"),
    ("en", "Page not found", "Nothing was found at this address."),
])
def test_not_found_page(client, language, title, message):
    response = client.get("/no-such-page", headers={"Accept-Language": language})
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert f"<h1>{title}</h1>" in html and f"<p>{message}</p>" in html
    assert_in_layout(html)


def test_not_found_on_the_api_is_json(client):
    response = client.get("/api/v1/no-such-thing", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert response.get_json() == {"error": {"code": "not_found", "fields": {},
                                             "message": "Nothing was found at this address."}}


@pytest.mark.parametrize(("language", "title", "message"), [
    ("zh-CN", "无权访问", "您的账号无权执行此操作。"),
    ("en", "Not allowed", "Your account is not allowed to do this."),
])
def test_forbidden_page(make, language, title, message):
    client = make.signed_in(make.user())
    response = client.get("/review/", headers={"Accept-Language": language})
    html = response.get_data(as_text=True)
    assert response.status_code == 403
    assert f"<h1>{title}</h1>" in html and f"<p>{message}</p>" in html
    assert_in_layout(html)


def test_forbidden_on_the_api_is_json(make, api):
    response = api(make.user()).get("/api/v1/admin/fx-rates", headers={"Accept-Language": "en"})
    assert response.status_code == 403
    assert response.get_json()["error"] == {"code": "forbidden", "fields": {},
                                            "message": "Your account is not allowed to do this."}


def test_anonymous_visitor_of_a_staff_page_is_sent_to_sign_in(client):
    response = client.get("/review/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in?next=/review/")


def test_method_not_allowed_page_is_translated(client):
    response = client.get("/sign-out")
    assert response.status_code == 405
    assert "此处不支持该请求方法。" in response.get_data(as_text=True)


@pytest.fixture
def failing_app(make_app):
    app = make_app()

    def explode():
        raise RuntimeError("a bug")

    app.add_url_rule("/explode", "explode", explode)
    app.add_url_rule("/api/v1/explode", "api_explode", explode)
    return app


@pytest.mark.parametrize(("language", "title", "message"), [
    ("zh-CN", "出错了", "服务器出了点问题，请稍后再试。"),
    ("en", "Something went wrong", "Something went wrong on our side. Please try again later."),
])
def test_server_error_page(failing_app, language, title, message):
    response = failing_app.test_client().get("/explode", headers={"Accept-Language": language})
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert f"<h1>{title}</h1>" in html and f"<p>{message}</p>" in html
    assert "a bug" not in html and "Traceback" not in html
    assert_in_layout(html)


def test_server_error_on_the_api_is_json(failing_app):
    response = failing_app.test_client().get("/api/v1/explode", headers={"Accept-Language": "en"})
    assert response.status_code == 500
    message = "Something went wrong on our side. Please try again later."
    assert response.get_json() == {"error": {"code": "server_error", "fields": {}, "message": message}}


def test_server_error_page_keeps_the_visitor_signed_in(failing_app, make):
    user = make.user()
    client = failing_app.test_client()
    client.post("/sign-in", data={"email": user.email, "password": "Corr3ct-horse-battery"})
    assert client.get("/explode").status_code == 500
    assert session_user_id(client) == str(user.id)


def test_server_error_page_survives_a_failing_user_lookup(failing_app, make, monkeypatch):
    from marketplace.extensions import login_manager

    user = make.user(locale="zh_CN")
    client = failing_app.test_client()
    client.post("/sign-in", data={"email": user.email, "password": "Corr3ct-horse-battery"})

    def database_down(user_id):
        raise RuntimeError("database down")

    monkeypatch.setattr(login_manager, "_user_callback", database_down)
    response = client.get("/explode", headers={"Accept-Language": "en"})
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in html  # the user's own setting could not be read
    assert "database down" not in html
