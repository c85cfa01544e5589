"""Holding, committing and releasing stock: the arithmetic, all-or-nothing, idempotent endings,
refused input that changes nothing, and the announcements."""
from contextlib import contextmanager
from datetime import timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from marketplace.core.clock import utcnow
from marketplace.core.errors import ValidationFailed
from marketplace.extensions import db
from marketplace.inventory import services as inventory
from marketplace.inventory.errors import OutOfStock, Shortage
from marketplace.inventory.events import stock_changed
from marketplace.inventory.models import StockLevel, StockReservation
from marketplace.inventory.services import ReservationLine
from tests.inventory.conftest import BONDED, all_levels, level, reservation_count

NOW = utcnow()
ONLY_FIVE = "Only 5 available: lower the quantity to check out."
SOLD_OUT = "Sold out for this delivery. Remove it to check out."
LATER = NOW + timedelta(minutes=30)


def hold(stock, *lines, holder="checkout:1", expires_at=LATER, now=NOW):
    return inventory.reserve(holder, [(stock.shop_id, *line) for line in lines],
                                expires_at=expires_at, now=now)


def statuses(holder: str) -> list[str]:
    return list(db.session.scalars(select(StockReservation.status).where(StockReservation.holder == holder)
                                   .order_by(StockReservation.id)))


@contextmanager
def announcements():
    sent = []
    with stock_changed.connected_to(lambda sender=None, *, sku_ids: sent.append(sku_ids)):
        yield sent


def test_reserving_holds_units_without_taking_them(stock):
    held = hold(stock, (stock.cream, "buyer", 2), (stock.cream, BONDED, 1))
    assert level(stock.cream) == (5, 2)
    assert level(stock.cream, BONDED) == (3, 1)
    assert level(stock.serum) == (5, 0)
    assert sorted((row.sku_id, row.location, row.quantity, row.status, row.holder) for row in held) == [
        (stock.cream, BONDED, 1, "held", "checkout:1"), (stock.cream, "buyer", 2, "held", "checkout:1")]
    stored = db.session.get(StockReservation, next(row.id for row in held if row.location == "buyer"))
    assert (stored.shop_id, stored.expires_at, stored.created_at, stored.settled_at) == (stock.shop_id, LATER,
                                                                                      NOW, None)
    assert stored.stock_level_id == db.session.scalar(
        select(StockLevel.id).where(StockLevel.sku_id == stock.cream, StockLevel.location == "buyer"))


def test_loaded_stock_rows_show_the_reservation(stock):
    """A SKU loaded before the reservation reads the new availability in the same session."""
    level_row = db.session.scalar(select(StockLevel).where(StockLevel.sku_id == stock.cream,
                                                           StockLevel.location == "buyer"))
    assert level_row.available == 5
    hold(stock, (stock.cream, "buyer", 4))
    assert level_row.available == 1


def test_loaded_reservations_show_how_they_ended(stock):
    paid = hold(stock, (stock.cream, "buyer", 1), holder="checkout:1")
    cancelled = hold(stock, (stock.cream, "buyer", 1), holder="checkout:2")
    inventory.commit("checkout:1", now=NOW)
    inventory.release("checkout:2", now=NOW)
    assert (paid[0].status, paid[0].settled_at, cancelled[0].status) == ("committed", NOW, "released")


def test_lines_for_the_same_stock_row_are_added_together(stock):
    held = hold(stock, (stock.cream, "buyer", 2), (stock.cream, "buyer", 3))
    assert [row.quantity for row in held] == [5]
    assert level(stock.cream) == (5, 5)


def test_committing_takes_the_units_out_of_stock_once(stock):
    hold(stock, (stock.cream, "buyer", 2), (stock.serum, "buyer", 5))
    committed = inventory.commit("checkout:1", now=NOW + timedelta(minutes=1))
    assert sorted(committed) == [ReservationLine(stock.shop_id, stock.cream, "buyer", 2),
                                 ReservationLine(stock.shop_id, stock.serum, "buyer", 5)]
    assert (level(stock.cream), level(stock.serum)) == ((3, 0), (0, 0))
    assert statuses("checkout:1") == ["committed", "committed"]
    assert inventory.commit("checkout:1", now=NOW + timedelta(minutes=2)) == []
    assert inventory.release("checkout:1", now=NOW + timedelta(minutes=2)) == []
    assert (level(stock.cream), level(stock.serum)) == ((3, 0), (0, 0))
    assert statuses("checkout:1") == ["committed", "committed"]
    settled_at = db.session.scalars(select(StockReservation.settled_at)).all()
    assert settled_at == [NOW + timedelta(minutes=1)] * 2


