"""The per-orderer limits as pure checks: the code, the limit and by how much."""
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from marketplace.customs import limits
from marketplace.customs.limits import LimitCode, LimitProblem

D = Decimal


@pytest.mark.parametrize(("value", "single_item", "expected_excess"), [
    (D("5000.00"), False, None),  # exactly the limit is within
    (D("5000.01"), False, D("0.01")),
    (D("7500.00"), True, None),  # a single item: general-trade rates instead of a refusal
])
def test_the_single_order_limit(value, single_item, expected_excess):
    problem = limits.single_limit_problem(value, single_item=single_item)
    assert (None if problem is None else problem.excess) == expected_excess
    if problem:
        assert (problem.code, problem.limit, problem.remaining) == ("single_limit_exceeded", D(5000), D(5000))


def test_the_annual_limit_exactly_reached_is_within():
    assert limits.annual_limit_problem(D("6000.00"), already_used=D("20000.00")) is None


def test_the_annual_limit_exceeded_by_a_fen_says_what_was_left():
    problem = limits.annual_limit_problem(D("6000.01"), already_used=D("20000.00"))
    assert problem == LimitProblem(LimitCode.ANNUAL_LIMIT_EXCEEDED, D(26000), D("6000.01"), D("20000.00"))
    assert (problem.excess, problem.remaining) == (D("0.01"), D("6000.00"))


def test_an_exhausted_quota_has_nothing_remaining():
    problem = limits.annual_limit_problem(D("0.01"), already_used=D("26500.00"))
    assert (problem.excess, problem.remaining) == (D("500.01"), D("0.00"))


@pytest.mark.parametrize(("goods_value", "single_item", "expected_excess"), [
    (D("1000.00"), False, None),
    (D("1000.01"), False, D("0.01")),
    (D("1500.00"), True, None),
])
def test_the_postal_parcel_limit(goods_value, single_item, expected_excess):
    problem = limits.postal_parcel_problem(goods_value, single_item=single_item)
    assert (None if problem is None else problem.excess) == expected_excess
    if problem:
        assert problem.code == "postal_parcel_limit_exceeded"


@pytest.mark.parametrize(("quantities", "expected"), [
    ([1], True), ([2], False), ([1, 1], False), ([], False)])
def test_a_single_item_is_one_line_of_one(quantities, expected):
    assert limits.is_single_item(quantities) is expected


def test_the_codes_are_the_api_codes():
    assert [code.value for code in LimitCode] == [
        "single_limit_exceeded", "annual_limit_exceeded", "postal_parcel_limit_exceeded"]


def test_the_quota_year_turns_at_midnight_in_shanghai():
    assert limits.quota_year(datetime(2024, 12, 31, 15, 59, 59, tzinfo=UTC)) == 2024
    assert limits.quota_year(datetime(2024, 12, 31, 16, 0, tzinfo=UTC)) == 2025
    start, end = limits.quota_year_bounds(2025)
    assert (start, end) == (datetime(2024, 12, 31, 16, tzinfo=UTC), datetime(2025, 12, 31, 16, tzinfo=UTC))


def test_a_naive_moment_is_refused():
    with pytest.raises(ValueError):
        limits.quota_year(datetime(2025, 1, 1))
