"""A cart per shopper, or per guest token; one line per (SKU, route)."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.core.types import Amount, UTCDateTime
from marketplace.extensions import db


class Cart(db.Model):
    __tablename__ = "carts"
    __table_args__ = (CheckConstraint("(user_id IS NULL) <> (guest_token IS NULL)", name="one_owner"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    # A guest's cart is found by this random token, kept in the guest's signed session.
    guest_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)

    lines = relationship("CartLine", back_populates="cart", cascade="all, delete-orphan",
                         order_by="CartLine.id")


class CartLine(db.Model):
    __tablename__ = "cart_lines"
    __table_args__ = (UniqueConstraint("cart_id", "sku_id", "route"),
                      CheckConstraint("quantity > 0", name="quantity_positive"))

    id: Mapped[int] = mapped_column(primary_key=True)
    cart_id: Mapped[int] = mapped_column(ForeignKey("carts.id", ondelete="CASCADE"), index=True,
                                         nullable=False)
    sku_id: Mapped[int] = mapped_column(ForeignKey("skus.id", ondelete="CASCADE"), index=True, nullable=False)
    route: Mapped[str] = mapped_column(String(16), nullable=False)
    quantity: Mapped[int] = mapped_column(Integer, nullable=False)
    # The SKU's price in its own currency when the line was added (or its quantity last set
    # by the shopper): the cart says so when the price has changed since.
    price_seen: Mapped[Decimal] = mapped_column(Amount(), nullable=False)
    currency_seen: Mapped[str] = mapped_column(String(3), nullable=False)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)

    cart = relationship("Cart", back_populates="lines")
    sku = relationship("Sku")
