"""Stock's background work: giving back the units of reservations whose time has run out."""
from __future__ import annotations

from datetime import timedelta

from marketplace.extensions import db
from marketplace.inventory import services as inventory
from marketplace.jobs.registry import periodic

MAX_BATCHES_PER_RUN = 10


@periodic("inventory.release_expired", every=timedelta(minutes=1))
def release_expired(now) -> None:
    """Bounded batches, each committed on its own so no run holds many stock rows for long; what
    is left waits for the next run (and checkouts release their own on read meanwhile)."""
    for _ in range(MAX_BATCHES_PER_RUN):
        released = inventory.release_expired(now, batch=inventory.EXPIRY_BATCH)
        db.session.commit()
        if released < inventory.EXPIRY_BATCH:
            return
