"""The cart as pages: adding from a product page (with and without htmx, signed in or as a
guest), the cart page with its warnings, changing and removing lines, and the guest's cart
joining the shopper's on sign-in."""
import pytest
from sqlalchemy import select

from marketplace.cart.models import Cart, CartLine
from marketplace.catalog.models import Sku
from marketplace.extensions import db
from marketplace.inventory.models import StockLevel
from tests.factories import PASSWORD
from tests.web.conftest import csrf_token

ORIGIN = {"Origin": "http://localhost"}


@pytest.fixture
def cream(app, shelf):
    with app.app_context():
        statement = select(Sku.id).where(Sku.listing_id == shelf.cream.id).order_by(Sku.id)
        return db.session.scalars(statement).first()


def lines(app) -> list[tuple]:
    with app.app_context():
        return db.session.execute(select(CartLine.sku_id, CartLine.route, CartLine.quantity)
                                  .order_by(CartLine.id)).all()


def add(client, sku_id, quantity="1", route="direct_mail", headers=ORIGIN, **extra):
    form = {"sku": str(sku_id), "quantity": quantity, "route": route, "next": "/p/1", **extra}
    return client.post("/cart/items", data=form, headers=headers)


def test_a_guest_adds_from_the_product_page_and_sees_the_cart(app, client, shelf, cream):
    page = client.get(f"/p/{shelf.cream.id}").get_data(as_text=True)
    assert 'formaction="/cart/items"' in page and 'name="quantity"' in page
    response = add(client, cream, "2")
    assert response.status_code == 302 and response.headers["Location"].endswith("/p/1")
    assert lines(app) == [(cream, "direct_mail", 2)]
    cart = client.get("/cart", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Moisturising Cream" in cart and 'value="2"' in cart
    assert '<span class="badge">2</span>' in cart


def test_htmx_gets_the_new_count_and_a_status_line(client, cream):
    response = add(client, cream, headers={**ORIGIN, "HX-Request": "true", "Accept-Language": "en"})
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="cart-link"' in text and 'hx-swap-oob' in text and '<span class="badge">1</span>' in text
    assert "Added to your cart." in text


def test_too_many_is_refused_with_the_reason_and_nothing_added(app, client, cream):
    response = add(client, cream, "6", headers={**ORIGIN, "HX-Request": "true"})
    assert response.status_code == 422
    assert "仅剩 5 件" in response.get_data(as_text=True)
    assert lines(app) == []


@pytest.mark.parametrize("quantity", ["0", "-1", "1000000000", "abc", "1.5"])
def test_bad_quantities_change_nothing(app, client, cream, quantity):
    response = add(client, cream, quantity)
    assert response.status_code == 302
    assert lines(app) == []


def test_an_unknown_sku_changes_nothing(app, client):
    assert add(client, "999999").status_code == 302
    assert add(client, "x").status_code == 302
    assert lines(app) == []


def test_a_cross_site_post_without_a_token_is_refused(csrf_app, app, cream):
    client = csrf_app.test_client()
    assert add(client, cream, headers={"Origin": "https://evil.example"}).status_code == 400
    assert add(client, cream, headers={}).status_code == 400
    assert lines(app) == []


def test_a_tokenless_first_add_from_this_site_is_accepted(csrf_app, app, cream):
    client = csrf_app.test_client()
    assert add(client, cream).status_code == 302
    assert lines(app) == [(cream, "direct_mail", 1)]


def test_a_visitor_with_a_session_must_send_the_token(csrf_app, app, cream):
    client = csrf_app.test_client()
    token = csrf_token(client)  # the visit opens a session
    assert add(client, cream).status_code == 400
    assert lines(app) == []
    assert add(client, cream, csrf_token=token).status_code == 302
    assert lines(app) == [(cream, "direct_mail", 1)]


def test_change_and_remove_from_the_cart_page(app, make, cream):
    client = make.signed_in(make.shopper())
    add(client, cream, "1")
    [line_id] = [row[0] for row in db_line_ids(app)]
    assert client.post(f"/cart/items/{line_id}", data={"quantity": "3"}).status_code == 303
    assert lines(app) == [(cream, "direct_mail", 3)]
    response = client.post(f"/cart/items/{line_id}", data={"quantity": "9"}, follow_redirects=True)
    assert "仅剩 5 件" in response.get_data(as_text=True)
    assert lines(app) == [(cream, "direct_mail", 3)]
    assert client.post(f"/cart/items/{line_id}", data={"remove": "1"}).status_code == 303
    assert lines(app) == []


def db_line_ids(app):
    with app.app_context():
        return db.session.execute(select(CartLine.id)).all()


def test_another_shoppers_line_cannot_be_changed_from_a_page(app, make, cream):
    owner = make.signed_in(make.shopper())
    add(owner, cream, "2")
    [line_id] = [row[0] for row in db_line_ids(app)]
    stranger = make.signed_in(make.shopper())
    stranger.post(f"/cart/items/{line_id}", data={"quantity": "1"})
    stranger.post(f"/cart/items/{line_id}", data={"remove": "1"})
    assert lines(app) == [(cream, "direct_mail", 2)]


def test_the_cart_page_shows_a_sold_out_line(app, make, cream):
    client = make.signed_in(make.shopper())
    add(client, cream, "2")
    with app.app_context():
        db.session.execute(StockLevel.__table__.update().where(StockLevel.sku_id == cream).values(on_hand=0))
        db.session.commit()
    page = client.get("/cart", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Sold out for this delivery. Remove it to check out." in page


def test_signing_in_merges_the_guest_cart_capped_by_stock(app, client, make, cream):
    shopper = make.shopper()
    signed_in = make.signed_in(shopper)
    add(signed_in, cream, "4")
    add(client, cream, "3")  # the guest, who is the same person before signing in
    response = client.post("/sign-in", data={"email": shopper.email, "password": PASSWORD})
    assert response.status_code == 302
    assert lines(app) == [(cream, "direct_mail", 5)]  # 4 + 3, but only 5 in stock
    with app.app_context():
        assert db.session.scalar(select(Cart).where(Cart.guest_token.is_not(None))) is None
