"""The quote: what a checkout would cost, order by order, and what stands in its way.

Every amount is computed here from the database, never taken from the client: the cart's lines
at today's prices, the FX snapshot (one read of the rates in force), each order's rate card and
the tax engine (``customs.tax``). Problems are collected, not raised, so the shopper sees all of
them at once; placing a checkout refuses a quote that has any.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l

from marketplace.cart import services as cart
from marketplace.checkout.drafts import BONDED, DraftOrder, draft_orders
from marketplace.customs import limits, tax
from marketplace.money import services as money
from marketplace.money.money import BASE_CURRENCY, Money
from marketplace.orders import services as orders

CUSTOMS_MODES = {("cbec", "direct_mail"): "9610", ("cbec", "bonded"): "1210"}


@dataclass(frozen=True)
class Problem:
    code: str
    message: str


@dataclass(frozen=True)
class OrderQuote:
    draft: DraftOrder
    tax: tax.OrderTax

    @property
    def total(self) -> Decimal:
        return self.draft.goods + self.draft.shipping + self.tax.total

    @property
    def customs_mode(self) -> str | None:
        return CUSTOMS_MODES.get((self.tax.regime, self.draft.route))


@dataclass(frozen=True)
class Quote:
    orders: tuple[OrderQuote, ...]
    problems: tuple[Problem, ...]
    rates: dict  # the FX snapshot: currency → CNY per unit

    @property
    def total(self) -> Decimal:
        return sum((order.total for order in self.orders), Decimal("0.00"))

    def money(self, amount: Decimal) -> Money:
        return Money(amount, BASE_CURRENCY)


def _tax_line(line) -> tax.TaxLine:
    category = line.sku.listing.tax_category
    rates = tax.TaxRates(Decimal(category.vat_rate), Decimal(category.consumption_tax_rate),
                         Decimal(category.tariff_rate), Decimal(category.postal_rate))
    return tax.TaxLine(line.unit_price, line.quantity, rates)


def taxed(draft: DraftOrder) -> OrderQuote:
    regime = tax.customs_regime(draft.route, draft.shop.customs_regime)
    return OrderQuote(draft, tax.order_tax([_tax_line(line) for line in draft.lines], draft.shipping, regime))


# --- Problems, in words ------------------------------------------------------------------------

def _yuan(amount: Decimal) -> str:
    return str(Money(amount, BASE_CURRENCY).rounded().amount)


def limit_message(problem: limits.LimitProblem, shop_name: str | None = None) -> str:
    numbers = {"amount": _yuan(problem.amount), "limit": _yuan(problem.limit),
               "excess": _yuan(problem.excess), "used": _yuan(problem.already_used), "shop": shop_name or ""}
    if problem.code == limits.LimitCode.SINGLE_LIMIT_EXCEEDED:
        return str(_l("The order from %(shop)s comes to ¥%(amount)s of dutiable value, ¥%(excess)s over "
                      "the ¥%(limit)s limit for one cross-border order. Split it into smaller orders "
                      "or remove an item.", **numbers))
    if problem.code == limits.LimitCode.POSTAL_PARCEL_LIMIT_EXCEEDED:
        return str(_l("The parcel from %(shop)s holds ¥%(amount)s of goods, ¥%(excess)s over the "
                      "¥%(limit)s one personal postal parcel may hold. Remove an item or buy fewer.",
                      **numbers))
    return str(_l("This checkout brings ¥%(amount)s towards the orderer's yearly limit of ¥%(limit)s, "
                  "of which ¥%(used)s is already used: ¥%(excess)s too much. Remove items worth at "
                  "least that much.", **numbers))


def _cart_problems(shown) -> list[Problem]:
    if not shown.items:
        return [Problem("cart_empty", str(_l("Your cart is empty.")))]
    return [Problem("cart_changed", str(_l("“%(title)s” cannot be bought as it is in your cart: check "
                                           "the cart.", title=item.title)))
            for item in shown.items if not item.purchasable]


def _unplaced_problem(item) -> Problem:
    return Problem("out_of_stock", str(_l("“%(title)s”: no bonded warehouse holds %(count)d. Lower the "
                                          "quantity or choose direct mail.", title=item.title,
                                          count=item.quantity)))


def _order_problems(quotes: list[OrderQuote]) -> list[Problem]:
    return [Problem(str(problem.code), limit_message(problem, quote.draft.shop.name))
            for quote in quotes for problem in quote.tax.problems]


def _annual_problem(identity, quotes: list[OrderQuote], now: datetime) -> list[Problem]:
    used = orders.quota_used(identity.id_number_index, limits.quota_year(now))
    value = sum((quote.tax.quota_value for quote in quotes), Decimal("0.00"))
    problem = limits.annual_limit_problem(value, already_used=used)
    return [Problem(str(problem.code), limit_message(problem))] if problem else []


# --- The quote ---------------------------------------------------------------------------------

def quote(shopper, identity, *, locale: str, now: datetime) -> Quote:
    """The shopper's cart as orders for ``identity`` (already checked to be the shopper's)."""
    rates = money.current_rates(now)
    shown = cart.view(cart.user_cart(shopper, now, create=False), locale=locale, now=now)
    problems = _cart_problems(shown)
    items = [item for item in shown.items if item.purchasable]
    drafts, unplaced = draft_orders(items, shown.skus, rates)
    problems += [_unplaced_problem(item) for item in unplaced if item.route == BONDED]
    quotes = [taxed(draft) for draft in drafts]
    problems += _order_problems(quotes) + _annual_problem(identity, quotes, now)
    return Quote(tuple(quotes), tuple(problems), {code: str(rate) for code, rate in rates.items()})
