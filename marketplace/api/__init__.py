"""The public JSON API, version 1 (API.md). Bearer-token authenticated, so no CSRF.

Every module of this package declares its endpoints with ``routing.endpoint``; ``register``
imports them all, so adding a module is adding its endpoints."""
import importlib
import pkgutil

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def register(app) -> None:
    from marketplace.extensions import csrf

    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    csrf.exempt(bp)
    app.register_blueprint(bp)
