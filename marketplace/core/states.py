"""State machines declared as data.

Each aggregate lists its transitions once, ``(from, to, who)``, where *who* is the capacity the
actor acts in (``applicant``, ``buyer``, ``reviewer``, ``admin``, ``system`` ...). ``move()``
checks the transition, changes the status, and hands the change to ``record`` (the audit log's
``record``, passed in by each domain's ``states.py`` so that this module stays at the bottom of
the layers); anything not listed is a 409 ``invalid_transition``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from flask_babel import lazy_gettext as _l

from marketplace.core.errors import Conflict


class InvalidTransition(Conflict):
    code = "invalid_transition"


class StateMachine:
    def __init__(self, subject_type: str, transitions: Iterable[tuple[str, str, tuple[str, ...]]], *,
                 record: Callable[..., object]):
        self.subject_type = subject_type
        self.record = record
        self.transitions = {(source, target): frozenset(who) for source, target, who in transitions}

    def allows(self, source: str, target: str, who: str) -> bool:
        return who in self.transitions.get((source, target), ())

    def targets(self, source: str, who: str) -> list[str]:
        return [target for (start, target), roles in self.transitions.items()
                if start == source and who in roles]

    def move(self, subject, target: str, *, actor, who: str, now: datetime, note: str | None = None,
             details: dict | None = None) -> None:
        source = subject.status
        if not self.allows(source, target, who):
            raise InvalidTransition(str(_l("This cannot be done while the status is “%(status)s”.",
                                           status=source)))
        subject.status = target
        self.record(actor, f"{self.subject_type}.{target}", self.subject_type, subject.id,
                    before={"status": source}, after={"status": target, **(details or {})},
                    note=note, now=now)
