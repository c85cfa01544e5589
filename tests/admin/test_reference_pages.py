"""The admin's ops pages for categories, the tax table, FX rates and warehouses: PRG on success,
errors next to the fields with 422 on bad input, and nothing written then."""

from decimal import Decimal

import pytest

from marketplace.catalog.models import Category
from marketplace.customs.models import TaxCategory
from marketplace.extensions import db
from marketplace.money.models import FxRate
from marketplace.warehouses.models import Warehouse

ENGLISH = {"Accept-Language": "en"}
TAX_FORM = {
    "code": "cosmetics",
    "name_zh": "化妆品",
    "name_en": "Cosmetics",
    "vat_rate": "0.13",
    "consumption_tax_rate": "0.15",
    "tariff_rate": "0",
    "postal_rate": "0.5",
    "on_positive_list": "y",
}
WAREHOUSE_FORM = {
    "code": "HZ-01",
    "name": "杭州下沙保税仓",
    "city": "杭州",
    "shipping_base": "8",
    "shipping_per_kg": "4.5",
}


@pytest.fixture
def page_client(make, admin):
    return make.signed_in(admin)


def text(response) -> str:
    return response.get_data(as_text=True)


def test_index_links_every_section(page_client):
    html = text(page_client.get("/ops/", headers=ENGLISH))
    for path in ("/ops/categories", "/ops/tax-categories", "/ops/fx-rates", "/ops/warehouses", "/ops/users"):
        assert f'href="{path}"' in html


def test_categories_add_and_show_the_tree(page_client, app):
    response = page_client.post(
        "/ops/categories", data={"slug": "beauty", "name_zh": "美妆", "name_en": "Beauty", "parent": ""}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/ops/categories"
    page_client.post(
        "/ops/categories",
        data={"slug": "skincare", "name_zh": "护肤", "name_en": "Skincare", "parent": "beauty"},
        headers=ENGLISH,
    )
    html = text(page_client.get("/ops/categories", headers=ENGLISH))
    assert "The category skincare was added." in html
    assert "<strong>Beauty</strong>" in html and "<strong>Skincare</strong>" in html
    assert '<option value="skincare">— Skincare</option>' in html
    with app.app_context():
        child = db.session.query(Category).filter_by(slug="skincare").one()
        assert child.parent.slug == "beauty"


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"slug": "Beauty"}, "slug", "Use lowercase letters, digits and hyphens."),
        ({"slug": ""}, "slug", "This field is required."),
        ({"name_zh": "美" * 100_000}, "name_zh", "At most 80 characters."),
        ({"parent": "nowhere"}, "parent", "There is no category with this slug."),
    ],
)
def test_categories_refuse_bad_input_next_to_the_field(page_client, count, data, field, message):
    form = {"slug": "beauty", "name_zh": "美妆", "name_en": "Beauty", "parent": "", **data}
    response = page_client.post("/ops/categories", data=form, headers=ENGLISH)
    assert response.status_code == 422
    assert f'<p class="error" id="{field}-error">{message}</p>' in text(response)
    assert count(Category) == 0


def test_categories_refuse_a_duplicate(page_client, count):
    form = {"slug": "beauty", "name_zh": "美妆", "name_en": "Beauty", "parent": ""}
    page_client.post("/ops/categories", data=form)
    response = page_client.post("/ops/categories", data=form, headers=ENGLISH)
    assert response.status_code == 422
    assert '<p class="error" id="slug-error">A category with this slug already exists.</p>' in text(response)
    assert count(Category) == 1


def test_field_errors_come_in_the_users_language(page_client):
    form = {"slug": "", "name_zh": "美妆", "name_en": "Beauty", "parent": ""}
    chinese = page_client.post("/ops/categories", data=form, headers={"Accept-Language": "zh-CN"})
    assert '<p class="error" id="slug-error">此项为必填项。</p>' in text(chinese)


