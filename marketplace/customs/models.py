"""The tax table: data the admin maintains, read by the tax engine."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.core.models import Timestamped
from marketplace.core.types import Rate
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
