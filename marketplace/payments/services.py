"""Payments: create one for a checkout, apply the providers' verified notifications, refund.

Every provider's notification goes through ``receive_notification``: the adapter verifies the
signature, then, in this order, the payment must exist, the amount and currency must be the
payment's, and the event must be new for that provider (``PaymentNotification``, written in the
same transaction as the effect, so a retried or replayed notice changes nothing). Statuses only
move forward (``states.PAYMENT``): a success arriving after a refund is recorded and ignored.

Services flush; the caller (the notify endpoint, a job, the checkout) commits.
"""
from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from marketplace.core.errors import ValidationFailed
from marketplace.extensions import db
from marketplace.jobs.services import enqueue
from marketplace.money.money import BASE_CURRENCY, round_half_up
from marketplace.payments import providers
from marketplace.payments.errors import (
    AmountMismatch,
    PaymentNotFound,
    ProviderRefused,
    RefundNotAllowed,
    RefundTooLarge,
)
from marketplace.payments.events import payment_refunded, payment_succeeded
from marketplace.payments.models import (
    CREATED,
    FAILED,
    METHODS,
    PARTIALLY_REFUNDED,
    REFUND_FAILED,
    REFUND_PENDING,
    REFUND_SUCCEEDED,
    REFUNDABLE,
    REFUNDED,
    SUCCEEDED,
    Payment,
    PaymentNotification,
    Refund,
    SandboxCharge,
    new_public_id,
)
from marketplace.payments.providers import base, sandbox
from marketplace.payments.providers.base import Notification, PaymentProvider
from marketplace.payments.states import PAYMENT, PROVIDER, SYSTEM

log = logging.getLogger(__name__)

REFUND_TASK = "payments.send_refund"
APPLIED, IGNORED, DUPLICATE = "applied", "ignored", "duplicate"
REFUND_NOTICES = (base.REFUND_SUCCEEDED, base.REFUND_FAILED)


@dataclass(frozen=True)
class Receipt:
    """What a notification did: ``applied``, ``ignored`` (out of order, nothing to do) or
    ``duplicate`` (seen before)."""
    outcome: str
    payment: Payment


# Creating and finding payments

def create_payment(checkout_id: int, amount: Decimal, currency: str, method: str, now: datetime, *,
                   description: str = "Haigou", return_url: str | None = None) -> Payment:
    """A payment of ``amount`` (computed by the server, never given by a client) for a checkout,
    opened at the provider that serves ``method``; ``redirect_url`` is where the payer goes."""
    _check_new_payment(amount, currency, method)
    provider = providers.for_method(method)
    payment = Payment(public_id=new_public_id("pay"), checkout_id=checkout_id, method=method,
                      provider=provider.name, amount=amount, currency=currency, status=CREATED,
                      description=description[:128], return_url=return_url, created_at=now)
    db.session.add(payment)
    db.session.flush()
    payment.redirect_url = provider.create(payment, return_url)
    db.session.flush()
    return payment


def _check_new_payment(amount: Decimal, currency: str, method: str) -> None:
    if method not in METHODS:
        raise ValidationFailed(str(_l("This payment method is not available.")),
                               fields={"payment_method": [str(_l("Not available."))]})
    if currency != BASE_CURRENCY or amount <= 0 or round_half_up(amount, currency) != amount:
        raise ValueError(f"a payment is a positive amount in fen of CNY, not {amount} {currency}")


def get_payment(public_id: str) -> Payment:
    payment = db.session.scalar(select(Payment).where(Payment.public_id == public_id))
    if payment is None:
        raise PaymentNotFound(str(_l("There is no such payment.")))
    return payment


def payments_for_checkout(checkout_id: int) -> list[Payment]:
    return list(db.session.scalars(select(Payment).where(Payment.checkout_id == checkout_id)
                                   .order_by(Payment.id)))


def _locked(payment: Payment) -> Payment:
    """The payment, re-read under a row lock (PostgreSQL), so notifications and refunds of one
    payment apply one after the other. Lock order: the payment first, then its refunds."""
    return db.session.scalars(select(Payment).where(Payment.id == payment.id).with_for_update()
                              .execution_options(populate_existing=True)).one()


# Notifications

