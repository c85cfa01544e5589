"""Reading the queue: filtered and ordered (risk first, then age), a task with everything a
reviewer needs to decide, the subject's history, and the queue's health figures."""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, case, func, or_, select

from marketplace.accounts.models import User
from marketplace.audit import services as audit
from marketplace.audit.models import AuditEvent
from marketplace.extensions import db
from marketplace.moderation import subjects
from marketplace.moderation.models import ReviewTask

DECISION_ACTIONS = ("review_task.decided", "review_task.awaiting_second_review")
HEALTH_WINDOW = timedelta(days=30)
HISTORY_LIMIT = 10


def effective_status(now: datetime):
    """The status a reader should see: a claim that has run out counts as back in the queue even
    before the periodic expiry has written it."""
    expired = and_(ReviewTask.status == "claimed", ReviewTask.claim_expires_at <= now)
    return case((and_(expired, ReviewTask.first_reviewer_id.is_(None)), "open"),
                (expired, "awaiting_second_review"), else_=ReviewTask.status)


def status_of(task: ReviewTask, now: datetime) -> str:
    if task.status == "claimed" and task.claim_expires_at is not None and task.claim_expires_at <= now:
        return task.released_status
    return task.status


@dataclass(frozen=True)
class QueueFilter:
    kind: str | None = None
    status: str | None = None  # None: everything not decided
    flag: str | None = None
    min_risk: int | None = None
    older_than_hours: int | None = None


def queue_statement(filters: QueueFilter, now: datetime):
    statement = select(ReviewTask)
    if filters.status:
        statement = statement.where(_status_is(filters.status, now))
    else:
        statement = statement.where(ReviewTask.status != "decided")
    if filters.kind:
        statement = statement.where(ReviewTask.kind == filters.kind)
    if filters.flag:
        statement = statement.where(ReviewTask.flag_codes.like(f"% {filters.flag} %"))
    if filters.min_risk is not None:
        statement = statement.where(ReviewTask.risk_score >= filters.min_risk)
    if filters.older_than_hours is not None:
        statement = statement.where(ReviewTask.created_at <= now - timedelta(hours=filters.older_than_hours))
    return statement.order_by(ReviewTask.risk_score.desc(), ReviewTask.created_at, ReviewTask.id)


def _status_is(status: str, now: datetime):
    """Written so the queue index on ``status`` still serves the common ``open`` filter."""
    expired = and_(ReviewTask.status == "claimed", ReviewTask.claim_expires_at <= now)
    if status == "open":
        return or_(ReviewTask.status == "open", and_(expired, ReviewTask.first_reviewer_id.is_(None)))
    if status == "awaiting_second_review":
        return or_(ReviewTask.status == status, and_(expired, ReviewTask.first_reviewer_id.is_not(None)))
    if status == "claimed":
        return and_(ReviewTask.status == "claimed", ReviewTask.claim_expires_at > now)
    return ReviewTask.status == status


def counts(now: datetime) -> dict:
    """Tasks per kind and per (effective) status, not decided."""
    status = effective_status(now)
    rows = db.session.execute(select(ReviewTask.kind, status, func.count())
                              .where(ReviewTask.status != "decided").group_by(ReviewTask.kind, status))
    result = {"total": 0, "kind": {}, "status": {}}
    for kind, task_status, count in rows:
        result["total"] += count
        result["kind"][kind] = result["kind"].get(kind, 0) + count
        result["status"][task_status] = result["status"].get(task_status, 0) + count
    return result


def neighbours(task: ReviewTask, filters: QueueFilter, now: datetime) -> tuple[int | None, int | None]:
    """The previous and next task in queue order (for j/k on the task page)."""
    ids = list(db.session.scalars(queue_statement(filters, now).with_only_columns(ReviewTask.id).limit(500)))
    if task.id not in ids:
        return None, ids[0] if ids else None
    at = ids.index(task.id)
    return (ids[at - 1] if at > 0 else None), (ids[at + 1] if at + 1 < len(ids) else None)


def history(task: ReviewTask) -> list[AuditEvent]:
    """Everything that happened to the subject: its own domain's events and every review task
    it has had, oldest first."""
    task_ids = [str(task_id) for task_id in db.session.scalars(
        select(ReviewTask.id).where(ReviewTask.kind == task.kind, ReviewTask.subject_id == task.subject_id))]
    statement = (select(AuditEvent).where(or_(
        and_(AuditEvent.subject_type == "review_task", AuditEvent.subject_id.in_(task_ids)),
        and_(AuditEvent.subject_type == task.kind, AuditEvent.subject_id == str(task.subject_id))))
        .order_by(AuditEvent.at, AuditEvent.id))
    return list(db.session.scalars(statement))


def submitter_history(task: ReviewTask) -> list[ReviewTask]:
    """The same shop's (or applicant's) earlier decided tasks, newest first."""
    owner = ReviewTask.shop_id == task.shop_id if task.shop_id is not None \
        else ReviewTask.submitted_by_id == task.submitted_by_id
    statement = (select(ReviewTask).where(owner, ReviewTask.id != task.id, ReviewTask.status == "decided")
                 .order_by(ReviewTask.decided_at.desc()).limit(HISTORY_LIMIT))
    return list(db.session.scalars(statement))


def subject_of(task: ReviewTask):
    return subjects.load(task.kind, task.subject_id)


# --- health -----------------------------------------------------------------------------------

def health(now: datetime) -> dict:
    waiting = select(func.count(), func.min(ReviewTask.created_at)).where(ReviewTask.status != "decided")
    depth, oldest = db.session.execute(waiting).one()
    return {"depth": depth, "oldest_age_seconds": int((now - oldest).total_seconds()) if oldest else 0,
            "median_seconds_to_decision": _median_to_decision(now),
            "decisions_per_reviewer": _decisions_per_reviewer(now)}


def _median_to_decision(now: datetime) -> int | None:
    rows = db.session.execute(select(ReviewTask.created_at, ReviewTask.decided_at).where(
        ReviewTask.status == "decided", ReviewTask.decided_at >= now - HEALTH_WINDOW)).all()
    if not rows:
        return None
    return int(statistics.median((decided - created).total_seconds() for created, decided in rows))


def _decisions_per_reviewer(now: datetime) -> list[dict]:
    """Decisions (first approvals included) per reviewer, since midnight UTC and in 7 days."""
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    week = now - timedelta(days=7)
    is_today = case((AuditEvent.at >= today, 1), else_=0)
    rows = db.session.execute(
        select(AuditEvent.actor_id, func.sum(is_today), func.count())
        .where(AuditEvent.subject_type == "review_task", AuditEvent.action.in_(DECISION_ACTIONS),
               AuditEvent.at >= min(today, week), AuditEvent.actor_id.is_not(None))
        .group_by(AuditEvent.actor_id)).all()
    reviewers = select(User.id, User.display_name).where(User.id.in_([row[0] for row in rows]))
    names = {row.id: row.display_name for row in db.session.execute(reviewers)}
    figures = [{"reviewer": {"id": actor_id, "display_name": names.get(actor_id, "")},
                "today": int(today_count or 0), "last_7_days": int(week_count)}
               for actor_id, today_count, week_count in rows]
    return sorted(figures, key=lambda item: (-item["last_7_days"], item["reviewer"]["id"]))


def events_of(task: ReviewTask) -> list[AuditEvent]:
    return audit.events_for("review_task", task.id)
