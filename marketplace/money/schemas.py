"""What the FX rate API bodies accept and return."""
from marshmallow import fields

from marketplace.core.numbers import plain_decimal
from marketplace.core.schemas import ApiSchema, DecimalString


class FxRateBodySchema(ApiSchema):
    rate = DecimalString(required=True)


class FxRateSchema(ApiSchema):
    currency = fields.String()
    rate = fields.Function(lambda row: plain_decimal(row.rate), metadata={"type": "string"})
    effective_at = fields.DateTime()
