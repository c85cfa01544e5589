"""Tasks that exist only for the tests: they record what ran, fail on demand, report progress."""
from __future__ import annotations

from datetime import timedelta

from marketplace.core.errors import DomainError
from marketplace.jobs.errors import TransientError
from marketplace.jobs.registry import periodic, task

CALLS: list[tuple[str, list]] = []  # (job id, args) of every run of tests.echo
FLAKY_FAILURES: dict[str, int] = {}  # job id -> transient failures still to raise
PROBES: list = []  # callables tests.progress calls after reporting half way
PERIODIC_RUNS: list = []


@task("tests.echo")
def echo(job, *args):
    CALLS.append((job.job_id, list(args)))
    return {"echo": list(args)}


@task("tests.refuse")
def refuse(job, row):
    raise DomainError(f"Row {row} has no price.", code="row_invalid")


@task("tests.crash")
def crash(job):
    raise ValueError("internal detail that must not leak")


@task("tests.flaky", retries=2)
def flaky(job, failures):
    left = FLAKY_FAILURES.setdefault(job.job_id, failures)
    if left > 0:
        FLAKY_FAILURES[job.job_id] = left - 1
        raise TransientError("partner timed out")
    job.result = {"succeeded_after": failures}


@task("tests.progress")
def progress(job):
    job.report_progress(0.5)
    for probe in PROBES:
        probe(job.job_id)
    job.result = {"done": True}


@periodic("tests.tick", every=timedelta(minutes=5))
def tick(now):
    PERIODIC_RUNS.append(now)


def reset() -> None:
    CALLS.clear()
    FLAKY_FAILURES.clear()
    PROBES.clear()
    PERIODIC_RUNS.clear()
