"""Writing a listing's content and SKUs and its price history; stock through ``inventory``.
Callers have checked the values (``listing_checks``); these only write."""
from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from marketplace.catalog.models import Listing, Sku, SkuPrice
from marketplace.catalog.services import category_by_slug
from marketplace.customs.services import tax_category_by_code
from marketplace.extensions import db
from marketplace.inventory import services as inventory

PRICE_WINDOW = timedelta(hours=24)
# A change beyond this share of the day's lowest price, either way, waits for review.
PRICE_JUMP = Decimal("0.5")
TEXT_COLUMNS = {"title": "title", "description": "description"}
LANGUAGE_SUFFIXES = {"zh_CN": "zh", "en": "en", "local": "local"}


def content_of(listing: Listing) -> dict:
    """The listing's content fields in their API form."""
    return {"category": listing.category.slug, "brand": listing.brand,
            "title": _texts(listing, "title"), "description": _texts(listing, "description"),
            "origin_country": listing.origin_country, "tax_category": listing.tax_category.code,
            "routes": list(listing.routes)}


def _texts(listing: Listing, name: str) -> dict:
    return {language: getattr(listing, f"{name}_{suffix}") for language, suffix in LANGUAGE_SUFFIXES.items()}


def write_content(listing: Listing, content: dict) -> None:
    for name, value in content.items():
        if name == "category":
            listing.category = category_by_slug(value)
        elif name == "tax_category":
            listing.tax_category = tax_category_by_code(value)
        elif name in TEXT_COLUMNS:
            for language, suffix in LANGUAGE_SUFFIXES.items():
                setattr(listing, f"{name}_{suffix}", value[language] or ("" if language == "zh_CN" else None))
        else:
            setattr(listing, name, list(value) if name == "routes" else value)


def sku_structure(rows) -> dict:
    """What review must see of a SKU list: codes with their options and weights."""
    return {row["code"]: (row["options"], row["weight_g"]) for row in rows}


def sku_rows(listing: Listing) -> list[dict]:
    return [{"code": sku.code, "options": sku.options, "price": sku.price, "weight_g": sku.weight_g,
             "stock": inventory.own_stock(sku)} for sku in listing.skus]


def sync_skus(listing: Listing, rows: list[dict], now: datetime, *, keep_stock: bool = False) -> None:
    """Make the listing's SKUs those of ``rows``, matched by code: update, add, remove.
    ``keep_stock`` leaves existing SKUs' stock alone (a revision's stock was applied already)."""
    existing = {sku.code: sku for sku in listing.skus}
    for sku in [sku for code, sku in existing.items() if code not in {row["code"] for row in rows}]:
        listing.skus.remove(sku)
    db.session.flush()  # removed codes are free before new SKUs are inserted
    for index, row in enumerate(rows):
        sku = existing.get(row["code"])
        if sku is None:
            _add_sku(listing, row, now)
            continue
        sku.options, sku.weight_g = row["options"], row["weight_g"]
        set_price(sku, Decimal(row["price"]), now)
        if not keep_stock:
            inventory.set_own_stock(sku, row["stock"], field=f"skus.{index}.stock")


def _add_sku(listing: Listing, row: dict, now: datetime) -> Sku:
    sku = Sku(shop_id=listing.shop_id, code=row["code"], options=row["options"], price=Decimal(row["price"]),
              currency=listing.shop.currency, weight_g=row["weight_g"])
    inventory.start_own_stock(sku, row["stock"])
    listing.skus.append(sku)
    db.session.flush()
    db.session.add(SkuPrice(shop_id=listing.shop_id, sku_id=sku.id, price=sku.price, effective_at=now))
    return sku


def set_price(sku: Sku, price: Decimal, now: datetime) -> None:
    if sku.price != price:
        sku.price = price
        db.session.add(SkuPrice(shop_id=sku.shop_id, sku_id=sku.id, price=price, effective_at=now))


def lowest_recent_price(sku: Sku, now: datetime) -> Decimal:
    """The lowest price the SKU has had in the last 24 hours, its current one included."""
    recent = db.session.scalar(select(func.min(SkuPrice.price))
                               .where(SkuPrice.sku_id == sku.id, SkuPrice.effective_at >= now - PRICE_WINDOW))
    return min(sku.price, recent) if recent is not None else sku.price


def is_price_jump(sku: Sku, price: Decimal, now: datetime) -> bool:
    lowest = lowest_recent_price(sku, now)
    return price > lowest * (1 + PRICE_JUMP) or price < lowest * (1 - PRICE_JUMP)
