"""A small indexed catalogue for the shopper's pages: two categories deep, shops in two
countries, FX rates, a listing with several SKUs, images with thumbnails and both routes."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest

from marketplace.catalog.models import ListingImage, Sku
from marketplace.extensions import db
from marketplace.inventory.models import StockLevel
from tests.search import builders


def add_sku(
    listing, code: str, price: str, currency: str, options: dict, *, buyer: int = 3, bonded: int = 0
) -> Sku:
    sku = Sku(
        shop_id=listing.shop_id,
        code=code,
        options=options,
        price=Decimal(price),
        currency=currency,
        weight_g=150,
    )
    sku.stock_levels.append(StockLevel(shop_id=listing.shop_id, location="buyer", on_hand=buyer))
    if bonded:
        sku.stock_levels.append(StockLevel(shop_id=listing.shop_id, location="HZ1", on_hand=bonded))
    listing.skus.append(sku)
    db.session.flush()
    return sku


def add_image(listing, position: int) -> ListingImage:
    image = ListingImage(
        shop_id=listing.shop_id,
        position=position,
        storage_key=f"public/p{listing.id}-{position}.jpg",
        width=1200,
        height=900,
        thumbnails={size: f"public/p{listing.id}-{position}-{size}.jpg" for size in ("200", "600", "1200")},
    )
    listing.images.append(image)
    db.session.flush()
    return image


@pytest.fixture
def shelf(app, make):
    us_buyer = make.buyer(country="US", shop_name="Acme NY")
    jp_buyer = make.buyer(country="JP", shop_name="Tokyo Finds")
    with app.app_context():
        builders.rates()
        beauty = builders.category("c-beauty", "美妆", "Beauty")
        skincare = builders.category("c-skincare", "护肤", "Skincare", beauty)
        tax = builders.tax_category()
        us, jp = us_buyer.shop.id, jp_buyer.shop.id
        cream = builders.listing(
            us,
            skincare,
            tax,
            title_zh="海蓝之谜保湿面霜",
            title_en="Moisturising Cream",
            brand="LA MER",
            routes=("direct_mail", "bonded"),
            prices=(("100.00", "USD"),),
            stock=5,
            age_days=1,
        )
        add_sku(cream, "CREAM-100", "150.00", "USD", {"size": "100ml"}, buyer=0, bonded=4)
        add_image(cream, 1)
        sunscreen = builders.listing(
            jp,
            beauty,
            tax,
            title_zh="防晒霜",
            title_en="Sunscreen",
            brand="Anessa",
            country="JP",
            prices=(("2000", "JPY"),),
            stock=3,
            age_days=10,
        )
        serum = builders.listing(
            us,
            skincare,
            tax,
            title_zh="精华液",
            title_en="Serum",
            brand="Acme",
            prices=(("40.00", "USD"),),
            age_days=5,
        )
        draft = builders.listing(us, skincare, tax, title_zh="草稿面霜", brand="LA MER", status="draft")
        builders.index(cream, sunscreen, serum, draft)
        db.session.commit()
    # Outside the app context: each request must get its own (and its own locale).
    return SimpleNamespace(
        cream=cream,
        sunscreen=sunscreen,
        serum=serum,
        draft=draft,
        us_buyer=us_buyer,
        jp_buyer=jp_buyer,
        beauty=beauty,
        skincare=skincare,
        tax=tax,
    )
