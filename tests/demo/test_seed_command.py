"""``flask seed-demo``: reference data, demo accounts and bulk-inserted listings with pictures."""
import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from PIL import Image
from sqlalchemy import func, select

from marketplace.accounts import services as accounts
from marketplace.accounts.models import User
from marketplace.catalog.models import Category, Listing, ListingImage, Sku
from marketplace.core.clock import utcnow
from marketplace.customs.models import TaxCategory
from marketplace.demo.data import DEMO_PASSWORD
from marketplace.extensions import db
from marketplace.inventory.models import BUYER_LOCATION, StockLevel
from marketplace.money import services as money
from marketplace.money.models import FxRate
from marketplace.shops.models import Shop
from marketplace.storage import get_storage
from marketplace.warehouses.models import Warehouse

CATEGORY_SLUGS = {"beauty": None, "skincare": "beauty", "make-up": "beauty", "fragrance": "beauty",
                  "mother-baby": None, "formula": "mother-baby", "diapers": "mother-baby",
                  "baby-care": "mother-baby", "health": None, "vitamins": "health", "supplements": "health",
                  "fashion": None, "bags": "fashion", "shoes": "fashion", "accessories": "fashion"}
TAX_RATES = {  # PRODUCT.md §5: VAT, consumption tax, tariff, postal rate
    "general": ("0.13", "0", "0.10", "0.20"),
    "reduced": ("0.09", "0", "0.05", "0.13"),
    "food_supplements": ("0.13", "0", "0.05", "0.13"),
    "cosmetics": ("0.13", "0", "0.05", "0.20"),
    "cosmetics_premium": ("0.13", "0.15", "0.01", "0.50"),
    "apparel": ("0.13", "0", "0.10", "0.20"),
    "watches_premium": ("0.13", "0.20", "0.10", "0.50"),
    "jewellery": ("0.13", "0.10", "0.10", "0.50"),
}
SHOP_CURRENCIES = {("US", "USD"), ("JP", "JPY"), ("KR", "KRW"), ("FR", "EUR"), ("DE", "EUR"), ("AU", "AUD")}
STAFF_ROLES = {"reviewer@haigou.example": ["shopper", "reviewer"],
               "reviewer2@haigou.example": ["shopper", "reviewer"],
               "warehouse@haigou.example": ["shopper", "warehouse"],
               "admin@haigou.example": ["shopper", "admin"],
               "shopper@haigou.example": ["shopper"]}
COSMETICS = {"cosmetics", "cosmetics_premium"}
TAX_CODES_BY_CATEGORY = {
    "skincare": COSMETICS, "make-up": COSMETICS, "fragrance": COSMETICS, "formula": {"food_supplements"},
    "diapers": {"general"}, "baby-care": {"cosmetics", "general"}, "vitamins": {"food_supplements"},
    "supplements": {"food_supplements", "reduced"}, "bags": {"apparel"}, "shoes": {"apparel"},
    "accessories": {"general", "watches_premium", "jewellery", "apparel"},
}
CJK = re.compile(r"[\u4e00-\u9fff]")
MODELS = (User, Shop, Category, TaxCategory, FxRate, Warehouse, Listing, Sku, StockLevel, ListingImage)


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def seed(runner, ctx):
    def run(*args):
        return runner.invoke(args=["seed-demo", *args])
    return run


@pytest.fixture
def seeded(seed):
    result = seed("--listings", "12", "--no-review-tasks")
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def reference_seeded(seed):
    """Reference data and accounts only: no listings, so no pictures to draw (a faster test)."""
    result = seed("--listings", "0")
    assert result.exit_code == 0, result.output
    return result


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def counts() -> dict[str, int]:
    return {model.__tablename__: count(model) for model in MODELS}


def printed_accounts(output: str) -> dict[str, tuple[list[str], str]]:
    rows = [line.split() for line in output.splitlines() if "@haigou.example" in line]
    return {row[0]: ([role.strip(",") for role in row[1:-1]], row[-1]) for row in rows}


