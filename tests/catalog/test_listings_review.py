"""Submitting for review, the queue's decisions, revisions of live listings, price and stock
changes, delisting."""
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select

from marketplace.catalog.models import Listing, ListingImage, ListingRevision, Sku
from marketplace.core.clock import utcnow
from marketplace.extensions import db
from marketplace.moderation.models import ReviewTask
from tests.catalog.conftest import picture, sku, upload

URL = "/api/v1/shop/listings"


def tasks(app, listing_id):
    with app.app_context():
        return [(task.kind, task.status, task.shop_id) for task in db.session.scalars(
            select(ReviewTask).where(ReviewTask.subject_id == listing_id).order_by(ReviewTask.id))]


def test_submit_needs_pictures_and_proof(seller_api, create, count):
    listing = create()
    response = seller_api.post(f"{URL}/{listing['id']}/submit", headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {
        "images": ["Add at least one picture."],
        "proof": ["Upload the authenticity proof (a photo of the receipt)."]}
    assert seller_api.get(f"{URL}/{listing['id']}").get_json()["status"] == "draft"
    assert count(ReviewTask) == 0


def test_submit_puts_the_listing_in_the_queue(app, seller, seller_api, ready):
    listing = ready()
    response = seller_api.post(f"{URL}/{listing['id']}/submit")
    assert response.status_code == 200
    assert response.get_json()["status"] == "pending_review"
    assert tasks(app, listing["id"]) == [("listing", "open", seller.shop.id)]
    assert seller_api.post(f"{URL}/{listing['id']}/submit").status_code == 409
    locked = seller_api.patch(f"{URL}/{listing['id']}", json={"brand": "Other"})
    assert locked.status_code == 409
    assert seller_api.get(f"{URL}/{listing['id']}").get_json()["brand"] == "Acme"


def test_approval_puts_it_live(seller_api, ready, decide):
    listing = ready()
    seller_api.post(f"{URL}/{listing['id']}/submit")
    decide(listing["id"], "approve")
    assert seller_api.get(f"{URL}/{listing['id']}").get_json()["status"] == "live"


def test_rejection_shows_the_reasons_and_allows_resubmission(app, seller_api, ready, decide):
    listing = ready()
    seller_api.post(f"{URL}/{listing['id']}/submit")
    decide(listing["id"], "request_changes", ["poor_images"], "Show the label, please.")
    shown = seller_api.get(f"{URL}/{listing['id']}").get_json()
    assert (shown["status"], shown["reasons"], shown["note"]) == ("changes_requested", ["poor_images"],
                                                                  "Show the label, please.")
    assert seller_api.patch(f"{URL}/{listing['id']}", json={"brand": "Acme Labs"}).status_code == 200
    assert seller_api.post(f"{URL}/{listing['id']}/submit").get_json()["status"] == "pending_review"
    assert [status for _, status, _ in tasks(app, listing["id"])] == ["decided", "open"]


def test_a_content_edit_of_a_live_listing_waits_for_review(app, seller_api, live, decide):
    listing = live()
    edit = {"title": {"zh_CN": "新款保湿面霜", "en": "New cream"}, "brand": "Acme Labs"}
    response = seller_api.patch(f"{URL}/{listing['id']}", json=edit)
    assert response.status_code == 200
    shown = response.get_json()
    assert (shown["status"], shown["pending_revision"], shown["brand"]) == ("live", True, "Acme")
    assert shown["title"]["zh_CN"] == "保湿面霜"
    assert shown["revision"]["content"] == {
        "title": {"zh_CN": "新款保湿面霜", "en": "New cream", "local": None}, "brand": "Acme Labs"}
    assert [status for _, status, _ in tasks(app, listing["id"])] == ["decided", "open"]
    decide(listing["id"], "approve")
    after = seller_api.get(f"{URL}/{listing['id']}").get_json()
    assert (after["status"], after["pending_revision"], after["brand"], after["title"]["zh_CN"]) == (
        "live", False, "Acme Labs", "新款保湿面霜")


def test_a_rejected_revision_is_discarded_with_its_reasons(seller_api, live, decide, count):
    listing = live()
    seller_api.patch(f"{URL}/{listing['id']}", json={"brand": "Replica Co"})
    seller_api.post(f"{URL}/{listing['id']}/images", data=upload(picture(size=(60, 40))))
    decide(listing["id"], "reject", ["counterfeit_risk"], None)
    after = seller_api.get(f"{URL}/{listing['id']}").get_json()
    assert (after["status"], after["pending_revision"], after["brand"]) == ("live", False, "Acme")
    assert (after["reasons"], len(after["images"])) == (["counterfeit_risk"], 1)
    assert count(ListingImage) == 1


def test_a_picture_added_to_a_live_listing_is_hidden_until_approved(client, seller_api, live, decide):
    listing = live()
    added = seller_api.post(f"{URL}/{listing['id']}/images", data=upload(picture(size=(60, 40)))).get_json()
    assert added["pending"] is True
    public = f"/api/v1/catalog/listings/{listing['id']}"
    assert [image["id"] for image in client.get(public).get_json()["images"]] == [listing["images"][0]["id"]]
    decide(listing["id"], "approve")
    assert len(client.get(public).get_json()["images"]) == 2


def test_a_new_sku_on_a_live_listing_waits_for_review(seller_api, live, decide):
    listing = live()
    skus = [sku(), sku("CREAM-100", {"size": "100ml"}, "40.00", stock=3), sku("CREAM-10", {"size": "10ml"})]
    shown = seller_api.patch(f"{URL}/{listing['id']}", json={"skus": skus}).get_json()
    assert [row["code"] for row in shown["skus"]] == ["CREAM-50", "CREAM-100"]
    assert shown["pending_revision"] is True
    decide(listing["id"], "approve")
    after = seller_api.get(f"{URL}/{listing['id']}").get_json()
    assert [(row["code"], row["stock"]) for row in after["skus"]] == [("CREAM-50", 5), ("CREAM-100", 3),
                                                                       ("CREAM-10", 5)]


def prices(app, listing_id):
    with app.app_context():
        rows = db.session.scalars(select(Sku).where(Sku.listing_id == listing_id))
        return {row.code: row.price for row in rows}


def test_a_small_price_change_applies_at_once_a_large_one_waits(app, seller_api, live, decide):
    listing = live()
    skus = [sku(amount="30.00"), sku("CREAM-100", {"size": "100ml"}, "64.00", stock=3)]  # +20%, +60%
    shown = seller_api.patch(f"{URL}/{listing['id']}", json={"skus": skus}).get_json()
    assert prices(app, listing["id"]) == {"CREAM-50": Decimal("30.00"), "CREAM-100": Decimal("40.00")}
    assert (shown["pending_revision"], shown["revision"]["prices"]) == (True, {"CREAM-100": "64.00"})
    decide(listing["id"], "approve")
    assert prices(app, listing["id"]) == {"CREAM-50": Decimal("30.00"), "CREAM-100": Decimal("64.00")}


def test_steps_that_add_up_to_a_jump_within_a_day_wait(app, seller_api, live):
    listing = live()
    for amount in ("35.00", "45.00"):  # +40% on the day's 25.00, then +80%
        seller_api.patch(f"{URL}/{listing['id']}", json={"skus": [
            sku(amount=amount), sku("CREAM-100", {"size": "100ml"}, "40.00", stock=3)]})
    assert prices(app, listing["id"])["CREAM-50"] == Decimal("35.00")
    shown = seller_api.get(f"{URL}/{listing['id']}").get_json()
    assert shown["revision"]["prices"] == {"CREAM-50": "45.00"}


def test_a_price_cut_by_more_than_half_waits(app, seller_api, live):
    listing = live()
    seller_api.patch(f"{URL}/{listing['id']}", json={"skus": [
        sku(amount="10.00"), sku("CREAM-100", {"size": "100ml"}, "40.00", stock=3)]})
    assert prices(app, listing["id"])["CREAM-50"] == Decimal("25.00")


def test_the_day_is_a_sliding_window(app, seller_api, live):
    from marketplace.catalog.content import is_price_jump

    listing = live()
    with app.app_context():
        cream = db.session.scalar(select(Sku).where(Sku.code == "CREAM-50"))
        assert is_price_jump(cream, Decimal("40.00"), utcnow()) is True
        cream.price = Decimal("30.00")
        assert is_price_jump(cream, Decimal("40.00"), utcnow() + timedelta(hours=25)) is False
        assert is_price_jump(cream, Decimal("40.00"), utcnow()) is True
        db.session.rollback()
    assert listing["status"] == "live"


def test_stock_is_set_at_once(seller_api, live):
    listing = live()
    sku_id = listing["skus"][0]["id"]
    response = seller_api.put(f"/api/v1/shop/skus/{sku_id}/stock", json={"quantity": 42})
    assert response.status_code == 200
    assert response.get_json() == {"sku_id": sku_id, "quantity": 42, "available": 42}
    shown = seller_api.get(f"{URL}/{listing['id']}").get_json()
    assert (shown["skus"][0]["stock"], shown["pending_revision"]) == (42, False)


def test_bad_stock_is_refused(seller_api, live):
    listing = live()
    sku_id = listing["skus"][0]["id"]
    bodies = ({"quantity": -1}, {"quantity": 1_000_001}, {"quantity": "many"}, {}, {"quantity": 3, "x": 1})
    for body in bodies:
        assert seller_api.put(f"/api/v1/shop/skus/{sku_id}/stock", json=body).status_code == 422, body
    assert seller_api.get(f"{URL}/{listing['id']}").get_json()["skus"][0]["stock"] == 5


def test_stock_cannot_go_below_reserved_units(app, seller_api, live):
    from marketplace.inventory.models import StockLevel

    listing = live()
    sku_id = listing["skus"][0]["id"]
    with app.app_context():
        level = db.session.scalar(select(StockLevel).where(StockLevel.sku_id == sku_id))
        level.reserved = 4
        db.session.commit()
    response = seller_api.put(f"/api/v1/shop/skus/{sku_id}/stock", json={"quantity": 3})
    assert (response.status_code, response.get_json()["error"]["code"]) == (422, "stock_reserved")
    assert seller_api.get(f"{URL}/{listing['id']}").get_json()["skus"][0]["stock"] == 5


def test_delist_and_relist(client, seller_api, live, create):
    listing = live()
    public = f"/api/v1/catalog/listings/{listing['id']}"
    assert seller_api.post(f"{URL}/{listing['id']}/delist").get_json()["status"] == "delisted"
    assert client.get(public).status_code == 404
    assert seller_api.post(f"{URL}/{listing['id']}/delist").status_code == 409
    assert seller_api.post(f"{URL}/{listing['id']}/relist").get_json()["status"] == "live"
    assert client.get(public).status_code == 200
    draft = create(skus=[sku("OTHER-1", {})])
    assert seller_api.post(f"{URL}/{draft['id']}/delist").status_code == 409


def test_transitions_are_audited(app, seller_api, live):
    from marketplace.audit import services as audit

    listing = live()
    with app.app_context():
        actions = [event.action for event in audit.events_for("listing", listing["id"])]
    assert actions[0] == "listing.created"
    assert actions[-2:] == ["listing.pending_review", "listing.live"]
    assert "listing.proof_attached" in actions and "listing.image_added" in actions


def test_revisions_keep_one_pending_row(app, seller_api, live):
    listing = live()
    seller_api.patch(f"{URL}/{listing['id']}", json={"brand": "One"})
    seller_api.patch(f"{URL}/{listing['id']}", json={"origin_country": "JP"})
    with app.app_context():
        rows = list(db.session.scalars(select(ListingRevision)))
        assert [(row.status, row.content) for row in rows] == [("pending", {"brand": "One",
                                                                             "origin_country": "JP"})]
        assert db.session.get(Listing, listing["id"]).brand == "Acme"
    assert [status for _, status, _ in tasks(app, listing["id"])] == ["decided", "open"]
