"""Exchange rates, kept with their history: a quote uses the rate in force at its time and an
order keeps the snapshot it was placed with."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.core.types import Rate, UTCDateTime
from marketplace.extensions import db


class FxRate(db.Model):
    """CNY per one unit of ``currency``, in force from ``effective_at``."""

    __tablename__ = "fx_rates"
    __table_args__ = (Index("ix_fx_rates_currency_effective", "currency", "effective_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), nullable=False)
    rate: Mapped[Decimal] = mapped_column(Rate(), nullable=False)
    effective_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    source: Mapped[str] = mapped_column(String(40), default="admin", nullable=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
