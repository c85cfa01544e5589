"""An order as its shopper reads it (the API and the pages): localised titles, money in CNY,
the orderer shown with the masked number only, and the timeline in the reader's language."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from marketplace.money.money import Money
from marketplace.orderers import services as orderers

STATUS_TEXTS = {
    "awaiting_payment": _l("Order placed; waiting for payment."),
    "paid": _l("Paid. The seller has been told."),
    "sourcing": _l("The buyer is sourcing your goods."),
    "picking": _l("The bonded warehouse is picking your goods."),
    "shipped": _l("Shipped."),
    "customs_clearance": _l("In customs clearance."),
    "out_for_delivery": _l("Out for delivery."),
    "delivered": _l("Delivered."),
    "completed": _l("Completed."),
    "cancelled": _l("Cancelled."),
    "refunded": _l("Refunded."),
}
AMOUNTS = ("goods", "shipping", "discount", "tariff", "consumption_tax", "vat", "postal_tax", "tax", "total")


def cny(amount) -> Money:
    return Money(amount, "CNY")


def _line(line, locale: str) -> dict:
    title = line.title_en if str(locale).startswith("en") and line.title_en else line.title_zh
    return {"id": line.id, "sku_id": line.sku_id, "listing_id": line.listing_id, "title": title,
            "quantity": line.quantity, "unit_price": cny(line.unit_price),
            "source_price": Money(line.source_price, line.source_currency).rounded(),
            "goods": cny(line.goods), "tax": cny(line.tax)}


def _event(event) -> dict:
    text = str(STATUS_TEXTS.get(event.status, event.status))
    return {"at": event.at, "status": event.status, "text": f"{text} {event.note}" if event.note else text}


def order_view(order, *, locale: str) -> dict:
    return {
        "id": order.id, "checkout_id": order.checkout_id, "status": order.status,
        "shop": {"id": order.shop.id, "slug": order.shop.slug, "name": order.shop.name},
        "route": order.route, "warehouse": order.warehouse_code, "customs_regime": order.customs_regime,
        "orderer": {"real_name": orderers.data_cipher().decrypt(order.orderer_name_encrypted),
                    "id_number_masked": order.orderer_id_masked},
        "consignee": {"recipient": order.consignee, "phone": order.consignee_phone,
                      "province": order.province, "city": order.city, "district": order.district,
                      "line1": order.address_line, "postcode": order.postcode},
        "lines": [_line(line, locale) for line in order.lines],
        "amounts": {name: cny(getattr(order, name)) for name in AMOUNTS},
        "fx_rates": dict(order.fx_rates), "timeline": [_event(event) for event in order.events],
        "created_at": order.created_at, "paid_at": order.paid_at}
