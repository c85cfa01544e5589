"""The catalogue's side of the review queue: what a listing under review is (the subject the
rules read) and what a final decision does to it. Connected to the queue by the app factory
(``marketplace.handlers``): ``listing_subject`` loads ``listing`` tasks' subjects and
``on_review_decided`` receives their decisions.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from marketplace.catalog import revisions
from marketplace.catalog.models import Category, Listing, ListingImage, Sku
from marketplace.customs.models import TaxCategory
from marketplace.extensions import db
from marketplace.moderation import services as moderation
from marketplace.moderation.subjects import CONTENT_FIELDS, ListingSubject
from marketplace.money.money import Money
from marketplace.money.services import current_rates

MEDIAN_SAMPLE_LIMIT = 5000  # enough for a stable median; bounds the job's cost in a big category
TASK_KIND = "listing"


@dataclass
class CatalogListingSubject(ListingSubject):
    """The queue's listing subject, with the look-ups that read the catalogue."""

    def category_median_cny(self, *, minimum_sample: int) -> Decimal | None:
        """The median SKU price, in CNY at today's rates, of the category's live listings; None when
        there are too few to say what is normal."""
        rows = db.session.execute(
            select(Sku.price, Sku.currency).join(Listing, Listing.id == Sku.listing_id)
            .where(Listing.category_id == self.category_id, Listing.status == "live", Listing.id != self.id)
            .limit(MEDIAN_SAMPLE_LIMIT)).all()
        rates = current_rates()
        prices = [price * rates[currency] for price, currency in rows if currency in rates]
        if len(prices) < max(1, minimum_sample):
            return None
        return Decimal(statistics.median(prices)).quantize(Decimal("0.01"))

    def image_used_by_another_shop(self, max_distance: int) -> int | None:
        """The id of another shop's listing with an image within ``max_distance`` bits, or None."""
        hashes, shop_id = self.image_hashes, self.shop_id
        if not hashes:
            return None
        exact = db.session.execute(
            select(ListingImage.listing_id)
            .where(ListingImage.phash.in_(hashes), ListingImage.shop_id != shop_id).limit(1)).scalar()
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


def hamming(first: str, second: str) -> int:
    """Bits that differ between two hex perceptual hashes (different lengths never match)."""
    if len(first) != len(second):
        return 10**6
    return (int(first, 16) ^ int(second, 16)).bit_count()


def _listing_content(listing: Listing) -> dict:
    content = {name: getattr(listing, name, None) for name in CONTENT_FIELDS[:8]}
    content["category"] = listing.category.slug if listing.category else None
    content["tax_category"] = listing.tax_category.code if listing.tax_category else None
    content["routes"] = list(listing.routes or [])
    return content


def _revision_content(revision, live: dict) -> dict:
    """The proposed content of a revision, in the live content's shape (API body or columns)."""
    proposed = dict(live)
    data = dict(getattr(revision, "content", None) or getattr(revision, "proposed", None) or {})
    for name, languages in (("title", ("zh_CN", "en", "local")), ("description", ("zh_CN", "en", "local"))):
        for language, suffix in zip(languages, ("zh", "en", "local"), strict=True):
            if isinstance(data.get(name), dict) and language in data[name]:
                proposed[f"{name}_{suffix}"] = data[name][language]
    for name in CONTENT_FIELDS:
        if name in data and not isinstance(data[name], dict):
            proposed[name] = data[name]
    return proposed


def _pending_revision(listing: Listing):
    return revisions.pending_revision(listing) if listing.status == "live" else None


def _reviewed_prices(listing: Listing, revision) -> list[Money]:
    """SKU prices as they would be after approval: a revision's new SKU list or price changes."""
    if revision is not None and revision.skus:
        return [Money(Decimal(str(sku["price"]["amount"])), sku["price"]["currency"]) for sku in revision.skus
                if isinstance(sku.get("price"), dict)]
    changed = (revision.prices or {}) if revision is not None else {}
    return [Money(Decimal(str(changed.get(sku.code, sku.price))), sku.currency) for sku in listing.skus]


def _prices_cny(prices: list[Money], rates: dict) -> list[Money]:
    return [Money(price.amount * rates[price.currency], "CNY").rounded() for price in prices
            if price.currency in rates]


def listing_subject(listing_id: int, rates: dict | None = None) -> CatalogListingSubject | None:
    listing = db.session.get(Listing, listing_id)
    if listing is None:
        return None
    revision = _pending_revision(listing)
    live = _listing_content(listing)
    content = _revision_content(revision, live) if revision is not None else live
    live = live if revision is not None else None
    category = db.session.scalar(select(Category).where(Category.slug == content["category"]))
    tax = db.session.scalar(select(TaxCategory).where(TaxCategory.code == content["tax_category"]))
    prices = _reviewed_prices(listing, revision)
    images = list(listing.images)
    return CatalogListingSubject(
        id=listing.id, shop_id=listing.shop_id, owner_id=listing.shop.owner_id if listing.shop else None,
        content=content, live_content=live, category_id=category.id if category else None,
        category_slug=content["category"], tax_code=content["tax_category"],
        tax_on_positive_list=bool(tax.on_positive_list) if tax else False, prices=prices,
        prices_cny=_prices_cny(prices, rates if rates is not None else current_rates()),
        image_keys=[image.storage_key for image in images],
        image_hashes=[image.phash for image in images if image.phash],
        proof_key=listing.proof_key, status=listing.status)


def on_review_decided(kind: str, *, decision: moderation.Decision) -> None:
    """The queue's ``review_decided`` for a ``listing`` task."""
    revisions.decide(decision.task.subject_id, decision)


def recent_decisions(shop, limit: int = 5) -> list[tuple]:
    """The latest final decisions on ``shop``'s listings, newest first, each with its listing
    (listings deleted since are left out)."""
    tasks = moderation.recent_decisions(TASK_KIND, shop_id=shop.id, limit=limit)
    ids = [task.subject_id for task in tasks]
    listings = {listing.id: listing for listing in db.session.scalars(
        select(Listing).where(Listing.id.in_(ids), Listing.shop_id == shop.id))} if ids else {}
    return [(task, listings[task.subject_id]) for task in tasks if task.subject_id in listings]
