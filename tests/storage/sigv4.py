"""What S3 checks on a presigned GET, written out from the SigV4 specification.

moto's server answers any presigned URL for an existing key without checking its signature or
its expiry, so the S3 tests check those here, the way S3 does, independently of botocore.
"""
from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, quote, urlsplit


def _hmac(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def _canonical_request(url: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(url)
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    signed = sorted((quote(k, safe="-_.~"), quote(v, safe="-_.~"))
                    for k, v in params.items() if k != "X-Amz-Signature")
    query = "&".join(f"{k}={v}" for k, v in signed)
    request = "\n".join(["GET", parts.path, query, f"host:{parts.netloc}", "", "host", "UNSIGNED-PAYLOAD"])
    return request, params


def signature_matches(url: str, secret_key: str) -> bool:
    request, params = _canonical_request(url)
    access_key, date, region, service, terminator = params["X-Amz-Credential"].split("/")
    scope = f"{date}/{region}/{service}/{terminator}"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", params["X-Amz-Date"], scope,
                         hashlib.sha256(request.encode()).hexdigest()])
    key = _hmac(f"AWS4{secret_key}".encode(), date)
    for part in (region, service, terminator):
        key = _hmac(key, part)
    expected = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, params.get("X-Amz-Signature", ""))


def expires_at(url: str) -> datetime:
    params = dict(parse_qsl(urlsplit(url).query))
    signed_at = datetime.strptime(params["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    return signed_at + timedelta(seconds=int(params["X-Amz-Expires"]))


def accepts(url: str, secret_key: str, seconds_after_signing: int) -> bool:
    """Would S3 serve ``url`` this many seconds after it was signed?"""
    params = dict(parse_qsl(urlsplit(url).query))
    signed_at = datetime.strptime(params["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    now = signed_at + timedelta(seconds=seconds_after_signing)
    return signature_matches(url, secret_key) and now <= expires_at(url)
