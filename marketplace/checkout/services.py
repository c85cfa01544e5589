"""Placing a checkout, and what follows its payment or its expiry.

Placing is one unit of work, in this order: the quote is computed again on the server (nothing
the client sent is an amount), refused if it has any problem; the checkout and its orders are
written; stock is reserved for all of them at once (``inventory.reserve`` takes the rows in a
fixed order: all or nothing); the payment is created for the checkout's total. The caller
commits; on any error the caller rolls back, so no half-placed checkout remains.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta
from decimal import Decimal

from flask_babel import lazy_gettext as _l

from marketplace.cart import services as cart
from marketplace.checkout.quotes import OrderQuote, Quote, quote
from marketplace.core.errors import ValidationFailed
from marketplace.inventory import services as inventory
from marketplace.orderers import services as orderers
from marketplace.orders import services as orders
from marketplace.orders.models import PAYMENT_METHODS
from marketplace.payments import services as payments

EXPIRES_AFTER = timedelta(minutes=30)


class CheckoutRefused(ValidationFailed):
    """422 with the first problem's code (API.md's ``single_limit_exceeded``, ``out_of_stock`` …);
    ``problems`` lists them all."""

    def __init__(self, problems):
        first = problems[0]
        super().__init__(first.message, code=first.code)
        self.problems = problems
        self.details = {"problems": [{"code": problem.code, "message": problem.message}
                                     for problem in problems]}


class IdempotencyKeyReused(ValidationFailed):
    code = "idempotency_key_reused"


def request_hash(body: dict) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()


def quote_for(shopper, identity_id, address_id, *, locale: str, now: datetime) -> Quote:
    identity = orderers.owned_identity(shopper, identity_id)
    orderers.owned_address(shopper, address_id)
    return quote(shopper, identity, locale=locale, now=now)


# --- Records for the orders package ------------------------------------------------------------

def _line_record(line, line_tax) -> orders.LineRecord:
    sku, listing, category = line.sku, line.sku.listing, line.sku.listing.tax_category
    return orders.LineRecord({
        "sku_id": sku.id, "listing_id": listing.id, "title_zh": listing.title_zh,
        "title_en": listing.title_en, "sku_code": sku.code, "options": dict(sku.options or {}),
        "quantity": line.quantity, "weight_g": line.weight_g, "source_price": line.source.amount,
        "source_currency": line.source.currency,
        "fx_rate": line.fx_rate, "unit_price": line.unit_price, "goods": line.goods,
        "freight_share": line_tax.freight_share, "dutiable_value": line_tax.dutiable_value,
        "tax_code": category.code, "vat_rate": category.vat_rate,
        "consumption_tax_rate": category.consumption_tax_rate, "tariff_rate": category.tariff_rate,
        "postal_rate": category.postal_rate, "tariff": line_tax.tariff,
        "consumption_tax": line_tax.consumption_tax, "vat": line_tax.vat, "postal_tax": line_tax.postal_tax,
        "tax": line_tax.total})


def _order_record(order: OrderQuote) -> orders.OrderRecord:
    draft, taxes = order.draft, order.tax
    values = {"route": draft.route, "warehouse_code": draft.warehouse.code if draft.warehouse else None,
              "customs_regime": taxes.regime, "customs_mode": order.customs_mode, "goods": draft.goods,
              "shipping": draft.shipping, "tax": taxes.total, "tariff": taxes.tariff,
              "consumption_tax": taxes.consumption_tax, "vat": taxes.vat, "postal_tax": taxes.postal_tax,
              "total": order.total, "dutiable_value": taxes.dutiable_value}
    lines = [_line_record(line, line_tax) for line, line_tax in zip(draft.lines, taxes.lines, strict=True)]
    return orders.OrderRecord(draft.shop.id, values, lines)


def _orderer(identity) -> dict:
    return {"orderer_name_encrypted": identity.real_name_encrypted,
            "orderer_id_number_encrypted": identity.id_number_encrypted,
            "orderer_id_masked": identity.id_number_masked, "orderer_index": identity.id_number_index}


def _consignee(address) -> dict:
    return {"consignee": address.recipient, "consignee_phone": address.phone, "province": address.province,
            "city": address.city, "district": address.district, "address_line": address.line1,
            "postcode": address.postcode}


def _checkout_values(placed: Quote, identity, address, method: str, key, body_hash, now) -> dict:
    return {"identity_id": identity.id, "address_id": address.id, "payment_method": method,
            "goods": sum((order.draft.goods for order in placed.orders), Decimal("0.00")),
            "shipping": sum((order.draft.shipping for order in placed.orders), Decimal("0.00")),
            "tax": sum((order.tax.total for order in placed.orders), Decimal("0.00")),
            "total": placed.total, "fx_rates": placed.rates, "expires_at": now + EXPIRES_AFTER,
            "idempotency_key": key, "request_hash": body_hash}


# --- Placing ----------------------------------------------------------------------------------

def _check_method(method) -> str:
    if method not in PAYMENT_METHODS:
        message = str(_l("Choose card, alipay or wechat."))
        raise ValidationFailed(message, fields={"payment_method": [message]})
    return method


def _reserve(checkout, placed: Quote, now: datetime) -> None:
    lines = [(order.draft.shop.id, line.sku.id, order.draft.location, line.quantity)
             for order in placed.orders for line in order.draft.lines]
    inventory.reserve(holder(checkout), lines, expires_at=checkout.expires_at, now=now)


def holder(checkout) -> str:
    return f"checkout:{checkout.id}"


def begin_placing(shopper_id: int, now: datetime) -> None:
    """The first statement of a placing unit of work (the caller has just committed whatever it
    read before): the shopper's cart row is locked, so one shopper's checkouts never interleave."""
    cart.lock(shopper_id, now)


def place(shopper, *, identity_id, address_id, payment_method, locale: str, now: datetime,
          idempotency_key: str | None = None, body_hash: str | None = None, return_url=None):
    """Place the shopper's cart as a checkout awaiting payment; returns ``(checkout, payment)``.
    ``return_url(checkout)`` is where the payment page sends the payer back (the pages' result)."""
    method = _check_method(payment_method)
    identity = orderers.owned_identity(shopper, identity_id)
    address = orderers.owned_address(shopper, address_id)
    placed = quote(shopper, identity, locale=locale, now=now)
    if placed.problems:
        raise CheckoutRefused(list(placed.problems))
    values = _checkout_values(placed, identity, address, method, idempotency_key, body_hash, now)
    checkout = orders.record_checkout(shopper, checkout=values, orderer=_orderer(identity),
                                      consignee=_consignee(address),
                                      orders=[_order_record(order) for order in placed.orders], now=now)
    _reserve(checkout, placed, now)
    back = return_url(checkout) if return_url else None
    payment = payments.create_payment(checkout.id, checkout.total, checkout.currency, method, now,
                                      return_url=back)
    bought = [(line.sku.id, order.draft.route) for order in placed.orders for line in order.draft.lines]
    cart.clear_bought(cart.user_cart(shopper, now), bought, now=now)
    return checkout, payment


def replay(shopper, key: str, body_hash: str):
    """The checkout an earlier request with this ``Idempotency-Key`` placed, or None; the same
    key with another body is a 422."""
    checkout = orders.checkout_by_key(shopper, key)
    if checkout is None:
        return None
    if checkout.request_hash != body_hash:
        message = str(_l("This Idempotency-Key was used for another request: use a new key."))
        raise IdempotencyKeyReused(message)
    return checkout
