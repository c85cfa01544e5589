"""Job commands: ``flask --app wsgi worker`` and ``flask --app wsgi jobs run-due|cron``."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from marketplace.core.clock import utcnow
from marketplace.jobs import dispatch, worker
from marketplace.jobs.registry import QUEUES


def _redis_or_fail():
    app = current_app._get_current_object()
    if not app.config["REDIS_URL"]:
        raise click.ClickException("this needs REDIS_URL (for example redis://127.0.0.1:6379/0); "
                                   "without it jobs run inline and no worker is needed")
    return dispatch.redis_connection(app)


@click.command("worker")
@click.option("--queue", "queue_names", multiple=True, type=click.Choice(QUEUES),
              help="Queue to listen to (repeat; default: all, in priority order).")
@click.option("--cron/--no-cron", default=True,
              help="Also enqueue the periodic jobs. Keep it on in exactly one process.")
@click.option("--burst", is_flag=True, help="Stop once the queues are empty.")
@with_appcontext
def worker_command(queue_names, cron, burst):
    """Run an RQ worker, with RQ's scheduler for delayed jobs and retries."""
    connection = _redis_or_fail()
    scheduler = worker.build_cron(connection) if cron else None
    if scheduler is not None and burst:
        scheduler.enqueue_jobs()
    elif scheduler is not None:
        worker.start_cron(scheduler)
    worker.build_worker(connection, queue_names or QUEUES).work(burst=burst, with_scheduler=True)


@click.group("jobs")
def jobs_group():
    """Background jobs."""


@jobs_group.command("run-due")
@with_appcontext
def run_due_command():
    """Send due and missed jobs and run the periodic functions once (inline mode's scheduler)."""
    ran = dispatch.run_due(utcnow())
    click.echo(f"ran periodic: {', '.join(ran) or 'none'}")


@jobs_group.command("cron")
@with_appcontext
def cron_command():
    """Run RQ's cron scheduler on its own (then start the workers with --no-cron)."""
    worker.build_cron(_redis_or_fail()).start()