def test_releasing_gives_the_units_back_once(stock):
    hold(stock, (stock.cream, "buyer", 2), (stock.cream, BONDED, 3))
    released = inventory.release("checkout:1", now=NOW)
    assert [line.quantity for line in sorted(released)] == [3, 2]
    assert (level(stock.cream), level(stock.cream, BONDED)) == ((5, 0), (3, 0))
    assert statuses("checkout:1") == ["released", "released"]
    before = all_levels()
    assert inventory.release("checkout:1", now=NOW) == []
    assert inventory.commit("checkout:1", now=NOW) == []
    assert all_levels() == before
    assert statuses("checkout:1") == ["released", "released"]


def test_releasing_one_holder_leaves_the_others(stock):
    hold(stock, (stock.cream, "buyer", 2), holder="checkout:1")
    hold(stock, (stock.cream, "buyer", 1), holder="checkout:2")
    inventory.release("checkout:1", now=NOW)
    assert level(stock.cream) == (5, 1)
    assert statuses("checkout:2") == ["held"]


def test_an_expired_reservation_cannot_be_committed(stock):
    """Past ``expires_at`` a reservation is as good as released, whether or not the job has run."""
    hold(stock, (stock.cream, "buyer", 2))
    assert inventory.commit("checkout:1", now=LATER) == []
    assert level(stock.cream) == (5, 2)
    assert statuses("checkout:1") == ["held"]


def test_released_units_can_be_reserved_again(stock):
    hold(stock, (stock.cream, "buyer", 5), holder="checkout:1")
    with pytest.raises(OutOfStock):
        hold(stock, (stock.cream, "buyer", 1), holder="checkout:2")
    inventory.release("checkout:1", now=NOW)
    hold(stock, (stock.cream, "buyer", 5), holder="checkout:2")
    assert level(stock.cream) == (5, 5)


# --- All or nothing -------------------------------------------------------------------------

def test_a_short_second_line_undoes_the_first(stock):
    assert stock.cream < stock.serum  # the cream's row is taken first, then given back
    before = all_levels()
    with force_locale("en"), pytest.raises(OutOfStock) as refused:
        hold(stock, (stock.serum, "buyer", 6), (stock.cream, "buyer", 2))
    assert refused.value.shortages == (Shortage(stock.serum, "buyer", 6, 5),)
    assert (refused.value.code, refused.value.status) == ("out_of_stock", 422)
    assert refused.value.fields == {f"skus.{stock.serum}": [ONLY_FIVE]}
    assert refused.value.message == ONLY_FIVE
    assert refused.value.details == {"shortages": [
        {"sku_id": stock.serum, "location": "buyer", "requested": 6, "available": 5}]}
    assert all_levels() == before
    assert reservation_count() == 0


def test_every_short_line_is_named(stock):
    hold(stock, (stock.serum, "buyer", 5), holder="checkout:0")
    with force_locale("en"), pytest.raises(OutOfStock) as refused:
        hold(stock, (stock.cream, "buyer", 6), (stock.serum, "buyer", 1), (stock.cream, BONDED, 1))
    assert refused.value.shortages == (Shortage(stock.cream, "buyer", 6, 5),
                                       Shortage(stock.serum, "buyer", 1, 0))
    assert refused.value.fields == {f"skus.{stock.cream}": [ONLY_FIVE], f"skus.{stock.serum}": [SOLD_OUT]}
    assert (level(stock.cream), level(stock.cream, BONDED), level(stock.serum)) == ((5, 0), (3, 0), (5, 5))
    assert statuses("checkout:1") == []


def test_the_refusal_is_translated(stock):
    with force_locale("zh_CN"), pytest.raises(OutOfStock) as refused:
        hold(stock, (stock.cream, "buyer", 6))
    assert refused.value.message == "仅剩 5 件：请减少数量后再结算。"


# --- Refused input changes nothing -----------------------------------------------------------

