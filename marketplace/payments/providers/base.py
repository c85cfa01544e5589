"""The one interface every payment provider adapter implements, and what they return.

An adapter speaks its provider's protocol and nothing else: it never reads or writes our tables
(the sandbox, which *is* its own provider, keeps its side in ``SandboxCharge``). What to do with
a verified notification is decided once, in ``payments.services``.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l

from marketplace.payments.errors import StaleNotification

# What a verified notification says happened.
PAYMENT_SUCCEEDED, PAYMENT_FAILED = "payment_succeeded", "payment_failed"
REFUND_SUCCEEDED, REFUND_FAILED = "refund_succeeded", "refund_failed"
OTHER = "other"  # verified, but nothing for us to do (a trade still waiting for the payer)

REPLAY_WINDOW_SECONDS = 300  # a signed notification older or newer than this is refused


@dataclass(frozen=True)
class Notification:
    event_id: str
    kind: str
    payment_id: str  # our ``Payment.public_id`` (the merchant's trade number)
    amount: Decimal | None = None
    currency: str | None = None
    provider_reference: str | None = None
    payer_name: str | None = None
    refund_id: str | None = None  # our ``Refund.public_id``, for refund notifications


@dataclass(frozen=True)
class ProviderStatus:
    """A payment as the provider sees it when asked (``query``)."""
    kind: str  # PAYMENT_SUCCEEDED, PAYMENT_FAILED or OTHER (not paid yet)
    amount: Decimal | None = None
    currency: str | None = None
    provider_reference: str | None = None
    payer_name: str | None = None


@dataclass(frozen=True)
class RefundResult:
    status: str  # "succeeded", "pending" (a notification will follow) or "failed"
    provider_reference: str | None = None


class PaymentProvider(ABC):
    name: str

    @abstractmethod
    def create(self, payment, return_url: str | None = None) -> str:
        """Open the payment at the provider; return where to send the payer."""

    @abstractmethod
    def verify_notification(self, headers: Mapping[str, str], body: bytes, now: datetime) -> Notification:
        """Check the signature (and freshness, where the protocol has a timestamp) and read the
        notification; raise ``InvalidNotification`` (or a subclass) otherwise."""

    @abstractmethod
    def query(self, payment) -> ProviderStatus:
        """Ask the provider how the payment stands."""

    @abstractmethod
    def refund(self, payment, amount: Decimal, reason: str, *, refund_id: str) -> RefundResult:
        """Refund ``amount`` of a paid payment. ``refund_id`` is our id of the refund, sent as the
        provider's request number, so asking twice refunds once."""


def check_fresh(timestamp: int, now: datetime) -> None:
    """A signed timestamp must be within five minutes of ours, so that a captured notification
    cannot be replayed later."""
    if abs(now.timestamp() - timestamp) > REPLAY_WINDOW_SECONDS:
        raise StaleNotification(str(_l("The notification's timestamp is more than five minutes from now.")))


def fen(amount: Decimal) -> int:
    """Yuan to fen, the integer unit WeChat Pay counts in."""
    return int((amount * 100).to_integral_value())


def header(headers: Mapping[str, str], name: str) -> str:
    """A header by name, whatever its case (Werkzeug's headers ignore case; a dict does not)."""
    if hasattr(headers, "getlist"):
        return headers.get(name, "") or ""
    lowered = {key.lower(): value for key, value in headers.items()}
    return lowered.get(name.lower(), "") or ""
