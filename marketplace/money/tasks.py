"""Scheduled work for money: the daily FX refresh from the configured feed."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app

from marketplace.jobs.registry import periodic
from marketplace.money import fx_feed
from marketplace.search.tasks import request_reprice


@periodic("money.refresh_fx_rates", every=timedelta(days=1))
def refresh_fx_rates(now) -> None:
    """Store the feed's rates; when any changed, convert the search documents' prices again."""
    url = current_app.config.get("FX_FEED_URL")
    if not url:  # the refresh is switched off (tests, or rates kept by hand)
        return
    if fx_feed.refresh(url, now=now):
        request_reprice()
