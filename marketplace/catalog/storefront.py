"""Read models for the shopper's pages: product detail, product cards, shop pages, categories.

Each function reads with a fixed number of set-based queries (no per-row lazy loads), so a page
costs the same whether a listing has one SKU or fifty, one image or nine. Prices are converted
to CNY at the rates in force; the tax shown is an estimate for one unit per route from the tax
table (the checkout computes the real amounts).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from marketplace.catalog.models import Category, Listing, ListingImage, Sku
from marketplace.core.errors import NotFound
from marketplace.customs import tax
from marketplace.extensions import db
from marketplace.inventory import services as inventory
from marketplace.money import services as money
from marketplace.money.money import BASE_CURRENCY, Money
from marketplace.shops import follows
from marketplace.shops.models import Shop
from marketplace.storage import get_storage
from marketplace.storage.base import InvalidKey

THUMBNAIL_WIDTHS = ("200", "600", "1200")
DISPLAY_WIDTH = 600
DELIVERY_DAYS = {"direct_mail": (7, 15), "bonded": (2, 5)}
FEATURED_SHOPS = 6
MAX_ID = 2**63 - 1


@dataclass(frozen=True)
class Picture:
    src: str
    srcset: str
    large: str  # the biggest version, for zoom
    width: int  # of ``src``, so the page keeps its place while images load
    height: int


@dataclass(frozen=True)
class ProductCard:
    id: int
    slug: str
    title: str
    price: Money  # CNY
    source_price: Money
    shop_name: str
    shop_slug: str
    origin_country: str
    picture: Picture | None


@dataclass(frozen=True)
class RouteOffer:
    route: str
    available: int
    days: tuple[int, int]
    tax: Money  # estimated, one unit
    regime: str  # cbec, postal or general


@dataclass(frozen=True)
class SkuOffer:
    id: int
    code: str
    label: str
    price: Money
    source_price: Money
    routes: list[RouteOffer]

    @property
    def in_stock(self) -> bool:
        return any(route.available > 0 for route in self.routes)


@dataclass(frozen=True)
class ShopCard:
    id: int
    slug: str
    name: str
    description: str
    country: str
    level: int
    followers: int
    rating: Decimal | None = None  # reviews do not exist yet


@dataclass(frozen=True)
class ProductDetail:
    id: int
    slug: str
    title: str
    brand: str
    description: str
    origin_country: str
    category: Category
    trail: list[Category]
    routes: list[str]
    tax_category_name: str
    pictures: list[Picture]
    skus: list[SkuOffer]
    shop: ShopCard
    updated_at: datetime

    def sku(self, sku_id: int | None) -> SkuOffer:
        """The SKU asked for, else the first in stock, else the first."""
        chosen = next((sku for sku in self.skus if sku.id == sku_id), None)
        return chosen or next((sku for sku in self.skus if sku.in_stock), self.skus[0])


def slugify(*texts: str | None) -> str:
    """A URL word from the first text with Latin letters or digits: "LA MER Crème 50ml" gives
    "la-mer-creme-50ml"; Chinese-only titles give ""."""
    for text in texts:
        ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
        slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
        if slug:
            return slug
    return ""


def listing_slug(listing_id: int, title_en: str | None, brand: str | None) -> str:
    return slugify(title_en, brand) or str(listing_id)


def _url(key: str | None) -> str | None:
    if not key:
        return None
    try:
        return get_storage().public_url(key)
    except InvalidKey:  # a private key never reaches a page
        return None


def picture(storage_key: str, thumbnails: dict | None, width: int, height: int) -> Picture | None:
    original = _url(storage_key)
    if original is None:
        return None
    sizes = {size: _url(key) for size, key in (thumbnails or {}).items() if size in THUMBNAIL_WIDTHS}
    sizes = {size: url for size, url in sizes.items() if url}
    srcset = ", ".join(f"{url} {size}w" for size, url in sorted(sizes.items(), key=lambda item: int(item[0])))
    shown = min(DISPLAY_WIDTH, width) if width > 0 else DISPLAY_WIDTH
    shown_height = round(shown * height / width) if width > 0 and height > 0 else shown
    return Picture(sizes.get(str(DISPLAY_WIDTH)) or original, srcset, sizes.get("1200") or original,
                   shown, shown_height)


def localised(locale: str, chinese: str, english: str | None) -> str:
    return english if str(locale).startswith("en") and english else chinese


# --- Product detail ----------------------------------------------------------------------------

def product_detail(listing_id: int, *, locale: str, now: datetime) -> ProductDetail:
    """A live listing as its page shows it; ``NotFound`` for any other status or id."""
    if not 0 < listing_id <= MAX_ID:  # an id no column holds: the database would refuse it
        raise NotFound(str(_l("There is no such listing.")))
    listing = db.session.scalar(
        select(Listing).where(Listing.id == listing_id, Listing.status == "live")
        .options(joinedload(Listing.shop), joinedload(Listing.category), joinedload(Listing.tax_category),
                 selectinload(Listing.skus).selectinload(Sku.stock_levels), selectinload(Listing.images)))
    if listing is None or not listing.skus:
        raise NotFound(str(_l("There is no such listing.")))
    rates = money.current_rates(now)
    skus = [_sku_offer(sku, listing, rates) for sku in listing.skus if sku.currency in rates]
    if not skus:
        raise NotFound(str(_l("There is no such listing.")))
    pictures = [picture(image.storage_key, image.thumbnails, image.width, image.height)
                for image in listing.images if not image.pending]
    return ProductDetail(
        id=listing.id, slug=listing_slug(listing.id, listing.title_en, listing.brand),
        title=localised(locale, listing.title_zh, listing.title_en), brand=listing.brand,
        description=localised(locale, listing.description_zh, listing.description_en),
        origin_country=listing.origin_country, category=listing.category,
        trail=category_trail(listing.category_id), routes=[route for route in DELIVERY_DAYS
                                                           if route in (listing.routes or ())],
        tax_category_name=listing.tax_category.name(locale), pictures=[p for p in pictures if p],
        skus=skus, shop=shop_card(listing.shop), updated_at=listing.updated_at)


def _sku_offer(sku: Sku, listing: Listing, rates: dict) -> SkuOffer:
    source = Money(sku.price, sku.currency)
    price = money.to_cny(source, rates)
    routes = [RouteOffer(route, inventory.available(sku, route), DELIVERY_DAYS[route],
                         *_unit_tax(price, listing, route))
              for route in DELIVERY_DAYS if route in (listing.routes or ())]
    return SkuOffer(sku.id, sku.code, sku_label(sku.options) or sku.code, price, source.rounded(), routes)


def sku_label(options: dict | None) -> str:
    return " / ".join(str(value) for value in (options or {}).values() if value not in (None, ""))


def _unit_tax(price: Money, listing: Listing, route: str) -> tuple[Money, str]:
    rates = listing.tax_category
    regime = getattr(listing.shop, "customs_regime", None) or "cbec"  # a shop setting; cbec by default
    amount, applied = tax.estimate_unit_tax(
        price.amount, route=route, direct_mail_regime=regime, vat_rate=rates.vat_rate,
        consumption_tax_rate=rates.consumption_tax_rate, tariff_rate=rates.tariff_rate,
        postal_rate=rates.postal_rate)
    return Money(amount, BASE_CURRENCY), applied


# --- Shops -------------------------------------------------------------------------------------

def shop_card(shop: Shop, followers: int | None = None) -> ShopCard:
    count = follows.follower_count(shop.id) if followers is None else followers
    return ShopCard(shop.id, shop.slug, shop.name, shop.description or "", shop.country, shop.level, count)


def shop_by_slug(slug: str) -> ShopCard:
    return shop_card(follows.shop_by_slug(slug))


def featured_shops(limit: int = FEATURED_SHOPS) -> list[ShopCard]:
    """The highest-level shops with something on sale."""
    on_sale = select(Listing.id).where(Listing.shop_id == Shop.id, Listing.status == "live").exists()
    shops = list(db.session.scalars(select(Shop).where(on_sale).order_by(Shop.level.desc(), Shop.id)
                                    .limit(limit)))
    counts = follows.follower_counts([shop.id for shop in shops])
    return [shop_card(shop, counts[shop.id]) for shop in shops]


def followed_shop_cards(user) -> list[tuple[ShopCard, datetime]]:
    rows = follows.followed_shops(user)
    counts = follows.follower_counts([shop.id for shop, _ in rows])
    return [(shop_card(shop, counts[shop.id]), followed_at) for shop, followed_at in rows]


# --- Product cards -----------------------------------------------------------------------------

def _newest_live(*conditions, limit: int, offset: int = 0) -> list[int]:
    statement = (select(Listing.id).where(Listing.status == "live", *conditions)
                 .order_by(Listing.published_at.desc(), Listing.id.desc()).limit(limit).offset(offset))
    return list(db.session.scalars(statement))


def new_arrivals(*, locale: str, now: datetime, limit: int = 12,
                 shop_ids: list[int] | None = None) -> list[ProductCard]:
    conditions = [] if shop_ids is None else [Listing.shop_id.in_(shop_ids)]
    if shop_ids == []:
        return []
    return cards(_newest_live(*conditions, limit=limit), locale=locale, now=now)


def more_from_shop(shop_id: int, *, exclude: int, locale: str, now: datetime,
                   limit: int = 6) -> list[ProductCard]:
    return cards(_newest_live(Listing.shop_id == shop_id, Listing.id != exclude, limit=limit),
                 locale=locale, now=now)


def shop_listings(shop_id: int, *, page: int, per_page: int, locale: str,
                  now: datetime) -> tuple[list[ProductCard], int]:
    """One page of the shop's live listings, newest first, and how many there are."""
    total = db.session.scalar(select(func.count()).select_from(Listing)
                              .where(Listing.shop_id == shop_id, Listing.status == "live"))
    ids = _newest_live(Listing.shop_id == shop_id, limit=per_page, offset=(page - 1) * per_page)
    return cards(ids, locale=locale, now=now), total


