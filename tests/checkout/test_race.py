"""Fifty shoppers checking out the last five units at once, through the API with real commits:
exactly five orders, forty-five clean ``out_of_stock`` refusals, no server error, and stock never
below zero; and one shopper sending the same Idempotency-Key twice at once gets one checkout."""
import threading

from sqlalchemy import func, select

from marketplace.core.clock import utcnow
from marketplace.extensions import db
from marketplace.inventory.models import StockLevel
from marketplace.orderers import services as orderers
from marketplace.orders.models import Checkout, Order
from tests.catalog_builders import listing
from tests.checkout.conftest import ADDRESS, VALID_ID

RACERS, UNITS = 50, 5


def shoppers_with_carts(app, make, api, sku_id: int, count: int) -> list:
    ready = []
    for _ in range(count):
        user = make.shopper()
        with app.app_context():
            owner = db.session.merge(user)
            identity = orderers.add_identity(owner, real_name="王小明", id_number=VALID_ID, consent=True,
                                             channel="api", now=utcnow())
            address = orderers.add_address(owner, dict(ADDRESS), now=utcnow())
            db.session.commit()
            body = {"identity_id": identity.id, "address_id": address.id, "payment_method": "card"}
        client = api(user)
        item = {"sku_id": sku_id, "quantity": 1, "route": "direct_mail"}
        assert client.post("/api/v1/cart/items", json=item).status_code == 201
        ready.append((client, body))
    return ready


def stocked_sku(app, make) -> int:
    owner = make.buyer()
    with app.app_context():
        from tests.search import builders

        builders.rates()
        sku = listing(owner.shop.id, stock=UNITS).skus[0]
        db.session.commit()
        return sku.id


def race(calls) -> list:
    start, answers = threading.Barrier(len(calls)), []

    def run(call):
        start.wait()
        try:
            answers.append(call())
        except Exception as error:  # noqa: BLE001 - any failure is what the test looks for
            answers.append(repr(error))

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a checkout never finished"
    return answers


def test_fifty_checkouts_for_the_last_five_units(app, make, api, committed_db):
    sku_id = stocked_sku(app, make)
    ready = shoppers_with_carts(app, make, api, sku_id, RACERS)
    answers = race([lambda client=client, body=body: client.post("/api/v1/checkout", json=body)
                    for client, body in ready])
    statuses = sorted(getattr(answer, "status_code", answer) for answer in answers)
    assert statuses == [201] * UNITS + [422] * (RACERS - UNITS), statuses
    codes = {answer.get_json()["error"]["code"] for answer in answers if answer.status_code == 422}
    assert codes <= {"out_of_stock", "cart_changed"}
    with app.app_context():
        level = db.session.execute(select(StockLevel.on_hand, StockLevel.reserved)
                                   .where(StockLevel.sku_id == sku_id)).one()
        assert tuple(level) == (UNITS, UNITS)
        assert db.session.scalar(select(func.count()).select_from(Order)) == UNITS


def test_the_same_key_twice_at_once_places_one_checkout(app, make, api, committed_db):
    sku_id = stocked_sku(app, make)
    [(client, body)] = shoppers_with_carts(app, make, api, sku_id, 1)
    headers = {"Idempotency-Key": "same-key-twice"}
    answers = race([lambda: client.post("/api/v1/checkout", json=body, headers=headers)] * 2)
    assert [answer.status_code for answer in answers] == [201, 201]
    assert answers[0].get_json() == answers[1].get_json()
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Checkout)) == 1
