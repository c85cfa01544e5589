"""The listing editor in a real browser: the demo buyer creates a listing with two SKUs made by
the matrix generator, uploads three pictures and the proof, and submits it for review."""
import re

import pytest
from PIL import Image

from marketplace.accounts import services as accounts
from marketplace.core.clock import utcnow
from marketplace.demo import data
from marketplace.demo.seed import ensure_tax_table
from marketplace.extensions import db
from marketplace.shops.services import create_shop

pytestmark = pytest.mark.browser
DEMO_BUYER = next(buyer for buyer in data.BUYERS if buyer.email == "buyer-us@haigou.example")


@pytest.fixture(scope="module")
def demo_buyer(live_app):
    """The demo's US buyer and the tax table, added to the browser tests' server once."""
    with live_app.app_context():
        ensure_tax_table(now=utcnow())
        if accounts.user_by_email(DEMO_BUYER.email) is None:
            user = accounts.register_user(DEMO_BUYER.email, data.DEMO_PASSWORD, DEMO_BUYER.display_name,
                                          locale="en")
            create_shop(user, name=DEMO_BUYER.shop_name, country=DEMO_BUYER.country)
            accounts.add_role(user, "buyer")
        db.session.commit()
    return DEMO_BUYER.email


@pytest.fixture
def pictures(tmp_path) -> list[str]:
    paths = []
    for number, colour in enumerate([(200, 40, 40), (40, 160, 60), (30, 60, 200)]):
        path = tmp_path / f"photo-{number}.png"
        Image.new("RGB", (640, 480), colour).save(path, "PNG")
        paths.append(str(path))
    return paths


def sign_in(page, email: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("邮箱").fill(email)
    page.get_by_label("密码").fill(data.DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/$"))


def fill_sku(page, number: int, code: str, price: str, weight: str, stock: str) -> None:
    for label, value in (("SKU code", code), ("Price", price), ("Weight (g)", weight), ("Own stock", stock)):
        page.get_by_label(f"{label} {number}", exact=True).fill(value)


def test_a_buyer_creates_a_listing_with_two_skus_and_three_pictures_and_submits_it(page, demo_buyer,
                                                                                      pictures):
    sign_in(page, demo_buyer)
    page.goto("/portal/listings/new")  # the demo buyer reads English
    page.get_by_label("Category", exact=True).select_option("baby")
    page.get_by_label("Brand").fill("Acme")
    page.get_by_label("Tax category").select_option("cosmetics")
    page.get_by_label("Title (Simplified Chinese)").fill("保湿面霜")
    page.get_by_label("Description (Simplified Chinese)").fill("滋润不油腻")
    page.get_by_role("tab", name="English").click()  # the languages are tabs
    assert page.get_by_label("Title (Simplified Chinese)").is_hidden()
    page.get_by_label("Title (English)").fill("Moisturising cream")
    page.get_by_label("Option name 1", exact=True).fill("size")
    page.get_by_label("Values of option 1", exact=True).fill("50ml, 100ml")
    page.get_by_role("button", name="Generate the SKU rows").click()
    assert page.locator("[data-options]").evaluate_all("inputs => inputs.map(input => input.value)") == [
        "size=50ml", "size=100ml"]
    fill_sku(page, 1, "E2E-CREAM-50", "25.00", "200", "5")
    fill_sku(page, 2, "E2E-CREAM-100", "40.00", "300", "3")
    page.get_by_role("button", name="Save as draft").click()
    page.wait_for_url(re.compile(r"/portal/listings/\d+/edit$"))
    assert page.locator(".listing-status .badge").inner_text() == "Draft"

    page.get_by_label("Add pictures").set_input_files(pictures)
    page.get_by_role("button", name="Upload", exact=True).click()
    page.wait_for_url(re.compile(r"/edit#pictures$"))
    assert page.locator(".gallery-item").count() == 3
    page.get_by_label("Receipt photo").set_input_files(pictures[0])
    page.get_by_role("button", name="Upload the proof").click()
    page.wait_for_url(re.compile(r"/edit#proof$"))
    page.get_by_role("button", name="Submit for review").click()
    page.locator(".listing-status .badge").filter(has_text="Pending review").wait_for()
    assert page.locator(".flash-success").last.inner_text() == "The listing was sent for review."
    page.goto("/portal/listings?q=E2E-CREAM")
    assert page.locator("table.listings tbody tr").count() == 1
    assert page.locator("table.listings .badge").first.inner_text() == "Pending review"


@pytest.mark.parametrize("path", ["/portal/", "/portal/listings", "/portal/listings/new"])
def test_the_portal_pages_have_no_serious_accessibility_violations(page, demo_buyer, path):
    sync_axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    from tests.e2e.test_accessibility import serious_violations

    sign_in(page, demo_buyer)
    page.goto(path)
    if path.endswith("/new"):
        page.get_by_role("button", name="Save as draft").click()  # and with every error shown
        page.locator(".has-error").first.wait_for()
    assert serious_violations(sync_axe.Axe(), page) == []
