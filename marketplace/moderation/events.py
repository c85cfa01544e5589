"""What the review queue announces. Subscribers are connected by the app factory
(``marketplace.handlers``), one per task kind, with the kind as the sender."""
from blinker import Namespace

signals = Namespace()

# Sent by a final decision, in its transaction, with the kind as sender and ``decision``.
review_decided = signals.signal("review_decided")
