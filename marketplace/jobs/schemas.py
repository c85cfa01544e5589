"""How a job looks in the API: ``{id, status, progress, result, error, created_at, ...}``."""
from __future__ import annotations

from flask_babel import gettext as _
from marshmallow import fields

from marketplace.core.schemas import ApiSchema
from marketplace.jobs.models import FAILED, STATUSES


class JobSchema(ApiSchema):
    id = fields.String()
    task = fields.String()
    status = fields.String(metadata={"enum": list(STATUSES)})
    progress = fields.Float(metadata={"minimum": 0, "maximum": 1})
    result = fields.Raw(allow_none=True)
    error = fields.Method("public_error", allow_none=True)
    created_at = fields.DateTime()
    started_at = fields.DateTime(allow_none=True)
    ended_at = fields.DateTime(allow_none=True)

    def public_error(self, record) -> str | None:
        if record.status != FAILED:
            return None
        return record.error_message or _("The job failed. Please try again or contact us.")
