"""The product page, and the offer panel the variant picker swaps in without a reload."""
from __future__ import annotations

from flask import render_template, request, url_for
from flask_login import current_user

from consumer_site import bp
from consumer_site.params import whole_number
from marketplace.catalog import storefront
from marketplace.core.clock import utcnow
from marketplace.shops import follows
from marketplace.web import access
from marketplace.web.i18n import current_locale
from marketplace.web.page_cache import anonymous_page


def _chosen_sku() -> int | None:
    number = whole_number(request.args.get("sku"))
    return number if number is not None and number > 0 else None


def canonical_url(product) -> str:
    return url_for("consumer.product", listing_id=product.id, slug=product.slug, _external=True)


def json_ld(product, canonical: str) -> dict:
    """schema.org Product with one Offer per SKU, in CNY."""
    offers = [{"@type": "Offer", "sku": sku.code, "name": sku.label, "price": str(sku.price.amount),
               "priceCurrency": sku.price.currency, "url": f"{canonical}?sku={sku.id}",
               "availability": "https://schema.org/" + ("InStock" if sku.in_stock else "OutOfStock")}
              for sku in product.skus]
    return {"@context": "https://schema.org", "@type": "Product", "name": product.title,
            "brand": {"@type": "Brand", "name": product.brand}, "description": product.description[:500],
            "image": [picture.large for picture in product.pictures[:3]],
            "countryOfOrigin": product.origin_country, "offers": offers}


@bp.route("/p/<int:listing_id>", defaults={"slug": ""})
@bp.route("/p/<int:listing_id>-<slug>")
@access.public
@anonymous_page
def product(listing_id, slug):
    # Any slug renders the page (links built from a title in either language); the canonical
    # link tells search engines which URL is the one.
    locale, now = current_locale(), utcnow()
    detail = storefront.product_detail(listing_id, locale=locale, now=now)
    canonical = canonical_url(detail)
    following = follows.is_following(current_user, detail.shop.id) if current_user.is_authenticated else False
    return render_template("consumer/product.html", product=detail, sku=detail.sku(_chosen_sku()),
                           canonical=canonical, structured=json_ld(detail, canonical), following=following,
                           more=storefront.more_from_shop(detail.shop.id, exclude=detail.id, locale=locale,
                                                          now=now))


@bp.route("/p/<int:listing_id>/offer")
@access.public
@anonymous_page
def product_offer(listing_id):
    """The price, availability and tax panel for one SKU (htmx swaps it in)."""
    detail = storefront.product_detail(listing_id, locale=current_locale(), now=utcnow())
    sku = detail.sku(_chosen_sku())
    page_url = url_for("consumer.product", listing_id=detail.id, slug=detail.slug, sku=sku.id)
    return render_template("consumer/_offer.html", product=detail, sku=sku, page_url=page_url, swap=True)
