"""What follows a placed checkout: its payment, or its expiry.

A verified payment (``payments.payment_succeeded``, connected by the app factory) pays the
checkout's orders and turns their reserved stock into sold stock, in the notification's
transaction. It is refunded instead, in full and at once, when the payer is not the orderer
(the payer must be the orderer), when the checkout expired or was cancelled before the money
arrived, or when the orderer's annual limit was used up by another checkout in the meantime.
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l

from marketplace.checkout.declarations import declare_paid_checkout
from marketplace.checkout.services import holder
from marketplace.core.clock import utcnow
from marketplace.customs import limits
from marketplace.inventory import services as inventory
from marketplace.orderers import services as orderers
from marketplace.orders import services as orders
from marketplace.payments import services as payments


def _same_person(name: str | None, orderer_name: str) -> bool:
    """Alipay and WeChat Pay do not report the payer's name (they check it themselves when the
    orderer's identity is sent with the payment): only a name that is reported is compared."""
    return name is None or "".join(name.split()) == "".join(orderer_name.split())


def _refusal(checkout, payment) -> str | None:
    """Why the money cannot be taken for this checkout, or None."""
    if checkout.status != "awaiting_payment":
        return str(_l("The payment arrived after the checkout had closed; it is refunded in full."))
    first = checkout.orders[0]
    if not _same_person(payment.payer_name, orderers.data_cipher().decrypt(first.orderer_name_encrypted)):
        return str(_l("The payer must be the orderer named on the order; the payment is refunded in full "
                      "and the order cancelled. Pay again as the orderer."))
    year = limits.quota_year(payment.paid_at or checkout.created_at)
    value = sum((order.dutiable_value for order in checkout.orders if order.customs_regime != "postal"),
                Decimal("0.00"))
    if limits.annual_limit_problem(value, already_used=orders.quota_used(first.orderer_index, year)):
        return str(_l("The orderer's yearly limit was used up by another order before this payment "
                      "arrived; it is refunded in full."))
    return None


def _refund(checkout, payment, reason: str, now: datetime) -> None:
    payments.refund(payment, payment.amount, reason, now)
    if checkout.status == "awaiting_payment":
        close(checkout, "cancelled", note=reason, now=now)


def on_payment_succeeded(payment, **details) -> None:
    """``payments.payment_succeeded``: pay the checkout, or refund the payment in full."""
    now = payment.paid_at or utcnow()
    checkout = orders.checkout_by_id(payment.checkout_id)
    reason = _refusal(checkout, payment)
    if reason is None and not inventory.commit(holder(checkout), now=now):
        reason = str(_l("The payment arrived after the checkout had closed; it is refunded in full."))
    if reason is not None:
        _refund(checkout, payment, reason, now)
        return
    orders.mark_checkout_paid(checkout, now=now)
    declare_paid_checkout(checkout, payment, now)


def close(checkout, status: str, *, now: datetime, actor=None, who: str = "system", note: str | None = None):
    """Expire or cancel an unpaid checkout: its reserved stock goes back on sale."""
    inventory.release(holder(checkout), now=now)
    orders.close_checkout(checkout, status, actor=actor, who=who, now=now, note=note)


def expire_due(now: datetime) -> int:
    """Close the unpaid checkouts whose 30 minutes are up (a periodic job; reads check lazily)."""
    due = orders.expired_checkouts(now)
    for checkout in due:
        close(checkout, "expired", now=now, note=str(_l("Not paid within 30 minutes.")))
    return len(due)
