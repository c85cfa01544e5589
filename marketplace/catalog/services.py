"""Reading the catalogue. The search service (Consumer site issue) will own listing queries for
shoppers; these are the few the foundation pages need."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from marketplace.catalog.models import LISTING_STATUSES, Category, Listing, Sku
from marketplace.extensions import db
from marketplace.money import services as money
from marketplace.money.money import Money


@dataclass(frozen=True)
class ListingCard:
    id: int
    title: str
    price: Money
    source_price: Money
    shop_name: str
    shop_slug: str


def category_tree() -> list[Category]:
    """Top-level categories with their children loaded, in display order."""
    statement = (select(Category).where(Category.parent_id.is_(None)).order_by(Category.position, Category.id)
                 .options(selectinload(Category.children)))
    return list(db.session.scalars(statement))


def category_by_slug(slug: str) -> Category | None:
    return db.session.scalar(select(Category).where(Category.slug == slug))


def _card(listing: Listing, rates: dict, locale: str) -> ListingCard:
    cheapest = min(listing.skus, key=lambda sku: sku.price)
    source = Money(cheapest.price, cheapest.currency)
    title = listing.title_en if locale == "en" and listing.title_en else listing.title_zh
    return ListingCard(listing.id, title, money.to_cny(source, rates), source.rounded(),
                       listing.shop.name, listing.shop.slug)


def new_arrivals(*, limit: int, locale: str = "zh_CN") -> list[ListingCard]:
    statement = (select(Listing).where(Listing.status == "live")
                 .order_by(Listing.published_at.desc(), Listing.id.desc()).limit(limit)
                 .options(selectinload(Listing.skus), selectinload(Listing.shop)))
    listings = [listing for listing in db.session.scalars(statement) if listing.skus]
    rates = money.current_rates()
    return [_card(listing, rates, locale) for listing in listings]


def listing_counts_by_status(shop) -> dict[str, int]:
    rows = db.session.execute(select(Listing.status, func.count()).where(Listing.shop_id == shop.id)
                              .group_by(Listing.status))
    counts = dict.fromkeys(LISTING_STATUSES, 0)
    counts.update({status: count for status, count in rows})
    return counts


def sku_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Sku))
