"""The tax table through the admin API: create, partial edit, and every kind of bad rate."""

from decimal import Decimal

import pytest

from marketplace.customs.models import TaxCategory
from marketplace.extensions import db

URL = "/api/v1/admin/tax-categories"
COSMETICS = {
    "code": "cosmetics",
    "name": {"zh_CN": "化妆品", "en": "Cosmetics"},
    "vat_rate": "0.13",
    "consumption_tax_rate": "0.15",
    "tariff_rate": "0.05",
    "postal_rate": "0.5",
}


def stored(app, code="cosmetics") -> dict:
    with app.app_context():
        row = db.session.query(TaxCategory).filter_by(code=code).one()
        return {
            "name_zh": row.name_zh,
            "name_en": row.name_en,
            "vat_rate": row.vat_rate,
            "consumption_tax_rate": row.consumption_tax_rate,
            "tariff_rate": row.tariff_rate,
            "postal_rate": row.postal_rate,
            "on_positive_list": row.on_positive_list,
        }


def test_creates_a_tax_category(admin_api, app, audit_events):
    response = admin_api.post(URL, json=COSMETICS)
    assert response.status_code == 201
    expected = {**COSMETICS, "postal_rate": "0.5", "on_positive_list": True}
    assert response.get_json() == expected
    assert stored(app) == {
        "name_zh": "化妆品",
        "name_en": "Cosmetics",
        "vat_rate": Decimal("0.13"),
        "consumption_tax_rate": Decimal("0.15"),
        "tariff_rate": Decimal("0.05"),
        "postal_rate": Decimal("0.5"),
        "on_positive_list": True,
    }
    assert audit_events("tax_category") == [("tax_category.created", "cosmetics", None, expected)]


def test_integer_rates_and_the_positive_list_flag_are_accepted(admin_api):
    body = {**COSMETICS, "consumption_tax_rate": 0, "tariff_rate": "0.0000", "on_positive_list": False}
    response = admin_api.post(URL, json=body)
    assert response.status_code == 201
    assert response.get_json()["consumption_tax_rate"] == "0"
    assert response.get_json()["tariff_rate"] == "0"
    assert response.get_json()["on_positive_list"] is False


def test_duplicate_code_is_a_conflict(admin_api, count):
    admin_api.post(URL, json=COSMETICS)
    response = admin_api.post(URL, json={**COSMETICS, "vat_rate": "0.09"})
    assert response.status_code == 409
    error = response.get_json()["error"]
    assert error["code"] == "tax_category_exists"
    assert list(error["fields"]) == ["code"]
    assert count(TaxCategory) == 1


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"vat_rate": 0.13}, "vat_rate"),
        ({"vat_rate": "-0.01"}, "vat_rate"),
        ({"vat_rate": "1"}, "vat_rate"),
        ({"vat_rate": "1.5"}, "vat_rate"),
        ({"vat_rate": "0.12345"}, "vat_rate"),
        ({"vat_rate": "thirteen"}, "vat_rate"),
        ({"vat_rate": "NaN"}, "vat_rate"),
        ({"vat_rate": None}, "vat_rate"),
        ({"vat_rate": True}, "vat_rate"),
        ({"consumption_tax_rate": "1e400"}, "consumption_tax_rate"),
        ({"tariff_rate": -1}, "tariff_rate"),
        ({"postal_rate": "0.99999"}, "postal_rate"),
        ({"code": "Cosmetics"}, "code"),
        ({"code": "cos-metics"}, "code"),
        ({"code": ""}, "code"),
        ({"code": "c" * 41}, "code"),
        ({"name": {"zh_CN": "化妆品"}}, "name.en"),
        ({"name": {"zh_CN": "化" * 100_000, "en": "Cosmetics"}}, "name.zh_CN"),
        ({"on_positive_list": "maybe"}, "on_positive_list"),
        ({"hs_code": "3304"}, "hs_code"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_written(admin_api, count, audit_events, overrides, field):
    response = admin_api.post(URL, json={**COSMETICS, **overrides})
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "validation_failed"
    assert field in error["fields"]
    assert count(TaxCategory) == 0
    assert audit_events("tax_category") == []


def test_missing_fields_are_named(admin_api):
    response = admin_api.post(URL, json={})
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {
        "code",
        "name",
        "vat_rate",
        "consumption_tax_rate",
        "tariff_rate",
        "postal_rate",
    }


def test_malformed_json_is_a_400(admin_api, count):
    response = admin_api.post(URL, data="{oops", content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "malformed_json"
    assert count(TaxCategory) == 0


def test_patch_changes_only_the_fields_given(admin_api, app, audit_events):
    admin_api.post(URL, json=COSMETICS)
    response = admin_api.patch(
        f"{URL}/cosmetics", json={"vat_rate": "0.09", "name": {"en": "Beauty products"}}
    )
    assert response.status_code == 200
    assert response.get_json() == {
        **COSMETICS,
        "vat_rate": "0.09",
        "on_positive_list": True,
        "name": {"zh_CN": "化妆品", "en": "Beauty products"},
    }
    assert stored(app)["vat_rate"] == Decimal("0.09")
    assert stored(app)["consumption_tax_rate"] == Decimal("0.15")
    action, subject, before, after = audit_events("tax_category")[-1]
    assert (action, subject) == ("tax_category.updated", "cosmetics")
    assert (before["vat_rate"], after["vat_rate"]) == ("0.13", "0.09")
    assert (before["name"]["en"], after["name"]["en"]) == ("Cosmetics", "Beauty products")
    assert before["postal_rate"] == after["postal_rate"] == "0.5"


def test_patch_that_changes_nothing_writes_no_event(admin_api, audit_events):
    admin_api.post(URL, json=COSMETICS)
    assert admin_api.patch(f"{URL}/cosmetics", json={}).status_code == 200
    assert admin_api.patch(f"{URL}/cosmetics", json={"vat_rate": "0.130"}).status_code == 200
    assert [event[0] for event in audit_events("tax_category")] == ["tax_category.created"]


@pytest.mark.parametrize(
    "body, field",
    [
        ({"vat_rate": "1"}, "vat_rate"),
        ({"vat_rate": 0.2}, "vat_rate"),
        ({"postal_rate": "-0.1", "vat_rate": "0.1"}, "postal_rate"),
        ({"name": {"zh_CN": ""}}, "name.zh_CN"),
        ({"code": "other"}, "code"),
        ({"vat_rate": None}, "vat_rate"),
    ],
)
def test_bad_patch_changes_nothing(admin_api, app, audit_events, body, field):
    admin_api.post(URL, json=COSMETICS)
    before = stored(app)
    response = admin_api.patch(f"{URL}/cosmetics", json=body)
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]
    assert stored(app) == before
    assert len(audit_events("tax_category")) == 1


def test_patch_of_an_unknown_code_is_a_404(admin_api):
    response = admin_api.patch(f"{URL}/nothing", json={"vat_rate": "0.1"})
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"
