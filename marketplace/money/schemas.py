"""Money in API bodies (``{"amount": "12.50", "currency": "USD"}``) and the FX rate bodies."""
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields

from marketplace.core.numbers import plain_decimal
from marketplace.core.schemas import ApiSchema, DecimalString
from marketplace.money.money import Money, check_currency


class CurrencyCode(fields.String):
    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            return check_currency(text)
        except ValueError as error:
            raise ValidationError(str(_l("Unknown currency."))) from error


class MoneySchema(ApiSchema):
    amount = DecimalString(required=True, minimum=0)
    currency = CurrencyCode(required=True)

    def load_money(self, data) -> Money:
        loaded = self.load(data)
        return Money(loaded["amount"], loaded["currency"])


class MoneyField(fields.Field):
    """Dumps a ``Money`` as ``{"amount": "123.45", "currency": "CNY"}``."""

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else value.as_json()


class FxRateBodySchema(ApiSchema):
    rate = DecimalString(required=True)


class FxRateSchema(ApiSchema):
    currency = fields.String()
    rate = fields.Function(lambda row: plain_decimal(row.rate), metadata={"type": "string"})
    effective_at = fields.DateTime()
