"""Schema base and common fields for API bodies and forms. Unknown fields are refused
(``unknown=RAISE``), so a client cannot set what it may not."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from marshmallow import RAISE, Schema, ValidationError, fields, validate

from marketplace.core.numbers import to_decimal


class ApiSchema(Schema):
    class Meta:
        unknown = RAISE


class DecimalString(fields.Field):
    """A decimal given and returned as a string (``"0.13"``); floats are refused."""

    def __init__(self, *, minimum=None, maximum=None, places: int | None = None, **kwargs):
        super().__init__(**kwargs)
        self.minimum, self.maximum, self.places = minimum, maximum, places
        self.metadata.setdefault("type", "string")
        self.metadata.setdefault("format", "decimal")

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else str(value)

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str | int) or isinstance(value, bool):
            raise ValidationError(str(_l("Give a number as a string, such as \"12.50\".")))
        try:
            number = to_decimal(str(value).strip())
        except ValueError as error:
            raise ValidationError(str(_l("Not a valid number."))) from error
        if self.minimum is not None and number < self.minimum:
            raise ValidationError(str(_l("Must be at least %(minimum)s.", minimum=self.minimum)))
        if self.maximum is not None and number > self.maximum:
            raise ValidationError(str(_l("Must be at most %(maximum)s.", maximum=self.maximum)))
        if self.places is not None and -number.as_tuple().exponent > self.places:
            raise ValidationError(str(_l("At most %(places)s decimal places.", places=self.places)))
        return number


class PageQuery(ApiSchema):
    class Meta:
        unknown = RAISE

    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100_000,
                                                                   error=_l("Out of range.")))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100,
                                                                        error=_l("Out of range.")))


def Text(max_length: int, *, required: bool = True, min_length: int = 1, **kwargs) -> fields.String:  # noqa: N802
    """A trimmed string with bounds; the translated message names the bound."""
    return fields.String(required=required, validate=validate.Length(
        min=min_length, max=max_length,
        error=_l("Must be between {min} and {max} characters.")), **kwargs)


class NamesSchema(ApiSchema):
    """A name in both catalogue languages."""

    zh_CN = Text(80)  # noqa: N815 - the API's field name is the locale
    en = Text(80)


__all__ = ["ApiSchema", "DecimalString", "NamesSchema", "PageQuery", "Text", "to_decimal"]
