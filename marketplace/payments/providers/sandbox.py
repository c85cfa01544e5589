"""The sandbox provider, for development and tests: it behaves like a real one.

``create`` sends the payer to a hosted payment page (``/sandbox/payments/<id>``, served by
``marketplace.api.providers.sandbox``) where they type their name, never a card number. Their
confirmation is recorded on the sandbox's side (``SandboxCharge``) and a job then posts a signed
notification to our own ``/api/v1/payments/sandbox/notify``, as a provider's server would.

Signature: ``X-Sandbox-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>." + body>`` with the
shared secret ``SANDBOX_PAYMENT_SECRET``; notifications more than five minutes from our clock are
refused, so a captured one cannot be replayed later.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from marketplace.extensions import db
from marketplace.jobs.services import enqueue
from marketplace.money.money import round_half_up
from marketplace.payments.errors import (
    BadSignature,
    MalformedNotification,
    PaymentAlreadyConfirmed,
    ProviderRefused,
)
from marketplace.payments.models import FAILED, SUCCEEDED, SandboxCharge
from marketplace.payments.providers.base import (
    OTHER,
    PAYMENT_FAILED,
    PAYMENT_SUCCEEDED,
    Notification,
    PaymentProvider,
    ProviderStatus,
    RefundResult,
    check_fresh,
    header,
)

NAME = "sandbox"
PAGE_PATH = "/sandbox/payments/{payment_id}"
NOTIFY_PATH = "/api/v1/payments/sandbox/notify"
SIGNATURE_HEADER = "X-Sandbox-Signature"
DELIVER_TASK = "payments.deliver_sandbox_notification"
EVENT_TYPES = {"payment.succeeded": PAYMENT_SUCCEEDED, "payment.failed": PAYMENT_FAILED}


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """The value of the signature header for ``body`` sent at ``timestamp``."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def _signature_parts(value: str) -> tuple[int, list[str]]:
    pairs = [part.strip().split("=", 1) for part in value.split(",") if "=" in part]
    timestamps = [v for k, v in pairs if k == "t"]
    signatures = [v for k, v in pairs if k == "v1"]
    if len(timestamps) != 1 or not signatures or not timestamps[0].isdigit():
        raise BadSignature(str(_l("The notification is not signed.")))
    return int(timestamps[0]), signatures


class SandboxProvider(PaymentProvider):
    name = NAME

    def __init__(self, secret: str):
        self.secret = secret

    def create(self, payment, return_url: str | None = None) -> str:
        return PAGE_PATH.format(payment_id=payment.public_id)

    def verify_notification(self, headers: Mapping[str, str], body: bytes, now: datetime) -> Notification:
        timestamp, signatures = _signature_parts(header(headers, SIGNATURE_HEADER))
        check_fresh(timestamp, now)
        expected = sign(self.secret, body, timestamp).split("v1=", 1)[1]
        if not any(hmac.compare_digest(expected, signature) for signature in signatures):
            raise BadSignature(str(_l("The notification's signature does not match.")))
        return read_event(body)

    def query(self, payment) -> ProviderStatus:
        charge = charge_of(payment)
        if charge is None:
            return ProviderStatus(OTHER)
        kind = PAYMENT_SUCCEEDED if charge.outcome == SUCCEEDED else PAYMENT_FAILED
        return ProviderStatus(kind, charge.amount, charge.currency, charge.reference, charge.payer_name)

    def refund(self, payment, amount: Decimal, reason: str, *, refund_id: str) -> RefundResult:
        charge = charge_of(payment)
        if charge is None or charge.outcome != SUCCEEDED:
            raise ProviderRefused(str(_l("The sandbox has no paid trade to refund.")))
        # One conditional update: two refunds at once can never take back more than was paid.
        taken = db.session.execute(
            update(SandboxCharge)
            .where(SandboxCharge.id == charge.id, SandboxCharge.refunded + amount <= SandboxCharge.amount)
            .values(refunded=SandboxCharge.refunded + amount)
            .execution_options(synchronize_session=False)).rowcount
        if taken != 1:
            raise ProviderRefused(str(_l("The sandbox refuses to refund more than was paid.")))
        return RefundResult("succeeded", f"sbr_{secrets.token_hex(10)}")


def read_event(body: bytes) -> Notification:
    """A sandbox event: ``{"id", "type", "data": {"payment_id", "reference", "amount":
    {"amount", "currency"}, "payer_name"}}``."""
    try:
        event = json.loads(body)
        data, money = event["data"], event["data"]["amount"]
        fields = (event["id"], event["type"], data["payment_id"], data["reference"], money["currency"])
        amount = Decimal(money["amount"])
    except (ValueError, TypeError, KeyError, InvalidOperation):
        raise MalformedNotification(str(_l("The notification cannot be read."))) from None
    payer_name = data.get("payer_name")
    if not all(isinstance(field, str) and field for field in fields) or not isinstance(money["amount"], str) \
            or not isinstance(payer_name, str | None):
        raise MalformedNotification(str(_l("The notification cannot be read.")))
    return Notification(event_id=event["id"], kind=EVENT_TYPES.get(event["type"], OTHER),
                        payment_id=data["payment_id"], amount=amount, currency=money["currency"],
                        provider_reference=data["reference"], payer_name=payer_name)


def charge_of(payment) -> SandboxCharge | None:
    return db.session.scalar(select(SandboxCharge).where(SandboxCharge.payment_id == payment.id))


def confirm(payment, payer_name: str | None, outcome: str, now: datetime) -> SandboxCharge:
    """The payer confirms (or declines) on the sandbox's page. The sandbox records it and sends
    its notification from a job, after this commits, as a provider's server would."""
    if outcome not in (SUCCEEDED, FAILED):
        raise ValueError(outcome)
    if payment.provider != NAME:
        raise PaymentAlreadyConfirmed(str(_l("This payment is not made through the sandbox.")))
    if charge_of(payment) is not None:
        raise PaymentAlreadyConfirmed(str(_l("This payment has already been confirmed.")))
    charge = SandboxCharge(payment_id=payment.id, outcome=outcome, payer_name=payer_name,
                           amount=payment.amount, currency=payment.currency,
                           reference=f"sbx_{secrets.token_hex(10)}", event_id=f"evt_{secrets.token_hex(12)}",
                           confirmed_at=now)
    db.session.add(charge)
    db.session.flush()
    enqueue(DELIVER_TASK, charge.id)
    return charge


def notification_body(charge: SandboxCharge) -> bytes:
    event = {"id": charge.event_id,
             "type": "payment.succeeded" if charge.outcome == SUCCEEDED else "payment.failed",
             "data": {"payment_id": charge.payment.public_id, "reference": charge.reference,
                      "amount": {"amount": str(round_half_up(charge.amount, charge.currency)),
                                 "currency": charge.currency},
                      "payer_name": charge.payer_name}}
    return json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode()


def signed_notification(secret: str, charge: SandboxCharge, now: datetime) -> tuple[dict, bytes]:
    """The headers and body of the charge's notification, signed at ``now``."""
    body = notification_body(charge)
    headers = {"Content-Type": "application/json",
               SIGNATURE_HEADER: sign(secret, body, int(now.timestamp()))}
    return headers, body
