"""People, their roles and their API tokens."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.core.models import Timestamped
from marketplace.core.types import UTCDateTime
from marketplace.extensions import db

ROLES = ("shopper", "buyer", "reviewer", "warehouse", "admin")
STAFF_ROLES = ("reviewer", "warehouse", "admin")


class User(Timestamped, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, nullable=False)
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    display_name: Mapped[str] = mapped_column(String(80), nullable=False)
    locale: Mapped[str | None] = mapped_column(String(10))
    is_active: Mapped[bool] = mapped_column(default=True, nullable=False)
    # The bonded warehouse an operator works in; null for everyone else.
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouses.id"))

    role_rows = relationship("UserRole", cascade="all, delete-orphan", lazy="selectin")
    shop = relationship("Shop", back_populates="owner", uselist=False, lazy="selectin")

    @property
    def roles(self) -> list[str]:
        return sorted((row.role for row in self.role_rows), key=ROLES.index)

    def has_role(self, *names: str) -> bool:
        return any(row.role in names for row in self.role_rows)

    # Flask-Login protocol
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return str(self.id)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


class UserRole(db.Model):
    __tablename__ = "user_roles"
    __table_args__ = (UniqueConstraint("user_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    role: Mapped[str] = mapped_column(String(20), nullable=False)


class ApiToken(db.Model):
    """A bearer token. Only its SHA-256 is stored; the caller sees the token once."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True,
                                         nullable=False)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user = relationship("User", lazy="joined")
