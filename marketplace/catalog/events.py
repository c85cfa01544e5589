"""What the catalogue announces. Subscribers are connected by the app factory
(``marketplace.handlers``), never by importing a module."""
from blinker import Namespace

signals = Namespace()

# Sent just before a commit with ``listing_ids``: listings that are live and changed (content,
# SKUs, prices, stock or pictures), or that left sale, in this unit of work.
listing_changed = signals.signal("listing_changed")
