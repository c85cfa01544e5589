"""A payment's life, as data. *who* is the capacity the change is made in: the ``provider``
(a verified notification) or the ``system`` (our own refund, confirmed by the provider)."""
from marketplace.audit import services as audit
from marketplace.core.states import StateMachine

PROVIDER, SYSTEM = "provider", "system"

PAYMENT = StateMachine("payment", [
    ("created", "succeeded", (PROVIDER,)),
    ("created", "failed", (PROVIDER,)),
    # The provider says it took the money after all: record it, so that it can be refunded.
    ("failed", "succeeded", (PROVIDER,)),
    ("succeeded", "partially_refunded", (SYSTEM,)),
    ("succeeded", "refunded", (SYSTEM,)),
    ("partially_refunded", "partially_refunded", (SYSTEM,)),
    ("partially_refunded", "refunded", (SYSTEM,)),
], record=audit.record)
