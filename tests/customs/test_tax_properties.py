"""Properties of the tax engine over many generated orders."""
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from marketplace.customs.freight import share_freight
from marketplace.customs.tax import TaxLine, TaxRates, comprehensive_tax, order_tax
from tests.customs.rates import DEMO_TABLE

EXAMPLES = settings(max_examples=200, deadline=None)

amounts = st.integers(min_value=0, max_value=1_000_000).map(lambda fen: Decimal(fen).scaleb(-2))
rate = st.integers(min_value=0, max_value=6000).map(lambda basis_points: Decimal(basis_points).scaleb(-4))
any_rates = st.builds(TaxRates, rate, rate, rate, rate)
rates = st.one_of(st.sampled_from(DEMO_TABLE), any_rates)
lines = st.builds(TaxLine, amounts, st.integers(min_value=1, max_value=5), rates)
orders = st.lists(lines, min_size=1, max_size=6)
regimes = st.sampled_from(["cbec", "postal"])


@EXAMPLES
@given(orders, amounts, regimes)
def test_no_tax_is_ever_negative(order_lines, freight, regime):
    result = order_tax(order_lines, freight, regime)
    for taxed in result.lines:
        assert min(taxed.tariff, taxed.consumption_tax, taxed.vat, taxed.postal_tax, taxed.freight_share) >= 0


@EXAMPLES
@given(orders, amounts, regimes)
def test_an_orders_tax_is_the_sum_of_its_lines_and_of_its_components(order_lines, freight, regime):
    result = order_tax(order_lines, freight, regime)
    assert result.total == sum(taxed.total for taxed in result.lines)
    assert result.total == result.tariff + result.consumption_tax + result.vat + result.postal_tax
    assert result.dutiable_value == result.goods_value + freight


@EXAMPLES
@given(orders, amounts)
def test_a_lines_comprehensive_tax_depends_only_on_its_own_dutiable_value(order_lines, freight):
    result = order_tax(order_lines, freight, "cbec")
    if result.regime == "cbec":
        for line, taxed in zip(order_lines, result.lines, strict=True):
            breakdown = comprehensive_tax(taxed.dutiable_value, vat_rate=line.rates.vat_rate,
                                          consumption_tax_rate=line.rates.consumption_tax_rate)
            assert (taxed.consumption_tax, taxed.vat) == (breakdown.consumption_tax, breakdown.vat)


@EXAMPLES
@given(amounts, amounts, st.integers(min_value=1, max_value=5), rates, amounts, regimes)
def test_the_tax_never_falls_as_the_price_rises(price, rise, quantity, line_rates, freight, regime):
    # One line: with several, a dearer line draws freight from lines of other rates.
    cheaper = order_tax([TaxLine(price, quantity, line_rates)], freight, regime)
    dearer = order_tax([TaxLine(price + rise, quantity, line_rates)], freight, regime)
    assert dearer.total >= cheaper.total


@EXAMPLES
@given(st.lists(amounts, min_size=1, max_size=8), amounts)
def test_freight_shares_add_up_to_the_freight_each_within_a_fen_of_its_proportion(goods_values, freight):
    shares = share_freight(goods_values, freight)
    assert sum(shares) == freight
    total = sum(goods_values)
    for value, share in zip(goods_values, shares, strict=True):
        exact = freight * value / total if total else freight / len(goods_values)
        assert share >= 0 and abs(share - exact) < Decimal("0.01")
        assert share == share.quantize(Decimal("0.01"))
