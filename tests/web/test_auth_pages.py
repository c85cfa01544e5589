"""Register and sign-in pages: bad input answers 422 with the field's error in the page's
language and changes nothing; good input signs in."""
import pytest

from marketplace.accounts import services
from marketplace.accounts.models import User
from marketplace.extensions import db
from tests.factories import PASSWORD
from tests.web.conftest import session_user_id

MEGABYTE_PASSWORD = "p" * (1024 * 1024)
GOOD = {"email": "new.shopper@example.com", "display_name": "小王", "password": "long-enough-pw"}


def user_count(app) -> int:
    with app.app_context():
        return services.count_users()


def field_error(html: str, field: str) -> str:
    start = html.index(f'<p class="error" id="{field}-error">') + len(f'<p class="error" id="{field}-error">')
    return html[start:html.index("</p>", start)]


@pytest.fixture
def no_hashing(monkeypatch):
    """Fails the test if a password is hashed or verified: bounds come first."""
    def refuse(*args):
        raise AssertionError("a password was hashed")

    monkeypatch.setattr(services, "hash_password", refuse)
    monkeypatch.setattr(services, "verify_password", refuse)


@pytest.mark.parametrize(("changes", "field", "chinese", "english"), [
    ({"email": ""}, "email", "此项为必填项。", "This field is required."),
    ({"email": "not-an-email"}, "email", "邮箱地址格式不正确。", "Not a valid email address."),
    ({"email": "x" * 300 + "@example.com"}, "email", "最多 254 个字符。", "At most 254 characters."),
    ({"display_name": "   "}, "display_name", "此项为必填项。", "This field is required."),
    ({"password": ""}, "password", "此项为必填项。", "This field is required."),
    ({"password": "short"}, "password", "密码长度须为 8 到 128 个字符。",
     "The password needs 8 to 128 characters."),
    ({"password": MEGABYTE_PASSWORD}, "password", "密码长度须为 8 到 128 个字符。",
     "The password needs 8 to 128 characters."),
])
def test_register_refuses_bad_input(app, client, no_hashing, changes, field, chinese, english):
    before = user_count(app)
    for language, expected in (("zh-CN", chinese), ("en", english)):
        response = client.post("/register", data={**GOOD, **changes}, headers={"Accept-Language": language})
        assert response.status_code == 422
        assert field_error(response.get_data(as_text=True), field) == expected
    assert user_count(app) == before
    assert session_user_id(client) is None


def test_register_with_everything_empty_lists_each_field(app, client):
    response = client.post("/register", data={})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    errors = [field_error(html, name) for name in ("email", "display_name", "password")]
    assert errors == ["此项为必填项。"] * 3
    assert 'aria-invalid="true"' in html and 'aria-describedby="email-error"' in html


def test_register_refuses_a_taken_email(app, client, make):
    make.user(email="taken@example.com")
    before = user_count(app)
    response = client.post("/register", data={**GOOD, "email": " Taken@Example.com "})
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), "email") == "该邮箱已注册。"
    assert user_count(app) == before


def test_register_signs_in_and_keeps_the_page_language(app, client):
    before = user_count(app)
    response = client.post("/register", data=GOOD, headers={"Accept-Language": "en"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert user_count(app) == before + 1
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == GOOD["email"]))
        assert (user.display_name, user.locale, user.roles) == ("小王", "en", ["shopper"])
    assert session_user_id(client) == str(user.id)
    home = client.get("/").get_data(as_text=True)
    assert "Welcome to Haigou!" in home and '<span class="who">小王</span>' in home


@pytest.mark.parametrize(("data", "field", "chinese", "english"), [
    ({"email": "", "password": ""}, "email", "此项为必填项。", "This field is required."),
    ({"email": "a@example.com", "password": ""}, "password", "此项为必填项。", "This field is required."),
    ({"email": "not-an-email", "password": PASSWORD}, "email", "邮箱地址格式不正确。",
     "Not a valid email address."),
    ({"email": "a@example.com", "password": MEGABYTE_PASSWORD}, "password", "最多 128 个字符。",
     "At most 128 characters."),
])
def test_sign_in_refuses_bad_input(client, no_hashing, data, field, chinese, english):
    for language, expected in (("zh-CN", chinese), ("en", english)):
        response = client.post("/sign-in", data=data, headers={"Accept-Language": language})
        assert response.status_code == 422
        assert field_error(response.get_data(as_text=True), field) == expected
    assert session_user_id(client) is None


@pytest.mark.parametrize("email", ["nobody@example.com", "known"])
def test_sign_in_with_wrong_credentials_says_so(client, make, email):
    user = make.user()
    address = user.email if email == "known" else email
    response = client.post("/sign-in", data={"email": address, "password": "not-the-password"})
    assert response.status_code == 422
    assert field_error(response.get_data(as_text=True), "password") == "邮箱或密码不正确。"
    assert session_user_id(client) is None


def test_sign_in_then_out(client, make):
    user = make.user(name="Signed In")
    response = client.post("/sign-in", data={"email": user.email.upper(), "password": PASSWORD})
    assert response.status_code == 302
    assert '<span class="who">Signed In</span>' in client.get("/").get_data(as_text=True)
    assert client.post("/sign-out").status_code == 302
    assert session_user_id(client) is None
