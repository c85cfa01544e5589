"""A small catalogue for search tests: categories two levels deep, shops in two countries, FX
rates, and listings with whatever titles, prices, stock, routes and dates a test needs."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from marketplace.catalog.models import Category, Listing, ListingImage, Sku
from marketplace.customs.models import TaxCategory
from marketplace.extensions import db
from marketplace.inventory.models import StockLevel
from marketplace.money import services as money
from marketplace.search import indexing

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
_codes = iter(range(1, 1_000_000))


def category(slug: str, name_zh: str, name_en: str, parent: Category | None = None) -> Category:
    row = Category(slug=slug, name_zh=name_zh, name_en=name_en, parent_id=parent.id if parent else None)
    db.session.add(row)
    db.session.flush()
    return row


def tax_category() -> TaxCategory:
    row = TaxCategory(code=f"search_tax_{next(_codes)}", name_zh="化妆品", name_en="Cosmetics",
                      vat_rate=Decimal("0.13"), consumption_tax_rate=Decimal(0), tariff_rate=Decimal(0),
                      postal_rate=Decimal("0.20"))
    db.session.add(row)
    db.session.flush()
    return row


def rates() -> None:
    money.set_rate("USD", Decimal("7.2"), now=NOW - timedelta(days=365))
    money.set_rate("JPY", Decimal("0.048"), now=NOW - timedelta(days=365))


def listing(shop_id: int, category: Category, tax: TaxCategory, *, title_zh: str, title_en: str | None = None,
            brand: str = "Acme", country: str = "US", routes=("direct_mail",), prices=(("25.00", "USD"),),
            stock: int = 5, status: str = "live", sales: int = 0, age_days: int = 1) -> Listing:
    item = Listing(shop_id=shop_id, status=status, category_id=category.id, tax_category_id=tax.id,
                   brand=brand, title_zh=title_zh, title_en=title_en, origin_country=country,
                   routes=list(routes), published_at=NOW - timedelta(days=age_days), sales_count=sales)
    for price, currency in prices:
        sku = Sku(shop_id=shop_id, code=f"S-{next(_codes)}", options={}, price=Decimal(price),
                  currency=currency, weight_g=200)
        sku.stock_levels.append(StockLevel(shop_id=shop_id, location="buyer", on_hand=stock))
        item.skus.append(sku)
    item.images.append(ListingImage(shop_id=shop_id, position=0, storage_key=f"public/l{next(_codes)}.jpg",
                                    width=600, height=600, thumbnails={"600": "public/cover-600.jpg"}))
    db.session.add(item)
    db.session.flush()
    return item


def index(*listings: Listing) -> None:
    indexing.index_listings([item.id for item in listings], now=NOW)
    db.session.commit()
