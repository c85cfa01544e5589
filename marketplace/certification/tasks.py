"""Background jobs of buyer certification."""
from marketplace.jobs.registry import task
from marketplace.storage import get_storage


@task("certification.delete_file", queue="low")
def delete_file(job, key: str) -> dict:
    """Remove a replaced document's file (deleting an absent key is fine, so it may run twice)."""
    get_storage().delete(key)
    return {"deleted": key}
