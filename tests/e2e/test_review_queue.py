"""In a real browser: a reviewer opens the queue, claims a listing and rejects it with a reason;
the buyer then sees the reason and the note on the listing in the buyers portal."""
import re

import pytest
from sqlalchemy import select

from marketplace.accounts import services as accounts
from marketplace.accounts.models import User
from marketplace.core.clock import utcnow
from marketplace.extensions import db
from marketplace.moderation import services as moderation
from tests import catalog_builders
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

REVIEWER_EMAIL = "e2e.reviewer@example.com"
NOTE = "请上传清晰的购物小票。"


@pytest.fixture
def waiting_listing(live_app):
    """A listing of the seeded buyer's shop, submitted for review, and a reviewer."""
    with live_app.app_context():
        buyer = db.session.scalar(select(User).where(User.email == "buyer@example.com"))
        if db.session.scalar(select(User).where(User.email == REVIEWER_EMAIL)) is None:
            reviewer = accounts.register_user(REVIEWER_EMAIL, PASSWORD, "审核员小王", locale="zh_CN")
            accounts.set_roles(reviewer, ["reviewer"])
        item = catalog_builders.listing(buyer.shop.id, title="待审核 Acme 面霜 e2e", status="pending_review")
        item.proof_key = "proofs/e2e-receipt.jpg"
        moderation.open_task("listing", item.id, submitted_by=buyer, shop_id=buyer.shop.id, now=utcnow())
        db.session.commit()
        return item.id


def sign_in(page, email: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("邮箱").fill(email)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/$"))


def test_reviewer_rejects_and_the_buyer_sees_why(page, browser, live_server, waiting_listing):
    sign_in(page, REVIEWER_EMAIL)
    page.goto("/review/")
    page.locator(f'tr[data-task-url] a:text-is("#{waiting_listing}")').click()
    page.locator('form[action$="/claim"] button').click()
    page.wait_for_selector("#decision-form")
    page.locator('#decision-form input[name="decision"][value="reject"]').check()
    page.locator('#decision-form input[name="reasons"][value="counterfeit_risk"]').check()
    page.locator("#decision-form textarea[name=note]").fill(NOTE)
    page.locator("#decision-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/review/$"))
    assert page.locator(f'tr[data-task-url] a:text-is("#{waiting_listing}")').count() == 0

    buyer = browser.new_context(base_url=live_server, locale="zh-CN",
                                extra_http_headers={"Accept-Language": "zh-CN,zh;q=0.9"}).new_page()
    sign_in(buyer, "buyer@example.com")
    buyer.goto(f"/portal/listings/{waiting_listing}/edit")
    reasons = buyer.locator("#reviewer-reasons")
    assert reasons.locator(".reasons li").count() == 1
    assert reasons.locator(".note").inner_text() == NOTE
    buyer.context.close()
