"""Refreshing FX rates from a feed in the ECB daily XML format (``eurofxref-daily.xml``: one
``Cube time="YYYY-MM-DD"`` holding ``Cube currency="USD" rate="1.0812"`` per currency, rates per
EUR). Rates are stored as CNY per one unit, for the currencies buyers price in, each with its
effective time (16:00 Frankfurt time on the feed's day, when the ECB publishes) and source "ecb".

A feed that cannot be read changes nothing; the same feed twice stores nothing the second time.
"""
from __future__ import annotations

import logging
import urllib.request
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from marketplace.extensions import db
from marketplace.money import services as money
from marketplace.money.models import FxRate

log = logging.getLogger(__name__)

ECB_DAILY_URL = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml"
SOURCE = "ecb"
CURRENCIES = ("USD", "JPY", "KRW", "EUR", "GBP", "AUD")
MAX_FEED_BYTES = 1024 * 1024
FETCH_TIMEOUT_SECONDS = 20
PUBLISHED_AT = time(16, 0, tzinfo=ZoneInfo("Europe/Berlin"))
RATE_PLACES = Decimal(1).scaleb(-money.FX_RATE_PLACES)


class FeedError(ValueError):
    """The feed could not be read or does not hold what we need."""


@dataclass(frozen=True)
class Feed:
    day: date
    per_euro: dict[str, Decimal]


def fetch(url: str) -> bytes:
    """The feed's bytes from an http(s) or file URL, or a plain path (tests, offline copies)."""
    if "://" not in url:
        return Path(url).read_bytes()[:MAX_FEED_BYTES + 1]
    if not url.startswith(("https://", "http://", "file://")):
        raise FeedError(f"unsupported feed URL scheme: {url}")
    with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT_SECONDS) as response:  # noqa: S310 - schemes checked
        return response.read(MAX_FEED_BYTES + 1)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse(data: bytes) -> Feed:
    """The day and the rates per EUR; ``FeedError`` for anything else."""
    if len(data) > MAX_FEED_BYTES:
        raise FeedError("the feed is larger than any ECB daily file")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise FeedError(f"not XML: {error}") from None
    dated = [element for element in root.iter() if _local(element.tag) == "Cube" and element.get("time")]
    if len(dated) != 1:
        raise FeedError("expected exactly one dated Cube")
    try:
        day = date.fromisoformat(dated[0].get("time"))
        rates = {cube.get("currency", "").upper(): Decimal(cube.get("rate", ""))
                 for cube in dated[0] if _local(cube.tag) == "Cube"}
    except (ValueError, InvalidOperation) as error:
        raise FeedError(f"bad date or rate: {error}") from None
    if not rates or any(not rate.is_finite() or rate <= 0 for rate in rates.values()):
        raise FeedError("no rates, or a rate that is not a positive number")
    return Feed(day, rates)


def cny_rates(feed: Feed) -> dict[str, Decimal]:
    """CNY per one unit of each currency we keep, by cross rate through the euro."""
    if "CNY" not in feed.per_euro:
        raise FeedError("the feed has no CNY rate")
    per_euro = {**feed.per_euro, "EUR": Decimal(1)}
    cny = per_euro["CNY"]
    return {currency: (cny / per_euro[currency]).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)
            for currency in CURRENCIES if currency in per_euro}


def effective_time(day: date, now: datetime) -> datetime:
    """When the ECB published the day's rates; never later than ``now``."""
    published = datetime.combine(day, PUBLISHED_AT).astimezone(UTC)
    return min(published, now)


def store(rates: dict[str, Decimal], effective_at: datetime) -> list[str]:
    """Store the rates not stored yet for this effective time; return their currencies."""
    present = set(db.session.scalars(select(FxRate.currency).where(
        FxRate.source == SOURCE, FxRate.effective_at == effective_at, FxRate.currency.in_(list(rates)))))
    stored = []
    for currency, rate in sorted(rates.items()):
        if currency not in present:
            money.set_rate(currency, rate, now=effective_at, source=SOURCE)
            stored.append(currency)
    return stored


def refresh(url: str, *, now: datetime) -> list[str]:
    """Read the feed at ``url`` and store its rates; the currencies stored (none when the feed
    could not be read, which is logged, or was stored before). Flushes; the caller commits."""
    try:
        feed = parse(fetch(url))
        rates = cny_rates(feed)
    except (FeedError, OSError) as error:
        log.warning("FX feed %s skipped: %s", url, error)
        return []
    stored = store(rates, effective_time(feed.day, now))
    log.info("FX feed %s of %s: stored %s", url, feed.day, ", ".join(stored) or "nothing new")
    return stored
