"""The limits on what one orderer (订购人) may import (PRODUCT.md §5), as pure checks.

Each check returns ``None`` or a ``LimitProblem``: a stable code (the API's ``problems[].code``
and 422 ``error.code``) and the amounts that say which limit and by how much. The checkout layer
turns a problem into the translated message the shopper reads; nothing here raises for a broken
limit. Amounts are CNY; a limit is met when the amount is at most the limit, so exactly ¥5,000 or
exactly ¥26,000 is still within.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo

# Dutiable value one cross-border order (9610, 1210) may hold at comprehensive-tax rates.
SINGLE_ORDER_LIMIT = Decimal(5000)
# Dutiable value one orderer may import through cross-border orders per calendar year.
ANNUAL_LIMIT = Decimal(26000)
# Goods value one personal postal parcel may hold, unless it is a single indivisible item.
POSTAL_PARCEL_LIMIT = Decimal(1000)
# The annual quota follows the calendar year in China, whatever the shopper's own time zone.
QUOTA_TIME_ZONE = ZoneInfo("Asia/Shanghai")


class LimitCode(StrEnum):
    SINGLE_LIMIT_EXCEEDED = "single_limit_exceeded"
    ANNUAL_LIMIT_EXCEEDED = "annual_limit_exceeded"
    POSTAL_PARCEL_LIMIT_EXCEEDED = "postal_parcel_limit_exceeded"


@dataclass(frozen=True)
class LimitProblem:
    """``amount`` is what this order (or checkout) brings, ``already_used`` what the orderer had
    used of the limit before it (only the annual limit has a past)."""

    code: LimitCode
    limit: Decimal
    amount: Decimal
    already_used: Decimal = Decimal("0.00")

    @property
    def excess(self) -> Decimal:
        """By how much the limit is broken: what the shopper must take out."""
        return self.already_used + self.amount - self.limit

    @property
    def remaining(self) -> Decimal:
        """What was still free under the limit before this order."""
        return max(self.limit - self.already_used, Decimal("0.00"))


def is_single_item(quantities: Sequence[int]) -> bool:
    """One line of quantity 1: the single indivisible item the limits make an exception for."""
    return list(quantities) == [1]


def over_single_limit(dutiable_value: Decimal) -> bool:
    return dutiable_value > SINGLE_ORDER_LIMIT


def single_limit_problem(dutiable_value: Decimal, *, single_item: bool) -> LimitProblem | None:
    """A cross-border order over ¥5,000 of dutiable value is refused, unless it is a single item:
    that one is taxed at general-trade rates instead (see ``tax.order_tax``)."""
    if single_item or not over_single_limit(dutiable_value):
        return None
    return LimitProblem(LimitCode.SINGLE_LIMIT_EXCEEDED, SINGLE_ORDER_LIMIT, dutiable_value)


def annual_limit_problem(dutiable_value: Decimal, *, already_used: Decimal) -> LimitProblem | None:
    """``dutiable_value``: the checkout's cross-border orders together (general-trade ones too;
    postal parcels have no quota); ``already_used``: the orderer's paid orders this quota year,
    less those cancelled or refunded."""
    if already_used + dutiable_value <= ANNUAL_LIMIT:
        return None
    return LimitProblem(LimitCode.ANNUAL_LIMIT_EXCEEDED, ANNUAL_LIMIT, dutiable_value, already_used)


def postal_parcel_problem(goods_value: Decimal, *, single_item: bool) -> LimitProblem | None:
    """A personal postal parcel holds at most ¥1,000 of goods (freight not counted), unless it is
    a single indivisible item."""
    if single_item or goods_value <= POSTAL_PARCEL_LIMIT:
        return None
    return LimitProblem(LimitCode.POSTAL_PARCEL_LIMIT_EXCEEDED, POSTAL_PARCEL_LIMIT, goods_value)


def quota_year(moment: datetime) -> int:
    """The quota year ``moment`` falls in: its calendar year in Asia/Shanghai. A paid order counts
    in the year it was paid."""
    if moment.tzinfo is None:
        raise ValueError("quota_year needs a timezone-aware datetime")
    return moment.astimezone(QUOTA_TIME_ZONE).year


def quota_year_bounds(year: int) -> tuple[datetime, datetime]:
    """The quota year as [start, end): midnight on 1 January in Asia/Shanghai, timezone-aware."""
    return (datetime(year, 1, 1, tzinfo=QUOTA_TIME_ZONE),
            datetime(year + 1, 1, 1, tzinfo=QUOTA_TIME_ZONE))
