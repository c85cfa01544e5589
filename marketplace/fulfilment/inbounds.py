"""Inbound notices: a shop announces stock it sends into a bonded warehouse; the warehouse
receives it and confirms what arrived, and only then does it become sellable bonded stock
(stock at the warehouse's code, written by ``inventory``)."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from marketplace.audit import services as audit
from marketplace.catalog.models import Sku
from marketplace.core.checks import FieldErrors
from marketplace.core.errors import NotFound
from marketplace.extensions import db
from marketplace.fulfilment.models import InboundLine, InboundNotice
from marketplace.fulfilment.states import BUYER, INBOUND, WAREHOUSE
from marketplace.inventory import services as inventory
from marketplace.warehouses.models import Warehouse
from marketplace.warehouses.services import warehouse_by_code

MAX_LINES = 200
MAX_QUANTITY = 100_000


def inbound_state(notice: InboundNotice) -> dict:
    return {"id": notice.id, "status": notice.status, "warehouse": notice.warehouse.code,
            "created_at": notice.created_at, "received_at": notice.received_at,
            "lines": [{"sku_id": line.sku_id, "sku_code": line.sku.code, "quantity": line.quantity_announced,
                       "quantity_received": line.quantity_received} for line in notice.lines]}


def shop_inbounds(shop, status: str | None = None) -> Select:
    """The shop's notices, newest first, for ``paginate``."""
    statement = (select(InboundNotice).where(InboundNotice.shop_id == shop.id)
                 .options(selectinload(InboundNotice.warehouse),
                          selectinload(InboundNotice.lines).selectinload(InboundLine.sku))
                 .order_by(InboundNotice.id.desc()))
    return statement if status is None else statement.where(InboundNotice.status == status)


def shop_inbound(shop, inbound_id: int) -> InboundNotice:
    notice = db.session.get(InboundNotice, inbound_id)
    if notice is None or notice.shop_id != shop.id:
        raise NotFound(str(_l("There is no such inbound notice.")))
    return notice


def _quantity(errors: FieldErrors, name: str, value, minimum: int) -> int | None:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or isinstance(value, bool):
        errors.add(name, _l("Give a whole number here."))
    elif not minimum <= value <= MAX_QUANTITY:
        errors.add(name, _l("Must be between %(minimum)d and %(maximum)d.", minimum=minimum,
                            maximum=MAX_QUANTITY))
    else:
        return value
    return None


def _shop_skus(shop, lines: list) -> tuple[dict[int, int], dict[str, int]]:
    """The shop's SKU ids named by the lines, by id and by code, in two queries."""
    ids = {line.get("sku_id") for line in lines if isinstance(line.get("sku_id"), int)}
    codes = {line.get("sku_code") for line in lines if isinstance(line.get("sku_code"), str)}
    mine = select(Sku.id).where(Sku.shop_id == shop.id, Sku.id.in_(ids))
    by_id = {sku_id: sku_id for sku_id in db.session.scalars(mine)}
    by_code = dict(db.session.execute(select(Sku.code, Sku.id).where(Sku.shop_id == shop.id,
                                                                     Sku.code.in_(codes))).all())
    return by_id, by_code


def _sku_of(errors: FieldErrors, index: int, line: dict, by_id: dict, by_code: dict) -> int | None:
    """Another shop's SKU is answered exactly like a missing one."""
    if "sku_code" in line and "sku_id" not in line:
        sku_id = by_code.get(line["sku_code"].strip() if isinstance(line["sku_code"], str) else None)
        name, message = f"lines.{index}.sku_code", _l("There is no SKU with this code in your shop.")
    else:
        value = line.get("sku_id")
        sku_id = by_id.get(value) if isinstance(value, int) and not isinstance(value, bool) else None
        name, message = f"lines.{index}.sku_id", _l("There is no SKU with this id in your shop.")
    if sku_id is None:
        errors.add(name, message)
    return sku_id


