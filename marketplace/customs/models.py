"""The tax table: data the admin maintains, read by the tax engine; and the customs filings of
each paid order."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.core.models import Timestamped
from marketplace.core.types import Rate, UTCDateTime
from marketplace.extensions import db


class TaxCategory(Timestamped, db.Model):
    __tablename__ = "tax_categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True, nullable=False)
    name_zh: Mapped[str] = mapped_column(String(80), nullable=False)
    name_en: Mapped[str] = mapped_column(String(80), nullable=False)
    vat_rate: Mapped[Decimal] = mapped_column(Rate(), nullable=False)
    consumption_tax_rate: Mapped[Decimal] = mapped_column(Rate(), nullable=False)
    tariff_rate: Mapped[Decimal] = mapped_column(Rate(), nullable=False)
    postal_rate: Mapped[Decimal] = mapped_column(Rate(), nullable=False)
    # Goods of this category may be imported through cross-border e-commerce (positive list).
    on_positive_list: Mapped[bool] = mapped_column(default=True, nullable=False)

    def name(self, locale: str) -> str:
        return self.name_zh if str(locale).startswith("zh") else self.name_en


FILING_STATUSES = ("pending", "filed", "rejected", "failed")


class CustomsFiling(db.Model):
    """One message of an order filed with customs (order, payment or waybill): at most one per
    order and kind. ``message`` is kept as filed, except that its ID numbers are encrypted
    (``customs.filings``); ``error`` says why it was not filed, for staff."""

    __tablename__ = "customs_filings"
    __table_args__ = (UniqueConstraint("order_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True, nullable=False)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"), index=True, nullable=False)
    kind: Mapped[str] = mapped_column(String(10), nullable=False)
    status: Mapped[str] = mapped_column(String(10), default="pending", nullable=False)
    message: Mapped[dict | None] = mapped_column(JSON)
    gateway: Mapped[str | None] = mapped_column(String(20))
    receipt_number: Mapped[str | None] = mapped_column(String(64))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    filed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
