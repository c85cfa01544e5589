"""Running one job or one periodic function: the unit of work of a background job, so this is
where it commits. The same code runs inline and on an RQ worker."""
from __future__ import annotations

import contextvars
import logging
from datetime import timedelta

from flask import current_app
from flask_babel import force_locale
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from sqlalchemy.exc import OperationalError

from marketplace.core.clock import utcnow
from marketplace.extensions import db
from marketplace.jobs import services
from marketplace.jobs.errors import TransientError
from marketplace.jobs.registry import PERIODIC, get_task

log = logging.getLogger(__name__)

# Failures worth another try later; anything else fails the job at once.
TRANSIENT_ERRORS = (TransientError, OperationalError, RedisConnectionError, RedisTimeoutError,
                    ConnectionError, TimeoutError)


class JobContext:
    """What a task gets besides its arguments: its id, a way to report progress, and a place for
    its result (returning a value works too)."""

    def __init__(self, record):
        self.job_id, self.owner_id, self.shop_id = record.id, record.owner_id, record.shop_id
        self._record = record
        self.result = None

    def report_progress(self, fraction: float) -> None:
        """Record progress and commit: call it between batches of finished work, so what is done
        stays done and readers of the job see it."""
        services.set_progress(self._record, fraction)
        db.session.commit()


def isolated(app, function, *args):
    """Run ``function`` in a blank context with its own app context and database session: outside
    the caller's transaction, request, locale and shop scope, as a worker would."""
    return contextvars.Context().run(_in_app_context, app, function, *args)


def _in_app_context(app, function, *args):
    with app.app_context():
        return function(*args)


def backoff_seconds(attempt: int) -> int:
    """Seconds to wait before retry number ``attempt`` (1, 2, ...): base, 4 x base, 16 x base."""
    base = current_app.config["JOBS_RETRY_BACKOFF_SECONDS"]
    return min(base * 4 ** (attempt - 1), 3600)


def execute(job_id: str, *, inline: bool) -> str | None:
    """Run the job once if it is still queued; return its status afterwards (None if skipped).
    Transient failures re-raise on RQ so its Retry takes over; inline, the record is put back
    for the sweep to run after the backoff."""
    if not services.claim(job_id, utcnow()):
        db.session.rollback()
        return None
    db.session.commit()
    record = services.get_record(job_id)
    try:
        services.finish(record, _call_task(record), utcnow())
        db.session.commit()
    except TRANSIENT_ERRORS as error:
        _retry_or_fail(job_id, error, inline=inline)
        if not inline:
            raise
    except Exception as error:
        _fail(job_id, error)
    return services.get_record(job_id).status


def _call_task(record):
    task = get_task(record.task)
    context = JobContext(record)
    with force_locale(record.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        returned = task.function(context, *record.args)
    return returned if returned is not None else context.result


def _retry_or_fail(job_id: str, error: Exception, *, inline: bool) -> None:
    db.session.rollback()
    record = services.get_record(job_id)
    if record.attempts > get_task(record.task).retries:
        services.fail(record, error, utcnow())
    else:
        log.warning("job %s failed transiently (attempt %s): %s", job_id, record.attempts, error)
        redispatch_at = utcnow() + timedelta(seconds=backoff_seconds(record.attempts)) if inline else None
        services.requeue(record, error, redispatch_at=redispatch_at)
    db.session.commit()


def _fail(job_id: str, error: Exception) -> None:
    log.exception("job %s failed", job_id)
    db.session.rollback()
    services.fail(services.get_record(job_id), error, utcnow())
    db.session.commit()


def run_periodic(name: str, now=None) -> None:
    """One run of a periodic function, committed; a failure is logged and waits for the next run."""
    try:
        with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
            PERIODIC[name].function(now or utcnow())
        db.session.commit()
    except Exception:
        log.exception("periodic job %s failed", name)
        db.session.rollback()
