"""The shopper's orders (API.md: ``GET /orders``, ``GET /orders/{id}``)."""
from __future__ import annotations

from dataclasses import replace

from marshmallow import fields, validate

from marketplace.api.routing import endpoint
from marketplace.core.pagination import paginate
from marketplace.core.schemas import ApiSchema, PageQuery
from marketplace.money.schemas import MoneyField
from marketplace.orders import presenters
from marketplace.orders import services as orders
from marketplace.orders.models import ORDER_STATUSES
from marketplace.web.access import SHOPPER, current_actor
from marketplace.web.i18n import current_locale

TAG = "Orders"


class OrderQuerySchema(PageQuery):
    status = fields.String(load_default=None, validate=validate.OneOf(ORDER_STATUSES))


class OrderLineSchema(ApiSchema):
    id = fields.Integer()
    sku_id = fields.Integer()
    listing_id = fields.Integer()
    title = fields.String()
    quantity = fields.Integer()
    unit_price = MoneyField()
    source_price = MoneyField()
    goods = MoneyField()
    tax = MoneyField()


class TimelineSchema(ApiSchema):
    at = fields.DateTime()
    status = fields.String()
    text = fields.String()


class AmountsSchema(ApiSchema):
    goods = MoneyField()
    shipping = MoneyField()
    discount = MoneyField()
    tariff = MoneyField()
    consumption_tax = MoneyField()
    vat = MoneyField()
    postal_tax = MoneyField()
    tax = MoneyField()
    total = MoneyField()


class ShopperOrderSchema(ApiSchema):
    id = fields.Integer()
    checkout_id = fields.Integer()
    status = fields.String()
    shop = fields.Dict()
    route = fields.String()
    warehouse = fields.String(allow_none=True)
    customs_regime = fields.String()
    orderer = fields.Dict(metadata={"description": "real name and the masked ID number"})
    consignee = fields.Dict()
    lines = fields.List(fields.Nested(OrderLineSchema))
    amounts = fields.Nested(AmountsSchema)
    fx_rates = fields.Dict(metadata={"description": "CNY per unit of each currency, as at checkout"})
    timeline = fields.List(fields.Nested(TimelineSchema))
    created_at = fields.DateTime()
    paid_at = fields.DateTime(allow_none=True)


def _shown(order) -> dict:
    return presenters.order_view(order, locale=current_locale())


@endpoint("/orders", access=SHOPPER, query=OrderQuerySchema, response=ShopperOrderSchema, paginated=True,
          tag=TAG, summary="The shopper's orders, newest first")
def list_orders(query):
    page = paginate(orders.shopper_orders(current_actor(), status=query["status"]), query["page"],
                    query["per_page"])
    return replace(page, items=[_shown(order) for order in page.items])


@endpoint("/orders/<int:order_id>", access=SHOPPER, response=ShopperOrderSchema, errors=(404,), tag=TAG,
          summary="One order with its lines, amounts and timeline")
def get_order(order_id):
    return _shown(orders.shopper_order(current_actor(), order_id))
