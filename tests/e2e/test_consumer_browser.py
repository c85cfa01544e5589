"""The shopper's journey in a real browser: search, filter by country, open a product, pick a
variant, switch to English, and the price stays the same; and axe on the shopper's pages."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest

from tests.e2e.test_accessibility import serious_violations

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def catalogue(live_app):
    """A French cream with two sizes next to the seeded goods, and every live listing indexed.
    Published days ago, so the seeded listings stay the newest for the other browser tests."""
    from marketplace.catalog.models import Sku
    from marketplace.core.clock import utcnow
    from marketplace.extensions import db
    from marketplace.inventory.models import StockLevel
    from marketplace.search import indexing
    from marketplace.shops.models import Shop
    from tests import catalog_builders

    with live_app.app_context():
        shop = db.session.query(Shop).first()
        cream = catalog_builders.listing(shop.id, title="法国保湿面霜", price="30.00", currency="EUR")
        cream.title_en, cream.origin_country, cream.brand = "French moisturising cream", "FR", "Maison"
        cream.published_at = utcnow() - timedelta(days=3)
        big = Sku(
            shop_id=shop.id,
            code="FR-CREAM-100",
            options={"size": "100ml"},
            price=Decimal("52.00"),
            currency="EUR",
            weight_g=300,
        )
        big.stock_levels.append(StockLevel(shop_id=shop.id, location="buyer", on_hand=2))
        cream.skus.append(big)
        db.session.flush()
        for _ in indexing.reindex_all(now=utcnow()):
            pass
        db.session.commit()
        shop_slug, listing_id = shop.slug, cream.id
        db.session.remove()
    return {"shop": shop_slug, "listing": listing_id}


def amount(text: str) -> str:
    return re.sub(r"[^0-9.]", "", text)


def test_search_filter_open_pick_a_variant_and_switch_language(page, catalogue):
    page.goto("/")
    page.locator("#site-search").fill("面霜")  # the label is Chinese on a Chinese page
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q="))
    assert page.locator(".card .title").count() == 2
    page.locator("#filter-country").select_option("FR")
    page.locator(".filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"country=FR"))
    assert page.locator(".card .title").all_inner_texts() == ["法国保湿面霜"]
    page.locator(".card a").first.click()
    page.wait_for_url(re.compile(rf"/p/{catalogue['listing']}"))
    assert page.locator(".offer .price").inner_text() == "¥232.50"  # 30 EUR at 7.75
    page.get_by_label("100ml").check()
    page.locator(".offer .variant-label", has_text="100ml").wait_for()
    chinese = page.locator(".offer .price").inner_text()
    assert chinese == "¥403.00"  # 52 EUR at 7.75, swapped in without a reload
    page.get_by_label("语言").select_option("en")
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert page.locator(".offer .variant-label").inner_text() == "100ml"
    assert amount(page.locator(".offer .price").inner_text()) == amount(chinese)
    assert page.locator("h1").inner_text() == "French moisturising cream"


def test_the_gallery_zooms_on_tap(phone, catalogue):
    phone.goto(f"/p/{catalogue['listing']}")
    phone.locator(".gallery > a.zoom").tap()
    assert phone.locator("#zoom-1").is_visible()
    phone.locator("#zoom-1 .lightbox-close").tap()
    assert not phone.locator("#zoom-1").is_visible()


@pytest.fixture(scope="module")
def axe():
    sync_axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    return sync_axe.Axe()


@pytest.mark.parametrize("kind", ["home", "search", "product", "shop", "category"])
def test_no_serious_accessibility_violations(axe, page, catalogue, kind):
    paths = {
        "home": "/",
        "search": "/search?q=面霜",
        "product": f"/p/{catalogue['listing']}",
        "shop": f"/shop/{catalogue['shop']}",
        "category": "/c/test-skincare",
    }
    page.goto(paths[kind])
    assert serious_violations(axe, page) == []


@pytest.mark.parametrize("kind", ["search", "product", "shop"])
def test_no_horizontal_scroll_at_360_pixels(phone, catalogue, kind):
    paths = {
        "search": "/search?q=面霜",
        "product": f"/p/{catalogue['listing']}",
        "shop": f"/shop/{catalogue['shop']}",
    }
    phone.goto(paths[kind])
    widths = phone.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], widths
