"""The catalogue: categories, listings, SKUs and images.

A listing's public content lives on the listing itself; an edit of a live listing is held as a
pending ``ListingRevision`` until review approves it (the Buyers issue builds that flow).
Stock is one row per (SKU, location), owned and written by ``marketplace.inventory``.
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import false as sql_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.core.models import Timestamped
from marketplace.core.types import Amount, UTCDateTime
from marketplace.extensions import db
from marketplace.inventory.models import StockLevel
from marketplace.shops.tenancy import ShopOwned

LISTING_STATUSES = ("draft", "pending_review", "live", "rejected", "changes_requested", "delisted",
                    "suspended")
ROUTES = ("direct_mail", "bonded")


class Category(db.Model):
    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    name_zh: Mapped[str] = mapped_column(String(80), nullable=False)
    name_en: Mapped[str] = mapped_column(String(80), nullable=False)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0, nullable=False)

    parent = relationship("Category", remote_side=[id], back_populates="children")
    children = relationship("Category", back_populates="parent", order_by="Category.position")

    def name(self, locale: str) -> str:
        return self.name_zh if str(locale).startswith("zh") else self.name_en


class Listing(ShopOwned, Timestamped, db.Model):
    __tablename__ = "listings"
    # The shop's newest live listings, and the newest overall: pages read these on every view.
    __table_args__ = (Index("ix_listings_shop_status_published", "shop_id", "status", "published_at"),
                      Index("ix_listings_status_published", "status", "published_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True, nullable=False)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"), index=True, nullable=False)
    tax_category_id: Mapped[int] = mapped_column(ForeignKey("tax_categories.id"), nullable=False)
    brand: Mapped[str] = mapped_column(String(80), nullable=False)
    title_zh: Mapped[str] = mapped_column(String(200), nullable=False)
    title_en: Mapped[str | None] = mapped_column(String(200))
    title_local: Mapped[str | None] = mapped_column(String(200))
    description_zh: Mapped[str] = mapped_column(Text, default="", nullable=False)
    description_en: Mapped[str | None] = mapped_column(Text)
    description_local: Mapped[str | None] = mapped_column(Text)
    origin_country: Mapped[str] = mapped_column(String(2), nullable=False)
    routes: Mapped[list] = mapped_column(JSON, default=list, nullable=False)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sales_count: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    # The authenticity proof (a receipt photo): a private file, reachable only by signed link.
    proof_key: Mapped[str | None] = mapped_column(String(255))
    # The latest review decision's reason codes and note, shown to the buyer.
    review_reasons: Mapped[list] = mapped_column(JSON, default=list, server_default="[]", nullable=False)
    review_note: Mapped[str | None] = mapped_column(Text)

    category = relationship("Category")
    tax_category = relationship("TaxCategory")
    shop = relationship("Shop")
    skus = relationship("Sku", back_populates="listing", order_by="Sku.id",
                        cascade="all, delete-orphan")
    images = relationship("ListingImage", back_populates="listing", order_by="ListingImage.position",
                          cascade="all, delete-orphan")


class Sku(ShopOwned, db.Model):
    __tablename__ = "skus"
    __table_args__ = (UniqueConstraint("shop_id", "code"),
                      CheckConstraint("price >= 0", name="price_not_negative"),
                      CheckConstraint("weight_g > 0", name="weight_positive"))

    id: Mapped[int] = mapped_column(primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"), index=True,
                                            nullable=False)
    code: Mapped[str] = mapped_column(String(64), nullable=False)
    options: Mapped[dict] = mapped_column(JSON, default=dict, nullable=False)
    price: Mapped[Decimal] = mapped_column(Amount(), nullable=False)
    currency: Mapped[str] = mapped_column(String(3), nullable=False)
    weight_g: Mapped[int] = mapped_column(Integer, nullable=False)

    listing = relationship("Listing", back_populates="skus")
    stock_levels = relationship(StockLevel, cascade="all, delete-orphan")  # written by inventory


class ListingImage(ShopOwned, db.Model):
    __tablename__ = "listing_images"

    id: Mapped[int] = mapped_column(primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"), index=True,
                                            nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    storage_key: Mapped[str] = mapped_column(String(255), nullable=False)
    width: Mapped[int] = mapped_column(Integer, nullable=False)
    height: Mapped[int] = mapped_column(Integer, nullable=False)
    # {"200": key, "600": key, "1200": key} once the thumbnail job has run.
    thumbnails: Mapped[dict] = mapped_column(JSON, default=dict, nullable=False)
    phash: Mapped[str | None] = mapped_column(String(32), index=True)
    # Added to a published listing and waiting for its revision's review: not shown to shoppers.
    pending: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sql_false(), nullable=False)

    listing = relationship("Listing", back_populates="images")


REVISION_STATUSES = ("pending", "approved", "rejected")


class ListingRevision(ShopOwned, Timestamped, db.Model):
    """Proposed changes to a published listing, held until review decides. ``content`` holds the
    listing fields as the API writes them, ``skus`` a whole new SKU list (or null) and ``prices``
    price changes too large to apply at once (``{sku code: amount}``)."""

    __tablename__ = "listing_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"), index=True,
                                            nullable=False)
    status: Mapped[str] = mapped_column(String(20), default="pending", nullable=False)
    content: Mapped[dict] = mapped_column(JSON, default=dict, nullable=False)
    skus: Mapped[list | None] = mapped_column(JSON)
    prices: Mapped[dict] = mapped_column(JSON, default=dict, nullable=False)
    reasons: Mapped[list] = mapped_column(JSON, default=list, nullable=False)
    note: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    listing = relationship("Listing")


class SkuPrice(ShopOwned, db.Model):
    """Every price a SKU has had, from when: the 50%-in-a-day rule compares against these."""

    __tablename__ = "sku_prices"

    id: Mapped[int] = mapped_column(primary_key=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("skus.id", ondelete="CASCADE"), index=True, nullable=False)
    price: Mapped[Decimal] = mapped_column(Amount(), nullable=False)
    effective_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
