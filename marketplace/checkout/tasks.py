"""Checkout's scheduled work: closing unpaid checkouts whose 30 minutes are up."""
from __future__ import annotations

from datetime import timedelta

from marketplace.checkout import settlement
from marketplace.jobs.registry import periodic


@periodic("checkout.expire", every=timedelta(minutes=1))
def expire_checkouts(now) -> None:
    settlement.expire_due(now)
