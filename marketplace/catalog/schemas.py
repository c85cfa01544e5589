"""What the catalogue's API bodies accept and return."""
from flask_babel import lazy_gettext as _l
from marshmallow import fields, validate

from marketplace.catalog.models import LISTING_STATUSES, ROUTES
from marketplace.core.schemas import ApiSchema, NamesSchema, PageQuery, Text
from marketplace.money.schemas import MoneySchema


class CategoryCreateSchema(ApiSchema):
    slug = Text(64)
    name = fields.Nested(NamesSchema, required=True)
    parent = fields.String(load_default=None, allow_none=True, validate=validate.Length(
        max=64, error=_l("At most {max} characters.")))


class AdminCategorySchema(ApiSchema):
    slug = fields.String()
    name = fields.Nested(NamesSchema)
    parent = fields.String(allow_none=True)


# --- Listings (the buyer's shop) ---------------------------------------------------------------

MAX_SKUS = 100
MAX_OPTION_AXES = 3


def OptionalText(max_length: int) -> fields.String:  # noqa: N802 - a field factory, like Text
    return fields.String(load_default=None, allow_none=True, validate=validate.Length(
        max=max_length, error=_l("At most {max} characters.")))


class TitleSchema(ApiSchema):
    zh_CN = Text(200)  # noqa: N815 - the API's field name is the locale
    en = OptionalText(200)
    local = OptionalText(200)


class DescriptionSchema(ApiSchema):
    zh_CN = Text(10_000)  # noqa: N815
    en = OptionalText(10_000)
    local = OptionalText(10_000)


class SkuBodySchema(ApiSchema):
    code = Text(64)
    options = fields.Dict(keys=fields.String(validate=validate.Length(
                              min=1, max=30, error=_l("Must be between {min} and {max} characters."))),
                          values=fields.String(validate=validate.Length(
                              min=1, max=50, error=_l("Must be between {min} and {max} characters."))),
                          load_default=dict, validate=validate.Length(
                              max=MAX_OPTION_AXES, error=_l("At most {max} option axes.")))
    price = fields.Nested(MoneySchema, required=True)
    weight_g = fields.Integer(required=True, strict=True, validate=validate.Range(
        min=1, max=100_000, error=_l("Must be between {min} and {max}.")))
    stock = fields.Integer(load_default=0, strict=True, validate=validate.Range(
        min=0, max=1_000_000, error=_l("Must be between {min} and {max}.")))


class ListingBodySchema(ApiSchema):
    category = Text(64)
    brand = Text(80)
    title = fields.Nested(TitleSchema, required=True)
    description = fields.Nested(DescriptionSchema, required=True)
    origin_country = Text(2, min_length=2)
    tax_category = Text(40)
    routes = fields.List(fields.String(validate=validate.OneOf(
        ROUTES, error=_l("Choose from: {choices}."))), required=True, validate=validate.Length(
        min=1, max=len(ROUTES), error=_l("Choose at least one route.")))
    skus = fields.List(fields.Nested(SkuBodySchema), required=True, validate=validate.Length(
        min=1, max=MAX_SKUS, error=_l("Between {min} and {max} SKUs.")))


LISTING_FIELDS = tuple(ListingBodySchema._declared_fields)


class ListingPatchSchema(ListingBodySchema):
    """Any listing field; the ones given replace the listing's (``skus`` as a whole list)."""

    def __init__(self, **kwargs):
        super().__init__(partial=LISTING_FIELDS, **kwargs)


class ImageOrderSchema(ApiSchema):
    order = fields.List(fields.Integer(strict=True), required=True, validate=validate.Length(
        min=1, max=9, error=_l("Between {min} and {max} images.")))


class StockBodySchema(ApiSchema):
    quantity = fields.Integer(required=True, strict=True, validate=validate.Range(
        min=0, max=1_000_000, error=_l("Must be between {min} and {max}.")))


class ListingQuerySchema(PageQuery):
    status = fields.String(load_default=None, validate=validate.OneOf(
        LISTING_STATUSES, error=_l("Choose from: {choices}.")))
    q = fields.String(load_default=None, validate=validate.Length(
        max=100, error=_l("At most {max} characters.")))
