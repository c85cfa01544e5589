"""The cart through the API: lines by SKU and route, stock and route rules, prices as they are
now with any change since a line was added, and one shopper's cart invisible to another."""
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from marketplace.cart.models import Cart, CartLine
from marketplace.catalog.models import Sku
from marketplace.extensions import db
from marketplace.inventory.models import StockLevel

URL = "/api/v1/cart"


def sku_of(listing, index=0) -> int:
    return listing.skus[index].id if hasattr(listing, "skus") else listing


@pytest.fixture
def skus(app, shelf):
    with app.app_context():
        cream = db.session.scalars(select(Sku).where(Sku.listing_id == shelf.cream.id).order_by(Sku.id)).all()
        sunscreen = db.session.scalar(select(Sku).where(Sku.listing_id == shelf.sunscreen.id))
        return {"cream": cream[0].id, "cream_bonded": cream[1].id, "sunscreen": sunscreen.id,
                "draft": db.session.scalar(select(Sku.id).where(Sku.listing_id == shelf.draft.id))}


@pytest.fixture
def shopper_api(api, make):
    return api(make.shopper())


def lines(app) -> list[tuple]:
    with app.app_context():
        return db.session.execute(select(CartLine.sku_id, CartLine.route, CartLine.quantity)
                                  .order_by(CartLine.id)).all()


def add(client, sku_id, quantity=1, route="direct_mail", **headers):
    return client.post(f"{URL}/items", json={"sku_id": sku_id, "quantity": quantity, "route": route},
                       headers=headers)


def test_an_added_line_shows_with_todays_price_in_cny(shopper_api, skus):
    created = add(shopper_api, skus["cream"], 2)
    assert created.status_code == 201
    item = created.get_json()
    assert (item["sku_id"], item["quantity"], item["route"]) == (skus["cream"], 2, "direct_mail")
    assert item["unit_price"] == {"amount": "720.00", "currency": "CNY"}  # 100 USD at 7.2
    assert item["source_price"] == {"amount": "100.00", "currency": "USD"}
    cart = shopper_api.get(URL).get_json()
    assert [line["id"] for line in cart["items"]] == [item["id"]]
    assert cart["subtotal"] == {"amount": "1440.00", "currency": "CNY"}
    assert (cart["count"], cart["ready"]) == (2, True)


def test_adding_the_same_sku_and_route_again_adds_to_its_line(app, shopper_api, skus):
    add(shopper_api, skus["cream"], 1)
    add(shopper_api, skus["cream"], 2)
    assert lines(app) == [(skus["cream"], "direct_mail", 3)]


def test_the_same_sku_by_two_routes_is_two_lines(app, shopper_api, skus):
    add(shopper_api, skus["cream_bonded"], 1, "bonded")
    assert add(shopper_api, skus["cream_bonded"], 1, "direct_mail").status_code == 422  # no own stock
    assert lines(app) == [(skus["cream_bonded"], "bonded", 1)]


@pytest.mark.parametrize("quantity", [0, -1, 10**9, 100, "2", 1.5, True, None])
def test_a_bad_quantity_is_a_422_and_adds_nothing(app, shopper_api, skus, quantity):
    response = add(shopper_api, skus["cream"], quantity)
    assert response.status_code == 422
    assert "quantity" in response.get_json()["error"]["fields"]
    assert lines(app) == []


def test_more_than_in_stock_is_refused_and_says_how_many(app, shopper_api, skus):
    response = add(shopper_api, skus["cream"], 6, **{"Accept-Language": "en"})
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "out_of_stock"
    assert error["fields"]["quantity"] == ["Only 5 available: choose at most that many."]
    add(shopper_api, skus["cream"], 4)
    assert add(shopper_api, skus["cream"], 2).status_code == 422  # 4 + 2 > 5
    assert lines(app) == [(skus["cream"], "direct_mail", 4)]


def test_the_refusal_is_in_chinese_by_default(shopper_api, skus):
    error = add(shopper_api, skus["cream"], 6).get_json()["error"]
    assert error["fields"]["quantity"] == ["仅剩 5 件：请最多选择这么多。"]


