"""``flask create-user``: the documented way to make staff accounts."""
from sqlalchemy import select

from marketplace.accounts import services
from marketplace.accounts.models import User
from marketplace.extensions import db


def run(app, *args):
    return app.test_cli_runner().invoke(args=["create-user", *args])


def test_creates_a_reviewer_who_can_sign_in(app):
    result = run(app, "--email", "Rev@Example.com", "--password", "Staff-pass-1", "--role", "reviewer")
    assert result.exit_code == 0, result.output
    assert "rev@example.com" in result.output
    with app.app_context():
        user = services.authenticate("rev@example.com", "Staff-pass-1")
        assert user.roles == ["shopper", "reviewer"]


def test_several_roles_and_a_second_run_updates(app):
    run(app, "--email", "ops@example.com", "--password", "Staff-pass-1", "--role", "admin")
    result = run(app, "--email", "ops@example.com", "--password", "Staff-pass-2", "--role", "reviewer")
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = services.authenticate("ops@example.com", "Staff-pass-2")
        assert user.roles == ["shopper", "reviewer", "admin"]
        assert db.session.scalars(select(User)).all() == [user]


def test_a_warehouse_operator_needs_an_existing_warehouse(app, make):
    result = run(app, "--email", "wh@example.com", "--password", "Staff-pass-1", "--role", "warehouse",
                 "--warehouse", "NOPE")
    assert result.exit_code != 0
    assert "NOPE" in result.output
    result = run(app, "--email", "wh@example.com", "--password", "Staff-pass-1", "--role", "warehouse")
    assert result.exit_code != 0
    with app.app_context():
        assert services.user_by_email("wh@example.com") is None
    warehouse = make.warehouse(code="HZ-1")
    result = run(app, "--email", "wh@example.com", "--password", "Staff-pass-1", "--role", "warehouse",
                 "--warehouse", "HZ-1")
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert services.user_by_email("wh@example.com").warehouse_id == warehouse.id


def test_an_unknown_role_is_refused(app):
    result = run(app, "--email", "x@example.com", "--password", "Staff-pass-1", "--role", "superuser")
    assert result.exit_code == 2


def test_a_short_password_is_refused(app):
    result = run(app, "--email", "x@example.com", "--password", "short", "--role", "admin")
    assert result.exit_code == 1
    with app.app_context():
        assert services.user_by_email("x@example.com") is None
