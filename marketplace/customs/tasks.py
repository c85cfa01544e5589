"""Customs jobs: filing one queued message with the customs gateway."""
from __future__ import annotations

from marketplace.core.clock import utcnow
from marketplace.customs import filings
from marketplace.jobs.registry import task


@task(filings.FILE_TASK, retries=5)
def file_customs_message(context, filing_id: int) -> dict:
    """Safe to run twice: a filing that is no longer pending is not filed again."""
    filing = filings.file_filing(filing_id, utcnow())
    if filing is None:
        return {"filing": None}
    return {"filing": filing.id, "status": filing.status, "receipt_number": filing.receipt_number}
