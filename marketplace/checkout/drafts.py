"""The cart's lines split into draft orders, one per (shop, route, warehouse), priced in CNY at
the checkout's FX snapshot with the shipping of each order's rate card. No tax here (``quotes``).

Bonded lines go to a warehouse that has received enough stock for the whole line; a line is not
split over two warehouses. Of the warehouses that can take a line, the first by code that the
same shop's earlier lines already use is preferred, so a shop's bonded lines share a parcel
where they can.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from marketplace.inventory.models import BUYER_LOCATION
from marketplace.money.money import Money, convert
from marketplace.orders.shipping import RateCard, shipping_fee
from marketplace.warehouses import services as warehousing

DIRECT_MAIL, BONDED = "direct_mail", "bonded"


@dataclass(frozen=True)
class DraftLine:
    sku: object  # the catalogue's Sku, with its listing (and the listing's shop and tax category)
    quantity: int
    source: Money  # the SKU's price in its own currency
    fx_rate: Decimal  # CNY per unit of that currency, from the snapshot
    unit_price: Decimal  # CNY, half-up to the fen by the money module

    @property
    def goods(self) -> Decimal:
        return self.unit_price * self.quantity

    @property
    def weight_g(self) -> int:
        return self.sku.weight_g * self.quantity


@dataclass(frozen=True)
class DraftOrder:
    shop: object
    route: str
    warehouse: object | None  # the bonded warehouse; None for direct mail
    lines: tuple[DraftLine, ...]
    shipping: Decimal

    @property
    def goods(self) -> Decimal:
        return sum((line.goods for line in self.lines), Decimal("0.00"))

    @property
    def location(self) -> str:
        return self.warehouse.code if self.warehouse is not None else BUYER_LOCATION


def bonded_location(sku, quantity: int, preferred: set[str]) -> str | None:
    """A warehouse holding ``quantity`` units of the SKU: one the shop's parcel already uses if
    possible, else the first by code; None when no single warehouse has enough."""
    able = sorted(level.location for level in sku.stock_levels
                  if level.location != BUYER_LOCATION and level.available >= quantity)
    return next((code for code in able if code in preferred), able[0] if able else None)


def group(items: list, skus: dict) -> tuple[dict, list]:
    """``{(shop_id, route, location): [(item, sku), ...]}`` and the items no warehouse can take."""
    groups: dict[tuple, list] = defaultdict(list)
    used: dict[int, set[str]] = defaultdict(set)
    unplaced = []
    for item in items:
        sku = skus[item.sku_id]
        location = BUYER_LOCATION
        if item.route == BONDED:
            location = bonded_location(sku, item.quantity, used[sku.shop_id])
            if location is None:
                unplaced.append(item)
                continue
            used[sku.shop_id].add(location)
        groups[(sku.shop_id, item.route, location)].append((item, sku))
    return groups, unplaced


def rate_card(shop, warehouse) -> RateCard:
    if warehouse is not None:
        return RateCard(Decimal(warehouse.shipping_base), Decimal(warehouse.shipping_per_kg))
    free_over = Decimal(shop.direct_mail_free_over) if shop.direct_mail_free_over is not None else None
    return RateCard(Decimal(shop.direct_mail_base), Decimal(shop.direct_mail_per_kg), free_over)


def draft_line(item, sku, rates: dict) -> DraftLine:
    source = Money(Decimal(sku.price), sku.currency)
    rate = Decimal(rates[sku.currency])
    return DraftLine(sku, item.quantity, source, rate, convert(source, rate).amount)


def draft_orders(items: list, skus: dict, rates: dict) -> tuple[list[DraftOrder], list]:
    groups, unplaced = group(items, skus)
    orders = []
    for (_, route, location), members in sorted(groups.items(), key=lambda entry: entry[0]):
        shop = members[0][1].listing.shop
        warehouse = warehousing.warehouse_by_code(location) if route == BONDED else None
        lines = tuple(draft_line(item, sku, rates) for item, sku in members)
        goods = sum((line.goods for line in lines), Decimal("0.00"))
        fee = shipping_fee(rate_card(shop, warehouse), weight_g=sum(line.weight_g for line in lines),
                           goods=goods)
        orders.append(DraftOrder(shop, route, warehouse, lines, fee))
    return orders, unplaced
