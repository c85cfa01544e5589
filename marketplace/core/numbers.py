"""Decimals as people and clients read them."""
from __future__ import annotations

from decimal import Decimal


def plain_decimal(value: Decimal | None) -> str | None:
    """``Decimal("0.130000")`` → ``"0.13"``, ``Decimal("100")`` → ``"100"``: no padding from the
    column's scale and never an exponent, so a rate reads the same whichever engine stored it."""
    if value is None:
        return None
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"
