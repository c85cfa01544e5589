"""Writing stock and reading availability. Stock changes by conditional UPDATE in the database,
never read-then-write in Python; every write announces ``stock_changed`` for the SKUs it
touched, so the catalogue and search can follow.

A SKU is anything with ``id``, ``shop_id`` and its loaded ``stock_levels`` (the catalogue's
``Sku``): this package sits below the catalogue and never imports it.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import insert, update
from sqlalchemy.exc import IntegrityError

from marketplace.core.errors import ValidationFailed
from marketplace.extensions import db
from marketplace.inventory.events import stock_changed
from marketplace.inventory.models import BUYER_LOCATION, StockLevel

DIRECT_MAIL = "direct_mail"


def own_level(sku) -> StockLevel | None:
    return next((level for level in sku.stock_levels if level.location == BUYER_LOCATION), None)


def own_stock(sku) -> int:
    """The shop's own (direct-mail) units on hand."""
    level = own_level(sku)
    return level.on_hand if level is not None else 0


def available(sku, route: str) -> int:
    """Units a shopper can buy by ``route``: the shop's own stock for direct mail, the sum over
    bonded warehouses for bonded; reserved units are not available."""
    return sum(max(level.available, 0) for level in sku.stock_levels
               if (level.location == BUYER_LOCATION) == (route == DIRECT_MAIL))


def start_own_stock(sku, quantity: int) -> None:
    """The first stock row of a SKU being created (not flushed yet, so no conditional UPDATE)."""
    sku.stock_levels.append(StockLevel(shop_id=sku.shop_id, location=BUYER_LOCATION, on_hand=quantity))


def set_own_stock(sku, quantity: int, *, field: str = "quantity") -> None:
    """The shop's own stock becomes ``quantity``, by one conditional UPDATE: units reserved by open
    checkouts cannot be taken away underneath them (422 ``stock_reserved``)."""
    level = own_level(sku)
    if level is None:
        start_own_stock(sku, quantity)
        db.session.flush()
    else:
        changed = db.session.execute(
            update(StockLevel).where(StockLevel.id == level.id, StockLevel.reserved <= quantity)
            .values(on_hand=quantity).execution_options(synchronize_session=False)).rowcount
        if not changed:
            message = str(_l("Open checkouts hold more units than this."))
            raise ValidationFailed(message, code="stock_reserved", fields={field: [message]})
        db.session.refresh(level)
    stock_changed.send(sku_ids=[sku.id])


def add_on_hand(shop_id: int, sku_id: int, location: str, quantity: int) -> None:
    """Add units to one (SKU, location) stock row, creating the row when there is none. The
    addition happens in the database; an insert that loses a race with a concurrent one (the
    unique constraint) falls back to the addition."""
    if not _increment(sku_id, location, quantity):
        try:
            with db.session.begin_nested():
                db.session.add(StockLevel(shop_id=shop_id, sku_id=sku_id, location=location,
                                          on_hand=quantity, reserved=0))
        except IntegrityError:
            if not _increment(sku_id, location, quantity):
                raise
    stock_changed.send(sku_ids=[sku_id])


def _increment(sku_id: int, location: str, quantity: int) -> bool:
    statement = (update(StockLevel).where(StockLevel.sku_id == sku_id, StockLevel.location == location)
                 .values(on_hand=StockLevel.on_hand + quantity))
    return db.session.execute(statement).rowcount == 1


def load_levels(rows: list[dict]) -> None:
    """Bulk-load stock rows (``shop_id``, ``sku_id``, ``location``, ``on_hand``) for SKUs created
    in the same unit of work: the demo seeder's and benchmarks' catalogues. Nothing is announced:
    a bulk loader indexes its listings in bulk afterwards (one job per listing would swamp it)."""
    if rows:
        db.session.execute(insert(StockLevel.__table__), [{"reserved": 0, **row} for row in rows])
