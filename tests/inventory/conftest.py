"""A shop with two SKUs in stock: 5 units of its own of each, and 3 of the first in a bonded
warehouse; and a second shop with stock of its own."""
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.inventory import services as inventory
from marketplace.inventory.models import StockLevel, StockReservation
from tests.catalog_builders import listing

BONDED = "HZ-XIASHA"


@pytest.fixture
def stock(make, ctx):
    owner, other = make.buyer(shop_name="Owner"), make.buyer(shop_name="Other")
    cream = listing(owner.shop.id, title="面霜", stock=5).skus[0]
    serum = listing(owner.shop.id, title="精华", stock=5).skus[0]
    inventory.add_on_hand(owner.shop.id, cream.id, BONDED, 3)
    theirs = listing(other.shop.id, title="乳液", stock=5).skus[0]
    db.session.flush()
    return SimpleNamespace(shop_id=owner.shop.id, other_shop_id=other.shop.id, cream=cream.id,
                           serum=serum.id, theirs=theirs.id)


def level(sku_id: int, location: str = "buyer") -> tuple[int, int]:
    """(on_hand, reserved) as the database has it now."""
    row = db.session.execute(select(StockLevel.on_hand, StockLevel.reserved)
                             .where(StockLevel.sku_id == sku_id, StockLevel.location == location)).one()
    return tuple(row)


def all_levels() -> list[tuple]:
    return [tuple(row) for row in db.session.execute(
        select(StockLevel.sku_id, StockLevel.location, StockLevel.on_hand, StockLevel.reserved)
        .order_by(StockLevel.id))]


def reservation_count() -> int:
    return db.session.scalar(select(func.count()).select_from(StockReservation))
