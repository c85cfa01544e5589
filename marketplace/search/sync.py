"""Keeping the index current: whenever a unit of work changes a live listing (or takes one off
sale), one of its SKUs, stock levels or pictures, a ``search.index_listing`` job is queued for it
once, to run after the commit. Changes made by conditional UPDATE statements (stock) call
``request_index`` themselves."""
from __future__ import annotations

from itertools import chain

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from marketplace.catalog.models import Listing, ListingImage, Sku, StockLevel

CHANGED, LEFT_SALE = "search_changed_listings", "search_listings_off_sale"


def _listing_id(obj) -> int | None:
    if isinstance(obj, Listing):
        return obj.id
    if isinstance(obj, Sku | ListingImage):
        return obj.listing_id
    if isinstance(obj, StockLevel):
        return obj.sku.listing_id if obj.sku is not None else None
    return None


def listing_changed(session, listing_id: int) -> None:
    """For changes the ORM cannot see (a conditional UPDATE): index the listing if it is live."""
    session.info.setdefault(CHANGED, set()).add(listing_id)


def _was_live(obj) -> bool:
    return isinstance(obj, Listing) and "live" in inspect(obj).attrs.status.history.deleted


@event.listens_for(Session, "after_flush")
def _collect(session, flush_context) -> None:
    touched = list(chain(session.new, session.dirty, session.deleted))
    session.info.setdefault(CHANGED, set()).update({_listing_id(obj) for obj in touched} - {None})
    session.info.setdefault(LEFT_SALE, set()).update(obj.id for obj in touched if _was_live(obj))


@event.listens_for(Session, "before_commit")
def _queue(session) -> None:
    from marketplace.search.tasks import request_index

    session.flush()
    changed, left_sale = session.info.pop(CHANGED, set()), session.info.pop(LEFT_SALE, set())
    if not changed:
        return
    live = set(session.scalars(select(Listing.id).where(Listing.id.in_(changed), Listing.status == "live")))
    for listing_id in sorted(live | left_sale):
        request_index(listing_id)


@event.listens_for(Session, "after_rollback")
def _forget(session) -> None:
    session.info.pop(CHANGED, None)
    session.info.pop(LEFT_SALE, None)
