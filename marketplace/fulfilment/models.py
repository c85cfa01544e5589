"""The inbound notices that bring a shop's stock into a bonded warehouse."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.core.types import UTCDateTime
from marketplace.extensions import db
from marketplace.shops.tenancy import ShopOwned

INBOUND_STATUSES = ("announced", "received", "cancelled")


class InboundNotice(ShopOwned, db.Model):
    """Stock a shop sends into a bonded warehouse. It becomes sellable bonded stock only when the
    warehouse has received it and confirmed what arrived."""

    __tablename__ = "inbound_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"), index=True, nullable=False)
    status: Mapped[str] = mapped_column(String(12), default="announced", index=True, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    warehouse = relationship("Warehouse")
    lines = relationship("InboundLine", back_populates="notice", order_by="InboundLine.id",
                         cascade="all, delete-orphan")


class InboundLine(ShopOwned, db.Model):
    __tablename__ = "inbound_lines"
    __table_args__ = (UniqueConstraint("inbound_id", "sku_id"),
                      CheckConstraint("quantity_announced > 0", name="announced_positive"),
                      CheckConstraint("quantity_received >= 0", name="received_not_negative"))

    id: Mapped[int] = mapped_column(primary_key=True)
    inbound_id: Mapped[int] = mapped_column(ForeignKey("inbound_notices.id", ondelete="CASCADE"), index=True,
                                            nullable=False)
    sku_id: Mapped[int] = mapped_column(ForeignKey("skus.id"), index=True, nullable=False)
    quantity_announced: Mapped[int] = mapped_column(Integer, nullable=False)
    quantity_received: Mapped[int | None] = mapped_column(Integer)

    notice = relationship("InboundNotice", back_populates="lines")
    sku = relationship("Sku")
