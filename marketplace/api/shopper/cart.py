"""The shopper's cart (API.md "Cart, identities, checkout")."""
from __future__ import annotations

from marshmallow import fields, validate

from marketplace.api.routing import endpoint
from marketplace.cart import services as cart
from marketplace.catalog.models import ROUTES
from marketplace.core.clock import utcnow
from marketplace.core.schemas import ApiSchema
from marketplace.money.schemas import MoneyField
from marketplace.web.access import SHOPPER, current_actor
from marketplace.web.i18n import current_locale

TAG = "Cart and checkout"


class CartItemBodySchema(ApiSchema):
    sku_id = fields.Integer(required=True, strict=True)
    quantity = fields.Integer(required=True, strict=True)
    route = fields.String(required=True, validate=validate.OneOf(ROUTES))


class CartQuantitySchema(ApiSchema):
    quantity = fields.Integer(required=True, strict=True)


class CartItemSchema(ApiSchema):
    id = fields.Integer()
    sku_id = fields.Integer()
    listing_id = fields.Integer()
    title = fields.String()
    label = fields.String(metadata={"description": "The SKU's options, e.g. \"50 ml\""})
    quantity = fields.Integer()
    route = fields.String()
    unit_price = MoneyField(metadata={"description": "CNY at today's rate; null if no rate is set"})
    source_price = MoneyField()
    price_before = MoneyField(allow_none=True, metadata={
        "description": "The source price when the line was added, when it has changed since; else null"})
    available = fields.Integer()
    sold_out = fields.Boolean()
    purchasable = fields.Boolean()


class CartSchema(ApiSchema):
    items = fields.List(fields.Nested(CartItemSchema))
    subtotal = MoneyField(metadata={"description": "Sum of the lines that can be bought as they stand"})
    count = fields.Integer()
    ready = fields.Boolean(metadata={"description": "Every line can be bought as it stands"})


def _cart():
    return cart.user_cart(current_actor(), utcnow())


def _item(basket, line_id: int):
    shown = cart.view(basket, locale=current_locale(), now=utcnow())
    return next(item for item in shown.items if item.id == line_id)


@endpoint("/cart", access=SHOPPER, response=CartSchema, tag=TAG,
          summary="The cart, with today's prices, stock and any price change since each line was added")
def get_cart():
    now = utcnow()
    return cart.view(cart.user_cart(current_actor(), now, create=False), locale=current_locale(), now=now)


@endpoint("/cart/items", "POST", access=SHOPPER, body=CartItemBodySchema, response=CartItemSchema,
          status=201, errors=(404, 422), tag=TAG,
          summary="Add a SKU by a route its listing offers (added to the same SKU and route's line)")
def add_cart_item(body):
    basket = _cart()
    line = cart.add_item(basket, body["sku_id"], body["quantity"], body["route"], now=utcnow())
    return _item(basket, line.id)


@endpoint("/cart/items/<int:line_id>", "PATCH", access=SHOPPER, body=CartQuantitySchema, lookup_first=True,
          response=CartItemSchema, errors=(404, 422), tag=TAG, summary="Change a line's quantity")
def change_cart_item(line_id, body):
    basket = _cart()
    cart.get_line(basket, line_id)
    cart.set_quantity(basket, line_id, body()["quantity"], now=utcnow())
    return _item(basket, line_id)


@endpoint("/cart/items/<int:line_id>", "DELETE", access=SHOPPER, status=204, errors=(404,), tag=TAG,
          summary="Remove a line")
def remove_cart_item(line_id):
    cart.remove_item(_cart(), line_id, now=utcnow())
