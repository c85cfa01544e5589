"""Jobs on RQ with a real Redis (database 5) and real commits, run by a real RQ worker."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from redis import Redis
from rq import Queue, SimpleWorker
from rq.registry import ScheduledJobRegistry

from marketplace.core.clock import utcnow
from marketplace.extensions import db
from marketplace.jobs import dispatch, worker
from marketplace.jobs.models import JobRecord
from marketplace.jobs.registry import QUEUES
from marketplace.jobs.services import enqueue
from marketplace.notifications.services import send_email
from tests import services_check
from tests.jobs.sample_tasks import CALLS as calls
from tests.jobs.sample_tasks import PERIODIC_RUNS as periodic_runs

REDIS_URL = os.environ.get("TEST_JOBS_REDIS_URL", "redis://127.0.0.1:6379/5")
CLOSED_PORT_URL = "redis://127.0.0.1:1/5"


@pytest.fixture
def redis(app, committed_db, monkeypatch):
    services_check.needs_redis()
    connection = Redis.from_url(REDIS_URL)
    connection.flushdb()
    monkeypatch.setitem(app.config, "REDIS_URL", REDIS_URL)
    monkeypatch.setitem(app.config, "JOBS_INLINE", False)
    with app.app_context():
        yield connection
    connection.flushdb()


def work(connection, at=None, monkeypatch=None) -> None:
    """One burst of a real worker, its scheduler first; ``at`` moves the scheduler's clock."""
    db.session.rollback()  # end this test's read: on SQLite it would block the worker's commits
    if at is not None:
        monkeypatch.setattr("rq.scheduler.current_timestamp", lambda: int(at.timestamp()))
    worker.build_worker(connection, worker_class=SimpleWorker).work(burst=True, with_scheduler=True)


def fresh(job_id: str) -> JobRecord:
    return db.session.get(JobRecord, job_id, populate_existing=True)


def queued_ids(connection, name="default") -> list[str]:
    return Queue(name, connection=connection).job_ids


def test_a_job_reaches_the_queue_only_after_commit_and_a_worker_runs_it(app, redis, make, api):
    owner = make.user()
    job_id = enqueue("tests.echo", 5, owner=owner).id
    assert queued_ids(redis) == []
    db.session.commit()
    assert queued_ids(redis) == [job_id]
    assert fresh(job_id).dispatched_at is not None and calls == []
    work(redis)
    assert calls == [(job_id, [5])]
    body = api(owner).get(f"/api/v1/jobs/{job_id}").get_json()
    assert (body["status"], body["progress"], body["result"]) == ("finished", 1.0, {"echo": [5]})


def test_a_rolled_back_job_never_reaches_the_queue(redis):
    enqueue("tests.echo", 1)
    db.session.rollback()
    assert queued_ids(redis) == [] and db.session.query(JobRecord).count() == 0


def test_a_transient_failure_is_retried_by_rq_after_the_backoff(redis, monkeypatch):
    job_id = enqueue("tests.flaky", 1).id
    db.session.commit()
    work(redis)
    stored = fresh(job_id)
    assert (stored.status, stored.attempts) == ("queued", 1)
    assert stored.error == "TransientError: partner timed out"
    assert ScheduledJobRegistry("default", connection=redis).get_job_ids() == [job_id]
    work(redis)  # the retry is not due yet
    assert fresh(job_id).attempts == 1
    work(redis, at=utcnow() + timedelta(seconds=11), monkeypatch=monkeypatch)
    stored = fresh(job_id)
    assert (stored.status, stored.attempts, stored.result) == ("finished", 2, {"succeeded_after": 1})


def test_the_sweep_sends_what_redis_did_not_take(app, redis, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", CLOSED_PORT_URL)
    job_id = enqueue("tests.echo", "while down").id
    db.session.commit()  # dispatch fails; the commit and the record stand
    assert fresh(job_id).dispatched_at is None
    monkeypatch.setitem(app.config, "REDIS_URL", REDIS_URL)
    assert dispatch.sweep(utcnow()) == 0  # too young: its own dispatch may still be on the way
    assert dispatch.sweep(utcnow() + timedelta(seconds=10)) == 1
    assert dispatch.sweep(utcnow() + timedelta(seconds=10)) == 0
    assert queued_ids(redis) == [job_id]
    work(redis)
    assert calls == [(job_id, ["while down"])] and fresh(job_id).status == "finished"


def test_a_delayed_job_runs_only_when_due(redis, monkeypatch):
    run_at = utcnow() + timedelta(hours=1)
    job_id = enqueue("tests.echo", "later", run_at=run_at).id
    db.session.commit()
    assert queued_ids(redis) == []
    assert ScheduledJobRegistry("default", connection=redis).get_job_ids() == [job_id]
    work(redis)
    assert calls == []
    work(redis, at=run_at, monkeypatch=monkeypatch)
    assert calls == [(job_id, ["later"])] and fresh(job_id).status == "finished"


def test_periodic_jobs_are_enqueued_by_rqs_cron_scheduler(redis):
    cron = worker.build_cron(redis)
    assert {(job.name, job.interval, job.queue_name) for job in cron.get_jobs()} >= {
        ("periodic:jobs.sweep", 60, "default"), ("periodic:tests.tick", 300, "default")}
    cron.enqueue_jobs()
    assert len(queued_ids(redis)) == len(cron.get_jobs())
    work(redis)
    assert len(periodic_runs) == 1 and queued_ids(redis) == []


def test_the_worker_command_runs_a_mail_job_in_another_process(app, redis, tmp_path):
    job_id = send_email("ann@example.com", "Your import", "It is done.").id
    db.session.commit()
    assert queued_ids(redis, "mail") == [job_id]
    env = os.environ | {"DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "REDIS_URL": REDIS_URL,
                        "INSTANCE_PATH": str(tmp_path), "MAIL_OUTBOX_PATH": str(tmp_path / "mail")}
    env.pop("SMTP_HOST", None)
    flask = os.path.join(os.path.dirname(sys.executable), "flask")
    result = subprocess.run([flask, "--app", "wsgi", "worker", "--burst", "--no-cron"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    stored = fresh(job_id)
    assert (stored.status, stored.result) == ("finished", {"to": "ann@example.com"})
    message = message_from_bytes((tmp_path / "mail" / f"{job_id}.eml").read_bytes(), policy=policy.default)
    assert (message["To"], message["Subject"]) == ("ann@example.com", "Your import")
    assert message.get_content().strip() == "It is done."


def test_every_named_queue_is_listened_to(redis):
    built = worker.build_worker(redis, worker_class=SimpleWorker)
    assert built.queue_names() == list(QUEUES)
