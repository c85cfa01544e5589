"""Another shop's listing, picture and SKU ids answer 404 on every route, whatever the body,
and nothing changes."""
import pytest
from sqlalchemy import select

from marketplace.audit.models import AuditEvent
from marketplace.catalog.models import Listing, ListingImage, Sku
from marketplace.extensions import db
from marketplace.inventory.models import StockLevel
from marketplace.moderation.models import ReviewTask
from tests.catalog.conftest import listing_body, picture, upload


@pytest.fixture
def intruder_api(api, make, reference):
    return api(make.buyer(country="US", shop_name="Intruder"))


def snapshot(app):
    with app.app_context():
        return {model.__name__: sorted(repr(sorted((column, str(value)) for column, value in vars(row).items()
                                                   if not column.startswith("_")))
                                       for row in db.session.scalars(select(model)))
                for model in (Listing, Sku, StockLevel, ListingImage, ReviewTask, AuditEvent)}


def calls(listing_id, image_id, sku_id):
    base = f"/api/v1/shop/listings/{listing_id}"
    return [
        ("GET", base, {}),
        ("PATCH", base, {"json": {"brand": "Stolen"}}),
        ("PATCH", base, {"json": {"brand": 7}}),
        ("PATCH", base, {}),
        ("POST", f"{base}/images", {"data": upload(picture())}),
        ("POST", f"{base}/images", {}),
        ("PATCH", f"{base}/images", {"json": {"order": [image_id]}}),
        ("PATCH", f"{base}/images", {}),
        ("DELETE", f"{base}/images/{image_id}", {}),
        ("POST", f"{base}/proof", {"data": upload(picture())}),
        ("POST", f"{base}/submit", {}),
        ("POST", f"{base}/delist", {}),
        ("POST", f"{base}/relist", {}),
        ("PUT", f"/api/v1/shop/skus/{sku_id}/stock", {"json": {"quantity": 0}}),
        ("PUT", f"/api/v1/shop/skus/{sku_id}/stock", {"json": {"quantity": -5}}),
        ("PUT", f"/api/v1/shop/skus/{sku_id}/stock", {}),
    ]


@pytest.mark.parametrize("status", ["draft", "live"])
def test_another_shops_ids_answer_404_and_change_nothing(app, intruder_api, ready, live, seller_api, status):
    listing = ready() if status == "draft" else live()
    before = snapshot(app)
    for method, path, kwargs in calls(listing["id"], listing["images"][0]["id"], listing["skus"][0]["id"]):
        response = intruder_api.open(path, method=method, **kwargs)
        assert response.status_code == 404, (method, path, response.get_json())
        assert response.get_json()["error"]["code"] == "not_found"
    assert snapshot(app) == before
    assert intruder_api.get("/api/v1/shop/listings").get_json()["total"] == 0
    assert seller_api.get(f"/api/v1/shop/listings/{listing['id']}").get_json() == listing


def test_a_picture_of_another_listing_is_not_found_through_ones_own(seller_api, ready, create, count):
    theirs = ready()
    mine = create(skus=[dict(listing_body()["skus"][0], code="MINE-1")])
    image_id = theirs["images"][0]["id"]
    assert seller_api.delete(f"/api/v1/shop/listings/{mine['id']}/images/{image_id}").status_code == 404
    assert seller_api.patch(f"/api/v1/shop/listings/{mine['id']}/images",
                            json={"order": [image_id]}).status_code == 422
    assert count(ListingImage) == 1
