"""What the warehouse API bodies accept and return. Fees are CNY decimal strings."""
from marshmallow import fields

from marketplace.core.schemas import ApiSchema, DecimalString, Text


class WarehouseShippingSchema(ApiSchema):
    base = DecimalString(required=True)
    per_kg = DecimalString(required=True)


class WarehouseCreateSchema(ApiSchema):
    code = Text(40)
    name = Text(120)
    city = Text(80)
    shipping = fields.Nested(WarehouseShippingSchema, required=True)


class AdminWarehouseSchema(ApiSchema):
    code = fields.String()
    name = fields.String()
    city = fields.String()
    shipping = fields.Nested(WarehouseShippingSchema)
