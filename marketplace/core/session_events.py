"""Session-wide SQLAlchemy events, installed explicitly by the app factory (never by importing a
module), and only where an event is the mechanism itself: the outbox after commit, tenancy, the
append-only audit log, per-transaction caches, the catalogue's change tracking."""
from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import event
from sqlalchemy.orm import Session


def install(listeners: Iterable[tuple[str, Callable]]) -> None:
    """Listen on every ``Session`` for each ``(event name, function)``; once per process, however
    many apps are made."""
    for name, listener in listeners:
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)
