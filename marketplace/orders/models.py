"""A checkout (what the shopper pays at once) and its orders, order lines and timeline.

Amounts are CNY (``Amount``: exact decimals). The FX rates, tax rates and the orderer's and
consignee's details are copies taken when the checkout is placed; the orderer's ID number stays
encrypted as the identity stored it.
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.core.models import Timestamped
from marketplace.core.types import Amount, Rate, UTCDateTime
from marketplace.extensions import db
from marketplace.shops.tenancy import ShopOwned

CHECKOUT_STATUSES = ("awaiting_payment", "paid", "expired", "cancelled")
ORDER_STATUSES = ("awaiting_payment", "paid", "sourcing", "picking", "shipped", "customs_clearance",
                  "out_for_delivery", "delivered", "completed", "cancelled", "refunded")
PAYMENT_METHODS = ("card", "alipay", "wechat")


class Checkout(Timestamped, db.Model):
    __tablename__ = "checkouts"
    __table_args__ = (UniqueConstraint("user_id", "idempotency_key"),
                      Index("ix_checkouts_status_expires_at", "status", "expires_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True, nullable=False)
    status: Mapped[str] = mapped_column(String(20), default="awaiting_payment", nullable=False)
    identity_id: Mapped[int | None] = mapped_column(ForeignKey("identities.id", ondelete="SET NULL"))
    address_id: Mapped[int | None] = mapped_column(ForeignKey("addresses.id", ondelete="SET NULL"))
    payment_method: Mapped[str] = mapped_column(String(10), nullable=False)
    currency: Mapped[str] = mapped_column(String(3), default="CNY", nullable=False)
    goods: Mapped[Decimal] = mapped_column(Amount(), nullable=False)
    shipping: Mapped[Decimal] = mapped_column(Amount(), nullable=False)
    tax: Mapped[Decimal] = mapped_column(Amount(), nullable=False)
    total: Mapped[Decimal] = mapped_column(Amount(), nullable=False)
    fx_rates: Mapped[dict] = mapped_column(JSON, nullable=False)  # {"USD": "7.2", ...} at checkout
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # ``Idempotency-Key`` of the request that placed it, and a hash of that request's body.
    idempotency_key: Mapped[str | None] = mapped_column(String(100))
    request_hash: Mapped[str | None] = mapped_column(String(64))

    orders = relationship("Order", back_populates="checkout", order_by="Order.id")


class Order(ShopOwned, Timestamped, db.Model):
    __tablename__ = "orders"
    __table_args__ = (Index("ix_orders_shop_status", "shop_id", "status"),
                      CheckConstraint("total = goods + shipping + tax - discount", name="total_adds_up"))

    id: Mapped[int] = mapped_column(primary_key=True)
    checkout_id: Mapped[int] = mapped_column(ForeignKey("checkouts.id"), index=True, nullable=False)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True, nullable=False)
    status: Mapped[str] = mapped_column(String(20), default="awaiting_payment", nullable=False)
    route: Mapped[str] = mapped_column(String(16), nullable=False)
    warehouse_code: Mapped[str | None] = mapped_column(String(40))
    # How the parcel clears customs: cbec (9610 direct mail, 1210 bonded), general (a single
    # item over the per-order limit), postal (personal postal articles).
    customs_regime: Mapped[str] = mapped_column(String(10), nullable=False)
    customs_mode: Mapped[str | None] = mapped_column(String(4))
    currency: Mapped[str] = mapped_column(String(3), default="CNY", nullable=False)
    goods: Mapped[Decimal] = mapped_column(Amount(), nullable=False)
    shipping: Mapped[Decimal] = mapped_column(Amount(), nullable=False)
    discount: Mapped[Decimal] = mapped_column(Amount(), default=Decimal(0), nullable=False)
    tax: Mapped[Decimal] = mapped_column(Amount(), nullable=False)
    tariff: Mapped[Decimal] = mapped_column(Amount(), nullable=False)
    consumption_tax: Mapped[Decimal] = mapped_column(Amount(), nullable=False)
    vat: Mapped[Decimal] = mapped_column(Amount(), nullable=False)
    postal_tax: Mapped[Decimal] = mapped_column(Amount(), default=Decimal(0), nullable=False)
    total: Mapped[Decimal] = mapped_column(Amount(), nullable=False)
    dutiable_value: Mapped[Decimal] = mapped_column(Amount(), nullable=False)
    fx_rates: Mapped[dict] = mapped_column(JSON, nullable=False)
    # The orderer (订购人) as the identity was when the order was placed: name and number stay
    # encrypted as the identity stored them; the blind index finds the person's other orders.
    orderer_name_encrypted: Mapped[str] = mapped_column(Text, nullable=False)
    orderer_id_number_encrypted: Mapped[str] = mapped_column(Text, nullable=False)
    orderer_id_masked: Mapped[str] = mapped_column(String(18), nullable=False)
    orderer_index: Mapped[str] = mapped_column(String(64), index=True, nullable=False)
    # The consignee, copied from the address.
    consignee: Mapped[str] = mapped_column(String(30), nullable=False)
    consignee_phone: Mapped[str] = mapped_column(String(11), nullable=False)
    province: Mapped[str] = mapped_column(String(40), nullable=False)
    city: Mapped[str] = mapped_column(String(40), nullable=False)
    district: Mapped[str] = mapped_column(String(40), nullable=False)
    address_line: Mapped[str] = mapped_column(String(120), nullable=False)
    postcode: Mapped[str] = mapped_column(String(6), nullable=False)
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    checkout = relationship("Checkout", back_populates="orders")
    shop = relationship("Shop")
    lines = relationship("OrderLine", back_populates="order", cascade="all, delete-orphan",
                         order_by="OrderLine.id")
    events = relationship("OrderEvent", back_populates="order", cascade="all, delete-orphan",
                          order_by="OrderEvent.id")


class OrderLine(ShopOwned, db.Model):
    __tablename__ = "order_lines"
    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True,
                                          nullable=False)
    # An ordered SKU is archived by the catalogue, never deleted.
    sku_id: Mapped[int] = mapped_column(ForeignKey("skus.id"), index=True, nullable=False)
    listing_id: Mapped[int] = mapped_column(Integer, nullable=False)
    title_zh: Mapped[str] = mapped_column(String(200), nullable=False)
    title_en: Mapped[str | None] = mapped_column(String(200))
    sku_code: Mapped[str] = mapped_column(String(64), nullable=False)
    options: Mapped[dict] = mapped_column(JSON, default=dict, nullable=False)
    quantity: Mapped[int] = mapped_column(Integer, nullable=False)
    weight_g: Mapped[int] = mapped_column(Integer, nullable=False)
    source_price: Mapped[Decimal] = mapped_column(Amount(), nullable=False)
    source_currency: Mapped[str] = mapped_column(String(3), nullable=False)
    fx_rate: Mapped[Decimal] = mapped_column(Rate(), nullable=False)
    unit_price: Mapped[Decimal] = mapped_column(Amount(), nullable=False)  # CNY, rounded to the fen
    goods: Mapped[Decimal] = mapped_column(Amount(), nullable=False)
    freight_share: Mapped[Decimal] = mapped_column(Amount(), nullable=False)
    dutiable_value: Mapped[Decimal] = mapped_column(Amount(), nullable=False)
    tax_code: Mapped[str] = mapped_column(String(40), nullable=False)
    vat_rate: Mapped[Decimal] = mapped_column(Rate(), nullable=False)
    consumption_tax_rate: Mapped[Decimal] = mapped_column(Rate(), nullable=False)
    tariff_rate: Mapped[Decimal] = mapped_column(Rate(), nullable=False)
    postal_rate: Mapped[Decimal] = mapped_column(Rate(), nullable=False)
    tariff: Mapped[Decimal] = mapped_column(Amount(), nullable=False)
    consumption_tax: Mapped[Decimal] = mapped_column(Amount(), nullable=False)
    vat: Mapped[Decimal] = mapped_column(Amount(), nullable=False)
    postal_tax: Mapped[Decimal] = mapped_column(Amount(), default=Decimal(0), nullable=False)
    tax: Mapped[Decimal] = mapped_column(Amount(), nullable=False)

    order = relationship("Order", back_populates="lines")


class OrderEvent(ShopOwned, db.Model):
    """One step of the order's timeline: the status it moved to, who moved it, and a note."""

    __tablename__ = "order_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True,
                                          nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    who: Mapped[str] = mapped_column(String(20), nullable=False)  # shopper, buyer, system, ...
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str | None] = mapped_column(Text)

    order = relationship("Order", back_populates="events")
