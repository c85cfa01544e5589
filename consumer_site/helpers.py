"""Template helpers shared by the shopper's pages: labels, flags, and links that keep the
current filters while changing one of them."""
from __future__ import annotations

from flask import request, url_for
from flask_babel import lazy_gettext as _l

from consumer_site import bp
from consumer_site.countries import country_name, flag
from consumer_site.params import BROWSE_PARAMETERS
from marketplace.web.i18n import current_locale

ROUTE_LABELS = {"direct_mail": _l("Overseas direct mail"), "bonded": _l("Bonded warehouse")}
SORT_LABELS = {"relevance": _l("Best match"), "price_asc": _l("Price: low to high"),
               "price_desc": _l("Price: high to low"), "newest": _l("Newest"),
               "best_selling": _l("Best selling")}
REGIME_LABELS = {"cbec": _l("cross-border e-commerce tax"), "postal": _l("postal articles tax"),
                 "general": _l("general trade tax (over the single-order limit)")}


def url_with(**changes) -> str:
    """This page's URL with some parameters changed (None removes one); any change other than
    the page number starts again from page 1."""
    args = {name: request.args.get(name) for name in BROWSE_PARAMETERS if request.args.get(name)}
    if "page" not in changes:
        args.pop("page", None)
    for name, value in changes.items():
        if value in (None, ""):
            args.pop(name, None)
        else:
            args[name] = value
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def product_url(card, **kwargs) -> str:
    return url_for("consumer.product", listing_id=card.id, slug=card.slug, **kwargs)


@bp.context_processor
def consumer_helpers() -> dict:
    locale = current_locale()
    return {"url_with": url_with, "product_url": product_url, "flag": flag,
            "country_name": lambda code: country_name(code, locale),
            "route_label": lambda route: str(ROUTE_LABELS.get(route, route)),
            "sort_labels": SORT_LABELS, "regime_label": lambda regime: str(REGIME_LABELS.get(regime, regime))}
