"""What payments announce. Subscribers are connected by the app factory
(``marketplace.handlers``), never by importing a module."""
from blinker import Namespace

signals = Namespace()

# Sent with the ``Payment`` as sender and ``now``, in the notification's transaction, once per
# payment, when a verified notification first says the payer paid. A receiver may ask for a refund
# (``services.refund``); raising rolls the notification back and the provider sends it again.
payment_succeeded = signals.signal("payment_succeeded")

# Sent with the ``Payment`` as sender, ``refund`` and ``now`` when the provider confirms a refund.
payment_refunded = signals.signal("payment_refunded")
