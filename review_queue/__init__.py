"""The reviewer's pages."""
from flask import Blueprint

bp = Blueprint("review", __name__, url_prefix="/review", template_folder="templates", static_folder="static",
               static_url_path="/static")


def register(app) -> None:
    from review_queue import views  # noqa: F401

    app.register_blueprint(bp)
