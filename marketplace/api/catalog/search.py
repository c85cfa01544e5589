"""``GET /api/v1/catalog/search``: the public catalogue search, through the search service."""
from flask_babel import get_locale
from marshmallow import fields

from marketplace.api.routing import endpoint
from marketplace.core.schemas import ApiSchema
from marketplace.money.schemas import MoneyField
from marketplace.search import services as search
from marketplace.search.schemas import SearchQuerySchema
from marketplace.web.access import PUBLIC

TAG = "Catalogue"
MONEY = {"type": "object", "properties": {"amount": {"type": "string", "format": "decimal"},
                                          "currency": {"type": "string"}}}
COUNTS = {"type": "object", "additionalProperties": {"type": "integer"}}


class SearchShopSchema(ApiSchema):
    slug = fields.String()
    name = fields.String()


class SearchHitSchema(ApiSchema):
    id = fields.Integer()
    title = fields.String()
    cover_url = fields.String(allow_none=True)
    price = MoneyField(metadata=MONEY)
    source_price = MoneyField(metadata=MONEY)
    shop = fields.Nested(SearchShopSchema)
    origin_country = fields.String()
    routes = fields.List(fields.String())
    in_stock = fields.Boolean()


class FacetsSchema(ApiSchema):
    category = fields.Dict(keys=fields.String(), values=fields.Integer(), metadata=COUNTS)
    country = fields.Dict(keys=fields.String(), values=fields.Integer(), metadata=COUNTS)
    route = fields.Dict(keys=fields.String(), values=fields.Integer(), metadata=COUNTS)


class SearchResultSchema(ApiSchema):
    items = fields.List(fields.Nested(SearchHitSchema))
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()
    facets = fields.Nested(FacetsSchema)


@endpoint("/catalog/search", access=PUBLIC, query=SearchQuerySchema, response=SearchResultSchema,
          errors=(422,), tag=TAG,
          summary="Search live listings by words, with filters, sorting and facet counts")
def search_catalogue(query):
    return search.search(search.SearchQuery.from_params(query, locale=str(get_locale())))
