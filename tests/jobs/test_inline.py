"""Jobs without Redis: dispatched after commit and run inline, each in its own transaction."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, insert, select

from marketplace.core.clock import utcnow
from marketplace.extensions import db
from marketplace.jobs import dispatch, runner
from marketplace.jobs.errors import UnknownTask
from marketplace.jobs.models import JobRecord
from marketplace.jobs.services import enqueue
from tests.jobs import sample_tasks
from tests.jobs.sample_tasks import CALLS as calls
from tests.jobs.sample_tasks import PERIODIC_RUNS as periodic_runs


def fresh(job_id: str) -> JobRecord:
    return db.session.get(JobRecord, job_id, populate_existing=True)


def job_count() -> int:
    return db.session.scalar(select(func.count()).select_from(JobRecord))


def test_a_job_runs_once_after_commit(ctx, make):
    owner = make.user()
    record = enqueue("tests.echo", 7, "seven", owner=owner)
    assert calls == []
    db.session.commit()
    assert calls == [(record.id, [7, "seven"])]
    stored = fresh(record.id)
    assert (stored.status, stored.progress, stored.result, stored.attempts) == ("finished", 1.0,
                                                                                {"echo": [7, "seven"]}, 1)
    assert stored.owner_id == owner.id and stored.queue == "default"
    assert stored.dispatched_at is not None and stored.started_at <= stored.ended_at


def test_a_rolled_back_job_never_runs_and_leaves_no_record(ctx):
    enqueue("tests.echo", 1)
    db.session.rollback()
    db.session.commit()
    assert calls == []
    assert job_count() == 0


def test_a_savepoint_rollback_discards_only_its_own_jobs(ctx):
    kept = enqueue("tests.echo", "kept")
    savepoint = db.session.begin_nested()
    enqueue("tests.echo", "undone")
    savepoint.rollback()
    db.session.commit()
    assert calls == [(kept.id, ["kept"])]
    assert job_count() == 1


def test_a_released_savepoint_waits_for_the_outer_commit(ctx):
    with db.session.begin_nested():
        record = enqueue("tests.echo", "inner")
    assert calls == []
    db.session.commit()
    assert calls == [(record.id, ["inner"])]


def test_running_a_finished_job_again_does_nothing(ctx):
    record = enqueue("tests.echo", 1)
    db.session.commit()
    assert runner.execute(record.id, inline=True) is None
    assert len(calls) == 1 and fresh(record.id).attempts == 1


def test_an_unknown_task_or_unserialisable_argument_is_refused_and_adds_nothing(ctx):
    with pytest.raises(UnknownTask):
        enqueue("tests.no_such_task")
    with pytest.raises(TypeError):
        enqueue("tests.echo", object())
    db.session.commit()
    assert job_count() == 0 and calls == []


def test_a_domain_error_fails_the_job_with_its_message(ctx):
    record = enqueue("tests.refuse", 3)
    db.session.commit()
    stored = fresh(record.id)
    assert (stored.status, stored.error_message, stored.attempts) == ("failed", "Row 3 has no price.", 1)
    assert stored.error == "DomainError: Row 3 has no price." and stored.result is None


def test_an_unexpected_error_fails_the_job_and_keeps_the_detail_for_operators(ctx):
    record = enqueue("tests.crash")
    db.session.commit()
    stored = fresh(record.id)
    assert (stored.status, stored.error_message) == ("failed", None)
    assert stored.error == "ValueError: internal detail that must not leak"


def test_a_transient_failure_is_retried_after_the_backoff(ctx):
    record = enqueue("tests.flaky", 1)
    db.session.commit()
    stored = fresh(record.id)
    assert (stored.status, stored.attempts, stored.dispatched_at) == ("queued", 1, None)
    assert stored.error == "TransientError: partner timed out"
    retry_at = stored.run_at
    assert dispatch.run_due(retry_at - timedelta(seconds=1)) is not None
    assert fresh(record.id).status == "queued"
    dispatch.run_due(retry_at)
    stored = fresh(record.id)
    assert (stored.status, stored.attempts, stored.result) == ("finished", 2, {"succeeded_after": 1})


def test_backoff_grows_from_the_configured_base(app, ctx):
    assert [runner.backoff_seconds(n) for n in (1, 2, 3)] == [10, 40, 160]


def test_a_job_failing_transiently_more_often_than_its_retries_fails(ctx):
    record = enqueue("tests.flaky", 5)  # the task allows 2 retries: 3 attempts in all
    db.session.commit()
    for _ in range(2):
        dispatch.run_due(fresh(record.id).run_at)
    stored = fresh(record.id)
    assert (stored.status, stored.attempts) == ("failed", 3)
    assert stored.error == "TransientError: partner timed out"


def test_a_delayed_job_waits_for_its_time(ctx):
    now = utcnow()
    record = enqueue("tests.echo", "later", run_at=now + timedelta(hours=1))
    db.session.commit()
    dispatch.run_due(now)
    assert calls == [] and fresh(record.id).status == "queued"
    dispatch.run_due(now + timedelta(hours=1))
    assert calls == [(record.id, ["later"])] and fresh(record.id).status == "finished"


def test_the_sweep_runs_a_job_whose_dispatch_was_lost(app, ctx):
    # A core INSERT bypasses the after-commit hand-over, as a crash between commit and dispatch would.
    now = utcnow()
    db.session.execute(insert(JobRecord).values(id="a" * 32, task="tests.echo", queue="default",
                                                args=["lost"], status="queued", progress=0.0, attempts=0,
                                                created_at=now))
    db.session.commit()
    assert calls == []
    dispatch.run_due(now + timedelta(seconds=5))  # younger than the grace: may still be on its way
    assert calls == []
    dispatch.run_due(now + timedelta(seconds=app.config["JOBS_SWEEP_AFTER_SECONDS"]))
    dispatch.run_due(now + timedelta(seconds=60))  # a second sweep finds nothing left to do
    assert calls == [("a" * 32, ["lost"])]


def test_periodic_jobs_run_when_their_interval_has_passed(ctx):
    now = utcnow()
    assert "tests.tick" in dispatch.run_due(now)
    assert "tests.tick" not in dispatch.run_due(now + timedelta(minutes=4))
    assert "tests.tick" in dispatch.run_due(now + timedelta(minutes=5))
    assert periodic_runs == [now, now + timedelta(minutes=5)]


def test_the_run_due_command_runs_the_periodic_jobs(app):
    result = app.test_cli_runner().invoke(args=["jobs", "run-due"])
    assert result.exit_code == 0, result.output
    ran = result.output.removeprefix("ran periodic: ").strip().split(", ")
    assert {"jobs.sweep", "tests.tick"} <= set(ran) and ran == sorted(ran)
    assert len(sample_tasks.PERIODIC_RUNS) == 1


def test_the_worker_command_needs_redis(app):
    result = app.test_cli_runner().invoke(args=["worker"])
    assert result.exit_code == 1
    assert "this needs REDIS_URL" in result.output


def stalled_job(job_id: str, started_at, attempts: int) -> None:
    """A job a worker took and never finished: it died mid-job."""
    db.session.execute(insert(JobRecord).values(
        id=job_id, task="tests.echo", queue="default", args=["stalled"], status="running", progress=0.3,
        attempts=attempts, created_at=started_at, dispatched_at=started_at, started_at=started_at))
    db.session.commit()


def test_the_sweep_runs_again_a_job_whose_worker_died(app, ctx):
    now = utcnow()
    stalled_job("b" * 32, now - timedelta(minutes=30), attempts=1)
    dispatch.sweep(now)
    assert calls == [] and fresh("b" * 32).status == "running"  # it may still be working
    dispatch.sweep(now + timedelta(seconds=app.config["JOBS_STALLED_AFTER_SECONDS"]))
    assert calls == [("b" * 32, ["stalled"])]
    assert (fresh("b" * 32).status, fresh("b" * 32).attempts) == ("finished", 2)


def test_a_job_that_keeps_stalling_fails(app, ctx):
    now = utcnow()
    stalled_job("c" * 32, now - timedelta(hours=2), attempts=app.config["JOBS_MAX_DELIVERIES"])
    dispatch.sweep(now)
    record = fresh("c" * 32)
    assert calls == [] and record.status == "failed"
    assert "stopped before it finished" in record.error
