"""Handing committed jobs to where they run: RQ on Redis when configured, otherwise inline, right
away, each in its own transaction. Also the sweep that re-sends what was not taken, and
``run_due`` that plays the scheduler's part when there is no Redis."""
from __future__ import annotations

import logging
import threading
import time
from datetime import datetime, timedelta

from flask import current_app, has_app_context
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue, Retry

from marketplace.core.clock import utcnow
from marketplace.extensions import db
from marketplace.jobs import runner, services
from marketplace.jobs.registry import PERIODIC, get_task
from marketplace.jobs.worker import run_job

log = logging.getLogger(__name__)

_last_periodic_runs: dict[str, datetime] = {}  # inline mode only: name -> when it last ran


def dispatch(job_ids: list[str], now=None) -> None:
    """Send these committed jobs on (inline: run those due at ``now``). Never raises: the
    caller's work is already committed, and whatever is not sent stays undispatched for the sweep."""
    if not has_app_context():
        log.warning("jobs %s committed outside an app context; the sweep will send them", job_ids)
        return
    app = current_app._get_current_object()
    if app.config["JOBS_INLINE"]:
        for job_id in job_ids:
            runner.isolated(app, _run_inline, job_id, now or utcnow())
        return
    try:
        runner.isolated(app, _send_to_rq, job_ids)
    except Exception:
        log.exception("jobs %s could not be sent; the sweep will try again", job_ids)


def _run_inline(job_id: str, now) -> None:
    """Runs after the caller's commit: nothing here may fail the caller's request (a job that
    cannot even be read now, say on a busy SQLite file, is left for the sweep)."""
    try:
        record = services.get_record(job_id)
        if record is None or (record.run_at is not None and record.run_at > now):
            return  # delayed: run_due runs it when it is due
        runner.execute(job_id, inline=True)
    except Exception:
        log.exception("inline job %s could not be run; the sweep will try again", job_id)
        db.session.rollback()


def redis_connection(app) -> Redis:
    """One client per Redis URL and app; short timeouts, so a Redis outage delays a request by
    seconds, not minutes."""
    clients = app.extensions.setdefault("jobs_redis", {})
    url = app.config["REDIS_URL"]
    if url not in clients:
        clients[url] = Redis.from_url(url, socket_connect_timeout=2, socket_timeout=10)
    return clients[url]


def retry_policy(retries: int) -> Retry | None:
    if retries < 1:
        return None
    return Retry(max=retries, interval=[runner.backoff_seconds(n) for n in range(1, retries + 1)])


def _send_to_rq(job_ids: list[str]) -> None:
    connection, now, sent = redis_connection(current_app), utcnow(), []
    try:
        for job_id in job_ids:
            record = services.get_record(job_id)
            if record is not None and record.status == services.QUEUED:
                _send_one(connection, record, now)
                sent.append(job_id)
    except RedisError as error:
        log.warning("Redis did not take job(s) %s (%s); the sweep will send them again",
                    sorted(set(job_ids) - set(sent)), error)
    services.mark_dispatched(sent, now)
    db.session.commit()


def _send_one(connection: Redis, record, now) -> None:
    queue = Queue(record.queue, connection=connection)
    # The RQ job id is the record's id, so both sides name the job alike.
    options = {"job_id": record.id, "retry": retry_policy(get_task(record.task).retries),
               "description": record.task}
    if record.run_at is not None and record.run_at > now:
        queue.enqueue_at(record.run_at, run_job, record.id, **options)
    else:
        queue.enqueue(run_job, record.id, **options)


def sweep(now) -> int:
    """Send again the jobs that were committed but never taken. Safe to run twice at once: a job
    delivered twice runs once (``services.claim``)."""
    config = current_app.config
    services.rescue_stalled(now, timedelta(seconds=config["JOBS_STALLED_AFTER_SECONDS"]),
                            config["JOBS_MAX_DELIVERIES"])
    job_ids = services.undispatched(now, timedelta(seconds=config["JOBS_SWEEP_AFTER_SECONDS"]))
    db.session.commit()  # end this read before the jobs run, each in a transaction of its own
    if job_ids:
        dispatch(job_ids, now)
    return len(job_ids)


def run_due(now) -> list[str]:
    """What the RQ scheduler does when there is no Redis: send due delayed jobs (and any that
    were missed), then run each periodic function whose interval has passed. Returns the
    names of the periodic functions run."""
    app = current_app._get_current_object()
    runner.isolated(app, sweep, now)
    ran = []
    for name, periodic in sorted(PERIODIC.items()):
        last = _last_periodic_runs.get(name)
        if last is None or now - last >= periodic.every:
            _last_periodic_runs[name] = now
            runner.isolated(app, runner.run_periodic, name, now)
            ran.append(name)
    return ran


def start_inline_clock(app) -> threading.Thread:
    """A daemon thread calling ``run_due`` every few seconds, for the embedded dev server."""
    every_seconds = app.config["JOBS_RUN_DUE_EVERY_SECONDS"]

    def tick_forever():
        while True:
            time.sleep(every_seconds)
            try:
                runner.isolated(app, lambda: run_due(utcnow()))
            except Exception:
                log.exception("run_due failed; trying again in %s s", every_seconds)

    thread = threading.Thread(target=tick_forever, name="jobs-inline-clock", daemon=True)
    thread.start()
    return thread