def _announced_lines(errors: FieldErrors, shop, lines) -> list[tuple[int, int]]:
    if not isinstance(lines, list) or not 1 <= len(lines) <= MAX_LINES:
        errors.add("lines", _l("Give between %(minimum)d and %(maximum)d lines.", minimum=1,
                               maximum=MAX_LINES))
        return []
    lines = [line if isinstance(line, dict) else {} for line in lines]
    by_id, by_code = _shop_skus(shop, lines)
    result, seen = [], set()
    for index, line in enumerate(lines):
        sku_id = _sku_of(errors, index, line, by_id, by_code)
        quantity = _quantity(errors, f"lines.{index}.quantity", line.get("quantity"), minimum=1)
        if sku_id is not None and sku_id in seen:
            errors.add(f"lines.{index}.sku_id", _l("This SKU is already on another line."))
        elif sku_id is not None and quantity is not None:
            result.append((sku_id, quantity))
        seen.add(sku_id)
    return result


def _warehouse(errors: FieldErrors, code) -> Warehouse | None:
    found = warehouse_by_code(code.strip()) if isinstance(code, str) and code.strip() else None
    if found is None:
        errors.add("warehouse", _l("There is no bonded warehouse with this code."))
    return found


def announce_inbound(shop, *, warehouse_code, lines, actor, now: datetime) -> InboundNotice:
    """``lines``: ``[{"sku_id": 12, "quantity": 40}, ...]`` (the pages may name SKUs by
    ``sku_code``). A SKU appears once; quantities are 1..100,000."""
    errors = FieldErrors()
    warehouse = _warehouse(errors, warehouse_code)
    announced = _announced_lines(errors, shop, lines)
    errors.raise_if_any()
    notice = InboundNotice(shop_id=shop.id, warehouse=warehouse, status="announced", created_at=now)
    notice.lines = [InboundLine(shop_id=shop.id, sku_id=sku_id, quantity_announced=quantity)
                    for sku_id, quantity in announced]
    db.session.add(notice)
    db.session.flush()
    audit.record(actor, "inbound.announced", "inbound", notice.id, after=inbound_state(notice), now=now)
    return notice


def cancel_inbound(shop, notice: InboundNotice, *, actor, now: datetime) -> InboundNotice:
    """Only before the warehouse has received it; 409 otherwise."""
    INBOUND.move(notice, "cancelled", actor=actor, who=BUYER, now=now)
    db.session.flush()
    return notice


# --- The warehouse's side ------------------------------------------------------------------------

def _received_quantities(notice: InboundNotice, received_lines) -> dict[int, int]:
    errors, on_notice, received = FieldErrors(), {line.sku_id for line in notice.lines}, {}
    for index, line in enumerate(received_lines if isinstance(received_lines, list) else []):
        line = line if isinstance(line, dict) else {}
        sku_id = line.get("sku_id")
        if sku_id not in on_notice or isinstance(sku_id, bool):
            errors.add(f"lines.{index}.sku_id", _l("This SKU is not on the inbound notice."))
        elif sku_id in received:
            errors.add(f"lines.{index}.sku_id", _l("This SKU is already on another line."))
        quantity = _quantity(errors, f"lines.{index}.quantity_received", line.get("quantity_received"),
                             minimum=0)
        if quantity is not None and sku_id in on_notice:
            received[sku_id] = quantity
    if not isinstance(received_lines, list):
        errors.add("lines", _l("Give a list here."))
    errors.raise_if_any()
    return received


def receive_inbound(warehouse: Warehouse, notice: InboundNotice, received_lines, *, actor,
                    now: datetime) -> InboundNotice:
    """The warehouse confirms what arrived: ``[{"sku_id", "quantity_received"}, ...]``; SKUs not
    mentioned arrived with 0 units. The received units become bonded stock at the warehouse.
    Another warehouse's notice is 404; a notice not announced any more is 409."""
    if notice.warehouse_id != warehouse.id:
        raise NotFound(str(_l("There is no such inbound notice.")))
    received = _received_quantities(notice, received_lines)
    INBOUND.move(notice, "received", actor=actor, who=WAREHOUSE, now=now, details={"lines": received})
    for line in notice.lines:
        line.quantity_received = received.get(line.sku_id, 0)
        if line.quantity_received:
            inventory.add_on_hand(notice.shop_id, line.sku_id, warehouse.code, line.quantity_received)
    notice.received_at = now
    db.session.flush()
    return notice
