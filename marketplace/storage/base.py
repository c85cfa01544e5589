"""The storage interface and the configured backend."""
from __future__ import annotations

import mimetypes
from abc import ABC, abstractmethod
from urllib.parse import quote

from flask import current_app

# Keys under this prefix are public (listing images) and get stable, cacheable URLs; every other
# key is private and only reachable through a signed link.
PUBLIC_PREFIX = "public/"
PUBLIC_MAX_AGE = 86400
# SigV4 presigned URLs cannot outlive seven days; local links keep the same ceiling so that
# code tested on one backend does not break on the other.
MAX_LINK_SECONDS = 7 * 86400
MAX_KEY_BYTES = 1024

# Served inline; anything else (HTML, SVG, scripts …) is sent as a download so an uploaded file
# can never run as a page on our origin.
INLINE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf",
                          "text/plain"})


class StoredFileMissing(LookupError):
    pass


class InvalidKey(ValueError):
    """A key the storage refuses: empty, absolute, or with ``..``, ``.`` or empty segments."""


def check_key(key: str) -> str:
    """``key`` if it is a plain relative path; ``InvalidKey`` otherwise (both backends agree)."""
    if not isinstance(key, str) or not key or len(key.encode()) > MAX_KEY_BYTES:
        raise InvalidKey(f"not a usable storage key: {key!r}")
    if "\\" in key or any(ord(character) < 32 for character in key):
        raise InvalidKey(f"not a usable storage key: {key!r}")
    if any(segment in ("", ".", "..") for segment in key.split("/")):
        raise InvalidKey(f"not a usable storage key: {key!r}")
    return key


def is_public(key: str) -> bool:
    return key.startswith(PUBLIC_PREFIX)


def check_public(key: str) -> str:
    if not is_public(check_key(key)):
        raise InvalidKey(f"not a public key: {key!r}")
    return key


def check_expiry(expires_in: int) -> int:
    whole_seconds = isinstance(expires_in, int) and not isinstance(expires_in, bool)
    if not whole_seconds or not 0 < expires_in <= MAX_LINK_SECONDS:
        raise ValueError(f"expires_in must be 1..{MAX_LINK_SECONDS} seconds, not {expires_in!r}")
    return expires_in


def guess_type(key: str) -> str:
    return mimetypes.guess_type(key, strict=False)[0] or "application/octet-stream"


def content_disposition(filename: str | None, content_type: str) -> str | None:
    """The header for a download: ``attachment`` with the name (RFC 6266, UTF-8 names kept)
    when one is given or the type is unsafe to show inline; ``None`` otherwise."""
    if filename is None:
        return None if content_type in INLINE_TYPES else "attachment"
    fallback = "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else "_" for c in filename)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


class Storage(ABC):
    @abstractmethod
    def put(self, key: str, data: bytes, content_type: str) -> None:
        """Store ``data`` under ``key``, replacing what was there."""

    @abstractmethod
    def open(self, key: str) -> bytes:
        """The bytes stored under ``key``; ``StoredFileMissing`` if there are none."""

    @abstractmethod
    def delete(self, key: str) -> None:
        """Remove ``key``; removing an absent key is not an error."""

    @abstractmethod
    def exists(self, key: str) -> bool:
        ...

    @abstractmethod
    def signed_url(self, key: str, *, expires_in: int, filename: str | None = None) -> str:
        """A link that fetches ``key`` until ``expires_in`` seconds from now, and not after."""

    @abstractmethod
    def public_url(self, key: str) -> str:
        """A stable, cacheable link to a key under ``PUBLIC_PREFIX``; ``InvalidKey`` for others."""


def get_storage() -> Storage:
    """The backend the app is configured with (one instance per app)."""
    backend = current_app.extensions.get("storage")
    if backend is None:
        backend = _build(current_app.config)
        current_app.extensions["storage"] = backend
    return backend


def _build(config) -> Storage:
    if config["STORAGE_BACKEND"] == "s3":
        from marketplace.storage.s3 import S3Storage

        return S3Storage.from_config(config)
    from marketplace.storage.local import LocalStorage

    return LocalStorage(config["STORAGE_LOCAL_PATH"], config["SECRET_KEY"])
