"""FX rates: the admin sets them, quotes read the rate in force, orders keep their snapshot."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from itertools import chain

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from marketplace.audit import services as audit
from marketplace.core.checks import FieldErrors, clean_decimal
from marketplace.core.clock import utcnow
from marketplace.core.errors import ValidationFailed
from marketplace.extensions import db
from marketplace.money.models import FxRate
from marketplace.money.money import BASE_CURRENCY, CurrencyError, Money, check_currency, convert


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


RATES_READ = "fx_rates_read"


def current_rates(at: datetime | None = None) -> dict[str, Decimal]:
    """The rate in force for every currency at ``at`` (now by default): the FX snapshot. Read
    once per transaction and time: a page asks for it in several places."""
    at = at or utcnow()
    read = db.session.info.setdefault(RATES_READ, {})
    if at not in read:
        read[at] = _rates_at(at)
    return dict(read[at])


def _forget_changed_rates(session, flush_context) -> None:
    if any(isinstance(row, FxRate) for row in chain(session.new, session.dirty, session.deleted)):
        session.info.pop(RATES_READ, None)


def _forget_rates(session) -> None:
    session.info.pop(RATES_READ, None)


def _rates_at(at: datetime) -> dict[str, Decimal]:
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


# --- The admin's rate changes ------------------------------------------------------------------

FX_RATE_PLACES = 6
FX_RATE_LIMIT = Decimal(1_000_000)


def rates_in_force(at: datetime) -> list[FxRate]:
    """The rate row in force at ``at`` for every currency that has one, by currency."""
    latest = (select(FxRate.currency, func.max(FxRate.effective_at).label("effective_at"))
              .where(FxRate.effective_at <= at).group_by(FxRate.currency).subquery())
    statement = select(FxRate).join(
        latest, (FxRate.currency == latest.c.currency) & (FxRate.effective_at == latest.c.effective_at)
    ).order_by(FxRate.currency, FxRate.id.desc())
    rows: dict[str, FxRate] = {}
    for row in db.session.scalars(statement):
        rows.setdefault(row.currency, row)
    return list(rows.values())


def admin_currency(code) -> str:
    """A currency the admin may set a rate for: a known ISO code other than CNY."""
    try:
        currency = check_currency(code.strip() if isinstance(code, str) else "")
    except CurrencyError:
        message = str(_l("Unknown currency."))
        raise ValidationFailed(message, code="unknown_currency", fields={"currency": [message]}) from None
    if currency == BASE_CURRENCY:
        message = str(_l("Prices are in CNY already: its rate is always 1."))
        raise ValidationFailed(message, code="base_currency", fields={"currency": [message]})
    return currency


def change_rate(actor, currency, rate, *, now: datetime) -> FxRate:
    """The admin's new rate (CNY per unit of ``currency``), in force from ``now`` for quotes.
    Earlier rows stay: an order keeps the rate it was placed with."""
    currency = admin_currency(currency)
    errors = FieldErrors()
    rate = clean_decimal(errors, "rate", rate, places=FX_RATE_PLACES, below=FX_RATE_LIMIT)
    errors.raise_if_any()
    previous = next((row for row in rates_in_force(now) if row.currency == currency), None)
    row = set_rate(currency, rate, now=now, actor=actor)
    audit.record(actor, "fx_rate.set", "fx_rate", currency, now=now,
                 before={"rate": previous.rate, "effective_at": previous.effective_at} if previous else None,
                 after={"rate": row.rate, "effective_at": row.effective_at})
    return row


SESSION_EVENTS = (
    ("after_flush", _forget_changed_rates),
    ("after_commit", _forget_rates),
    ("after_rollback", _forget_rates),
)
