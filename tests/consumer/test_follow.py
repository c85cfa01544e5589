"""Following a buyer: from the shop page (form with CSRF), the account list, the home page
section, and the API."""

from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.shops.follows import ShopFollow

EN = {"Accept-Language": "en"}


def follow_rows(app) -> list[tuple[int, int]]:
    with app.app_context():
        return [tuple(row) for row in db.session.execute(select(ShopFollow.user_id, ShopFollow.shop_id))]


def test_follow_and_unfollow_from_the_shop_page(app, make, shelf):
    shopper = make.shopper()
    client = make.signed_in(shopper)
    slug = shelf.us_buyer.shop.slug
    response = client.post(f"/shop/{slug}/follow", data={"next": f"/shop/{slug}"})
    assert response.status_code == 302 and response.headers["Location"] == f"/shop/{slug}"
    assert follow_rows(app) == [(shopper.id, shelf.us_buyer.shop.id)]
    client.post(f"/shop/{slug}/follow")  # twice changes nothing
    assert follow_rows(app) == [(shopper.id, shelf.us_buyer.shop.id)]
    page = client.get(f"/shop/{slug}", headers=EN).get_data(as_text=True)
    assert '<dd class="followers">1</dd>' in page and ">Unfollow</button>" in page
    home = client.get("/", headers=EN).get_data(as_text=True)
    assert "<h2>From buyers you follow</h2>" in home
    following = client.get("/account/following", headers=EN).get_data(as_text=True)
    assert "Acme NY" in following and "Tokyo Finds" not in following
    client.post(f"/shop/{slug}/unfollow")
    assert follow_rows(app) == []
    assert "You do not follow any buyer yet" in client.get("/account/following", headers=EN).get_data(
        as_text=True
    )


def test_the_form_only_returns_to_our_own_pages(app, make, shelf):
    client = make.signed_in(make.shopper())
    slug = shelf.us_buyer.shop.slug
    response = client.post(f"/shop/{slug}/follow", data={"next": "//evil.example/"})
    assert response.headers["Location"] == f"/shop/{slug}"


def test_signed_out_visitors_are_sent_to_sign_in_and_nothing_changes(app, client, shelf):
    slug = shelf.us_buyer.shop.slug
    response = client.post(f"/shop/{slug}/follow")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
    assert client.get("/account/following").status_code == 302
    assert follow_rows(app) == []


def test_following_an_unknown_shop_is_404_and_changes_nothing(app, make, shelf):
    client = make.signed_in(make.shopper())
    assert client.post("/shop/no-such-shop/follow").status_code == 404
    assert client.post("/shop/no-such-shop/unfollow").status_code == 404
    assert follow_rows(app) == []


def test_a_buyer_cannot_follow_their_own_shop(app, make, shelf):
    client = make.signed_in(shelf.us_buyer)
    assert client.post(f"/shop/{shelf.us_buyer.shop.slug}/follow").status_code == 409
    assert follow_rows(app) == []


def test_follow_needs_the_csrf_token_when_csrf_is_on(app, make, shelf):
    shopper = make.shopper()
    client = make.signed_in(shopper)
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post(f"/shop/{shelf.us_buyer.shop.slug}/follow")
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 400
    assert follow_rows(app) == []


def test_follow_api(app, make, api, shelf):
    shopper = make.shopper()
    caller = api(shopper)
    slug = shelf.jp_buyer.shop.slug
    response = caller.post(f"/api/v1/shops/{slug}/follow")
    assert response.status_code == 200
    assert response.get_json() == {"shop": slug, "following": True, "followers": 1}
    assert caller.post(f"/api/v1/shops/{slug}/follow").get_json()["followers"] == 1
    profile = api().get(f"/api/v1/catalog/shops/{slug}").get_json()
    assert profile == {
        "slug": slug,
        "name": "Tokyo Finds",
        "description": "",
        "country": "JP",
        "level": 1,
        "followers": 1,
        "rating": None,
    }
    assert caller.delete(f"/api/v1/shops/{slug}/follow").get_json() == {
        "shop": slug,
        "following": False,
        "followers": 0,
    }
    assert follow_rows(app) == []


def test_follow_api_errors(app, make, api, shelf):
    assert api().post(f"/api/v1/shops/{shelf.jp_buyer.shop.slug}/follow").status_code == 401
    caller = api(make.shopper())
    missing = caller.post("/api/v1/shops/nope/follow")
    assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "not_found"
    own = api(shelf.jp_buyer).post(f"/api/v1/shops/{shelf.jp_buyer.shop.slug}/follow")
    assert own.status_code == 409 and own.get_json()["error"]["code"] == "own_shop"
    assert api().get("/api/v1/catalog/shops/nope").status_code == 404
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ShopFollow)) == 0
