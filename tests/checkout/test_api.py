"""Quote and checkout through the API, every number computed on the server: the split into
orders, shipping by rate card, tax by the engine, the limits, stock reserved all or nothing,
Idempotency-Key, and the sandbox payment that pays the orders (or refunds a payer who is not
the orderer)."""
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from marketplace.core.clock import utcnow
from marketplace.extensions import db
from marketplace.inventory.models import StockLevel, StockReservation
from marketplace.orders.models import Checkout, Order, OrderLine
from marketplace.payments.models import Payment

QUOTE, CHECKOUT = "/api/v1/checkout/quote", "/api/v1/checkout"


def fill(client, sku_id, quantity, route="direct_mail"):
    item = {"sku_id": sku_id, "quantity": quantity, "route": route}
    response = client.post("/api/v1/cart/items", json=item)
    assert response.status_code == 201, response.get_json()


def body(shopper, **extra):
    return {"identity_id": shopper.identity_id, "address_id": shopper.address_id, **extra}


def level(app, sku_id, location="buyer"):
    with app.app_context():
        row = db.session.scalar(select(StockLevel).where(StockLevel.sku_id == sku_id,
                                                         StockLevel.location == location))
        return row.on_hand, row.reserved


def counts(app):
    with app.app_context():
        return tuple(db.session.scalar(select(func.count()).select_from(model))
                     for model in (Checkout, Order, OrderLine, Payment, StockReservation))


def set_stock(app, sku_id, on_hand, location="buyer"):
    with app.app_context():
        db.session.execute(StockLevel.__table__.update().where(StockLevel.sku_id == sku_id,
                                                               StockLevel.location == location)
                           .values(on_hand=on_hand))
        db.session.commit()


def test_the_quote_prices_ships_and_taxes_each_order(store, shopper):
    fill(shopper.client, store.cream, 2)
    quote = shopper.client.post(QUOTE, json=body(shopper)).get_json()
    assert quote["problems"] == []
    [order] = quote["orders"]
    assert (order["route"], order["warehouse"], order["customs_regime"]) == ("direct_mail", None, "cbec")
    assert order["lines"] == [{"sku_id": store.cream, "quantity": 2,
                               "unit_price": {"amount": "720.00", "currency": "CNY"},
                               "source_price": {"amount": "100.00", "currency": "USD"},
                               "goods": {"amount": "1440.00", "currency": "CNY"},
                               "tax": {"amount": "134.68", "currency": "CNY"}}]
    # 400 g is one started kilogram: 30 + 10; VAT (1440 + 40) × 13% × 70% = 134.68
    assert order["shipping"]["amount"] == "40.00"
    assert order["tax"]["amount"] == "134.68"
    assert order["tax_components"]["vat"]["amount"] == "134.68"
    assert (order["total"]["amount"], quote["total"]["amount"]) == ("1614.68", "1614.68")


def test_one_checkout_splits_by_shop_route_and_warehouse(store, shopper):
    fill(shopper.client, store.cream, 1)
    fill(shopper.client, store.cream_bonded, 1, "bonded")
    quote = shopper.client.post(QUOTE, json=body(shopper)).get_json()
    routes = sorted((order["route"], order["warehouse"]) for order in quote["orders"])
    assert routes == [("bonded", "HZ1"), ("direct_mail", None)]
    bonded = next(order for order in quote["orders"] if order["route"] == "bonded")
    assert bonded["shipping"]["amount"] == "10.00"  # the warehouse's card: 8 + 2 per started kg
    assert bonded["lines"][0]["unit_price"]["amount"] == "1080.00"  # 150 USD at 7.2


