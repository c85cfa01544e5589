"""``order_tax`` against PRODUCT.md §5's worked examples and cases worked by hand."""
from decimal import Decimal

import pytest

from marketplace.customs.limits import LimitCode, LimitProblem
from marketplace.customs.tax import LineTax, TaxLine, customs_regime, order_tax
from tests.customs.rates import COSMETICS, COSMETICS_PREMIUM, GENERAL, REDUCED, WATCHES_PREMIUM

D = Decimal
ZERO = D("0.00")


def line(unit_price: str, rates, quantity: int = 1) -> TaxLine:
    return TaxLine(D(unit_price), quantity, rates)


def components(tax: LineTax) -> tuple[Decimal, ...]:
    return tax.tariff, tax.consumption_tax, tax.vat, tax.postal_tax


@pytest.mark.parametrize(("unit_price", "rates", "expected"), [
    ("500", COSMETICS, (ZERO, ZERO, D("45.50"))),  # 500 × 0.13 × 0.7
    ("4999", COSMETICS, (ZERO, ZERO, D("454.91"))),  # 649.87 × 0.7 = 454.909
    ("425", COSMETICS_PREMIUM, (ZERO, D("52.50"), D("45.50"))),  # CT 75, VAT 65, each × 0.7
    # CT 141.1764…, × 0.7 = 98.8235…; VAT 941.1764… × 0.13 = 122.3529…, × 0.7 = 85.6470…
    ("800", COSMETICS_PREMIUM, (ZERO, D("98.82"), D("85.65"))),
])
def test_worked_examples_within_the_limits(unit_price, rates, expected):
    result = order_tax([line(unit_price, rates)], D("0"), "cbec")
    assert result.regime == "cbec" and result.problems == ()
    assert components(result.lines[0]) == (*expected, ZERO)
    assert result.total == sum(expected)


def test_worked_example_single_premium_item_over_the_limit_pays_general_trade_rates():
    # tariff 60; CT 6060 × 0.15 / 0.85 = 1069.41…; VAT (6060 + 1069.41…) × 0.13 = 926.82…
    result = order_tax([line("6000", COSMETICS_PREMIUM)], D("0"), "cbec")
    assert result.regime == "general" and result.problems == ()
    assert components(result.lines[0]) == (D("60.00"), D("1069.41"), D("926.82"), ZERO)
    assert result.total == D("2056.23")


@pytest.mark.parametrize(("unit_price", "expected", "waived"), [
    ("1000", D("200.00"), False),
    ("200", ZERO, True),  # 40.00 ≤ 50: waived
])
def test_worked_examples_postal(unit_price, expected, waived):
    result = order_tax([line(unit_price, GENERAL)], D("0"), "postal")
    assert (result.regime, result.total, result.postal_waived) == ("postal", expected, waived)
    assert result.lines[0].postal_tax == expected


def test_a_line_is_taxed_on_its_whole_value_not_unit_by_unit():
    # 3 × 33.33 = 99.99; 99.99 × 0.13 × 0.7 = 9.09909 → 9.10 (unit by unit: 3 × 3.03 = 9.09).
    result = order_tax([line("33.33", COSMETICS, quantity=3)], D("0"), "cbec")
    assert result.lines[0].goods_value == D("99.99")
    assert result.total == D("9.10")


def test_two_premium_creams_pay_twice_one():
    # 850: CT 150 × 0.7 = 105.00; VAT 1000 × 0.13 × 0.7 = 91.00.
    result = order_tax([line("425", COSMETICS_PREMIUM, quantity=2)], D("0"), "cbec")
    assert components(result.lines[0]) == (ZERO, D("105.00"), D("91.00"), ZERO)
    assert result.total == D("196.00")


def test_freight_shared_over_lines_with_a_remainder_is_taxed_line_by_line():
    # Shares 3.34, 3.33, 3.33; VAT 103.34 × 0.091 = 9.40394 and 103.33 × 0.091 = 9.40303: 9.40
    # each, 28.20 in all (the order taxed as one base, 310 × 0.091, would give 28.21).
    result = order_tax([line("100", COSMETICS)] * 3, D("10.00"), "cbec")
    assert [taxed.freight_share for taxed in result.lines] == [D("3.34"), D("3.33"), D("3.33")]
    assert [taxed.vat for taxed in result.lines] == [D("9.40")] * 3
    assert (result.freight, result.dutiable_value, result.total) == (D("10.00"), D("310.00"), D("28.20"))


def test_an_order_of_mixed_categories_adds_up_its_lines():
    # Freight 9.99 over 100, 200, 700: shares 1.00, 2.00, 6.99 (largest remainder).
    # 101.00 × 0.091 = 9.191 → 9.19.
    # 202.00 premium: CT 35.6470… × 0.7 = 24.9529… → 24.95; VAT 237.6470… × 0.13 × 0.7 = 21.6258… → 21.63.
    # 706.99 reduced: 706.99 × 0.09 × 0.7 = 44.54037 → 44.54.
    lines = [line("100", COSMETICS), line("100", COSMETICS_PREMIUM, quantity=2), line("700", REDUCED)]
    result = order_tax(lines, D("9.99"), "cbec")
    assert [taxed.dutiable_value for taxed in result.lines] == [D("101.00"), D("202.00"), D("706.99")]
    assert [components(taxed) for taxed in result.lines] == [
        (ZERO, ZERO, D("9.19"), ZERO), (ZERO, D("24.95"), D("21.63"), ZERO), (ZERO, ZERO, D("44.54"), ZERO)]
    assert (result.consumption_tax, result.vat, result.total) == (D("24.95"), D("75.36"), D("100.31"))


