"""Checkout under concurrency, in process: 20 shoppers at once quoting and placing checkouts,
each as a ratio to a bare "hello" route driven the same way in the same run; and the hot SKU,
200 shoppers racing for its last 10 units (exactly 10 orders, no server error).

Run it on PostgreSQL (``BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test``); on the
embedded SQLite every write waits for the one writer, which is the point of SQLite, not of the
checkout. ``BENCH_CHECKOUT_SHOPPERS`` (default 200) sets how many shoppers are registered.
"""
from __future__ import annotations

import os
import threading
import time
from decimal import Decimal

from bench.harness import bench_app, report

CONCURRENCY = 20
SHOPPERS = int(os.environ.get("BENCH_CHECKOUT_SHOPPERS", "200"))
HOT_UNITS = 10
VALID_ID = "11010519491231002X"
ADDRESS = {"recipient": "王小明", "phone": "13800138000", "province": "浙江省", "city": "杭州市",
           "district": "西湖区", "line1": "文三路 100 号", "postcode": "310000"}


def _catalogue(app, stock: int) -> int:
    """A live SKU with ``stock`` units of the shop's own stock, and the USD rate."""
    from marketplace.accounts import services as accounts
    from marketplace.core.clock import utcnow
    from marketplace.extensions import db
    from marketplace.money import services as money
    from marketplace.shops.services import create_shop
    from tests.catalog_builders import listing

    with app.app_context():
        money.set_rate("USD", Decimal("7.2"), now=utcnow())
        owner = accounts.register_user(f"buyer{stock}@bench.example", "Bench-pass-123", "Buyer")
        shop = create_shop(owner, name=f"Bench {stock}", country="US")
        sku_id = listing(shop.id, stock=stock).skus[0].id
        db.session.commit()
        return sku_id


def _shoppers(app, count: int) -> list[tuple[str, dict]]:
    """Registered shoppers with an orderer and an address: (bearer token, checkout body)."""
    from marketplace.accounts import services as accounts
    from marketplace.core.clock import utcnow
    from marketplace.extensions import db
    from marketplace.orderers import services as orderers

    made = []
    with app.app_context():
        for number in range(count):
            user = accounts.register_user(f"shopper{number}@bench.example", "Bench-pass-123", "Shopper")
            identity = orderers.add_identity(user, real_name="王小明", id_number=VALID_ID, consent=True,
                                             channel="api", now=utcnow())
            address = orderers.add_address(user, dict(ADDRESS), now=utcnow())
            db.session.flush()
            made.append((user.email, {"identity_id": identity.id, "address_id": address.id}))
        db.session.commit()
    client = app.test_client()
    return [(_token(client, email), body) for email, body in made]


def _token(client, email: str) -> str:
    response = client.post("/api/v1/auth/tokens", json={"email": email, "password": "Bench-pass-123"})
    return response.get_json()["token"]


def _together(calls: list) -> tuple[float, list]:
    """Run the calls on CONCURRENCY threads; seconds taken and every answer's status."""
    pending, statuses, lock = list(calls), [], threading.Lock()

    def worker():
        while True:
            with lock:
                if not pending:
                    return
                call = pending.pop()
            status = call()
            with lock:
                statuses.append(status)

    threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, statuses


def _rate(app, make_call, count: int) -> dict:
    seconds, statuses = _together([make_call(number) for number in range(count)])
    errors = sum(1 for status in statuses if status >= 500)
    return {"requests": count, "per_second": round(count / seconds, 1), "server_errors": errors}


def _post(app, token: str, path: str, body: dict, **headers) -> int:
    headers["Authorization"] = f"Bearer {token}"
    return app.test_client().post(path, json=body, headers=headers).status_code


def _fill(app, shoppers, sku_id: int) -> None:
    for token, _ in shoppers:
        _post(app, token, "/api/v1/cart/items", {"sku_id": sku_id, "quantity": 1, "route": "direct_mail"})


def run() -> None:
    # A request holds its connection while its inline jobs (run right after its commit) take a
    # second one: threads in one process need twice the pool a gunicorn worker does.
    url = os.environ.get("BENCH_DATABASE_URL", "")
    options = {"pool_size": 2 * CONCURRENCY + 2, "max_overflow": 10} if url.startswith("postgres") else {}
    app = bench_app(SQLALCHEMY_ENGINE_OPTIONS=options)

    @app.route("/bench/hello")
    def bench_hello():
        return "hello"

    sku_id = _catalogue(app, stock=SHOPPERS * 2)
    shoppers = _shoppers(app, SHOPPERS)
    _fill(app, shoppers, sku_id)
    hello = _rate(app, lambda n: lambda: app.test_client().get("/bench/hello").status_code, SHOPPERS)
    quote = _rate(app, lambda n: lambda: _post(app, shoppers[n][0], "/api/v1/checkout/quote", shoppers[n][1]),
                  SHOPPERS)
    place = _rate(app, lambda n: lambda: _post(app, shoppers[n][0], "/api/v1/checkout",
                                               {**shoppers[n][1], "payment_method": "card"}), SHOPPERS)
    figures = {"database": app.config["SQLALCHEMY_DATABASE_URI"].split(":")[0], "concurrency": CONCURRENCY,
               "hello": hello, "quote": quote, "place": place,
               "quote_ratio_to_hello": round(quote["per_second"] / hello["per_second"], 3),
               "place_ratio_to_hello": round(place["per_second"] / hello["per_second"], 3)}
    figures["hot_sku"] = _hot_sku(app, shoppers)
    report("checkout", figures)


def _hot_sku(app, shoppers) -> dict:
    """Every shopper races for the last HOT_UNITS units of one SKU."""
    from sqlalchemy import func, select

    from marketplace.extensions import db
    from marketplace.orders.models import OrderLine

    hot = _catalogue(app, stock=HOT_UNITS)
    _fill(app, shoppers, hot)
    calls = [lambda token=token, body=body: _post(app, token, "/api/v1/checkout",
                                                  {**body, "payment_method": "card"})
             for token, body in shoppers]
    seconds, statuses = _together(calls)
    with app.app_context():
        sold = db.session.scalar(select(func.count()).select_from(OrderLine).where(OrderLine.sku_id == hot))
    return {"shoppers": len(shoppers), "units": HOT_UNITS, "orders": sold, "seconds": round(seconds, 2),
            "placed": statuses.count(201), "refused_422": statuses.count(422),
            "server_errors": sum(1 for status in statuses if status >= 500)}
