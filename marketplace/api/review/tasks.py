"""The review queue (role reviewer): list, claim, release, decide, a task with its subject and
history, and the queue's health. The pre-screening settings are the admin's
(``admin/prescreening.py``)."""
from flask import current_app, g

from marketplace.api.routing import endpoint
from marketplace.core.clock import utcnow
from marketplace.core.pagination import paginate
from marketplace.moderation import claims, queue, services
from marketplace.moderation.presenters import task_detail
from marketplace.moderation.schemas import (
    ClaimSchema,
    DecisionBodySchema,
    DecisionResultSchema,
    HealthSchema,
    TaskDetailSchema,
    TaskQuery,
    TaskSchema,
)
from marketplace.web.access import REVIEWER

OPERATION_PREFIX = "review"
TAG = "Review queue"


@endpoint("/review/tasks", access=REVIEWER, query=TaskQuery, response=TaskSchema, paginated=True,
          summary="Tasks in queue order: highest risk first, then oldest", tag=TAG, errors=(422,))
def list_tasks(query):
    page, per_page = query.pop("page"), query.pop("per_page")
    return paginate(queue.queue_statement(queue.QueueFilter(**query), utcnow()), page, per_page)


@endpoint("/review/tasks/<int:task_id>", access=REVIEWER, response=TaskDetailSchema,
          summary="A task with its subject, the changes under review, the submitter's record and history",
          tag=TAG, errors=(404,))
def get_task(task_id):
    return task_detail(claims.get_task(task_id), utcnow(), current_app.config["SIGNED_URL_SECONDS"])


@endpoint("/review/tasks/<int:task_id>/claim", "POST", access=REVIEWER, response=ClaimSchema,
          summary="Claim the task for 15 minutes (the holder renews it the same way)", tag=TAG,
          errors=(403, 404, 409))
def claim_task(task_id):
    return claims.claim(task_id, g.actor, utcnow())


@endpoint("/review/tasks/<int:task_id>/release", "POST", access=REVIEWER, response=ClaimSchema,
          summary="Give a claimed task back to the queue", tag=TAG, errors=(404, 409))
def release_task(task_id):
    return claims.release(task_id, g.actor, utcnow())


@endpoint("/review/tasks/<int:task_id>/decision", "POST", access=REVIEWER, body=DecisionBodySchema,
          response=DecisionResultSchema, summary="Approve, reject or request changes (claim holder only); "
          "four-eyes tasks wait for a second reviewer", tag=TAG, errors=(403, 404, 409, 422))
def decide_task(task_id, body):
    claims.get_task(task_id)  # an unknown task answers 404 whatever the body
    return services.decide(task_id, g.actor, decision=body["decision"], reasons=body["reasons"],
                           note=body["note"], now=utcnow())


@endpoint("/review/health", access=REVIEWER, response=HealthSchema,
          summary="Queue depth, oldest task, median time to decision, decisions per reviewer", tag=TAG)
def queue_health():
    now = utcnow()
    return {**queue.health(now), "counts": queue.counts(now)}
