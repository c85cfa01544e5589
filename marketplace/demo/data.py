"""The static demo reference data: categories, tax table, FX rates, warehouses and accounts.

Every demo account signs in with ``DEMO_PASSWORD``; ``DEMO_ACCOUNTS`` is the one list the
command prints and the README and tests refer to.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

DEMO_PASSWORD = "demo-pass-2026"

# (slug, Chinese name, English name, children as (slug, Chinese, English)).
CATEGORY_TREE = (
    ("beauty", "美妆护肤", "Beauty", (
        ("skincare", "护肤", "Skincare"),
        ("make-up", "彩妆", "Make-up"),
        ("fragrance", "香水", "Fragrance"),
    )),
    ("mother-baby", "母婴", "Mother & baby", (
        ("formula", "奶粉", "Formula"),
        ("diapers", "纸尿裤", "Diapers"),
        ("baby-care", "婴儿护理", "Baby care"),
    )),
    ("health", "营养保健", "Health", (
        ("vitamins", "维生素", "Vitamins"),
        ("supplements", "膳食补充", "Supplements"),
    )),
    ("fashion", "时尚", "Fashion", (
        ("bags", "箱包", "Bags"),
        ("shoes", "鞋靴", "Shoes"),
        ("accessories", "配饰", "Accessories"),
    )),
)


@dataclass(frozen=True)
class TaxRow:
    code: str
    name_zh: str
    name_en: str
    vat_rate: Decimal
    consumption_tax_rate: Decimal
    tariff_rate: Decimal
    postal_rate: Decimal


def _tax(code, name_zh, name_en, vat, consumption, tariff, postal) -> TaxRow:
    return TaxRow(code, name_zh, name_en, Decimal(vat), Decimal(consumption), Decimal(tariff),
                  Decimal(postal))


# The demo tax table of the product specification (section 5), rates as exact decimals.
TAX_TABLE = (
    _tax("general", "一般商品", "Most goods", "0.13", "0", "0.10", "0.20"),
    _tax("reduced", "低税率商品", "Books, some foods", "0.09", "0", "0.05", "0.13"),
    _tax("food_supplements", "奶粉及保健品", "Infant formula, vitamins, supplements",
         "0.13", "0", "0.05", "0.13"),
    _tax("cosmetics", "普通化妆品", "Ordinary skincare and make-up", "0.13", "0", "0.05", "0.20"),
    _tax("cosmetics_premium", "高档化妆品", "Premium cosmetics", "0.13", "0.15", "0.01", "0.50"),
    _tax("apparel", "服装鞋包", "Clothing, bags, shoes", "0.13", "0", "0.10", "0.20"),
    _tax("watches_premium", "高档手表", "Premium watches", "0.13", "0.20", "0.10", "0.50"),
    _tax("jewellery", "贵重首饰", "Precious jewellery", "0.13", "0.10", "0.10", "0.50"),
)

# CNY per one unit of the currency.
FX_RATES = {
    "USD": Decimal("7.12"),
    "JPY": Decimal("0.0475"),
    "KRW": Decimal("0.00515"),
    "EUR": Decimal("7.75"),
    "GBP": Decimal("9.05"),
    "AUD": Decimal("4.65"),
}
FX_SOURCE = "demo"

# (code, name, city, base fee per parcel in CNY, fee per started kg in CNY).
WAREHOUSES = (
    ("HZ-BONDED", "Hangzhou Xiasha Bonded Warehouse", "Hangzhou", Decimal("8.00"), Decimal("4.00")),
    ("NB-BONDED", "Ningbo Meishan Bonded Warehouse", "Ningbo", Decimal("10.00"), Decimal("3.00")),
)


@dataclass(frozen=True)
class DemoBuyer:
    email: str
    display_name: str
    country: str
    city: str
    shop_name: str
    shop_description: str
    level: int  # the shop's buyer level: a spread, so "featured buyers" has something to show


BUYERS = (
    DemoBuyer("buyer-us@haigou.example", "Emily Chen", "US", "New York", "Emily's NYC Beauty Finds",
              "在纽约专柜和奥莱亲自采购，每单附购物小票。", 4),
    DemoBuyer("buyer-jp@haigou.example", "Sato Yuki", "JP", "Tokyo", "Tokyo Drugstore Picks",
              "东京药妆店与百货直采，日本直邮。", 5),
    DemoBuyer("buyer-kr@haigou.example", "Kim Minji", "KR", "Seoul", "Seoul Glow Lab",
              "首尔明洞、免税店正品直采。", 3),
    DemoBuyer("buyer-fr@haigou.example", "Claire Martin", "FR", "Paris", "Paris Pharmacie Select",
              "巴黎药房与老佛爷百货采购，法国直邮。", 3),
    DemoBuyer("buyer-de@haigou.example", "Lena Schmidt", "DE", "Munich", "Munich Baby & Bio",
              "德国超市与药房直采母婴用品。", 2),
    DemoBuyer("buyer-au@haigou.example", "Olivia Wang", "AU", "Sydney", "Sydney Wellness Co.",
              "澳洲药房保健品与奶粉，悉尼发货。", 4),
)


@dataclass(frozen=True)
class DemoAccount:
    email: str
    display_name: str
    roles: tuple[str, ...]
    warehouse_code: str | None = None


STAFF = (
    DemoAccount("reviewer@haigou.example", "Reviewer Li", ("reviewer",)),
    # Four-eyes approvals need a second, different reviewer.
    DemoAccount("reviewer2@haigou.example", "Reviewer Zhao", ("reviewer",)),
    DemoAccount("warehouse@haigou.example", "Operator Wu", ("warehouse",), WAREHOUSES[0][0]),
    DemoAccount("admin@haigou.example", "Admin Zhang", ("admin",)),
    DemoAccount("shopper@haigou.example", "Shopper Liu", ()),
)

# Every account the command creates, as the command prints them: (email, roles).
DEMO_ACCOUNTS = (
    *((account.email, ("shopper", *account.roles)) for account in STAFF),
    *((buyer.email, ("shopper", "buyer")) for buyer in BUYERS),
)


# The demo shopper's orderer details. 11010519491231002X is the worked example of GB 11643's
# check digit, valid for the checksum and the birth date and known to be nobody's.
DEMO_SHOPPER = {
    "email": "shopper@haigou.example", "real_name": "刘晓", "id_number": "11010519491231002X",
    "address": {"recipient": "刘晓", "phone": "13800138000", "province": "上海市", "city": "上海市",
                "district": "浦东新区", "line1": "世纪大道 100 号", "postcode": "200120"},
}
