"""Scheduled work for money: the daily FX refresh from the configured feed."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app

from marketplace.jobs.registry import periodic
from marketplace.money import fx_feed
from marketplace.money.events import rates_changed


@periodic("money.refresh_fx_rates", every=timedelta(days=1))
def refresh_fx_rates(now) -> None:
    """Store the feed's rates; when any changed, say so (search converts its prices again)."""
    url = current_app.config.get("FX_FEED_URL")
    if not url:  # the refresh is switched off (tests, or rates kept by hand)
        return
    if fx_feed.refresh(url, now=now):
        rates_changed.send()
