"""S3 specifics, over HTTP against moto's server: settings, bucket set-up, URLs and metadata."""
from __future__ import annotations

import uuid

import pytest
import requests

from marketplace import create_app
from marketplace.config import from_environment
from marketplace.storage import get_storage
from marketplace.storage.local import LocalStorage
from marketplace.storage.s3 import S3Storage
from tests.storage import sigv4
from tests.storage.conftest import FAKE_SECRET, s3_config

PNG = b"\x89PNG\r\n\x1a\n" + b"\x02" * 16


@pytest.fixture
def bucket_name():
    return f"test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def s3(moto_endpoint, bucket_name):
    storage = S3Storage.from_config(s3_config(moto_endpoint, bucket_name))
    storage.ensure_bucket()
    return storage


def _app(tmp_path, **config):
    return create_app({"TESTING": True, "APP_ENV": "testing", "INSTANCE_PATH": str(tmp_path),
                       "SQLALCHEMY_DATABASE_URI": "sqlite://", **config})


def test_setting_a_bucket_in_the_environment_selects_s3():
    config = from_environment({"S3_BUCKET": "haigou-files", "S3_ENDPOINT_URL": "http://minio:9000",
                               "S3_REGION": "eu-central-1", "S3_ACCESS_KEY_ID": "id",
                               "S3_SECRET_ACCESS_KEY": "secret"})

    assert config["STORAGE_BACKEND"] == "s3"
    assert (config["S3_BUCKET"], config["S3_ENDPOINT_URL"], config["S3_REGION"]) == (
        "haigou-files", "http://minio:9000", "eu-central-1")
    assert from_environment({})["STORAGE_BACKEND"] == "local"


def test_an_app_configured_for_s3_builds_one_s3_storage(tmp_path, moto_endpoint, bucket_name):
    app = _app(tmp_path, **s3_config(moto_endpoint, bucket_name))

    with app.app_context():
        storage = get_storage()
        assert get_storage() is storage
    assert isinstance(storage, S3Storage)
    assert (storage.bucket, storage.region) == (bucket_name, "us-east-1")
    assert storage.client.meta.endpoint_url == moto_endpoint


def test_building_the_storage_does_not_create_the_bucket(tmp_path, moto_endpoint, bucket_name):
    app = _app(tmp_path, **s3_config(moto_endpoint, bucket_name))

    with app.app_context():
        storage = get_storage()

    names = [bucket["Name"] for bucket in storage.client.list_buckets()["Buckets"]]
    assert bucket_name not in names


def test_an_app_without_s3_settings_stores_locally(tmp_path):
    app = _app(tmp_path, STORAGE_LOCAL_PATH=str(tmp_path / "files"))

    with app.app_context():
        storage = get_storage()
    assert isinstance(storage, LocalStorage)
    assert storage.root == (tmp_path / "files").resolve()


def test_ensure_bucket_twice_keeps_what_is_stored(s3):
    s3.put("docs/a.txt", b"kept", "text/plain")

    s3.ensure_bucket()

    assert s3.open("docs/a.txt") == b"kept"


def test_objects_keep_their_content_type_and_public_ones_are_cacheable(s3):
    s3.put("identity/7/scan", b"%PDF", "application/pdf")
    s3.put("public/listings/5/thumb.png", PNG, "image/png")

    private = s3.client.head_object(Bucket=s3.bucket, Key="identity/7/scan")
    public = s3.client.head_object(Bucket=s3.bucket, Key="public/listings/5/thumb.png")

    assert private["ContentType"] == "application/pdf"
    assert "CacheControl" not in private
    assert (public["ContentType"], public["CacheControl"]) == ("image/png", "public, max-age=86400")


def test_the_public_url_is_the_plain_object_url(s3, moto_endpoint):
    url = s3.public_url("public/listings/5/thumb 1.png")

    assert url == f"{moto_endpoint}/{s3.bucket}/public/listings/5/thumb%201.png"


def test_a_private_object_is_refused_without_a_signature(s3, moto_endpoint):
    s3.put("identity/7/passport.png", PNG, "image/png")

    response = requests.get(f"{moto_endpoint}/{s3.bucket}/identity/7/passport.png", timeout=10)

    assert response.status_code == 403
    assert PNG not in response.content


def test_presigned_urls_carry_the_lifetime_and_a_valid_signature(s3):
    url = s3.signed_url("identity/7/a1b2.pdf", expires_in=90, filename="护照.pdf")

    assert "X-Amz-Expires=90" in url
    assert "response-content-disposition=" in url
    assert sigv4.signature_matches(url, FAKE_SECRET) is True
    assert sigv4.signature_matches(url, "another-secret") is False


def test_a_presigned_url_with_an_altered_signature_is_refused(s3):
    url = s3.signed_url("identity/7/passport.png", expires_in=60)
    head, signature = url.split("X-Amz-Signature=")
    altered = head + "X-Amz-Signature=" + ("0" if signature[0] != "0" else "1") + signature[1:]

    assert sigv4.accepts(altered, FAKE_SECRET, 0) is False


def test_the_ensure_bucket_command_creates_the_configured_bucket(tmp_path, moto_endpoint, bucket_name):
    app = _app(tmp_path, **s3_config(moto_endpoint, bucket_name))

    result = app.test_cli_runner().invoke(args=["storage", "ensure-bucket"])

    assert (result.exit_code, result.output) == (0, f"bucket {bucket_name} is ready\n")
    with app.app_context():
        get_storage().put("docs/a.txt", b"x", "text/plain")
        assert get_storage().open("docs/a.txt") == b"x"


def test_the_ensure_bucket_command_refuses_local_storage(tmp_path):
    app = _app(tmp_path, STORAGE_LOCAL_PATH=str(tmp_path / "files"))

    result = app.test_cli_runner().invoke(args=["storage", "ensure-bucket"])

    assert result.exit_code == 1
    assert "S3_BUCKET is not set" in result.output
    assert not (tmp_path / "files").exists()