def test_the_single_order_limit_is_a_problem_in_words_and_refused_at_checkout(app, store, shopper):
    set_stock(app, store.cream, 10)
    fill(shopper.client, store.cream, 7)
    quote = shopper.client.post(QUOTE, json=body(shopper), headers={"Accept-Language": "en"}).get_json()
    [problem] = quote["problems"]
    assert problem["code"] == "single_limit_exceeded"
    # 7 × 720 goods + 50 shipping (1,400 g: two started kilograms) = 5,090, ¥90 over the limit
    assert "¥5090.00" in problem["message"] and "¥90.00 over the ¥5000.00 limit" in problem["message"]
    before = counts(app)
    refused = shopper.client.post(CHECKOUT, json=body(shopper, payment_method="card"))
    assert refused.status_code == 422
    error = refused.get_json()["error"]
    assert error["code"] == error["problems"][0]["code"] == "single_limit_exceeded"
    assert counts(app) == before
    assert level(app, store.cream) == (10, 0)


def test_placing_reserves_stock_and_opens_a_payment(app, store, shopper):
    fill(shopper.client, store.cream, 2)
    response = shopper.client.post(CHECKOUT, json=body(shopper, payment_method="card"))
    assert response.status_code == 201, response.get_json()
    placed = response.get_json()
    assert placed["status"] == "awaiting_payment" and placed["total"]["amount"] == "1614.68"
    [order] = placed["orders"]
    assert (order["status"], order["total"]["amount"]) == ("awaiting_payment", "1614.68")
    assert placed["payment"]["provider"] == "sandbox" and placed["payment"]["redirect_url"]
    assert level(app, store.cream) == (5, 2)
    assert shopper.client.get("/api/v1/cart").get_json()["items"] == []  # bought lines leave the cart
    with app.app_context():
        payment = db.session.scalar(select(Payment))
        assert (payment.amount, payment.currency) == (Decimal("1614.68"), "CNY")


@pytest.mark.parametrize("tampered", [{"total": "0.01"}, {"price": "1"}, {"orders": []},
                                      {"discount": "9999"}])
def test_amounts_from_the_client_are_refused(app, store, shopper, tampered):
    fill(shopper.client, store.cream, 1)
    response = shopper.client.post(CHECKOUT, json=body(shopper, payment_method="card", **tampered))
    assert response.status_code == 422
    assert counts(app) == (0, 0, 0, 0, 0)


def test_someone_elses_identity_or_address_is_a_404(app, store, shopper, buyer_of):
    other = buyer_of(name="李四")
    fill(shopper.client, store.cream, 1)
    for payload in ({"identity_id": other.identity_id, "address_id": shopper.address_id},
                    {"identity_id": shopper.identity_id, "address_id": other.address_id}):
        assert shopper.client.post(QUOTE, json=payload).status_code == 404
        assert shopper.client.post(CHECKOUT, json={**payload, "payment_method": "card"}).status_code == 404
    assert counts(app) == (0, 0, 0, 0, 0)


@pytest.mark.parametrize("payload", [{}, {"identity_id": "1", "address_id": 1, "payment_method": "card"},
                                     {"identity_id": 1, "address_id": 1, "payment_method": "cash"}])
def test_malformed_checkout_bodies_change_nothing(app, store, shopper, payload):
    fill(shopper.client, store.cream, 1)
    response = shopper.client.post(CHECKOUT, json=payload)
    assert response.status_code in (404, 422)
    assert counts(app) == (0, 0, 0, 0, 0)


def test_an_empty_cart_cannot_be_checked_out(app, store, shopper):
    response = shopper.client.post(CHECKOUT, json=body(shopper, payment_method="card"))
    assert response.status_code == 422 and response.get_json()["error"]["code"] == "cart_empty"


def test_stock_gone_since_the_cart_is_out_of_stock(app, store, shopper):
    fill(shopper.client, store.cream, 3)
    set_stock(app, store.cream, 2)
    response = shopper.client.post(CHECKOUT, json=body(shopper, payment_method="card"))
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] in ("cart_changed", "out_of_stock")
    assert counts(app) == (0, 0, 0, 0, 0) and level(app, store.cream) == (2, 0)


