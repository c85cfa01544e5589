"""After commit, and only then: every ``JobRecord`` inserted by a session is handed to the
dispatcher once that session's outermost transaction commits, and forgotten if it rolls back.

The record is the outbox row, so nothing is lost if the hand-over fails (Redis down, process
killed): the sweep finds undispatched records and sends them again.
"""
from __future__ import annotations

from sqlalchemy import inspect

from marketplace.jobs.dispatch import dispatch
from marketplace.jobs.models import JobRecord

PENDING = "jobs.pending"


def _hold_new_jobs(session, flush_context) -> None:
    new = [obj for obj in session.new if isinstance(obj, JobRecord)]
    if new:
        session.info.setdefault(PENDING, []).extend((record, record.id) for record in new)


def _forget_rolled_back(session, previous_transaction) -> None:
    # A rollback (of the whole transaction or of a SAVEPOINT) expunges the records it undid;
    # the ones still persistent belong to a transaction that may yet commit.
    pending = session.info.get(PENDING)
    if pending:
        session.info[PENDING] = [(record, job_id) for record, job_id in pending if inspect(record).persistent]


def _dispatch_committed(session) -> None:
    if session.in_nested_transaction():
        return  # a SAVEPOINT was released; the outer transaction can still roll back
    pending = session.info.pop(PENDING, None)
    if pending:
        dispatch([job_id for _, job_id in pending])


SESSION_EVENTS = (
    ("after_flush", _hold_new_jobs),
    ("after_soft_rollback", _forget_rolled_back),
    ("after_commit", _dispatch_committed),
)
