"""The site in a real browser: sign-up, language, sign-in errors, keyboard and small screens."""
import os
import re

import pytest

from tests.e2e.seed import SHOPPER_EMAIL

pytestmark = pytest.mark.browser


def test_register_sign_in_and_switch_to_english(page):
    page.goto("/register")
    page.get_by_label("邮箱").fill("e2e.new@example.com")
    page.get_by_label("昵称").fill("新用户")
    page.get_by_label("密码").fill("a-long-password")
    page.get_by_role("button", name="注册账号").click()
    page.wait_for_url(re.compile(r"/$"))
    assert page.locator(".flash").inner_text() == "欢迎来到海购！"
    assert page.locator(".who").inner_text() == "新用户"
    page.get_by_label("语言").select_option("en")  # site.js submits on change
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert page.locator("h2").first.inner_text() == "Categories"
    assert page.get_by_role("button", name="Sign out").is_visible()
    page.reload()
    assert page.evaluate("document.documentElement.lang") == "en"  # kept as the account's setting


def test_wrong_password_shows_the_error(page):
    page.goto("/sign-in")
    page.get_by_label("邮箱").fill(SHOPPER_EMAIL)
    page.get_by_label("密码").fill("not-my-password")
    page.get_by_role("button", name="登录").click()
    error = page.locator("#password-error")
    assert error.inner_text() == "邮箱或密码不正确。"
    assert page.get_by_label("密码").get_attribute("aria-describedby") == "password-error"
    assert page.locator(".who").count() == 0


def test_skip_link_is_the_first_focus_and_reaches_main(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.className, document.activeElement.textContent]")
    assert focused == ["skip-link", "跳到正文"]
    box = page.locator(".skip-link").bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0  # shown on screen once focused
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("path", ["/", "/sign-in", "/register"])
def test_no_horizontal_scroll_at_360_pixels(phone, path):
    phone.goto(path)
    widths = phone.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], widths


def test_home_shows_categories_and_new_arrivals(page):
    page.goto("/")
    assert page.locator(".chips li").all_inner_texts() == ["护肤", "母婴", "保健品", "箱包"]
    assert page.locator(".card .title").first.inner_text() == "日本进口保湿面霜 50ml"
    assert page.locator(".card .price").first.inner_text() == "¥152.00"
    assert page.locator(".card .source-price").first.inner_text() == "JP¥3,200"


def test_home_screenshot_at_360_pixels(phone, tmp_path):
    phone.goto("/")
    path = os.environ.get("E2E_SCREENSHOT") or str(tmp_path / "home-360.png")
    phone.screenshot(path=path, full_page=True)
    assert os.path.getsize(path) > 0