def cards(listing_ids: list[int], *, locale: str, now: datetime) -> list[ProductCard]:
    """Cards for these listings, in this order, from three queries whatever their number."""
    if not listing_ids:
        return []
    rows = db.session.execute(
        select(Listing.id, Listing.title_zh, Listing.title_en, Listing.brand, Listing.origin_country,
               Shop.name, Shop.slug)
        .join(Shop, Shop.id == Listing.shop_id).where(Listing.id.in_(listing_ids)))
    by_id = {row.id: row for row in rows}
    prices = _cheapest(listing_ids, money.current_rates(now))
    covers = _covers(listing_ids)
    return [ProductCard(row.id, listing_slug(row.id, row.title_en, row.brand),
                        localised(locale, row.title_zh, row.title_en), *prices[row.id], row.name, row.slug,
                        row.origin_country, covers.get(row.id))
            for row in (by_id.get(listing_id) for listing_id in listing_ids) if row and row.id in prices]


def _cheapest(listing_ids: list[int], rates: dict) -> dict[int, tuple[Money, Money]]:
    cheapest: dict[int, tuple[Money, Money]] = {}
    statement = select(Sku.listing_id, Sku.price, Sku.currency).where(Sku.listing_id.in_(listing_ids))
    rows = db.session.execute(statement)
    for listing_id, price, currency in rows:
        if currency in rates:
            source = Money(price, currency)
            cny = money.to_cny(source, rates)
            if listing_id not in cheapest or cny.amount < cheapest[listing_id][0].amount:
                cheapest[listing_id] = (cny, source.rounded())
    return cheapest


