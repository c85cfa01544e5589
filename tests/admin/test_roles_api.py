"""POST /api/v1/admin/users/{id}/roles: staff roles, warehouse operators and their warehouse."""

import pytest

from marketplace.accounts.models import User
from marketplace.extensions import db


def url(user) -> str:
    return f"/api/v1/admin/users/{user.id}/roles"


def stored(app, user) -> tuple[list[str], int | None]:
    with app.app_context():
        row = db.session.get(User, user.id)
        return row.roles, row.warehouse_id


def test_grants_a_staff_role(admin_api, make, app, audit_events):
    user = make.user(email="rita@example.com", name="Rita")
    response = admin_api.post(url(user), json={"roles": ["reviewer"]})
    assert response.status_code == 200
    assert response.get_json() == {
        "id": user.id,
        "email": "rita@example.com",
        "display_name": "Rita",
        "roles": ["shopper", "reviewer"],
    }
    assert stored(app, user) == (["shopper", "reviewer"], None)
    assert audit_events("user") == [
        (
            "user.roles_changed",
            str(user.id),
            {"roles": ["shopper"], "warehouse": None},
            {"roles": ["shopper", "reviewer"], "warehouse": None},
        )
    ]


def test_roles_are_set_exactly(admin_api, make, app):
    user = make.user("reviewer", "admin")
    response = admin_api.post(url(user), json={"roles": []})
    assert response.get_json()["roles"] == ["shopper"]
    assert stored(app, user) == (["shopper"], None)


def test_a_warehouse_operator_gets_the_warehouse_by_code(admin_api, make, app, audit_events):
    warehouse = make.warehouse("NB-02")
    user = make.user()
    response = admin_api.post(url(user), json={"roles": ["warehouse"], "warehouse": "NB-02"})
    assert response.status_code == 200
    assert stored(app, user) == (["shopper", "warehouse"], warehouse.id)
    assert audit_events("user")[-1][3] == {"roles": ["shopper", "warehouse"], "warehouse": "NB-02"}


def test_losing_the_warehouse_role_unties_the_warehouse(admin_api, make, app):
    user = make.warehouse_operator()
    admin_api.post(url(user), json={"roles": ["reviewer"]})
    assert stored(app, user) == (["shopper", "reviewer"], None)


def test_a_buyer_stays_a_buyer(admin_api, make, app):
    buyer = make.buyer()
    response = admin_api.post(url(buyer), json={"roles": ["reviewer"]})
    assert response.get_json()["roles"] == ["shopper", "buyer", "reviewer"]


def test_unchanged_roles_write_no_event(admin_api, make, audit_events):
    user = make.reviewer()
    admin_api.post(url(user), json={"roles": ["reviewer"]})
    assert audit_events("user") == []


@pytest.mark.parametrize(
    "body, code, field",
    [
        ({"roles": ["superuser"]}, "validation_failed", "roles.0"),
        ({"roles": "reviewer"}, "validation_failed", "roles"),
        ({"roles": ["reviewer"] * 6}, "validation_failed", "roles"),
        ({}, "validation_failed", "roles"),
        ({"roles": ["reviewer"], "shop": 1}, "validation_failed", "shop"),
        ({"roles": ["warehouse"]}, "validation_failed", "warehouse"),
        ({"roles": ["warehouse"], "warehouse": "NOPE"}, "unknown_warehouse", "warehouse"),
        ({"roles": ["reviewer"], "warehouse": "NB-02"}, "validation_failed", "warehouse"),
        ({"roles": ["buyer"]}, "validation_failed", "roles"),
    ],
)
def test_bad_role_changes_are_refused_and_change_nothing(
    admin_api, make, app, audit_events, body, code, field
):
    make.warehouse("NB-02")
    user = make.user()
    response = admin_api.post(url(user), json=body)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == code
    assert list(error["fields"]) == [field]
    assert stored(app, user) == (["shopper"], None)
    assert audit_events("user") == []


def test_an_admin_cannot_remove_their_own_admin_role(admin_api, admin, app):
    response = admin_api.post(url(admin), json={"roles": ["reviewer"]})
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "own_admin_role"
    assert stored(app, admin) == (["shopper", "admin"], None)


def test_unknown_user_is_a_404(admin_api):
    response = admin_api.post("/api/v1/admin/users/999999/roles", json={"roles": ["reviewer"]})
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_malformed_json_is_a_400(admin_api, make, app):
    user = make.user()
    response = admin_api.post(url(user), data="[", content_type="application/json")
    assert response.status_code == 400
    assert stored(app, user) == (["shopper"], None)
