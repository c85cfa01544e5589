"""The app's file routes for the local backend: ``/files/<token>`` and ``/media/<key>``."""
from __future__ import annotations

import pytest
from itsdangerous import TimestampSigner

from marketplace.storage.local import LocalStorage
from marketplace.web.access import PUBLIC, rule_of
from marketplace.web.security import CSP

SIGNED_AT = 1_800_000_000
PNG = b"\x89PNG\r\n\x1a\n" + b"\x01" * 16
ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def store(app, monkeypatch, tmp_path):
    storage = LocalStorage(str(tmp_path / "files"), app.config["SECRET_KEY"])
    monkeypatch.setitem(app.extensions, "storage", storage)
    with app.test_request_context():
        yield storage


@pytest.fixture
def clock(monkeypatch):
    def set_to(seconds_after_signing: int) -> None:
        now = SIGNED_AT + seconds_after_signing
        monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda signer: now)

    set_to(0)
    return set_to


def assert_security_headers(response):
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["Content-Security-Policy"] == CSP


def test_both_routes_are_declared_public(app):
    assert rule_of(app.view_functions["files.download"]) is PUBLIC
    assert rule_of(app.view_functions["files.media"]) is PUBLIC


def test_a_signed_download_carries_its_headers(client, store, clock):
    store.put("identity/7/a1b2.pdf", b"%PDF-1.7", "application/pdf")
    url = store.signed_url("identity/7/a1b2.pdf", expires_in=300, filename="passport.pdf")
    clock(120)

    response = client.get(url)

    assert response.status_code == 200
    assert response.get_data() == b"%PDF-1.7"
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=\"passport.pdf\"; filename*=UTF-8''passport.pdf")
    assert response.headers["Cache-Control"] == "private, max-age=180"
    assert_security_headers(response)


@pytest.mark.parametrize(("key", "content_type"), [
    ("docs/page.html", "text/html"), ("docs/logo.svg", "image/svg+xml"),
    ("docs/blob", "application/octet-stream"),
])
def test_types_a_browser_could_run_are_only_ever_downloaded(client, store, key, content_type):
    store.put(key, b"<script>alert(1)</script>", content_type)

    response = client.get(store.signed_url(key, expires_in=60))

    assert response.status_code == 200
    assert response.headers["Content-Type"].split(";")[0] == content_type
    assert response.headers["Content-Disposition"] == "attachment"


@pytest.mark.parametrize("token", ["not-a-token", "e30.AAAA.BBBB", "x" * 300])
def test_a_bad_token_gets_a_translated_403_page(client, store, token):
    response = client.get(f"/files/{token}", headers=ENGLISH)

    assert response.status_code == 403
    assert response.mimetype == "text/html"
    assert "This download link is not valid or has expired." in response.get_data(as_text=True)
    assert 'lang="en"' in response.get_data(as_text=True)
    assert_security_headers(response)


def test_a_flipped_signature_is_refused(client, store):
    store.put("identity/7/passport.png", PNG, "image/png")
    url = store.signed_url("identity/7/passport.png", expires_in=60)
    head, signature = url.rsplit(".", 1)
    flipped = ("B" if signature[0] == "A" else "A") + signature[1:]

    assert client.get(f"{head}.{flipped}").status_code == 403
    assert client.get(url).get_data() == PNG


def test_an_expired_link_gets_the_same_403(client, store, clock):
    store.put("identity/7/passport.png", PNG, "image/png")
    url = store.signed_url("identity/7/passport.png", expires_in=30)
    clock(31)

    response = client.get(url, headers=ENGLISH)

    assert response.status_code == 403
    assert "This download link is not valid or has expired." in response.get_data(as_text=True)
    assert PNG not in response.get_data()


def test_a_link_to_a_deleted_file_answers_404(client, store):
    store.put("identity/7/passport.png", PNG, "image/png")
    url = store.signed_url("identity/7/passport.png", expires_in=60)
    store.delete("identity/7/passport.png")

    response = client.get(url, headers=ENGLISH)

    assert response.status_code == 404
    assert "This file is no longer available." in response.get_data(as_text=True)


def test_a_link_signed_with_another_secret_is_refused(client, store):
    store.put("identity/7/passport.png", PNG, "image/png")
    other = LocalStorage(str(store.root), "another-secret")

    assert client.get(other.signed_url("identity/7/passport.png", expires_in=60)).status_code == 403


def test_a_public_image_is_served_cacheable_under_media(client, store):
    store.put("public/listings/5/thumb.png", PNG, "image/png")

    response = client.get("/media/public/listings/5/thumb.png")

    assert response.status_code == 200
    assert response.get_data() == PNG
    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["Cache-Control"] == "public, max-age=86400"
    assert "Content-Disposition" not in response.headers
    assert_security_headers(response)


@pytest.mark.parametrize("path", [
    "/media/identity/7/passport.png",
    "/media/public/../identity/7/passport.png",
    "/media/public/%2e%2e/identity/7/passport.png",
    "/media/public/..%2fidentity/7/passport.png",
    "/media/public//identity/7/passport.png",
    "/media/public/listings/5/missing.png",
])
def test_media_never_serves_a_private_key(client, store, path):
    store.put("identity/7/passport.png", PNG, "image/png")

    response = client.get(path, headers=ENGLISH)

    assert response.status_code == 404
    assert PNG not in response.get_data()
    assert store.open("identity/7/passport.png") == PNG


def test_a_symlink_out_of_the_root_is_refused(client, store, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"outside")
    (store.root / "public").mkdir(parents=True)
    (store.root / "public" / "link.txt").symlink_to(secret)

    assert client.get("/media/public/link.txt").status_code == 404


def test_file_routes_answer_404_when_the_app_stores_in_s3(app, client, monkeypatch):
    from marketplace.storage.s3 import S3Storage

    monkeypatch.setitem(app.extensions, "storage", S3Storage("unused", endpoint_url="http://127.0.0.1:9"))

    assert client.get("/media/public/listings/5/thumb.png").status_code == 404
    assert client.get("/files/anything").status_code == 404
