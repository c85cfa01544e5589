"""Bonded warehouses: the admin registers them with their rate card; operators work in one."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from marketplace.audit import services as audit
from marketplace.core.checks import FieldErrors, add_unique, clean_decimal, clean_text
from marketplace.core.errors import Conflict
from marketplace.extensions import db
from marketplace.money.money import BASE_CURRENCY, round_half_up
from marketplace.warehouses.models import Warehouse

WAREHOUSE_CODE_PATTERN = r"[A-Z0-9_-]+"
# A parcel fee of a million yuan is a typing error, not a rate card.
SHIPPING_FEE_LIMIT = Decimal(1_000_000)


def warehouses() -> list[Warehouse]:
    return list(db.session.scalars(select(Warehouse).order_by(Warehouse.code)))


def warehouse_by_code(code: str) -> Warehouse | None:
    return db.session.scalar(select(Warehouse).where(Warehouse.code == code))


def warehouse_state(warehouse: Warehouse) -> dict:
    """Fees at CNY precision (``"8.00"``), as money is shown everywhere."""
    fees = {"base": warehouse.shipping_base, "per_kg": warehouse.shipping_per_kg}
    return {"code": warehouse.code, "name": warehouse.name, "city": warehouse.city,
            "shipping": {key: str(round_half_up(Decimal(fee), BASE_CURRENCY)) for key, fee in fees.items()}}


def _warehouse_exists() -> Conflict:
    message = str(_l("A warehouse with this code already exists."))
    return Conflict(message, code="warehouse_exists", fields={"code": [message]})


def _clean_warehouse(errors: FieldErrors, code, name, city, shipping: dict) -> dict:
    return {
        "code": clean_text(errors, "code", code, max_length=40, pattern=WAREHOUSE_CODE_PATTERN,
                           pattern_message=_l("Use capital letters, digits, hyphens and underscores.")),
        "name": clean_text(errors, "name", name, max_length=120),
        "city": clean_text(errors, "city", city, max_length=80),
        "shipping_base": clean_decimal(errors, "shipping.base", shipping.get("base"), places=2,
                                       below=SHIPPING_FEE_LIMIT),
        "shipping_per_kg": clean_decimal(errors, "shipping.per_kg", shipping.get("per_kg"), places=2,
                                         below=SHIPPING_FEE_LIMIT),
    }


def create_warehouse(actor, *, code, name, city, shipping: dict, now: datetime) -> Warehouse:
    """``shipping``: ``base`` per parcel and ``per_kg`` per started kilogram, CNY decimals >= 0."""
    errors = FieldErrors()
    values = _clean_warehouse(errors, code, name, city, shipping)
    errors.raise_if_any()
    if warehouse_by_code(values["code"]) is not None:
        raise _warehouse_exists()
    warehouse = Warehouse(**values)
    add_unique(warehouse, _warehouse_exists())
    audit.record(actor, "warehouse.created", "warehouse", warehouse.code, after=warehouse_state(warehouse),
                 now=now)
    return warehouse