def test_seed_creates_the_category_tree_tax_table_fx_rates_and_warehouses(reference_seeded):
    categories = db.session.scalars(select(Category)).all()
    assert {category.slug: category.parent.slug if category.parent else None
            for category in categories} == CATEGORY_SLUGS
    skincare = next(category for category in categories if category.slug == "skincare")
    assert (skincare.name_zh, skincare.name_en) == ("护肤", "Skincare")
    rows = db.session.scalars(select(TaxCategory)).all()
    expected = {code: tuple(Decimal(rate) for rate in rates) for code, rates in TAX_RATES.items()}
    assert {row.code: (row.vat_rate, row.consumption_tax_rate, row.tariff_rate, row.postal_rate)
            for row in rows} == expected
    assert all(row.name_zh and row.name_en and row.on_positive_list for row in rows)
    assert money.current_rates() == {"USD": Decimal("7.12"), "JPY": Decimal("0.0475"),
                                     "KRW": Decimal("0.00515"), "EUR": Decimal("7.75"),
                                     "GBP": Decimal("9.05"), "AUD": Decimal("4.65"), "CNY": Decimal(1)}
    assert count(FxRate) == 6
    warehouses = db.session.scalars(select(Warehouse).order_by(Warehouse.code)).all()
    assert [(w.code, w.city, w.shipping_base, w.shipping_per_kg) for w in warehouses] == [
        ("HZ-BONDED", "Hangzhou", Decimal("8.00"), Decimal("4.00")),
        ("NB-BONDED", "Ningbo", Decimal("10.00"), Decimal("3.00"))]
    assert count(Listing) == 0


def test_seed_opens_six_buyer_shops_priced_in_their_countries_currency(reference_seeded):
    shops = db.session.scalars(select(Shop)).all()
    assert {(shop.country, shop.currency) for shop in shops} == SHOP_CURRENCIES
    assert len(shops) == 6
    assert all(shop.owner.roles == ["shopper", "buyer"] for shop in shops)
    assert {shop.owner.email for shop in shops} == {f"buyer-{country.lower()}@haigou.example"
                                                    for country, _ in SHOP_CURRENCIES}


def test_staff_have_their_roles_and_sign_in_with_the_printed_password(reference_seeded):
    printed = printed_accounts(reference_seeded.output)
    assert len(printed) == 11
    assert {email: roles for email, (roles, _) in printed.items() if email in STAFF_ROLES} == STAFF_ROLES
    assert {password for _, password in printed.values()} == {DEMO_PASSWORD}
    for email, roles in STAFF_ROLES.items():
        assert accounts.authenticate(email, printed[email][1]).roles == roles
    buyer = accounts.authenticate("buyer-jp@haigou.example", printed["buyer-jp@haigou.example"][1])
    assert buyer.shop.country == "JP"
    operator = accounts.user_by_email("warehouse@haigou.example")
    hangzhou = db.session.scalar(select(Warehouse.id).where(Warehouse.code == "HZ-BONDED"))
    assert operator.warehouse_id == hangzhou


def test_a_seeded_reviewer_signs_in_on_the_site(app, runner):
    with app.app_context():
        assert runner.invoke(args=["seed-demo", "--listings", "1"]).exit_code == 0
    response = app.test_client().post("/sign-in", data={"email": "reviewer@haigou.example",
                                                        "password": DEMO_PASSWORD})
    assert response.status_code == 302


def test_seed_creates_live_bilingual_listings_with_skus_stock_and_images(seeded):
    listings = db.session.scalars(select(Listing).where(Listing.status == "live")).all()
    warehouse_codes = {"HZ-BONDED", "NB-BONDED"}
    now = utcnow()
    assert len(listings) == 12
    for listing in listings:
        assert listing.status == "live"
        assert CJK.search(listing.title_zh) and listing.brand in listing.title_en
        assert not CJK.search(listing.title_en)
        assert listing.origin_country == listing.shop.country
        assert now - timedelta(weeks=6) <= listing.published_at <= now
        assert listing.tax_category.code in TAX_CODES_BY_CATEGORY[listing.category.slug]
        assert 1 <= len(listing.skus) <= 3 and 1 <= len(listing.images) <= 4
        assert [image.position for image in listing.images] == list(range(len(listing.images)))
        bonded = "bonded" in listing.routes
        assert listing.routes[0] == "direct_mail"
        for sku in listing.skus:
            assert sku.currency == listing.shop.currency and sku.weight_g > 0 and sku.price > 0
            if sku.currency in ("JPY", "KRW"):
                assert sku.price == sku.price.to_integral_value()
            locations = {level.location for level in sku.stock_levels}
            assert BUYER_LOCATION in locations
            assert bool(locations & warehouse_codes) == bonded
            assert locations <= {BUYER_LOCATION} | warehouse_codes


