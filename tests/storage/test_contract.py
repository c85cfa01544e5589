"""What every storage backend promises (marketplace/storage/base.py), run on local and on S3."""
from __future__ import annotations

import pytest

from marketplace.storage.base import MAX_LINK_SECONDS, InvalidKey, StoredFileMissing

BINARY = bytes(range(256)) * 4 + b"\x00\r\n\xff"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_put_then_open_returns_the_same_bytes(backend):
    backend.storage.put("identity/7/passport.bin", BINARY, "application/octet-stream")

    assert backend.storage.open("identity/7/passport.bin") == BINARY


def test_put_replaces_what_was_stored(backend):
    backend.storage.put("docs/a.txt", b"first version", "text/plain")
    backend.storage.put("docs/a.txt", b"second", "text/plain")

    assert backend.storage.open("docs/a.txt") == b"second"


def test_exists_tells_stored_from_absent(backend):
    backend.storage.put("docs/here.txt", b"x", "text/plain")

    assert backend.storage.exists("docs/here.txt") is True
    assert backend.storage.exists("docs/absent.txt") is False
    assert backend.storage.exists("docs") is False


def test_delete_removes_only_that_key(backend):
    backend.storage.put("docs/one.txt", b"1", "text/plain")
    backend.storage.put("docs/two.txt", b"2", "text/plain")

    backend.storage.delete("docs/one.txt")

    assert backend.storage.exists("docs/one.txt") is False
    assert backend.storage.open("docs/two.txt") == b"2"


def test_deleting_an_absent_key_is_not_an_error(backend):
    backend.storage.put("docs/kept.txt", b"kept", "text/plain")

    backend.storage.delete("docs/never-stored.txt")

    assert backend.storage.exists("docs/never-stored.txt") is False
    assert backend.storage.open("docs/kept.txt") == b"kept"


def test_opening_a_missing_key_raises_stored_file_missing(backend):
    with pytest.raises(StoredFileMissing):
        backend.storage.open("docs/missing.pdf")


def test_opening_a_deleted_key_raises_stored_file_missing(backend):
    backend.storage.put("docs/gone.pdf", b"%PDF", "application/pdf")
    backend.storage.delete("docs/gone.pdf")

    with pytest.raises(StoredFileMissing):
        backend.storage.open("docs/gone.pdf")


def test_a_signed_link_fetches_the_bytes_with_their_type(backend):
    backend.storage.put("identity/7/passport.png", PNG, "image/png")

    url = backend.storage.signed_url("identity/7/passport.png", expires_in=60)

    status, body, headers = backend.fetch(url)

    assert (status, body) == (200, PNG)
    assert headers["Content-Type"] == "image/png"
    assert "Content-Disposition" not in headers


@pytest.mark.parametrize(("key", "content_type"), [
    ("docs/scan.pdf", "application/pdf"),
    ("docs/photo.jpg", "image/jpeg"),
    ("docs/notes.txt", "text/plain"),
])
def test_content_types_follow_the_file(backend, key, content_type):
    backend.storage.put(key, b"content", content_type)

    status, _, headers = backend.fetch(backend.storage.signed_url(key, expires_in=60))

    assert status == 200
    assert headers["Content-Type"] == content_type


def test_a_signed_link_with_a_filename_downloads_under_that_name(backend):
    backend.storage.put("identity/7/a1b2.pdf", b"%PDF-1.7", "application/pdf")
    url = backend.storage.signed_url("identity/7/a1b2.pdf", expires_in=60, filename="护照 scan.pdf")

    status, body, headers = backend.fetch(url)

    assert (status, body) == (200, b"%PDF-1.7")
    assert headers["Content-Disposition"] == (
        "attachment; filename=\"__ scan.pdf\"; filename*=UTF-8''%E6%8A%A4%E7%85%A7%20scan.pdf")


def test_a_link_retargeted_to_another_key_is_refused(backend):
    backend.storage.put("identity/7/passport.png", PNG, "image/png")
    backend.storage.put("identity/8/passport.png", b"someone else's", "image/png")
    url = backend.storage.signed_url("identity/7/passport.png", expires_in=60)

    forged = backend.retarget(url, "identity/8/passport.png")

    assert backend.accepts(url) is True
    assert backend.accepts(forged) is False


def test_a_link_is_refused_once_it_has_expired(backend):
    backend.storage.put("identity/7/passport.png", PNG, "image/png")
    url = backend.storage.signed_url("identity/7/passport.png", expires_in=60)

    assert backend.accepts(url, seconds_after_signing=60) is True
    assert backend.accepts(url, seconds_after_signing=61) is False


@pytest.mark.parametrize("expires_in", [0, -5, MAX_LINK_SECONDS + 1, 1.5, True])
def test_link_lifetimes_outside_one_second_to_seven_days_are_refused(backend, expires_in):
    backend.storage.put("docs/a.txt", b"x", "text/plain")

    with pytest.raises(ValueError):
        backend.storage.signed_url("docs/a.txt", expires_in=expires_in)


@pytest.mark.parametrize("key", [
    "../outside.txt", "docs/../../outside.txt", "docs/../a.txt", "/etc/passwd", "", "docs//a.txt",
    "docs/./a.txt", "docs/", "docs\\a.txt", "docs/a\x00.txt",
])
def test_keys_that_are_not_plain_relative_paths_are_refused(backend, key):
    with pytest.raises(InvalidKey):
        backend.storage.put(key, b"x", "text/plain")
    with pytest.raises(InvalidKey):
        backend.storage.open(key)
    with pytest.raises(InvalidKey):
        backend.storage.signed_url(key, expires_in=60)


def test_a_public_key_has_a_stable_link_that_fetches_it(backend):
    backend.storage.put("public/listings/5/thumb.png", PNG, "image/png")
    url = backend.storage.public_url("public/listings/5/thumb.png")

    status, body, headers = backend.fetch(url)

    assert url == backend.storage.public_url("public/listings/5/thumb.png")
    assert (status, body) == (200, PNG)
    assert headers["Content-Type"] == "image/png"
    assert headers["Cache-Control"] == "public, max-age=86400"


def test_a_private_key_has_no_public_link(backend):
    backend.storage.put("identity/7/passport.png", PNG, "image/png")

    with pytest.raises(InvalidKey):
        backend.storage.public_url("identity/7/passport.png")
    with pytest.raises(InvalidKey):
        backend.storage.public_url("public/../identity/7/passport.png")
