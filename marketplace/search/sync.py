"""Keeping the index current: the search side of the catalogue's and money's announcements.
Connected by the app factory (``marketplace.handlers``); each queues jobs that run after the
commit and read the listing as it is then."""
from __future__ import annotations

from marketplace.search.tasks import request_index, request_reprice


def on_listing_changed(sender=None, *, listing_ids) -> None:
    """The catalogue's ``listing_changed``: refresh (or remove) these listings' documents."""
    for listing_id in listing_ids:
        request_index(listing_id)


def on_rates_changed(sender=None, **details) -> None:
    """Money's ``rates_changed``: convert every document's price again."""
    request_reprice()
