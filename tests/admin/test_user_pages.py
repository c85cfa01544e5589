"""The admin's user pages, and who may open the ops pages at all."""

import pytest

from marketplace.accounts.models import User
from marketplace.extensions import db

ENGLISH = {"Accept-Language": "en"}
ADMIN_PAGES = [
    "/ops/categories",
    "/ops/tax-categories",
    "/ops/fx-rates",
    "/ops/fx-rates/USD",
    "/ops/warehouses",
    "/ops/users",
    "/ops/users/{user}",
]


def text(response) -> str:
    return response.get_data(as_text=True)


def stored(app, user) -> tuple[list[str], int | None]:
    with app.app_context():
        row = db.session.get(User, user.id)
        return row.roles, row.warehouse_id


@pytest.fixture
def admin_client(make, admin):
    return make.signed_in(admin)


def test_search_finds_users_by_part_of_their_email(admin_client, make):
    make.user(email="rita.reviewer@example.com")
    make.user(email="sam@example.com")
    html = text(admin_client.get("/ops/users?email=RITA", headers=ENGLISH))
    assert "rita.reviewer@example.com" in html and "sam@example.com" not in html


def test_search_treats_wildcards_as_text(admin_client, make):
    make.user(email="sam@example.com")
    html = text(admin_client.get("/ops/users?email=%25", headers=ENGLISH))
    assert "sam@example.com" not in html
    assert "<p>No user's email contains “%”.</p>" in html


def test_roles_are_set_from_the_page(admin_client, make, app, audit_events):
    user = make.user()
    response = admin_client.post(
        f"/ops/users/{user.id}", data={"roles": ["reviewer", "admin"], "warehouse": ""}, headers=ENGLISH
    )
    assert (response.status_code, response.headers["Location"]) == (302, f"/ops/users/{user.id}")
    assert stored(app, user) == (["shopper", "reviewer", "admin"], None)
    assert audit_events("user")[-1][0] == "user.roles_changed"
    html = text(admin_client.get(f"/ops/users/{user.id}", headers=ENGLISH))
    assert f"The roles of {user.email} were saved." in html
    assert 'checked id="roles-0" name="roles" type="checkbox" value="reviewer"' in html


def test_a_warehouse_operator_is_given_a_warehouse(admin_client, make, app):
    warehouse = make.warehouse("NB-02")
    user = make.user()
    admin_client.post(f"/ops/users/{user.id}", data={"roles": ["warehouse"], "warehouse": "NB-02"})
    assert stored(app, user) == (["shopper", "warehouse"], warehouse.id)


def test_unchecking_every_box_leaves_a_shopper(admin_client, make, app):
    user = make.reviewer()
    admin_client.post(f"/ops/users/{user.id}", data={"warehouse": ""})
    assert stored(app, user) == (["shopper"], None)


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"roles": ["warehouse"], "warehouse": ""}, "warehouse", "A warehouse operator needs a warehouse."),
        ({"roles": ["warehouse"], "warehouse": "NOPE"}, "warehouse", "There is no warehouse with this code."),
        (
            {"roles": ["reviewer"], "warehouse": "NB-02"},
            "warehouse",
            "Only a warehouse operator is tied to a warehouse.",
        ),
        ({"roles": ["overlord"], "warehouse": ""}, "roles", "Unknown role: overlord"),
    ],
)
def test_bad_role_changes_show_errors_and_change_nothing(admin_client, make, app, data, field, message):
    make.warehouse("NB-02")
    user = make.user()
    response = admin_client.post(f"/ops/users/{user.id}", data=data, headers=ENGLISH)
    assert response.status_code == 422
    assert f'id="{field}-error">{message}</p>' in text(response)
    assert stored(app, user) == (["shopper"], None)


def test_an_admin_cannot_drop_their_own_admin_role(admin_client, admin, app):
    response = admin_client.post(f"/ops/users/{admin.id}", data={"roles": ["reviewer"]}, headers=ENGLISH)
    assert response.status_code == 422
    assert "You cannot remove your own admin role." in text(response)
    assert stored(app, admin) == (["shopper", "admin"], None)


def test_an_unknown_user_is_a_404(admin_client):
    assert admin_client.get("/ops/users/999999").status_code == 404


@pytest.mark.parametrize("path", ["/ops/", *ADMIN_PAGES])
def test_anonymous_visitors_are_sent_to_sign_in(client, make, path):
    response = client.get(path.format(user=make.user().id))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in?next=")


@pytest.mark.parametrize("role", ["shopper", "reviewer", "warehouse", "buyer"])
@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_only_admins_open_the_admin_pages(make, path, role):
    user = {
        "shopper": make.shopper,
        "reviewer": make.reviewer,
        "warehouse": make.warehouse_operator,
        "buyer": make.buyer,
    }[role]()
    assert make.signed_in(user).get(path.format(user=user.id)).status_code == 403


def test_forbidden_posts_write_nothing(make, app):
    reviewer = make.reviewer()
    response = make.signed_in(reviewer).post(f"/ops/users/{reviewer.id}", data={"roles": ["admin"]})
    assert response.status_code == 403
    assert stored(app, reviewer) == (["shopper", "reviewer"], None)


def test_warehouse_operators_see_the_index_without_admin_sections(make):
    html = text(make.signed_in(make.warehouse_operator()).get("/ops/", headers=ENGLISH))
    assert "<h1>Operations</h1>" in html
    assert 'href="/ops/tax-categories"' not in html


def test_shoppers_may_not_see_the_index(make):
    assert make.signed_in(make.shopper()).get("/ops/").status_code == 403
