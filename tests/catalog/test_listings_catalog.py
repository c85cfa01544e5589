"""GET /api/v1/catalog/listings/{id}: live listings only, CNY prices at the rate in force, the
source price, and units available per route."""
from decimal import Decimal

import pytest
from sqlalchemy import select

from marketplace.core.clock import utcnow
from marketplace.extensions import db
from marketplace.inventory.models import StockLevel
from marketplace.money import services as money


def test_shows_a_live_listing_with_cny_prices(client, live, make):
    warehouse = make.warehouse(code="HZ1")
    listing = live(routes=["direct_mail", "bonded"])
    with client.application.app_context():
        shop_id = db.session.scalar(select(StockLevel.shop_id))
        db.session.add(StockLevel(shop_id=shop_id, location=warehouse.code, sku_id=listing["skus"][0]["id"],
                                  on_hand=7, reserved=2))
        level = db.session.scalar(select(StockLevel).where(StockLevel.sku_id == listing["skus"][0]["id"],
                                                           StockLevel.location == "buyer"))
        level.reserved = 1
        db.session.commit()
    response = client.get(f"/api/v1/catalog/listings/{listing['id']}", headers={"Accept-Language": "en"})
    assert response.status_code == 200
    shown = response.get_json()
    assert [{key: row[key] for key in ("code", "options", "price", "source_price", "available")}
            for row in shown["skus"]] == [
        {"code": "CREAM-50", "options": {"size": "50ml"}, "price": {"amount": "180.00", "currency": "CNY"},
         "source_price": {"amount": "25.00", "currency": "USD"},
         "available": {"direct_mail": 4, "bonded": 5}},
        {"code": "CREAM-100", "options": {"size": "100ml"}, "price": {"amount": "288.00", "currency": "CNY"},
         "source_price": {"amount": "40.00", "currency": "USD"},
         "available": {"direct_mail": 3, "bonded": 0}},
    ]
    assert (shown["brand"], shown["category"], shown["category_name"], shown["routes"]) == (
        "Acme", "test-skincare", "Skincare", ["direct_mail", "bonded"])
    assert (shown["shop"]["name"], len(shown["images"])) == ("Acme Picks", 1)
    assert shown["title"] == {"zh_CN": "保湿面霜", "en": "Moisturising cream", "local": None}


def test_prices_follow_the_rate_in_force(client, live):
    listing = live()
    with client.application.app_context():
        money.set_rate("USD", Decimal("7.1"), now=utcnow())
        db.session.commit()
    shown = client.get(f"/api/v1/catalog/listings/{listing['id']}").get_json()
    assert shown["skus"][0]["price"] == {"amount": "177.50", "currency": "CNY"}


@pytest.mark.parametrize("stage", ["draft", "pending_review", "rejected", "delisted"])
def test_anything_not_live_is_not_found(client, seller_api, ready, decide, stage):
    listing = ready()
    base = f"/api/v1/shop/listings/{listing['id']}"
    if stage != "draft":
        seller_api.post(f"{base}/submit")
    if stage == "rejected":
        decide(listing["id"], "reject", ["other"])
    if stage == "delisted":
        decide(listing["id"])
        seller_api.post(f"{base}/delist")
    response = client.get(f"/api/v1/catalog/listings/{listing['id']}")
    assert (response.status_code, response.get_json()["error"]["code"]) == (404, "not_found")
    assert client.get("/api/v1/catalog/listings/999999").status_code == 404
