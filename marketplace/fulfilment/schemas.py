"""What the inbound API bodies accept and return."""
from flask_babel import lazy_gettext as _l
from marshmallow import fields, validate

from marketplace.core.schemas import ApiSchema, PageQuery, Text
from marketplace.fulfilment.models import INBOUND_STATUSES


class InboundLineBodySchema(ApiSchema):
    sku_id = fields.Integer(required=True, strict=True)
    quantity = fields.Integer(required=True, strict=True, validate=validate.Range(
        min=1, max=100_000, error=_l("Must be between {min} and {max}.")))


class InboundCreateSchema(ApiSchema):
    warehouse = Text(40)
    lines = fields.List(fields.Nested(InboundLineBodySchema), required=True, validate=validate.Length(
        min=1, max=200, error=_l("Give between {min} and {max} lines.")))


class InboundQuerySchema(PageQuery):
    status = fields.String(load_default=None, validate=validate.OneOf(
        INBOUND_STATUSES, error=_l("Choose from: {choices}.")))


class InboundLineSchema(ApiSchema):
    sku_id = fields.Integer()
    sku_code = fields.String()
    quantity = fields.Integer()
    quantity_received = fields.Integer(allow_none=True)


class InboundSchema(ApiSchema):
    id = fields.Integer()
    status = fields.String(metadata={"enum": list(INBOUND_STATUSES)})
    warehouse = fields.String()
    created_at = fields.DateTime()
    received_at = fields.DateTime(allow_none=True)
    lines = fields.List(fields.Nested(InboundLineSchema))
