"""The tax arithmetic against PRODUCT.md's worked examples: components rounded, never a
composite rate."""

from decimal import Decimal

import pytest

from marketplace.customs import tax

VAT, PREMIUM_CT = Decimal("0.13"), Decimal("0.15")


def test_premium_cream_comprehensive_tax_is_98_00_not_98_01():
    breakdown = tax.comprehensive_tax(Decimal("425"), vat_rate=VAT, consumption_tax_rate=PREMIUM_CT)
    # CT = 425 × 0.15 / 0.85 = 75, VAT = 500 × 0.13 = 65; 70% of each: 52.50 + 45.50.
    assert (breakdown.tariff, breakdown.consumption_tax, breakdown.vat) == (
        Decimal("0.00"),
        Decimal("52.50"),
        Decimal("45.50"),
    )
    assert breakdown.total == Decimal("98.00")
    assert tax.to_fen(Decimal("425") * Decimal("0.2306")) == Decimal("98.01")  # the composite-rate trap


def test_ordinary_cosmetics_pay_vat_only():
    breakdown = tax.comprehensive_tax(Decimal("100.00"), vat_rate=VAT, consumption_tax_rate=Decimal(0))
    assert (breakdown.consumption_tax, breakdown.vat, breakdown.total) == (
        Decimal("0.00"),
        Decimal("9.10"),
        Decimal("9.10"),
    )


def test_each_component_rounds_half_up_to_the_fen():
    # VAT 70% of 0.05 × 0.13 = 0.00455 → 0.00; of 0.06 → 0.00546 → 0.01.
    no_ct = Decimal(0)
    assert tax.comprehensive_tax(Decimal("0.05"), vat_rate=VAT, consumption_tax_rate=no_ct).vat == Decimal(0)
    fen = Decimal("0.01")
    assert tax.comprehensive_tax(Decimal("0.06"), vat_rate=VAT, consumption_tax_rate=no_ct).vat == fen
    # VAT 1.50 × 0.10 = 0.15, 70% = 0.105 exactly: half-up gives 0.11 (banker's rounding 0.10).
    half = tax.comprehensive_tax(Decimal("1.50"), vat_rate=Decimal("0.10"), consumption_tax_rate=no_ct).vat
    assert half == Decimal("0.11")


def test_general_trade_tax_applies_tariff_then_full_ct_and_vat():
    breakdown = tax.general_trade_tax(
        Decimal("6000"), tariff_rate=Decimal("0.01"), vat_rate=VAT, consumption_tax_rate=PREMIUM_CT
    )
    # tariff 60; CT = 6060 × 0.15 / 0.85 = 1069.411…; VAT = (6060 + 1069.41…) × 0.13 = 926.8235…
    assert (breakdown.tariff, breakdown.consumption_tax, breakdown.vat) == (
        Decimal("60.00"),
        Decimal("1069.41"),
        Decimal("926.82"),
    )
    assert breakdown.total == Decimal("2056.23")


@pytest.mark.parametrize(
    ("base", "rate", "expected"),
    [
        (Decimal("250"), Decimal("0.20"), Decimal("0.00")),  # 50.00: waived at exactly ¥50
        (Decimal("250.03"), Decimal("0.20"), Decimal("50.01")),  # just over: all of it is due
        (Decimal("425"), Decimal("0.50"), Decimal("212.50")),
        (Decimal("99.99"), Decimal("0.13"), Decimal("0.00")),
    ],
)
def test_postal_tax_is_waived_at_50_or_less(base, rate, expected):
    assert tax.postal_tax(base, postal_rate=rate) == expected


RATES = {
    "vat_rate": VAT,
    "consumption_tax_rate": PREMIUM_CT,
    "tariff_rate": Decimal("0.01"),
    "postal_rate": Decimal("0.50"),
}


@pytest.mark.parametrize(
    ("route", "regime", "base", "expected"),
    [
        ("direct_mail", "cbec", Decimal("425"), (Decimal("98.00"), "cbec")),
        ("bonded", "postal", Decimal("425"), (Decimal("98.00"), "cbec")),  # bonded is always 1210
        ("direct_mail", "postal", Decimal("425"), (Decimal("212.50"), "postal")),
        ("bonded", "cbec", Decimal("6000"), (Decimal("2056.23"), "general")),
    ],
)
def test_the_estimate_picks_the_regime_by_route_and_shop_setting(route, regime, base, expected):
    assert tax.estimate_unit_tax(base, route=route, direct_mail_regime=regime, **RATES) == expected
