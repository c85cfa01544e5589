"""POST/GET/PATCH /api/v1/shop/listings: drafts with their SKU matrix, and bad values that write
nothing."""
import pytest

from marketplace.audit.models import AuditEvent
from marketplace.catalog.models import Listing, Sku, SkuPrice
from marketplace.inventory.models import StockLevel
from tests.catalog.conftest import listing_body, sku

URL = "/api/v1/shop/listings"


def test_creates_a_draft_with_two_skus(seller_api, count):
    response = seller_api.post(URL, json=listing_body())
    assert response.status_code == 201
    listing = response.get_json()
    ignored = ("id", "skus", "created_at", "updated_at")
    assert {key: listing[key] for key in listing if key not in ignored} == {
        "status": "draft", "pending_revision": False, "category": "test-skincare", "brand": "Acme",
        "title": {"zh_CN": "保湿面霜", "en": "Moisturising cream", "local": None},
        "description": {"zh_CN": "滋润不油腻", "en": "Rich, not greasy", "local": None},
        "origin_country": "US", "tax_category": "test_cosmetics", "routes": ["direct_mail"], "images": [],
        "proof": False, "reasons": [], "note": None, "revision": None,
    }
    assert [{key: row[key] for key in row if key != "id"} for row in listing["skus"]] == [
        {"code": "CREAM-50", "options": {"size": "50ml"}, "price": {"amount": "25.00", "currency": "USD"},
         "weight_g": 200, "stock": 5},
        {"code": "CREAM-100", "options": {"size": "100ml"}, "price": {"amount": "40.00", "currency": "USD"},
         "weight_g": 200, "stock": 3},
    ]
    assert (count(Listing), count(Sku), count(StockLevel), count(SkuPrice)) == (1, 2, 2, 2)


def test_reads_lists_and_searches_the_shops_listings(seller_api, create):
    cream = create()
    create(title={"zh_CN": "防晒霜", "en": "Sunscreen"}, skus=[sku("SUN-1", {})])
    assert seller_api.get(f"{URL}/{cream['id']}").get_json() == cream
    everything = seller_api.get(URL).get_json()
    assert (everything["total"], everything["page"], everything["per_page"]) == (2, 1, 20)
    found = seller_api.get(f"{URL}?q=防晒").get_json()["items"]
    assert [item["title"]["zh_CN"] for item in found] == ["防晒霜"]
    assert [item["id"] for item in seller_api.get(f"{URL}?q=cream-100").get_json()["items"]] == [cream["id"]]
    assert seller_api.get(f"{URL}?status=live").get_json()["total"] == 0
    assert seller_api.get(f"{URL}?status=sold").status_code == 422


def test_patch_of_a_draft_changes_it_in_place(seller_api, create):
    listing = create()
    response = seller_api.patch(f"{URL}/{listing['id']}", json={
        "brand": "Acme Labs",
        "skus": [sku("CREAM-50", amount="99.00", stock=1), sku("CREAM-30", {"size": "30ml"})]})
    assert response.status_code == 200
    changed = response.get_json()
    assert changed["brand"] == "Acme Labs" and changed["status"] == "draft"
    assert [(row["code"], row["price"]["amount"], row["stock"]) for row in changed["skus"]] == [
        ("CREAM-50", "99.00", 1), ("CREAM-30", "25.00", 5)]


BAD_VALUES = [
    ({"skus": [sku(amount="-1.00")]}, "skus.0.price.amount"),
    ({"skus": [sku(amount="0")]}, "skus.0.price.amount"),
    ({"skus": [sku(amount="1.005")]}, "skus.0.price.amount"),
    ({"skus": [sku(currency="XYZ")]}, "skus.0.price.currency"),
    ({"skus": [sku(currency="EUR")]}, "skus.0.price.currency"),
    ({"skus": [sku(amount=12.5)]}, "skus.0.price.amount"),
    ({"skus": [sku(weight_g=0)]}, "skus.0.weight_g"),
    ({"skus": [sku(weight_g=100_001)]}, "skus.0.weight_g"),
    ({"skus": [sku(stock=-1)]}, "skus.0.stock"),
    ({"skus": [sku(stock=1_000_001)]}, "skus.0.stock"),
    ({"skus": []}, "skus"),
    ({"skus": [sku(), sku()]}, "skus.1.code"),
    ({"skus": [sku(), sku("OTHER")]}, "skus.1.options"),
    ({"skus": [sku(), sku("OTHER", {"colour": "red"})]}, "skus.1.options"),
    ({"category": "no-such-category"}, "category"),
    ({"tax_category": "no_such_tax"}, "tax_category"),
    ({"origin_country": "XX"}, "origin_country"),
    ({"origin_country": "USA"}, "origin_country"),
    ({"routes": []}, "routes"),
    ({"routes": ["teleport"]}, "routes.0"),
    ({"title": {"zh_CN": "x" * 100_000}}, "title.zh_CN"),
    ({"title": {"zh_CN": "   ", "en": "Cream"}}, "title.zh_CN"),
    ({"title": {"en": "Cream"}}, "title.zh_CN"),
    ({"brand": ""}, "brand"),
    ({"description": {"zh_CN": "x" * 10_001}}, "description.zh_CN"),
    ({"colour": "red"}, "colour"),
]


@pytest.mark.parametrize(("overrides", "field"), BAD_VALUES)
def test_bad_values_are_refused_and_nothing_is_written(seller_api, count, overrides, field):
    response = seller_api.post(URL, json=listing_body(**overrides))
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert field in error["fields"], error
    assert all(message for messages in error["fields"].values() for message in messages)
    assert (count(Listing), count(Sku), count(StockLevel), count(AuditEvent)) == (0, 0, 0, 0)


def test_messages_follow_the_request_language(seller_api):
    body = listing_body(title={"zh_CN": "x" * 100_000})
    chinese = seller_api.post(URL, json=body, headers={"Accept-Language": "zh-CN"}).get_json()["error"]
    english = seller_api.post(URL, json=body, headers={"Accept-Language": "en"}).get_json()["error"]
    assert chinese["fields"]["title.zh_CN"] == ["长度须为 1 到 200 个字符。"]
    assert english["fields"]["title.zh_CN"] == ["Must be between 1 and 200 characters."]


def test_a_sku_code_of_another_listing_is_refused(seller_api, create, count):
    create()
    response = seller_api.post(URL, json=listing_body(skus=[sku("CREAM-50")]))
    assert response.status_code == 422
    assert list(response.get_json()["error"]["fields"]) == ["skus.0.code"]
    assert (count(Listing), count(Sku)) == (1, 2)


@pytest.mark.parametrize(("overrides", "field"), BAD_VALUES[:20])
def test_a_bad_patch_leaves_the_draft_unchanged(seller_api, create, overrides, field):
    listing = create()
    response = seller_api.patch(f"{URL}/{listing['id']}", json=overrides)
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]
    assert seller_api.get(f"{URL}/{listing['id']}").get_json() == listing


def test_a_malformed_body_is_a_400(seller_api, create, count):
    listing = create()
    assert seller_api.patch(f"{URL}/{listing['id']}", data="nope",
                            content_type="application/json").status_code == 400
    assert seller_api.post(URL, data="[]", content_type="application/json").status_code == 400
    assert count(Listing) == 1


def test_only_buyers_with_a_shop_may_call(api, make, reference):
    assert api().post(URL, json=listing_body()).status_code == 401
    assert api(make.shopper()).post(URL, json=listing_body()).status_code == 403
