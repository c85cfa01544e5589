"""Quoting and placing a checkout (API.md "Cart, identities, checkout").

``POST /checkout`` honours ``Idempotency-Key``: the same key and body answer with the checkout
the first request placed; the same key with another body is a 422; two requests racing with one
key place one checkout (the loser of the unique index answers as a replay).
"""
from __future__ import annotations

from flask import request
from flask_babel import lazy_gettext as _l
from marshmallow import fields
from sqlalchemy.exc import IntegrityError

from marketplace.api.routing import endpoint
from marketplace.checkout import services as checkout
from marketplace.core.clock import utcnow
from marketplace.core.errors import ValidationFailed
from marketplace.core.schemas import ApiSchema
from marketplace.extensions import db
from marketplace.money.schemas import MoneyField
from marketplace.orders.presenters import cny
from marketplace.payments import services as payments
from marketplace.web.access import SHOPPER, current_actor
from marketplace.web.i18n import current_locale

TAG = "Cart and checkout"
MAX_KEY_LENGTH = 100
TAX_COMPONENTS = ("tariff", "consumption_tax", "vat", "postal_tax")


class QuoteBodySchema(ApiSchema):
    identity_id = fields.Integer(required=True, strict=True)
    address_id = fields.Integer(required=True, strict=True)


class CheckoutBodySchema(QuoteBodySchema):
    payment_method = fields.String(required=True, metadata={"enum": ["card", "alipay", "wechat"]})


class ShopBriefSchema(ApiSchema):
    id = fields.Integer()
    slug = fields.String()
    name = fields.String()


class ProblemSchema(ApiSchema):
    code = fields.String()
    message = fields.String()


class QuoteLineSchema(ApiSchema):
    sku_id = fields.Integer()
    quantity = fields.Integer()
    unit_price = MoneyField()
    source_price = MoneyField()
    goods = MoneyField()
    tax = MoneyField()


class QuoteOrderSchema(ApiSchema):
    shop = fields.Nested(ShopBriefSchema)
    route = fields.String()
    warehouse = fields.String(allow_none=True)
    customs_regime = fields.String(metadata={"description": "cbec, general or postal"})
    lines = fields.List(fields.Nested(QuoteLineSchema))
    goods = MoneyField()
    shipping = MoneyField()
    tax = MoneyField()
    tax_components = fields.Dict(keys=fields.String(), values=MoneyField(),
                                 metadata={"description": "tariff, consumption_tax, vat, postal_tax"})
    total = MoneyField()


class QuoteSchema(ApiSchema):
    orders = fields.List(fields.Nested(QuoteOrderSchema))
    total = MoneyField()
    problems = fields.List(fields.Nested(ProblemSchema))


class PlacedOrderSchema(ApiSchema):
    id = fields.Integer()
    status = fields.String()
    shop = fields.Nested(ShopBriefSchema)
    route = fields.String()
    warehouse = fields.String(allow_none=True)
    goods = MoneyField()
    shipping = MoneyField()
    tax = MoneyField()
    total = MoneyField()


class PaymentBriefSchema(ApiSchema):
    id = fields.String()
    provider = fields.String()
    redirect_url = fields.String()


class CheckoutSchema(ApiSchema):
    id = fields.Integer()
    status = fields.String()
    expires_at = fields.DateTime()
    total = MoneyField()
    orders = fields.List(fields.Nested(PlacedOrderSchema))
    payment = fields.Nested(PaymentBriefSchema)


def _quote_order(order) -> dict:
    draft, taxes = order.draft, order.tax
    lines = [{"sku_id": line.sku.id, "quantity": line.quantity, "unit_price": cny(line.unit_price),
              "source_price": line.source.rounded(), "goods": cny(line.goods), "tax": cny(line_tax.total)}
             for line, line_tax in zip(draft.lines, taxes.lines, strict=True)]
    components = {name: cny(getattr(taxes, name)) for name in TAX_COMPONENTS}
    return {"shop": draft.shop, "route": draft.route, "customs_regime": taxes.regime,
            "warehouse": draft.warehouse.code if draft.warehouse else None, "lines": lines,
            "goods": cny(draft.goods), "shipping": cny(draft.shipping), "tax": cny(taxes.total),
            "tax_components": components, "total": cny(order.total)}


@endpoint("/checkout/quote", "POST", access=SHOPPER, body=QuoteBodySchema, response=QuoteSchema,
          errors=(404, 422), tag=TAG,
          summary="What the cart would cost, per order, with each tax component and every problem in words")
def quote_checkout(body):
    quoted = checkout.quote_for(current_actor(), body["identity_id"], body["address_id"],
                                locale=current_locale(), now=utcnow())
    return {"orders": [_quote_order(order) for order in quoted.orders], "total": cny(quoted.total),
            "problems": quoted.problems}


def _placed(placed, payment) -> dict:
    orders = [{"id": order.id, "status": order.status, "shop": order.shop, "route": order.route,
               "warehouse": order.warehouse_code, "goods": cny(order.goods), "shipping": cny(order.shipping),
               "tax": cny(order.tax), "total": cny(order.total)} for order in placed.orders]
    return {"id": placed.id, "status": placed.status, "expires_at": placed.expires_at,
            "total": cny(placed.total), "orders": orders,
            "payment": {"id": payment.public_id, "provider": payment.provider,
                        "redirect_url": payment.redirect_url}}


def _idempotency_key() -> str | None:
    """The header's key; a longer one than the column holds is refused, never cut (two keys that
    differ only past the cut would replay each other)."""
    key = (request.headers.get("Idempotency-Key") or "").strip()
    if len(key) > MAX_KEY_LENGTH:
        message = str(_l("An Idempotency-Key has at most %(max)d characters.", max=MAX_KEY_LENGTH))
        raise ValidationFailed(message, fields={"Idempotency-Key": [message]})
    return key or None


def _replayed(key, body_hash):
    found = checkout.replay(current_actor(), key, body_hash) if key else None
    return _placed(found, payments.payments_for_checkout(found.id)[0]) if found is not None else None


@endpoint("/checkout", "POST", access=SHOPPER, body=CheckoutBodySchema, response=CheckoutSchema, status=201,
          errors=(404, 422), tag=TAG,
          summary="Place the cart: stock reserved for 30 minutes, one order per shop, route and warehouse, "
                  "and the payment to complete")
def place_checkout(body):
    key, body_hash = _idempotency_key(), checkout.request_hash(body)
    shopper_id, now = current_actor().id, utcnow()
    db.session.commit()  # end the request's reads: placing starts with its lock (SQLite needs that)
    checkout.begin_placing(shopper_id, now)
    # Under the lock, so a request racing with the same key finds the first one's checkout.
    replayed = _replayed(key, body_hash)
    if replayed is not None:
        return replayed
    try:
        placed, payment = checkout.place(current_actor(), identity_id=body["identity_id"],
                                         address_id=body["address_id"], payment_method=body["payment_method"],
                                         locale=current_locale(), now=now, idempotency_key=key,
                                         body_hash=body_hash)
    except IntegrityError:
        db.session.rollback()  # a request with the same key won the race: answer as it did
        replayed = _replayed(key, body_hash)
        if replayed is None:
            raise
        return replayed
    return _placed(placed, payment)
