"""The jobs domain's own periodic work."""
from __future__ import annotations

from datetime import timedelta

from marketplace.jobs import dispatch
from marketplace.jobs.registry import periodic


@periodic("jobs.sweep", every=timedelta(minutes=1))
def sweep_outbox(now) -> None:
    """Re-send jobs whose hand-over after commit failed (Redis was down, the process died)."""
    dispatch.sweep(now)
