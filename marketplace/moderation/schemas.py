"""Shapes of the review queue's API: task summaries, decisions, claims, health, settings."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from marshmallow import fields, validate

from marketplace.core.clock import utcnow
from marketplace.core.schemas import ApiSchema, PageQuery
from marketplace.moderation.models import DECISIONS, TASK_KINDS, TASK_STATUSES
from marketplace.moderation.queue import status_of
from marketplace.moderation.rules import EXPLANATIONS, explain

ONE_OF = _l("Must be one of: {choices}.")


class FlagSchema(ApiSchema):
    code = fields.String()
    weight = fields.Integer()
    params = fields.Dict()
    explanation = fields.Function(explain)


class PersonSchema(ApiSchema):
    id = fields.Integer()
    display_name = fields.String()


def _status(task) -> str:
    return status_of(task, utcnow())


def _claimed_by(task):
    if _status(task) != "claimed" or task.claimed_by is None:
        return None  # an expired claim is nobody's
    return {"id": task.claimed_by.id, "display_name": task.claimed_by.display_name}


class TaskSchema(ApiSchema):
    id = fields.Integer()
    kind = fields.String()
    subject_id = fields.Integer()
    status = fields.Function(_status, metadata={"type": "string", "enum": list(TASK_STATUSES)})
    risk_score = fields.Integer()
    flags = fields.List(fields.Nested(FlagSchema))
    created_at = fields.DateTime()
    claimed_by = fields.Function(_claimed_by, metadata={"type": "object", "nullable": True})
    claim_expires_at = fields.DateTime(allow_none=True)
    prescreened_at = fields.DateTime(allow_none=True)
    first_reviewer_id = fields.Integer(allow_none=True)
    decision = fields.String(allow_none=True)
    reasons = fields.List(fields.String())
    note = fields.String(allow_none=True)
    decided_at = fields.DateTime(allow_none=True)


class EventSchema(ApiSchema):
    at = fields.DateTime()
    actor_id = fields.Integer(allow_none=True)
    action = fields.String()
    subject_type = fields.String()
    subject_id = fields.String()
    before = fields.Dict(allow_none=True)
    after = fields.Dict(allow_none=True)
    note = fields.String(allow_none=True)


class TaskDetailSchema(TaskSchema):
    subject = fields.Dict(allow_none=True)
    changes = fields.List(fields.Dict())
    submitter_history = fields.List(fields.Nested(TaskSchema))
    history = fields.List(fields.Nested(EventSchema))
    four_eyes = fields.Boolean()


class TaskQuery(PageQuery):
    kind = fields.String(validate=validate.OneOf(TASK_KINDS, error=ONE_OF))
    status = fields.String(validate=validate.OneOf(TASK_STATUSES, error=ONE_OF))
    flag = fields.String(validate=validate.OneOf(sorted(EXPLANATIONS), error=ONE_OF))
    min_risk = fields.Integer(validate=validate.Range(min=0, max=1_000_000, error=_l("Out of range.")))
    older_than_hours = fields.Integer(validate=validate.Range(min=0, max=100_000, error=_l("Out of range.")))


class DecisionBodySchema(ApiSchema):
    # The service checks the values, so the API and the page refuse the same things alike.
    decision = fields.Raw(required=True, metadata={"type": "string", "enum": list(DECISIONS)})
    reasons = fields.Raw(load_default=list, metadata={"type": "array", "items": {"type": "string"}})
    note = fields.Raw(load_default=None, metadata={"type": "string"})


class ClaimSchema(ApiSchema):
    id = fields.Integer()
    status = fields.String()
    claim_expires_at = fields.DateTime(allow_none=True)


class DecisionResultSchema(ApiSchema):
    id = fields.Integer()
    status = fields.String()
    decision = fields.String(allow_none=True)
    reasons = fields.List(fields.String())


class ReviewerFiguresSchema(ApiSchema):
    reviewer = fields.Nested(PersonSchema)
    today = fields.Integer()
    last_7_days = fields.Integer()


class HealthSchema(ApiSchema):
    depth = fields.Integer()
    oldest_age_seconds = fields.Integer()
    median_seconds_to_decision = fields.Integer(allow_none=True)
    decisions_per_reviewer = fields.List(fields.Nested(ReviewerFiguresSchema))
    counts = fields.Dict()


class RulesSchema(ApiSchema):
    rules = fields.Dict(metadata={"description": "rule code → {enabled, weight, thresholds...}"})
    four_eyes = fields.Dict(metadata={"description": "{price_cny, risk_score}"})
    rule_error_weight = fields.Raw(metadata={"type": "integer"})
