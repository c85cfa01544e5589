"""Payment errors, each with a stable code (the API's ``error.code``). Messages are translated
where they are raised: the payer reads some (a declined refund, a method not offered), staff and
providers read the rest."""
from __future__ import annotations

from marketplace.core.errors import Conflict, DomainError, NotFound, ValidationFailed
from marketplace.jobs.errors import TransientError


class InvalidNotification(DomainError):
    """A notification we cannot trust or read; it changes nothing."""
    code = "invalid_notification"
    status = 400


class BadSignature(InvalidNotification):
    code = "invalid_signature"


class StaleNotification(InvalidNotification):
    code = "stale_notification"


class MalformedNotification(InvalidNotification):
    code = "malformed_notification"


class AmountMismatch(InvalidNotification):
    """Signed, but for another amount or currency than the payment's: never applied."""
    code = "amount_mismatch"


class PaymentNotFound(NotFound):
    code = "payment_not_found"


class PaymentMethodUnavailable(ValidationFailed):
    code = "payment_method_unavailable"


class PaymentAlreadyConfirmed(Conflict):
    code = "payment_already_confirmed"


class RefundNotAllowed(Conflict):
    code = "refund_not_allowed"


class RefundTooLarge(ValidationFailed):
    code = "refund_exceeds_payment"


class ProviderUnavailable(DomainError, TransientError):
    """The provider could not be reached or answered with a temporary error: a job that meets it
    is retried with backoff; a request that meets it answers 502."""
    code = "provider_unavailable"
    status = 502


class ProviderRefused(DomainError):
    """The provider answered, and refused (bad parameters, a closed trade)."""
    code = "provider_refused"
    status = 502
