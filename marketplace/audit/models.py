"""The audit log: one row per change a person (or the system) made, never edited or removed."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.core.types import UTCDateTime
from marketplace.extensions import db


class AuditEvent(db.Model):
    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_subject", "subject_type", "subject_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    # Null for changes the system makes on its own (jobs, expiries).
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(String(60), nullable=False)
    subject_type: Mapped[str] = mapped_column(String(40), nullable=False)
    subject_id: Mapped[str] = mapped_column(String(64), nullable=False)
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)

    actor = relationship("User")

    def __repr__(self) -> str:
        return f"<AuditEvent {self.id} {self.action} {self.subject_type}:{self.subject_id}>"


class AuditLogIsAppendOnly(RuntimeError):
    """Code tried to change or remove an audit event: a bug, never user input."""


def _refuse_changes(session, flush_context, instances) -> None:
    changed = [row for row in session.dirty if isinstance(row, AuditEvent) and session.is_modified(row)]
    removed = [row for row in session.deleted if isinstance(row, AuditEvent)]
    if changed or removed:
        raise AuditLogIsAppendOnly(f"audit events are append-only: {changed or removed}")


def _refuse_bulk_changes(state) -> None:
    # Bulk UPDATE/DELETE statements bypass the flush, so they are checked here.
    if (state.is_update or state.is_delete) and state.bind_mapper is not None \
            and state.bind_mapper.class_ is AuditEvent:
        raise AuditLogIsAppendOnly("audit events are append-only: bulk update or delete")


SESSION_EVENTS = (
    ("before_flush", _refuse_changes),
    ("do_orm_execute", _refuse_bulk_changes),
)
