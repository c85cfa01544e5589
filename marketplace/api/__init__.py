"""The public JSON API, version 1 (API.md). Bearer-token authenticated, so no CSRF.

The endpoints are grouped by who calls them: ``catalog`` (anyone), ``shop`` (a buyer and an
applicant to become one), ``review`` (reviewers), ``admin`` (admins); the modules at the top
serve every caller. Every module declares its endpoints with ``routing.endpoint``; ``register``
imports them all, so adding a module is adding its endpoints."""
import importlib
import pkgutil

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def register(app) -> None:
    from marketplace.extensions import csrf

    for module in pkgutil.walk_packages(__path__, f"{__name__}."):
        importlib.import_module(module.name)
    csrf.exempt(bp)
    app.register_blueprint(bp)
