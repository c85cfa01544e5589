"""Removing files after the change that orphaned them has committed (a rolled-back change keeps
its files). Deleting an absent key is fine, so the job may run twice."""
from marketplace.jobs.registry import task
from marketplace.jobs.services import enqueue
from marketplace.storage import get_storage


def delete_after_commit(keys) -> None:
    keys = sorted({key for key in keys if key})
    if keys:
        enqueue("storage.delete", keys)


@task("storage.delete", queue="low")
def delete_files(job, keys: list[str]) -> dict:
    storage = get_storage()
    for key in keys:
        storage.delete(key)
    return {"deleted": keys}
