"""Shared helpers for the listing tests: a shop with reference data, pictures drawn with Pillow,
listing bodies, row counts, and the review queue's final decision."""
from __future__ import annotations

import io
from decimal import Decimal

import pytest
from PIL import Image
from sqlalchemy import func, select

from marketplace.core.clock import utcnow
from marketplace.extensions import db
from marketplace.money import services as money
from tests.catalog_builders import reference_data

CATEGORY, TAX_CATEGORY = "test-skincare", "test_cosmetics"


def picture(image_format: str = "JPEG", size=(640, 480), colour=(200, 40, 40), **save) -> bytes:
    image = Image.new("RGB", size, colour)
    for x in range(0, size[0], 40):  # some structure, so perceptual hashes differ from flat colour
        image.paste((x % 255, 90, 160), (x, 0, min(x + 20, size[0]), size[1] // 2))
    output = io.BytesIO()
    image.save(output, image_format, **save)
    return output.getvalue()


def upload(data: bytes, name: str = "photo.jpg") -> dict:
    return {"file": (io.BytesIO(data), name)}


def sku(code="CREAM-50", options=None, amount="25.00", currency="USD", weight_g=200, stock=5) -> dict:
    return {"code": code, "options": {"size": "50ml"} if options is None else options,
            "price": {"amount": amount, "currency": currency}, "weight_g": weight_g, "stock": stock}


def listing_body(**overrides) -> dict:
    body = {"category": CATEGORY, "brand": "Acme", "title": {"zh_CN": "保湿面霜", "en": "Moisturising cream"},
            "description": {"zh_CN": "滋润不油腻", "en": "Rich, not greasy"}, "origin_country": "US",
            "tax_category": TAX_CATEGORY, "routes": ["direct_mail"],
            "skus": [sku(), sku("CREAM-100", {"size": "100ml"}, "40.00", stock=3)]}
    body.update(overrides)
    return body


@pytest.fixture
def reference(app):
    with app.app_context():
        reference_data()
        money.set_rate("USD", Decimal("7.2"), now=utcnow())
        db.session.commit()


@pytest.fixture
def seller(make):
    return make.buyer(country="US", shop_name="Acme Picks")


@pytest.fixture
def seller_api(api, seller, reference):
    return api(seller)


@pytest.fixture
def count(app):
    """``count(Model)``: rows in its table now."""

    def rows(model) -> int:
        with app.app_context():
            return db.session.scalar(select(func.count()).select_from(model))

    return rows


@pytest.fixture
def create(seller_api):
    """``create(**overrides)``: a draft listing made through the API, as JSON."""

    def make_listing(**overrides) -> dict:
        response = seller_api.post("/api/v1/shop/listings", json=listing_body(**overrides))
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return make_listing


@pytest.fixture
def ready(create, seller_api):
    """``ready(**overrides)``: a draft with one picture and its proof, ready to submit."""

    def make_ready(**overrides) -> dict:
        listing = create(**overrides)
        base = f"/api/v1/shop/listings/{listing['id']}"
        assert seller_api.post(f"{base}/images", data=upload(picture())).status_code == 201
        assert seller_api.post(f"{base}/proof", data=upload(picture("PNG"), "receipt.png")).status_code == 201
        return seller_api.get(base).get_json()

    return make_ready


@pytest.fixture
def live(ready, seller_api, decide):
    """``live(**overrides)``: a listing submitted and approved."""

    def make_live(**overrides) -> dict:
        listing = ready(**overrides)
        assert seller_api.post(f"/api/v1/shop/listings/{listing['id']}/submit").status_code == 200
        decide(listing["id"])
        return seller_api.get(f"/api/v1/shop/listings/{listing['id']}").get_json()

    return make_live
