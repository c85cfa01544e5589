"""Planning demo listings: prices per currency, tax categories by price, deterministic plans."""
import random
from decimal import Decimal

import pytest

from marketplace.core.clock import utcnow
from marketplace.demo import products
from marketplace.demo.images import ImagePool, StoredImage, initials, product_picture, thumbnail
from marketplace.demo.listings import ListingPlanner, ShopRef, local_price, tax_code
from marketplace.demo.products import PRODUCTS, label_zh


class MidpointRandom(random.Random):
    """Always picks 100 from ``randint``: the price at the demo rate, unvaried."""

    def randint(self, a, b):
        return 100


@pytest.mark.parametrize(("currency", "price"), [
    ("USD", Decimal("99.99")),  # 100 USD, shop prices end in .99
    ("EUR", Decimal("91.99")),  # 100 * 7.12 / 7.75 = 91.87
    ("AUD", Decimal("152.99")),  # 100 * 7.12 / 4.65 = 153.12
    ("JPY", Decimal("14990")),  # 14,989.47 yen, to the nearest 10: JPY has no minor unit
    ("KRW", Decimal("138300")),  # 138,252.43 won, to the nearest 100
])
def test_local_price_converts_at_the_demo_rates_and_rounds_like_a_shop(currency, price):
    assert local_price(Decimal(100), currency, MidpointRandom()) == price


def test_local_price_is_never_zero():
    assert local_price(Decimal("0.01"), "USD", MidpointRandom()) == Decimal("0.99")
    assert local_price(Decimal("0.01"), "JPY", MidpointRandom()) == Decimal(10)


def product(brand, name_en):
    return next(item for item in PRODUCTS if item.brand == brand and item.name_en == name_en)


@pytest.mark.parametrize(("brand", "name", "variant", "price", "currency", "code"), [
    # 200 USD for 30 ml is 47.47 CNY per ml: premium cosmetics (10 CNY per ml or more)
    ("La Mer", "Crème de la Mer Moisturizing Cream", 0, "200", "USD", "cosmetics_premium"),
    # 1,790 JPY for 170 ml is 0.50 CNY per ml
    ("Hada Labo", "Gokujyun Hyaluronic Lotion", 0, "1790", "JPY", "cosmetics"),
    # 170 ml: 238.76 USD is 1,699.97 CNY, just under 10 CNY per ml; 238.77 USD is 1,700.04 CNY
    ("Hada Labo", "Gokujyun Hyaluronic Lotion", 0, "238.76", "USD", "cosmetics"),
    ("Hada Labo", "Gokujyun Hyaluronic Lotion", 0, "238.77", "USD", "cosmetics_premium"),
    ("Grand Seiko", "Heritage Snowflake SBGA211", 0, "929000", "JPY", "watches_premium"),
    ("Seiko", "Presage Cocktail Time Automatic Watch", 0, "63990", "JPY", "general"),
    ("Coach", "Willow Tote", 0, "395", "USD", "apparel"),
    ("Comvita", "UMF 10+ Manuka Honey", 0, "60.99", "AUD", "reduced"),
])
def test_tax_code_follows_the_premium_thresholds(brand, name, variant, price, currency, code):
    item = product(brand, name)
    assert tax_code(item, item.variants[variant], Decimal(price), currency) == code


def test_every_product_has_a_known_category_tax_and_brand():
    leaves = {"skincare", "make-up", "fragrance", "formula", "diapers", "baby-care", "vitamins",
              "supplements", "bags", "shoes", "accessories"}
    taxes = {"general", "reduced", "food_supplements", "apparel", "jewellery",
             products.COSMETIC, products.WATCH}
    for item in PRODUCTS:
        assert item.category in leaves and item.tax in taxes and item.brand in products.BRANDS
        assert item.variants
        assert all(variant.price_usd > 0 and variant.weight_g > 0 for variant in item.variants)
    for country in ("US", "JP", "KR", "FR", "DE", "AU"):
        assert len(products.products_for_country(country)) >= 8


@pytest.mark.parametrize(("label", "chinese"), [("150 tablets", "150片"), ("200 capsules", "200粒"),
                                                ("Size 2", "2号"), ("Newborn", "新生儿"), ("60ml", "60ml")])
def test_size_labels_read_in_chinese_titles(label, chinese):
    assert label_zh(label) == chinese


def fake_pool() -> ImagePool:
    def image(name):
        return StoredImage(f"public/demo/{name}.jpg", 1000, 1000, {"200": f"public/demo/{name}-200.jpg"})
    covers = {(item.brand, item.shape): image(f"{item.brand}-{item.shape}") for item in PRODUCTS}
    return ImagePool(covers, tuple(image(f"extra{number}") for number in range(4)))


def planner(seed: int, now) -> ListingPlanner:
    shops = [ShopRef(1, "JP", "JPY", "Tokyo", "Sato Yuki"), ShopRef(2, "FR", "EUR", "Paris", "Claire Martin")]
    return ListingPlanner(random.Random(seed), shops=shops, category_ids={slug: number for number, slug in
                          enumerate(sorted({item.category for item in PRODUCTS}))},
                          tax_ids={code: number for number, code in enumerate(
                              ("general", "reduced", "food_supplements", "cosmetics", "cosmetics_premium",
                               "apparel", "watches_premium", "jewellery"))},
                          warehouse_codes=["HZ-BONDED"], pool=fake_pool(), now=now)


def test_the_same_seed_plans_the_same_listings_and_another_seed_others():
    now = utcnow()
    first, again, other = planner(7, now), planner(7, now), planner(8, now)
    first, again, other = ([planned.plan().row for _ in range(50)] for planned in (first, again, other))
    assert first == again
    assert first != other


def test_plans_sell_the_shops_own_brands_in_its_currency_with_its_origin():
    shop_planner = planner(3, utcnow())
    plans = [shop_planner.plan() for _ in range(200)]
    for plan in plans:
        country = "JP" if plan.row["shop_id"] == 1 else "FR"
        assert plan.row["origin_country"] == country
        assert country in products.BRANDS[plan.row["brand"]][1].split()
        assert {sku.row["currency"] for sku in plan.skus} == {"JPY" if country == "JP" else "EUR"}
        assert 1 <= len(plan.images) <= 4
        assert plan.images[0].storage_key.startswith(f"public/demo/{plan.row['brand']}-")
    assert {len(plan.skus) for plan in plans} == {1, 2, 3}
    assert {tuple(plan.row["routes"]) for plan in plans} == {("direct_mail",), ("direct_mail", "bonded")}


@pytest.mark.parametrize(("brand", "letters"), [("La Mer", "LM"), ("SK-II", "SK-II"), ("Dior", "DIOR"),
                                                 ("Onitsuka Tiger", "OT"), ("Shiseido", "SH")])
def test_initials(brand, letters):
    assert initials(brand) == letters


def test_thumbnails_shrink_in_proportion_and_never_enlarge():
    picture = product_picture("La Mer", "jar", 1)
    assert picture.size == (1000, 1000)
    assert thumbnail(picture, 200).size == (200, 200)
    assert thumbnail(picture, 1200) is picture
