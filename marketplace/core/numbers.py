"""Decimals as people and clients read them, and read from what they give."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation


def plain_decimal(value: Decimal | None) -> str | None:
    """``Decimal("0.130000")`` → ``"0.13"``, ``Decimal("100")`` → ``"100"``: no padding from the
    column's scale and never an exponent, so a rate reads the same whichever engine stored it."""
    if value is None:
        return None
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def to_decimal(value) -> Decimal:
    """Decimal from a string or int; floats are refused, they are how money goes wrong."""
    if isinstance(value, float):
        raise TypeError("money amounts are never floats")
    try:
        result = Decimal(value)
    except (InvalidOperation, TypeError) as error:
        raise ValueError(f"not an amount: {value!r}") from error
    if not result.is_finite():
        raise ValueError(f"not an amount: {value!r}")
    return result
