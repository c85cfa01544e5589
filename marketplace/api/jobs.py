"""Jobs API: the status of a background job, for whoever started it."""
from flask import g

from marketplace.api.routing import endpoint
from marketplace.jobs import services
from marketplace.jobs.schemas import JobSchema
from marketplace.web.access import SHOPPER


@endpoint("/jobs/<job_id>", access=SHOPPER, response=JobSchema, errors=(404,), tag="Jobs",
          summary="A background job's status, progress and result (its owner, its shop's owner, admins)")
def get_job(job_id: str):
    return services.readable_job(job_id, g.actor)
