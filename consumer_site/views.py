"""Browsing the catalogue: home, search results, category and country pages. Listing pages read
through the search service, which answers from its documents in a fixed number of queries."""
from __future__ import annotations

from flask import abort, render_template, request
from flask_login import current_user
from marshmallow import ValidationError

from consumer_site import bp, helpers  # noqa: F401  (helpers registers the template context)
from consumer_site.countries import country_name, is_country
from consumer_site.params import MAX_QUERY_CHARS, browse_params
from marketplace.catalog import services as catalog
from marketplace.catalog import storefront
from marketplace.core.clock import utcnow
from marketplace.search import services as search
from marketplace.shops import follows
from marketplace.web import access
from marketplace.web.i18n import current_locale
from marketplace.web.page_cache import anonymous_page


@bp.route("/")
@access.public
@anonymous_page
def home():
    locale, now = current_locale(), utcnow()
    followed = None
    if current_user.is_authenticated:
        followed = storefront.new_arrivals(locale=locale, now=now, limit=8,
                                           shop_ids=follows.followed_shop_ids(current_user))
    return render_template("consumer/home.html", categories=catalog.category_tree(),
                           new_arrivals=storefront.new_arrivals(locale=locale, now=now),
                           featured_shops=storefront.featured_shops(), followed=followed)


def _results(template: str, *, fixed: dict | None = None, status: int = 200, **context):
    """Run the search for this page's parameters and render; bad parameters give the page with
    their messages and 400, no results."""
    try:
        params = browse_params(request.args, fixed=fixed)
    except ValidationError as error:
        kept = {"q": request.args.get("q", "")[:MAX_QUERY_CHARS]}
        return render_template(template, result=None, errors=error.messages, params=kept,
                               names=storefront.category_names(current_locale()), **context), 400
    query = search.SearchQuery.from_params(params, locale=current_locale())
    result = search.search(query)
    cards = [storefront.card_from_hit(hit) for hit in result.items]
    return render_template(template, result=result, cards=cards, errors={}, params=params,
                           names=storefront.category_names(current_locale()), **context), status


@bp.route("/search")
@access.public
def search_results():
    return _results("consumer/search.html", fixed_kind="search")


@bp.route("/c/<slug>")
@access.public
@anonymous_page
def category(slug):
    view = storefront.category_view(slug)
    return _results("consumer/category.html", fixed={"category": view.category.slug}, view=view,
                    fixed_kind="category")


@bp.route("/country/<code>")
@access.public
@anonymous_page
def country(code):
    if not is_country(code):
        abort(404)
    code = code.upper()
    return _results("consumer/country.html", fixed={"country": code}, code=code, fixed_kind="country",
                    name=country_name(code, current_locale()))
