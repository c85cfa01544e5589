"""What money announces. Subscribers are connected by the app factory (``marketplace.handlers``)."""
from blinker import Namespace

signals = Namespace()

# Sent when a refresh stored rates that differ from those in force: prices shown in CNY move.
rates_changed = signals.signal("rates_changed")