def test_exactly_5000_with_freight_is_within_the_limit():
    # 4,990 of goods + 10 freight = 5,000.00 dutiable: comprehensive tax, 5000 × 0.091 = 455.00.
    result = order_tax([line("2495", COSMETICS, quantity=2)], D("10.00"), "cbec")
    assert (result.regime, result.problems, result.total) == ("cbec", (), D("455.00"))


def test_a_fen_over_5000_in_more_than_one_item_is_refused_by_how_much():
    result = order_tax([line("2495.01", COSMETICS), line("2494.99", COSMETICS)], D("10.01"), "cbec")
    problem = LimitProblem(LimitCode.SINGLE_LIMIT_EXCEEDED, D(5000), D("5000.01"))
    assert (result.regime, result.problems) == ("cbec", (problem,))
    assert problem.excess == D("0.01")


def test_a_single_item_over_5000_only_through_its_freight_pays_general_trade_rates():
    # 4,990 + 20 freight = 5,010: tariff 250.50; VAT 5260.50 × 0.13 = 683.865 → 683.87 (half up).
    result = order_tax([line("4990", COSMETICS)], D("20.00"), "cbec")
    assert result.regime == "general"
    assert components(result.lines[0]) == (D("250.50"), ZERO, D("683.87"), ZERO)
    assert result.total == D("934.37")


def test_a_single_item_a_fen_over_5000():
    # tariff 5000.01 × 0.05 = 250.0005 → 250.00; VAT 5250.0105 × 0.13 = 682.501365 → 682.50.
    result = order_tax([line("5000.01", COSMETICS)], D("0"), "cbec")
    assert (result.regime, result.total) == ("general", D("932.50"))


def test_two_units_over_5000_are_not_a_single_item():
    result = order_tax([line("3000", COSMETICS, quantity=2)], D("0"), "cbec")
    assert result.regime == "cbec"
    assert [(problem.code, problem.excess) for problem in result.problems] == [
        ("single_limit_exceeded", D("1000"))]
    assert result.total == D("546.00")  # still quoted at comprehensive rates: 6000 × 0.091


def test_the_postal_rate_of_50_percent():
    result = order_tax([line("800", COSMETICS_PREMIUM)], D("0"), "postal")
    assert components(result.lines[0]) == (ZERO, ZERO, ZERO, D("400.00"))


@pytest.mark.parametrize(("unit_price", "freight", "expected"), [
    ("250", "0", ZERO),  # 50.00: waived at exactly ¥50
    ("250.05", "0", D("50.01")),  # 50.01: all of it is due
    ("240", "10.00", ZERO),  # the freight is part of the dutiable value: 250 × 0.2 = 50.00
    ("240", "10.05", D("50.01")),
])
def test_the_postal_waiver_boundary(unit_price, freight, expected):
    result = order_tax([line(unit_price, GENERAL)], D(freight), "postal")
    assert (result.total, result.postal_waived) == (expected, expected == ZERO)


def test_the_postal_waiver_is_for_the_parcel_not_each_line():
    # 30.00 + 20.00 = 50.00: waived; 30.00 + 30.00 = 60.00: both due, though each is under 50.
    waived = order_tax([line("150", GENERAL), line("100", GENERAL)], D("0"), "postal")
    assert (waived.total, [taxed.postal_tax for taxed in waived.lines]) == (ZERO, [ZERO, ZERO])
    due = order_tax([line("150", GENERAL)] * 2, D("0"), "postal")
    assert [taxed.postal_tax for taxed in due.lines] == [D("30.00"), D("30.00")]
    assert due.total == D("60.00") and not due.postal_waived


def test_a_postal_parcel_holds_1000_of_goods_freight_not_counted():
    within = order_tax([line("500", GENERAL, quantity=2)], D("30.00"), "postal")
    assert within.problems == ()
    over = order_tax([line("500", GENERAL), line("500.01", GENERAL)], D("0"), "postal")
    assert [(problem.code, problem.amount, problem.excess) for problem in over.problems] == [
        ("postal_parcel_limit_exceeded", D("1000.01"), D("0.01"))]
    assert over.total == D("200.00")  # 100.00 + 100.002 → 100.00


def test_a_single_indivisible_item_may_exceed_the_postal_parcel_limit():
    result = order_tax([line("12000", WATCHES_PREMIUM)], D("0"), "postal")
    assert (result.problems, result.total) == ((), D("6000.00"))


def test_postal_parcels_have_no_annual_quota_and_no_5000_limit():
    postal = order_tax([line("6000", GENERAL)], D("0"), "postal")
    assert (postal.regime, postal.quota_value) == ("postal", ZERO)
    assert order_tax([line("6000", GENERAL)], D("0"), "cbec").quota_value == D("6000")


@pytest.mark.parametrize(("route", "shop_regime", "expected"), [
    ("direct_mail", "cbec", "cbec"),
    ("direct_mail", "postal", "postal"),
    ("bonded", "postal", "cbec"),  # bonded is always 1210
    ("bonded", "cbec", "cbec"),
])
def test_the_regime_follows_the_route_and_the_shop_setting(route, shop_regime, expected):
    assert customs_regime(route, shop_regime) == expected


@pytest.mark.parametrize(("lines", "regime"), [([], "cbec"), ([line("1", GENERAL)], "general")])
def test_an_empty_order_or_an_unknown_regime_is_refused(lines, regime):
    with pytest.raises(ValueError):
        order_tax(lines, D("0"), regime)
