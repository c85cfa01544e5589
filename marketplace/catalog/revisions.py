"""Revisions of published listings, and the review queue's decisions on listings.

A content edit of a live (or delisted) listing is held in one pending ``ListingRevision`` while
the approved content stays on sale; more edits update the same revision. Approval writes it to
the listing in the decision's transaction, so shoppers see either the old content or the new,
never a mix. Rejection (or a request for changes) discards it, with the reasons kept for the
buyer.
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import select

from marketplace.audit import services as audit
from marketplace.catalog.content import set_price, sync_skus, write_content
from marketplace.catalog.models import Listing, ListingImage, ListingRevision
from marketplace.catalog.states import DECISION_TARGETS, LISTING, REVIEWER
from marketplace.extensions import db
from marketplace.moderation import services as moderation


def pending_revision(listing: Listing) -> ListingRevision | None:
    return db.session.scalar(select(ListingRevision).where(ListingRevision.listing_id == listing.id,
                                                           ListingRevision.status == "pending"))


def pending_listing_ids(listing_ids: list[int]) -> set[int]:
    """Which of these listings have content changes waiting for review."""
    if not listing_ids:
        return set()
    return set(db.session.scalars(select(ListingRevision.listing_id).where(
        ListingRevision.listing_id.in_(listing_ids), ListingRevision.status == "pending")))


def latest_revision(listing: Listing) -> ListingRevision | None:
    return db.session.scalar(select(ListingRevision).where(ListingRevision.listing_id == listing.id)
                             .order_by(ListingRevision.id.desc()).limit(1))


def hold(actor, listing: Listing, now: datetime, *, content: dict | None = None, skus: list | None = None,
         prices: dict | None = None) -> ListingRevision:
    """Add changes to the listing's pending revision (opening one, and a review task, if needed)."""
    revision = pending_revision(listing)
    if revision is None:
        revision = ListingRevision(shop_id=listing.shop_id, listing_id=listing.id, status="pending",
                                   content={}, prices={}, created_at=now)
        db.session.add(revision)
    revision.content = {**revision.content, **(content or {})}
    revision.prices = {**revision.prices, **(prices or {})}
    if skus is not None:
        revision.skus = skus
    revision.updated_at = now
    db.session.flush()
    if moderation.open_task_for("listing", listing.id) is None:
        moderation.open_task("listing", listing.id, submitted_by=actor, shop_id=listing.shop_id, now=now)
    audit.record(actor, "listing.revision_held", "listing", listing.id, now=now,
                 after={"content": content, "skus": skus, "prices": prices})
    return revision


def revision_state(revision: ListingRevision | None) -> dict | None:
    if revision is None:
        return None
    images = db.session.scalars(select(ListingImage.id).where(ListingImage.listing_id == revision.listing_id,
                                                              ListingImage.pending.is_(True)))
    return {"content": revision.content, "skus": revision.skus, "prices": revision.prices,
            "images": list(images)}


def _pending_images(listing: Listing) -> list[ListingImage]:
    return [image for image in listing.images if image.pending]


def apply_revision(listing: Listing, revision: ListingRevision, now: datetime) -> None:
    write_content(listing, revision.content)
    if revision.skus is not None:
        sync_skus(listing, revision.skus, now, keep_stock=True)
    skus = {sku.code: sku for sku in listing.skus}
    for code, price in revision.prices.items():
        if code in skus:
            set_price(skus[code], Decimal(price), now)
    for image in _pending_images(listing):
        image.pending = False
    revision.status = "approved"


def discard_revision(listing: Listing, revision: ListingRevision) -> None:
    for image in _pending_images(listing):
        listing.images.remove(image)
    for position, image in enumerate(listing.images):
        image.position = position
    revision.status = "rejected"


def decide(listing_id: int, decision: moderation.Decision) -> None:
    """The queue's final decision on a listing: its first review, or a revision of it."""
    listing = db.session.get(Listing, listing_id)
    listing.review_reasons, listing.review_note = list(decision.reasons), decision.note
    details = {"reasons": list(decision.reasons)}
    if listing.status == "pending_review":
        LISTING.move(listing, DECISION_TARGETS[decision.decision], actor=decision.reviewer, who=REVIEWER,
                     now=decision.now, note=decision.note, details=details)
        if listing.status == "live" and listing.published_at is None:
            listing.published_at = decision.now
        return
    revision = pending_revision(listing)
    if revision is None:
        return
    revision.reasons, revision.note, revision.decided_at = list(decision.reasons), decision.note, decision.now
    if decision.decision == "approve":
        apply_revision(listing, revision, decision.now)
    else:
        discard_revision(listing, revision)
    audit.record(decision.reviewer, f"listing.revision_{revision.status}", "listing", listing.id,
                 note=decision.note, after=details, now=decision.now)
    db.session.flush()
