"""The review queue's tasks: one queue for buyer applications and listing revisions (later also
review texts and disputes), and the pre-screening settings the admin can change."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.core.clock import utcnow
from marketplace.core.types import UTCDateTime
from marketplace.extensions import db

TASK_KINDS = ("buyer_application", "listing")
TASK_STATUSES = ("open", "claimed", "awaiting_second_review", "decided")
DECISIONS = ("approve", "reject", "request_changes")
REASON_CODES = ("counterfeit_risk", "prohibited_item", "not_on_positive_list", "insufficient_proof",
                "misleading_description", "pricing_anomaly", "poor_images", "other")


class ReviewTask(db.Model):
    __tablename__ = "review_tasks"
    __table_args__ = (Index("ix_review_tasks_queue", "status", "risk_score", "created_at"),
                      Index("ix_review_tasks_subject", "kind", "subject_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), nullable=False)
    subject_id: Mapped[int] = mapped_column(Integer, nullable=False)
    # The shop the subject belongs to (null for a buyer application): a reviewer who owns that
    # shop may not review it.
    shop_id: Mapped[int | None] = mapped_column(ForeignKey("shops.id"), index=True)
    # Who submitted it: an applicant may not review their own application either.
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(30), default="open", nullable=False)
    risk_score: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    # [{code, weight, params}]: the explanation is translated when shown, from code and params.
    flags: Mapped[list] = mapped_column(JSON, default=list, nullable=False)
    # The flag codes as " code1 code2 ", so the queue filters by flag with LIKE on any engine.
    flag_codes: Mapped[str] = mapped_column(String(400), default="", nullable=False)
    prescreened_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    claim_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    first_reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    first_approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decision: Mapped[str | None] = mapped_column(String(20))
    reasons: Mapped[list] = mapped_column(JSON, default=list, nullable=False)
    note: Mapped[str | None] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    claimed_by = relationship("User", foreign_keys=[claimed_by_id])
    submitted_by = relationship("User", foreign_keys=[submitted_by_id])

    @property
    def released_status(self) -> str:
        """Where the task goes when its claim ends: back to the second-review line once a first
        reviewer has approved it, otherwise back to open."""
        return "awaiting_second_review" if self.first_reviewer_id is not None else "open"


class ModerationSetting(db.Model):
    """One JSON document of pre-screening thresholds per key (``rules``), over the defaults in
    ``rules.py``: the admin changes data, never code."""

    __tablename__ = "moderation_settings"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[dict] = mapped_column(JSON, default=dict, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
