"""Look-ups the pre-screening rules need beyond the subject itself: the category's price median,
images of other shops, a submitter's recent rejections. Read-only."""
from __future__ import annotations

import statistics
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select

from marketplace.catalog.models import Listing, ListingImage, Sku
from marketplace.extensions import db
from marketplace.moderation.models import ReviewTask
from marketplace.money.services import current_rates

MEDIAN_SAMPLE_LIMIT = 5000  # enough for a stable median; bounds the job's cost in a big category


def category_median_cny(category_id: int, *, exclude_listing_id: int, minimum_sample: int) -> Decimal | None:
    """The median SKU price, in CNY at today's rates, of the category's live listings; None when
    there are too few to say what is normal."""
    rows = db.session.execute(
        select(Sku.price, Sku.currency).join(Listing, Listing.id == Sku.listing_id)
        .where(Listing.category_id == category_id, Listing.status == "live", Listing.id != exclude_listing_id)
        .limit(MEDIAN_SAMPLE_LIMIT)).all()
    rates = current_rates()
    prices = [price * rates[currency] for price, currency in rows if currency in rates]
    if len(prices) < max(1, minimum_sample):
        return None
    return Decimal(statistics.median(prices)).quantize(Decimal("0.01"))


def hamming(first: str, second: str) -> int:
    """Bits that differ between two hex perceptual hashes (different lengths never match)."""
    if len(first) != len(second):
        return 10**6
    return (int(first, 16) ^ int(second, 16)).bit_count()


def image_used_by_another_shop(hashes: list[str], shop_id: int, max_distance: int) -> int | None:
    """The id of another shop's listing with an image within ``max_distance`` bits, or None."""
    if not hashes:
        return None
    exact = db.session.execute(
        select(ListingImage.listing_id).where(ListingImage.phash.in_(hashes), ListingImage.shop_id != shop_id)
        .limit(1)).scalar()
    if exact is not None or max_distance <= 0:
        return exact
    # Near matches need every other hash; images are hashed once, so this stays a scan of
    # short strings. A BK-tree or PostgreSQL bit ops would replace it at a much larger scale.
    others = db.session.execute(select(ListingImage.listing_id, ListingImage.phash)
                                .where(ListingImage.phash.is_not(None), ListingImage.shop_id != shop_id))
    for listing_id, other in others:
        if any(hamming(mine, other) <= max_distance for mine in hashes):
            return listing_id
    return None


def rejections_since(since: datetime, *, shop_id: int | None = None, submitted_by_id: int | None = None,
                     kind: str | None = None) -> int:
    statement = select(func.count()).select_from(ReviewTask).where(
        ReviewTask.decision == "reject", ReviewTask.decided_at >= since)
    if shop_id is not None:
        statement = statement.where(ReviewTask.shop_id == shop_id)
    if submitted_by_id is not None:
        statement = statement.where(ReviewTask.submitted_by_id == submitted_by_id)
    if kind is not None:
        statement = statement.where(ReviewTask.kind == kind)
    return db.session.scalar(statement) or 0
