"""Stock rows: units of one SKU at one location, ``buyer`` for the shop's own direct-mail stock
or a bonded warehouse's code; and the reservations that hold some of those units for a while."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.core.types import UTCDateTime
from marketplace.extensions import db
from marketplace.shops.tenancy import ShopOwned

BUYER_LOCATION = "buyer"

HELD, COMMITTED, RELEASED = "held", "committed", "released"
RESERVATION_STATUSES = (HELD, COMMITTED, RELEASED)
HOLDER_LENGTH = 80


class StockLevel(ShopOwned, db.Model):
    """Units of one SKU at one location. Reservations change ``reserved`` by conditional UPDATE."""

    __tablename__ = "stock_levels"
    __table_args__ = (UniqueConstraint("sku_id", "location"),
                      CheckConstraint("reserved >= 0 AND reserved <= on_hand", name="reserved_within"))

    id: Mapped[int] = mapped_column(primary_key=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("skus.id", ondelete="CASCADE"), nullable=False)
    location: Mapped[str] = mapped_column(String(40), nullable=False)
    on_hand: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    reserved: Mapped[int] = mapped_column(Integer, default=0, nullable=False)

    @property
    def available(self) -> int:
        return self.on_hand - self.reserved


class StockReservation(ShopOwned, db.Model):
    """Units of one stock row held for a ``holder`` (an opaque name the caller chooses, such as
    ``checkout:42``) until ``expires_at``. A held reservation counts in its row's ``reserved``;
    it ends once, either committed (the units left with an order) or released (given back)."""

    __tablename__ = "stock_reservations"
    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_positive"),
                      CheckConstraint("status IN ('held', 'committed', 'released')", name="status_known"),
                      Index("ix_stock_reservations_due", "status", "expires_at"),
                      Index("ix_stock_reservations_holder", "holder"))

    id: Mapped[int] = mapped_column(primary_key=True)
    stock_level_id: Mapped[int] = mapped_column(ForeignKey("stock_levels.id", ondelete="CASCADE"),
                                                nullable=False)
    # Copies of the stock row's key: locks are taken in (sku_id, location) order.
    sku_id: Mapped[int] = mapped_column(ForeignKey("skus.id", ondelete="CASCADE"), nullable=False)
    location: Mapped[str] = mapped_column(String(40), nullable=False)
    quantity: Mapped[int] = mapped_column(Integer, nullable=False)
    holder: Mapped[str] = mapped_column(String(HOLDER_LENGTH), nullable=False)
    status: Mapped[str] = mapped_column(String(20), default=HELD, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    # When it was committed or released.
    settled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
