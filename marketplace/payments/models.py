"""Payments, the notifications that settled them, and refunds.

Amounts are exact decimals in the payment's currency, set by the server when the payment is
created, never taken from a client. ``checkout_id`` names the checkout the payment is for.
"""
from __future__ import annotations

import secrets
from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.core.types import Amount, UTCDateTime
from marketplace.extensions import db

METHODS = ("card", "alipay", "wechat")
PROVIDERS = ("sandbox", "alipay", "wechatpay")

CREATED, SUCCEEDED, FAILED = "created", "succeeded", "failed"
REFUNDED, PARTIALLY_REFUNDED = "refunded", "partially_refunded"
STATUSES = (CREATED, SUCCEEDED, FAILED, REFUNDED, PARTIALLY_REFUNDED)
REFUNDABLE = (SUCCEEDED, PARTIALLY_REFUNDED)

REFUND_PENDING, REFUND_SUCCEEDED, REFUND_FAILED = "pending", "succeeded", "failed"
REFUND_STATUSES = (REFUND_PENDING, REFUND_SUCCEEDED, REFUND_FAILED)


def new_public_id(prefix: str) -> str:
    """An opaque id that every provider accepts as the merchant's trade number (letters, digits
    and one underscore; at most 32 characters)."""
    return f"{prefix}_{secrets.token_hex(12)}"


class Payment(db.Model):
    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    checkout_id: Mapped[int] = mapped_column(ForeignKey("checkouts.id"), index=True, nullable=False)
    method: Mapped[str] = mapped_column(String(10), nullable=False)
    provider: Mapped[str] = mapped_column(String(20), nullable=False)
    amount: Mapped[Decimal] = mapped_column(Amount(), nullable=False)
    currency: Mapped[str] = mapped_column(String(3), default="CNY", nullable=False)
    status: Mapped[str] = mapped_column(String(20), default=CREATED, nullable=False)
    description: Mapped[str] = mapped_column(String(128), nullable=False)
    # Where the payer goes to pay (the provider's page or QR code link), and where they come back.
    redirect_url: Mapped[str | None] = mapped_column(Text)
    return_url: Mapped[str | None] = mapped_column(Text)
    # As the provider reported them on success: the payer's name where the provider gives it.
    payer_name: Mapped[str | None] = mapped_column(String(60))
    provider_reference: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    refunds = relationship("Refund", back_populates="payment", order_by="Refund.id")


class PaymentNotification(db.Model):
    """One provider notification that was verified and acted on. The unique key makes the same
    event received twice (a provider's retry, a replay) a no-op; the row is written in the same
    transaction as the notification's effect."""

    __tablename__ = "payment_notifications"
    __table_args__ = (UniqueConstraint("provider", "event_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    provider: Mapped[str] = mapped_column(String(20), nullable=False)
    event_id: Mapped[str] = mapped_column(String(128), nullable=False)
    kind: Mapped[str] = mapped_column(String(30), nullable=False)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id"), index=True, nullable=False)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    # ``applied`` (it changed the payment or refund) or ``ignored`` (stale, out of order).
    outcome: Mapped[str] = mapped_column(String(20), nullable=False)


class Refund(db.Model):
    __tablename__ = "payment_refunds"
    __table_args__ = (Index("ix_payment_refunds_payment_status", "payment_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id"), nullable=False)
    amount: Mapped[Decimal] = mapped_column(Amount(), nullable=False)
    currency: Mapped[str] = mapped_column(String(3), nullable=False)
    reason: Mapped[str] = mapped_column(String(200), nullable=False)
    status: Mapped[str] = mapped_column(String(20), default=REFUND_PENDING, nullable=False)
    provider_reference: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    settled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    payment = relationship("Payment", back_populates="refunds")


class SandboxCharge(db.Model):
    """The sandbox provider's own side of a payment: what a real provider keeps on its servers
    (the payer's confirmation, its trade number, what it has refunded). Only the sandbox reads
    and writes it."""

    __tablename__ = "sandbox_charges"

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id"), unique=True, nullable=False)
    outcome: Mapped[str] = mapped_column(String(20), nullable=False)  # succeeded or failed
    payer_name: Mapped[str | None] = mapped_column(String(60))
    amount: Mapped[Decimal] = mapped_column(Amount(), nullable=False)
    currency: Mapped[str] = mapped_column(String(3), nullable=False)
    reference: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    event_id: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    confirmed_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    refunded: Mapped[Decimal] = mapped_column(Amount(), default=Decimal(0), nullable=False)

    payment = relationship("Payment")
