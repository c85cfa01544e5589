"""Cross-border tax arithmetic (PRODUCT.md §5): pure functions of Decimals, no ORM, no I/O.

Rounding rule, everywhere here: compute every component unrounded from the dutiable value and
the rates, then round each *payable* component half-up to the fen (0.01 CNY); a line's tax is the
sum of its rounded components and an order's tax the sum of its lines'. Never multiply by a
rounded composite rate: for a ¥425 premium cream (VAT 13%, consumption tax 15%) the composite
23.06% gives ¥98.01, the components give ¥98.00.

The entry point for an order is ``order_tax``; ``estimate_unit_tax`` is the product page's
per-unit estimate.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from marketplace.customs import limits
from marketplace.customs.freight import FEN, share_freight
from marketplace.customs.limits import LimitProblem

ZERO = Decimal("0.00")
# Within the limits, cross-border e-commerce imports (9610, 1210) pay 70% of CT and VAT.
CBEC_SHARE = Decimal("0.7")
# Personal postal articles: no tax is collected when it comes to this much or less.
POSTAL_WAIVER = Decimal(50)
# How an order clears customs: comprehensive tax (9610 direct mail, 1210 bonded), general-trade
# rates (a single item over the per-order limit), or personal postal articles (行邮).
REGIME_CBEC, REGIME_GENERAL, REGIME_POSTAL = "cbec", "general", "postal"


@dataclass(frozen=True)
class TaxBreakdown:
    tariff: Decimal
    consumption_tax: Decimal
    vat: Decimal

    @property
    def total(self) -> Decimal:
        return self.tariff + self.consumption_tax + self.vat


@dataclass(frozen=True)
class TaxRates:
    """A tax category's rates as fractions (``Decimal("0.13")``), named as its columns."""

    vat_rate: Decimal
    consumption_tax_rate: Decimal
    tariff_rate: Decimal
    postal_rate: Decimal


@dataclass(frozen=True)
class TaxLine:
    """One order line as the tax engine sees it: the unit price in CNY (already converted at the
    checkout's FX snapshot, before coupons), the quantity and its category's rates."""

    unit_price: Decimal
    quantity: int
    rates: TaxRates

    @property
    def goods_value(self) -> Decimal:
        return self.unit_price * self.quantity


@dataclass(frozen=True)
class LineTax:
    """A line's dutiable value and its payable tax, each component rounded to the fen. A postal
    line has only ``postal_tax``; a comprehensive-tax or general-trade line has no ``postal_tax``."""

    goods_value: Decimal
    freight_share: Decimal
    tariff: Decimal
    consumption_tax: Decimal
    vat: Decimal
    postal_tax: Decimal = ZERO

    @property
    def dutiable_value(self) -> Decimal:
        return self.goods_value + self.freight_share

    @property
    def total(self) -> Decimal:
        return self.tariff + self.consumption_tax + self.vat + self.postal_tax


@dataclass(frozen=True)
class OrderTax:
    """An order's tax, line by line, the regime applied and the limits the order itself breaks
    (the annual limit spans a checkout and the orderer's past: ``limits.annual_limit_problem``).
    ``postal_waived`` says a postal parcel's tax came to ¥50 or less and is not collected."""

    regime: str
    lines: tuple[LineTax, ...]
    problems: tuple[LimitProblem, ...] = ()
    postal_waived: bool = False

    @property
    def goods_value(self) -> Decimal:
        return sum((line.goods_value for line in self.lines), ZERO)

    @property
    def freight(self) -> Decimal:
        return sum((line.freight_share for line in self.lines), ZERO)

    @property
    def dutiable_value(self) -> Decimal:
        return sum((line.dutiable_value for line in self.lines), ZERO)

    @property
    def tariff(self) -> Decimal:
        return sum((line.tariff for line in self.lines), ZERO)

    @property
    def consumption_tax(self) -> Decimal:
        return sum((line.consumption_tax for line in self.lines), ZERO)

    @property
    def vat(self) -> Decimal:
        return sum((line.vat for line in self.lines), ZERO)

    @property
    def postal_tax(self) -> Decimal:
        return sum((line.postal_tax for line in self.lines), ZERO)

    @property
    def total(self) -> Decimal:
        return sum((line.total for line in self.lines), ZERO)

    @property
    def quota_value(self) -> Decimal:
        """What the order uses of the orderer's annual quota: postal parcels have none."""
        return ZERO if self.regime == REGIME_POSTAL else self.dutiable_value


