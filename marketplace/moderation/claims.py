"""Claims on review tasks: the one module where the queue's concurrency lives.

A claim is one conditional UPDATE: of two reviewers racing for a task exactly one matches the
WHERE clause (PostgreSQL re-checks it on the locked row; SQLite serialises writers). A claim
lasts ``CLAIM_DURATION``; its holder may renew it; an expired claim sends the task back to the
queue (the periodic ``expire_claims``, and the queue's reads treat it as unclaimed meanwhile).
"""
from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, or_, select, true, update

from marketplace.audit import services as audit
from marketplace.core.errors import Conflict, Forbidden, NotFound
from marketplace.extensions import db
from marketplace.moderation.models import ReviewTask

CLAIM_DURATION = timedelta(minutes=15)
EXPIRY_BATCH = 500
UNCLAIMED = ("open", "awaiting_second_review")


class AlreadyClaimed(Conflict):
    code = "already_claimed"


class AlreadyDecided(Conflict):
    code = "already_decided"


class NotClaimed(Conflict):
    code = "not_claimed"


def get_task(task_id: int, *, fresh: bool = False) -> ReviewTask:
    task = db.session.get(ReviewTask, task_id, populate_existing=fresh)
    if task is None:
        raise NotFound(str(_l("There is no such review task.")))
    return task


def check_may_review(task: ReviewTask, reviewer) -> None:
    """A reviewer never reviews their own shop's subjects or their own application, and the
    second review of a four-eyes task needs a different reviewer."""
    if task.shop_id is not None and reviewer.shop is not None and reviewer.shop.id == task.shop_id:
        raise Forbidden(str(_l("You cannot review your own shop's submissions.")), code="own_shop")
    if task.submitted_by_id == reviewer.id:
        raise Forbidden(str(_l("You cannot review your own submission.")), code="own_submission")
    if task.first_reviewer_id == reviewer.id and task.status != "decided":
        raise Forbidden(str(_l("This task needs a second reviewer: someone else must approve it.")),
                        code="second_reviewer_required")


def may_review(reviewer):
    """``check_may_review`` as SQL, so the permission is part of the one conditional UPDATE."""
    shop_id = reviewer.shop.id if reviewer.shop is not None else None
    return and_(ReviewTask.shop_id.is_distinct_from(shop_id) if shop_id is not None else true(),
                ReviewTask.submitted_by_id.is_distinct_from(reviewer.id),
                ReviewTask.first_reviewer_id.is_distinct_from(reviewer.id))


def _claim_update(task_id: int, reviewer, now: datetime, condition) -> bool:
    statement = (update(ReviewTask)
                 .where(ReviewTask.id == task_id, condition, may_review(reviewer))
                 .values(status="claimed", claimed_by_id=reviewer.id, claim_expires_at=now + CLAIM_DURATION)
                 .execution_options(synchronize_session=False))
    return db.session.execute(statement).rowcount == 1


def claim(task_id: int, reviewer, now: datetime) -> ReviewTask:
    """Claim (or renew) a task for ``CLAIM_DURATION``; 409 if someone else holds it.

    The UPDATE comes first and reads nothing before it: on PostgreSQL the WHERE clause is
    re-checked on the locked row, and on SQLite a transaction that starts by writing takes the
    write lock at once instead of failing to upgrade a read lock under contention."""
    held = and_(ReviewTask.status == "claimed", ReviewTask.claimed_by_id == reviewer.id,
                ReviewTask.claim_expires_at > now)
    unclaimed = or_(ReviewTask.status.in_(UNCLAIMED),
                    and_(ReviewTask.status == "claimed", ReviewTask.claim_expires_at <= now))
    renewed = _claim_update(task_id, reviewer, now, held)
    if not renewed and not _claim_update(task_id, reviewer, now, unclaimed):
        task = get_task(task_id, fresh=True)
        check_may_review(task, reviewer)
        raise _refusal(task)
    task = get_task(task_id, fresh=True)
    before = {"status": "claimed", "claimed_by": reviewer.id} if renewed else {"status": task.released_status}
    audit.record(reviewer, "review_task.claim_renewed" if renewed else "review_task.claimed", "review_task",
                 task.id, before=before, now=now,
                 after={"status": task.status, "claimed_by": reviewer.id,
                        "claim_expires_at": task.claim_expires_at})
    return task


def _refusal(task: ReviewTask) -> Conflict:
    if task.status == "decided":
        return AlreadyDecided(str(_l("This task has been decided already.")))
    return AlreadyClaimed(str(_l("Another reviewer is working on this task.")))


def hold(task_id: int, reviewer, now: datetime) -> ReviewTask:
    """The task, if ``reviewer`` holds a live claim on it; 409 otherwise. The no-op UPDATE locks
    the row on PostgreSQL until commit, so no one can claim it while the decision is written."""
    statement = (update(ReviewTask)
                 .where(ReviewTask.id == task_id, ReviewTask.status == "claimed",
                        ReviewTask.claimed_by_id == reviewer.id, ReviewTask.claim_expires_at > now,
                        may_review(reviewer))
                 .values(claimed_by_id=reviewer.id)
                 .execution_options(synchronize_session=False))
    held = db.session.execute(statement).rowcount == 1
    task = get_task(task_id, fresh=True)
    if not held:
        check_may_review(task, reviewer)
        if task.status == "decided":
            raise AlreadyDecided(str(_l("This task has been decided already.")))
        raise NotClaimed(str(_l("Claim this task before deciding it; claims last 15 minutes.")))
    return task


def _unclaim(statement_filter, now: datetime):
    return (update(ReviewTask).where(statement_filter)
            .values(status=case((ReviewTask.first_reviewer_id.is_(None), "open"),
                                else_="awaiting_second_review"),
                    claimed_by_id=None, claim_expires_at=None)
            .execution_options(synchronize_session=False))


def release(task_id: int, reviewer, now: datetime) -> ReviewTask:
    """Give a claimed task back to the queue; only its holder may."""
    get_task(task_id)
    held = and_(ReviewTask.id == task_id, ReviewTask.status == "claimed",
                ReviewTask.claimed_by_id == reviewer.id)
    if db.session.execute(_unclaim(held, now)).rowcount != 1:
        task = get_task(task_id, fresh=True)
        if task.status == "decided":
            raise AlreadyDecided(str(_l("This task has been decided already.")))
        raise NotClaimed(str(_l("You do not hold a claim on this task.")))
    task = get_task(task_id, fresh=True)
    audit.record(reviewer, "review_task.released", "review_task", task.id, now=now,
                 before={"status": "claimed", "claimed_by": reviewer.id}, after={"status": task.status})
    return task


def expire_claims(now: datetime) -> int:
    """Send tasks whose claim has run out back to the queue; audited as the system's act.
    Safe to run twice at once: each task is released by a conditional UPDATE."""
    expired = list(db.session.execute(
        select(ReviewTask.id, ReviewTask.claimed_by_id)
        .where(ReviewTask.status == "claimed", ReviewTask.claim_expires_at <= now)
        .order_by(ReviewTask.id).limit(EXPIRY_BATCH)))
    count = 0
    for task_id, holder in expired:
        still = and_(ReviewTask.id == task_id, ReviewTask.status == "claimed",
                     ReviewTask.claim_expires_at <= now)
        if db.session.execute(_unclaim(still, now)).rowcount == 1:
            task = get_task(task_id, fresh=True)
            audit.record(None, "review_task.claim_expired", "review_task", task_id, now=now,
                         before={"status": "claimed", "claimed_by": holder}, after={"status": task.status})
            count += 1
    return count
