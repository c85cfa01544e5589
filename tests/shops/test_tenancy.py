"""The tenancy scope: inside a shop's scope no query sees, changes or writes another shop's rows."""
import pytest
from sqlalchemy import delete, func, select, update

from marketplace.catalog.models import Listing, Sku
from marketplace.extensions import db
from marketplace.inventory.models import StockLevel
from marketplace.shops.tenancy import TenancyViolation, shop_scope
from tests.catalog_builders import listing


@pytest.fixture
def two_shops(make, ctx):
    alice, bob = make.buyer(shop_name="Alice"), make.buyer(shop_name="Bob")
    mine = listing(alice.shop.id, title="面霜")
    theirs = listing(bob.shop.id, title="眼霜")
    db.session.commit()
    return alice.shop.id, bob.shop.id, mine.id, theirs.id


def test_a_query_without_a_filter_sees_only_the_current_shop(two_shops):
    alice, bob, mine, theirs = two_shops
    db.session.expunge_all()
    with shop_scope(alice):
        assert [row.id for row in db.session.scalars(select(Listing))] == [mine]
        assert db.session.scalar(select(func.count()).select_from(Sku)) == 1
        assert db.session.get(Listing, theirs) is None
    assert db.session.scalar(select(func.count()).select_from(Listing)) == 2


def test_joins_and_relationships_are_scoped_too(two_shops):
    alice, bob, mine, theirs = two_shops
    db.session.expunge_all()
    with shop_scope(alice):
        rows = db.session.execute(select(Sku.id, Listing.id).join(Listing)).all()
        assert [listing_id for _, listing_id in rows] == [mine]
        levels = db.session.scalars(select(StockLevel).join(Sku)).all()
        assert {level.shop_id for level in levels} == {alice}


def test_bulk_update_and_delete_cannot_reach_another_shop(two_shops):
    alice, bob, mine, theirs = two_shops
    with shop_scope(alice):
        db.session.execute(update(Listing).values(status="delisted"))
        db.session.execute(delete(StockLevel).where(StockLevel.on_hand >= 0))
    db.session.expunge_all()
    assert db.session.get(Listing, theirs).status == "live"
    assert db.session.get(Listing, mine).status == "delisted"
    assert db.session.scalar(select(func.count()).select_from(StockLevel)) == 1


def test_writing_another_shops_row_inside_a_scope_is_refused(two_shops):
    alice, bob, mine, theirs = two_shops
    with pytest.raises(TenancyViolation), shop_scope(alice):
        listing(bob, title="不该写入")
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Listing)) == 2


def test_the_scope_ends_with_the_block(two_shops):
    alice, *_ = two_shops
    with shop_scope(alice):
        pass
    assert db.session.scalar(select(func.count()).select_from(Listing)) == 2


def test_a_slug_taken_meanwhile_gives_the_next_free_one(ctx, make, monkeypatch):
    from marketplace.shops import services
    from marketplace.shops.models import Shop

    first, second = make.user(), make.user()
    services.create_shop(db.session.merge(first), name="Tokyo Finds", country="JP")
    monkeypatch.setattr(services, "unique_slug", lambda name: "tokyo-finds")  # as if raced
    shop = services.create_shop(db.session.merge(second), name="Tokyo Finds", country="JP")
    assert shop.slug.startswith("tokyo-finds-") and shop.slug != "tokyo-finds"
    assert db.session.scalar(select(func.count()).select_from(Shop)) == 2