def receive_notification(provider: PaymentProvider, headers: Mapping[str, str], body: bytes,
                         now: datetime) -> Receipt:
    """Verify a provider's notification and apply it; raises ``InvalidNotification`` (nothing
    changed) when it cannot be trusted or does not match the payment."""
    return apply_notification(provider.name, provider.verify_notification(headers, body, now), now)


def apply_notification(provider_name: str, notice: Notification, now: datetime) -> Receipt:
    payment = _locked(_payment_of(provider_name, notice))
    refund_row = _refund_of(payment, notice) if notice.kind in REFUND_NOTICES else None
    _check_amount(payment, refund_row, notice)
    recorded = _record(provider_name, notice, payment, now)
    if recorded is None:
        return Receipt(DUPLICATE, payment)
    recorded.outcome = _apply(payment, refund_row, notice, now)
    db.session.flush()
    if recorded.outcome == APPLIED and notice.kind == base.PAYMENT_SUCCEEDED:
        payment_succeeded.send(payment, now=now)
    return Receipt(recorded.outcome, payment)


def _payment_of(provider_name: str, notice: Notification) -> Payment:
    payment = db.session.scalar(select(Payment).where(Payment.public_id == notice.payment_id,
                                                      Payment.provider == provider_name))
    if payment is None:
        raise PaymentNotFound(str(_l("There is no such payment.")))
    return payment


def _refund_of(payment: Payment, notice: Notification) -> Refund:
    row = db.session.scalar(select(Refund).where(Refund.public_id == notice.refund_id,
                                                 Refund.payment_id == payment.id)
                            .execution_options(populate_existing=True))
    if row is None:
        raise PaymentNotFound(str(_l("There is no such refund.")))
    return row


def _check_amount(payment: Payment, refund_row: Refund | None, notice: Notification) -> None:
    if notice.kind not in (base.PAYMENT_SUCCEEDED, base.PAYMENT_FAILED, *REFUND_NOTICES):
        return
    expected = refund_row or payment
    if notice.amount != expected.amount or notice.currency != expected.currency:
        log.warning("%s notification %s for %s says %s %s, not %s %s", payment.provider, notice.event_id,
                    payment.public_id, notice.amount, notice.currency, expected.amount, expected.currency)
        raise AmountMismatch(str(_l("The notification's amount or currency is not the payment's.")))


def _record(provider_name: str, notice: Notification, payment: Payment, now: datetime):
    """The notification's row, or None if this provider sent this event before."""
    seen = select(PaymentNotification.id).where(PaymentNotification.provider == provider_name,
                                                PaymentNotification.event_id == notice.event_id)
    if db.session.scalar(seen) is not None:
        return None
    row = PaymentNotification(provider=provider_name, event_id=notice.event_id, kind=notice.kind,
                              payment_id=payment.id, received_at=now, outcome=IGNORED)
    try:
        with db.session.begin_nested():  # the same event, handled at the same moment elsewhere
            db.session.add(row)
    except IntegrityError:
        return None
    return row


def _apply(payment: Payment, refund_row: Refund | None, notice: Notification, now: datetime) -> str:
    if notice.kind == base.PAYMENT_SUCCEEDED:
        return _succeed(payment, notice, now)
    if notice.kind == base.PAYMENT_FAILED:
        return _move(payment, FAILED, PROVIDER, now)
    if refund_row is not None:
        status = REFUND_SUCCEEDED if notice.kind == base.REFUND_SUCCEEDED else REFUND_FAILED
        return settle_refund(refund_row, status, notice.provider_reference, now)
    return IGNORED


def _succeed(payment: Payment, notice: Notification, now: datetime) -> str:
    if _move(payment, SUCCEEDED, PROVIDER, now, provider_reference=notice.provider_reference) == IGNORED:
        return IGNORED
    payment.paid_at, payment.payer_name = now, notice.payer_name
    payment.provider_reference = notice.provider_reference
    return APPLIED


def _move(payment: Payment, status: str, who: str, now: datetime, **details) -> str:
    if not PAYMENT.allows(payment.status, status, who):
        return IGNORED
    PAYMENT.move(payment, status, actor=None, who=who, now=now, details=details)
    return APPLIED


