"""Fifty shoppers racing for the last five units: exactly five get one, the others are told it
is out of stock, and stock never goes below zero. Each thread has its own app context, session
and connection, and every reservation is committed for real."""
import threading
import time
from datetime import timedelta

from sqlalchemy import func, select

from marketplace.core.clock import utcnow
from marketplace.extensions import db
from marketplace.inventory import services as inventory
from marketplace.inventory.errors import OutOfStock
from marketplace.inventory.models import StockLevel, StockReservation
from tests.catalog_builders import listing

RACERS = 50
UNITS = 5


def stocked_sku(app, make) -> tuple[int, int]:
    owner = make.buyer()
    with app.app_context():
        sku = listing(owner.shop.id, stock=UNITS).skus[0]
        db.session.commit()
        return owner.shop.id, sku.id


def stock_of(sku_id: int) -> tuple[int, int]:
    return tuple(db.session.execute(select(StockLevel.on_hand, StockLevel.reserved)
                                    .where(StockLevel.sku_id == sku_id)).one())


def test_fifty_shoppers_racing_for_five_units(app, make, committed_db):
    shop_id, sku_id = stocked_sku(app, make)
    start, outcomes, lowest = threading.Barrier(RACERS), [], []
    racing = threading.Event()
    racing.set()

    def race(number: int) -> None:
        with app.app_context():
            start.wait()
            now = utcnow()
            try:
                inventory.reserve(f"checkout:{number}", [(shop_id, sku_id, "buyer", 1)],
                                     expires_at=now + timedelta(minutes=30), now=now)
                db.session.commit()
                outcomes.append("reserved")
            except OutOfStock as refusal:
                db.session.rollback()
                outcomes.append((refusal.code, refusal.shortages[0].available))
            except Exception as error:  # noqa: BLE001 - any other failure is what the test looks for
                db.session.rollback()
                outcomes.append(repr(error))
            finally:
                db.session.remove()

    def watch() -> None:
        """What other connections see while the race runs: never fewer than zero units."""
        with app.app_context():
            while racing.is_set():
                on_hand, reserved = stock_of(sku_id)
                db.session.rollback()
                lowest.append(on_hand - reserved)
                time.sleep(0.005)
            db.session.remove()

    watcher = threading.Thread(target=watch)
    threads = [threading.Thread(target=race, args=(number,)) for number in range(RACERS)]
    began = time.monotonic()
    watcher.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    racing.clear()
    watcher.join()
    elapsed = time.monotonic() - began

    assert not any(thread.is_alive() for thread in threads), "a racer is stuck"
    assert outcomes.count("reserved") == UNITS
    assert sorted(outcome for outcome in outcomes if outcome != "reserved") == [("out_of_stock", 0)] * (
        RACERS - UNITS)
    assert lowest and min(lowest) >= 0
    with app.app_context():
        assert stock_of(sku_id) == (UNITS, UNITS)
        held = db.session.scalar(select(func.count()).select_from(StockReservation)
                                 .where(StockReservation.sku_id == sku_id, StockReservation.status == "held"))
        assert held == UNITS
    assert elapsed < 20, f"the race took {elapsed:.1f}s"
