"""A shopper with an identity and an address, a cart to fill, the shelf's catalogue with a
bonded warehouse, and rate cards with round numbers."""
from decimal import Decimal
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from marketplace.catalog.models import Sku
from marketplace.core.clock import utcnow
from marketplace.extensions import db
from marketplace.orderers import services as orderers
from marketplace.shops.models import Shop
from marketplace.warehouses.models import Warehouse
from tests.consumer.conftest import shelf  # noqa: F401

VALID_ID = "11010519491231002X"
ADDRESS = {"recipient": "王小明", "phone": "13800138000", "province": "浙江省", "city": "杭州市",
           "district": "西湖区", "line1": "文三路 100 号", "postcode": "310000"}


@pytest.fixture
def store(app, shelf):  # noqa: F811 - the imported fixture
    with app.app_context():
        db.session.add(Warehouse(code="HZ1", name="杭州保税仓", city="杭州", shipping_base=Decimal("8"),
                                 shipping_per_kg=Decimal("2")))
        for shop in db.session.scalars(select(Shop)):
            shop.direct_mail_base, shop.direct_mail_per_kg = Decimal("30"), Decimal("10")
        skus = db.session.scalars(select(Sku).where(Sku.listing_id == shelf.cream.id).order_by(Sku.id)).all()
        db.session.commit()
        return SimpleNamespace(shelf=shelf, cream=skus[0].id, cream_bonded=skus[1].id)


@pytest.fixture
def buyer_of(app, make, api):
    """``buyer_of()``: a shopper with an identity and an address, and an API client for them."""
    def build(name="王小明", number=VALID_ID):
        user = make.shopper()
        with app.app_context():
            owner = db.session.merge(user)
            identity = orderers.add_identity(owner, real_name=name, id_number=number, consent=True,
                                             channel="api", now=utcnow())
            address = orderers.add_address(owner, dict(ADDRESS), now=utcnow())
            db.session.commit()
            ids = identity.id, address.id
        return SimpleNamespace(user=user, client=api(user), identity_id=ids[0], address_id=ids[1])

    return build


@pytest.fixture
def shopper(buyer_of):
    return buyer_of()
