"""API errors in the API.md shape: ``{"error": {"code", "message", "fields"}}``, in the request's
language. Nothing escapes as an HTML page or a stack trace: ``web.errors`` answers every API
request with these."""
from __future__ import annotations

import logging

from flask import jsonify
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from marketplace.core.errors import DomainError
from marketplace.web.forms import flatten_messages

log = logging.getLogger(__name__)

HTTP_CODES = {
    400: ("bad_request", _l("The request could not be understood.")),
    401: ("unauthorized", _l("Please sign in first.")),
    403: ("forbidden", _l("Your account is not allowed to do this.")),
    404: ("not_found", _l("Nothing was found at this address.")),
    405: ("method_not_allowed", _l("This method is not allowed here.")),
    409: ("conflict", _l("The request conflicts with the current state.")),
    413: ("too_large", _l("The upload is too large.")),
    415: ("unsupported_media_type", _l("Send JSON with Content-Type application/json.")),
    422: ("validation_failed", _l("Some values are not valid.")),
    429: ("rate_limited", _l("Too many attempts. Please wait a moment and try again.")),
    500: ("server_error", _l("Something went wrong on our side. Please try again later.")),
}


def error_response(status: int, code: str, message, fields: dict | None = None, details: dict | None = None):
    """``details``: more keys for the error object (a refused checkout's ``problems``)."""
    body = {"error": {"code": code, "message": str(message), "fields": fields or {}, **(details or {})}}
    return jsonify(body), status


def validation_response(error: ValidationError):
    return error_response(422, "validation_failed", _("Some values are not valid."),
                          flatten_messages(error.messages))


def domain_response(error: DomainError):
    fields = {name: [str(m) for m in msgs] for name, msgs in error.fields.items()}
    return error_response(error.status, error.code, error.message, fields, getattr(error, "details", None))


def http_response(error: HTTPException):
    code, message = HTTP_CODES.get(error.code, ("error", error.description))
    response, status = error_response(error.code or 500, code, message)
    if error.code == 429 and error.get_response().headers.get("Retry-After"):
        response.headers["Retry-After"] = error.get_response().headers["Retry-After"]
    return response, status


def server_error_response():
    code, message = HTTP_CODES[500]
    return error_response(500, code, message)