def test_a_route_the_listing_does_not_offer_is_refused(app, shopper_api, skus):
    response = add(shopper_api, skus["sunscreen"], 1, "bonded")
    assert response.status_code == 422 and "route" in response.get_json()["error"]["fields"]
    assert add(shopper_api, skus["sunscreen"], 1, "by_pigeon").status_code == 422
    assert lines(app) == []


@pytest.mark.parametrize("which", ["draft", "missing", "huge"])
def test_a_sku_not_on_sale_is_a_404(app, shopper_api, skus, which):
    sku_id = {"draft": skus["draft"], "missing": 999_999, "huge": 2**70}[which]
    response = add(shopper_api, sku_id)
    assert response.status_code in (404, 422)
    assert lines(app) == []


@pytest.mark.parametrize("body", [{}, {"sku_id": "1", "quantity": 1, "route": "bonded"}, [1],
                                  {"sku_id": 1, "quantity": 1, "route": "bonded", "price": "0.01"}])
def test_malformed_bodies_change_nothing(app, shopper_api, body):
    response = shopper_api.post(f"{URL}/items", json=body)
    assert response.status_code in (400, 422)
    assert lines(app) == []


def test_a_price_change_is_shown_not_hidden(app, shopper_api, skus):
    add(shopper_api, skus["cream"], 1)
    with app.app_context():
        db.session.get(Sku, skus["cream"]).price = Decimal("90.00")
        db.session.commit()
    [item] = shopper_api.get(URL).get_json()["items"]
    assert item["price_before"] == {"amount": "100.00", "currency": "USD"}
    assert item["source_price"] == {"amount": "90.00", "currency": "USD"}
    assert item["unit_price"] == {"amount": "648.00", "currency": "CNY"}


def test_a_sold_out_line_is_shown_and_left_out_of_the_subtotal(app, shopper_api, skus):
    add(shopper_api, skus["cream"], 2)
    with app.app_context():
        db.session.execute(StockLevel.__table__.update().where(StockLevel.sku_id == skus["cream"])
                           .values(on_hand=0))
        db.session.commit()
    cart = shopper_api.get(URL).get_json()
    [item] = cart["items"]
    assert (item["quantity"], item["available"], item["sold_out"], item["purchasable"]) == (2, 0, True, False)
    assert (cart["subtotal"]["amount"], cart["ready"]) == ("0.00", False)


def test_change_and_remove_a_line(app, shopper_api, skus):
    line = add(shopper_api, skus["cream"], 1).get_json()
    changed = shopper_api.patch(f"{URL}/items/{line['id']}", json={"quantity": 3})
    assert changed.status_code == 200 and changed.get_json()["quantity"] == 3
    assert shopper_api.patch(f"{URL}/items/{line['id']}", json={"quantity": 6}).status_code == 422
    assert shopper_api.patch(f"{URL}/items/{line['id']}", json={"quantity": 0}).status_code == 422
    assert lines(app) == [(skus["cream"], "direct_mail", 3)]
    assert shopper_api.delete(f"{URL}/items/{line['id']}").status_code == 204
    assert lines(app) == []
    assert shopper_api.delete(f"{URL}/items/{line['id']}").status_code == 404


def test_lowering_a_sold_out_line_is_allowed(app, shopper_api, skus):
    line = add(shopper_api, skus["cream"], 3).get_json()
    with app.app_context():
        db.session.execute(StockLevel.__table__.update().where(StockLevel.sku_id == skus["cream"])
                           .values(on_hand=1))
        db.session.commit()
    assert shopper_api.patch(f"{URL}/items/{line['id']}", json={"quantity": 1}).status_code == 200


def test_another_shoppers_line_is_a_404_and_untouched(app, api, make, shopper_api, skus):
    line = add(shopper_api, skus["cream"], 2).get_json()
    other = api(make.shopper())
    assert other.get(URL).get_json()["items"] == []
    assert other.patch(f"{URL}/items/{line['id']}", json={"quantity": 1}).status_code == 404
    assert other.delete(f"{URL}/items/{line['id']}").status_code == 404
    assert lines(app) == [(skus["cream"], "direct_mail", 2)]


def test_the_cart_needs_a_signed_in_shopper(app, client, skus):
    assert client.get(URL).status_code == 401
    assert client.post(f"{URL}/items", json={"sku_id": skus["cream"], "quantity": 1,
                                             "route": "direct_mail"}).status_code == 401
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Cart)) == 0
