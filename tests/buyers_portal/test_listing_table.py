"""The listings table: status filter, search by title or SKU code, pagination, bulk delisting
behind a confirmation."""
import re

from marketplace.catalog.models import Listing
from marketplace.extensions import db
from tests import catalog_builders
from tests.buyers_portal.conftest import EN


def titles(html: str) -> list[str]:
    return re.findall(r'<td><a href="/portal/listings/\d+/edit">([^<]*)</a>', html)


def add_listings(app, shop_id: int, *rows) -> list[int]:
    with app.app_context():
        made = [catalog_builders.listing(shop_id, title=title, status=status, price=price)
                for title, status, price in rows]
        db.session.commit()
        return [listing.id for listing in made]


def test_filter_by_status_and_search_by_title_or_sku_code(app, portal, seller):
    add_listings(app, seller.shop.id, ("面霜", "live", "10.00"), ("口红", "draft", "12.00"),
                 ("防晒霜", "live", "14.00"))
    assert sorted(titles(portal.get("/portal/listings", headers=EN).get_data(as_text=True))) == [
        "口红", "防晒霜", "面霜"]
    live = portal.get("/portal/listings?status=live").get_data(as_text=True)
    assert sorted(titles(live)) == ["防晒霜", "面霜"]
    assert titles(portal.get("/portal/listings?q=口红").get_data(as_text=True)) == ["口红"]
    by_code = portal.get(f"/portal/listings?q=SKU-防晒霜-14.00-{seller.shop.id}").get_data(as_text=True)
    assert titles(by_code) == ["防晒霜"]
    empty = portal.get("/portal/listings?status=rejected", headers=EN).get_data(as_text=True)
    assert titles(empty) == [] and "No listing matches these filters." in empty


def test_a_bad_filter_is_a_422(portal):
    response = portal.get("/portal/listings?status=sold_out", headers=EN)
    assert response.status_code == 422


def test_pages_of_twenty(app, portal, seller):
    add_listings(app, seller.shop.id, *[(f"商品{number:02d}", "draft", "10.00") for number in range(23)])
    first = portal.get("/portal/listings", headers=EN).get_data(as_text=True)
    assert len(titles(first)) == 20 and "Page 1 of 2" in first
    assert 'href="/portal/listings?page=2" rel="next"' in first
    second = portal.get("/portal/listings?page=2", headers=EN).get_data(as_text=True)
    assert len(titles(second)) == 3 and "23 listings" in second
    filtered = portal.get("/portal/listings?status=draft&q=商品", headers=EN).get_data(as_text=True)
    assert "status=draft" in re.search(r'href="([^"]*)" rel="next"', filtered).group(1)


def test_bulk_delist_asks_first_then_delists_only_live_listings(app, portal, seller):
    live_one, live_two, draft = add_listings(app, seller.shop.id, ("面霜", "live", "10.00"),
                                             ("口红", "live", "12.00"), ("防晒霜", "draft", "14.00"))
    ask = portal.post("/portal/listings/delist", data={"ids": [live_one, live_two, draft]}, headers=EN)
    page = ask.get_data(as_text=True)
    assert ask.status_code == 200
    assert "These 2 listings will be taken off sale." in page and "(not live: left as it is)" in page
    assert 'name="confirm" value="yes"' in page
    with app.app_context():
        assert db.session.get(Listing, live_one).status == "live"  # nothing yet
    done = portal.post("/portal/listings/delist", data={"ids": [live_one, live_two, draft], "confirm": "yes"},
                       headers=EN)
    assert done.status_code == 302
    assert "2 listings were taken off sale." in portal.get(done.location, headers=EN).get_data(as_text=True)
    with app.app_context():
        assert [db.session.get(Listing, listing_id).status for listing_id in (live_one, live_two, draft)] == [
            "delisted", "delisted", "draft"]


def test_bulk_delist_with_nothing_live_is_refused(app, portal, seller):
    (draft,) = add_listings(app, seller.shop.id, ("防晒霜", "draft", "14.00"))
    response = portal.post("/portal/listings/delist", data={"ids": [draft], "confirm": "yes"}, headers=EN)
    assert response.status_code == 422
    assert "None of the selected listings is live" in response.get_data(as_text=True)
    nothing = portal.post("/portal/listings/delist", data={}, headers=EN)
    assert nothing.status_code == 422
    assert "Select the listings to delist first." in nothing.get_data(as_text=True)


def test_bulk_delist_with_another_shops_listing_is_404_and_changes_nothing(app, make, portal, seller):
    (mine,) = add_listings(app, seller.shop.id, ("面霜", "live", "10.00"))
    other = make.buyer(shop_name="Other shop")
    (theirs,) = add_listings(app, other.shop.id, ("口红", "live", "12.00"))
    response = portal.post("/portal/listings/delist", data={"ids": [mine, theirs], "confirm": "yes"})
    assert response.status_code == 404
    with app.app_context():
        statuses = [db.session.get(Listing, listing_id).status for listing_id in (mine, theirs)]
        assert statuses == ["live", "live"]


def test_single_delist_and_relist_from_the_editor(app, portal, live):
    listing_id = live()
    assert portal.post(f"/portal/listings/{listing_id}/delist").status_code == 302
    with app.app_context():
        assert db.session.get(Listing, listing_id).status == "delisted"
    assert portal.post(f"/portal/listings/{listing_id}/relist").status_code == 302
    with app.app_context():
        assert db.session.get(Listing, listing_id).status == "live"
