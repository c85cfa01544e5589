from flask import g, render_template

from buyers_portal import bp
from marketplace.catalog import services as catalog
from marketplace.web import access


@bp.route("/")
@access.buyer
def dashboard():
    return render_template("buyers/dashboard.html", shop=g.shop,
                           listing_counts=catalog.listing_counts_by_status(g.shop))
