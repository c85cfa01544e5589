"""Keeping the index current: through the job, for status, content, stock and FX changes."""
from decimal import Decimal

from sqlalchemy import func, select

from marketplace.catalog.models import Listing
from marketplace.extensions import db
from marketplace.inventory.models import StockLevel
from marketplace.jobs.models import JobRecord
from marketplace.money import services as money
from marketplace.search import indexing, tasks
from marketplace.search.models import SearchDocument
from marketplace.search.services import SearchQuery, search
from tests.search.builders import NOW


def found(**criteria) -> list[int]:
    return [hit.id for hit in search(SearchQuery(**criteria), now=NOW).items]


def document_ids() -> set[int]:
    return set(db.session.scalars(select(SearchDocument.listing_id)))


def test_only_live_listings_have_documents(catalogue):
    assert document_ids() == {catalogue.cream.id, catalogue.serum.id, catalogue.formula.id,
                              catalogue.sunscreen.id}


def test_a_change_reaches_the_index_through_the_job(catalogue):
    listing = db.session.get(Listing, catalogue.cream.id)
    listing.title_zh = "海蓝之谜晚霜"
    job = tasks.request_index(listing.id)
    db.session.commit()  # the job runs inline once the change is committed
    assert db.session.get(JobRecord, job.id, populate_existing=True).status == "finished"
    assert found(text="晚霜") == [listing.id]
    assert found(text="保湿") == []


def test_a_listing_taken_down_is_hidden_at_once_and_dropped_by_the_job(catalogue):
    listing = db.session.get(Listing, catalogue.cream.id)
    listing.status = "delisted"
    db.session.commit()
    assert found(text="la mer") == []  # the index still has it; the page does not show it
    tasks.request_index(listing.id)
    db.session.commit()
    assert catalogue.cream.id not in document_ids()
    assert search(SearchQuery(), now=NOW).total == 3


def test_a_listing_going_live_is_indexed_by_the_job(catalogue):
    listing = db.session.get(Listing, catalogue.draft.id)
    listing.status = "live"
    tasks.request_index(listing.id)
    db.session.commit()
    assert sorted(found(text="草稿")) == [listing.id]


def test_selling_out_leaves_in_stock_results_after_the_job(catalogue):
    sku_ids = [sku.id for sku in catalogue.formula.skus]
    db.session.execute(StockLevel.__table__.update().where(StockLevel.sku_id.in_(sku_ids)).values(on_hand=0))
    tasks.request_index(catalogue.formula.id)
    db.session.commit()
    assert catalogue.formula.id not in found(in_stock=True)
    assert catalogue.formula.id in found()


def test_remove_listing_job(catalogue):
    from marketplace.jobs.services import enqueue

    enqueue("search.remove_listing", catalogue.serum.id)
    db.session.commit()
    assert catalogue.serum.id not in document_ids()


def test_deleting_a_listing_deletes_its_document_and_its_words(catalogue):
    db.session.delete(db.session.get(Listing, catalogue.sunscreen.id))
    db.session.commit()
    assert catalogue.sunscreen.id not in document_ids()
    assert found(text="防晒霜") == []


def test_indexing_twice_changes_nothing(catalogue):
    before = db.session.execute(select(SearchDocument.listing_id, SearchDocument.search_text,
                                       SearchDocument.price_cny).order_by(SearchDocument.listing_id)).all()
    indexing.index_listings([catalogue.cream.id, catalogue.serum.id], now=NOW)
    after = db.session.execute(select(SearchDocument.listing_id, SearchDocument.search_text,
                                      SearchDocument.price_cny).order_by(SearchDocument.listing_id)).all()
    assert after == before
    assert found(text="面霜").count(catalogue.cream.id) == 1


def test_reindex_all_rebuilds_in_batches_and_drops_strays(catalogue):
    listings, documents = Listing.__table__, SearchDocument.__table__
    suspend = listings.update().where(listings.c.id == catalogue.serum.id).values(status="suspended")
    db.session.execute(suspend)
    db.session.execute(documents.delete().where(documents.c.listing_id == catalogue.cream.id))
    counts = list(indexing.reindex_all(2, now=NOW))
    assert counts == [2, 3]
    assert document_ids() == {catalogue.cream.id, catalogue.formula.id, catalogue.sunscreen.id}


def test_reprice_follows_a_new_rate(catalogue):
    money.set_rate("USD", Decimal("7.5"), now=NOW)
    assert list(indexing.reprice(now=NOW)) == [4]
    [hit] = search(SearchQuery(text="la mer"), now=NOW).items
    assert hit.price.amount == Decimal("750.00")
    assert search(SearchQuery(text="奶粉"), now=NOW).items[0].price.amount == Decimal("144.00")


def test_a_listing_without_a_priced_sku_is_not_indexed(catalogue):
    from tests.search import builders

    odd = builders.listing(catalogue.cream.shop_id, catalogue.cream.category, catalogue.cream.tax_category,
                           title_zh="无汇率商品", prices=(("10.00", "CHF"),))
    assert indexing.index_listing(odd.id, now=NOW) is False
    assert db.session.scalar(select(func.count()).select_from(SearchDocument)) == 4
