"""The portal's listing pages: a buyer with reference data, the editor's form as a browser posts
it, pictures drawn with Pillow, and the review queue's final decision."""
from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from marketplace.catalog.models import Listing
from marketplace.core.clock import utcnow
from marketplace.extensions import db
from marketplace.money import services as money
from tests.catalog.conftest import picture
from tests.catalog_builders import reference_data

EN = {"Accept-Language": "en"}
ZH = {"Accept-Language": "zh-CN"}
CATEGORY, TAX_CATEGORY = "test-skincare", "test_cosmetics"


def row(index: int, code: str, options: str, price: str, weight: str = "200", stock: str = "5") -> dict:
    return {f"skus-{index}-code": code, f"skus-{index}-options": options, f"skus-{index}-price": price,
            f"skus-{index}-weight_g": weight, f"skus-{index}-stock": stock}


def editor_form(**overrides) -> dict:
    """The editor as a buyer fills it: two SKUs of one option axis."""
    data = {"category": CATEGORY, "brand": "Acme", "tax_category": TAX_CATEGORY, "origin_country": "US",
            "routes": ["direct_mail"], "title_zh": "保湿面霜", "title_en": "Moisturising cream",
            "title_local": "", "description_zh": "滋润不油腻", "description_en": "Rich, not greasy",
            "description_local": "", "axes-0-name": "size", "axes-0-values": "50ml, 100ml",
            **row(0, "CREAM-50", "size=50ml", "25.00", "200", "5"),
            **row(1, "CREAM-100", "size=100ml", "40.00", "300", "3")}
    data.update(overrides)
    return data


def files(*pictures: bytes, name: str = "images") -> dict:
    return {name: [(io.BytesIO(data), f"photo-{number}.jpg") for number, data in enumerate(pictures)]}


def errors(html: str) -> list[str]:
    """The messages shown next to fields, in page order."""
    return re.findall(r'<p class="error" id="[^"]+">([^<]*)</p>', html)


def value_of(html: str, name: str) -> str | None:
    """The value of the text input named ``name``, or None when the page has none."""
    tag = re.search(rf'<input[^>]* name="{re.escape(name)}"[^>]*>', html)
    if tag is None:
        return None
    value = re.search(r' value="([^"]*)"', tag.group(0))
    return value.group(1) if value else ""


@pytest.fixture
def reference(app):
    with app.app_context():
        reference_data()
        money.set_rate("USD", Decimal("7.2"), now=utcnow())
        db.session.commit()


@pytest.fixture
def seller(make, reference):
    return make.buyer(country="US", shop_name="Acme Picks")


@pytest.fixture
def portal(make, seller):
    """The seller's browser, signed in."""
    return make.signed_in(seller)


@pytest.fixture
def snapshot(app):
    """``snapshot(listing_id)``: what a refused request must leave as it was."""

    def take(listing_id: int) -> dict:
        with app.app_context():
            listing = db.session.get(Listing, listing_id)
            return {"status": listing.status, "title": listing.title_zh, "brand": listing.brand,
                    "updated_at": listing.updated_at, "proof": listing.proof_key,
                    "images": [(image.id, image.position) for image in listing.images],
                    "skus": [(sku.code, sku.price, sku.weight_g, dict(sku.options)) for sku in listing.skus]}

    return take


@pytest.fixture
def listing_count(app):
    def count() -> int:
        with app.app_context():
            return db.session.scalar(select(func.count()).select_from(Listing))

    return count


@pytest.fixture
def draft(portal):
    """``draft(**overrides)``: a draft listing saved through the editor; its id."""

    def save(**overrides) -> int:
        response = portal.post("/portal/listings/new", data=editor_form(**overrides), headers=EN)
        assert response.status_code == 302, errors(response.get_data(as_text=True))
        return int(response.location.split("/")[3])

    return save


@pytest.fixture
def ready(portal, draft):
    """``ready(pictures=1)``: a draft with pictures and the proof, uploaded through the page."""

    def prepare(pictures: int = 1, **overrides) -> int:
        listing_id = draft(**overrides)
        images = [picture(colour=(40 * number, 90, 160)) for number in range(pictures)]
        assert portal.post(f"/portal/listings/{listing_id}/images", data=files(*images)).status_code == 302
        proof = files(picture("PNG"), name="proof")
        assert portal.post(f"/portal/listings/{listing_id}/proof", data=proof).status_code == 302
        return listing_id

    return prepare


@pytest.fixture
def live(portal, ready, decide):
    """``live()``: a listing submitted through the page and approved; its id."""

    def publish(**overrides) -> int:
        listing_id = ready(**overrides)
        assert portal.post(f"/portal/listings/{listing_id}/submit").status_code == 302
        decide(listing_id)
        return listing_id

    return publish
