"""Only admins reach the admin API: anonymous callers get 401, everyone else 403, and nothing is
written either way."""

import pytest
from sqlalchemy import func, select

from marketplace.audit.models import AuditEvent
from marketplace.catalog.models import Category
from marketplace.customs.models import TaxCategory
from marketplace.extensions import db
from marketplace.money.models import FxRate
from marketplace.warehouses.models import Warehouse

NAMES = {"zh_CN": "名", "en": "Name"}
CALLS = [
    ("post", "/api/v1/admin/categories", {"slug": "beauty", "name": NAMES}),
    (
        "post",
        "/api/v1/admin/tax-categories",
        {
            "code": "food",
            "name": NAMES,
            "vat_rate": "0.09",
            "consumption_tax_rate": "0",
            "tariff_rate": "0",
            "postal_rate": "0.13",
        },
    ),
    ("patch", "/api/v1/admin/tax-categories/food", {"vat_rate": "0.13"}),
    ("get", "/api/v1/admin/fx-rates", None),
    ("put", "/api/v1/admin/fx-rates/USD", {"rate": "7.2"}),
    ("get", "/api/v1/admin/fx-rates/USD/history", None),
    (
        "post",
        "/api/v1/admin/warehouses",
        {"code": "HZ", "name": "HZ", "city": "Hangzhou", "shipping": {"base": "8", "per_kg": "4"}},
    ),
    ("post", "/api/v1/admin/users/{user}/roles", {"roles": ["admin"]}),
]
WRITTEN = (Category, TaxCategory, FxRate, Warehouse, AuditEvent)


def written(app) -> list[int]:
    with app.app_context():
        return [db.session.scalar(select(func.count()).select_from(model)) for model in WRITTEN]


def call(client, method, path, body, user):
    return getattr(client, method)(path.format(user=user.id), json=body)


@pytest.mark.parametrize("method, path, body", CALLS)
def test_anonymous_callers_are_asked_to_sign_in(api, make, app, method, path, body):
    target = make.user()
    response = call(api(), method, path, body, target)
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"
    assert written(app) == [0, 0, 0, 0, 0]


@pytest.mark.parametrize("role", ["shopper", "reviewer", "warehouse", "buyer"])
@pytest.mark.parametrize("method, path, body", CALLS)
def test_other_roles_are_forbidden(api, make, app, role, method, path, body):
    user = {
        "shopper": make.shopper,
        "reviewer": make.reviewer,
        "warehouse": make.warehouse_operator,
        "buyer": make.buyer,
    }[role]()
    before = written(app)
    response = call(api(user), method, path, body, user)
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "forbidden"
    assert written(app) == before
