"""What the browser tests' server shows: a few categories, live listings and one shopper."""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from marketplace.accounts import services as accounts
from marketplace.catalog.models import Category
from marketplace.core.clock import utcnow
from marketplace.extensions import db
from marketplace.money import services as money
from marketplace.shops.services import create_shop
from tests import catalog_builders
from tests.factories import PASSWORD

SHOPPER_EMAIL = "shopper@example.com"
CATEGORIES = [("baby", "母婴", "Baby & kids"), ("health", "保健品", "Health"), ("bags", "箱包", "Bags")]
LISTINGS = [("日本进口保湿面霜 50ml", "Moisturising cream 50ml", "3200", "JPY"),
            ("澳洲婴儿配方奶粉 900g", "Infant formula 900g", "32.50", "AUD"),
            ("美国复合维生素 120 粒", "Multivitamin, 120 tablets", "24.99", "USD"),
            ("法国护手霜三支装", "Hand cream, set of three", "18.00", "EUR")]
RATES = {"JPY": "0.0475", "AUD": "4.70", "USD": "7.10", "EUR": "7.75"}


def catalogue() -> None:
    now = utcnow()
    for position, (slug, name_zh, name_en) in enumerate(CATEGORIES, start=1):
        db.session.add(Category(slug=slug, name_zh=name_zh, name_en=name_en, position=position))
    for currency, rate in RATES.items():
        money.set_rate(currency, Decimal(rate), now=now)
    accounts.register_user(SHOPPER_EMAIL, PASSWORD, "小李", locale="zh_CN")
    buyer = accounts.register_user("buyer@example.com", PASSWORD, "Tokyo Buyer")
    shop = create_shop(buyer, name="Tokyo Picks", country="JP")
    accounts.add_role(buyer, "buyer")
    for age, (title_zh, title_en, price, currency) in enumerate(LISTINGS):
        listing = catalog_builders.listing(shop.id, title=title_zh, price=price, currency=currency)
        listing.title_en = title_en
        listing.published_at = now - timedelta(hours=age)
    db.session.flush()
