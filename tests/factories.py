"""Factory callables for tests (``make.user(...)``, ``make.buyer(...)``), one per role and core
object. Each commits (inside the test's outer transaction) and returns a usable object."""
from __future__ import annotations

import itertools
from datetime import timedelta

from flask.testing import FlaskClient

from marketplace.core.clock import utcnow

PASSWORD = "Corr3ct-horse-battery"
_numbers = itertools.count(1)


class BearerClient(FlaskClient):
    token: str = ""

    def open(self, *args, **kwargs):
        headers = kwargs.pop("headers", {}) or {}
        headers = dict(headers)
        headers.setdefault("Authorization", f"Bearer {self.token}")
        return super().open(*args, headers=headers, **kwargs)


class Factories:
    def __init__(self, app):
        self.app = app

    def _commit(self):
        from marketplace.extensions import db

        db.session.commit()

    def user(self, *roles: str, email: str | None = None, password: str = PASSWORD,
             name: str | None = None, locale: str | None = None, warehouse=None):
        from marketplace.accounts import services

        number = next(_numbers)
        with self.app.app_context():
            user = services.register_user(email or f"user{number}@example.com", password,
                                          name or f"User {number}", locale=locale)
            if roles:
                services.set_roles(user, roles, warehouse_id=warehouse.id if warehouse else None)
            self._commit()
            user.roles  # load before the context closes  # noqa: B018
            return user

    def shopper(self, **kwargs):
        return self.user(**kwargs)

    def reviewer(self, **kwargs):
        return self.user("reviewer", **kwargs)

    def admin(self, **kwargs):
        return self.user("admin", **kwargs)

    def warehouse(self, code: str | None = None, **fields):
        from marketplace.extensions import db
        from marketplace.warehouses.models import Warehouse

        number = next(_numbers)
        with self.app.app_context():
            warehouse = Warehouse(code=code or f"WH{number}", name=f"Bonded warehouse {number}",
                                  city=fields.pop("city", "Hangzhou"),
                                  shipping_base=fields.pop("shipping_base", 8),
                                  shipping_per_kg=fields.pop("shipping_per_kg", 4), **fields)
            db.session.add(warehouse)
            self._commit()
            return warehouse

    def warehouse_operator(self, warehouse=None, **kwargs):
        return self.user("warehouse", warehouse=warehouse or self.warehouse(), **kwargs)

    def buyer(self, country: str = "US", shop_name: str | None = None, **kwargs):
        """A user with the buyer role and an open shop."""
        from marketplace.accounts import services
        from marketplace.shops.services import create_shop

        user = self.user(**kwargs)
        with self.app.app_context():
            from marketplace.extensions import db

            user = db.session.merge(user)
            create_shop(user, name=shop_name or f"{user.display_name} Shop", country=country)
            services.add_role(user, "buyer")
            self._commit()
            user.roles  # noqa: B018
            user.shop.slug  # noqa: B018
            return user

    def final_decision(self, kind: str, subject_id: int, decision: str = "approve", *, reviewer,
                       reasons=(), note=None) -> None:
        """The review queue's final decision on a subject's open task, as the queue hands it to
        the subject's domain (without claims: those are the queue's own tests)."""
        from marketplace.extensions import db
        from marketplace.moderation import services as moderation

        with self.app.app_context():
            task = moderation.open_task_for(kind, subject_id)
            assert task is not None, f"no open {kind} task for {subject_id}"
            task.status, task.decision, task.decided_at = "decided", decision, utcnow()
            task.reasons, task.note = list(reasons), note
            moderation.apply_decision(moderation.Decision(task, decision, list(reasons), note,
                                                          db.session.merge(reviewer), utcnow()))
            self._commit()

    def token(self, user, days: int = 30) -> str:
        from marketplace.accounts import services

        with self.app.app_context():
            raw, _ = services.issue_token(user, now=utcnow(), days=days)
            self._commit()
            return raw

    def expired_token(self, user) -> str:
        from marketplace.accounts import services

        with self.app.app_context():
            raw, _ = services.issue_token(user, now=utcnow() - timedelta(days=40), days=30)
            self._commit()
            return raw

    def api_client(self, user=None) -> BearerClient:
        self.app.test_client_class = BearerClient
        try:
            client = self.app.test_client()
        finally:
            self.app.test_client_class = None
        client.token = self.token(user) if user is not None else ""
        if user is None:
            client.open = super(BearerClient, client).open  # anonymous: no header at all
        return client

    def signed_in(self, user, password: str = PASSWORD) -> FlaskClient:
        client = self.app.test_client()
        response = client.post("/sign-in", data={"email": user.email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return client
