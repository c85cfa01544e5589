"""Keeping the search documents current. A live listing has exactly one document; any other
listing has none. Documents are built from a few set-based reads per batch (listings with their
shops, SKUs, stock, covers) and written with one multi-row upsert, so re-indexing one listing and
re-indexing 200,000 use the same code.

Everything here flushes and never commits: the job or command that calls it commits, per batch.
Running any of it twice gives the same documents.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from datetime import datetime

from sqlalchemy import bindparam, delete, select, text, update
from sqlalchemy.dialects import postgresql, sqlite

from marketplace.catalog.models import Category, Listing, ListingImage, Sku
from marketplace.extensions import db
from marketplace.inventory.models import StockLevel
from marketplace.money import services as money
from marketplace.money.money import Money
from marketplace.search.filters import category_path
from marketplace.search.models import SearchDocument as Doc
from marketplace.search.segment import document_text, fold
from marketplace.shops.models import Shop

BATCH_SIZE = 2000
POPULAR_SALES = 10_000  # sales at which the popularity boost is full
COVER_WIDTH = "600"  # the thumbnail a result card shows


class CategoryNames:
    def __init__(self):
        rows = db.session.execute(select(Category.id, Category.parent_id, Category.name_zh, Category.name_en))
        self.parents, self.names = {}, {}
        for row in rows:
            self.parents[row.id] = row.parent_id
            self.names[row.id] = (row.name_zh, row.name_en)

    def path(self, category_id: int) -> str:
        return category_path(category_id, self.parents)

    def words(self, category_id: int) -> list[str]:
        """The names of the category and its ancestors: "skincare" finds every face cream."""
        ids = [int(number) for number in self.path(category_id).strip("/").split("/") if number]
        return [name for number in ids for name in self.names.get(number, ())]


def index_listings(listing_ids: Iterable[int], *, now: datetime) -> int:
    """Bring these listings' documents up to date; return how many are now indexed."""
    listing_ids = sorted(set(listing_ids))
    if not listing_ids:
        return 0
    rows = build_documents(listing_ids, now=now, categories=CategoryNames())
    _upsert(rows)
    indexed = {row["listing_id"] for row in rows}
    gone = [listing_id for listing_id in listing_ids if listing_id not in indexed]
    if gone:
        db.session.execute(delete(Doc).where(Doc.listing_id.in_(gone)))
    db.session.flush()
    return len(indexed)


def index_listing(listing_id: int, *, now: datetime) -> bool:
    """Index one listing if it is live (and priced), remove its document otherwise."""
    return index_listings([listing_id], now=now) == 1


def remove_listing(listing_id: int) -> None:
    db.session.execute(delete(Doc).where(Doc.listing_id == listing_id))
    db.session.flush()


def reindex_all(batch_size: int = BATCH_SIZE, *, now: datetime) -> Iterator[int]:
    """Rebuild every document, ``batch_size`` listings at a time, yielding the running count after
    each batch (flushed: the caller commits between batches, so a long run keeps its progress)."""
    live = select(Listing.id).where(Listing.status == "live")
    db.session.execute(delete(Doc).where(Doc.listing_id.not_in(live)))
    done, last_id = 0, 0
    while True:
        batch = live.where(Listing.id > last_id).order_by(Listing.id).limit(batch_size)
        ids = list(db.session.scalars(batch))
        if not ids:
            return
        index_listings(ids, now=now)
        done, last_id = done + len(ids), ids[-1]
        yield done


def reprice(batch_size: int = BATCH_SIZE, *, now: datetime) -> Iterator[int]:
    """Convert every document's source price again at the rates in force at ``now`` (after an FX
    change), yielding the running count per batch."""
    rates, done, last_id = money.current_rates(now), 0, 0
    statement = update(Doc.__table__).where(Doc.__table__.c.listing_id == bindparam("document_id"))
    while True:
        batch = (select(Doc.listing_id, Doc.source_price, Doc.source_currency)
                 .where(Doc.listing_id > last_id).order_by(Doc.listing_id).limit(batch_size))
        rows = db.session.execute(batch).all()
        if not rows:
            return
        prices = [{"document_id": row.listing_id,
                   "price_cny": money.to_cny(Money(row.source_price, row.source_currency), rates).amount}
                  for row in rows if row.source_currency in rates]
        if prices:
            db.session.execute(statement.values(price_cny=bindparam("price_cny")), prices)
        done, last_id = done + len(rows), rows[-1].listing_id
        yield done


def build_documents(listing_ids: list[int], *, now: datetime, categories: CategoryNames) -> list[dict]:
    """Document rows for those of ``listing_ids`` that are live and have a priced SKU."""
    prices = _cheapest_skus(listing_ids, money.current_rates(now))
    stocked = _in_stock(listing_ids)
    covers = _covers(listing_ids)
    rows = []
    for listing in _live_listings(listing_ids):
        if listing.id not in prices:
            continue
        cny, source = prices[listing.id]
        rows.append(_document(listing, categories, cny, source, listing.id in stocked,
                              covers.get(listing.id), now))
    return rows


