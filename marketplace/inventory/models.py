"""Stock rows: units of one SKU at one location, ``buyer`` for the shop's own direct-mail stock
or a bonded warehouse's code."""
from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.extensions import db
from marketplace.shops.tenancy import ShopOwned

BUYER_LOCATION = "buyer"


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