def test_the_same_idempotency_key_replays_the_first_answer(app, store, shopper):
    fill(shopper.client, store.cream, 1)
    headers = {"Idempotency-Key": "order-7f3a"}
    first = shopper.client.post(CHECKOUT, json=body(shopper, payment_method="card"), headers=headers)
    again = shopper.client.post(CHECKOUT, json=body(shopper, payment_method="card"), headers=headers)
    assert first.status_code == 201 and again.status_code == 201
    assert again.get_json() == first.get_json()
    other = shopper.client.post(CHECKOUT, json=body(shopper, payment_method="alipay"), headers=headers)
    assert other.status_code == 422 and other.get_json()["error"]["code"] == "idempotency_key_reused"
    assert counts(app)[:2] == (1, 1) and level(app, store.cream) == (5, 1)


def complete(client, payment_id, payer_name):
    return client.post(f"/sandbox/payments/{payment_id}/complete", json={"payer_name": payer_name})


def test_the_sandbox_payment_pays_the_orders_and_sells_the_stock(app, store, shopper, client):
    fill(shopper.client, store.cream, 2)
    placed = shopper.client.post(CHECKOUT, json=body(shopper, payment_method="card")).get_json()
    assert complete(client, placed["payment"]["id"], "王小明").status_code == 202  # notified later
    order = shopper.client.get(f"/api/v1/orders/{placed['orders'][0]['id']}").get_json()
    assert order["status"] == "paid"
    assert [step["status"] for step in order["timeline"]] == ["awaiting_payment", "paid"]
    assert level(app, store.cream) == (3, 0)


def test_a_payer_who_is_not_the_orderer_is_refunded_and_the_order_cancelled(app, store, shopper, client):
    fill(shopper.client, store.cream, 1)
    placed = shopper.client.post(CHECKOUT, json=body(shopper, payment_method="card")).get_json()
    complete(client, placed["payment"]["id"], "张三")
    order = shopper.client.get(f"/api/v1/orders/{placed['orders'][0]['id']}").get_json()
    assert order["status"] == "cancelled"
    assert level(app, store.cream) == (5, 0)
    with app.app_context():
        assert db.session.scalar(select(Payment.status)) in ("refunded", "succeeded")


def test_an_unpaid_checkout_expires_and_gives_its_stock_back(app, store, shopper):
    from marketplace.checkout import settlement

    fill(shopper.client, store.cream, 2)
    placed = shopper.client.post(CHECKOUT, json=body(shopper, payment_method="card")).get_json()
    with app.app_context():
        assert settlement.expire_due(utcnow() + timedelta(minutes=31)) == 1
        db.session.commit()
    assert level(app, store.cream) == (5, 0)
    order = shopper.client.get(f"/api/v1/orders/{placed['orders'][0]['id']}").get_json()
    assert order["status"] == "cancelled"


def test_a_placed_order_keeps_its_rates_when_they_change(app, store, shopper):
    from marketplace.money import services as money

    fill(shopper.client, store.cream, 1)
    placed = shopper.client.post(CHECKOUT, json=body(shopper, payment_method="card")).get_json()
    with app.app_context():
        money.set_rate("USD", Decimal("9.9"), now=utcnow())
        db.session.commit()
        order = db.session.get(Order, placed["orders"][0]["id"])
        # 720 goods + 40 shipping + VAT (760 × 13% × 70% = 69.16), at the rate of the checkout
        assert (Decimal(order.fx_rates["USD"]), order.lines[0].unit_price, order.total) == (
            Decimal("7.2"), Decimal("720.00"), Decimal("829.16"))


def test_an_overlong_idempotency_key_is_refused_not_cut(app, store, shopper):
    fill(shopper.client, store.cream, 1)
    response = shopper.client.post(CHECKOUT, json=body(shopper, payment_method="card"),
                                   headers={"Idempotency-Key": "k" * 101, "Accept-Language": "en"})
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"]["Idempotency-Key"] == [
        "An Idempotency-Key has at most 100 characters."]
    assert counts(app) == (0, 0, 0, 0, 0)
