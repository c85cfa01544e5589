"""The listing editor: a form post makes a draft through the API's schema and the listing
service; every bad field is refused with its message next to it and nothing written."""
import pytest
from sqlalchemy import select

from marketplace.audit.models import AuditEvent
from marketplace.catalog.models import Listing, ListingRevision
from marketplace.extensions import db
from tests.buyers_portal.conftest import EN, editor_form, errors, files, row, value_of
from tests.catalog.conftest import picture


def test_the_form_creates_a_draft_with_two_skus(app, portal, seller):
    response = portal.post("/portal/listings/new", data=editor_form(), headers=EN)
    assert response.status_code == 302 and response.location.endswith("/edit")
    with app.app_context():
        listing = db.session.scalar(select(Listing))
        assert (listing.status, listing.shop_id, listing.title_zh, listing.title_en, listing.title_local) == (
            "draft", seller.shop.id, "保湿面霜", "Moisturising cream", None)
        assert (listing.category.slug, listing.tax_category.code, listing.routes) == (
            "test-skincare", "test_cosmetics", ["direct_mail"])
        skus = [(sku.code, sku.options, str(sku.price), sku.currency, sku.weight_g,
                 sku.stock_levels[0].on_hand) for sku in listing.skus]
        assert skus == [("CREAM-50", {"size": "50ml"}, "25.0000", "USD", 200, 5),
                        ("CREAM-100", {"size": "100ml"}, "40.0000", "USD", 300, 3)]
    page = portal.get(response.location, headers=EN).get_data(as_text=True)
    assert "The listing was saved as a draft." in page
    second_row = [value_of(page, f"skus-1-{name}") for name in ("code", "options", "price", "weight_g",
                                                                "stock")]
    assert second_row == ["CREAM-100", "size=100ml", "40.00", "300", "3"]
    assert value_of(page, "skus-2-code") == ""  # one empty row for one more SKU


def test_pictures_then_proof_then_submit_sends_it_for_review(app, portal, draft):
    listing_id = draft()
    base = f"/portal/listings/{listing_id}"
    three = files(picture(), picture("PNG", colour=(10, 200, 10)), picture("WEBP", colour=(0, 0, 200)))
    assert portal.post(f"{base}/images", data=three, headers=EN).status_code == 302
    assert portal.post(f"{base}/proof", data=files(picture(), name="proof")).status_code == 302
    response = portal.post(f"{base}/submit", headers=EN)
    assert response.status_code == 302
    page = portal.get(response.location, headers=EN).get_data(as_text=True)
    assert '<span class="badge status-pending_review">Pending review</span>' in page
    assert "The listing was sent for review." in page
    with app.app_context():
        listing = db.session.get(Listing, listing_id)
        assert listing.status == "pending_review"
        assert [image.position for image in listing.images] == [0, 1, 2]
        assert listing.proof_key.startswith(f"private/listings/{listing_id}/")


def test_generate_makes_one_row_per_combination_and_saves_nothing(portal, listing_count):
    data = editor_form(**{"axes-0-name": "colour", "axes-0-values": "red, blue",
                          "axes-1-name": "size", "axes-1-values": "S，M", "generate": "1"})
    response = portal.post("/portal/listings/new", data=data, headers=EN)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    for index, options in enumerate(["colour=red; size=S", "colour=red; size=M", "colour=blue; size=S",
                                     "colour=blue; size=M"]):
        assert value_of(page, f"skus-{index}-options") == options
    assert value_of(page, "skus-4-options") is None
    assert value_of(page, "skus-2-weight_g") == "200"  # the first row's weight carries over
    assert value_of(page, "skus-0-code") == ""  # a combination that was not there before
    assert listing_count() == 0


def test_add_row_adds_an_empty_row(portal, listing_count):
    response = portal.post("/portal/listings/new", data=editor_form(add_row="1"), headers=EN)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert value_of(page, "skus-2-code") == ""
    assert value_of(page, "skus-1-code") == "CREAM-100"
    assert listing_count() == 0


def test_empty_rows_are_ignored(app, portal):
    data = editor_form(**row(2, "", "", "", "", ""))
    assert portal.post("/portal/listings/new", data=data).status_code == 302
    with app.app_context():
        assert len(db.session.scalar(select(Listing)).skus) == 2


BAD_FIELDS = [
    ({"skus-1-price": "-5"}, "skus-1-price", "Must be at least 0."),
    ({"skus-0-price": "0"}, "skus-0-price", "The price must be greater than zero."),
    ({"skus-0-weight_g": "heavy"}, "skus-0-weight_g", "Give a whole number here."),
    ({"skus-1-stock": "-1"}, "skus-1-stock", "Must be between 0 and 1000000."),
    ({"skus-1-code": "CREAM-50"}, "skus-1-code", "Two SKUs have the same code."),
    ({"skus-1-options": "big"}, "skus-1-options",
     "Write the options as name=value pairs separated by semicolons, such as colour=red; size=M."),
    ({"category": "no-such-category"}, "category", "There is no category with this slug."),
    ({"tax_category": "no_such_tax"}, "tax_category", "There is no tax category with this code."),
    ({"title_zh": "长" * 100_000}, "title_zh", "Must be between 1 and 200 characters."),
    ({"title_zh": "   "}, "title_zh", "Must be between 1 and 200 characters."),
    ({"origin_country": "XX"}, "origin_country", "Give a two-letter country code, such as US or JP."),
    ({"routes": []}, "routes", "Choose at least one route."),
    ({"routes": ["teleport"]}, "routes", "Choose from: direct_mail, bonded."),
    ({"brand": ""}, "brand", "Must be between 1 and 80 characters."),
]


