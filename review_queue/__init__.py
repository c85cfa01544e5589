"""The reviewer's pages."""
from flask import Blueprint

bp = Blueprint("review", __name__, url_prefix="/review", template_folder="templates")


def register(app) -> None:
    from review_queue import views  # noqa: F401

    app.register_blueprint(bp)