def _covers(listing_ids: list[int]) -> dict[int, Picture]:
    statement = (select(ListingImage.listing_id, ListingImage.storage_key, ListingImage.thumbnails,
                        ListingImage.width, ListingImage.height)
                 .where(ListingImage.listing_id.in_(listing_ids), ListingImage.pending.is_(False))
                 .order_by(ListingImage.listing_id, ListingImage.position, ListingImage.id))
    covers: dict[int, Picture] = {}
    for row in db.session.execute(statement):
        if row.listing_id not in covers:
            shown = picture(row.storage_key, row.thumbnails, row.width, row.height)
            if shown is not None:
                covers[row.listing_id] = shown
    return covers


def card_from_hit(hit) -> ProductCard:
    """A search result as a card. The search keeps only the card-sized cover, not its size: the
    card shows it in a square box (the stylesheet fits it), so the box's size is what is given."""
    cover = _url(hit.cover_key)
    shown = Picture(cover, "", cover, DISPLAY_WIDTH, DISPLAY_WIDTH) if cover else None
    return ProductCard(hit.id, slugify(hit.title) or str(hit.id), hit.title, hit.price,
                       hit.source_price, hit.shop_name, hit.shop_slug, hit.origin_country, shown)


# --- Categories --------------------------------------------------------------------------------

def all_categories() -> dict[int, Category]:
    """The whole (small) category table, in display order, from one query."""
    statement = select(Category).order_by(Category.position, Category.id)
    return {category.id: category for category in db.session.scalars(statement)}


def category_trail(category_id: int, categories: dict[int, Category] | None = None) -> list[Category]:
    """The category's ancestors from the top, and the category itself."""
    categories = all_categories() if categories is None else categories
    trail: list[Category] = []
    current = categories.get(category_id)
    while current is not None and current not in trail:
        trail.insert(0, current)
        current = categories.get(current.parent_id)
    return trail


@dataclass(frozen=True)
class CategoryView:
    category: Category
    trail: list[Category]
    children: list[Category]


def category_view(slug: str) -> CategoryView:
    categories = all_categories()
    found = next((category for category in categories.values() if category.slug == slug), None)
    if found is None:
        raise NotFound(str(_l("There is no such category.")))
    children = [category for category in categories.values() if category.parent_id == found.id]
    return CategoryView(found, category_trail(found.id, categories), children)


def category_names(locale: str) -> dict[str, str]:
    return {category.slug: category.name(locale) for category in all_categories().values()}


def sitemap_entries(*, offset: int, limit: int) -> list[tuple[int, str, datetime]]:
    """Live listings by id: (id, slug, last change), for the sitemap."""
    statement = (select(Listing.id, Listing.title_en, Listing.brand, Listing.updated_at)
                 .where(Listing.status == "live").order_by(Listing.id).limit(limit).offset(offset))
    return [(row.id, listing_slug(row.id, row.title_en, row.brand), row.updated_at)
            for row in db.session.execute(statement)]


def live_listing_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Listing).where(Listing.status == "live"))


def shop_slugs(limit: int) -> list[str]:
    return list(db.session.scalars(select(Shop.slug).order_by(Shop.id).limit(limit)))
