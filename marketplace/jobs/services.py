"""Job records: enqueue, claim, finish, fail, and who may read them. These flush and never
commit; the runner that executes a job commits, and ``outbox`` hands new records to the queue
once the caller's transaction commits."""
from __future__ import annotations

import json
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, or_, select, update

from marketplace.core.clock import utcnow
from marketplace.core.errors import DomainError, NotFound
from marketplace.extensions import db
from marketplace.jobs.models import FAILED, FINISHED, QUEUED, RUNNING, JobRecord, new_job_id
from marketplace.jobs.registry import get_task

MAX_ERROR_CHARS = 4000
SWEEP_BATCH = 100


def enqueue(task_name: str, *args, queue: str | None = None, owner=None, shop=None,
            run_at: datetime | None = None) -> JobRecord:
    """Add a job to the current unit of work; it is dispatched only if that unit commits.
    ``queue`` defaults to the task's own queue; ``owner`` and ``shop`` decide who may read it."""
    task = get_task(task_name)
    json.dumps(args)  # refuse what a worker could not receive, now rather than at dispatch
    record = JobRecord(id=new_job_id(), task=task.name, queue=queue or task.queue, args=list(args),
                       status=QUEUED, progress=0.0, attempts=0, run_at=run_at, created_at=utcnow(),
                       owner_id=owner.id if owner is not None else None,
                       shop_id=shop.id if shop is not None else None,
                       locale=getattr(owner, "locale", None))
    db.session.add(record)
    db.session.flush()
    return record


def claim(job_id: str, now: datetime) -> bool:
    """Mark a queued job running. A conditional UPDATE, so of two deliveries of one job (a
    retry racing a sweep, say) exactly one wins and the other does nothing."""
    statement = (update(JobRecord)
                 .where(JobRecord.id == job_id, JobRecord.status == QUEUED)
                 .values(status=RUNNING, started_at=now, ended_at=None, attempts=JobRecord.attempts + 1,
                         dispatched_at=func.coalesce(JobRecord.dispatched_at, now))
                 .execution_options(synchronize_session=False))
    return db.session.execute(statement).rowcount == 1


def get_record(job_id: str) -> JobRecord:
    return db.session.get(JobRecord, job_id, populate_existing=True)


def set_progress(record: JobRecord, fraction: float) -> None:
    record.progress = min(1.0, max(0.0, float(fraction)))
    db.session.flush()


def finish(record: JobRecord, result, now: datetime) -> None:
    json.dumps(result)  # a result the API cannot show is a bug in the task: fail it, loudly
    record.status, record.progress, record.result, record.ended_at = FINISHED, 1.0, result, now
    record.error = record.error_message = None
    db.session.flush()


def describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:MAX_ERROR_CHARS]


def fail(record: JobRecord, error: BaseException, now: datetime) -> None:
    record.status, record.ended_at, record.error = FAILED, now, describe(error)
    # Only domain errors carry a message written for the job's owner; anything else may hold
    # internals (SQL, paths), so the API shows a generic text instead.
    record.error_message = error.message if isinstance(error, DomainError) else None
    db.session.flush()


def requeue(record: JobRecord, error: BaseException, *, redispatch_at: datetime | None) -> None:
    """Back to queued after a transient failure. With ``redispatch_at`` the record is also marked
    undispatched, so the inline sweep runs it again at that time; otherwise RQ's retry does."""
    record.status, record.error = QUEUED, describe(error)
    if redispatch_at is not None:
        record.dispatched_at, record.run_at = None, redispatch_at
    db.session.flush()


def mark_dispatched(job_ids: list[str], now: datetime) -> None:
    if job_ids:
        db.session.execute(update(JobRecord).where(JobRecord.id.in_(job_ids))
                           .values(dispatched_at=now).execution_options(synchronize_session=False))


def undispatched(now: datetime, grace: timedelta, limit: int = SWEEP_BATCH) -> list[str]:
    """Queued jobs nobody took: delayed ones now due, and immediate ones older than ``grace``
    (younger ones may still be on their way from the commit that created them)."""
    due = or_(and_(JobRecord.run_at.is_not(None), JobRecord.run_at <= now),
              and_(JobRecord.run_at.is_(None), JobRecord.created_at <= now - grace))
    statement = (select(JobRecord.id)
                 .where(JobRecord.status == QUEUED, JobRecord.dispatched_at.is_(None), due)
                 .order_by(JobRecord.created_at).limit(limit))
    return list(db.session.scalars(statement))


def rescue_stalled(now: datetime, stalled_after: timedelta, max_deliveries: int) -> int:
    """Jobs left ``running`` by a worker that died mid-job go back to the queue, undispatched, so
    the sweep sends them again (tasks are safe to run twice); one that keeps stalling fails."""
    stalled = and_(JobRecord.status == RUNNING, JobRecord.started_at <= now - stalled_after)
    note = "the worker running this job stopped before it finished"
    db.session.execute(update(JobRecord).where(stalled, JobRecord.attempts >= max_deliveries)
                       .values(status=FAILED, ended_at=now, error=note)
                       .execution_options(synchronize_session=False))
    return db.session.execute(update(JobRecord).where(stalled)
                              .values(status=QUEUED, dispatched_at=None, run_at=None, error=note)
                              .execution_options(synchronize_session=False)).rowcount


def may_read(record: JobRecord, actor) -> bool:
    if actor.has_role("admin") or record.owner_id == actor.id:
        return True
    return record.shop_id is not None and actor.shop is not None and actor.shop.id == record.shop_id


def readable_job(job_id: str, actor) -> JobRecord:
    """The job, if ``actor`` may see it; anyone else learns nothing, not even that it exists."""
    record = db.session.get(JobRecord, job_id) if _looks_like_id(job_id) else None
    if record is None or not may_read(record, actor):
        raise NotFound(str(_l("There is no such job.")))
    return record


def _looks_like_id(job_id: str) -> bool:
    return len(job_id) == 32 and all(c in "0123456789abcdef" for c in job_id)

