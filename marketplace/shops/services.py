"""Creating and finding shops."""
from __future__ import annotations

import re
import unicodedata

from sqlalchemy import select

from marketplace.core.errors import NotFound
from marketplace.extensions import db
from marketplace.shops.models import Shop

# The currency a shop prices in, by the buyer's country of residence.
COUNTRY_CURRENCIES = {
    "US": "USD", "JP": "JPY", "KR": "KRW", "GB": "GBP", "AU": "AUD", "CA": "CAD", "NZ": "NZD",
    "FR": "EUR", "DE": "EUR", "IT": "EUR", "ES": "EUR", "NL": "EUR", "BE": "EUR", "AT": "EUR",
    "IE": "EUR", "PT": "EUR", "FI": "EUR", "CH": "CHF", "SG": "SGD", "HK": "HKD",
}


def currency_for_country(country: str) -> str:
    return COUNTRY_CURRENCIES.get(country.upper(), "USD")


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:48] or "shop"


def unique_slug(name: str) -> str:
    base = slugify(name)
    taken = set(db.session.scalars(select(Shop.slug).where(Shop.slug.like(f"{base}%"))))
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def create_shop(owner, *, name: str, country: str) -> Shop:
    """Open a shop for ``owner`` (called when a buyer application is approved)."""
    shop = Shop(owner=owner, name=name, slug=unique_slug(name), country=country.upper(),
                currency=currency_for_country(country), level=1)
    db.session.add(shop)
    db.session.flush()
    return shop


def shop_by_slug(slug: str) -> Shop:
    shop = db.session.scalar(select(Shop).where(Shop.slug == slug))
    if shop is None:
        raise NotFound()
    return shop