def refresh_payment(payment: Payment, now: datetime) -> Receipt:
    """Ask the provider how the payment stands and apply the answer like a notification (for a
    notification that never came)."""
    status = providers.by_name(payment.provider).query(payment)
    notice = Notification(event_id=f"query:{status.kind}:{status.provider_reference or payment.public_id}",
                          kind=status.kind, payment_id=payment.public_id, amount=status.amount,
                          currency=status.currency, provider_reference=status.provider_reference,
                          payer_name=status.payer_name)
    return apply_notification(payment.provider, notice, now)


# Refunds

def refundable(payment: Payment) -> Decimal:
    """What is left to refund: refunds in progress count as given back."""
    taken = db.session.scalars(select(Refund.amount).where(
        Refund.payment_id == payment.id, Refund.status.in_((REFUND_PENDING, REFUND_SUCCEEDED))))
    return payment.amount - sum(taken, Decimal(0))


def refund(payment: Payment, amount: Decimal, reason: str, now: datetime) -> Refund:
    """Refund ``amount`` of a paid payment. The refund is recorded now and sent to the provider
    by a job after commit; ``payment_refunded`` follows when the provider confirms it."""
    payment = _locked(payment)
    if payment.status not in REFUNDABLE:
        raise RefundNotAllowed(str(_l("Only a paid payment can be refunded.")))
    if amount <= 0 or round_half_up(amount, payment.currency) != amount or amount > refundable(payment):
        raise RefundTooLarge(
            str(_l("A refund must be more than zero and at most what is left of the payment.")),
            fields={"amount": [str(_l("Out of range."))]})
    row = Refund(public_id=new_public_id("rfd"), payment_id=payment.id, amount=amount,
                 currency=payment.currency, reason=reason[:200], status=REFUND_PENDING, created_at=now)
    db.session.add(row)
    db.session.flush()
    enqueue(REFUND_TASK, row.id)
    return row


def send_refund(refund_id: int, now: datetime) -> Refund | None:
    """The refund job: ask the provider, then settle. Safe twice: a settled refund is left alone,
    and the provider sees our refund id as its request number."""
    row = db.session.get(Refund, refund_id)
    if row is None:
        return None
    payment = _locked(row.payment)
    row = db.session.scalars(select(Refund).where(Refund.id == refund_id)
                             .execution_options(populate_existing=True)).one()
    if row.status != REFUND_PENDING:  # settled by an earlier run, or by the provider's notification
        return row
    try:
        result = providers.by_name(payment.provider).refund(payment, row.amount, row.reason,
                                                            refund_id=row.public_id)
    except ProviderRefused:
        log.warning("%s refused refund %s of %s", payment.provider, row.public_id, payment.public_id)
        settle_refund(row, REFUND_FAILED, None, now)
        return row
    settle_refund(row, result.status, result.provider_reference, now)
    return row


def settle_refund(row: Refund, status: str, reference: str | None, now: datetime) -> str:
    """Record the provider's answer on a pending refund (a later, contradicting one is ignored)."""
    row.provider_reference = row.provider_reference or reference
    if row.status != REFUND_PENDING or status == REFUND_PENDING:
        return IGNORED
    row.status, row.settled_at = status, now
    db.session.flush()
    if status == REFUND_SUCCEEDED:
        _refunded(row.payment, row, now)
    return APPLIED


def _refunded(payment: Payment, row: Refund, now: datetime) -> None:
    given_back = sum(db.session.scalars(select(Refund.amount).where(
        Refund.payment_id == payment.id, Refund.status == REFUND_SUCCEEDED)), Decimal(0))
    status = REFUNDED if given_back >= payment.amount else PARTIALLY_REFUNDED
    PAYMENT.move(payment, status, actor=None, who=SYSTEM, now=now,
                 details={"refund": row.public_id, "amount": row.amount})
    payment_refunded.send(payment, refund=row, now=now)


# The sandbox's payment page

def confirm_sandbox_payment(public_id: str, payer_name: str | None, now: datetime, *,
                            declined: bool = False) -> SandboxCharge:
    """The payer confirms (or declines) on the sandbox's hosted page."""
    payment = _locked(get_payment(public_id))
    return sandbox.confirm(payment, payer_name, FAILED if declined else SUCCEEDED, now)


def sandbox_charge(payment: Payment) -> SandboxCharge | None:
    return sandbox.charge_of(payment)
