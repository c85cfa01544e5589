"""Cross-border tax arithmetic (PRODUCT.md §5): pure functions of Decimals, no ORM, no I/O.

Rounding rule, everywhere here: compute every component unrounded from the dutiable value and
the rates, then round each *payable* component half-up to the fen (0.01 CNY); a tax is the sum of
its rounded components. Never multiply by a rounded composite rate: for a ¥425 premium cream
(VAT 13%, consumption tax 15%) the composite 23.06% gives ¥98.01, the components give ¥98.00.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")
# Within the limits, cross-border e-commerce imports (9610, 1210) pay 70% of CT and VAT.
CBEC_SHARE = Decimal("0.7")
# Personal postal articles: no tax is collected when it comes to this much or less.
POSTAL_WAIVER = Decimal(50)


@dataclass(frozen=True)
class TaxBreakdown:
    tariff: Decimal
    consumption_tax: Decimal
    vat: Decimal

    @property
    def total(self) -> Decimal:
        return self.tariff + self.consumption_tax + self.vat


def to_fen(amount: Decimal) -> Decimal:
    """Half-up to the fen: 0.005 becomes 0.01."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def _ct_and_vat(base: Decimal, vat_rate: Decimal, consumption_tax_rate: Decimal) -> tuple[Decimal, Decimal]:
    """Unrounded CT = base × c / (1 − c) and VAT = (base + CT) × v."""
    consumption_tax = base * consumption_tax_rate / (1 - consumption_tax_rate)
    return consumption_tax, (base + consumption_tax) * vat_rate


def comprehensive_tax(base: Decimal, *, vat_rate: Decimal, consumption_tax_rate: Decimal) -> TaxBreakdown:
    """Comprehensive tax (9610 and 1210) on the dutiable value ``base`` within the limits: no
    tariff, CT and VAT at 70%, each payable component rounded half-up to the fen."""
    consumption_tax, vat = _ct_and_vat(base, vat_rate, consumption_tax_rate)
    return TaxBreakdown(Decimal("0.00"), to_fen(consumption_tax * CBEC_SHARE), to_fen(vat * CBEC_SHARE))


def general_trade_tax(base: Decimal, *, tariff_rate: Decimal, vat_rate: Decimal,
                      consumption_tax_rate: Decimal) -> TaxBreakdown:
    """A single item over the per-order limit: tariff first, then CT and VAT in full on the
    tariff-inclusive base, nothing at 70%; each component rounded half-up to the fen."""
    tariff = base * tariff_rate
    consumption_tax, vat = _ct_and_vat(base + tariff, vat_rate, consumption_tax_rate)
    return TaxBreakdown(to_fen(tariff), to_fen(consumption_tax), to_fen(vat))


def postal_tax(base: Decimal, *, postal_rate: Decimal) -> Decimal:
    """Personal postal articles: ``base`` × the postal rate, rounded half-up to the fen, and
    waived (zero) when that is ¥50 or less."""
    tax = to_fen(base * postal_rate)
    return Decimal("0.00") if tax <= POSTAL_WAIVER else tax


# The dutiable value one order may hold at cross-border rates (PRODUCT.md §5).
SINGLE_ORDER_LIMIT = Decimal(5000)


def estimate_unit_tax(base: Decimal, *, route: str, direct_mail_regime: str, vat_rate: Decimal,
                      consumption_tax_rate: Decimal, tariff_rate: Decimal,
                      postal_rate: Decimal) -> tuple[Decimal, str]:
    """The tax on one unit worth ``base`` CNY by ``route``, and the regime applied: ``postal``
    for direct mail from a shop whose parcels clear as personal postal articles, ``general`` for
    a single item over the per-order limit, ``cbec`` (comprehensive tax) otherwise. Shipping is
    left out of the base: this is the estimate a product page shows, not a quote."""
    if route == "direct_mail" and direct_mail_regime == "postal":
        return postal_tax(base, postal_rate=postal_rate), "postal"
    if base > SINGLE_ORDER_LIMIT:
        return general_trade_tax(base, tariff_rate=tariff_rate, vat_rate=vat_rate,
                                 consumption_tax_rate=consumption_tax_rate).total, "general"
    return comprehensive_tax(base, vat_rate=vat_rate, consumption_tax_rate=consumption_tax_rate).total, "cbec"
