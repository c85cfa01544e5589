"""The public catalogue's reference data: categories, the tax table and bonded warehouses, named
in the request's language."""
from flask_babel import get_locale
from marshmallow import fields

from marketplace.api.routing import endpoint
from marketplace.catalog import services as catalog
from marketplace.core.numbers import plain_decimal
from marketplace.core.pagination import paginate_list
from marketplace.core.schemas import ApiSchema, PageQuery
from marketplace.customs import services as customs
from marketplace.warehouses import services as warehousing
from marketplace.web.access import PUBLIC

OPERATION_PREFIX = "catalog"
TAG = "Catalogue"


def locale() -> str:
    return str(get_locale())


class PlainDecimal(fields.Field):
    """A rate as a decimal string without the column's padding: ``"0.13"``."""

    def __init__(self, **kwargs):
        super().__init__(metadata={"type": "string", "format": "decimal"}, **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        return plain_decimal(value)


class CategoryNodeSchema(ApiSchema):
    slug = fields.Function(lambda node: node.category.slug, metadata={"type": "string"})
    name = fields.Function(lambda node: node.category.name(locale()), metadata={"type": "string"})
    children = fields.List(fields.Nested(lambda: CategoryNodeSchema()))


class TaxCategorySchema(ApiSchema):
    code = fields.String()
    name = fields.Function(lambda row: row.name(locale()), metadata={"type": "string"})
    vat_rate = PlainDecimal()
    consumption_tax_rate = PlainDecimal()
    tariff_rate = PlainDecimal()
    postal_rate = PlainDecimal()
    on_positive_list = fields.Boolean()


class WarehouseBriefSchema(ApiSchema):
    code = fields.String()
    name = fields.String()
    city = fields.String()



@endpoint("/catalog/categories", access=PUBLIC, query=PageQuery, response=CategoryNodeSchema, paginated=True,
          summary="The category tree: top-level categories with their children", tag=TAG)
def categories(query):
    return paginate_list(catalog.category_forest(), **query)


@endpoint("/catalog/tax-categories", access=PUBLIC, query=PageQuery, response=TaxCategorySchema,
          paginated=True, summary="The tax table", tag=TAG)
def tax_categories(query):
    return paginate_list(customs.tax_categories(), **query)


@endpoint("/catalog/warehouses", access=PUBLIC, query=PageQuery, response=WarehouseBriefSchema,
          paginated=True, summary="Bonded warehouses", tag=TAG)
def warehouses(query):
    return paginate_list(warehousing.warehouses(), **query)
