"""Reservations whose time has run out give their units back: by batch, and every minute as a job."""
from datetime import timedelta

from sqlalchemy import select

from marketplace.core.clock import utcnow
from marketplace.extensions import db
from marketplace.inventory import services as inventory
from marketplace.inventory.models import StockReservation
from marketplace.jobs.registry import PERIODIC
from marketplace.jobs.runner import run_periodic
from tests.inventory.conftest import level

NOW = utcnow()


def hold(stock, holder: str, quantity: int, minutes: int):
    inventory.reserve(holder, [(stock.shop_id, stock.cream, "buyer", quantity)],
                         expires_at=NOW + timedelta(minutes=minutes), now=NOW)


def status_by_holder() -> dict[str, str]:
    return dict(db.session.execute(select(StockReservation.holder, StockReservation.status)).all())


def test_only_held_reservations_past_their_time_are_released(stock):
    hold(stock, "checkout:expired", 1, minutes=10)
    hold(stock, "checkout:paid", 1, minutes=10)
    hold(stock, "checkout:open", 2, minutes=40)
    inventory.commit("checkout:paid", now=NOW + timedelta(minutes=5))
    now = NOW + timedelta(minutes=10)  # the moment of expiry counts as expired
    assert inventory.release_expired(now) == 1
    assert level(stock.cream) == (4, 2)
    assert status_by_holder() == {"checkout:expired": "released", "checkout:paid": "committed",
                                  "checkout:open": "held"}
    assert inventory.release_expired(now) == 0
    assert level(stock.cream) == (4, 2)


def test_release_expired_works_in_bounded_batches_oldest_first(stock):
    for number in range(5):
        hold(stock, f"checkout:{number}", 1, minutes=1)
    later = NOW + timedelta(hours=1)
    assert inventory.release_expired(later, batch=2) == 2
    assert level(stock.cream) == (5, 3)
    assert [holder for holder, status in status_by_holder().items() if status == "released"] == [
        "checkout:0", "checkout:1"]
    assert [inventory.release_expired(later, batch=2) for _ in range(3)] == [2, 1, 0]
    assert level(stock.cream) == (5, 0)


def test_the_job_runs_every_minute(app):
    job = PERIODIC["inventory.release_expired"]
    assert (job.every, job.queue) == (timedelta(minutes=1), "default")


def test_the_job_releases_expired_reservations_and_commits(stock):
    hold(stock, "checkout:1", 2, minutes=30)
    hold(stock, "checkout:2", 1, minutes=60)
    run_periodic("inventory.release_expired", NOW + timedelta(minutes=45))
    assert level(stock.cream) == (5, 1)
    assert status_by_holder() == {"checkout:1": "released", "checkout:2": "held"}
