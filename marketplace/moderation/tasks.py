"""The review queue's background work: pre-screening a submission, and returning expired
claims to the queue."""
from __future__ import annotations

from datetime import timedelta

from marketplace.core.clock import utcnow
from marketplace.jobs.registry import periodic, task
from marketplace.moderation import claims, services


@task("moderation.prescreen")
def prescreen(job, task_id: int) -> dict:
    screened = services.prescreen(task_id, utcnow())
    if screened is None:
        return {"task": task_id, "missing": True}
    return {"task": task_id, "risk_score": screened.risk_score,
            "flags": [flag["code"] for flag in screened.flags]}


@periodic("moderation.expire_claims", every=timedelta(minutes=1))
def expire_claims(now) -> None:
    claims.expire_claims(now)
