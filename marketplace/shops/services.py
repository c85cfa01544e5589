"""Creating and finding shops."""
from __future__ import annotations

import re
import secrets
import unicodedata

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

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


def create_shop(owner, *, name: str, country: str, attempts: int = 5) -> Shop:
    """Open a shop for ``owner`` (called when a buyer application is approved). Two approvals
    racing for one slug: the loser's insert fails inside its savepoint and it takes the next."""
    for attempt in range(attempts):
        slug = unique_slug(name) if attempt == 0 else f"{unique_slug(name)}-{secrets.token_hex(2)}"
        shop = Shop(owner_id=owner.id, name=name, slug=slug, country=country.upper(),
                    currency=currency_for_country(country), level=1)
        try:
            with db.session.begin_nested():
                db.session.add(shop)
        except IntegrityError:
            continue
        if owner in db.session:
            db.session.expire(owner, ["shop"])  # owner.shop loads the new shop when next read
        return shop
    raise RuntimeError(f"no free slug for shop {name!r} after {attempts} attempts")


def shop_by_slug(slug: str) -> Shop:
    shop = db.session.scalar(select(Shop).where(Shop.slug == slug))
    if shop is None:
        raise NotFound()
    return shop
