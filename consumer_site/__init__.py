"""The shopper's pages."""
from flask import Blueprint

bp = Blueprint("consumer", __name__, template_folder="templates")


def register(app) -> None:
    from consumer_site import cart_views, checkout_views, product_views, shop_views, sitemap_views, views  # noqa: F401

    app.register_blueprint(bp)
