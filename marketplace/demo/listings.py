"""Demo listings planned in memory, deterministically from a ``random.Random``: brand, bilingual
title, tax category, SKUs priced in the shop's currency, stock and images. No database here: the
seed service turns plans into bulk inserts.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from marketplace.demo import products as catalogue
from marketplace.demo.data import FX_RATES
from marketplace.demo.images import ImagePool, StoredImage
from marketplace.inventory.models import BUYER_LOCATION

PUBLISHED_WITHIN = timedelta(weeks=6)
BONDED_SHARE = 35  # percent of listings also stocked in a bonded warehouse
PREMIUM_COSMETICS_PER_ML = Decimal(10)
PREMIUM_WATCH_PRICE = Decimal(10000)
# Prices end like shop prices do: ...9.99 in currencies with cents, round tens or hundreds in
# JPY and KRW, which have no minor unit.
PRICE_STEPS = {"JPY": Decimal(10), "KRW": Decimal(100)}


@dataclass(frozen=True)
class ShopRef:
    id: int
    country: str
    currency: str
    city: str
    buyer_name: str


@dataclass
class SkuPlan:
    row: dict
    stock: list[tuple[str, int]]  # (location, on hand)


@dataclass
class ListingPlan:
    row: dict
    skus: list[SkuPlan] = field(default_factory=list)
    images: list[StoredImage] = field(default_factory=list)


def local_price(price_usd: Decimal, currency: str, rng: random.Random) -> Decimal:
    """A US dollar list price in ``currency`` at the demo rates, varied by up to ±12%."""
    amount = price_usd * FX_RATES["USD"] / FX_RATES[currency] * Decimal(rng.randint(88, 112)) / 100
    step = PRICE_STEPS.get(currency)
    if step is not None:
        return max(step, (amount / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step)
    return max(Decimal("0.99"), amount.quantize(Decimal(1), rounding=ROUND_HALF_UP) - Decimal("0.01"))


def tax_code(product: catalogue.Product, variant: catalogue.Variant, price: Decimal, currency: str) -> str:
    """The tax category for the price asked (PRODUCT.md §5: premium cosmetics and watches)."""
    price_cny = price * FX_RATES[currency]
    if product.tax == catalogue.COSMETIC:
        premium = variant.amount is not None and price_cny / variant.amount >= PREMIUM_COSMETICS_PER_ML
        return "cosmetics_premium" if premium else "cosmetics"
    if product.tax == catalogue.WATCH:
        return "watches_premium" if price_cny >= PREMIUM_WATCH_PRICE else "general"
    return product.tax


class ListingPlanner:
    def __init__(self, rng: random.Random, *, shops: list[ShopRef], category_ids: dict[str, int],
                 tax_ids: dict[str, int], warehouse_codes: list[str], pool: ImagePool, now: datetime):
        self.rng = rng
        self.shops = shops
        self.category_ids = category_ids
        self.tax_ids = tax_ids
        self.warehouse_codes = warehouse_codes
        self.pool = pool
        self.now = now
        self.products_by_shop = {shop.id: catalogue.products_for_country(shop.country) for shop in shops}

    def plan(self) -> ListingPlan:
        shop = self.rng.choice(self.shops)
        product = self.rng.choice(self.products_by_shop[shop.id])
        variants = self.pick_variants(product)
        colour = self.rng.choice(product.colours) if product.colours else None
        skus = [self.sku(shop, product, variant, colour) for variant in variants]
        first = variants[0]
        warehouse = self.rng.choice(self.warehouse_codes) if self.rng.randrange(100) < BONDED_SHARE else None
        for sku in skus:
            sku.stock.append((BUYER_LOCATION, self.stock_on_hand()))
            if warehouse:
                sku.stock.append((warehouse, self.rng.randint(20, 500)))
        tax = tax_code(product, first, skus[0].row["price"], shop.currency)
        row = self.listing_row(shop, product, variants, tax, bonded=warehouse is not None)
        return ListingPlan(row, skus, self.pick_images(product))

    def pick_variants(self, product: catalogue.Product) -> list[catalogue.Variant]:
        """1-3 neighbouring variants (sizes in a row, like a buyer's real stock)."""
        count = min(len(product.variants), self.rng.choice((1, 1, 2, 3)))
        start = self.rng.randrange(len(product.variants) - count + 1)
        return list(product.variants[start:start + count])

    def sku(self, shop: ShopRef, product, variant: catalogue.Variant, colour: str | None) -> SkuPlan:
        options = {product.option: variant.label}
        if colour:
            options["colour"] = colour
        row = {"shop_id": shop.id, "options": options, "currency": shop.currency,
               "price": local_price(variant.price_usd, shop.currency, self.rng), "weight_g": variant.weight_g}
        return SkuPlan(row, [])

    def stock_on_hand(self) -> int:
        roll = self.rng.randrange(100)
        if roll < 5:
            return 0
        if roll < 25:
            return self.rng.randint(1, 5)
        return self.rng.randint(6, 60) if roll < 85 else self.rng.randint(61, 300)

    def listing_row(self, shop: ShopRef, product, variants, tax: str, *, bonded: bool) -> dict:
        title_zh, title_en = self.titles(product, variants)
        description_zh, description_en = self.descriptions(shop, product)
        published_at = self.now - timedelta(seconds=self.rng.randrange(int(PUBLISHED_WITHIN.total_seconds())))
        return {
            "shop_id": shop.id, "status": "live", "category_id": self.category_ids[product.category],
            "tax_category_id": self.tax_ids[tax], "brand": product.brand,
            "title_zh": title_zh, "title_en": title_en, "description_zh": description_zh,
            "description_en": description_en, "origin_country": shop.country,
            "routes": ["direct_mail", "bonded"] if bonded else ["direct_mail"],
            "published_at": published_at, "sales_count": self.sales_count(),
            "created_at": published_at - timedelta(hours=self.rng.randint(2, 72)), "updated_at": published_at,
        }

    def titles(self, product: catalogue.Product, variants) -> tuple[str, str]:
        prefix_en, prefix_zh = self.rng.choice(catalogue.TITLE_PREFIXES)
        edition_en, edition_zh = self.rng.choice(catalogue.TITLE_EDITIONS)
        # One size on offer goes in the title, as buyers write it; several are the SKUs' options.
        size = variants[0].label if len(variants) == 1 and product.option == "size" else ""
        size_zh = f" {catalogue.label_zh(size)}" if size else ""
        size_en = f" {size}" if size else ""
        title_zh = f"{prefix_zh}{catalogue.brand_zh(product)} {product.name_zh}{size_zh}{edition_zh}"
        title_en = f"{prefix_en}{product.brand} {product.name_en}{size_en}{edition_en}"
        return title_zh, title_en

    def descriptions(self, shop: ShopRef, product: catalogue.Product) -> tuple[str, str]:
        store_en, store_zh = self.rng.choice(catalogue.STORES[shop.country])
        description_zh = (f"{shop.city}买手{shop.buyer_name}在{store_zh}亲自购入，全新正品，附购物小票。"
                          f"{catalogue.brand_zh(product)}{product.name_zh}，支持专柜验货。")
        description_en = (f"Bought in person at {store_en}, {shop.city}, by {shop.buyer_name}: brand new and "
                          f"authentic, receipt included. {product.brand} {product.name_en}.")
        return description_zh, description_en

    def sales_count(self) -> int:
        # Most listings sell a little, a few sell a lot, as in any real catalogue.
        return min(int(self.rng.paretovariate(1.3) * 4) - 4, 20000)

    def pick_images(self, product: catalogue.Product) -> list[StoredImage]:
        extras = self.rng.sample(self.pool.extras, self.rng.randint(0, min(3, len(self.pool.extras))))
        return [self.pool.covers[(product.brand, product.shape)], *extras]