def to_fen(amount: Decimal) -> Decimal:
    """Half-up to the fen: 0.005 becomes 0.01."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def _ct_and_vat(base: Decimal, vat_rate: Decimal, consumption_tax_rate: Decimal) -> tuple[Decimal, Decimal]:
    """Unrounded CT = base × c / (1 − c) and VAT = (base + CT) × v."""
    consumption_tax = base * consumption_tax_rate / (1 - consumption_tax_rate)
    return consumption_tax, (base + consumption_tax) * vat_rate


def comprehensive_tax(base: Decimal, *, vat_rate: Decimal, consumption_tax_rate: Decimal) -> TaxBreakdown:
    """Comprehensive tax (9610 and 1210) on the dutiable value ``base`` within the limits: no
    tariff, CT and VAT at 70%, each payable component rounded half-up to the fen."""
    consumption_tax, vat = _ct_and_vat(base, vat_rate, consumption_tax_rate)
    return TaxBreakdown(ZERO, to_fen(consumption_tax * CBEC_SHARE), to_fen(vat * CBEC_SHARE))


def general_trade_tax(base: Decimal, *, tariff_rate: Decimal, vat_rate: Decimal,
                      consumption_tax_rate: Decimal) -> TaxBreakdown:
    """A single item over the per-order limit: tariff first, then CT and VAT in full on the
    tariff-inclusive base, nothing at 70%; each component rounded half-up to the fen."""
    tariff = base * tariff_rate
    consumption_tax, vat = _ct_and_vat(base + tariff, vat_rate, consumption_tax_rate)
    return TaxBreakdown(to_fen(tariff), to_fen(consumption_tax), to_fen(vat))


def postal_duty(base: Decimal, *, postal_rate: Decimal) -> Decimal:
    """Personal postal articles before the waiver: ``base`` × the postal rate, half-up to the fen."""
    return to_fen(base * postal_rate)


def postal_tax(base: Decimal, *, postal_rate: Decimal) -> Decimal:
    """Personal postal articles: ``base`` × the postal rate, rounded half-up to the fen, and
    waived (zero) when that is ¥50 or less."""
    tax = postal_duty(base, postal_rate=postal_rate)
    return ZERO if tax <= POSTAL_WAIVER else tax


def customs_regime(route: str, direct_mail_regime: str) -> str:
    """How an order by ``route`` clears before the limits are applied: bonded is always 1210
    (``cbec``); direct mail as the shop's channel clears it, 9610 (``cbec``) or ``postal``."""
    postal = route == "direct_mail" and direct_mail_regime == REGIME_POSTAL
    return REGIME_POSTAL if postal else REGIME_CBEC


def order_tax(lines: Sequence[TaxLine], freight: Decimal, regime: str) -> OrderTax:
    """The tax on one order (one customs declaration) under ``regime`` (``customs_regime``).

    Each line's dutiable value is its goods value plus its share of ``freight`` (whole fen,
    by largest remainder: ``freight.share_freight``). Under ``cbec`` an order over ¥5,000 that
    is a single item (quantity 1) pays general-trade rates (regime ``general``); one that is not
    is taxed at comprehensive rates and carries ``single_limit_exceeded``. A ``postal`` parcel
    pays the postal rates, waived when the parcel's tax is ¥50 or less, and carries
    ``postal_parcel_limit_exceeded`` when it holds over ¥1,000 of goods in more than one item.
    Rounding: each payable component half-up to the fen, the order's tax the sum of its lines'.
    """
    if not lines:
        raise ValueError("an order has at least one line")
    shares = share_freight([line.goods_value for line in lines], freight)
    if regime == REGIME_POSTAL:
        return _postal_order(lines, shares)
    if regime != REGIME_CBEC:
        raise ValueError(f"unknown customs regime {regime!r}")
    return _cross_border_order(lines, shares)


