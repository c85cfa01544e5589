"""``/sitemap.xml``: a sitemap index of one file for the home, categories and shops, and as many
files of live listings as it takes, each capped well below the protocol's 50,000 URLs."""
from __future__ import annotations

from flask import abort, render_template, url_for

from consumer_site import bp
from marketplace.catalog import storefront
from marketplace.web import access

LISTINGS_PER_FILE = 10_000
MAX_SHOPS = 10_000
XML = {"Content-Type": "application/xml; charset=utf-8"}


@bp.route("/sitemap.xml")
@access.public
def sitemap_index():
    files = -(-storefront.live_listing_count() // LISTINGS_PER_FILE)
    locations = [url_for("consumer.sitemap_pages", _external=True)]
    locations += [url_for("consumer.sitemap_listings", number=number, _external=True)
                  for number in range(1, files + 1)]
    return render_template("consumer/sitemap_index.xml", locations=locations), 200, XML


@bp.route("/sitemap/pages.xml")
@access.public
def sitemap_pages():
    urls = [(url_for("consumer.home", _external=True), None)]
    urls += [(url_for("consumer.category", slug=category.slug, _external=True), None)
             for category in storefront.all_categories().values()]
    urls += [(url_for("consumer.shop", slug=slug, _external=True), None)
             for slug in storefront.shop_slugs(MAX_SHOPS)]
    return render_template("consumer/sitemap_urls.xml", urls=urls), 200, XML


@bp.route("/sitemap/listings-<int:number>.xml")
@access.public
def sitemap_listings(number):
    if number < 1 or number > 10_000:
        abort(404)
    entries = storefront.sitemap_entries(offset=(number - 1) * LISTINGS_PER_FILE, limit=LISTINGS_PER_FILE)
    if not entries and number > 1:
        abort(404)
    urls = [(url_for("consumer.product", listing_id=listing_id, slug=slug, _external=True), changed)
            for listing_id, slug, changed in entries]
    return render_template("consumer/sitemap_urls.xml", urls=urls), 200, XML
