"""Encryption of personal data at rest (resident ID numbers, real names of orderers).

Fernet (AES-128-CBC + HMAC-SHA256) with the key from ``DATA_ENCRYPTION_KEY``. Several keys may
be given, comma-separated, newest first: new data is encrypted with the first, and older keys
still decrypt, so keys can be rotated without a migration. Lookups by value use ``blind_index``
(a keyed HMAC), never the ciphertext.

The blind-index key is derived from the *oldest* key (the last one listed), not the newest:
prepending a new key must not change the digests already stored, or the same person would stop
matching across accounts the day the key is rotated. Retiring that oldest key is therefore a
re-index as well as a re-encryption of the rows that use it.
"""
from __future__ import annotations

import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


class DecryptionFailed(ValueError):
    pass


class DataCipher:
    def __init__(self, keys: str):
        parts = [key.strip() for key in keys.split(",") if key.strip()]
        if not parts:
            raise ValueError("DATA_ENCRYPTION_KEY is empty")
        self._fernet = MultiFernet([Fernet(key.encode()) for key in parts])
        self._index_key = hashlib.sha256(b"blind-index:" + parts[-1].encode()).digest()

    def encrypt(self, text: str) -> str:
        return self._fernet.encrypt(text.encode()).decode()

    def decrypt(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except InvalidToken as error:
            raise DecryptionFailed("ciphertext does not decrypt with any configured key") from error

    def blind_index(self, text: str) -> str:
        """A stable keyed digest for equality lookups (e.g. the same ID number across accounts)."""
        return hmac.new(self._index_key, text.encode(), hashlib.sha256).hexdigest()


def cipher_for(config) -> DataCipher:
    return DataCipher(config["DATA_ENCRYPTION_KEY"])