def _cross_border_order(lines: Sequence[TaxLine], shares: Sequence[Decimal]) -> OrderTax:
    dutiable_value = sum(line.goods_value + share for line, share in zip(lines, shares, strict=True))
    single_item = limits.is_single_item([line.quantity for line in lines])
    if single_item and limits.over_single_limit(dutiable_value):
        return OrderTax(REGIME_GENERAL, (_general_line(lines[0], shares[0]),))
    problem = limits.single_limit_problem(dutiable_value, single_item=single_item)
    taxed = tuple(_comprehensive_line(line, share) for line, share in zip(lines, shares, strict=True))
    return OrderTax(REGIME_CBEC, taxed, _present(problem))


def _comprehensive_line(line: TaxLine, freight_share: Decimal) -> LineTax:
    rates = line.rates
    breakdown = comprehensive_tax(line.goods_value + freight_share, vat_rate=rates.vat_rate,
                                  consumption_tax_rate=rates.consumption_tax_rate)
    return _line_tax(line, freight_share, breakdown)


def _general_line(line: TaxLine, freight_share: Decimal) -> LineTax:
    rates = line.rates
    breakdown = general_trade_tax(line.goods_value + freight_share, tariff_rate=rates.tariff_rate,
                                  vat_rate=rates.vat_rate, consumption_tax_rate=rates.consumption_tax_rate)
    return _line_tax(line, freight_share, breakdown)


def _line_tax(line: TaxLine, freight_share: Decimal, breakdown: TaxBreakdown) -> LineTax:
    return LineTax(line.goods_value, freight_share, breakdown.tariff, breakdown.consumption_tax,
                   breakdown.vat)


def _postal_order(lines: Sequence[TaxLine], shares: Sequence[Decimal]) -> OrderTax:
    """The ¥50 waiver is for the parcel: it applies to the sum of its lines' rounded duties."""
    duties = [postal_duty(line.goods_value + share, postal_rate=line.rates.postal_rate)
              for line, share in zip(lines, shares, strict=True)]
    waived = sum(duties, ZERO) <= POSTAL_WAIVER
    taxed = tuple(LineTax(line.goods_value, share, ZERO, ZERO, ZERO, ZERO if waived else duty)
                  for line, share, duty in zip(lines, shares, duties, strict=True))
    goods_value = sum((line.goods_value for line in lines), ZERO)
    single_item = limits.is_single_item([line.quantity for line in lines])
    problem = limits.postal_parcel_problem(goods_value, single_item=single_item)
    return OrderTax(REGIME_POSTAL, taxed, _present(problem), postal_waived=waived)


def _present(problem: LimitProblem | None) -> tuple[LimitProblem, ...]:
    return () if problem is None else (problem,)


def estimate_unit_tax(base: Decimal, *, route: str, direct_mail_regime: str, vat_rate: Decimal,
                      consumption_tax_rate: Decimal, tariff_rate: Decimal,
                      postal_rate: Decimal) -> tuple[Decimal, str]:
    """The tax on one unit worth ``base`` CNY by ``route``, and the regime applied: ``postal``
    for direct mail from a shop whose parcels clear as personal postal articles, ``general`` for
    a single item over the per-order limit, ``cbec`` (comprehensive tax) otherwise. Shipping is
    left out of the base: this is the estimate a product page shows, not a quote."""
    if customs_regime(route, direct_mail_regime) == REGIME_POSTAL:
        return postal_tax(base, postal_rate=postal_rate), REGIME_POSTAL
    if limits.over_single_limit(base):
        return general_trade_tax(base, tariff_rate=tariff_rate, vat_rate=vat_rate,
                                 consumption_tax_rate=consumption_tax_rate).total, REGIME_GENERAL
    breakdown = comprehensive_tax(base, vat_rate=vat_rate, consumption_tax_rate=consumption_tax_rate)
    return breakdown.total, REGIME_CBEC
