"""Look-ups of the queue's own records that the pre-screening rules need: a submitter's recent
rejections. Look-ups in a subject's domain (price medians, other shops' pictures) are the
subject's own methods. Read-only."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.moderation.models import ReviewTask


def rejections_since(since: datetime, *, shop_id: int | None = None, submitted_by_id: int | None = None,
                     kind: str | None = None) -> int:
    statement = select(func.count()).select_from(ReviewTask).where(
        ReviewTask.decision == "reject", ReviewTask.decided_at >= since)
    if shop_id is not None:
        statement = statement.where(ReviewTask.shop_id == shop_id)
    if submitted_by_id is not None:
        statement = statement.where(ReviewTask.submitted_by_id == submitted_by_id)
    if kind is not None:
        statement = statement.where(ReviewTask.kind == kind)
    return db.session.scalar(statement) or 0
