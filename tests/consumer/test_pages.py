"""The shopper's pages in both languages, with the content each promises."""

import json
import re

import pytest

EN = {"Accept-Language": "en"}


def paths(shelf) -> list[str]:
    return [
        "/",
        "/search?q=面霜",
        "/search",
        "/c/c-beauty",
        "/c/c-skincare",
        "/country/JP",
        "/country/us",
        f"/p/{shelf.cream.id}-moisturising-cream",
        f"/p/{shelf.cream.id}",
        f"/shop/{shelf.us_buyer.shop.slug}",
    ]


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_every_page_renders_in_both_languages(app, shelf, language):
    for path in paths(shelf):
        response = app.test_client().get(path, headers={"Accept-Language": language})
        assert response.status_code == 200, path
        html = response.get_data(as_text=True)
        assert f'<html lang="{language}">' in html, path


def test_titles_and_category_names_follow_the_language(app, shelf):
    chinese = app.test_client().get("/c/c-beauty").get_data(as_text=True)
    english = app.test_client().get("/c/c-beauty", headers=EN).get_data(as_text=True)
    assert "<h1>美妆</h1>" in chinese and "海蓝之谜保湿面霜" in chinese
    assert "<h1>Beauty</h1>" in english and "Moisturising Cream" in english


def test_category_page_includes_subcategories_and_lists_them(client, shelf):
    html = client.get("/c/c-beauty", headers=EN).get_data(as_text=True)
    assert '<a href="/c/c-skincare">Skincare</a>' in html
    titles = re.findall(r'<p class="title">([^<]+)</p>', html)
    assert sorted(titles) == ["Moisturising Cream", "Serum", "Sunscreen"]  # the draft is not there
    assert '<p class="result-count" role="status">3 items</p>' in html


def test_category_sort_and_pagination(client, shelf, monkeypatch):
    monkeypatch.setattr("consumer_site.params.PER_PAGE", 2)
    first = client.get("/c/c-beauty?sort=price_asc", headers=EN).get_data(as_text=True)
    second = client.get("/c/c-beauty?sort=price_asc&page=2", headers=EN).get_data(as_text=True)
    assert re.findall(r'<p class="title">([^<]+)</p>', first) == ["Sunscreen", "Serum"]
    assert re.findall(r'<p class="title">([^<]+)</p>', second) == ["Moisturising Cream"]
    assert 'href="/c/c-beauty?sort=price_asc&amp;page=2" rel="next"' in first


def test_country_page_lists_only_that_origin(client, shelf):
    html = client.get("/country/JP", headers=EN).get_data(as_text=True)
    assert re.findall(r'<p class="title">([^<]+)</p>', html) == ["Sunscreen"]
    assert "Goods from Japan" in html and "🇯🇵" in html


def test_search_page_filters_and_facets(client, shelf):
    html = client.get("/search?q=面霜", headers=EN).get_data(as_text=True)
    assert re.findall(r'<p class="title">([^<]+)</p>', html) == ["Moisturising Cream"]
    assert '<option value="US">United States (1)</option>' in html
    filtered = client.get("/search?q=面霜&country=JP", headers=EN).get_data(as_text=True)
    assert re.findall(r'<p class="title">([^<]+)</p>', filtered) == []
    assert "Nothing matches" in filtered


def test_product_page_shows_prices_routes_tax_and_the_buyer(client, shelf):
    html = client.get(f"/p/{shelf.cream.id}", headers=EN).get_data(as_text=True)
    # 100 USD at 7.2 = ¥720.00; tax at 13% VAT × 70% = 65.52.
    assert (
        '<span class="price">CN¥720.00</span>' in html and '<span class="source-price">$100.00</span>' in html
    )
    assert '<span class="days">7–15 days</span>' in html and '<span class="days">2–5 days</span>' in html
    assert html.count('<span class="tax">Estimated tax CN¥65.52</span>') == 2
    assert "With estimated tax: CN¥785.52" in html
    assert '<p class="shop-name"><a href="/shop/' in html and "Acme NY" in html
    assert "No ratings yet" in html and '<dd class="followers">0</dd>' in html
    assert "Authenticity promise" in html
    assert f'<link rel="canonical" href="http://localhost/p/{shelf.cream.id}-moisturising-cream">' in html
    assert re.search(r'<meta name="description" content="LA MER · Moisturising Cream">', html)
    assert ">Serum</p>" in html  # more from this buyer


def test_picking_a_variant_changes_price_and_availability(client, shelf):
    big = shelf.cream.skus[1]
    page = client.get(f"/p/{shelf.cream.id}?sku={big.id}", headers=EN).get_data(as_text=True)
    panel = client.get(f"/p/{shelf.cream.id}/offer?sku={big.id}", headers=EN).get_data(as_text=True)
    for html in (page, panel):
        assert '<span class="price">CN¥1,080.00</span>' in html  # 150 USD
        assert (
            '<span class="stock">Out of stock</span>' in html
            and '<span class="stock">4 available</span>' in html
        )
    assert panel.startswith('\n<div id="offer"') or '<div id="offer"' in panel[:400]
    assert "<html" not in panel
    assert (
        f'value="/p/{shelf.cream.id}-moisturising-cream?sku={big.id}"' in panel
    )  # the locale switch follows


