"""FX rates: the admin sets them, quotes read the rate in force, orders keep their snapshot."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from marketplace.core.clock import utcnow
from marketplace.core.errors import ValidationFailed
from marketplace.extensions import db
from marketplace.money.models import FxRate
from marketplace.money.money import BASE_CURRENCY, Money, convert


class UnknownRate(ValidationFailed):
    code = "unknown_fx_rate"


def set_rate(currency: str, rate: Decimal, *, now: datetime, actor=None, source: str = "admin") -> FxRate:
    """A new rate in force from ``now``; earlier rates stay as history."""
    if rate <= 0:
        message = str(_l("A rate must be greater than zero."))
        raise ValidationFailed(message, fields={"rate": [message]})
    row = FxRate(currency=currency, rate=rate, effective_at=now, source=source,
                 created_by_id=actor.id if actor is not None else None)
    db.session.add(row)
    db.session.flush()
    return row


def current_rates(at: datetime | None = None) -> dict[str, Decimal]:
    """The rate in force for every currency at ``at`` (now by default): the FX snapshot."""
    at = at or utcnow()
    latest = (select(FxRate.currency, func.max(FxRate.effective_at).label("effective_at"))
              .where(FxRate.effective_at <= at).group_by(FxRate.currency).subquery())
    statement = select(FxRate.currency, FxRate.rate, FxRate.id).join(
        latest, (FxRate.currency == latest.c.currency) & (FxRate.effective_at == latest.c.effective_at)
    ).order_by(FxRate.id)
    rates = {currency: rate for currency, rate, _ in db.session.execute(statement)}
    rates[BASE_CURRENCY] = Decimal(1)
    return rates


def rate_history(currency: str) -> list[FxRate]:
    return list(db.session.scalars(select(FxRate).where(FxRate.currency == currency)
                                   .order_by(FxRate.effective_at.desc())))


def to_cny(amount: Money, rates: dict[str, Decimal]) -> Money:
    if amount.currency not in rates:
        raise UnknownRate(str(_l("No exchange rate is set for %(currency)s.", currency=amount.currency)))
    return convert(amount, rates[amount.currency])
