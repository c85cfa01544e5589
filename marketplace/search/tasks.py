"""Search jobs. ``sync`` queues ``search.index_listing`` (through ``request_index``) when the
catalogue announces that a listing went live, changed, sold out or was taken down; the job
reads the listing as it is then, so it is safe to run twice or late."""
from __future__ import annotations

from marketplace.core.clock import utcnow
from marketplace.jobs.registry import task
from marketplace.jobs.services import enqueue
from marketplace.search import indexing


def request_index(listing_id: int):
    """Queue a refresh of one listing's search document, after the caller's commit."""
    return enqueue("search.index_listing", int(listing_id))


def request_reprice():
    """Queue converting every document's price again, after an FX rate change."""
    return enqueue("search.reprice")


@task("search.index_listing")
def index_listing_task(job, listing_id: int) -> dict:
    return {"listing_id": listing_id, "indexed": indexing.index_listing(listing_id, now=utcnow())}


@task("search.remove_listing")
def remove_listing_task(job, listing_id: int) -> dict:
    indexing.remove_listing(listing_id)
    return {"listing_id": listing_id, "removed": True}


@task("search.reindex_all", queue="low")
def reindex_all_task(job, total: int | None = None) -> dict:
    """Every document rebuilt; progress is committed per batch (``total`` only scales it)."""
    done = 0
    for done in indexing.reindex_all(now=utcnow()):
        job.report_progress(done / total if total else 0.0)
    return {"indexed": done}


@task("search.reprice", queue="low")
def reprice_task(job) -> dict:
    done = 0
    for done in indexing.reprice(now=utcnow()):  # noqa: B007 - the last count is the result
        job.report_progress(0.0)  # commits the batch
    return {"repriced": done}
