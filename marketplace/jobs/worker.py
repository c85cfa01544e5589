"""The RQ side: the function every RQ job calls, the worker class, and the cron schedule of the
periodic functions.

Start workers with ``flask --app wsgi worker`` (see ``cli.py``). RQ forks a work horse per job; the
horse reuses the worker's app but not its pooled database connections.
"""
from __future__ import annotations

import logging
import threading
import time

from flask import Flask, current_app, has_app_context
from rq import Queue, Worker
from rq.cron import CronScheduler

from marketplace.extensions import db
from marketplace.jobs import runner
from marketplace.jobs.registry import PERIODIC, QUEUES

log = logging.getLogger(__name__)
_app: Flask | None = None


def job_app() -> Flask:
    """The app a job runs in: the one ``flask --app wsgi worker`` pushes (or ``use_app`` set).
    This package sits below the app factory, so it cannot make an app of its own."""
    if has_app_context():
        return current_app._get_current_object()
    if _app is None:
        raise RuntimeError("jobs run inside the app: start workers with `flask --app wsgi worker`")
    return _app


def use_app(app: Flask) -> None:
    """The app for jobs run outside an app context (an RQ worker started by other code)."""
    global _app
    _app = app


def run_job(job_id: str) -> str | None:
    """What RQ runs for every job: the job record says the rest."""
    return runner.isolated(job_app(), lambda: runner.execute(job_id, inline=False))


def run_periodic(name: str) -> None:
    runner.isolated(job_app(), runner.run_periodic, name)


class JobWorker(Worker):
    def main_work_horse(self, job, queue):
        # A forked horse must not share the parent's pooled connections (they'd be used by two
        # processes at once); dispose them here without closing the parent's sockets.
        with job_app().app_context():
            db.engine.dispose(close=False)
        super().main_work_horse(job, queue)


def build_worker(connection, queue_names=QUEUES, worker_class=JobWorker) -> Worker:
    queues = [Queue(name, connection=connection) for name in queue_names]
    return worker_class(queues, connection=connection)


def build_cron(connection) -> CronScheduler:
    """RQ's cron scheduler with every periodic function registered on its queue."""
    cron = CronScheduler(connection=connection)
    for name, periodic in sorted(PERIODIC.items()):
        cron.register(run_periodic, queue_name=periodic.queue, args=(name,), name=f"periodic:{name}",
                      interval=max(1, int(periodic.every.total_seconds())))
    return cron


def start_cron(cron: CronScheduler) -> threading.Thread:
    """Run RQ's cron scheduler beside a worker, in a daemon thread (``CronScheduler.start`` wants
    the main thread for its signal handlers, which belong to the worker here)."""
    def enqueue_forever():
        cron.register_birth()
        while True:
            try:
                if cron.enqueue_jobs():
                    cron.save()
                cron.heartbeat()
            except Exception:
                log.exception("cron could not enqueue periodic jobs; trying again")
            time.sleep(max(1.0, cron.calculate_sleep_interval()))

    thread = threading.Thread(target=enqueue_forever, name="jobs-cron", daemon=True)
    thread.start()
    return thread
