"""Writing checkouts and orders (this package owns their tables) and reading them back.

``record_checkout`` writes what the checkout package computed, as plain records: every amount,
rate and personal detail is copied onto the rows, so a later change of a price, an FX rate, a
tax rate, an identity or an address never alters a placed order. Moves of an order's status go
through ``states.ORDER`` and leave a timeline event.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from marketplace.core.errors import NotFound
from marketplace.customs.limits import quota_year_bounds
from marketplace.extensions import db
from marketplace.orders.models import Checkout, Order, OrderEvent, OrderLine
from marketplace.orders.states import COUNTS_TOWARDS_QUOTA, OPEN, ORDER


@dataclass(frozen=True)
class LineRecord:
    """One order line's columns (``OrderLine``), as the checkout priced and taxed it."""

    values: dict


@dataclass(frozen=True)
class OrderRecord:
    shop_id: int
    values: dict  # ``Order`` columns other than the checkout's, the shop's and the orderer's
    lines: list[LineRecord] = field(default_factory=list)


def record_checkout(shopper, *, checkout: dict, orderer: dict, consignee: dict,
                    orders: list[OrderRecord], now: datetime) -> Checkout:
    """Write a checkout and its orders awaiting payment, each with its first timeline event."""
    row = Checkout(user_id=shopper.id, status="awaiting_payment", created_at=now, updated_at=now, **checkout)
    db.session.add(row)
    db.session.flush()
    for record in orders:
        order = Order(checkout_id=row.id, user_id=shopper.id, shop_id=record.shop_id,
                      status="awaiting_payment", fx_rates=row.fx_rates, created_at=now, updated_at=now,
                      **orderer, **consignee, **record.values)
        order.lines = [OrderLine(shop_id=record.shop_id, **line.values) for line in record.lines]
        order.events = [OrderEvent(shop_id=record.shop_id, at=now, status="awaiting_payment", who="shopper",
                                   actor_id=shopper.id)]
        db.session.add(order)
    db.session.flush()
    return row


def quota_used(orderer_index: str, year: int) -> Decimal:
    """The dutiable value the person (by their identity's blind index, across accounts) has
    imported through cross-border orders paid in ``year``; cancelled and refunded orders give
    theirs back, postal parcels have no quota."""
    start, end = quota_year_bounds(year)
    statement = select(func.coalesce(func.sum(Order.dutiable_value), 0)).where(
        Order.orderer_index == orderer_index, Order.status.in_(COUNTS_TOWARDS_QUOTA),
        Order.customs_regime != "postal", Order.paid_at >= start, Order.paid_at < end)
    return Decimal(db.session.scalar(statement)).quantize(Decimal("0.01"))


def identity_has_open_orders(identity) -> bool:
    """For ``orderers``: an identity an open order names cannot be deleted."""
    statement = select(Order.id).join(Checkout, Checkout.id == Order.checkout_id).where(
        Checkout.identity_id == identity.id, Order.status.in_(OPEN)).limit(1)
    return db.session.scalar(statement) is not None


# --- Reading -----------------------------------------------------------------------------------

def shopper_orders(shopper, *, status: str | None = None) -> Select:
    statement = select(Order).where(Order.user_id == shopper.id).options(
        selectinload(Order.lines), selectinload(Order.events), selectinload(Order.shop))
    if status:
        statement = statement.where(Order.status == status)
    return statement.order_by(Order.id.desc())


def shopper_order(shopper, order_id) -> Order:
    """The shopper's own order; anyone else's is as absent as a missing one."""
    order = None
    if isinstance(order_id, int) and 0 < order_id < 2**63:
        order = db.session.scalar(shopper_orders(shopper).where(Order.id == order_id))
    if order is None:
        raise NotFound(str(_l("There is no such order.")))
    return order


def checkout_of(shopper, checkout_id: int) -> Checkout:
    statement = select(Checkout).where(Checkout.id == checkout_id, Checkout.user_id == shopper.id)
    checkout = db.session.scalar(statement.options(selectinload(Checkout.orders)))
    if checkout is None:
        raise NotFound(str(_l("There is no such checkout.")))
    return checkout


def checkout_by_key(shopper, key: str) -> Checkout | None:
    return db.session.scalar(select(Checkout).where(Checkout.user_id == shopper.id,
                                                    Checkout.idempotency_key == key))


# --- Moving -----------------------------------------------------------------------------------

def move(order: Order, target: str, *, actor, who: str, now: datetime, note: str | None = None) -> None:
    """One checked step of the order's state machine, audited and added to its timeline."""
    ORDER.move(order, target, actor=actor, who=who, now=now, note=note)
    order.events.append(OrderEvent(shop_id=order.shop_id, at=now, status=target, who=who,
                                   actor_id=getattr(actor, "id", None), note=note))
    order.updated_at = now


def mark_checkout_paid(checkout: Checkout, *, now: datetime) -> None:
    checkout.status, checkout.paid_at, checkout.updated_at = "paid", now, now
    for order in checkout.orders:
        move(order, "paid", actor=None, who="system", now=now)
        order.paid_at = now
    db.session.flush()


def close_checkout(checkout: Checkout, status: str, *, actor, who: str, now: datetime,
                   note: str | None = None) -> None:
    """``expired`` or ``cancelled`` before payment: every order is cancelled."""
    checkout.status, checkout.updated_at = status, now
    for order in checkout.orders:
        if order.status == "awaiting_payment":
            move(order, "cancelled", actor=actor, who=who, now=now, note=note)
    db.session.flush()


def expired_checkouts(now: datetime, *, limit: int = 100) -> list[Checkout]:
    return list(db.session.scalars(select(Checkout).where(Checkout.status == "awaiting_payment",
                                                          Checkout.expires_at <= now)
                                   .order_by(Checkout.expires_at).limit(limit)
                                   .options(selectinload(Checkout.orders))))


def checkout_by_id(checkout_id: int) -> Checkout:
    """Any checkout, for the system's own work (payments, expiry): never for a shopper's request."""
    return db.session.scalar(select(Checkout).where(Checkout.id == checkout_id)
                             .options(selectinload(Checkout.orders)))
