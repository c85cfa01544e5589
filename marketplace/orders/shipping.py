"""Shipping fees by rate card: a base fee per parcel plus a fee per started kilogram, free when
the goods reach the card's threshold. Pure functions of Decimals, in CNY."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

GRAMS_PER_KG = 1000


@dataclass(frozen=True)
class RateCard:
    base: Decimal
    per_kg: Decimal
    free_over: Decimal | None = None  # goods at or over this ship free; None: never free


def started_kilograms(weight_g: int) -> int:
    """1 g to 1,000 g is one kilogram, 1,001 g two: carriers charge every started kilogram."""
    return max(1, -(-weight_g // GRAMS_PER_KG))


def shipping_fee(card: RateCard, *, weight_g: int, goods: Decimal) -> Decimal:
    if card.free_over is not None and goods >= card.free_over:
        return Decimal("0.00")
    return (card.base + card.per_kg * started_kilograms(weight_g)).quantize(Decimal("0.01"))