@pytest.mark.parametrize("quantity, message", [
    (0, "Between 1 and 2147483647."),
    (-1, "Between 1 and 2147483647."),
    (10**12, "Between 1 and 2147483647."),
    (2.0, "Give a whole number."),
    ("2", "Give a whole number."),
    (True, "Give a whole number."),
    (None, "Give a whole number."),
])
def test_a_quantity_that_is_not_a_positive_whole_number_is_refused(stock, quantity, message):
    before = all_levels()
    with force_locale("en"), pytest.raises(ValidationFailed) as refused:
        hold(stock, (stock.serum, "buyer", 1), (stock.cream, "buyer", quantity))
    assert not isinstance(refused.value, OutOfStock)
    assert refused.value.fields == {f"skus.{stock.cream}": [message]}
    assert all_levels() == before
    assert reservation_count() == 0


def test_a_negative_line_cannot_cancel_out_another(stock):
    with pytest.raises(ValidationFailed):
        hold(stock, (stock.cream, "buyer", 7), (stock.cream, "buyer", -3))
    assert level(stock.cream) == (5, 0)


@pytest.mark.parametrize("line, available", [
    (lambda stock: (stock.shop_id, stock.cream, "buyer", 10**9), 5),
    (lambda stock: (stock.shop_id, 10**6, "buyer", 1), 0),
    (lambda stock: (stock.shop_id, stock.serum, BONDED, 1), 0),
    (lambda stock: (stock.shop_id, stock.cream, "nowhere", 1), 0),
    (lambda stock: (stock.other_shop_id, stock.cream, "buyer", 1), 0),  # not that shop's SKU
    (lambda stock: (stock.shop_id, stock.theirs, "buyer", 1), 0),
])
def test_a_line_without_those_units_is_out_of_stock(stock, line, available):
    shop_id, sku_id, location, quantity = line(stock)
    before = all_levels()
    with pytest.raises(OutOfStock) as refused:
        inventory.reserve("checkout:1", [(stock.shop_id, stock.serum, "buyer", 1), line(stock)],
                             expires_at=LATER, now=NOW)
    assert refused.value.shortages == (Shortage(sku_id, location, quantity, available),)
    assert all_levels() == before
    assert reservation_count() == 0


@pytest.mark.parametrize("holder, lines, expires_at", [
    ("", "one line", LATER),
    ("x" * 81, "one line", LATER),
    (42, "one line", LATER),
    ("checkout:1", [], LATER),
    ("checkout:1", "one line", NOW),
])
def test_a_caller_mistake_is_a_value_error(stock, holder, lines, expires_at):
    lines = [(stock.shop_id, stock.cream, "buyer", 1)] if lines == "one line" else lines
    with pytest.raises(ValueError):
        inventory.reserve(holder, lines, expires_at=expires_at, now=NOW)
    assert level(stock.cream) == (5, 0)
    assert reservation_count() == 0


# --- Announcements ---------------------------------------------------------------------------

def test_every_write_announces_the_skus_it_touched(stock):
    with announcements() as sent:
        hold(stock, (stock.serum, "buyer", 1), (stock.cream, "buyer", 1), (stock.cream, BONDED, 1))
        inventory.commit("checkout:1", now=NOW)
        hold(stock, (stock.serum, "buyer", 1), holder="checkout:2")
        inventory.release("checkout:2", now=NOW)
        hold(stock, (stock.cream, "buyer", 1), holder="checkout:3", expires_at=NOW + timedelta(seconds=1))
        inventory.release_expired(LATER)
    both = sorted([stock.cream, stock.serum])
    assert sent == [both, both, [stock.serum], [stock.serum], [stock.cream], [stock.cream]]


def test_a_refusal_or_a_write_of_nothing_announces_nothing(stock):
    with announcements() as sent:
        with pytest.raises(OutOfStock):
            hold(stock, (stock.cream, "buyer", 2), (stock.serum, "buyer", 9))
        inventory.release("checkout:1", now=NOW)
        inventory.commit("checkout:1", now=NOW)
        inventory.release_expired(LATER)
    assert sent == []


def test_the_shopper_sees_availability_net_of_reservations(stock):
    """The catalogue's SKU (loaded through the catalogue, as the cart does) follows the stock rows."""
    from marketplace.catalog.models import Sku

    sku = db.session.get(Sku, stock.cream)
    assert inventory.available(sku, "direct_mail") == 5
    hold(stock, (stock.cream, "buyer", 3))
    assert inventory.available(sku, "direct_mail") == 2
