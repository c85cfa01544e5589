"""Shared helpers for the platform administration tests."""

import pytest
from sqlalchemy import func, select

from marketplace.audit.models import AuditEvent
from marketplace.extensions import db


@pytest.fixture
def admin(make):
    return make.admin()


@pytest.fixture
def admin_api(api, admin):
    return api(admin)


@pytest.fixture
def count(app):
    """``count(Model)``: rows in its table now."""

    def rows(model) -> int:
        with app.app_context():
            return db.session.scalar(select(func.count()).select_from(model))

    return rows


@pytest.fixture
def audit_events(app):
    """``audit_events(subject_type)``: (action, subject_id, before, after) of every event, in order."""

    def events(subject_type: str) -> list[tuple]:
        with app.app_context():
            rows = db.session.scalars(
                select(AuditEvent).where(AuditEvent.subject_type == subject_type).order_by(AuditEvent.id)
            )
            return [(row.action, row.subject_id, row.before, row.after) for row in rows]

    return events
