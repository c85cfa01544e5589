"""One live listing for anyone: prices in CNY at the rates in force, with the source price in
the shop's currency, and the units available per route."""
from __future__ import annotations

from flask_babel import get_locale
from marshmallow import fields

from marketplace.api.routing import endpoint
from marketplace.catalog import listings
from marketplace.catalog.content import content_of
from marketplace.core.schemas import ApiSchema
from marketplace.inventory import services as inventory
from marketplace.money import services as money
from marketplace.money.money import Money
from marketplace.storage import get_storage
from marketplace.web.access import PUBLIC

TAG = "Catalogue"


class PublicImageSchema(ApiSchema):
    id = fields.Integer()
    position = fields.Integer()
    url = fields.Function(lambda image: get_storage().public_url(image.storage_key),
                          metadata={"type": "string"})
    thumbnails = fields.Function(lambda image: {width: get_storage().public_url(key)
                                                for width, key in image.thumbnails.items()},
                                 metadata={"type": "object"})
    width = fields.Integer()
    height = fields.Integer()


class PublicSkuSchema(ApiSchema):
    id = fields.Integer()
    code = fields.String()
    options = fields.Dict()
    price = fields.Dict(metadata={"description": "In CNY at the rate in force"})
    source_price = fields.Dict(metadata={"description": "In the shop's currency"})
    available = fields.Dict(metadata={"description": "Units available per route offered"})


class PublicShopSchema(ApiSchema):
    slug = fields.String()
    name = fields.String()
    country = fields.String()


class PublicListingSchema(ApiSchema):
    id = fields.Integer()
    category = fields.String()
    category_name = fields.String()
    brand = fields.String()
    title = fields.Dict()
    description = fields.Dict()
    origin_country = fields.String()
    tax_category = fields.String()
    routes = fields.List(fields.String())
    shop = fields.Nested(PublicShopSchema)
    images = fields.List(fields.Nested(PublicImageSchema))
    skus = fields.List(fields.Nested(PublicSkuSchema))
    published_at = fields.DateTime()


def sku_view(sku, routes: list[str], rates: dict) -> dict:
    source = Money(sku.price, sku.currency)
    return {"id": sku.id, "code": sku.code, "options": sku.options,
            "price": money.to_cny(source, rates).as_json(), "source_price": source.as_json(),
            "available": {route: inventory.available(sku, route) for route in routes}}


def listing_view(listing) -> dict:
    rates = money.current_rates()
    return {**content_of(listing), "id": listing.id,
            "category_name": listing.category.name(str(get_locale())),
            "shop": listing.shop, "images": [image for image in listing.images if not image.pending],
            "skus": [sku_view(sku, listing.routes, rates) for sku in listing.skus],
            "published_at": listing.published_at}


@endpoint("/catalog/listings/<int:listing_id>", access=PUBLIC, response=PublicListingSchema,
          summary="A live listing with its SKUs, CNY prices and availability per route", tag=TAG,
          errors=(404,))
def public_listing(listing_id):
    return listing_view(listings.public_listing(listing_id))
