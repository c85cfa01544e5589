"""The buyer's pages. Every route is a buyer route, shop-scoped by the access rule, except the
application to become a buyer (``apply_views``), made before there is a shop."""
from flask import Blueprint

bp = Blueprint("buyers", __name__, url_prefix="/portal", template_folder="templates")


def register(app) -> None:
    from buyers_portal import (  # noqa: F401
        apply_views,
        dashboard,
        import_views,
        listing_media_views,
        listing_views,
        shop_views,
    )

    app.register_blueprint(bp)
