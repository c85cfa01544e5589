"""Both storage backends behind one harness, so one set of contract tests runs on each.

S3 runs against moto's server mode over real HTTP on a free local port, started once per
session. Local links are fetched through the Flask test client with the signer's clock set by
the test, never by sleeping.
"""
from __future__ import annotations

import base64
import json
import socket
import uuid
from urllib.parse import urlsplit

import pytest
import requests
from itsdangerous import TimestampSigner

from marketplace.storage.local import LocalStorage
from marketplace.storage.s3 import S3Storage
from tests.storage import sigv4

FAKE_KEY_ID = "testing-key-id"
FAKE_SECRET = "testing-secret-key"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def moto_endpoint():
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


def s3_config(endpoint: str, bucket: str) -> dict:
    return {"STORAGE_BACKEND": "s3", "S3_BUCKET": bucket, "S3_ENDPOINT_URL": endpoint,
            "S3_REGION": "us-east-1", "S3_ACCESS_KEY_ID": FAKE_KEY_ID, "S3_SECRET_ACCESS_KEY": FAKE_SECRET}


class LocalHarness:
    name = "local"

    def __init__(self, storage: LocalStorage, client, monkeypatch, signed_at: int):
        self.storage, self.client, self.signed_at = storage, client, signed_at
        self.monkeypatch = monkeypatch
        self.set_clock(0)

    def set_clock(self, seconds_after_signing: int) -> None:
        now = self.signed_at + seconds_after_signing
        self.monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda signer: now)

    def fetch(self, url: str):
        response = self.client.get(url)
        return response.status_code, response.get_data(), response.headers

    def accepts(self, url: str, seconds_after_signing: int = 0) -> bool:
        self.set_clock(seconds_after_signing)
        status, _, _ = self.fetch(url)
        assert status in (200, 403)
        return status == 200

    def retarget(self, url: str, other_key: str) -> str:
        """The same signature on a payload naming another key."""
        payload, timestamp, signature = urlsplit(url).path.rsplit("/", 1)[1].split(".")
        data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        data["k"] = other_key
        forged = base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).rstrip(b"=")
        return f"/files/{forged.decode()}.{timestamp}.{signature}"


class S3Harness:
    name = "s3"

    def __init__(self, storage: S3Storage):
        self.storage = storage

    def fetch(self, url: str):
        response = requests.get(url, timeout=10)
        return response.status_code, response.content, response.headers

    def accepts(self, url: str, seconds_after_signing: int = 0) -> bool:
        # moto serves presigned URLs without checking them; check as S3 would (sigv4.py).
        return sigv4.accepts(url, FAKE_SECRET, seconds_after_signing)

    def retarget(self, url: str, other_key: str) -> str:
        parts = urlsplit(url)
        bucket = parts.path.split("/")[1]
        return parts._replace(path=f"/{bucket}/{other_key}").geturl()


@pytest.fixture(params=["local", "s3"])
def backend(request, app, client, monkeypatch, tmp_path):
    """A fresh, empty store of each kind, installed as the app's storage for the test."""
    if request.param == "local":
        storage = LocalStorage(str(tmp_path / "files"), app.config["SECRET_KEY"])
        harness = LocalHarness(storage, client, monkeypatch, signed_at=1_800_000_000)
    else:
        endpoint = request.getfixturevalue("moto_endpoint")
        storage = S3Storage.from_config(s3_config(endpoint, f"test-{uuid.uuid4().hex[:12]}"))
        storage.ensure_bucket()
        harness = S3Harness(storage)
    monkeypatch.setitem(app.extensions, "storage", storage)
    with app.test_request_context():
        yield harness
