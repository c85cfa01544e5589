"""The shop: a certified buyer's storefront, and the tenant of every shop-owned row."""
from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.core.models import Timestamped
from marketplace.extensions import db


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

    owner = relationship("User", back_populates="shop")

    def __repr__(self) -> str:
        return f"<Shop {self.slug}>"
