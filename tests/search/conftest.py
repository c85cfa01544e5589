"""A five-listing catalogue (four live, one draft), indexed, shared by the search tests and
rolled back after each."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from marketplace.extensions import db
from tests.search import builders


@pytest.fixture
def catalogue(app, make):
    us_buyer = make.buyer(country="US", shop_name="Acme NY")
    jp_buyer = make.buyer(country="JP", shop_name="Tokyo Finds")
    with app.app_context():
        builders.rates()
        beauty = builders.category("s-beauty", "美妆", "Beauty")
        skincare = builders.category("s-skincare", "护肤", "Skincare", beauty)
        baby = builders.category("s-baby", "母婴", "Mother & baby")
        tax = builders.tax_category()
        us, jp = us_buyer.shop.id, jp_buyer.shop.id
        rows = SimpleNamespace(
            cream=builders.listing(
                us, skincare, tax, title_zh="海蓝之谜保湿面霜", title_en="Moisturising cream", brand="LA MER",
                prices=(("100.00", "USD"), ("150.00", "USD")), stock=5, sales=50, age_days=1),
            serum=builders.listing(
                us, skincare, tax, title_zh="精华面霜", title_en="Serum cream", brand="Lancôme",
                routes=("direct_mail", "bonded"), prices=(("50.00", "USD"),), stock=0, sales=500,
                age_days=40),
            formula=builders.listing(
                jp, baby, tax, title_zh="婴儿奶粉", title_en="Infant formula", brand="Meiji", country="JP",
                routes=("bonded",), prices=(("3000", "JPY"),), stock=10, sales=5, age_days=3),
            sunscreen=builders.listing(
                jp, beauty, tax, title_zh="防晒霜", title_en="Sunscreen", brand="Anessa", country="JP",
                prices=(("2000", "JPY"),), stock=3, sales=0, age_days=10),
            draft=builders.listing(
                us, skincare, tax, title_zh="保湿面霜草稿", brand="LA MER", status="draft"),
        )
        builders.index(rows.cream, rows.serum, rows.formula, rows.sunscreen, rows.draft)
        db.session.commit()
        yield rows