def test_tax_table_add_list_and_edit(page_client, app, audit_events):
    response = page_client.post("/ops/tax-categories", data=TAX_FORM)
    assert response.status_code == 302
    html = text(page_client.get("/ops/tax-categories", headers=ENGLISH))
    assert "<td>0.13</td><td>0.15</td><td>0</td><td>0.5</td>" in html
    edit = text(page_client.get("/ops/tax-categories/cosmetics"))
    assert 'name="vat_rate" type="text" value="0.13"' in edit
    response = page_client.post("/ops/tax-categories/cosmetics", data={**TAX_FORM, "vat_rate": "0.09"})
    assert (response.status_code, response.headers["Location"]) == (302, "/ops/tax-categories")
    with app.app_context():
        assert db.session.query(TaxCategory).one().vat_rate == Decimal("0.09")
    assert [event[0] for event in audit_events("tax_category")] == [
        "tax_category.created",
        "tax_category.updated",
    ]
    history = text(page_client.get("/ops/tax-categories/cosmetics"))
    assert "<code>vat_rate</code>: 0.13 → 0.09" in history


def test_unchecking_the_positive_list_is_saved(page_client, app):
    page_client.post("/ops/tax-categories", data=TAX_FORM)
    form = {key: value for key, value in TAX_FORM.items() if key != "on_positive_list"}
    page_client.post("/ops/tax-categories/cosmetics", data=form)
    with app.app_context():
        assert db.session.query(TaxCategory).one().on_positive_list is False


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"vat_rate": "abc"}, "vat_rate", "Not a valid number."),
        ({"vat_rate": "1"}, "vat_rate", "Must be less than 1."),
        ({"tariff_rate": "-0.1"}, "tariff_rate", "Must be at least 0."),
        ({"postal_rate": "0.12345"}, "postal_rate", "At most 4 decimal places."),
        ({"postal_rate": ""}, "postal_rate", "This field is required."),
        ({"code": "Cos metics"}, "code", "Use lowercase letters, digits and underscores."),
    ],
)
def test_tax_table_refuses_bad_input(page_client, count, data, field, message):
    response = page_client.post("/ops/tax-categories", data={**TAX_FORM, **data}, headers=ENGLISH)
    assert response.status_code == 422
    assert f'<p class="error" id="{field}-error">{message}</p>' in text(response)
    assert count(TaxCategory) == 0


def test_a_bad_edit_changes_nothing(page_client, app):
    page_client.post("/ops/tax-categories", data=TAX_FORM)
    response = page_client.post(
        "/ops/tax-categories/cosmetics", data={**TAX_FORM, "vat_rate": "2"}, headers=ENGLISH
    )
    assert response.status_code == 422
    assert '<p class="error" id="vat_rate-error">Must be less than 1.</p>' in text(response)
    with app.app_context():
        assert db.session.query(TaxCategory).one().vat_rate == Decimal("0.13")


def test_editing_an_unknown_tax_category_is_a_404(page_client):
    assert page_client.get("/ops/tax-categories/nothing").status_code == 404


def test_fx_rates_set_list_and_history(page_client, count):
    assert page_client.post("/ops/fx-rates", data={"currency": "usd", "rate": "7.1"}).status_code == 302
    response = page_client.post("/ops/fx-rates", data={"currency": "USD", "rate": "7.25"}, headers=ENGLISH)
    assert response.status_code == 302
    assert count(FxRate) == 2
    html = text(page_client.get("/ops/fx-rates", headers=ENGLISH))
    assert "The rate for USD was set." in html
    assert '<th scope="row">USD</th>\n          <td>7.25</td>' in html
    history = text(page_client.get("/ops/fx-rates/USD", headers=ENGLISH))
    assert history.index("<td>7.25</td>") < history.index("<td>7.1</td>")


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"currency": "CNY"}, "currency", "Prices are in CNY already: its rate is always 1."),
        ({"currency": "XYZ"}, "currency", "Unknown currency."),
        ({"currency": ""}, "currency", "Unknown currency."),
        ({"rate": "0"}, "rate", "A rate must be greater than zero."),
        ({"rate": "-1"}, "rate", "Must be at least 0."),
        ({"rate": "seven"}, "rate", "Not a valid number."),
    ],
)
def test_fx_rates_refuse_bad_input(page_client, count, data, field, message):
    response = page_client.post(
        "/ops/fx-rates", data={"currency": "USD", "rate": "7.2", **data}, headers=ENGLISH
    )
    assert response.status_code == 422
    assert f'<p class="error" id="{field}-error">{message}</p>' in text(response)
    assert count(FxRate) == 0


