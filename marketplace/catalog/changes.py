"""Which listings a unit of work changed, announced once as ``listing_changed`` before it commits.

The ORM sees every change to a listing's rows (the listing, its SKUs and pictures, stock rows
written through it) at flush; stock changed by conditional UPDATE, which the ORM cannot see,
arrives through inventory's ``stock_changed``. Only listings that are live, or that just left
sale, are announced: nobody outside the catalogue cares about a draft. The session events are
installed by the app factory.
"""
from __future__ import annotations

from itertools import chain

from sqlalchemy import inspect, select

from marketplace.catalog.events import listing_changed
from marketplace.catalog.models import Listing, ListingImage, Sku
from marketplace.extensions import db
from marketplace.inventory.models import StockLevel

CHANGED, LEFT_SALE, STOCKED = "catalog_changed_listings", "catalog_listings_off_sale", "catalog_stocked_skus"


def _listing_id(obj) -> int | None:
    if isinstance(obj, Listing):
        return obj.id
    if isinstance(obj, Sku | ListingImage):
        return obj.listing_id
    return None


def _was_live(obj) -> bool:
    return isinstance(obj, Listing) and "live" in inspect(obj).attrs.status.history.deleted


def on_stock_changed(sender=None, *, sku_ids) -> None:
    """inventory's ``stock_changed``: the SKUs' listings may have sold out or come back."""
    db.session.info.setdefault(STOCKED, set()).update(sku_ids)


def _collect(session, flush_context) -> None:
    touched = list(chain(session.new, session.dirty, session.deleted))
    session.info.setdefault(CHANGED, set()).update({_listing_id(obj) for obj in touched} - {None})
    # stock rows written through the ORM (a new SKU's first row comes with the SKU itself)
    session.info.setdefault(STOCKED, set()).update(
        obj.sku_id for obj in touched if isinstance(obj, StockLevel) and obj.sku_id is not None)
    session.info.setdefault(LEFT_SALE, set()).update(obj.id for obj in touched if _was_live(obj))


def _announce(session) -> None:
    session.flush()
    changed, left_sale = session.info.pop(CHANGED, set()), session.info.pop(LEFT_SALE, set())
    stocked = session.info.pop(STOCKED, set())
    if stocked:
        changed |= set(session.scalars(select(Sku.listing_id).where(Sku.id.in_(stocked))))
    if not changed and not left_sale:
        return
    live = set(session.scalars(select(Listing.id).where(Listing.id.in_(changed), Listing.status == "live")))
    listing_changed.send(listing_ids=sorted(live | left_sale))


def _forget(session) -> None:
    for key in (CHANGED, LEFT_SALE, STOCKED):
        session.info.pop(key, None)


SESSION_EVENTS = (("after_flush", _collect), ("before_commit", _announce), ("after_rollback", _forget))
