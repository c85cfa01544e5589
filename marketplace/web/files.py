"""Files of the local storage backend, served by the app.

``/files/<token>`` answers a signed, expiring link (the signature is the access check, so the
route is public); ``/media/<key>`` serves keys under the public prefix only, for listing images.
With the S3 backend neither is used: links point at the bucket.
"""
from __future__ import annotations

from flask import Blueprint, Response
from flask_babel import gettext as _

from marketplace.core.errors import Forbidden, NotFound
from marketplace.storage import get_storage
from marketplace.storage.base import (
    PUBLIC_MAX_AGE,
    InvalidKey,
    StoredFileMissing,
    check_public,
    content_disposition,
    guess_type,
)
from marketplace.storage.local import LocalStorage
from marketplace.web import access

bp = Blueprint("files", __name__)


def _file_response(key: str, filename: str | None, cache_control: str) -> Response:
    try:
        data = get_storage().open(key)
    except (StoredFileMissing, InvalidKey) as error:
        raise NotFound(_("This file is no longer available.")) from error
    content_type = guess_type(key)
    response = Response(data, content_type=content_type)
    disposition = content_disposition(filename, content_type)
    if disposition:
        response.headers["Content-Disposition"] = disposition
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = cache_control
    return response


def _local_storage() -> LocalStorage:
    storage = get_storage()
    if not isinstance(storage, LocalStorage):
        raise NotFound(_("Nothing was found at this address."))
    return storage


@bp.route("/files/<token>")
@access.public
def download(token: str):
    try:
        grant = _local_storage().verify(token)
    except PermissionError as error:
        raise Forbidden(_("This download link is not valid or has expired.")) from error
    return _file_response(grant.key, grant.filename, f"private, max-age={grant.seconds_left}")


@bp.route("/media/<path:key>")
@access.public
def media(key: str):
    _local_storage()
    try:
        check_public(key)
    except InvalidKey as error:
        # Private and malformed keys look exactly like absent ones.
        raise NotFound(_("Nothing was found at this address.")) from error
    return _file_response(key, None, f"public, max-age={PUBLIC_MAX_AGE}")


def register(app) -> None:
    app.register_blueprint(bp)
