"""Security headers, cookie flags, CSRF, the open-redirect guard and the sign-in rate limit."""
import pytest
from cryptography.fernet import Fernet

from marketplace.extensions import limiter
from marketplace.web.security import CSP
from tests.factories import PASSWORD
from tests.web.conftest import csrf_token, session_user_id


def assert_security_headers(response):
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["Content-Security-Policy"] == CSP
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize("path", ["/", "/sign-in", "/no-such-page", "/static/css/site.css"])
def test_pages_carry_security_headers(client, path):
    assert_security_headers(client.get(path))


@pytest.mark.parametrize("path", ["/api/v1/me", "/api/v1/no-such-thing"])
def test_api_responses_carry_security_headers(client, path):
    response = client.get(path)
    assert response.status_code in (401, 404)
    assert_security_headers(response)


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/").headers
    secure = client.get("/", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def sign_in_cookie(client, user, **kwargs) -> str:
    response = client.post("/sign-in", data={"email": user.email, "password": PASSWORD}, **kwargs)
    assert response.status_code == 302
    return next(value for value in response.headers.getlist("Set-Cookie") if value.startswith("session="))


def test_session_cookie_is_httponly_and_lax_but_not_secure_in_development(client, make):
    cookie = sign_in_cookie(client, make.user())
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_session_cookie_is_secure_in_production(make_app, make):
    production = make_app(APP_ENV="production", SECRET_KEY="a-real-looking-secret-" + "x" * 40,
                          DATA_ENCRYPTION_KEY=Fernet.generate_key().decode())
    assert production.config["SESSION_COOKIE_SECURE"] is True
    cookie = sign_in_cookie(production.test_client(), make.user(), base_url="https://localhost")
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_sign_in_without_csrf_token_is_refused_and_signs_nobody_in(csrf_app, make):
    user = make.user()
    client = csrf_app.test_client()
    response = client.post("/sign-in", data={"email": user.email, "password": PASSWORD})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "表单已失效，请刷新页面后重试。" in html
    assert '<main id="main"' in html
    assert session_user_id(client) is None


def test_sign_in_without_csrf_token_answers_in_english_when_asked(csrf_app, make):
    data = {"email": make.user().email, "password": PASSWORD}
    response = csrf_app.test_client().post("/sign-in", data=data, headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "The form expired. Please reload the page and try again." in response.get_data(as_text=True)


def test_sign_in_with_csrf_token_works(csrf_app, make):
    user = make.user()
    client = csrf_app.test_client()
    response = client.post("/sign-in", data={"csrf_token": csrf_token(client), "email": user.email,
                                             "password": PASSWORD})
    assert response.status_code == 302
    assert session_user_id(client) == str(user.id)


def test_sign_out_needs_post_and_csrf(csrf_app, make):
    user = make.user()
    client = csrf_app.test_client()
    client.post("/sign-in", data={"csrf_token": csrf_token(client), "email": user.email,
                                  "password": PASSWORD})
    assert client.get("/sign-out").status_code == 405
    assert client.post("/sign-out").status_code == 400
    assert session_user_id(client) == str(user.id)
    response = client.post("/sign-out", data={"csrf_token": csrf_token(client, "/")})
    assert response.status_code == 302
    assert session_user_id(client) is None


def test_api_with_bearer_token_needs_no_csrf_token(csrf_app, make):
    user = make.user()
    client = csrf_app.test_client()
    created = client.post("/api/v1/auth/tokens", json={"email": user.email, "password": PASSWORD})
    assert created.status_code == 201
    headers = {"Authorization": f"Bearer {created.get_json()['token']}"}
    assert client.get("/api/v1/me", headers=headers).get_json()["id"] == user.id
    assert client.delete("/api/v1/auth/tokens/current", headers=headers).status_code == 204


@pytest.mark.parametrize("target", [
    "//evil.example/x", "https://evil.example/", "/\\evil.example", "\\\\evil.example", "/\t/evil.example",
    "javascript:alert(1)", "http:/evil.example", "", "evil.example",
])
def test_sign_in_never_redirects_off_site(client, make, target):
    response = client.post("/sign-in", query_string={"next": target},
                           data={"email": make.user().email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_sign_in_redirects_to_a_local_next(client, make):
    response = client.post("/sign-in?next=/portal/%3Ftab%3D1", data={"email": make.user().email,
                                                                    "password": PASSWORD})
    assert response.headers["Location"] == "/portal/?tab=1"


def test_locale_switcher_never_redirects_off_site(client):
    response = client.post("/locale", data={"locale": "en", "next": "//evil.example/"})
    assert response.headers["Location"] == "/"


@pytest.fixture
def limited_app(make_app):
    limiter.reset()
    yield make_app(SIGNIN_RATE_LIMIT="3 per minute")
    limiter.reset()


def test_page_sign_in_is_rate_limited(limited_app, make):
    user = make.user()
    client = limited_app.test_client()
    for _attempt in range(3):
        wrong = client.post("/sign-in", data={"email": user.email, "password": "wrong-password"})
        assert wrong.status_code == 422
    response = client.post("/sign-in", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "尝试次数过多，请稍后再试。" in response.get_data(as_text=True)
    assert int(response.headers["Retry-After"]) > 0
    assert session_user_id(client) is None
    assert client.get("/sign-in").status_code == 200  # only attempts are limited


def test_api_token_creation_is_rate_limited(limited_app, make):
    user = make.user()
    client = limited_app.test_client()
    for _attempt in range(3):
        wrong = client.post("/api/v1/auth/tokens", json={"email": user.email, "password": "wrong-password"})
        assert wrong.status_code == 401
    response = client.post("/api/v1/auth/tokens", json={"email": user.email, "password": PASSWORD},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 429
    message = "Too many attempts. Please wait a moment and try again."
    assert response.get_json()["error"] == {"code": "rate_limited", "message": message, "fields": {}}
