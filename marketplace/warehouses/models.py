"""Bonded warehouses with their rate cards: where bonded stock is kept and shipped from."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.core.models import Timestamped
from marketplace.core.types import Amount
from marketplace.extensions import db


class Warehouse(Timestamped, db.Model):
    __tablename__ = "warehouses"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    city: Mapped[str] = mapped_column(String(80), nullable=False)
    # Rate card in CNY: base fee per parcel plus a fee per started kilogram.
    shipping_base: Mapped[Decimal] = mapped_column(Amount(), nullable=False)
    shipping_per_kg: Mapped[Decimal] = mapped_column(Amount(), nullable=False)
