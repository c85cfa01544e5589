"""The ops area: platform administration pages (admin) and, later, the warehouse operator's.
Like ``marketplace.api`` this is a web edge of the core and may read the request."""
from flask import Blueprint

bp = Blueprint("ops", __name__, url_prefix="/ops", template_folder="templates")


def register(app) -> None:
    from marketplace.ops import moderation_views, reference_views, user_views, views  # noqa: F401

    app.register_blueprint(bp)
