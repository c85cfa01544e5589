"""Errors answered in the caller's language: JSON on the API, friendly pages elsewhere."""
from __future__ import annotations

import logging

from flask import current_app, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from marketplace.core.errors import DomainError, Unauthorized
from marketplace.extensions import db
from marketplace.web import json_errors
from marketplace.web.access import is_api_request
from marketplace.web.i18n import locale_without_user

log = logging.getLogger(__name__)

# Used when the layout cannot be rendered: nothing here touches the database.
BARE_PAGE = """<!doctype html>
<html lang="{{ current_locale()|replace('_', '-') }}"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{{ title }}</title>
<main id="main"><h1>{{ title }}</h1><p>{{ message }}</p>
<p><a href="/">{{ _("Back to the home page") }}</a></p></main>"""

PAGE_TITLES = {
    400: _l("Bad request"), 403: _l("Not allowed"), 404: _l("Page not found"),
    405: _l("Not allowed"), 409: _l("Conflict"), 413: _l("Upload too large"),
    422: _l("Check your input"), 429: _l("Too many attempts"), 500: _l("Something went wrong"),
}


def _page(status: int, message):
    title = PAGE_TITLES.get(status, PAGE_TITLES[400 if status < 500 else 500])
    try:
        return render_template("errors/error.html", status=status, title=title, message=message), status
    except Exception:  # the layout loads the signed-in user, and the database may be what failed
        log.exception("the error page for %s could not be rendered", status)
        with force_locale(locale_without_user()):
            # Straight from the environment: template context processors would load the user again.
            page = current_app.jinja_env.from_string(BARE_PAGE)
            return page.render(title=str(title), message=str(message)), status


def handle_domain_error(error: DomainError):
    db.session.rollback()
    if is_api_request():
        return json_errors.domain_response(error)
    if isinstance(error, Unauthorized):
        return redirect(url_for("auth.sign_in", next=request.full_path))
    return _page(error.status, error.message)


def handle_validation_error(error: ValidationError):
    db.session.rollback()
    if is_api_request():
        return json_errors.validation_response(error)
    return _page(422, PAGE_TITLES[422])


def _http_message(status: int):
    """Werkzeug's descriptions are English only; unknown codes get their class's message."""
    known = json_errors.HTTP_CODES.get(status) or json_errors.HTTP_CODES[400 if status < 500 else 500]
    return known[1]


def handle_http_error(error: HTTPException):
    if is_api_request():
        return json_errors.http_response(error)
    if isinstance(error, CSRFError):
        return _page(400, _l("The form expired. Please reload the page and try again."))
    body, status = _page(error.code or 500, _http_message(error.code or 500))
    retry_after = error.get_response().headers.get("Retry-After") if status == 429 else None
    return body, status, ({"Retry-After": retry_after} if retry_after else {})


def handle_unexpected(error: Exception):
    log.exception("unhandled error on %s %s", request.method, request.path)
    db.session.rollback()
    if is_api_request():
        return json_errors.server_error_response()
    return _page(500, json_errors.HTTP_CODES[500][1])


def register(app) -> None:
    app.register_error_handler(DomainError, handle_domain_error)
    app.register_error_handler(ValidationError, handle_validation_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected)
