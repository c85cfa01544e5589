"""Haigou: the app factory."""
from __future__ import annotations

import os

from flask import Flask

from marketplace import config as settings
from marketplace.extensions import babel, csrf, db, limiter, login_manager, migrate


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_path=None)
    app.config.from_mapping(settings.from_environment())
    app.config.from_mapping(config or {})
    settings.check(app.config)
    app.instance_path = app.config["INSTANCE_PATH"]
    os.makedirs(app.instance_path, exist_ok=True)
    register_extensions(app)
    register_models()
    register_jobs(app)
    register_handlers()
    register_web(app)
    register_front_doors(app)
    register_cli(app)
    return app


def register_extensions(app: Flask) -> None:
    from marketplace.web.i18n import select_locale, select_timezone

    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(settings.ROOT, "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config["REDIS_URL"] or "memory://")
    limiter.init_app(app)
    login_manager.init_app(app)


def register_models() -> None:
    """Import every model module so the metadata (and Alembic) know all tables."""
    from marketplace import models  # noqa: F401
    from marketplace.core import sqlite  # noqa: F401  (engine events)


def register_jobs(app: Flask) -> None:
    """Job settings, and every task module so this process knows every job name."""
    from marketplace import jobs, tasks  # noqa: F401

    jobs.init_app(app)


def register_handlers() -> None:
    """Connect the domains' signals to the reactions of the domains above them."""
    from marketplace import handlers

    handlers.register_handlers()


def register_web(app: Flask) -> None:
    from marketplace.web import auth_views, carts, errors, files, i18n, security

    errors.register(app)
    carts.register(app)
    security.register(app)
    i18n.register(app)
    auth_views.register(app)
    files.register(app)


def register_front_doors(app: Flask) -> None:
    import buyers_portal
    import consumer_site
    import review_queue
    from marketplace import api, ops

    api.register(app)
    ops.register(app)
    consumer_site.register(app)
    buyers_portal.register(app)
    review_queue.register(app)


def register_cli(app: Flask) -> None:
    from marketplace import cli

    cli.register(app)
