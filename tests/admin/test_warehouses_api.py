"""POST /api/v1/admin/warehouses: a bonded warehouse with its rate card."""

from decimal import Decimal

import pytest

from marketplace.extensions import db
from marketplace.warehouses.models import Warehouse

URL = "/api/v1/admin/warehouses"
HANGZHOU = {
    "code": "HZ-01",
    "name": "杭州下沙保税仓",
    "city": "杭州",
    "shipping": {"base": "8", "per_kg": "4.50"},
}


def test_creates_a_warehouse(admin_api, app, audit_events):
    response = admin_api.post(URL, json=HANGZHOU)
    assert response.status_code == 201
    expected = {**HANGZHOU, "shipping": {"base": "8.00", "per_kg": "4.50"}}
    assert response.get_json() == expected
    with app.app_context():
        row = db.session.query(Warehouse).one()
        assert (row.code, row.shipping_base, row.shipping_per_kg) == ("HZ-01", Decimal(8), Decimal("4.5"))
    assert audit_events("warehouse") == [("warehouse.created", "HZ-01", None, expected)]


def test_free_shipping_fees_of_zero_are_allowed(admin_api):
    response = admin_api.post(URL, json={**HANGZHOU, "shipping": {"base": 0, "per_kg": "0"}})
    assert response.status_code == 201
    assert response.get_json()["shipping"] == {"base": "0.00", "per_kg": "0.00"}


def test_duplicate_code_is_a_conflict(admin_api, count):
    admin_api.post(URL, json=HANGZHOU)
    response = admin_api.post(URL, json={**HANGZHOU, "name": "Another"})
    assert response.status_code == 409
    error = response.get_json()["error"]
    assert error["code"] == "warehouse_exists"
    assert list(error["fields"]) == ["code"]
    assert count(Warehouse) == 1


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"code": "hz-01"}, "code"),
        ({"code": "HZ 01"}, "code"),
        ({"code": "H" * 41}, "code"),
        ({"code": ""}, "code"),
        ({"name": ""}, "name"),
        ({"name": "仓" * 100_000}, "name"),
        ({"city": None}, "city"),
        ({"shipping": {"base": 8.0, "per_kg": "4"}}, "shipping.base"),
        ({"shipping": {"base": "-1", "per_kg": "4"}}, "shipping.base"),
        ({"shipping": {"base": "8", "per_kg": "4.555"}}, "shipping.per_kg"),
        ({"shipping": {"base": "8", "per_kg": "1000000"}}, "shipping.per_kg"),
        ({"shipping": {"base": "8"}}, "shipping.per_kg"),
        ({"shipping": {"base": "8", "per_kg": "4", "free_over": "99"}}, "shipping.free_over"),
        ({"shipping": None}, "shipping"),
        ({"country": "CN"}, "country"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_written(admin_api, count, audit_events, overrides, field):
    response = admin_api.post(URL, json={**HANGZHOU, **overrides})
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "validation_failed"
    assert field in error["fields"]
    assert count(Warehouse) == 0
    assert audit_events("warehouse") == []


def test_missing_fields_are_named(admin_api):
    response = admin_api.post(URL, json={})
    assert set(response.get_json()["error"]["fields"]) == {"code", "name", "city", "shipping"}


def test_malformed_json_is_a_400(admin_api, count):
    response = admin_api.post(URL, data="not json", content_type="application/json")
    assert response.status_code == 400
    assert count(Warehouse) == 0
