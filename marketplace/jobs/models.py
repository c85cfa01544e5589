"""The job record: the outbox row written with the change that causes the job, then the job's
status, progress and result for whoever waits on it."""
from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.core.clock import utcnow
from marketplace.core.types import UTCDateTime
from marketplace.extensions import db

QUEUED, RUNNING, FINISHED, FAILED = "queued", "running", "finished", "failed"
STATUSES = (QUEUED, RUNNING, FINISHED, FAILED)


def new_job_id() -> str:
    return uuid.uuid4().hex


class JobRecord(db.Model):
    __tablename__ = "jobs"
    # The sweep looks for queued rows nobody has dispatched yet.
    __table_args__ = (Index("ix_jobs_undispatched", "status", "dispatched_at"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_job_id)
    task: Mapped[str] = mapped_column(String(80), nullable=False)
    queue: Mapped[str] = mapped_column(String(40), nullable=False)
    args: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    status: Mapped[str] = mapped_column(String(12), nullable=False, default=QUEUED)
    progress: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    result: Mapped[dict | list | None] = mapped_column(JSON)
    # ``error`` is for operators (exception type and text); ``error_message`` is what the job's
    # owner may read, set only from domain errors whose message was written for people.
    error: Mapped[str | None] = mapped_column(Text)
    error_message: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    shop_id: Mapped[int | None] = mapped_column(ForeignKey("shops.id", ondelete="SET NULL"), index=True)
    locale: Mapped[str | None] = mapped_column(String(10))
    run_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    dispatched_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    def __repr__(self) -> str:
        return f"<JobRecord {self.id} {self.task} {self.status}>"
