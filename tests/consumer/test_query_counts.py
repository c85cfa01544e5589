"""Pages cost a fixed, small number of SQL statements: not one more per SKU, image or result."""

from contextlib import contextmanager

from sqlalchemy import event

from marketplace.extensions import db
from tests.consumer.conftest import add_image, add_sku
from tests.search import builders

PRODUCT_PAGE_LIMIT = 11  # the FX rates are read once per request
CATEGORY_PAGE_LIMIT = 8


@contextmanager
def counting(app):
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def statements_for(app, client, path: str) -> int:
    with counting(app) as statements:
        assert client.get(path).status_code == 200
    # The SAVEPOINT bookkeeping of the test's outer transaction is not the page's work.
    return len([text for text in statements if "SAVEPOINT" not in text.upper()])


def test_product_page_statements_do_not_grow_with_skus_or_images(app, client, shelf):
    path = f"/p/{shelf.cream.id}"
    before = statements_for(app, client, path)
    with app.app_context():
        listing = db.session.merge(shelf.cream)
        for number in range(8):
            add_sku(
                listing, f"EXTRA-{number}", f"{110 + number}.00", "USD", {"size": f"{number}ml"}, bonded=2
            )
            add_image(listing, 2 + number)
        more = [
            builders.listing(
                listing.shop_id,
                db.session.merge(shelf.skincare),
                db.session.merge(shelf.tax),
                title_zh=f"更多{number}",
            )
            for number in range(5)
        ]
        builders.index(*more)
    after = statements_for(app, client, path)
    assert before <= PRODUCT_PAGE_LIMIT
    assert after == before


def test_category_page_statements_do_not_grow_with_results(app, client, shelf):
    path = "/c/c-beauty"
    before = statements_for(app, client, path)
    with app.app_context():
        skincare, tax = db.session.merge(shelf.skincare), db.session.merge(shelf.tax)
        more = [
            builders.listing(shelf.jp_buyer.shop.id, skincare, tax, title_zh=f"新品{number}", country="JP")
            for number in range(15)
        ]
        builders.index(*more)
    after = statements_for(app, client, path)
    assert before <= CATEGORY_PAGE_LIMIT
    assert after == before


def test_home_and_shop_pages_statements_do_not_grow(app, client, shelf):
    paths = ["/", f"/shop/{shelf.us_buyer.shop.slug}"]
    before = [statements_for(app, client, path) for path in paths]
    with app.app_context():
        skincare, tax = db.session.merge(shelf.skincare), db.session.merge(shelf.tax)
        more = [
            builders.listing(shelf.us_buyer.shop.id, skincare, tax, title_zh=f"新品{number}")
            for number in range(10)
        ]
        builders.index(*more)
    assert [statements_for(app, client, path) for path in paths] == before
