"""Orderer identities and delivery addresses, each owned by one user and visible to no other."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.core.types import UTCDateTime
from marketplace.extensions import db

CONSENT_CHANNELS = ("api", "web")


class Identity(db.Model):
    """A real-name orderer. The name and the number are stored encrypted (``core.crypto``); the
    number is found by its blind index (the same person across accounts, for the annual limit)
    and shown only masked. Identities are never edited: a correction is a new identity."""

    __tablename__ = "identities"
    __table_args__ = (UniqueConstraint("owner_id", "id_number_index"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True,
                                          nullable=False)
    real_name_encrypted: Mapped[str] = mapped_column(Text, nullable=False)
    id_number_encrypted: Mapped[str] = mapped_column(Text, nullable=False)
    # HMAC-SHA256 of the normalised number (hex); indexed on its own for cross-account lookups.
    id_number_index: Mapped[str] = mapped_column(String(64), index=True, nullable=False)
    id_number_masked: Mapped[str] = mapped_column(String(18), nullable=False)
    # When and through which front door the shopper agreed to the number being stored.
    consented_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    consent_channel: Mapped[str] = mapped_column(String(10), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)

    def __repr__(self) -> str:
        return f"<Identity {self.id} {self.id_number_masked}>"


class Address(db.Model):
    """A mainland delivery address. A shopper with addresses has exactly one default, which the
    partial unique index guarantees even when two requests race."""

    __tablename__ = "addresses"
    __table_args__ = (Index("uq_addresses_one_default", "owner_id", unique=True,
                            sqlite_where=text("is_default"), postgresql_where=text("is_default")),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True,
                                          nullable=False)
    recipient: Mapped[str] = mapped_column(String(30), nullable=False)
    phone: Mapped[str] = mapped_column(String(11), nullable=False)
    province: Mapped[str] = mapped_column(String(40), nullable=False)
    city: Mapped[str] = mapped_column(String(40), nullable=False)
    district: Mapped[str] = mapped_column(String(40), nullable=False)
    line1: Mapped[str] = mapped_column(String(120), nullable=False)
    postcode: Mapped[str] = mapped_column(String(6), nullable=False)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)

    def __repr__(self) -> str:
        return f"<Address {self.id} of user {self.owner_id}>"
