"""A purchase in a real browser: search, open the product, add to the cart (htmx updates the
header), check out with the saved orderer and address, pay on the sandbox's page as the
orderer, and the order page says paid."""
import re
from datetime import timedelta

import pytest

from tests.e2e.seed import SHOPPER_EMAIL
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser
ORDERER = "王小明"


@pytest.fixture(scope="module")
def matcha(live_app):
    """A listing to buy, indexed, and the seeded shopper's orderer and address."""
    from marketplace.accounts import services as accounts
    from marketplace.core.clock import utcnow
    from marketplace.extensions import db
    from marketplace.orderers import services as orderers
    from marketplace.search import indexing
    from marketplace.shops.models import Shop
    from tests import catalog_builders
    from tests.checkout.conftest import ADDRESS, VALID_ID

    with live_app.app_context():
        shop = db.session.query(Shop).first()
        listing = catalog_builders.listing(shop.id, title="宇治抹茶粉", price="1200", currency="JPY", stock=4)
        listing.title_en = "Uji matcha powder"
        listing.published_at = utcnow() - timedelta(days=5)  # the seeded listings stay the newest
        db.session.flush()
        indexing.index_listings([listing.id], now=utcnow())
        shopper = accounts.user_by_email(SHOPPER_EMAIL)
        if db.session.scalar(orderers.identities_of(shopper).limit(1)) is None:
            orderers.add_identity(shopper, real_name=ORDERER, id_number=VALID_ID, consent=True, channel="web",
                                  now=utcnow())
            orderers.add_address(shopper, dict(ADDRESS), now=utcnow())
        db.session.commit()
        listing_id = listing.id
        db.session.remove()
    return listing_id


def sign_in(page) -> None:
    page.goto("/sign-in")
    page.get_by_label("邮箱").fill(SHOPPER_EMAIL)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/$"))


def test_search_add_to_cart_check_out_and_pay(page, matcha):
    sign_in(page)
    page.locator("#site-search").fill("抹茶")
    page.keyboard.press("Enter")
    page.locator(".card a", has_text="宇治抹茶粉").first.click()
    page.wait_for_url(re.compile(rf"/p/{matcha}"))
    page.get_by_role("button", name="加入购物车").click()
    page.locator("#cart-status", has_text="已加入购物车").wait_for()
    assert page.locator("#cart-link .badge").inner_text() == "1"
    page.locator("#cart-link").click()
    page.get_by_role("link", name="去结算").click()
    page.wait_for_url(re.compile(r"/checkout"))
    assert page.get_by_text("110***********002X").count() == 1
    page.get_by_role("button", name="提交订单并付款").click()
    page.wait_for_url(re.compile(r"/sandbox/payments/"))
    page.locator("#payer_name").fill(ORDERER)
    page.locator("form button.primary").first.click()
    page.wait_for_url(re.compile(r"/checkout/\d+"))
    assert page.get_by_text("付款成功").count() == 1
    page.locator("a", has_text="订单").first.click()
    page.wait_for_url(re.compile(r"/orders/\d+"))
    assert page.locator(".badge", has_text="已付款").count() == 1
    assert page.locator("#cart-link .badge").inner_text() == "0"
