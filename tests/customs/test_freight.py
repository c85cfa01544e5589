"""Freight shared over an order's lines: whole fen, adding up exactly, by largest remainder."""
from decimal import Decimal

import pytest

from marketplace.customs.freight import share_freight


def amounts(*values: str) -> tuple[Decimal, ...]:
    return tuple(Decimal(value) for value in values)


def test_freight_is_shared_in_proportion_to_goods_value():
    assert share_freight(amounts("100", "300"), Decimal("20.00")) == amounts("5.00", "15.00")


def test_a_tie_gives_the_left_over_fen_to_the_earlier_line():
    # 10.00 / 3 = 3.333…: 3.33 each leaves one fen, which goes to the first line.
    assert share_freight(amounts("100", "100", "100"), Decimal("10.00")) == amounts("3.34", "3.33", "3.33")


def test_left_over_fen_go_to_the_largest_remainders_not_the_last_line():
    # Exact shares 0.999, 1.998, 6.993: rounded down 0.99 + 1.99 + 6.99 = 9.97; the two fen left
    # go to the remainders 0.009 and 0.008, not to the largest line.
    assert share_freight(amounts("100", "200", "700"), Decimal("9.99")) == amounts("1.00", "2.00", "6.99")


def test_one_line_takes_all_the_freight_and_no_freight_shares_nothing():
    assert share_freight(amounts("42.10"), Decimal("12.34")) == amounts("12.34")
    assert share_freight(amounts("10", "20"), Decimal("0")) == amounts("0.00", "0.00")


def test_lines_worth_nothing_share_the_freight_equally():
    assert share_freight(amounts("0", "0"), Decimal("0.05")) == amounts("0.03", "0.02")


@pytest.mark.parametrize(("goods_values", "freight"), [
    ((), Decimal("1.00")),
    (amounts("-1", "2"), Decimal("1.00")),
    (amounts("1"), Decimal("-0.01")),
    (amounts("1"), Decimal("1.005")),
])
def test_impossible_inputs_are_refused(goods_values, freight):
    with pytest.raises(ValueError):
        share_freight(goods_values, freight)
