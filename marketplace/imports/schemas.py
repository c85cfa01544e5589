"""What the import API returns."""
from marshmallow import fields

from marketplace.core.schemas import ApiSchema


class ImportStartedSchema(ApiSchema):
    job_id = fields.String()
