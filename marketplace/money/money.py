"""Money: a Decimal amount with its currency. The one module that converts and rounds.

Rounding is half-up to the currency's minor unit (Babel's precision: CNY 2, JPY 0, KRW 0).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from babel.numbers import format_currency, get_currency_precision, list_currencies

from marketplace.core.numbers import to_decimal

BASE_CURRENCY = "CNY"


class CurrencyError(ValueError):
    pass


@cache
def known_currencies() -> frozenset[str]:
    return frozenset(list_currencies())


def check_currency(code: str) -> str:
    code = (code or "").upper()
    if code not in known_currencies():
        raise CurrencyError(code)
    return code


@cache
def minor_unit(currency: str) -> Decimal:
    return Decimal(1).scaleb(-get_currency_precision(currency))


def round_half_up(amount: Decimal, currency: str) -> Decimal:
    return amount.quantize(minor_unit(currency), rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str

    @classmethod
    def of(cls, amount, currency: str) -> Money:
        return cls(to_decimal(amount), check_currency(currency))

    @classmethod
    def zero(cls, currency: str = BASE_CURRENCY) -> Money:
        return cls(Decimal(0), currency)

    def rounded(self) -> Money:
        return Money(round_half_up(self.amount, self.currency), self.currency)

    def _same(self, other: Money) -> None:
        if other.currency != self.currency:
            raise CurrencyError(f"{self.currency} and {other.currency} do not add")

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, factor) -> Money:
        return Money(self.amount * to_decimal(factor), self.currency)

    __rmul__ = __mul__

    def __lt__(self, other: Money) -> bool:
        self._same(other)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._same(other)
        return self.amount <= other.amount

    def as_json(self) -> dict:
        """The API shape: the amount as a decimal string at the currency's precision."""
        return {"amount": str(round_half_up(self.amount, self.currency)), "currency": self.currency}

    def format(self, locale: str) -> str:
        return format_currency(round_half_up(self.amount, self.currency), self.currency, locale=locale)


def convert(money: Money, rate: Decimal, to: str = BASE_CURRENCY) -> Money:
    """``rate`` is units of ``to`` per one unit of ``money.currency``; the result is rounded
    half-up to the target's minor unit."""
    if money.currency == to:
        return money.rounded()
    return Money(round_half_up(money.amount * rate, to), to)
