"""Writing and reading the audit log. Any domain records its changes here: who, when, what,
and the subject's state before and after. There is deliberately no way to edit or remove an
event (``models`` refuses it at flush time)."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select

from marketplace.audit.models import AuditEvent
from marketplace.core.numbers import plain_decimal
from marketplace.extensions import db


def as_json(value):
    """Decimals, dates and tuples in the plain JSON form the log keeps (decimals as strings)."""
    if isinstance(value, dict):
        return {str(key): as_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [as_json(item) for item in value]
        return sorted(items) if isinstance(value, set | frozenset) else items
    if isinstance(value, Decimal):
        return plain_decimal(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def record(actor, action: str, subject_type: str, subject_id, *, before: dict | None = None,
           after: dict | None = None, note: str | None = None, now: datetime) -> AuditEvent:
    """Append one event. ``actor`` is a user or None (the system)."""
    event = AuditEvent(at=now, actor_id=actor.id if actor is not None else None, action=action,
                       subject_type=subject_type, subject_id=str(subject_id), before=as_json(before),
                       after=as_json(after), note=note)
    db.session.add(event)
    db.session.flush()
    return event


def _flatten(state: dict | None, prefix: str = "") -> dict:
    flat = {}
    for key, value in (state or {}).items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def changes(event: AuditEvent) -> list[tuple[str, object, object]]:
    """``(field, before, after)`` for every field the event changed, nested keys dotted
    (``name.en``), in the order of the after state."""
    before, after = _flatten(event.before), _flatten(event.after)
    keys = list(after) + [key for key in before if key not in after]
    return [(key, before.get(key), after.get(key)) for key in keys if before.get(key) != after.get(key)]


def events_for(subject_type: str, subject_id) -> list[AuditEvent]:
    """A subject's history, oldest first."""
    statement = (select(AuditEvent)
                 .where(AuditEvent.subject_type == subject_type, AuditEvent.subject_id == str(subject_id))
                 .order_by(AuditEvent.at, AuditEvent.id))
    return list(db.session.scalars(statement))


def recent_events(*, limit: int = 50) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)))
