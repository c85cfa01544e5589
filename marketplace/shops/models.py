"""The shop: a certified buyer's storefront, and the tenant of every shop-owned row."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.core.models import Timestamped
from marketplace.core.types import Amount
from marketplace.extensions import db

# How the shop's direct-mail parcels clear customs: cross-border e-commerce (9610) or as
# personal postal articles.
CUSTOMS_REGIMES = ("cbec", "postal")


class Shop(Timestamped, db.Model):
    __tablename__ = "shops"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True, nullable=False)
    slug: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    description: Mapped[str] = mapped_column(Text, default="", nullable=False)
    country: Mapped[str] = mapped_column(String(2), nullable=False)
    currency: Mapped[str] = mapped_column(String(3), nullable=False)
    level: Mapped[int] = mapped_column(Integer, default=1, nullable=False)
    avatar_key: Mapped[str | None] = mapped_column(String(255))
    # Direct-mail rate card in CNY: base fee per parcel plus a fee per started kilogram; an order
    # whose goods reach ``free_over`` ships free (null: never free).
    direct_mail_base: Mapped[Decimal] = mapped_column(Amount(), default=Decimal(0), nullable=False)
    direct_mail_per_kg: Mapped[Decimal] = mapped_column(Amount(), default=Decimal(0), nullable=False)
    direct_mail_free_over: Mapped[Decimal | None] = mapped_column(Amount())
    customs_regime: Mapped[str] = mapped_column(String(10), default="cbec", nullable=False)
    returns_no_reason: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)

    owner = relationship("User", back_populates="shop")

    def __repr__(self) -> str:
        return f"<Shop {self.slug}>"