def test_an_unknown_sku_falls_back_to_the_first_in_stock(client, shelf):
    html = client.get(f"/p/{shelf.cream.id}/offer?sku=999999", headers=EN).get_data(as_text=True)
    assert '<span class="price">CN¥720.00</span>' in html


def test_product_json_ld_is_valid_json_with_name_and_offers(client, shelf):
    html = client.get(f"/p/{shelf.cream.id}", headers=EN).get_data(as_text=True)
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "Product" and data["name"] == "Moisturising Cream"
    assert [(offer["price"], offer["priceCurrency"]) for offer in data["offers"]] == [
        ("720.00", "CNY"),
        ("1080.00", "CNY"),
    ]
    assert data["brand"] == {"@type": "Brand", "name": "LA MER"}


def test_json_ld_cannot_close_its_script(client, shelf, app):
    from marketplace.extensions import db

    with app.app_context():
        listing = db.session.merge(shelf.cream)
        listing.title_en = "Cream </script><script>alert(1)</script>"
        db.session.commit()
    html = client.get(f"/p/{shelf.cream.id}", headers=EN).get_data(as_text=True)
    assert "</script><script>alert(1)" not in html


def test_product_images_have_srcset_sizes_and_lazy_loading(client, shelf):
    html = client.get(f"/p/{shelf.cream.id}", headers=EN).get_data(as_text=True)
    listing_id = shelf.cream.id
    assert (
        f'srcset="/media/public/p{listing_id}-1-200.jpg 200w, /media/public/p{listing_id}-1-600.jpg 600w, '
        f'/media/public/p{listing_id}-1-1200.jpg 1200w"'
    ) in html
    first = re.search(r'<a class="zoom" href="#zoom-1"[^>]*><img ([^>]+)>', html).group(1)
    assert 'loading="lazy"' not in first and 'width="600" height="600"' in first
    assert all('width="' in tag and 'height="' in tag for tag in re.findall(r"<img [^>]+>", html))


def test_product_page_html_is_under_60_kb(client, shelf):
    response = client.get(f"/p/{shelf.cream.id}")
    assert len(response.data) < 60 * 1024


@pytest.mark.parametrize("status", ["draft", "pending_review", "delisted", "suspended", "rejected"])
def test_a_listing_that_is_not_live_is_a_404_page(client, shelf, app, status):
    from marketplace.extensions import db

    with app.app_context():
        listing = db.session.merge(shelf.serum)
        listing.status = status
        db.session.commit()
    for path in (f"/p/{shelf.serum.id}", f"/p/{shelf.serum.id}/offer"):
        response = client.get(path)
        assert response.status_code == 404
        assert "<!doctype html>" in response.get_data(as_text=True)


def test_shop_page_lists_its_live_listings(client, shelf):
    html = client.get(f"/shop/{shelf.us_buyer.shop.slug}", headers=EN).get_data(as_text=True)
    assert re.findall(r'<p class="title">([^<]+)</p>', html) == ["Moisturising Cream", "Serum"]
    assert "<h1>Acme NY</h1>" in html and "Sign in to follow this buyer" in html


def test_home_shows_new_arrivals_featured_buyers_and_category_links(client, shelf):
    html = client.get("/", headers=EN).get_data(as_text=True)
    assert '<li><a href="/c/c-beauty">Beauty</a></li>' in html
    assert re.findall(r'<p class="title">([^<]+)</p>', html) == ["Moisturising Cream", "Serum", "Sunscreen"]
    assert "<h2>Featured buyers</h2>" in html and "Tokyo Finds" in html
    assert "From buyers you follow" not in html


def test_sitemap_lists_live_listings_categories_and_shops(client, shelf):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200 and index.headers["Content-Type"].startswith("application/xml")
    assert re.findall(r"<loc>([^<]+)</loc>", index.get_data(as_text=True)) == [
        "http://localhost/sitemap/pages.xml",
        "http://localhost/sitemap/listings-1.xml",
    ]
    pages = client.get("/sitemap/pages.xml").get_data(as_text=True)
    assert (
        "http://localhost/c/c-skincare" in pages
        and f"http://localhost/shop/{shelf.jp_buyer.shop.slug}" in pages
    )
    listings = re.findall(r"<loc>([^<]+)</loc>", client.get("/sitemap/listings-1.xml").get_data(as_text=True))
    assert listings == [
        f"http://localhost/p/{shelf.cream.id}-moisturising-cream",
        f"http://localhost/p/{shelf.sunscreen.id}-sunscreen",
        f"http://localhost/p/{shelf.serum.id}-serum",
    ]
    assert client.get("/sitemap/listings-2.xml").status_code == 404
