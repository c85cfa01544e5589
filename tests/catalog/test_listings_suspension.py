"""An admin suspends any shop's listing and reinstates it; nobody else can."""
import pytest

from marketplace.audit.services import events_for
from marketplace.extensions import db
from marketplace.search.models import SearchDocument
from tests.catalog.conftest import sku


def search_ids(client, text="面霜"):
    return [item["id"] for item in client.get(f"/api/v1/catalog/search?q={text}").get_json()["items"]]


def test_suspend_takes_it_off_sale_and_reinstate_puts_it_back(app, api, make, live, seller_api, client):
    listing = live()
    admin = api(make.admin())
    assert listing["id"] in search_ids(client, listing["title"]["zh_CN"])
    response = admin.post(f"/api/v1/admin/listings/{listing['id']}/suspend", json={"note": "Fake receipt"})
    assert response.status_code == 200
    assert response.get_json() == {"id": listing["id"], "status": "suspended"}
    assert seller_api.get(f"/api/v1/shop/listings/{listing['id']}").get_json()["status"] == "suspended"
    assert client.get(f"/api/v1/catalog/listings/{listing['id']}").status_code == 404
    with app.app_context():
        assert db.session.get(SearchDocument, listing["id"]) is None
        [event] = [e for e in events_for("listing", listing["id"]) if e.action == "listing.suspended"]
        assert event.note == "Fake receipt"
    response = admin.post(f"/api/v1/admin/listings/{listing['id']}/reinstate", json={})
    assert response.get_json() == {"id": listing["id"], "status": "live"}
    assert client.get(f"/api/v1/catalog/listings/{listing['id']}").status_code == 200


@pytest.mark.parametrize("role", ["reviewer", "buyer", None])
def test_only_admins_may_suspend(api, make, live, seller_api, role):
    listing = live()
    caller = {"reviewer": make.reviewer, "buyer": make.buyer, None: make.user}[role]()
    response = api(caller).post(f"/api/v1/admin/listings/{listing['id']}/suspend", json={})
    assert response.status_code == 403
    assert seller_api.get(f"/api/v1/shop/listings/{listing['id']}").get_json()["status"] == "live"


def test_bad_requests_change_nothing(api, make, live, ready, seller_api):
    admin = api(make.admin())
    draft = ready(skus=[sku(code="DRAFT-1")])
    response = admin.post(f"/api/v1/admin/listings/{draft['id']}/suspend", json={})
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "invalid_transition"
    assert admin.post("/api/v1/admin/listings/999999/suspend", json={}).status_code == 404
    listing = live()
    response = admin.post(f"/api/v1/admin/listings/{listing['id']}/suspend", json={"note": "x" * 3000})
    assert response.status_code == 422 and "note" in response.get_json()["error"]["fields"]
    assert admin.post(f"/api/v1/admin/listings/{listing['id']}/reinstate", json={}).status_code == 409
    assert seller_api.get(f"/api/v1/shop/listings/{listing['id']}").get_json()["status"] == "live"
