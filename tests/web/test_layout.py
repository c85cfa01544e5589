"""The shared layout: landmarks, skip link, labels, navigation by role, no outside assets."""
import re
from html.parser import HTMLParser

import pytest
from flask import render_template_string
from flask_login import login_user


class Page(HTMLParser):
    """Collects tags with their attributes, in document order."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def all(self, tag: str) -> list[dict]:
        return [attrs for name, attrs in self.tags if name == tag]


def page(client, path: str = "/", **kwargs) -> tuple[str, Page]:
    response = client.get(path, **kwargs)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    return html, Page(html)


@pytest.mark.parametrize("path", ["/", "/sign-in", "/register"])
def test_pages_have_landmarks_and_a_skip_link_first(client, path):
    _html, parsed = page(client, path)
    names = [name for name, _attrs in parsed.tags]
    for landmark in ("header", "nav", "main", "footer"):
        assert names.count(landmark) >= 1, landmark
    body_tags = parsed.tags[names.index("body") + 1:]
    assert body_tags[0] == ("a", {"class": "skip-link", "href": "#main"})
    assert parsed.all("main") == [{"id": "main", "tabindex": "-1"}]
    assert parsed.all("nav")[0]["aria-label"] == "主导航"


@pytest.mark.parametrize("path", ["/", "/sign-in", "/register"])
def test_every_visible_control_has_a_label(client, path):
    _html, parsed = page(client, path)
    labelled = {attrs["for"] for attrs in parsed.all("label")}
    controls = [attrs for name, attrs in parsed.tags if name in ("input", "select", "textarea")
                and attrs.get("type") != "hidden"]
    assert controls
    assert [attrs["id"] for attrs in controls if attrs.get("id") not in labelled] == []


def test_assets_are_served_by_the_site_itself(client):
    html, parsed = page(client)
    sources = [attrs["src"] for attrs in parsed.all("script")]
    sources += [attrs["href"] for attrs in parsed.all("link")]
    assert sorted(sources) == ["/static/css/site.css", "/static/js/htmx.min.js", "/static/js/site.js"]
    assert not re.search(r'(src|href)="(https?:)?//', html)
    for path in sources:
        assert client.get(path).status_code == 200


def test_focus_is_visible_and_htmx_styles_come_from_the_stylesheet(client):
    css = client.get("/static/css/site.css").get_data(as_text=True)
    assert ":focus-visible { outline: 3px solid" in css
    assert ".htmx-indicator" in css
    assert '{"includeIndicatorStyles": false}' in page(client)[0]


def test_anonymous_navigation_offers_sign_in_and_register(client):
    _html, parsed = page(client, "/sign-in")
    links = {attrs["href"]: attrs for attrs in parsed.all("a")}
    assert links["/sign-in"] == {"href": "/sign-in", "aria-current": "page"}
    assert links["/register"] == {"href": "/register"}


@pytest.mark.parametrize(("roles", "links"), [
    ((), []),
    (("reviewer",), ["/review/"]),
    (("admin",), ["/ops/"]),
    (("reviewer", "admin"), ["/review/", "/ops/"]),
])
def test_navigation_follows_the_users_roles(make, roles, links):
    client = make.signed_in(make.user(*roles))
    html, _parsed = page(client)
    shown = [href for href in ("/portal/", "/review/", "/ops/") if f'<a href="{href}"' in html]
    assert shown == links
    assert "退出登录" in html and '<a href="/sign-in"' not in html


def test_buyer_and_warehouse_operator_navigation(make):
    buyer_html, _ = page(make.signed_in(make.buyer()))
    operator_html, _ = page(make.signed_in(make.warehouse_operator()))
    assert '<a href="/portal/">买手中心</a>' in buyer_html
    assert '<a href="/ops/">运营管理</a>' in operator_html and "/portal/" not in operator_html


def test_current_section_is_marked(app, make):
    user = make.user("reviewer", "admin")
    with app.test_request_context("/review/"):  # the layout alone, whatever the queue page shows
        login_user(user)
        html = render_template_string('{% extends "layout.html" %}')
    assert '<a href="/review/" aria-current="page">审核队列</a>' in html
    assert '<a href="/ops/">运营管理</a>' in html


def test_language_switcher_marks_the_current_language(client):
    english, _ = page(client, headers={"Accept-Language": "en"})
    assert '<option value="en" lang="en" selected>English</option>' in english
    chinese, _ = page(client)
    assert '<option value="zh_CN" lang="zh-CN" selected>中文</option>' in chinese


def test_home_page_shows_categories_and_new_arrivals_headings(client):
    html, _ = page(client, headers={"Accept-Language": "en"})
    assert "<h2>Categories</h2>" in html and "<h2>New arrivals</h2>" in html
