"""A buyer application and its private documents."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.core.models import Timestamped
from marketplace.core.types import UTCDateTime
from marketplace.extensions import db

APPLICATION_STATUSES = ("draft", "submitted", "approved", "rejected", "changes_requested")
# A user has at most one application in these statuses; after a rejection they may apply again.
OPEN_STATUSES = ("draft", "submitted", "changes_requested")
EDITABLE_STATUSES = ("draft", "changes_requested")
DOCUMENT_KINDS = ("identity", "residence", "sourcing")

_OPEN = text("status IN ('draft', 'submitted', 'changes_requested')")


class BuyerApplication(Timestamped, db.Model):
    __tablename__ = "buyer_applications"
    # The partial unique index is the last word when two creates race past the service's check.
    __table_args__ = (Index("uq_buyer_applications_one_open", "applicant_id", unique=True,
                            postgresql_where=_OPEN, sqlite_where=_OPEN),)

    id: Mapped[int] = mapped_column(primary_key=True)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True, nullable=False)
    status: Mapped[str] = mapped_column(String(20), default="draft", nullable=False)
    legal_name: Mapped[str] = mapped_column(String(120), nullable=False)
    country: Mapped[str] = mapped_column(String(2), nullable=False)
    city: Mapped[str] = mapped_column(String(80), nullable=False)
    languages: Mapped[list] = mapped_column(JSON, default=list, nullable=False)
    categories: Mapped[list] = mapped_column(JSON, default=list, nullable=False)
    bio: Mapped[str] = mapped_column(Text, nullable=False)
    social_links: Mapped[list] = mapped_column(JSON, default=list, nullable=False)
    # The name the shop opens under on approval; the legal name when left empty.
    shop_name: Mapped[str | None] = mapped_column(String(120))
    # The last decision's reason codes and note to the applicant (cleared on resubmission; the
    # audit log keeps every one).
    reasons: Mapped[list] = mapped_column(JSON, default=list, nullable=False)
    note: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    shop_id: Mapped[int | None] = mapped_column(ForeignKey("shops.id"))

    applicant = relationship("User", foreign_keys=[applicant_id])
    documents = relationship("ApplicationDocument", back_populates="application", lazy="selectin",
                             order_by="ApplicationDocument.id", cascade="all, delete-orphan")

    def document(self, kind: str) -> ApplicationDocument | None:
        return next((document for document in self.documents if document.kind == kind), None)

    @property
    def missing_kinds(self) -> list[str]:
        return [kind for kind in DOCUMENT_KINDS if self.document(kind) is None]

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def __repr__(self) -> str:
        return f"<BuyerApplication {self.id} {self.status}>"


class ApplicationDocument(db.Model):
    """One document per kind; a new upload of a kind replaces the row and its file."""

    __tablename__ = "application_documents"
    __table_args__ = (UniqueConstraint("application_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("buyer_applications.id", ondelete="CASCADE"),
                                                nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    # A private key (never under public/): reachable only through a signed, expiring link.
    storage_key: Mapped[str] = mapped_column(String(255), unique=True, nullable=False)
    filename: Mapped[str] = mapped_column(String(255), nullable=False)
    content_type: Mapped[str] = mapped_column(String(60), nullable=False)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)

    application = relationship("BuyerApplication", back_populates="documents")
