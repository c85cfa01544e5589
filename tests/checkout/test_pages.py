"""The checkout as pages: the quote with the orderer masked, adding an orderer or an address
inline (bad input answered in place, nothing saved), placing and paying on the sandbox's page,
and the shopper's orders, which nobody else can open."""
from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.orderers.models import Address, Identity
from marketplace.orders.models import Order
from tests.checkout.conftest import ADDRESS


def signed_in(make, shopper):
    return make.signed_in(shopper.user)


def fill(client, sku_id, quantity=1, route="direct_mail"):
    client.post("/cart/items", data={"sku": str(sku_id), "quantity": str(quantity), "route": route})


def order_form(shopper, method="card") -> dict:
    return {"identity_id": str(shopper.identity_id), "address_id": str(shopper.address_id),
            "payment_method": method}


def rows(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_the_checkout_page_shows_each_order_and_the_masked_orderer(make, store, shopper):
    client = signed_in(make, shopper)
    fill(client, store.cream, 2)
    page = client.get("/checkout", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "110***********002X" in page and "11010519491231002X" not in page
    assert "¥1,440.00" in page and "¥40.00" in page and "¥134.68" in page and "¥1,614.68" in page
    assert "Place order and pay" in page


def test_a_bad_id_number_is_answered_in_place_and_saves_nothing(app, make, store, shopper):
    client = signed_in(make, shopper)
    before = rows(app, Identity)
    bad_checksum = {"real_name": "王小明", "id_number": "110105194912310021", "consent": "yes"}
    response = client.post("/checkout/identities", data=bad_checksum)
    assert response.status_code == 422
    assert rows(app, Identity) == before
    unconsented = client.post("/checkout/identities", data={"real_name": "王小明",
                                                            "id_number": "11010519491231002X"})
    assert unconsented.status_code == 422 and rows(app, Identity) == before


def test_a_bad_address_is_answered_in_place(app, make, store, shopper):
    client = signed_in(make, shopper)
    before = rows(app, Address)
    bad = {**ADDRESS, "phone": "12345", "postcode": "31000"}
    response = client.post("/checkout/addresses", data=bad, headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert rows(app, Address) == before
    added = client.post("/checkout/addresses", data={**ADDRESS, "line1": "文一路 2 号"})
    assert added.status_code == 303 and rows(app, Address) == before + 1


def test_placing_goes_to_the_payment_page_and_back_to_the_result(app, make, store, shopper):
    client = signed_in(make, shopper)
    fill(client, store.cream, 1)
    placed = client.post("/checkout", data=order_form(shopper, "alipay"))
    assert placed.status_code == 303 and "/sandbox/payments/" in placed.headers["Location"]
    payment_page = client.get(placed.headers["Location"]).get_data(as_text=True)
    assert "¥829.16" in payment_page
    done = client.post(placed.headers["Location"] + "/complete", data={"payer_name": "王小明"},
                       headers={"Origin": "http://localhost"})
    assert done.status_code == 303 and "/checkout/" in done.headers["Location"]
    result = client.get(done.headers["Location"], headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Paid, thank you." in result


def test_a_refused_checkout_changes_nothing(app, make, store, shopper):
    client = signed_in(make, shopper)
    response = client.post("/checkout", data=order_form(shopper))
    assert response.status_code == 422 and rows(app, Order) == 0


def test_orders_are_the_shoppers_own(app, make, store, shopper, buyer_of):
    client = signed_in(make, shopper)
    fill(client, store.cream, 1)
    client.post("/checkout", data=order_form(shopper))
    with app.app_context():
        order_id = db.session.scalar(select(Order.id))
    assert client.get("/orders").status_code == 200
    assert client.get(f"/orders/{order_id}").status_code == 200
    stranger = make.signed_in(buyer_of(name="李四").user)
    assert stranger.get(f"/orders/{order_id}").status_code == 404
    assert f"/orders/{order_id}" not in stranger.get("/orders").get_data(as_text=True)


def test_a_guest_is_sent_to_sign_in(client, store):
    response = client.get("/checkout")
    assert response.status_code in (302, 401) or "sign-in" in response.headers.get("Location", "")
