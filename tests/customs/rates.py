"""The demo tax table of PRODUCT.md §5 as the tax engine takes it."""
from decimal import Decimal

from marketplace.customs.tax import TaxRates


def rates(vat: str, consumption_tax: str, tariff: str, postal: str) -> TaxRates:
    return TaxRates(Decimal(vat), Decimal(consumption_tax), Decimal(tariff), Decimal(postal))


GENERAL = rates("0.13", "0", "0.10", "0.20")
REDUCED = rates("0.09", "0", "0.05", "0.13")
COSMETICS = rates("0.13", "0", "0.05", "0.20")
COSMETICS_PREMIUM = rates("0.13", "0.15", "0.01", "0.50")
WATCHES_PREMIUM = rates("0.13", "0.20", "0.10", "0.50")
JEWELLERY = rates("0.13", "0.10", "0.10", "0.50")

DEMO_TABLE = (GENERAL, REDUCED, COSMETICS, COSMETICS_PREMIUM, WATCHES_PREMIUM, JEWELLERY)
