"""Writing stock and reading availability: the one module where stock changes.

Every change is a conditional UPDATE that the database checks on the row it writes; nothing is
read in Python and then written back. Every write announces ``stock_changed`` for the SKUs it
touched, so the catalogue and search can follow. The caller commits.

A SKU is anything with ``id``, ``shop_id`` and its loaded ``stock_levels`` (the catalogue's
``Sku``): this package sits below the catalogue and never imports it.

Reservations hold units for a holder (``reserve``) until they are committed (``commit``: the
units leave with an order) or released (``release``, ``release_expired``). On PostgreSQL a
waiting UPDATE re-checks its WHERE clause on the row once the lock is free; SQLite lets one
writer in at a time, and each of these functions starts its transaction with a write, so it
waits for the lock instead of failing to upgrade a read lock. Lock order, which keeps PostgreSQL
free of deadlocks: reservation rows by id, then stock rows by (sku_id, location). ``reserve``
takes stock rows only; the others take their reservation rows, then the stock rows. A unit of
work should call one of them once: a second call would take stock rows out of order.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import NamedTuple

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from marketplace.core.checks import FieldErrors
from marketplace.core.errors import ValidationFailed
from marketplace.extensions import db
from marketplace.inventory.errors import OutOfStock, Shortage
from marketplace.inventory.events import stock_changed
from marketplace.inventory.models import (
    BUYER_LOCATION,
    COMMITTED,
    HELD,
    HOLDER_LENGTH,
    RELEASED,
    StockLevel,
    StockReservation,
)

DIRECT_MAIL = "direct_mail"
MAX_QUANTITY = 2**31 - 1  # what an integer column holds on every engine
EXPIRY_BATCH = 500


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


# --- Reservations ----------------------------------------------------------------------------

class ReservationLine(NamedTuple):
    """Units of one stock row, as ``reserve`` takes them and the endings report them."""

    shop_id: int
    sku_id: int
    location: str
    quantity: int

    @property
    def order_key(self) -> tuple:
        return self.sku_id, self.location, self.shop_id


def reserve(holder: str, lines, *, expires_at: datetime, now: datetime) -> list[StockReservation]:
    """Hold ``lines`` (``(shop_id, sku_id, location, quantity)``) for ``holder`` until
    ``expires_at``: all of them or none. Lines for the same stock row are added together.

    Raises ``ValidationFailed`` for a quantity that is not a whole number from 1 to
    ``MAX_QUANTITY``, and ``OutOfStock`` naming every short line; either way nothing has changed."""
    _check_holder(holder)
    if expires_at <= now:
        raise ValueError("a reservation must expire after it is made")
    wanted = _merged(lines)
    with db.session.begin_nested():  # an exception inside rolls back every line taken so far
        taken = [(line, _take(line)) for line in wanted]
        short = [line for line, level_id in taken if level_id is None]
        if short:
            raise OutOfStock(_shortages(short))
        reservations = [StockReservation(shop_id=line.shop_id, stock_level_id=level_id, sku_id=line.sku_id,
                                         location=line.location, quantity=line.quantity, holder=holder,
                                         status=HELD, expires_at=expires_at, created_at=now)
                        for line, level_id in taken]
        db.session.add_all(reservations)
    _announce([level_id for _, level_id in taken], [line.sku_id for line in wanted])
    return reservations


def _check_holder(holder: str) -> None:
    if not isinstance(holder, str) or not 0 < len(holder) <= HOLDER_LENGTH:
        raise ValueError(f"a holder is a name of 1 to {HOLDER_LENGTH} characters")


def _merged(lines) -> list[ReservationLine]:
    """The lines with one entry per stock row, in lock order; every quantity checked."""
    quantities: dict[tuple, int] = defaultdict(int)
    errors = FieldErrors()
    for shop_id, sku_id, location, quantity in lines:
        if isinstance(quantity, bool) or not isinstance(quantity, int):
            errors.add(f"skus.{sku_id}", _l("Give a whole number."))
        elif quantity < 1:
            errors.add(f"skus.{sku_id}", _l("Between 1 and %(max)d.", max=MAX_QUANTITY))
        else:
            quantities[(shop_id, sku_id, location)] += quantity
    for (_, sku_id, _), quantity in quantities.items():
        if quantity > MAX_QUANTITY:
            errors.add(f"skus.{sku_id}", _l("Between 1 and %(max)d.", max=MAX_QUANTITY))
    errors.raise_if_any()
    if not quantities:
        raise ValueError("nothing to reserve")
    merged = [ReservationLine(*key, quantity) for key, quantity in quantities.items()]
    return sorted(merged, key=lambda line: line.order_key)


def _take(line: ReservationLine) -> int | None:
    """Hold the line's units if its stock row has them: the row's id, or None."""
    statement = (update(StockLevel)
                 .where(StockLevel.shop_id == line.shop_id, StockLevel.sku_id == line.sku_id,
                        StockLevel.location == line.location,
                        StockLevel.on_hand - StockLevel.reserved >= line.quantity)
                 .values(reserved=StockLevel.reserved + line.quantity)
                 .returning(StockLevel.id)
                 .execution_options(synchronize_session=False))
    return db.session.scalar(statement)


def _shortages(short: list[ReservationLine]) -> list[Shortage]:
    """What the short lines could have had, read under the locks already taken (a missing stock
    row has nothing)."""
    keys = [and_(StockLevel.shop_id == line.shop_id, StockLevel.sku_id == line.sku_id,
                 StockLevel.location == line.location) for line in short]
    rows = db.session.execute(select(StockLevel.shop_id, StockLevel.sku_id, StockLevel.location,
                                     StockLevel.on_hand - StockLevel.reserved).where(or_(*keys)))
    available = {(shop_id, sku_id, location): units for shop_id, sku_id, location, units in rows}
    return [Shortage(line.sku_id, line.location, line.quantity,
                     max(available.get((line.shop_id, line.sku_id, line.location), 0), 0))
            for line in short]


# --- Ending reservations ---------------------------------------------------------------------

def commit(holder: str, *, now: datetime) -> list[ReservationLine]:
    """The holder's units leave stock (paid): each held, unexpired reservation becomes committed
    and its units come off ``on_hand`` and ``reserved``. Returns what was committed; a second
    call, or a call after expiry, commits nothing and returns an empty list."""
    _check_holder(holder)
    settled = _settle(and_(StockReservation.holder == holder, StockReservation.expires_at > now),
                      COMMITTED, now)
    for level_id, quantity in _per_level(settled):
        _change_level(level_id, quantity, on_hand=StockLevel.on_hand - quantity)
    _announce_settled(settled)
    return [_line(row) for row in settled]


def release(holder: str, *, now: datetime) -> list[ReservationLine]:
    """Give back every unit the holder still holds (cancelled or expired), expired or not.
    Returns what was released; a second call releases nothing."""
    _check_holder(holder)
    return _release(StockReservation.holder == holder, now)


def release_expired(now: datetime, *, batch: int = EXPIRY_BATCH) -> int:
    """Release up to ``batch`` held reservations whose time has passed, in the order they were
    made; how many were released. Safe to run while anyone reserves, commits or releases."""
    return len(_release(StockReservation.expires_at <= now, now, limit=batch))


def _release(condition, now: datetime, *, limit: int | None = None) -> list[ReservationLine]:
    settled = _settle(condition, RELEASED, now, limit=limit)
    for level_id, quantity in _per_level(settled):
        _change_level(level_id, quantity)
    _announce_settled(settled)
    return [_line(row) for row in settled]


def _settle(condition, status: str, now: datetime, *, limit: int | None = None) -> list:
    """End the held reservations matching ``condition`` in one statement; the rows it ended.

    Only the caller whose UPDATE moves a row out of ``held`` gets it back, so of two callers
    racing for the same reservation one settles it and the other sees nothing. The chosen rows
    are locked in id order (PostgreSQL; SQLite has no row locks and needs none), in a CTE that
    PostgreSQL must run once: as a plain subquery a nested loop may run it again per row, each
    run skipping the rows already updated, and the LIMIT would bound nothing."""
    chosen = (select(StockReservation.id).where(StockReservation.status == HELD, condition)
              .order_by(StockReservation.id).limit(limit).with_for_update()
              .cte("chosen").prefix_with("MATERIALIZED", dialect="postgresql"))
    statement = (update(StockReservation)
                 .where(StockReservation.id.in_(select(chosen.c.id)), StockReservation.status == HELD)
                 .values(status=status, settled_at=now)
                 .returning(StockReservation.id, StockReservation.stock_level_id, StockReservation.shop_id,
                            StockReservation.sku_id, StockReservation.location, StockReservation.quantity)
                 .execution_options(synchronize_session=False))
    return db.session.execute(statement).all()


def _per_level(settled) -> list[tuple[int, int]]:
    """(stock row id, units) for each stock row of the settled reservations, in lock order."""
    units: dict[tuple, int] = defaultdict(int)
    for row in settled:
        units[(row.sku_id, row.location, row.stock_level_id)] += row.quantity
    return [(key[2], quantity) for key, quantity in sorted(units.items())]


def _change_level(level_id: int, quantity: int, **values) -> None:
    """Take ``quantity`` off the row's ``reserved`` (and whatever else ``values`` says). The row
    must hold that many reserved units; if it does not, the books are wrong and nothing may be
    written."""
    statement = (update(StockLevel)
                 .where(StockLevel.id == level_id, StockLevel.reserved >= quantity)
                 .values(reserved=StockLevel.reserved - quantity, **values)
                 .execution_options(synchronize_session=False))
    if db.session.execute(statement).rowcount != 1:
        raise RuntimeError(f"stock row {level_id} holds fewer reserved units than its reservations")


def _line(row) -> ReservationLine:
    return ReservationLine(row.shop_id, row.sku_id, row.location, row.quantity)


# --- After every write -----------------------------------------------------------------------

def _announce_settled(settled) -> None:
    if settled:
        _forget_loaded(StockReservation, [row.id for row in settled])
        _announce([row.stock_level_id for row in settled], [row.sku_id for row in settled])


def _announce(level_ids, sku_ids) -> None:
    _forget_loaded(StockLevel, level_ids)
    stock_changed.send(sku_ids=sorted(set(sku_ids)))


def _forget_loaded(model, ids) -> None:
    """Rows this session has loaded are stale after an UPDATE it did not see: reload on next use."""
    ids = set(ids)
    for obj in list(db.session.identity_map.values()):
        if isinstance(obj, model) and obj.id in ids:
            db.session.expire(obj)
