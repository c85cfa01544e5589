"""The audit log: events are appended and read back per subject, and never changed or removed."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import delete, func, select, update

from marketplace.audit import services as audit
from marketplace.audit.models import AuditEvent, AuditLogIsAppendOnly
from marketplace.extensions import db

NOON = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEvent))


def test_record_keeps_who_what_when_and_the_states(ctx, make):
    admin = db.session.merge(make.admin())
    event = audit.record(
        admin,
        "tax_category.updated",
        "tax_category",
        "cosmetics",
        before={"vat_rate": Decimal("0.130000")},
        after={"vat_rate": Decimal("0.09")},
        note="Rate cut",
        now=NOON,
    )
    db.session.expire_all()
    stored = db.session.get(AuditEvent, event.id)
    assert (
        stored.at,
        stored.actor_id,
        stored.action,
        stored.subject_type,
        stored.subject_id,
        stored.note,
    ) == (NOON, admin.id, "tax_category.updated", "tax_category", "cosmetics", "Rate cut")
    assert (stored.before, stored.after) == ({"vat_rate": "0.13"}, {"vat_rate": "0.09"})


def test_the_system_may_act_without_a_person(ctx):
    event = audit.record(None, "listing.suspended", "listing", 7, now=NOON)
    assert (event.actor_id, event.subject_id, event.before, event.after) == (None, "7", None, None)


def test_states_are_kept_as_plain_json(ctx):
    event = audit.record(
        None,
        "x.changed",
        "x",
        1,
        now=NOON,
        after={
            "at": NOON,
            "roles": ("shopper", "admin"),
            "tags": {"b", "a"},
            "nested": {"amount": Decimal("100")},
        },
    )
    assert event.after == {
        "at": "2026-03-05T12:00:00+00:00",
        "roles": ["shopper", "admin"],
        "tags": ["a", "b"],
        "nested": {"amount": "100"},
    }


def test_events_for_reads_one_subjects_history_oldest_first(ctx):
    audit.record(None, "order.shipped", "order", 1, now=NOON + timedelta(hours=2))
    audit.record(None, "order.paid", "order", 1, now=NOON)
    audit.record(None, "order.paid", "order", 2, now=NOON)
    audit.record(None, "listing.live", "listing", 1, now=NOON)
    assert [event.action for event in audit.events_for("order", 1)] == ["order.paid", "order.shipped"]
    assert [event.action for event in audit.events_for("order", "2")] == ["order.paid"]
    assert audit.events_for("order", 3) == []


def test_an_event_cannot_be_changed(ctx):
    event = audit.record(None, "order.paid", "order", 1, now=NOON)
    event.note = "rewritten"
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.flush()
    db.session.rollback()
    assert db.session.scalar(select(AuditEvent.note)) is None


def test_an_event_cannot_be_deleted(ctx):
    event = audit.record(None, "order.paid", "order", 1, now=NOON)
    db.session.commit()
    db.session.delete(event)
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()
    assert count() == 1


@pytest.mark.parametrize(
    "statement",
    [
        update(AuditEvent).values(note="rewritten"),
        delete(AuditEvent),
    ],
)
def test_bulk_updates_and_deletes_are_refused(ctx, statement):
    audit.record(None, "order.paid", "order", 1, now=NOON)
    db.session.commit()
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.execute(statement)
    db.session.rollback()
    assert count() == 1
    assert db.session.scalar(select(AuditEvent.note)) is None


def test_an_untouched_loaded_event_flushes_fine(ctx):
    event = audit.record(None, "order.paid", "order", 1, now=NOON)
    event.note = event.note  # assigning the same value is no change
    audit.record(None, "order.shipped", "order", 1, now=NOON)
    assert count() == 2