def test_history_of_an_unknown_currency_is_refused(page_client):
    assert page_client.get("/ops/fx-rates/XYZ").status_code == 422


def test_warehouses_add_and_list(page_client, app):
    response = page_client.post("/ops/warehouses", data=WAREHOUSE_FORM, headers=ENGLISH)
    assert (response.status_code, response.headers["Location"]) == (302, "/ops/warehouses")
    html = text(page_client.get("/ops/warehouses", headers=ENGLISH))
    assert "The warehouse HZ-01 was added." in html
    assert "<td>8.00</td>\n          <td>4.50</td>" in html
    with app.app_context():
        assert db.session.query(Warehouse).one().shipping_per_kg == Decimal("4.5")


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"code": "hz-01"}, "code", "Use capital letters, digits, hyphens and underscores."),
        ({"shipping_base": "-8"}, "shipping_base", "Must be at least 0."),
        ({"shipping_per_kg": "4.555"}, "shipping_per_kg", "At most 2 decimal places."),
        ({"city": " "}, "city", "This field is required."),
    ],
)
def test_warehouses_refuse_bad_input(page_client, count, data, field, message):
    response = page_client.post("/ops/warehouses", data={**WAREHOUSE_FORM, **data}, headers=ENGLISH)
    assert response.status_code == 422
    assert f'<p class="error" id="{field}-error">{message}</p>' in text(response)
    assert count(Warehouse) == 0


def test_a_duplicate_warehouse_is_refused(page_client, count):
    page_client.post("/ops/warehouses", data=WAREHOUSE_FORM)
    response = page_client.post("/ops/warehouses", data=WAREHOUSE_FORM, headers=ENGLISH)
    assert response.status_code == 422
    assert "A warehouse with this code already exists." in text(response)
    assert count(Warehouse) == 1


@pytest.mark.parametrize(
    "path, model, fields",
    [
        ("/ops/categories", Category, ["slug", "name_zh", "name_en"]),
        ("/ops/tax-categories", TaxCategory, ["code", "name_zh", "vat_rate", "postal_rate"]),
        ("/ops/fx-rates", FxRate, ["currency"]),
        ("/ops/warehouses", Warehouse, ["code", "name", "city", "shipping_base", "shipping_per_kg"]),
    ],
)
def test_an_empty_submission_is_refused(page_client, count, path, model, fields):
    response = page_client.post(path, data={}, headers=ENGLISH)
    assert response.status_code == 422
    for field in fields:
        assert f'id="{field}-error">' in text(response)
    assert count(model) == 0


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_every_page_renders_in_both_languages(page_client, admin, language):
    page_client.post("/ops/categories", data={"slug": "beauty", "name_zh": "美妆", "name_en": "Beauty"})
    page_client.post("/ops/tax-categories", data=TAX_FORM)
    page_client.post("/ops/tax-categories/cosmetics", data={**TAX_FORM, "vat_rate": "0.09"})
    page_client.post("/ops/fx-rates", data={"currency": "USD", "rate": "7.2"})
    page_client.post("/ops/warehouses", data=WAREHOUSE_FORM)
    paths = [
        "/ops/",
        "/ops/categories",
        "/ops/tax-categories",
        "/ops/tax-categories/cosmetics",
        "/ops/fx-rates",
        "/ops/fx-rates/USD",
        "/ops/warehouses",
        "/ops/users?email=example",
        f"/ops/users/{admin.id}",
    ]
    for path in paths:
        response = page_client.get(path, headers={"Accept-Language": language})
        assert (path, response.status_code) == (path, 200)
        assert f'<html lang="{language}">' in text(response)