def test_listing_images_are_stored_pictures_with_thumbnails(seeded):
    storage = get_storage()
    images = db.session.scalars(select(ListingImage)).all()
    assert images
    for image in images:
        assert image.storage_key.startswith("public/")
        with Image.open(io.BytesIO(storage.open(image.storage_key))) as picture:
            assert (picture.format, picture.size) == ("JPEG", (image.width, image.height))
        assert set(image.thumbnails) == {"200", "600", "1200"}
        for width, key in image.thumbnails.items():
            assert key.startswith("public/")
            with Image.open(io.BytesIO(storage.open(key))) as thumbnail:
                assert thumbnail.width == min(int(width), image.width)


def test_listings_are_inserted_in_batches(seed):
    result = seed("--listings", "7", "--batch-size", "3", "--no-review-tasks")
    assert result.exit_code == 0, result.output
    assert re.findall(r"listings (\d+)/7", result.output) == ["3", "6", "7"]
    assert count(Listing) == 7
    codes = db.session.scalars(select(Sku.code)).all()
    assert len(codes) == len(set(codes)) >= 7


def test_seeding_again_adds_only_listings_and_keeps_the_rest(seeded, seed):
    before = counts()
    first_titles = db.session.scalars(select(Listing.title_en).order_by(Listing.id)).all()
    result = seed("--listings", "12", "--no-review-tasks")
    assert result.exit_code == 0, result.output
    doubled = {table: before[table] * 2 for table in ("listings", "skus", "stock_levels", "listing_images")}
    assert counts() == {**before, **doubled}
    # The same seed plans the same listings again.
    assert db.session.scalars(select(Listing.title_en).order_by(Listing.id)).all()[12:] == first_titles
    assert result.output.count("(existing account, unchanged)") == 11


def test_if_empty_seeds_an_empty_database(seed):
    result = seed("--if-empty", "--listings", "3")
    assert result.exit_code == 0, result.output
    live = db.session.scalar(select(func.count()).select_from(Listing).where(Listing.status == "live"))
    assert (count(User), live) == (11, 3)


def test_if_empty_does_nothing_when_a_user_exists(seed, make):
    make.user(email="someone@example.com")
    result = seed("--if-empty", "--listings", "3")
    assert result.exit_code == 0
    assert "already has users: no demo data seeded" in result.output
    assert counts() == {**dict.fromkeys(counts(), 0), "users": 1}


def test_if_empty_does_nothing_when_seed_demo_is_off(seed, app, monkeypatch):
    monkeypatch.setitem(app.config, "SEED_DEMO", False)
    result = seed("--if-empty", "--listings", "3")
    assert result.exit_code == 0
    assert "SEED_DEMO is off: no demo data seeded." in result.output
    assert set(counts().values()) == {0}


@pytest.mark.parametrize("args", [("--listings", "-1"), ("--listings", "many"), ("--batch-size", "0"),
                                  ("--batch-size", "100000"), ("--seed", "abc")])
def test_bad_options_are_refused_and_change_nothing(seed, args):
    result = seed(*args)
    assert result.exit_code == 2
    assert "Invalid value" in result.output
    assert set(counts().values()) == {0}


def test_it_refuses_to_run_in_production(seed, app, monkeypatch):
    monkeypatch.setitem(app.config, "APP_ENV", "production")
    result = seed("--listings", "3")
    assert result.exit_code == 1
    assert "does not run in production" in result.output
    assert set(counts().values()) == {0}


def test_seed_indexes_the_live_listings_for_search(seeded):
    from marketplace.search.models import SearchDocument

    live = set(db.session.scalars(select(Listing.id).where(Listing.status == "live")))
    assert set(db.session.scalars(select(SearchDocument.listing_id))) == live
    assert "Indexed 12 listings for search" in seeded.output


def test_seed_opens_flagged_review_tasks(seed):
    from marketplace.moderation.models import ReviewTask

    assert seed("--listings", "12").exit_code == 0
    assert seed("--listings", "1").exit_code == 0  # a second run opens no more
    tasks = db.session.scalars(select(ReviewTask).where(ReviewTask.status == "open")).all()
    assert len(tasks) == 6
    flagged = {flag["code"] for task in tasks for flag in task.flags}
    assert {"banned_words", "missing_proof", "too_few_images"} <= flagged
    assert all(task.risk_score > 0 for task in tasks)
