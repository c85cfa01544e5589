"""What inventory announces. Subscribers are connected by the app factory (``marketplace.handlers``)."""
from blinker import Namespace

signals = Namespace()

# sent with ``sku_ids``: the stock of these SKUs changed in the current unit of work
stock_changed = signals.signal("stock_changed")