def _document(listing, categories: CategoryNames, cny: Money, source: Money, in_stock: bool,
              cover_key: str | None, now: datetime) -> dict:
    routes = set(listing.routes or ())
    return {
        "listing_id": listing.id, "shop_id": listing.shop_id, "shop_slug": listing.shop_slug,
        "shop_name": listing.shop_name, "title_zh": listing.title_zh, "title_en": listing.title_en,
        "brand": listing.brand,
        "search_text": document_text(listing.title_zh, listing.title_en, listing.brand,
                                     *categories.words(listing.category_id)),
        "fuzzy_text": fold(f"{listing.brand} {listing.title_en or ''}").strip(),
        "category_id": listing.category_id, "category_path": categories.path(listing.category_id),
        "origin_country": listing.origin_country, "route_direct_mail": "direct_mail" in routes,
        "route_bonded": "bonded" in routes, "price_cny": cny.amount, "source_price": source.amount,
        "source_currency": source.currency, "in_stock": in_stock, "published_at": listing.published_at,
        "sales_count": listing.sales_count, "popularity": popularity(listing.sales_count),
        "cover_key": cover_key, "indexed_at": now,
    }


def popularity(sales_count: int) -> float:
    return min(1.0, math.log1p(max(0, sales_count)) / math.log1p(POPULAR_SALES))


def _live_listings(listing_ids: list[int]):
    statement = (select(Listing.id, Listing.shop_id, Shop.slug.label("shop_slug"),
                        Shop.name.label("shop_name"), Listing.title_zh, Listing.title_en, Listing.brand,
                        Listing.category_id, Listing.origin_country, Listing.routes, Listing.published_at,
                        Listing.sales_count)
                 .join(Shop, Shop.id == Listing.shop_id)
                 .where(Listing.id.in_(listing_ids), Listing.status == "live"))
    return db.session.execute(statement).all()


def _cheapest_skus(listing_ids: list[int], rates: dict) -> dict[int, tuple[Money, Money]]:
    """Per listing, the lowest SKU price in CNY and that SKU's own price. SKUs in a currency
    without a rate are left out: they cannot be shown in CNY."""
    cheapest: dict[int, tuple[Money, Money]] = {}
    statement = select(Sku.listing_id, Sku.price, Sku.currency).where(Sku.listing_id.in_(listing_ids))
    rows = db.session.execute(statement)
    for listing_id, price, currency in rows:
        if currency not in rates:
            continue
        source = Money(price, currency)
        cny = money.to_cny(source, rates)
        if listing_id not in cheapest or cny.amount < cheapest[listing_id][0].amount:
            cheapest[listing_id] = (cny, source.rounded())
    return cheapest


def _in_stock(listing_ids: list[int]) -> set[int]:
    statement = (select(Sku.listing_id).join(StockLevel, StockLevel.sku_id == Sku.id)
                 .where(Sku.listing_id.in_(listing_ids), StockLevel.on_hand > StockLevel.reserved).distinct())
    return set(db.session.scalars(statement))


def _covers(listing_ids: list[int]) -> dict[int, str]:
    """The first shown image of each listing, as its card-sized thumbnail when there is one."""
    statement = (select(ListingImage.listing_id, ListingImage.storage_key, ListingImage.thumbnails)
                 .where(ListingImage.listing_id.in_(listing_ids), ListingImage.pending.is_(False))
                 .order_by(ListingImage.listing_id, ListingImage.position, ListingImage.id))
    covers: dict[int, str] = {}
    for listing_id, key, thumbnails in db.session.execute(statement):
        covers.setdefault(listing_id, (thumbnails or {}).get(COVER_WIDTH) or key)
    return covers


def _upsert(rows: list[dict]) -> None:
    if not rows:
        return
    dialect = db.session.get_bind().dialect.name
    statement = (postgresql if dialect == "postgresql" else sqlite).insert(Doc.__table__)
    columns = [column.name for column in Doc.__table__.columns if column.computed is None]
    updates = {name: statement.excluded[name] for name in columns if name != "listing_id"}
    db.session.execute(statement.on_conflict_do_update(index_elements=["listing_id"], set_=updates), rows)


def documents_by_listing() -> dict[int, datetime]:
    """Which listings are indexed, and when: for checks and tests."""
    return dict(db.session.execute(select(Doc.listing_id, Doc.indexed_at)).tuples().all())



def refresh_statistics() -> None:
    """After a bulk (re)index, once committed: fresh planner statistics and, on PostgreSQL, a
    vacuumed table, so facet counts can come from the index alone (an index-only scan needs the
    visibility map VACUUM sets). Autovacuum does the same later; a bulk load need not wait."""
    if db.session.get_bind().dialect.name != "postgresql":
        db.session.execute(text("ANALYZE search_documents"))
        return
    # VACUUM runs outside any transaction, so on a connection of its own.
    with db.engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
            "VACUUM ANALYZE search_documents")
