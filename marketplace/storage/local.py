"""Files in a local folder, served by the app through signed, expiring links."""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from flask import url_for
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from marketplace.storage.base import (
    MAX_LINK_SECONDS,
    InvalidKey,
    Storage,
    StoredFileMissing,
    check_expiry,
    check_key,
    check_public,
)

_MISSING = (FileNotFoundError, IsADirectoryError, NotADirectoryError)


@dataclass(frozen=True)
class Grant:
    """What a verified link allows: one key, its download name, for ``seconds_left`` more."""
    key: str
    filename: str | None
    seconds_left: int


class LocalStorage(Storage):
    def __init__(self, root: str, secret_key: str):
        self.root = Path(root).resolve()
        self.signer = URLSafeTimedSerializer(secret_key, salt="storage-link")

    def _path(self, key: str) -> Path:
        path = (self.root / check_key(key)).resolve()
        # check_key already refuses "..": this catches a symlink pointing out of the root.
        if self.root not in path.parents:
            raise InvalidKey(f"key escapes the storage root: {key!r}")
        return path

    def put(self, key: str, data: bytes, content_type: str) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write aside, then rename: a reader never sees half a file, and two writers of the
        # same key never share a temporary name.
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def open(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except _MISSING as error:
            raise StoredFileMissing(key) from error

    def delete(self, key: str) -> None:
        path = self._path(key)
        if path.is_file():
            path.unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def signed_url(self, key: str, *, expires_in: int, filename: str | None = None) -> str:
        token = self.signer.dumps({"k": check_key(key), "e": check_expiry(expires_in), "f": filename})
        return url_for("files.download", token=token)

    def public_url(self, key: str) -> str:
        return url_for("files.media", key=check_public(key))

    def verify(self, token: str) -> Grant:
        """What a link grants; ``PermissionError`` if it is forged or expired."""
        try:
            payload, signed_at = self.signer.loads(token, max_age=MAX_LINK_SECONDS, return_timestamp=True)
            lifetime = int(payload["e"])
            self.signer.loads(token, max_age=lifetime)
            key, filename = check_key(payload["k"]), payload.get("f")
        except SignatureExpired as error:
            raise PermissionError("expired") from error
        except (BadSignature, KeyError, TypeError, ValueError, AttributeError) as error:
            raise PermissionError("invalid") from error
        # The signer's own clock, so "seconds left" agrees with its idea of "expired".
        now = self.signer.make_signer().get_timestamp()
        return Grant(key, filename, max(0, int(signed_at.timestamp()) + lifetime - now))
