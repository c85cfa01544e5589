"""Catalogue rows for tests that need shop-owned data (the Buyers issue will add services)."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from marketplace.catalog.models import Category, Listing, ListingImage, Sku
from marketplace.customs.models import TaxCategory
from marketplace.extensions import db
from marketplace.inventory.models import StockLevel


def reference_data() -> tuple[Category, TaxCategory]:
    category = db.session.scalar(select(Category).where(Category.slug == "test-skincare"))
    if category is None:
        category = Category(slug="test-skincare", name_zh="护肤", name_en="Skincare")
        db.session.add(category)
    tax = db.session.scalar(select(TaxCategory).where(TaxCategory.code == "test_cosmetics"))
    if tax is None:
        tax = TaxCategory(code="test_cosmetics", name_zh="化妆品", name_en="Cosmetics",
                          vat_rate=Decimal("0.13"), consumption_tax_rate=Decimal(0),
                          tariff_rate=Decimal("0.05"), postal_rate=Decimal("0.20"))
        db.session.add(tax)
    db.session.flush()
    return category, tax


def listing(shop_id: int, *, title: str = "保湿面霜", price: str = "25.00", currency: str = "USD",
            status: str = "live", stock: int = 5) -> Listing:
    category, tax = reference_data()
    item = Listing(shop_id=shop_id, status=status, category_id=category.id, tax_category_id=tax.id,
                   brand="Acme", title_zh=title, title_en="Moisturising cream", origin_country="US",
                   routes=["direct_mail"])
    sku = Sku(shop_id=shop_id, code=f"SKU-{title}-{price}-{shop_id}", options={"size": "50ml"},
              price=Decimal(price), currency=currency, weight_g=200)
    sku.stock_levels.append(StockLevel(shop_id=shop_id, location="buyer", on_hand=stock))
    item.skus.append(sku)
    item.images.append(ListingImage(shop_id=shop_id, position=0, storage_key="public/x.jpg",
                                    width=600, height=600))
    db.session.add(item)
    db.session.flush()
    return item
