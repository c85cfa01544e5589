"""Writing the demo data: reference data created where missing, then listings in bulk.

Reference rows (categories, tax table, FX rates, warehouses, accounts and shops) are looked up
by their natural keys and created only when missing, so seeding a database that already holds
them adds listings and nothing else. Listings go in as multi-row INSERTs per batch (ids come
back through RETURNING, in order), with their SKUs, stock rows and images: no ORM objects per
row, which is what makes 100,000 listings take minutes rather than hours.

Functions flush; the command commits (once for the reference data, then once per batch).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select

from marketplace.accounts import services as accounts
from marketplace.accounts.models import User
from marketplace.catalog import services as catalog
from marketplace.catalog.models import Category, Listing, ListingImage, Sku
from marketplace.customs import services as customs
from marketplace.demo import data
from marketplace.demo.images import ImagePool, build_pool
from marketplace.demo.listings import ListingPlan, ListingPlanner, ShopRef
from marketplace.demo.products import PRODUCTS
from marketplace.extensions import db
from marketplace.inventory import services as inventory
from marketplace.money import services as money
from marketplace.orderers import services as orderers
from marketplace.shops.models import Shop
from marketplace.shops.services import create_shop
from marketplace.warehouses import services as warehousing


@dataclass
class Reference:
    category_ids: dict[str, int]
    tax_ids: dict[str, int]
    warehouse_codes: list[str]
    shops: list[ShopRef]
    created_accounts: set[str]  # emails created by this run; the others kept their password


def seed_reference_data(*, now: datetime) -> Reference:
    category_ids = ensure_categories(now=now)
    tax_ids = ensure_tax_table(now=now)
    ensure_fx_rates(now=now)
    warehouse_ids = ensure_warehouses(now=now)
    created = ensure_staff(warehouse_ids) | ensure_buyers()
    db.session.flush()
    ensure_shopper_details(now=now)
    return Reference(category_ids, tax_ids, list(warehouse_ids), demo_shops(), created)


def ensure_categories(*, now: datetime) -> dict[str, int]:
    ids = {}
    for slug, name_zh, name_en, children in data.CATEGORY_TREE:
        ids[slug] = _category(slug, name_zh, name_en, None, now).id
        for child_slug, child_zh, child_en in children:
            ids[child_slug] = _category(child_slug, child_zh, child_en, slug, now).id
    return ids


def _category(slug: str, name_zh: str, name_en: str, parent: str | None, now: datetime) -> Category:
    existing = catalog.category_by_slug(slug)
    if existing is not None:
        return existing
    return catalog.create_category(None, slug=slug, names={"zh_CN": name_zh, "en": name_en}, parent=parent,
                                   now=now)


def ensure_tax_table(*, now: datetime) -> dict[str, int]:
    ids = {}
    for row in data.TAX_TABLE:
        existing = customs.tax_category_by_code(row.code)
        if existing is None:
            values = {"name": {"zh_CN": row.name_zh, "en": row.name_en}, "vat_rate": row.vat_rate,
                      "consumption_tax_rate": row.consumption_tax_rate, "tariff_rate": row.tariff_rate,
                      "postal_rate": row.postal_rate, "on_positive_list": True}
            existing = customs.create_tax_category(None, code=row.code, values=values, now=now)
        ids[row.code] = existing.id
    return ids


def ensure_fx_rates(*, now: datetime) -> None:
    """A rate for every demo currency that has none; rates the admin set are left alone."""
    present = money.current_rates(now)
    for currency, rate in data.FX_RATES.items():
        if currency not in present:
            money.set_rate(currency, rate, now=now, source=data.FX_SOURCE)


def ensure_warehouses(*, now: datetime) -> dict[str, int]:
    ids = {}
    for code, name, city, base, per_kg in data.WAREHOUSES:
        existing = warehousing.warehouse_by_code(code)
        if existing is None:
            existing = warehousing.create_warehouse(None, code=code, name=name, city=city,
                                                   shipping={"base": base, "per_kg": per_kg}, now=now)
        ids[code] = existing.id
    return ids


def ensure_staff(warehouse_ids: dict[str, int]) -> set[str]:
    created = set()
    for account in data.STAFF:
        if accounts.user_by_email(account.email) is not None:
            continue
        user = accounts.register_user(account.email, data.DEMO_PASSWORD, account.display_name,
                                      locale="zh_CN")
        warehouse_id = warehouse_ids[account.warehouse_code] if account.warehouse_code else None
        accounts.set_roles(user, account.roles, warehouse_id=warehouse_id)
        created.add(account.email)
    return created


def ensure_shopper_details(*, now: datetime) -> None:
    """The demo shopper can buy at once: an orderer identity (a valid test number, published in
    the ID standard's examples) and a default address."""
    user = accounts.user_by_email(data.DEMO_SHOPPER["email"])
    if user is None or db.session.scalar(orderers.identities_of(user).limit(1)) is not None:
        return
    details = data.DEMO_SHOPPER
    orderers.add_identity(user, real_name=details["real_name"], id_number=details["id_number"], consent=True,
                          channel="web", now=now)
    orderers.add_address(user, dict(details["address"]), now=now)


def ensure_buyers() -> set[str]:
    created = set()
    for buyer in data.BUYERS:
        user = accounts.user_by_email(buyer.email)
        if user is None:
            user = accounts.register_user(buyer.email, data.DEMO_PASSWORD, buyer.display_name, locale="en")
            created.add(buyer.email)
        if user.shop is None:
            shop = create_shop(user, name=buyer.shop_name, country=buyer.country)
            shop.description = buyer.shop_description
            shop.level = buyer.level
        if not user.has_role("buyer"):
            accounts.add_role(user, "buyer")
    return created


def demo_shops() -> list[ShopRef]:
    emails = {buyer.email: buyer for buyer in data.BUYERS}
    rows = db.session.execute(select(Shop, User.email).join(User, Shop.owner_id == User.id)
                              .where(User.email.in_(emails)).order_by(Shop.id))
    return [ShopRef(shop.id, shop.country, shop.currency, emails[email].city, emails[email].display_name)
            for shop, email in rows]


def image_pool(storage, *, seed: int) -> ImagePool:
    covers = sorted({(product.brand, product.shape) for product in PRODUCTS})
    return build_pool(storage, covers, seed)


def add_listings(planner: ListingPlanner, count: int, *, batch_size: int) -> Iterator[int]:
    """Insert ``count`` listings in batches, yielding the running total after each (flushed,
    not committed: the caller commits per batch)."""
    done = 0
    while done < count:
        size = min(batch_size, count - done)
        insert_plans([planner.plan() for _ in range(size)])
        done += size
        yield done


def insert_plans(plans: list[ListingPlan]) -> None:
    listing_ids = _insert_returning_ids(Listing, [plan.row for plan in plans])
    sku_rows, sku_plans = [], []
    for listing_id, plan in zip(listing_ids, plans, strict=True):
        for number, sku in enumerate(plan.skus, start=1):
            sku_rows.append({**sku.row, "listing_id": listing_id, "code": f"DEMO-{listing_id}-{number}"})
            sku_plans.append(sku)
    sku_ids = _insert_returning_ids(Sku, sku_rows)
    inventory.load_levels([{"shop_id": row["shop_id"], "sku_id": sku_id, "location": location,
                            "on_hand": on_hand}
                           for sku_id, row, plan in zip(sku_ids, sku_rows, sku_plans, strict=True)
                           for location, on_hand in plan.stock])
    _insert(ListingImage, [{"shop_id": plan.row["shop_id"], "listing_id": listing_id, "position": position,
                            "storage_key": image.storage_key, "width": image.width, "height": image.height,
                            "thumbnails": image.thumbnails, "phash": None}
                           for listing_id, plan in zip(listing_ids, plans, strict=True)
                           for position, image in enumerate(plan.images)])


def _insert_returning_ids(model, rows: list[dict]) -> list[int]:
    # sort_by_parameter_order: the ids come back in the order of ``rows`` on every engine.
    table = model.__table__
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(db.session.execute(statement, rows).scalars())


def _insert(model, rows: list[dict]) -> None:
    if rows:
        db.session.execute(insert(model.__table__), rows)
