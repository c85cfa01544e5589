"""Every listing page of the portal renders for a buyer in Chinese and English, with the portal's
navigation; the dashboard's sections; who may open the pages; and another shop's ids."""
import re

import pytest

from marketplace.catalog.models import Listing
from marketplace.extensions import db
from tests.buyers_portal.conftest import EN, ZH, editor_form, files
from tests.catalog.conftest import picture

LISTING_ROUTES = ("/portal/", "/portal/listings", "/portal/listings/new")


def listing_pages(draft_id: int) -> list[str]:
    return [*LISTING_ROUTES, f"/portal/listings/{draft_id}/edit"]


def test_every_page_renders_in_english_and_chinese(portal, draft):
    for path in listing_pages(draft()):
        english = portal.get(path, headers=EN)
        chinese = portal.get(path, headers=ZH)
        assert (english.status_code, chinese.status_code) == (200, 200), path
        assert '<html lang="en">' in english.get_data(as_text=True)
        page = chinese.get_data(as_text=True)
        assert '<html lang="zh-CN">' in page and "买手中心" in page, path


def test_status_badges_are_translated(portal, draft):
    listing_id = draft()
    english = portal.get(f"/portal/listings/{listing_id}/edit", headers=EN).get_data(as_text=True)
    chinese = portal.get(f"/portal/listings/{listing_id}/edit", headers=ZH).get_data(as_text=True)
    assert '<span class="badge status-draft">Draft</span>' in english
    assert '<span class="badge status-draft">草稿</span>' in chinese
    assert "保存为草稿" in chinese and "提交审核" in chinese


def test_the_portal_navigation_links_every_area(portal):
    page = portal.get("/portal/listings", headers=EN).get_data(as_text=True)
    nav = page[page.index('<nav class="subnav"'):page.index("</nav>", page.index('<nav class="subnav"'))]
    assert re.findall(r'href="([^"]+)"', nav) == [
        "/portal/", "/portal/listings", "/portal/listings/new", "/portal/listings/import", "/portal/inbounds",
        "/portal/settings"]
    assert '<a href="/portal/listings" aria-current="page">Listings</a>' in nav


def test_the_dashboard_counts_listings_and_says_there_are_no_orders(portal, draft):
    draft()
    page = portal.get("/portal/", headers=EN).get_data(as_text=True)
    assert ('<a href="/portal/listings?status=draft"><span class="badge status-draft">Draft</span></a></td>'
            '<td>1</td>') in page
    assert "No orders need your action. Orders will show here once shoppers buy from your shop." in page
    assert "No decisions yet." in page


def test_the_dashboard_shows_recent_reviewer_decisions(portal, ready, decide):
    listing_id = ready()
    portal.post(f"/portal/listings/{listing_id}/submit")
    decide(listing_id, "reject", reasons=["counterfeit_risk"], note="The box looks wrong.")
    page = portal.get("/portal/", headers=EN).get_data(as_text=True)
    decision = page[page.index('<li class="decision decision-reject">'):]
    assert f'<a href="/portal/listings/{listing_id}/edit">保湿面霜</a>' in decision
    assert '<span class="badge decision-badge">Rejected</span>' in decision
    assert "Reasons: Counterfeit risk" in decision and "The box looks wrong." in decision


def test_a_new_listing_starts_from_the_shops_country_and_direct_mail(portal):
    page = portal.get("/portal/listings/new", headers=EN).get_data(as_text=True)
    assert '<option selected value="US">United States</option>' in page
    assert 'checked id="routes-0" name="routes" type="checkbox" value="direct_mail"' in page
    assert "Save the draft first" in page


def test_a_japanese_shop_gets_a_japanese_tab(make, reference):
    client = make.signed_in(make.buyer(country="JP", shop_name="Tokyo"))
    page = client.get("/portal/listings/new", headers=EN).get_data(as_text=True)
    assert 'data-tab-label="Japanese"' in page and '<label for="title_local">Title (Japanese)</label>' in page


def test_anonymous_visitors_are_sent_to_sign_in(app, portal, draft):
    listing_id = draft()
    anonymous = app.test_client()
    for path in listing_pages(listing_id):
        response = anonymous.get(path)
        assert response.status_code == 302 and response.location.startswith("/sign-in"), path
    response = anonymous.post(f"/portal/listings/{listing_id}/submit")
    assert response.status_code == 302 and response.location.startswith("/sign-in")


def test_a_shopper_without_a_shop_is_refused(make, portal, draft):
    listing_id = draft()
    shopper = make.signed_in(make.shopper())
    for path in listing_pages(listing_id):
        assert shopper.get(path).status_code == 403, path
    assert shopper.post(f"/portal/listings/{listing_id}/edit", data=editor_form()).status_code == 403


def bodies(image_id: int) -> dict:
    """A body each portal route would accept from the listing's owner."""
    return {"edit": editor_form(brand="Intruder"), "upload_images": files(picture()),
            "upload_proof": files(picture(), name="proof"), "move_image": {"move": "first"}}


@pytest.fixture
def victim(app, ready, portal, snapshot):
    listing_id = ready(pictures=2)
    with app.app_context():
        image_id = db.session.get(Listing, listing_id).images[1].id
    return listing_id, image_id


def test_another_shops_listing_is_404_on_every_portal_route_and_nothing_changes(app, make, victim, snapshot):
    listing_id, image_id = victim
    before = snapshot(listing_id)
    intruder = make.signed_in(make.buyer(shop_name="Intruder"))
    swept = 0
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("buyers.") or "listing_id" not in rule.arguments:
            continue
        path = rule.build({"listing_id": listing_id, "image_id": image_id})[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            name = rule.endpoint.split(".")[1].replace("edit_listing", "edit")
            data = bodies(image_id).get(name) if method == "POST" else None
            response = intruder.open(path, method=method, data=data)
            assert response.status_code == 404, f"{method} {path}: {response.status_code}"
            swept += 1
    assert swept >= 9
    assert snapshot(listing_id) == before
