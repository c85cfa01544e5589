"""An order's freight shared over its lines, for each line's dutiable value (PRODUCT.md §5).

Pure arithmetic over Decimals. Rounding rule: the shares are whole fen and add up exactly to the
freight, allocated by largest remainder: every line first gets its proportional share rounded
down to the fen; the fen left over then go one each to the lines whose shares lost most in that
rounding, the earlier line first on a tie. The arithmetic is exact (fractions), so the same order
always gets the same shares.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

FEN = Decimal("0.01")


def share_freight(goods_values: Sequence[Decimal], freight: Decimal) -> tuple[Decimal, ...]:
    """Each line's share of ``freight`` (CNY, whole fen), in proportion to its goods value
    (before coupons, which do not reduce the dutiable value). With no goods value at all the
    freight is shared equally."""
    _check_amounts(goods_values, freight)
    weights = [Fraction(value) for value in goods_values]
    if not any(weights):
        weights = [Fraction(1)] * len(weights)
    freight_in_fen = int(freight / FEN)
    exact = [freight_in_fen * weight / sum(weights) for weight in weights]
    shares = [math.floor(share) for share in exact]
    by_remainder = sorted(range(len(exact)), key=lambda index: (shares[index] - exact[index], index))
    for index in by_remainder[:freight_in_fen - sum(shares)]:
        shares[index] += 1
    return tuple(Decimal(share) * FEN for share in shares)


def _check_amounts(goods_values: Sequence[Decimal], freight: Decimal) -> None:
    if not goods_values:
        raise ValueError("freight is shared over at least one line")
    if any(value < 0 for value in goods_values):
        raise ValueError("goods values are never negative")
    if freight < 0 or freight % FEN:
        raise ValueError("freight is a non-negative amount in whole fen")
