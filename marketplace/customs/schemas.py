"""What the tax table's API bodies accept and return. Rates are decimal strings (``"0.13"``);
the service checks their range, so pages and API refuse the same values."""
from marshmallow import fields

from marketplace.core.schemas import ApiSchema, DecimalString, NamesSchema, Text


def _rate():
    return DecimalString(required=True)


class TaxCategoryCreateSchema(ApiSchema):
    code = Text(40)
    name = fields.Nested(NamesSchema, required=True)
    vat_rate = _rate()
    consumption_tax_rate = _rate()
    tariff_rate = _rate()
    postal_rate = _rate()
    on_positive_list = fields.Boolean()


class TaxCategoryPatchSchema(TaxCategoryCreateSchema):
    """Any of the fields but the code, which names the category and never changes."""

    def __init__(self, **kwargs):
        super().__init__(partial=True, exclude=("code",), **kwargs)


class AdminTaxCategorySchema(ApiSchema):
    code = fields.String()
    name = fields.Nested(NamesSchema)
    vat_rate = fields.String()
    consumption_tax_rate = fields.String()
    tariff_rate = fields.String()
    postal_rate = fields.String()
    on_positive_list = fields.Boolean()
