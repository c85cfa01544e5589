"""Accounts through the API: register, tokens, me, and bad input of every kind."""
import pytest
from sqlalchemy import func, select

from marketplace.accounts.models import ApiToken, User
from marketplace.extensions import db


def count(app, model):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def register(client, **overrides):
    body = {"email": "ada@example.com", "password": "Corr3ct-horse", "display_name": "Ada"}
    body.update(overrides)
    return client.post("/api/v1/auth/register", json=body)


def test_register_creates_a_shopper(client):
    response = register(client)
    assert response.status_code == 201
    body = response.get_json()
    assert body["email"] == "ada@example.com"
    assert body["display_name"] == "Ada"
    assert body["roles"] == ["shopper"]
    assert isinstance(body["id"], int)
    assert "password" not in body and "password_hash" not in body


def test_register_stores_an_argon2_hash_not_the_password(app, client):
    register(client)
    with app.app_context():
        user = db.session.scalar(select(User))
        assert user.password_hash.startswith("$argon2id$")
        assert "Corr3ct-horse" not in user.password_hash


def test_email_is_case_insensitive_and_unique(app, client):
    assert register(client, email="Ada@Example.com").status_code == 201
    response = register(client, email="ada@example.COM")
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "email_taken"
    assert count(app, User) == 1


@pytest.mark.parametrize("overrides, field", [
    ({"email": "not-an-email"}, "email"),
    ({"email": ""}, "email"),
    ({"email": "a" * 300 + "@example.com"}, "email"),
    ({"password": "short"}, "password"),
    ({"password": "x" * 1_000_000}, "password"),
    ({"display_name": ""}, "display_name"),
    ({"display_name": "n" * 81}, "display_name"),
    ({"email": 12}, "email"),
    ({"locale": "fr"}, "locale"),
    ({"roles": ["admin"]}, "roles"),
])
def test_register_refuses_bad_values_and_writes_nothing(app, client, overrides, field):
    response = register(client, **overrides)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "validation_failed"
    assert field in error["fields"]
    assert count(app, User) == 0


def test_missing_fields_are_named(client):
    response = client.post("/api/v1/auth/register", json={})
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {"email", "password", "display_name"}


@pytest.mark.parametrize("data, content_type", [
    ("{not json", "application/json"),
    ('["a", "list"]', "application/json"),
    ("email=a@b.c", "application/x-www-form-urlencoded"),
    ("", "application/json"),
])
def test_malformed_bodies_answer_400(app, client, data, content_type):
    response = client.post("/api/v1/auth/register", data=data, content_type=content_type)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "malformed_json"
    assert count(app, User) == 0


def test_errors_speak_the_request_language(client):
    zh = client.post("/api/v1/auth/register", json={}, headers={"Accept-Language": "zh-CN"})
    en = client.post("/api/v1/auth/register", json={}, headers={"Accept-Language": "en"})
    assert en.get_json()["error"]["fields"]["email"] == ["This field is required."]
    assert zh.get_json()["error"]["fields"]["email"] != ["This field is required."]
    assert zh.get_json()["error"]["message"] != en.get_json()["error"]["message"]


def test_token_then_me(client, make):
    user = make.user("reviewer", email="rev@example.com")
    response = client.post("/api/v1/auth/tokens",
                           json={"email": "REV@example.com", "password": "Corr3ct-horse-battery"})
    assert response.status_code == 201
    body = response.get_json()
    assert len(body["token"]) >= 40 and body["expires_at"]
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.status_code == 200
    assert me.get_json() == {"id": user.id, "email": "rev@example.com", "display_name": user.display_name,
                             "roles": ["shopper", "reviewer"], "locale": None, "shop": None}


def test_tokens_are_stored_hashed(app, client, make):
    make.user(email="hash@example.com")
    token = client.post("/api/v1/auth/tokens", json={"email": "hash@example.com",
                                                     "password": "Corr3ct-horse-battery"}).get_json()["token"]
    with app.app_context():
        stored = db.session.scalar(select(ApiToken.token_hash))
    assert stored != token and len(stored) == 64


@pytest.mark.parametrize("body", [
    {"email": "who@example.com", "password": "Corr3ct-horse-battery"},
    {"email": "known@example.com", "password": "wrong-password"},
])
def test_bad_credentials_answer_401_without_saying_which(client, make, body):
    make.user(email="known@example.com")
    response = client.post("/api/v1/auth/tokens", json=body)
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "bad_credentials"


def test_a_huge_password_at_sign_in_is_refused_before_hashing(client, make):
    make.user(email="known@example.com")
    response = client.post("/api/v1/auth/tokens",
                           json={"email": "known@example.com", "password": "p" * 1_000_000})
    assert response.status_code == 422
    assert "password" in response.get_json()["error"]["fields"]


def test_me_needs_a_valid_token(client, make):
    user = make.user()
    assert client.get("/api/v1/me").status_code == 401
    for header in ("Bearer nonsense", "Basic abc", "Bearer ", "Token x"):
        response = client.get("/api/v1/me", headers={"Authorization": header})
        assert response.status_code == 401
    expired = make.expired_token(user)
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {expired}"})
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "invalid_token"


def test_a_revoked_token_stops_working(client, make):
    token = make.token(make.user())
    headers = {"Authorization": f"Bearer {token}"}
    assert client.delete("/api/v1/auth/tokens/current", headers=headers).status_code == 204
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_an_inactive_user_cannot_use_a_token(app, client, make):
    user = make.user()
    token = make.token(user)
    with app.app_context():
        db.session.get(User, user.id).is_active = False
        db.session.commit()
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_me_shows_the_buyers_shop(api, make):
    buyer = make.buyer(country="JP", shop_name="Tokyo Finds")
    body = api(buyer).get("/api/v1/me").get_json()
    assert body["roles"] == ["shopper", "buyer"]
    assert body["shop"]["slug"] == "tokyo-finds"
    assert body["shop"]["name"] == "Tokyo Finds"