@pytest.mark.parametrize(("changes", "field_id", "message"), BAD_FIELDS,
                         ids=[field_id + ":" + message[:20] for _, field_id, message in BAD_FIELDS])
def test_a_bad_field_is_refused_next_to_it_and_nothing_is_created(portal, listing_count, changes, field_id,
                                                                     message):
    response = portal.post("/portal/listings/new", data=editor_form(**changes), headers=EN)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'<p class="error" id="{field_id}-error">{message}</p>' in page
    assert f'aria-describedby="{field_id}-error' in page  # the error first, then any hint
    assert listing_count() == 0


def test_no_sku_row_is_refused_next_to_the_matrix(portal, listing_count):
    data = {key: value for key, value in editor_form().items() if not key.startswith("skus-")}
    response = portal.post("/portal/listings/new", data=data, headers=EN)
    assert response.status_code == 422
    assert '<p class="error" role="alert" id="matrix-error">Between 1 and 100 SKUs.</p>' in response.get_data(
        as_text=True)
    assert listing_count() == 0


def test_a_refused_edit_of_a_draft_changes_nothing(app, portal, draft, snapshot):
    listing_id = draft()
    before = snapshot(listing_id)
    with app.app_context():
        events = len(db.session.scalars(select(AuditEvent)).all())
    response = portal.post(f"/portal/listings/{listing_id}/edit", headers=EN,
                           data=editor_form(brand="Other", **{"skus-0-price": "-1"}))
    assert response.status_code == 422
    assert errors(response.get_data(as_text=True)) == ["Must be at least 0."]
    assert snapshot(listing_id) == before
    with app.app_context():
        assert len(db.session.scalars(select(AuditEvent)).all()) == events


def test_a_draft_edit_saves_in_place(app, portal, draft):
    listing_id = draft()
    response = portal.post(f"/portal/listings/{listing_id}/edit", headers=EN,
                           data=editor_form(brand="Acme Labs", **{"skus-1-price": "42.50"}))
    assert response.status_code == 302
    with app.app_context():
        listing = db.session.get(Listing, listing_id)
        assert (listing.brand, str(listing.skus[1].price)) == ("Acme Labs", "42.5000")


def test_editing_a_live_listing_holds_a_revision_and_keeps_the_live_content(app, portal, live):
    listing_id = live()
    response = portal.post(f"/portal/listings/{listing_id}/edit", headers=EN,
                           data=editor_form(title_zh="新标题",
                                            **{"skus-0-price": "90.00", "skus-0-stock": "9"}))
    assert response.status_code == 302
    page = portal.get(response.location, headers=EN).get_data(as_text=True)
    assert "Your changes were saved and wait for review" in page
    assert '<div class="flash flash-warning pending-revision" role="status" id="pending-revision">' in page
    assert "The new price of CREAM-50, $90.00, moved by more than half within a day" in page
    assert value_of(page, "title_zh") == "新标题"  # the form shows the pending changes
    with app.app_context():
        listing = db.session.get(Listing, listing_id)
        live_content = (listing.status, listing.title_zh, str(listing.skus[0].price))
        assert live_content == ("live", "保湿面霜", "25.0000")
        assert listing.skus[0].stock_levels[0].on_hand == 9  # stock applies at once
        revision = db.session.scalar(select(ListingRevision).where(ListingRevision.listing_id == listing_id))
        assert (revision.status, revision.content["title"]["zh_CN"], revision.prices) == (
            "pending", "新标题", {"CREAM-50": "90.00"})


def test_a_new_sku_on_a_live_listing_waits_for_review_and_the_form_keeps_it(app, portal, live):
    listing_id = live()
    data = editor_form(**{"axes-0-values": "50ml, 100ml, 200ml"},
                       **row(2, "CREAM-200", "size=200ml", "70.00"))
    assert portal.post(f"/portal/listings/{listing_id}/edit", data=data).status_code == 302
    page = portal.get(f"/portal/listings/{listing_id}/edit", headers=EN).get_data(as_text=True)
    assert [value_of(page, f"skus-{index}-code") for index in range(4)] == [
        "CREAM-50", "CREAM-100", "CREAM-200", ""]
    assert value_of(page, "skus-2-price") == "70.00"
    with app.app_context():
        assert [sku.code for sku in db.session.get(Listing, listing_id).skus] == ["CREAM-50", "CREAM-100"]


def test_the_reviewers_reasons_and_note_are_shown_when_changes_are_requested(portal, ready, decide):
    listing_id = ready()
    portal.post(f"/portal/listings/{listing_id}/submit")
    decide(listing_id, "request_changes", reasons=["poor_images", "insufficient_proof"],
           note="Please photograph the seal.")
    page = portal.get(f"/portal/listings/{listing_id}/edit", headers=EN).get_data(as_text=True)
    assert '<span class="badge status-changes_requested">Changes requested</span>' in page
    assert '<ul class="reasons"><li>Poor images</li><li>Insufficient proof</li></ul>' in page
    assert '<p class="note">Please photograph the seal.</p>' in page
    assert f'action="/portal/listings/{listing_id}/submit"' in page


def test_a_pending_listing_cannot_be_edited(app, portal, ready, snapshot):
    listing_id = ready()
    portal.post(f"/portal/listings/{listing_id}/submit")
    page = portal.get(f"/portal/listings/{listing_id}/edit", headers=EN).get_data(as_text=True)
    assert 'id="listing-form"' not in page and "This listing is waiting for review." in page
    before = snapshot(listing_id)
    response = portal.post(f"/portal/listings/{listing_id}/edit", data=editor_form(brand="X"), headers=EN)
    assert response.status_code == 409
    assert snapshot(listing_id) == before
