"""What the shop's API bodies accept and return. Rate-card amounts are CNY decimal strings."""
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields, validate

from marketplace.core.schemas import ApiSchema, DecimalString, Text
from marketplace.shops.models import CUSTOMS_REGIMES
from marketplace.shops.settings import DESCRIPTION_MAX, FEE_LIMIT, FREE_OVER_LIMIT, NAME_MAX


class StrictBoolean(fields.Boolean):
    """``true`` or ``false`` only: ``"yes"`` or ``1`` in a policy setting is a client bug."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise ValidationError(str(_l("Give true or false here.")))
        return value


class DirectMailSchema(ApiSchema):
    base = DecimalString(minimum=0, maximum=FEE_LIMIT, places=2)
    per_kg = DecimalString(minimum=0, maximum=FEE_LIMIT, places=2)
    free_over = DecimalString(minimum=0, maximum=FREE_OVER_LIMIT, places=2, allow_none=True)
    regime = fields.String(validate=validate.OneOf(CUSTOMS_REGIMES, error=_l("Choose cbec or postal.")),
                           metadata={"enum": list(CUSTOMS_REGIMES)})


class ShippingSchema(ApiSchema):
    direct_mail = fields.Nested(DirectMailSchema)


class ReturnsSchema(ApiSchema):
    no_reason = StrictBoolean()


class ShopPatchSchema(ApiSchema):
    """A partial change: every field is optional, absent ones stay as they are."""

    name = Text(NAME_MAX, required=False)
    description = Text(DESCRIPTION_MAX, required=False, min_length=0)
    shipping = fields.Nested(ShippingSchema)
    returns = fields.Nested(ReturnsSchema)


class ShopSchema(ApiSchema):
    id = fields.Integer()
    slug = fields.String()
    name = fields.String()
    currency = fields.String()
    country = fields.String()
    level = fields.Integer()
    description = fields.String()
    avatar_url = fields.String(allow_none=True)
    shipping = fields.Nested(ShippingSchema)
    returns = fields.Nested(ReturnsSchema)
