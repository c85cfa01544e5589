from flask import render_template

from consumer_site import bp
from marketplace.catalog import services as catalog
from marketplace.web import access
from marketplace.web.i18n import current_locale


@bp.route("/")
@access.public
def home():
    locale = current_locale()
    return render_template("consumer/home.html", categories=catalog.category_tree(),
                           new_arrivals=catalog.new_arrivals(limit=20, locale=locale))
