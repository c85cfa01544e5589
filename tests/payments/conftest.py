"""Payments for a checkout, the sandbox's signed notifications built the way the sandbox sends
them, a look at a payment's rows, and a guard that keeps every test off the network."""
from __future__ import annotations

import hashlib
import hmac
import json
import socket
from datetime import timedelta
from decimal import Decimal

import pytest
from blinker import ANY
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import func, select

from marketplace.core.clock import utcnow
from marketplace.extensions import db
from marketplace.payments import services
from marketplace.payments.events import payment_refunded, payment_succeeded
from marketplace.payments.models import PaymentNotification, Refund

EN = {"Accept-Language": "en"}
NOTIFY = "/api/v1/payments/sandbox/notify"
LOCAL_HOSTS = {None, "localhost", "127.0.0.1", "::1"}
DEV_SECRET = "dev-sandbox-payment-secret"  # SANDBOX_PAYMENT_SECRET's development default


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Providers are tested offline: resolving any host but this machine fails, as if unplugged."""
    resolve = socket.getaddrinfo

    def local_only(host, *args, **kwargs):
        if host not in LOCAL_HOSTS:
            raise OSError(f"a payments test tried to reach {host}")
        return resolve(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", local_only)


@pytest.fixture(autouse=True)
def payments_alone(app):
    """These tests are about payments alone: the receivers the app factory connects (the
    checkout's) are set aside, and a test connects its own."""
    set_aside = [(signal, receiver) for signal in (payment_succeeded, payment_refunded)
                 for receiver in list(signal.receivers_for(ANY))]
    for signal, receiver in set_aside:
        signal.disconnect(receiver)
    yield
    for signal, receiver in set_aside:
        signal.connect(receiver)


def bare_checkout(user_id: int, total: Decimal, method: str) -> int:
    """A checkout row to pay for (its orders do not matter to payments)."""
    from marketplace.orders.models import Checkout

    checkout = Checkout(user_id=user_id, payment_method=method, goods=total, shipping=Decimal(0),
                        tax=Decimal(0), total=total, fx_rates={}, expires_at=utcnow() + timedelta(minutes=30))
    db.session.add(checkout)
    db.session.flush()
    return checkout.id


@pytest.fixture
def pay(app, make):
    """``pay(amount="88.00", method="card")``: a payment created as the checkout creates it, for
    a checkout of its own, committed; returns its public id."""
    shopper = make.shopper()

    def create(amount: str = "88.00", method: str = "card", **options) -> str:
        with app.app_context():
            checkout_id = bare_checkout(shopper.id, Decimal(amount), method)
            payment = services.create_payment(checkout_id, Decimal(amount), "CNY", method, utcnow(),
                                              **options)
            db.session.commit()
            return payment.public_id

    return create


@pytest.fixture
def look(app):
    """``look(payment_id)``: the payment's row and counts of what hangs off it, read afresh."""
    def read(public_id: str) -> dict:
        with app.app_context():
            payment = services.get_payment(public_id)
            notices = db.session.scalar(select(func.count()).select_from(PaymentNotification)
                                        .where(PaymentNotification.payment_id == payment.id))
            refunds = list(db.session.scalars(select(Refund).where(Refund.payment_id == payment.id)
                                              .order_by(Refund.id)))
            return {"status": payment.status, "payer_name": payment.payer_name, "paid_at": payment.paid_at,
                    "reference": payment.provider_reference, "amount": payment.amount,
                    "notifications": notices, "refunds": [(r.amount, r.status) for r in refunds]}

    return read


def _recorder(signal):
    received = []

    def receiver(payment, *, now, refund=None):
        assert now.tzinfo is not None
        received.append((payment.public_id, payment.status) + ((refund.amount,) if refund else ()))

    signal.connect(receiver)
    return received, receiver


@pytest.fixture
def succeeded():
    """What ``payment_succeeded`` was sent with: (payment id, its status then)."""
    received, receiver = _recorder(payment_succeeded)
    yield received
    payment_succeeded.disconnect(receiver)


@pytest.fixture
def refunded():
    """What ``payment_refunded`` was sent with: (payment id, its status then, the refund's amount)."""
    received, receiver = _recorder(payment_refunded)
    yield received
    payment_refunded.disconnect(receiver)


def sandbox_event(payment_id: str, amount: str = "88.00", currency: str = "CNY", *, event_id: str = "evt_1",
                  kind: str = "payment.succeeded", payer_name: str | None = "张三") -> bytes:
    event = {"id": event_id, "type": kind,
             "data": {"payment_id": payment_id, "reference": "sbx_test", "payer_name": payer_name,
                      "amount": {"amount": amount, "currency": currency}}}
    return json.dumps(event, ensure_ascii=False).encode()


def sandbox_headers(body: bytes, timestamp: int | None = None, secret: str = DEV_SECRET) -> dict:
    """Signed as the sandbox documents it: HMAC-SHA256 over ``"<t>." + body``."""
    timestamp = int(utcnow().timestamp()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return {"Content-Type": "application/json", "X-Sandbox-Signature": f"t={timestamp},v1={digest}"}


def rsa_keys() -> tuple[rsa.RSAPrivateKey, str, str]:
    """A 2048-bit key: the key object, its PKCS#8 PEM and its public PEM."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption()).decode()
    public_pem = key.public_key().public_bytes(serialization.Encoding.PEM,
                                               serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    return key, private_pem, public_pem


@pytest.fixture(scope="session")
def keys() -> dict:
    """RSA keys made for the run: ours (the merchant's) and each provider's."""
    return {name: rsa_keys() for name in ("alipay_app", "alipay", "wechat_merchant", "wechat_platform")}
