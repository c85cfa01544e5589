"""The buyer's pages. Every route is a buyer route: shop-scoped by the access rule."""
from flask import Blueprint

bp = Blueprint("buyers", __name__, url_prefix="/portal", template_folder="templates")


def register(app) -> None:
    from buyers_portal import views  # noqa: F401

    app.register_blueprint(bp)
