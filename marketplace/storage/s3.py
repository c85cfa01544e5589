"""Files in an S3 bucket (AWS, or any S3-compatible store through ``S3_ENDPOINT_URL``).

Private keys are fetched with presigned URLs; keys under ``PUBLIC_PREFIX`` have plain bucket
URLs and need a bucket policy (or a CDN in front) that lets anyone read ``public/*``:
``ensure_bucket()`` sets that policy for development and tests.
"""
from __future__ import annotations

import json

import boto3
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

from marketplace.storage.base import (
    PUBLIC_MAX_AGE,
    PUBLIC_PREFIX,
    Storage,
    StoredFileMissing,
    check_expiry,
    check_key,
    check_public,
    content_disposition,
    guess_type,
    is_public,
)

_NOT_FOUND = {"404", "NoSuchKey", "NotFound", "NoSuchBucket"}


def _client_config(endpoint_url: str | None, signature_version=None) -> Config:
    # A custom endpoint (MinIO, moto, a local gateway) rarely resolves bucket sub-domains, so
    # address buckets in the path there; on AWS let botocore pick virtual-hosted style.
    return Config(
        signature_version=signature_version or "s3v4",
        s3={"addressing_style": "path" if endpoint_url else "auto"},
        connect_timeout=5, read_timeout=30, retries={"max_attempts": 3, "mode": "standard"},
    )


class S3Storage(Storage):
    def __init__(self, bucket: str, *, endpoint_url: str | None = None, region: str = "us-east-1",
                 access_key_id: str | None = None, secret_access_key: str | None = None):
        self.bucket = bucket
        self.region = region
        # Without keys boto3 falls back to its usual chain (environment, instance role …).
        options = {"endpoint_url": endpoint_url, "region_name": region, "aws_access_key_id": access_key_id,
                   "aws_secret_access_key": secret_access_key}
        self.client = boto3.session.Session().client("s3", config=_client_config(endpoint_url), **options)
        self.url_builder = boto3.session.Session().client(
            "s3", config=_client_config(endpoint_url, UNSIGNED), **options)

    @classmethod
    def from_config(cls, config) -> S3Storage:
        return cls(config["S3_BUCKET"], endpoint_url=config.get("S3_ENDPOINT_URL"),
                   region=config.get("S3_REGION") or "us-east-1",
                   access_key_id=config.get("S3_ACCESS_KEY_ID"),
                   secret_access_key=config.get("S3_SECRET_ACCESS_KEY"))

    def put(self, key: str, data: bytes, content_type: str) -> None:
        extra = {"CacheControl": f"public, max-age={PUBLIC_MAX_AGE}"} if is_public(check_key(key)) else {}
        self.client.put_object(Bucket=self.bucket, Key=key, Body=data, ContentType=content_type, **extra)

    def open(self, key: str) -> bytes:
        try:
            response = self.client.get_object(Bucket=self.bucket, Key=check_key(key))
        except self.client.exceptions.NoSuchKey as error:
            raise StoredFileMissing(key) from error
        return response["Body"].read()

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=check_key(key))

    def exists(self, key: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=check_key(key))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in _NOT_FOUND:
                return False
            raise
        return True

    def signed_url(self, key: str, *, expires_in: int, filename: str | None = None) -> str:
        params = {"Bucket": self.bucket, "Key": check_key(key)}
        if filename is not None:
            params["ResponseContentDisposition"] = content_disposition(filename, guess_type(key))
        return self.client.generate_presigned_url("get_object", Params=params,
                                                  ExpiresIn=check_expiry(expires_in))

    def public_url(self, key: str) -> str:
        # The plain object URL, not a presigned one: thumbnails are public anyway, and a
        # presigned URL changes on every render and dies within seven days, which defeats
        # browser and CDN caches and breaks pages cached longer than that. An unsigned client
        # builds it so the addressing style and key quoting match the signed ones.
        return self.url_builder.generate_presigned_url(
            "get_object", Params={"Bucket": self.bucket, "Key": check_public(key)})

    def ensure_bucket(self) -> None:
        """Create the bucket if missing and let anyone read the public prefix (tests, development;
        production buckets are provisioned, and this is never called per request)."""
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") not in _NOT_FOUND:
                raise
            self._create_bucket()
        self.client.put_bucket_policy(Bucket=self.bucket, Policy=json.dumps(self._public_read_policy()))

    def _create_bucket(self) -> None:
        location = {} if self.region == "us-east-1" else {
            "CreateBucketConfiguration": {"LocationConstraint": self.region}}
        self.client.create_bucket(Bucket=self.bucket, **location)

    def _public_read_policy(self) -> dict:
        return {"Version": "2012-10-17", "Statement": [{
            "Sid": "PublicReadOfPublicPrefix", "Effect": "Allow", "Principal": "*",
            "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{self.bucket}/{PUBLIC_PREFIX}*",
        }]}
